//! The handlers of the portal protocol.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, head, post};
use axum::{Json, Router};
use gocua_core::hex::encode as hex;
use gocua_protocol::{
    BoSungNop, ChangesPage, DatTrangThai, DeviceRegistration, DeviceToken, ErrorBody, HoSo,
    HoSoBoSung, HoSoNop, IDEMPOTENCY_KEY, ThayDoi, UPLOAD_OFFSET, UploadCreate, UploadInfo,
};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use crate::db;
use crate::faults::{FaultKind, Step};
use crate::{AppState, VERSION};

type St = State<Arc<AppState>>;

/// The largest fee a dossier may declare, in đồng (the protocol's maximum).
const MAX_FEE: u64 = 1_000_000_000_000;

/// The largest chunk one PATCH may carry.
const MAX_CHUNK: usize = 4 * 1024 * 1024;

pub(crate) fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route(
            &format!("/{}", gocua_protocol::HEALTH_PATH),
            get(|| async { Json(gocua_protocol::Health::current(VERSION)) }),
        )
        .route("/v1/devices", post(register))
        .route("/v1/uploads", post(upload_create))
        .route("/v1/uploads/{id}", head(upload_head).patch(upload_patch))
        .route("/v1/dossiers", post(submit).get(changes))
        .route("/v1/dossiers/{code}", get(dossier))
        .route("/v1/dossiers/{code}/supplements", post(supplement))
        .route("/v1/catalogue/latest", get(catalogue))
        .route("/v1/admin/dossiers/{code}/status", post(set_status))
        .route("/v1/admin/dossiers", get(all_dossiers))
        .route("/v1/admin/dossiers/{code}/papers", get(dossier_papers))
        .route("/v1/admin/devices/forget", post(forget_devices))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            authenticate,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), inject))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_CHUNK + 64 * 1024))
        .layer(axum::middleware::from_fn(json_errors))
        .fallback(|| async { Fail(StatusCode::NOT_FOUND, "not_found", "no such route".into()) })
        .with_state(state)
}

/// Every error answer is an [`ErrorBody`] in JSON, as the protocol says —
/// also the ones axum writes itself (a malformed JSON body, a wrong
/// Content-Type, a bad query string, a body over the limit), which come as
/// plain text. Headers (Retry-After, Upload-Offset) are kept.
async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let code = match status {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "unavailable",
        _ => "invalid",
    };
    let message = match text.trim() {
        "" => status.canonical_reason().unwrap_or("error").to_owned(),
        t => t.to_owned(),
    };
    let mut out = (
        status,
        Json(ErrorBody {
            error_code: code.into(),
            message,
        }),
    )
        .into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// An error answer.
pub(crate) struct Fail(StatusCode, &'static str, String);

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        (
            self.0,
            Json(ErrorBody {
                error_code: self.1.to_owned(),
                message: self.2,
            }),
        )
            .into_response()
    }
}

fn internal(e: impl std::fmt::Display) -> Fail {
    Fail(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Self {
        internal(e)
    }
}

/// `yyyyMMddHHmmss` in Vietnam time, now.
fn stamp() -> String {
    let t = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+7));
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn random_hex(bytes: usize) -> Result<String, Fail> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(internal)?;
    Ok(hex(&buf))
}

fn device(st: &AppState, headers: &HeaderMap) -> Result<String, Fail> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            Fail(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "a device token is needed".into(),
            )
        })?;
    let conn = st.db.lock().map_err(internal)?;
    db::device_of(&conn, token)?.ok_or_else(|| {
        Fail(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "unknown device token".into(),
        )
    })
}

fn json_reply(status: StatusCode, body: Vec<u8>) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Runs `body` once per (device, Idempotency-Key): a retried request gets
/// the first success again. The mutation and the stored answer commit together.
/// A key belongs to the route it was first used on (`route`, e.g.
/// `POST /v1/uploads`): reused on another, it is refused, never answered
/// with another request's result.
fn idempotent(
    st: &AppState,
    device: &str,
    route: &str,
    headers: &HeaderMap,
    body: impl FnOnce(&Transaction<'_>) -> Result<(StatusCode, Vec<u8>), Fail>,
) -> Result<Response, Fail> {
    let key = headers
        .get(IDEMPOTENCY_KEY)
        .and_then(|v| v.to_str().ok())
        .filter(|k| !k.is_empty() && k.len() <= 100)
        .ok_or_else(|| {
            Fail(
                StatusCode::BAD_REQUEST,
                "invalid",
                "Idempotency-Key is required".into(),
            )
        })?;
    let mut conn = st.db.lock().map_err(internal)?;
    let tx = conn.transaction()?;
    if let Some((status, body, first_route)) = db::remembered(&tx, device, key)? {
        if !first_route.is_empty() && first_route != route {
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "this Idempotency-Key was used for another request".into(),
            ));
        }
        let status = StatusCode::from_u16(status).map_err(internal)?;
        return Ok(json_reply(status, body));
    }
    let (status, out) = body(&tx)?;
    db::remember(&tx, device, key, route, status.as_u16(), &out)?;
    tx.commit()?;
    Ok(json_reply(status, out))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Vec<u8>, Fail> {
    serde_json::to_vec(v).map_err(internal)
}

async fn register(State(st): St, Json(req): Json<DeviceRegistration>) -> Result<Response, Fail> {
    let name = req.device_name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "device_name must be 1–200 characters".into(),
        ));
    }
    let key_hash = match &req.installation_key {
        Some(k) if gocua_protocol::is_installation_key(k) => {
            Some(hex(&Sha256::digest(k.as_bytes())))
        }
        Some(_) => {
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "installation_key must be 64 lower-case hex digits".into(),
            ));
        }
        None => None,
    };
    let token = random_hex(32)?;
    let mut conn = st.db.lock().map_err(internal)?;
    let tx = conn.transaction()?;
    // A laptop that registers again with its key stays the same device: a
    // new token (the old one stops working), the same dossiers and uploads.
    if let Some(hash) = &key_hash
        && let Some(device_id) = db::device_of_key(&tx, hash)?
    {
        tx.execute(
            "UPDATE device SET token = ?2, name = ?3 WHERE id = ?1",
            params![device_id, token, name],
        )?;
        tx.commit()?;
        return Ok((StatusCode::OK, Json(DeviceToken { device_id, token })).into_response());
    }
    let device_id = format!("dev-{}", random_hex(8)?);
    tx.execute(
        "INSERT INTO device (id, token, name, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![device_id, token, name, stamp()],
    )?;
    if let Some(hash) = &key_hash {
        tx.execute(
            "INSERT INTO device_key (key_hash, device) VALUES (?1, ?2)",
            params![hash, device_id],
        )?;
    }
    tx.commit()?;
    Ok((StatusCode::CREATED, Json(DeviceToken { device_id, token })).into_response())
}

fn upload_info(
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

async fn upload_create(
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

fn offset_headers(info: &UploadInfo) -> [(header::HeaderName, HeaderValue); 2] {
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

async fn upload_head(
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

async fn upload_patch(
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

/// Checks that every paper refers to a complete upload of this device with the same hash.
fn check_papers(
    tx: &Transaction<'_>,
    device: &str,
    papers: &[gocua_protocol::TaiLieuNop],
) -> Result<(), Fail> {
    for p in papers {
        let ok: Option<bool> = tx
            .query_row(
                "SELECT complete = 1 AND sha256 = ?3 FROM upload WHERE id = ?1 AND device = ?2",
                params![p.tep_dinh_kem_id, device, p.sha256],
                |r| r.get(0),
            )
            .optional()?;
        if ok != Some(true) {
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "upload_incomplete",
                format!(
                    "upload {} is missing, incomplete or of other content",
                    p.tep_dinh_kem_id
                ),
            ));
        }
    }
    Ok(())
}

fn load(tx: &rusqlite::Connection, device: &str, code: &str) -> Result<Option<HoSo>, Fail> {
    let row: Option<(String, String, u8, String, Option<String>)> = tx
        .query_row(
            "SELECT client_id, body, status, submitted_at, received_at FROM dossier WHERE code = ?1 AND device = ?2",
            params![code, device],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((client_id, body, status, submitted, received)) = row else {
        return Ok(None);
    };
    let nop: HoSoNop = serde_json::from_str(&body).map_err(internal)?;
    let mut stmt = tx.prepare("SELECT id, note, asked_at, answered_at FROM supplement WHERE code = ?1 ORDER BY asked_at, id")?;
    let supplements = stmt
        .query_map([code], |r| {
            let answered: Option<String> = r.get(3)?;
            Ok(HoSoBoSung {
                ho_so_bo_sung_id: r.get(0)?,
                noi_dung_bo_sung: r.get(1)?,
                ngay_bo_sung: r.get(2)?,
                trang_thai_bo_sung: u8::from(answered.is_some()),
                ngay_tiep_nhan_bo_sung: answered,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(HoSo {
        ma_ho_so: code.to_owned(),
        ma_ho_so_noi_bo: client_id,
        ma_tthc: nop.ma_tthc,
        trang_thai_ho_so: status,
        ngay_nop_ho_so: submitted,
        ngay_tiep_nhan: received,
        ngay_hen_tra: None,
        tai_lieu_nop: nop.tai_lieu_nop,
        danh_sach_ho_so_bo_sung: supplements,
    }))
}

async fn submit(
    State(st): St,
    headers: HeaderMap,
    Json(req): Json<HoSoNop>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    if req.ma_ho_so_noi_bo.trim().is_empty() || req.ma_tthc.trim().is_empty() {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "MaHoSoNoiBo and MaTTHC are required".into(),
        ));
    }
    if req.danh_sach_le_phi.iter().any(|f| f.gia > MAX_FEE) {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("a fee (Gia) is at most {MAX_FEE} đồng"),
        ));
    }
    // Only "yes" is a value of the header; anything else is a mistake, not "no".
    if let Some(v) = headers.get(gocua_protocol::CITIZEN_PRESENT)
        && v.as_bytes() != b"yes"
    {
        return Err(Fail(
            StatusCode::BAD_REQUEST,
            "invalid",
            "Citizen-Present can only be \"yes\"".into(),
        ));
    }
    idempotent(&st, &device, "POST /v1/dossiers", &headers, |tx| {
        // The same client dossier twice (even under another key) is one dossier.
        let existing: Option<String> = tx
            .query_row(
                "SELECT code FROM dossier WHERE device = ?1 AND client_id = ?2",
                params![device, req.ma_ho_so_noi_bo],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(code) = existing {
            let hoso = load(tx, &device, &code)?.ok_or_else(|| internal("dossier vanished"))?;
            return Ok((StatusCode::OK, to_json(&hoso)?));
        }
        if needs_confirmation(st.confirm_every, &req.ma_ho_so_noi_bo)
            && headers
                .get(gocua_protocol::CITIZEN_PRESENT)
                .and_then(|v| v.to_str().ok())
                != Some("yes")
        {
            return Err(Fail(
                StatusCode::PRECONDITION_REQUIRED,
                "citizen_confirmation",
                "this dossier must be confirmed by the citizen (VNeID)".into(),
            ));
        }
        check_papers(tx, &device, &req.tai_lieu_nop)?;
        let now = stamp();
        let n = db::next(tx, "dossier")?;
        let code = format!("GC-{}-{n:06}", &now[2..8]);
        tx.execute(
            "INSERT INTO dossier (code, device, client_id, body, status, submitted_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
            params![code, device, req.ma_ho_so_noi_bo, serde_json::to_string(&req).map_err(internal)?, now],
        )?;
        st.stats
            .dossiers_stored
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        db::record_change(tx, &device, &code, 1, None, &now)?;
        let hoso = load(tx, &device, &code)?.ok_or_else(|| internal("dossier vanished"))?;
        Ok((StatusCode::CREATED, to_json(&hoso)?))
    })
}

async fn dossier(
    State(st): St,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let conn = st.db.lock().map_err(internal)?;
    let hoso = load(&conn, &device, &code)?.ok_or_else(|| {
        Fail(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no dossier {code}"),
        )
    })?;
    Ok(Json(hoso).into_response())
}

#[derive(serde::Deserialize)]
struct ChangesQuery {
    // i64: SQLite's integers; a larger cursor is a bad request, not a 500.
    #[serde(default)]
    changed_since: i64,
    #[serde(default)]
    limit: Option<u32>,
}

async fn changes(
    State(st): St,
    headers: HeaderMap,
    Query(q): Query<ChangesQuery>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let limit = q.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) || q.changed_since < 0 {
        return Err(Fail(
            StatusCode::BAD_REQUEST,
            "invalid",
            "limit must be 1–1000 and changed_since at least 0".into(),
        ));
    }
    let conn = st.db.lock().map_err(internal)?;
    let mut stmt = conn.prepare(
        "SELECT c.seq, c.code, d.client_id, c.status, c.at, c.note FROM change c
         JOIN dossier d ON d.code = c.code
         WHERE c.device = ?1 AND c.seq > ?2 ORDER BY c.seq LIMIT ?3",
    )?;
    let mut items = stmt
        .query_map(params![device, q.changed_since, limit + 1], |r| {
            Ok(ThayDoi {
                seq: r.get(0)?,
                ma_ho_so: r.get(1)?,
                ma_ho_so_noi_bo: r.get(2)?,
                trang_thai_ho_so: r.get(3)?,
                ngay_cap_nhat: r.get(4)?,
                noi_dung: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let cursor = items
        .last()
        .map_or(q.changed_since.unsigned_abs(), |c| c.seq);
    Ok(Json(ChangesPage {
        items,
        cursor,
        more,
    })
    .into_response())
}

async fn supplement(
    State(st): St,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(req): Json<BoSungNop>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let route = format!("POST /v1/dossiers/{code}/supplements");
    idempotent(&st, &device, &route, &headers, |tx| {
        let hoso = load(tx, &device, &code)?.ok_or_else(|| {
            Fail(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no dossier {code}"),
            )
        })?;
        if hoso.trang_thai_ho_so != 5 {
            return Err(Fail(
                StatusCode::CONFLICT,
                "wrong_state",
                format!(
                    "dossier {code} is in state {}, not 5",
                    hoso.trang_thai_ho_so
                ),
            ));
        }
        check_papers(tx, &device, &req.tai_lieu_nop)?;
        let now = stamp();
        let body: String =
            tx.query_row("SELECT body FROM dossier WHERE code = ?1", [&code], |r| {
                r.get(0)
            })?;
        let mut nop: HoSoNop = serde_json::from_str(&body).map_err(internal)?;
        nop.du_lieu_bieu_mau = req.du_lieu_bieu_mau.clone();
        nop.tai_lieu_nop = req.tai_lieu_nop.clone();
        tx.execute(
            "UPDATE dossier SET body = ?2, status = 4 WHERE code = ?1",
            params![code, serde_json::to_string(&nop).map_err(internal)?],
        )?;
        tx.execute(
            "UPDATE supplement SET answered_at = ?2 WHERE code = ?1 AND answered_at IS NULL",
            params![code, now],
        )?;
        db::record_change(tx, &device, &code, 4, Some(&req.noi_dung_bo_sung), &now)?;
        let hoso = load(tx, &device, &code)?.ok_or_else(|| internal("dossier vanished"))?;
        Ok((StatusCode::OK, to_json(&hoso)?))
    })
}

async fn catalogue(State(st): St) -> Response {
    let body: String = match &st.catalogue {
        Some(pack) => pack.to_string(),
        None => include_str!("../../../data/catalogue/vn-national.json").to_owned(),
    };
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Sandbox only: every dossier as (MaHoSo, client id, TrangThaiHoSo), for
/// trainers and for tests that count what arrived.
async fn all_dossiers(State(st): St) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    let mut stmt = conn.prepare("SELECT code, client_id, status FROM dossier ORDER BY code")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Json(rows).into_response())
}

/// The papers of a dossier as the portal holds them: for each, its
/// component code and the SHA-256 and length of the bytes actually stored
/// (sandbox only: a benchmark checks every photo arrived whole).
async fn dossier_papers(State(st): St, Path(code): Path<String>) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    let body: Option<String> = conn
        .query_row("SELECT body FROM dossier WHERE code = ?1", [&code], |r| {
            r.get(0)
        })
        .optional()?;
    let body = body.ok_or_else(|| Fail(StatusCode::NOT_FOUND, "not_found", code.clone()))?;
    let nop: HoSoNop = serde_json::from_str(&body).map_err(internal)?;
    let mut out = Vec::new();
    for p in &nop.tai_lieu_nop {
        let mut hasher = Sha256::new();
        let mut len = 0u64;
        let mut stmt = conn.prepare("SELECT data FROM chunk WHERE upload = ?1 ORDER BY start")?;
        let mut rows = stmt.query([&p.tep_dinh_kem_id])?;
        while let Some(row) = rows.next()? {
            let data: Vec<u8> = row.get(0)?;
            len += data.len() as u64;
            hasher.update(&data);
        }
        let hash: String = hex(&hasher.finalize());
        out.push((p.ma_thanh_phan_ho_so.clone(), hash, len));
    }
    Ok(Json(out).into_response())
}

/// Every device's token stops working, as when a portal revokes tokens or
/// is restored from an old backup (sandbox only). Devices and their
/// installation keys stay.
async fn forget_devices(State(st): St) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    let n = conn.execute(
        "UPDATE device SET token = 'revoked-' || id || '-' || token",
        [],
    )?;
    Ok(Json(n).into_response())
}

/// Moves a dossier to `status` as an office would (sandbox only).
pub(crate) fn move_to(
    tx: &Transaction<'_>,
    code: &str,
    status: u8,
    note: Option<&str>,
) -> Result<(), Fail> {
    let device: Option<String> = tx
        .query_row("SELECT device FROM dossier WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .optional()?;
    let device = device.ok_or_else(|| {
        Fail(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no dossier {code}"),
        )
    })?;
    let now = stamp();
    tx.execute(
        "UPDATE dossier SET status = ?2 WHERE code = ?1",
        params![code, status],
    )?;
    if status == 2 {
        tx.execute(
            "UPDATE dossier SET received_at = ?2 WHERE code = ?1 AND received_at IS NULL",
            params![code, now],
        )?;
    }
    if status == 5 {
        let id = format!("bs-{}", random_hex(6)?);
        let note = note.unwrap_or("Bổ sung giấy tờ theo yêu cầu của cơ quan giải quyết");
        tx.execute(
            "INSERT INTO supplement (id, code, note, asked_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, code, note, now],
        )?;
    }
    db::record_change(tx, &device, code, status, note, &now)?;
    Ok(())
}

async fn set_status(
    State(st): St,
    Path(code): Path<String>,
    Json(req): Json<DatTrangThai>,
) -> Result<Response, Fail> {
    if !(1..=10).contains(&req.trang_thai_ho_so) {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "TrangThaiHoSo is 1–10".into(),
        ));
    }
    let mut conn = st.db.lock().map_err(internal)?;
    let tx = conn.transaction()?;
    move_to(&tx, &code, req.trang_thai_ho_so, req.noi_dung.as_deref())?;
    tx.commit()?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// One tick of the automatic office: 1 → 2 → 4 → (5 once, for every
/// `supplement_every`-th dossier) → 9 → 10.
pub(crate) fn advance(st: &AppState, supplement_every: u32) -> Result<(), String> {
    let mut conn = st.db.lock().map_err(|e| e.to_string())?;
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    let rows: Vec<(String, u8, i64, i64)> = {
        let mut stmt = tx
            .prepare(
                "SELECT d.code, d.status, d.rowid, (SELECT count(*) FROM supplement s WHERE s.code = d.code)
                 FROM dossier d WHERE d.status IN (1, 2, 4, 9)",
            )
            .map_err(|e| e.to_string())?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| e.to_string())?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| e.to_string())?
    };
    for (code, status, rowid, supplements) in rows {
        let next = match status {
            1 => 2,
            2 => 4,
            4 if supplement_every > 0
                && rowid % i64::from(supplement_every) == 0
                && supplements == 0 =>
            {
                5
            }
            4 => 9,
            _ => 10,
        };
        move_to(&tx, &code, next, None).map_err(|f| f.2)?;
    }
    tx.commit().map_err(|e| e.to_string())
}

/// Refuses requests without a known device token before anything else is
/// looked at (health, registration, the catalogue and the sandbox's admin
/// route are open).
async fn authenticate(State(st): St, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let open = path == "/v1/health"
        || path == "/v1/devices"
        || path == "/v1/catalogue/latest"
        || path.starts_with("/v1/admin/");
    if !open && let Err(fail) = device(&st, req.headers()) {
        return fail.into_response();
    }
    next.run(req).await
}

/// Breaks the connection after `prefix`: the client sees a cut answer.
fn broken(status: StatusCode, prefix: Bytes) -> Response {
    let len = prefix.len() + 512;
    let stream = futures_util::stream::iter(vec![
        Ok(prefix),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault injected",
        )),
    ]);
    let mut r = Response::new(Body::from_stream(stream));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// Applies the fault plan to a request.
async fn inject(State(st): St, req: Request, next: Next) -> Response {
    let step = Step::of(req.method().as_str(), req.uri().path());
    let Some(kind) = st.faults.pick(step) else {
        return next.run(req).await;
    };
    tracing::debug!(?step, ?kind, "fault injected");
    match kind {
        FaultKind::Refuse => broken(StatusCode::OK, Bytes::new()),
        FaultKind::Delay => {
            tokio::time::sleep(st.faults.delay).await;
            next.run(req).await
        }
        FaultKind::Timeout => {
            // Processed, but answered after the client gave up waiting.
            let resp = next.run(req).await;
            tokio::time::sleep(st.faults.timeout).await;
            resp
        }
        FaultKind::ServerError => Fail(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "fault injected".into(),
        )
        .into_response(),
        FaultKind::TooManyRequests => {
            let mut r = Fail(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "fault injected".into(),
            )
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            r
        }
        FaultKind::Truncate => {
            let resp = next.run(req).await;
            let status = resp.status();
            let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .unwrap_or_default();
            broken(status, bytes.slice(..bytes.len() / 2))
        }
        FaultKind::Reject => Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "refused (fault injected)".into(),
        )
        .into_response(),
        FaultKind::DropAfterCommit => {
            let _ = next.run(req).await;
            broken(StatusCode::OK, Bytes::new())
        }
    }
}

/// Whether a client dossier needs the citizen's confirmation (every n-th, by its id).
fn needs_confirmation(every: u32, client_id: &str) -> bool {
    every > 0
        && client_id
            .bytes()
            .map(u32::from)
            .sum::<u32>()
            .is_multiple_of(every)
}
