//! `gocua-portal`: runs the sandbox portal until Ctrl-C.

use std::net::SocketAddr;

use anyhow::Context as _;
use clap::Parser;

/// The Gõ Cửa sandbox portal, for training, tests and local runs.
#[derive(Debug, Parser)]
#[command(name = "gocua-portal", version)]
struct Args {
    /// Address to listen on. Keep it on loopback unless trainees' laptops must reach it.
    #[arg(long, env = "GOCUA_PORTAL_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
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
    tracing::info!(addr = %listener.local_addr()?, "sandbox portal listening");
    gocua_portal::launch(listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
