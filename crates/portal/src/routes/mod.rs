//! The handlers of the portal protocol.

mod devices;
mod dossiers;
mod middleware;
mod office;
mod uploads;

use devices::*;
use dossiers::*;
use middleware::*;
pub(crate) use office::advance;
use office::*;
use uploads::*;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, head, post};
use axum::{Json, Router};
use gocua_core::hex::encode as hex;
use gocua_protocol::{ErrorBody, IDEMPOTENCY_KEY};
use rusqlite::Transaction;

use crate::db;
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
        .route("/v1/admin/uploads/forget", post(forget_uploads))
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
