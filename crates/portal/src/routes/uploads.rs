//! Resumable uploads of papers: create, ask the confirmed offset, send a
//! chunk (the hash is checked on the last byte).

#[allow(unused_imports)]
use super::*;
use crate::db;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gocua_protocol::{UPLOAD_OFFSET, UploadCreate, UploadInfo};

pub(super) async fn upload_create(
    State(st): St,
    headers: HeaderMap,
    Json(req): Json<UploadCreate>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    // Lower-case only: the hash is compared as text with the one computed
    // from the bytes, so an upper-case one could never complete.
    let valid_hash = req.sha256.len() == 64
        && req
            .sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if !valid_hash || req.size == 0 || req.size > 50 * 1024 * 1024 {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "sha256 (64 lower-case hex) and size (1 B – 50 MB) are required".into(),
        ));
    }
    idempotent(&st, &device, "POST /v1/uploads", &headers, |tx| {
        // The same content already uploaded completely by this device is reused.
        let id = match db::complete_upload_of(tx, &device, &req.sha256, req.size)? {
            Some(id) => id,
            None => {
                let id = format!("up-{}", random_hex(12)?);
                db::insert_upload(tx, &id, &device, &req)?;
                id
            }
        };
        let info = db::upload_info(tx, &device, &id)?.ok_or_else(|| internal("upload vanished"))?;
        Ok((StatusCode::CREATED, to_json(&info)?))
    })
}

pub(super) fn offset_headers(info: &UploadInfo) -> [(header::HeaderName, HeaderValue); 2] {
    [
        // The protocol's Upload-Offset and Upload-Length, as header names are sent.
        (
            header::HeaderName::from_static("upload-offset"),
            HeaderValue::from(info.offset),
        ),
        (
            header::HeaderName::from_static("upload-length"),
            HeaderValue::from(info.size),
        ),
    ]
}

pub(super) async fn upload_head(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let conn = st.db.lock().map_err(internal)?;
    let info = db::upload_info(&conn, &device, &id)?.ok_or_else(|| {
        Fail(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no upload {id}"),
        )
    })?;
    Ok((StatusCode::OK, offset_headers(&info)).into_response())
}

pub(super) async fn upload_patch(
    State(st): St,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let claimed: u64 = headers
        .get(UPLOAD_OFFSET)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| {
            Fail(
                StatusCode::BAD_REQUEST,
                "invalid",
                "Upload-Offset is required".into(),
            )
        })?;
    let mut conn = st.db.lock().map_err(internal)?;
    let tx = conn.transaction()?;
    let info = db::upload_info(&tx, &device, &id)?.ok_or_else(|| {
        Fail(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no upload {id}"),
        )
    })?;
    if claimed != info.offset || info.complete {
        // Not where the server is: the client asks HEAD and resumes from there.
        let mut r = Fail(
            StatusCode::CONFLICT,
            "offset_mismatch",
            format!("confirmed offset is {}", info.offset),
        )
        .into_response();
        for (k, v) in offset_headers(&info) {
            r.headers_mut().insert(k, v);
        }
        return Ok(r);
    }
    let end = info.offset + body.len() as u64;
    if body.is_empty() || end > info.size {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "chunk past the upload's length".into(),
        ));
    }
    db::append_chunk(&tx, &id, info.offset, body.as_ref())?;
    let mut complete = false;
    if end == info.size {
        let (got, _) = db::stored_hash(&tx, &id)?;
        if got != db::declared_hash(&tx, &id)? {
            db::restart_upload(&tx, &id)?;
            tx.commit()?;
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "hash_mismatch",
                "the bytes do not match the SHA-256; start again".into(),
            ));
        }
        complete = true;
    }
    db::confirm_upload(&tx, &id, end, complete)?;
    tx.commit()?;
    let info = UploadInfo {
        id,
        offset: end,
        size: info.size,
        complete,
    };
    Ok((StatusCode::NO_CONTENT, offset_headers(&info)).into_response())
}
