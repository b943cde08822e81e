//! `gocua-hub`: the team hub service and its administration commands.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

/// The Gõ Cửa team hub.
#[derive(Debug, Parser)]
#[command(name = "gocua-hub", version)]
struct Args {
    /// PostgreSQL connection (URL or key=value string).
    #[arg(long, env = "DATABASE_URL", global = true, default_value = "")]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the hub until SIGINT/SIGTERM.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "GOCUA_HUB_LISTEN", default_value = "0.0.0.0:8443")]
        listen: SocketAddr,
        /// Where the self-signed certificate is kept.
        #[arg(long, env = "GOCUA_HUB_DATA_DIR", default_value = "/var/lib/gocua-hub")]
        data_dir: PathBuf,
        /// Certificate chain (PEM); a self-signed one is made when absent.
        #[arg(long, env = "GOCUA_HUB_TLS_CERT", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// Private key (PEM).
        #[arg(long, env = "GOCUA_HUB_TLS_KEY", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
        /// Host names and addresses the self-signed certificate is for.
        #[arg(
            long,
            env = "GOCUA_HUB_NAMES",
            value_delimiter = ',',
            default_value = "localhost,127.0.0.1"
        )]
        names: Vec<String>,
        /// Database connections.
        #[arg(long, env = "GOCUA_HUB_POOL", default_value_t = 16)]
        pool: usize,
        /// The hub's address as laptops reach it (`https://host:port`), carried
        /// by the enrolment codes the dashboard makes.
        #[arg(long, env = "GOCUA_HUB_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Stops the hub serving from this data folder (SIGTERM to the process
    /// its pid file names) and waits until it has stopped.
    Stop {
        /// The data folder the hub serves from.
        #[arg(long, env = "GOCUA_HUB_DATA_DIR", default_value = "/var/lib/gocua-hub")]
        data_dir: PathBuf,
    },
    /// Says whether a hub serves from this data folder: exit status 0 when
    /// it runs, 3 when not (as `systemctl status` does).
    Status {
        /// The data folder the hub serves from.
        #[arg(long, env = "GOCUA_HUB_DATA_DIR", default_value = "/var/lib/gocua-hub")]
        data_dir: PathBuf,
    },
    /// Prints a one-time link (valid 24 h) that sets up a province's first
    /// dashboard admin.
    SetupLink {
        /// 2025 province code (2 digits).
        #[arg(long)]
        province: String,
        /// The hub's address as the admin's browser reaches it.
        #[arg(long, env = "GOCUA_HUB_PUBLIC_URL")]
        url: String,
    },
    /// Applies the migrations and exits.
    Migrate,
    /// Creates a team and prints its id.
    TeamCreate {
        /// Its name.
        #[arg(long)]
        name: String,
        /// 2025 province code (2 digits).
        #[arg(long)]
        province: String,
        /// 2025 commune code (5 digits).
        #[arg(long)]
        commune: Option<String>,
    },
    /// Prints a one-time enrolment code (valid 24 h) for a team.
    EnrolCode {
        /// The team's id.
        #[arg(long)]
        team: uuid::Uuid,
        /// The hub's address as laptops reach it (`https://host:port`).
        #[arg(long, env = "GOCUA_HUB_PUBLIC_URL")]
        url: String,
        /// The certificate whose fingerprint laptops pin.
        #[arg(
            long,
            env = "GOCUA_HUB_TLS_CERT",
            default_value = "/var/lib/gocua-hub/hub-cert.pem"
        )]
        cert: PathBuf,
    },
    /// Publishes a catalogue pack (JSON file) to the province's laptops,
    /// signed with the province's key.
    CataloguePublish {
        /// The pack file.
        file: PathBuf,
    },
    /// Publishes guides (a gocua-guides JSON file) to the province's laptops,
    /// signed with the province's key.
    GuidesPublish {
        /// The guides file.
        file: PathBuf,
    },
    /// Revokes a laptop: it keeps its data and stops syncing.
    Revoke {
        /// The device's id.
        device: uuid::Uuid,
    },
    /// Prints a team's report (JSON) for a month (`YYYY-MM`).
    Report {
        /// The team's id.
        #[arg(long)]
        team: uuid::Uuid,
        /// The month (`YYYY-MM`).
        #[arg(long, required_unless_present = "from", conflicts_with_all = ["from", "to"])]
        month: Option<String>,
        /// Or a range of days: the first (`YYYY-MM-DD`)…
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// …and the last.
        #[arg(long, requires = "from")]
        to: Option<String>,
    },
}

async fn open(url: &str, pool: usize) -> anyhow::Result<gocua_hub::Hub> {
    anyhow::ensure!(!url.is_empty(), "DATABASE_URL is not set");
    gocua_hub::Hub::open(url, pool)
        .await
        .context("cannot open the hub database")
}

async fn stop_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// The file in the data folder that names the serving hub's process.
const PID_FILE: &str = "hub.pid";

/// The process id of the hub serving from `data_dir`, when one runs: its
/// pid file names a live process that is a gocua-hub (a stale file, left by
/// a hub that was killed, names none).
fn running(data_dir: &std::path::Path) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(data_dir.join(PID_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
    (name.trim() == "gocua-hub").then_some(pid)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // Logs carry ids and counts, never citizens' data (the hub has none);
    // JSON lines on stderr, so that a command's output stays its answer.
    let level = match args.command {
        Command::Serve { .. } => "info",
        _ => "warn",
    };
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| level.into()),
        )
        .init();
    match args.command {
        Command::Serve {
            listen,
            data_dir,
            tls_cert,
            tls_key,
            names,
            pool,
            public_url,
        } => {
            let hub = open(&args.database_url, pool).await?;
            let given = tls_cert
                .zip(tls_key)
                .map(|(cert, key)| gocua_hub::tls::CertFiles { cert, key });
            let cert = gocua_hub::tls::ensure(given, &data_dir, &names)?;
            let fingerprint = gocua_hub::tls::fingerprint(&cert.cert)?;
            let public_url =
                public_url.unwrap_or_else(|| format!("https://127.0.0.1:{}", listen.port()));
            let hub = hub.with_public(&public_url, &fingerprint);
            let listener = gocua_hub::listen(listen)?;
            // This process's own id, written once it holds the port: what
            // `stop` and `status` (and the set-up script) read.
            let pid_file = data_dir.join(PID_FILE);
            std::fs::write(&pid_file, format!("{}\n", std::process::id()))
                .with_context(|| format!("writing {}", pid_file.display()))?;
            tracing::info!(%listen, %fingerprint, pid = std::process::id(), "hub listening");
            let served = gocua_hub::serve(&hub, listener, &cert, stop_signal()).await;
            let _ = std::fs::remove_file(&pid_file);
            served?;
            tracing::info!("hub stopped");
        }
        Command::Stop { data_dir } => match running(&data_dir) {
            None => println!("not running"),
            Some(pid) => {
                let sent = std::process::Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status()
                    .context("running kill")?;
                anyhow::ensure!(sent.success(), "could not signal the hub (pid {pid})");
                let asked = std::time::Instant::now();
                while running(&data_dir) == Some(pid) {
                    anyhow::ensure!(
                        asked.elapsed() < std::time::Duration::from_secs(30),
                        "the hub (pid {pid}) did not stop within 30 s"
                    );
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                println!("stopped (pid {pid})");
            }
        },
        Command::Status { data_dir } => match running(&data_dir) {
            Some(pid) => println!("running (pid {pid})"),
            None => {
                println!("not running");
                std::process::exit(3);
            }
        },
        Command::SetupLink { province, url } => {
            let hub = open(&args.database_url, 1).await?;
            println!(
                "{}",
                gocua_hub::web::setup_link(&hub, &url, &province).await?
            );
        }
        Command::Migrate => {
            open(&args.database_url, 1).await?;
            println!("migrations applied");
        }
        Command::TeamCreate {
            name,
            province,
            commune,
        } => {
            let hub = open(&args.database_url, 1).await?;
            let team =
                gocua_hub::admin::create_team(&hub, &name, &province, commune.as_deref()).await?;
            println!("{}", team.id);
        }
        Command::EnrolCode { team, url, cert } => {
            let hub = open(&args.database_url, 1).await?;
            let fingerprint = gocua_hub::tls::fingerprint(&cert)?;
            let (code, expires) =
                gocua_hub::admin::enrolment_code(&hub, team, &url, &fingerprint).await?;
            println!("{}", code.to_text());
            eprintln!("valid until {expires}");
        }
        Command::CataloguePublish { file } => {
            let hub = open(&args.database_url, 1).await?;
            let json = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let (pack, version) = gocua_hub::admin::publish_pack(&hub, &json).await?;
            println!("{pack} {version}");
        }
        Command::GuidesPublish { file } => {
            let hub = open(&args.database_url, 1).await?;
            let json = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            println!("{}", gocua_hub::admin::publish_guides(&hub, &json).await?);
        }
        Command::Revoke { device } => {
            let hub = open(&args.database_url, 1).await?;
            anyhow::ensure!(
                gocua_hub::db::revoke(&hub.pool, device).await?,
                "no such active device"
            );
            println!("revoked");
        }
        Command::Report {
            team,
            month,
            from,
            to,
        } => {
            let hub = open(&args.database_url, 1).await?;
            let (from, to) = match (month, from, to) {
                (Some(month), _, _) => {
                    gocua_core::date::Date::month(&month).context("month is YYYY-MM")?
                }
                (None, Some(from), Some(to)) => (
                    gocua_core::date::Date::from_iso(&from).context("from is YYYY-MM-DD")?,
                    gocua_core::date::Date::from_iso(&to).context("to is YYYY-MM-DD")?,
                ),
                _ => anyhow::bail!("give --month, or --from and --to"),
            };
            let from = gocua_hub::facts::to_time(from).context("month")?;
            let to = gocua_hub::facts::to_time(to).context("month")?;
            let r = gocua_hub::report::team(&hub, team, from, to).await?;
            println!(
                "{}",
                serde_json::to_string_pretty(&gocua_hub::report::to_json(&r))?
            );
        }
    }
    Ok(())
}
