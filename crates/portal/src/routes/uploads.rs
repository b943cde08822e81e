//! Resumable uploads of papers: create, ask the confirmed offset, send a
//! chunk (the hash is checked on the last byte).

#[allow(unused_imports)]
use super::*;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gocua_core::hex::encode as hex;
use gocua_protocol::{UPLOAD_OFFSET, UploadCreate, UploadInfo};
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

pub(super) fn upload_info(
    tx: &rusqlite::Connection,
    device: &str,
    id: &str,
) -> Result<Option<UploadInfo>, Fail> {
    Ok(tx
        .query_row(
            "SELECT id, confirmed, size, complete FROM upload WHERE id = ?1 AND device = ?2",
            params![id, device],
            |r| {
                Ok(UploadInfo {
                    id: r.get(0)?,
                    offset: r.get(1)?,
                    size: r.get(2)?,
                    complete: r.get(3)?,
                })
            },
        )
        .optional()?)
}

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
        let done: Option<String> = tx
            .query_row(
                "SELECT id FROM upload WHERE device = ?1 AND sha256 = ?2 AND size = ?3 AND complete = 1",
                params![device, req.sha256, req.size],
                |r| r.get(0),
            )
            .optional()?;
        let id = match done {
            Some(id) => id,
            None => {
                let id = format!("up-{}", random_hex(12)?);
                tx.execute(
                    "INSERT INTO upload (id, device, sha256, size, name, mime) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, device, req.sha256, req.size, req.name, req.mime],
                )?;
                id
            }
        };
        let info = upload_info(tx, &device, &id)?.ok_or_else(|| internal("upload vanished"))?;
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
    let info = upload_info(&conn, &device, &id)?.ok_or_else(|| {
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
    let info = upload_info(&tx, &device, &id)?.ok_or_else(|| {
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
    tx.execute(
        "INSERT INTO chunk (upload, start, data) VALUES (?1, ?2, ?3)",
        params![id, info.offset, body.as_ref()],
    )?;
    let mut complete = false;
    if end == info.size {
        let mut hasher = Sha256::new();
        {
            let mut stmt = tx.prepare("SELECT data FROM chunk WHERE upload = ?1 ORDER BY start")?;
            let mut rows = stmt.query([&id])?;
            while let Some(row) = rows.next()? {
                let data: Vec<u8> = row.get(0)?;
                hasher.update(&data);
            }
        }
        let got: String = hex(&hasher.finalize());
        let want: String = tx.query_row("SELECT sha256 FROM upload WHERE id = ?1", [&id], |r| {
            r.get(0)
        })?;
        if got != want {
            tx.execute("DELETE FROM chunk WHERE upload = ?1", [&id])?;
            tx.execute("UPDATE upload SET confirmed = 0 WHERE id = ?1", [&id])?;
            tx.commit()?;
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "hash_mismatch",
                "the bytes do not match the SHA-256; start again".into(),
            ));
        }
        complete = true;
    }
    tx.execute(
        "UPDATE upload SET confirmed = ?2, complete = ?3 WHERE id = ?1",
        params![id, end, complete],
    )?;
    tx.commit()?;
    let info = UploadInfo {
        id,
        offset: end,
        size: info.size,
        complete,
    };
    Ok((StatusCode::NO_CONTENT, offset_headers(&info)).into_response())
}
