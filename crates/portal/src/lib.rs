//! gocua-portal — the sandbox portal.
//!
//! The real national portal has no public write API, so Gõ Cửa ships its own
//! server that speaks the documented portal protocol (gocua-protocol). It is
//! the embedded default for running the app, for training, for tests and for
//! benchmarks. Today it answers the health check that the app's connectivity
//! probe uses; dossiers, uploads, status changes and fault injection follow.
//!
//! Tests start it with [`launch`] on a `127.0.0.1:0` listener and stop it by
//! resolving the shutdown future. Depends on gocua-core and gocua-protocol,
//! never on the client crates (store, sync, api).

#![deny(missing_docs)]

use std::future::Future;

use axum::{Json, Router, routing::get};
use gocua_protocol::Health;

/// The server's version, reported by the health check.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The routes of the sandbox portal.
pub fn router() -> Router {
    Router::new().route(
        &format!("/{}", gocua_protocol::HEALTH_PATH),
        get(|| async { Json(Health::current(VERSION)) }),
    )
}

/// Serves the sandbox portal on `listener` until `shutdown` resolves.
pub async fn launch(
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router())
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn health_answers_with_current_protocol() -> anyhow::Result<()> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(launch(listener, async {
            let _ = rx.await;
        }));

        let health: Health = reqwest::get(format!("http://{addr}/v1/health"))
            .await?
            .error_for_status()?
            .json()
            .await?;
        assert!(health.is_compatible());
        assert_eq!(health.version, VERSION);

        let _ = tx.send(());
        server.await??;
        Ok(())
    }
}
