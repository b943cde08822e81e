//! Middleware: device authentication, the broken-portal switch, injected
//! faults, the citizen-confirmation rule.

#[allow(unused_imports)]
use super::*;
use crate::faults::{FaultKind, Step};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses requests without a known device token before anything else is
/// looked at (health, registration, the catalogue and the sandbox's admin
/// route are open).
pub(super) async fn authenticate(State(st): St, req: Request, next: Next) -> Response {
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
pub(super) fn broken(status: StatusCode, prefix: Bytes) -> Response {
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
pub(super) async fn inject(State(st): St, req: Request, next: Next) -> Response {
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
pub(super) fn needs_confirmation(every: u32, client_id: &str) -> bool {
    every > 0
        && client_id
            .bytes()
            .map(u32::from)
            .sum::<u32>()
            .is_multiple_of(every)
}
