//! The hub's errors, and how each answers on the wire.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gocua_protocol::hub::HubError;

/// What went wrong.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Missing or wrong signature, unknown device, stale time.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// The laptop's clock is too far from the hub's for its signature's time.
    #[error("the laptop's clock is too far from the hub's")]
    ClockSkew,
    /// The team lead revoked this laptop.
    #[error("this device was revoked")]
    Revoked,
    /// The enrolment code is unknown, used or expired.
    #[error("the enrolment code is unknown, used or expired")]
    EnrolmentInvalid,
    /// No such team (or other named thing).
    #[error("not found: {0}")]
    NotFound(String),
    /// That version of the content is published already.
    #[error("already published: {0}")]
    AlreadyPublished(String),
    /// The hand-over was already decided otherwise (its state).
    #[error("{0}")]
    HandoverClosed(gocua_core::handover::HandoverState),
    /// The database failed.
    #[error("database: {0}")]
    Database(#[from] tokio_postgres::Error),
    /// No connection from the pool.
    #[error("database pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    /// Storing failed for now (a group commit that did not commit): send again.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// Something else on the server's side.
    #[error("internal: {0}")]
    Internal(String),
}

/// The hub's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    fn status_code(&self) -> (StatusCode, &'static str) {
        match self {
            Error::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            Error::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            Error::ClockSkew => (StatusCode::UNAUTHORIZED, "clock_skew"),
            Error::Revoked => (StatusCode::FORBIDDEN, "revoked"),
            Error::EnrolmentInvalid => (StatusCode::FORBIDDEN, "enrolment_invalid"),
            Error::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Error::HandoverClosed(_) => (StatusCode::CONFLICT, "handover_closed"),
            Error::AlreadyPublished(_) => (StatusCode::CONFLICT, "already_published"),
            Error::Database(_) | Error::Pool(_) | Error::Unavailable(_) => {
                (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
            }
            Error::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code) = self.status_code();
        // Database errors are logged, not sent: they may name tables, never
        // anything a laptop can act on.
        let message = match &self {
            Error::Database(_) | Error::Pool(_) | Error::Unavailable(_) | Error::Internal(_) => {
                tracing::error!(error = %self, "request failed");
                "the hub could not answer; try again later".to_owned()
            }
            other => other.to_string(),
        };
        (
            status,
            Json(HubError {
                code: code.to_owned(),
                message,
            }),
        )
            .into_response()
    }
}
