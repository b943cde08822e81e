//! gocua-hub — the team hub.
//!
//! A service a team lead, a commune or a province runs: a team's laptops
//! enrol with a one-time code and from then on sign every request with an
//! ed25519 device key; they send pseudonymous report events (exactly once,
//! by idempotency key) and the head of their audit chain. The hub keeps each
//! record's newest revision and, in the same transaction, the summable
//! figures per team and month, so that the team's report is the laptops'
//! report (`gocua_core::report`, same definitions) and a province's month is
//! read from a few thousand rows. The hub is never in the path of filing a
//! dossier: a laptop works the same without it.
//!
//! PostgreSQL (tokio-postgres + deadpool), migrations embedded
//! (`migrations/`, refinery), TLS with given certificate files or a
//! self-signed one made at first start.

#![deny(missing_docs)]

pub mod admin;
mod auth;
pub mod db;
mod error;
pub mod facts;
pub mod handover;
pub mod ingest;
pub mod report;
mod routes;
pub mod tls;
pub mod web;

use std::net::SocketAddr;
use std::sync::Arc;

use deadpool_postgres::Pool;

pub use error::{Error, Result};

/// The hub's version, reported by `/healthz`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What every request handler shares.
#[derive(Clone)]
pub struct Hub {
    /// The database.
    pub pool: Pool,
    /// The province's content-signing key.
    pub province_key: Arc<ed25519_dalek::SigningKey>,
    /// Where batches are stored (group commit).
    pub ingestor: ingest::Ingestor,
    /// The address laptops reach and the certificate fingerprint they pin
    /// (what an enrolment code made in the dashboard carries).
    pub public: Option<Arc<(String, String)>>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub").finish_non_exhaustive()
    }
}

impl Hub {
    /// Connects (applying migrations) and loads the province key.
    pub async fn open(database_url: &str, pool_size: usize) -> Result<Hub> {
        let pool = db::connect(database_url, pool_size).await?;
        let secret = db::province_secret(&pool).await?;
        // Two writers: while one commits, the next group gathers.
        let ingestor = ingest::Ingestor::start(pool.clone(), 2);
        Ok(Hub {
            ingestor,
            public: None,
            pool,
            province_key: Arc::new(ed25519_dalek::SigningKey::from_bytes(&secret)),
        })
    }

    /// The same hub, telling laptops to reach it at `url` and pin `fingerprint`.
    pub fn with_public(mut self, url: &str, fingerprint: &str) -> Hub {
        self.public = Some(Arc::new((
            url.trim_end_matches('/').to_owned(),
            fingerprint.to_owned(),
        )));
        self
    }

    /// The HTTP routes.
    pub fn router(&self) -> axum::Router {
        routes::router(self.clone())
    }
}

/// `N` random bytes from the operating system.
pub fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| Error::Internal(format!("no randomness: {e}")))?;
    Ok(b)
}

/// Serves `hub` over TLS on `addr` until `shutdown` resolves, then lets
/// requests in flight finish (up to 10 s).
pub async fn serve(
    hub: &Hub,
    listener: std::net::TcpListener,
    cert: &tls::CertFiles,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert.cert, &cert.key)
        .await
        .map_err(|e| Error::Internal(format!("TLS: {e}")))?;
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
    });
    axum_server::from_tcp_rustls(listener, config)
        .map_err(|e| Error::Internal(format!("serve: {e}")))?
        .handle(handle)
        .serve(hub.router().into_make_service())
        .await
        .map_err(|e| Error::Internal(format!("serve: {e}")))
}

/// Takes the address the hub serves on, before anything says it started: a
/// port another process holds (an earlier hub still running) is an error
/// that names it, not a hub that dies after its start was reported.
pub fn listen(addr: SocketAddr) -> Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(addr).map_err(|e| {
        Error::Internal(format!(
            "cannot listen on {addr}: {e} (is another gocua-hub already running? `gocua-hub status`)"
        ))
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Internal(e.to_string()))?;
    Ok(listener)
}

/// A hub serving on a free loopback port in this process, for tests: the
/// address, the certificate fingerprint, and a sender that stops it.
pub async fn launch(
    hub: &Hub,
    dir: &std::path::Path,
) -> Result<(SocketAddr, String, tokio::sync::oneshot::Sender<()>)> {
    let cert = tls::ensure(None, dir, &["localhost".to_owned(), "127.0.0.1".to_owned()])?;
    let fingerprint = tls::fingerprint(&cert.cert)?;
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| Error::Internal(e.to_string()))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Internal(e.to_string()))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Internal(e.to_string()))?;
    let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert.cert, &cert.key)
        .await
        .map_err(|e| Error::Internal(format!("TLS: {e}")))?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        let _ = stopped.await;
        stopper.graceful_shutdown(Some(std::time::Duration::from_secs(2)));
    });
    let router = hub
        .clone()
        .with_public(&format!("https://127.0.0.1:{}", addr.port()), &fingerprint)
        .router();
    let server = axum_server::from_tcp_rustls(listener, config)
        .map_err(|e| Error::Internal(e.to_string()))?
        .handle(handle);
    tokio::spawn(async move {
        if let Err(e) = server.serve(router.into_make_service()).await {
            tracing::error!(error = %e, "hub stopped");
        }
    });
    Ok((addr, fingerprint, stop))
}
