//! `gocua-portal`: runs the sandbox portal until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;

/// The Gõ Cửa sandbox portal, for training, tests and local runs.
#[derive(Debug, Parser)]
#[command(name = "gocua-portal", version)]
struct Args {
    /// Address to listen on. Keep it on loopback unless trainees' laptops must reach it.
    #[arg(long, env = "GOCUA_PORTAL_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// Where to keep its database (default: in memory, forgotten when it stops).
    #[arg(long, env = "GOCUA_PORTAL_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Seconds between automatic state changes (1 → 2 → 4 → 9 → 10); 0 = none.
    #[arg(long, default_value_t = 0.0)]
    advance_every: f64,
    /// Ask every N-th dossier for a supplement once (0 = never).
    #[arg(long, default_value_t = 0)]
    supplement_every: u32,
    /// Every N-th dossier must be confirmed by the citizen present (0 = none).
    #[arg(long, default_value_t = 0)]
    confirm_every: u32,
    /// Inject faults into this share of requests (0–1): refused, delayed, timed
    /// out, 503, 429 with Retry-After, truncated, committed-then-dropped.
    #[arg(long, default_value_t = 0.0)]
    fault_rate: f64,
    /// Seed of the fault generator.
    #[arg(long, default_value_t = 1)]
    fault_seed: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let args = Args::parse();
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let advance = (args.advance_every > 0.0).then(|| gocua_portal::Advance {
        every: Duration::from_secs_f64(args.advance_every),
        supplement_every: args.supplement_every,
    });
    let config = gocua_portal::Config {
        data_dir: args.data_dir,
        faults: Arc::new(gocua_portal::Faults::random(
            args.fault_rate,
            args.fault_seed,
        )),
        advance,
        confirm_every: args.confirm_every,
        catalogue: None,
    };
    tracing::info!(addr = %listener.local_addr()?, ?advance, fault_rate = args.fault_rate, "sandbox portal listening");
    gocua_portal::serve(listener, config, Arc::default(), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
