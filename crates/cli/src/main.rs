//! `gocua` — everything the Gõ Cửa app does, headless.
//!
//! Each subcommand parses its arguments, calls the matching gocua-api
//! function and prints the result, as translated text or as JSON (`--json`).
//! Support staff, scripts, tests and benchmarks use it; nothing here is logic
//! that the app lacks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use gocua_api::{ApiError, Ctx, CtxOptions, ErrorCode};
use gocua_core::Language;
use gocua_i18n::Localizer;

/// Prints a line to stdout; a closed pipe (`gocua … | head`) ends the
/// program quietly instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod args;
mod cmd;
mod out;

use args::*;

/// Gõ Cửa command-line tool.
#[derive(Debug, Parser)]
#[command(name = "gocua", version, about)]
struct Cli {
    /// Data directory (default: the platform's app data folder).
    #[arg(long, global = true, env = "GOCUA_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Language of the output: vi or en (default: the app's saved choice).
    #[arg(long, global = true, env = "GOCUA_LANG", value_name = "LANG")]
    lang: Option<String>,
    /// Print JSON instead of text (every command that prints a result).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

/// Sends a command to its group's module.
fn run(ctx: &Ctx, command: Command, o: &out::Out<'_>) -> Result<(), ApiError> {
    match command {
        c @ (Command::Call { .. }
        | Command::Commands
        | Command::Info
        | Command::Probe
        | Command::Config(_)
        | Command::Audit(_)) => cmd::app::run(ctx, c, o),
        c @ (Command::Catalog(_) | Command::Units(_)) => cmd::catalog::run(ctx, c, o),
        c @ (Command::Cccd(_) | Command::Citizen(_) | Command::Purge { .. }) => {
            cmd::citizen::run(ctx, c, o)
        }
        c @ Command::Operator(_) => cmd::operator::run(ctx, c, o),
        c @ (Command::Backup(_) | Command::Demo(_)) => cmd::backup::run(ctx, c, o),
        c @ (Command::Sync { .. } | Command::Outbox { .. }) => cmd::sync::run(ctx, c, o),
        c @ Command::Report { .. } => cmd::report::run(ctx, c, o),
        c @ Command::Hub(_) => cmd::hub::run(ctx, c, o),
        c @ (Command::Forms(_) | Command::Dossier(_)) => cmd::dossier::run(ctx, c, o),
    }
}

/// The PIN from GOCUA_OPERATOR_PIN, or the first line of standard input.
pub(crate) fn read_pin() -> Result<String, ApiError> {
    if let Some(pin) = std::env::var("GOCUA_OPERATOR_PIN")
        .ok()
        .filter(|p| !p.is_empty())
    {
        return Ok(pin);
    }
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| ApiError::Unreadable {
            path: "stdin".into(),
            detail: e.to_string(),
        })?;
    Ok(line.trim().to_owned())
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GOCUA_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let l10n = match Localizer::global() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("gocua: broken translations: {e}");
            return ExitCode::from(1);
        }
    };
    let explicit_lang = cli.lang.as_deref().and_then(|l| l.parse::<Language>().ok());
    let mut lang = explicit_lang.unwrap_or_default();
    let result = match cli.command {
        // Publishers' tools need no data folder.
        Command::Catalog(CatalogCommand::Keygen { out }) => {
            gocua_api::catalog_keygen(&out).map(|public| {
                say!(
                    "{}",
                    l10n.tr(lang, "cli-catalog-keygen", &[("key", public.into())])
                );
            })
        }
        Command::Catalog(CatalogCommand::Sign { file, key, out }) => {
            gocua_api::catalog_sign(&file, &key, &out).map(|public| {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-catalog-signed",
                        &[
                            ("key", public.into()),
                            ("path", out.display().to_string().into())
                        ]
                    )
                );
            })
        }
        // Restoring creates the data directory's database, so it runs before
        // the directory is opened.
        Command::Backup(BackupCommand::Restore { file }) => {
            CtxOptions::from_env(cli.data_dir.clone())
                .and_then(|opts| {
                    gocua_api::backup::backup_restore(opts, &file, &backup_passphrase()?)
                })
                .map(|ctx| {
                    lang = explicit_lang.unwrap_or_else(|| ctx.language());
                    say!("{}", l10n.tr(lang, "cli-backup-restored", &[]));
                })
        }
        command => CtxOptions::from_env(cli.data_dir.clone())
            .and_then(Ctx::open)
            .and_then(|ctx| {
                lang = explicit_lang.unwrap_or_else(|| ctx.language());
                let o = out::Out {
                    lang,
                    l10n,
                    json: cli.json,
                };
                run(&ctx, command, &o)
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let message = e.message(l10n, lang);
            eprintln!(
                "{}",
                l10n.tr(lang, "cli-error", &[("message", message.into())])
            );
            ExitCode::from(exit_code(&e))
        }
    }
}

pub(crate) fn backup_passphrase() -> Result<String, ApiError> {
    std::env::var(gocua_api::backup::BACKUP_PASSPHRASE_ENV_VAR)
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::InvalidValue {
            field: gocua_api::backup::BACKUP_PASSPHRASE_ENV_VAR.into(),
            value: String::new(),
        })
}

/// 2 for input the user can correct, 1 for everything else.
fn exit_code(e: &ApiError) -> u8 {
    match e.code() {
        ErrorCode::InvalidLanguage
        | ErrorCode::InvalidPortalUrl
        | ErrorCode::InvalidPack
        | ErrorCode::PackNotNewer
        | ErrorCode::NotFound
        | ErrorCode::Unreadable
        | ErrorCode::AddressNotRecognised
        | ErrorCode::InvalidCard
        | ErrorCode::ConsentRequired
        | ErrorCode::InvalidValue
        | ErrorCode::InvalidPin
        | ErrorCode::BadBackup
        | ErrorCode::UntrustedPack
        | ErrorCode::DossierIncomplete
        | ErrorCode::NotEditable => 2,
        _ => 1,
    }
}
