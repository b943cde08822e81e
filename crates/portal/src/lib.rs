//! gocua-portal — the sandbox portal.
//!
//! The real national portal has no public write API, so Gõ Cửa ships its own
//! server that speaks the documented portal protocol (gocua-protocol,
//! `docs/portal-protocol.openapi.yaml`). It is the embedded default for
//! running the app, for training, for tests and for benchmarks: per-device
//! tokens, an idempotency store, resumable uploads with server-confirmed
//! offsets, dossiers submitted by upload hash, TrangThaiHoSo changes scripted
//! or on a timer (supplement requests included), a change feed, supplements,
//! the latest catalogue pack — and fault injection ([`faults`]).
//!
//! Tests start it with [`launch`] (or [`start`] for a handle with statistics
//! and the fault plan). Depends on gocua-core and gocua-protocol, never on the
//! client crates (store, sync, api).

#![deny(missing_docs)]

mod db;
pub mod faults;
mod net;
mod routes;

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use faults::{FaultKind, Faults, Step};

/// The server's version, reported by the health check.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Bytes and requests seen on the wire.
#[derive(Debug, Default)]
pub struct Stats {
    /// Bytes read from clients (requests, headers included).
    pub bytes_in: AtomicU64,
    /// Bytes written to clients.
    pub bytes_out: AtomicU64,
    /// Connections accepted.
    pub connections: AtomicU64,
    /// Dossiers stored (new ones only; a resent one found again is not counted).
    pub dossiers_stored: AtomicU64,
}

impl Stats {
    /// Bytes in plus bytes out.
    pub fn wire_bytes(&self) -> u64 {
        self.bytes_in.load(Ordering::Relaxed) + self.bytes_out.load(Ordering::Relaxed)
    }
}

/// Dossiers move on by themselves: 1 → 2 → 4 → 9 → 10, one step per tick;
/// every `supplement_every`-th dossier (0 = none) is asked for a supplement
/// once, at state 4.
#[derive(Debug, Clone, Copy)]
pub struct Advance {
    /// Time between ticks.
    pub every: Duration,
    /// Which dossiers get a supplement request.
    pub supplement_every: u32,
}

/// How to run the sandbox.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where its database lives (`None`: in memory, gone when it stops).
    pub data_dir: Option<PathBuf>,
    /// The fault plan.
    pub faults: Arc<Faults>,
    /// Automatic state changes.
    pub advance: Option<Advance>,
    /// Every n-th client dossier (by its id; 0 = none) must be confirmed by
    /// the citizen: submitted with `Citizen-Present`, else 428.
    pub confirm_every: u32,
    /// The catalogue pack to serve (default: the one shipped with the app).
    pub catalogue: Option<Arc<str>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: None,
            faults: Arc::new(Faults::none()),
            advance: None,
            confirm_every: 0,
            catalogue: None,
        }
    }
}

/// Shared by the handlers.
pub(crate) struct AppState {
    pub(crate) db: Mutex<rusqlite::Connection>,
    pub(crate) faults: Arc<Faults>,
    pub(crate) confirm_every: u32,
    pub(crate) catalogue: Option<Arc<str>>,
    pub(crate) stats: Arc<Stats>,
}

/// The routes of the sandbox portal (with its database and fault plan).
pub fn router(config: &Config) -> std::io::Result<axum::Router> {
    let state = Arc::new(open_state(config, Arc::default())?);
    Ok(routes::router(state))
}

fn open_state(config: &Config, stats: Arc<Stats>) -> std::io::Result<AppState> {
    let path = match &config.data_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            Some(dir.join("portal.sqlite3"))
        }
        None => None,
    };
    let conn = db::open(path.as_deref()).map_err(std::io::Error::other)?;
    Ok(AppState {
        db: Mutex::new(conn),
        faults: config.faults.clone(),
        confirm_every: config.confirm_every,
        catalogue: config.catalogue.clone(),
        stats,
    })
}

/// Serves the sandbox portal (in memory, no faults) on `listener` until
/// `shutdown` resolves.
pub async fn launch(
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve(listener, Config::default(), Arc::default(), shutdown).await
}

/// Serves the sandbox portal with `config`, counting wire bytes into `stats`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    stats: Arc<Stats>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = Arc::new(open_state(&config, stats.clone())?);
    if let Some(advance) = config.advance {
        let st = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(advance.every);
            tick.tick().await;
            loop {
                tick.tick().await;
                if let Err(e) = routes::advance(&st, advance.supplement_every) {
                    tracing::warn!(error = %e, "advancing dossiers failed");
                }
            }
        });
    }
    let app = routes::router(state);
    axum::serve(net::Counting::new(listener, stats), app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// A sandbox running in this process (benchmarks, tests).
pub struct Running {
    /// Its base URL (`http://127.0.0.1:PORT/`).
    pub url: String,
    /// Wire statistics.
    pub stats: Arc<Stats>,
    /// The fault plan (scriptable while it runs).
    pub faults: Arc<Faults>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Stops it and waits until it has.
    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// Starts a sandbox on a free loopback port.
pub async fn start(config: Config) -> std::io::Result<Running> {
    start_on("127.0.0.1:0", config).await
}

/// Starts a sandbox on `addr` (a fixed port lets a test restart it in place).
pub async fn start_on(addr: &str, config: Config) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let url = format!("http://{}/", listener.local_addr()?);
    let stats = Arc::new(Stats::default());
    let faults = config.faults.clone();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, config, stats.clone(), async {
        let _ = rx.await;
    }));
    Ok(Running {
        url,
        stats,
        faults,
        stop: Some(tx),
        task: Some(task),
    })
}

#[cfg(test)]
mod tests;
