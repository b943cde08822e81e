//! `gocua` — everything the Gõ Cửa app does, headless.
//!
//! Each subcommand parses its arguments, calls the matching gocua-api
//! function and prints the result, as translated text or as JSON (`--json`).
//! Support staff, scripts, tests and benchmarks use it; nothing here is logic
//! that the app lacks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
use gocua_api::dto::{
    CatalogImport, CatalogSearch, CatalogShow, CccdParse, CitizenShow, ConnectivityDto,
    DossierList, DossierRef, LocalTextDto, OperatorAdd, SetLanguage, SetPortalUrl, UnitsCommunes,
    UnitsConvert, UnitsSearch,
};
use gocua_api::surface::Door;
use gocua_api::{ApiError, Ctx, CtxOptions, ErrorCode};
use gocua_core::Language;
use gocua_i18n::{Arg, Localizer};

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show version, data folder, schema version, portal and language.
    Info {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Run any command of the app by name with a JSON request (the same
    /// commands the window calls; `gocua commands` lists them). Prints the
    /// JSON answer.
    Call {
        /// The command, e.g. `dossier_set`.
        name: String,
        /// Its request as JSON (omit for commands that take none; `-` reads stdin).
        req: Option<String>,
    },
    /// List every command `gocua call` can run, with who may call it from a window.
    Commands,
    /// Check once whether the configured portal can be reached.
    Probe {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Change settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// The procedure catalogue: import packs, search, show.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Administrative units: find communes, convert old addresses.
    #[command(subcommand)]
    Units(UnitsCommand),
    /// Read the QR code of a chip ID card (CCCD).
    #[command(subcommand)]
    Cccd(CccdCommand),
    /// Citizens helped (stored only with their consent).
    #[command(subcommand)]
    Citizen(CitizenCommand),
    /// The dossier forms of the catalogue.
    #[command(subcommand)]
    Forms(FormsCommand),
    /// Dossiers: list, show, print the checklist.
    #[command(subcommand)]
    Dossier(DossierCommand),
    /// The tamper-evident audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Demo data for training, tests and reports.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// Encrypted backups (passphrase in GOCUA_BACKUP_PASSPHRASE).
    #[command(subcommand)]
    Backup(BackupCommand),
    /// The people who use this laptop.
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Send queued dossiers to the portal and read their status (until Ctrl-C, or once).
    Sync {
        /// One pass, then exit.
        #[arg(long)]
        once: bool,
    },
    /// What waits to be sent, what was set aside and why.
    Outbox {
        /// "Send now": everything unfinished is due at once, set-aside dossiers too
        /// (the app's button of the same name).
        #[arg(long)]
        retry: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Benchmarks.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// The team's report for a month or a date range.
    Report {
        /// The month, YYYY-MM (default: this month).
        #[arg(long)]
        month: Option<String>,
        /// First day, YYYY-MM-DD (with --to, instead of --month).
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// Last day, YYYY-MM-DD.
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// Only this volunteer.
        #[arg(long)]
        operator: Option<String>,
        /// Only this commune (GSO code).
        #[arg(long)]
        commune: Option<String>,
        /// xlsx, csv, pdf or json.
        #[arg(long, default_value = "json")]
        format: String,
        /// The file to write (json without --out prints to the screen).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Delete citizens whose retention period has run out.
    Purge {
        /// Only count them.
        #[arg(long)]
        dry_run: bool,
        /// Set the retention period (days after the last visit) first.
        #[arg(long)]
        days: Option<u32>,
    },
}

#[derive(Debug, Subcommand)]
enum BenchCommand {
    /// The real sync against an in-process sandbox with injected faults, then without.
    Sync {
        /// Dossiers to queue.
        #[arg(long, default_value_t = 100)]
        dossiers: u32,
        /// Photos per dossier (40–160 KB each).
        #[arg(long, default_value_t = 3)]
        attachments: u32,
        /// Share of requests that get a fault (0–1).
        #[arg(long, default_value_t = 0.2)]
        fault_rate: f64,
        /// Mid-run, the portal forgets the laptop's token and later moves to a
        /// new address; reports lost, duplicated and stranded dossiers and
        /// checks every photo at the portal byte for byte.
        #[arg(long)]
        reregister: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum FormsCommand {
    /// List the forms: procedure code, name, number of fields.
    List {
        /// Print JSON: an array of {procedure_code, name, fields, schema_id, version}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum DossierCommand {
    /// List dossiers, most recently changed first.
    List {
        /// Words of the citizen's name or ID number, or the procedure.
        #[arg(long, default_value = "")]
        query: String,
        /// open, sent, or a state (draft, ready, portal_2 …).
        #[arg(long)]
        state: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one dossier: answers, problems, papers.
    Show {
        /// The dossier id.
        id: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the printable checklist for the citizen.
    Export {
        /// The dossier id.
        id: String,
        /// The PDF file to write.
        #[arg(long)]
        pdf: PathBuf,
    },
    /// Start a dossier for a procedure; prints its id.
    Create {
        /// The procedure code (e.g. GC-GPLX).
        procedure: String,
        /// The citizen it is for (12-digit ID number of a stored citizen).
        #[arg(long)]
        citizen: Option<String>,
        /// With no stored citizen: they agreed to the dossier being prepared and sent.
        #[arg(long)]
        consent_dossiers: bool,
        /// With no stored citizen: they agreed to photos of their papers being kept.
        #[arg(long)]
        consent_photos: bool,
        /// Start it although the citizen has an open dossier for the procedure.
        #[arg(long)]
        force: bool,
    },
    /// Answer one question (the field's path, as `dossier show --json` lists it).
    Set {
        /// The dossier id.
        id: String,
        /// The field's path.
        path: String,
        /// The answer.
        value: String,
    },
    /// Mark a dossier ready (refused, with what is missing, while it is not).
    Ready {
        /// The dossier id.
        id: String,
    },
    /// Put a ready dossier in the outbox (`gocua sync` sends it).
    Queue {
        /// The dossier id.
        id: String,
    },
    /// Record a dossier filed by hand on the real portal, with the code it gave.
    Handoff {
        /// The dossier id.
        id: String,
        /// The portal's dossier code (MaHoSo).
        code: String,
    },
}

#[derive(Debug, Subcommand)]
enum OperatorCommand {
    /// Add an operator; the PIN is read from GOCUA_OPERATOR_PIN or the first line of standard input.
    Add {
        /// Display name.
        name: String,
        /// volunteer, lead or kiosk.
        #[arg(long, default_value = "volunteer")]
        role: String,
    },
    /// List operators.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set a new PIN for an operator (read like `add`'s); any lock-out ends.
    ResetPin {
        /// The operator's name.
        name: String,
    },
    /// Remove an operator (never the last lead).
    Remove {
        /// The operator's name.
        name: String,
    },
}

/// The PIN from GOCUA_OPERATOR_PIN, or the first line of standard input.
fn read_pin() -> Result<String, ApiError> {
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

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// Write an encrypted backup of everything to FILE.
    Create {
        /// The backup file (must not exist).
        file: PathBuf,
    },
    /// Restore FILE into an empty data directory.
    Restore {
        /// The backup file.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum DemoCommand {
    /// Store N realistic demo citizens with consents and visits over the last three months.
    Seed {
        /// How many citizens.
        #[arg(long, default_value_t = 50)]
        citizens: u32,
        /// How many dossiers, for those citizens (0 = none).
        #[arg(long, default_value_t = 0)]
        dossiers: u32,
        /// Seed of the generator (same seed, same data).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain; exit code 1 and the first broken link if tampered.
    Verify {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CccdCommand {
    /// Parse and check a QR text; reads standard input when no argument is given.
    Parse {
        /// The text the scanner produced.
        text: Option<String>,
        /// Print JSON: {id, old_id, name, birth_date, sex, address, issue_date}.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CitizenCommand {
    /// List stored citizens.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export everything stored about a citizen (JSON + PDF).
    Export {
        /// The 12-digit ID number.
        cccd: String,
        /// Folder to write to (default: the exports folder of the data directory).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Erase a citizen's profile and consents (visits stay as anonymous counts).
    Erase {
        /// The 12-digit ID number.
        cccd: String,
    },
    /// Write the printable consent receipt (PDF) and print its path.
    Receipt {
        /// The 12-digit ID number.
        cccd: String,
    },
    /// Show one citizen with consents and visits.
    Show {
        /// The 12-digit ID number.
        cccd: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum UnitsCommand {
    /// Find communes (xã, phường, đặc khu) by name.
    Search {
        /// The name, with or without diacritics.
        query: String,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Convert an old three-tier address (as on older ID cards) to the new units.
    Convert {
        /// The address, e.g. "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".
        address: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the 34 provinces, or the communes of one (by code).
    List {
        /// A province code, e.g. 01.
        province: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CatalogCommand {
    /// Validate and install a catalogue pack (JSON file): a signed pack by
    /// a trusted key, or an unsigned one with --unsigned.
    Import {
        /// The pack file.
        file: PathBuf,
        /// Install it although nobody signed it (a team lead vouches for the file).
        #[arg(long)]
        unsigned: bool,
    },
    /// Trust a key to sign catalogue packs (a province's, for instance).
    TrustKey {
        /// The ed25519 public key, 64 hex digits.
        public_key: String,
        /// Whose key.
        #[arg(long)]
        name: String,
    },
    /// The keys whose signed packs are installed.
    Keys,
    /// Publishers: make a signing key; prints the public key to give to teams.
    Keygen {
        /// Where to write the secret key (created private; must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Publishers: sign a pack with the secret key file; writes the signed pack.
    Sign {
        /// The pack file.
        file: PathBuf,
        /// The secret key file (from `catalog keygen`).
        #[arg(long)]
        key: PathBuf,
        /// Where to write the signed pack.
        #[arg(long)]
        out: PathBuf,
    },
    /// Search procedures as a citizen would say it.
    Search {
        /// The words, e.g. "doi bang lai".
        query: String,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// Print JSON: an array of {code, name, score}, best first.
        #[arg(long)]
        json: bool,
    },
    /// Show one procedure.
    Show {
        /// The procedure code.
        code: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the installed catalogue packs.
    Packs {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Set the interface language (vi, en).
    Language {
        /// The language code.
        language: String,
    },
    /// Set the portal URL; an empty string restores the default.
    PortalUrl {
        /// An http(s) URL.
        url: String,
    },
    /// Set how citizens reach the team (printed on checklists); empty clears it.
    TeamContact {
        /// E.g. "Tổ CNS xã Tân Lập — 0912 345 678".
        contact: String,
    },
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
                run(&ctx, command, lang, l10n)
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

fn backup_passphrase() -> Result<String, ApiError> {
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

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), ApiError> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    say!("{text}");
    Ok(())
}

fn run(ctx: &Ctx, command: Command, lang: Language, l10n: &Localizer) -> Result<(), ApiError> {
    let line = |id: &str, value: String| l10n.tr(lang, id, &[("value", value.into())]);
    match command {
        Command::Call { name, req } => {
            let req = match req.as_deref() {
                None => serde_json::Value::Null,
                Some(text) => {
                    let text = if text == "-" {
                        let mut buf = String::new();
                        std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf).map_err(
                            |e| ApiError::Unreadable {
                                path: "stdin".into(),
                                detail: e.to_string(),
                            },
                        )?;
                        buf
                    } else {
                        text.to_owned()
                    };
                    serde_json::from_str(&text).map_err(|e| ApiError::InvalidValue {
                        field: "req".into(),
                        value: e.to_string(),
                    })?
                }
            };
            let out = match gocua_api::surface::find(&name) {
                Some(c) if c.is_async => tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| ApiError::Internal(e.to_string()))?
                    .block_on(gocua_api::surface::call_async(ctx, Door::Cli, &name, req))?,
                _ => gocua_api::surface::call(ctx, Door::Cli, &name, req)?,
            };
            return print_json(&out);
        }
        Command::Commands => {
            for c in gocua_api::surface::COMMANDS {
                say!("{}\t{:?}", c.name, c.access);
            }
        }
        Command::Info { json } => {
            let info = gocua_api::app_info(ctx)?;
            if json {
                return print_json(&info);
            }
            say!("{}", line("cli-info-version", info.version.clone()));
            say!("{}", line("cli-info-data-dir", info.data_dir.clone()));
            say!("{}", line("cli-info-database", info.database.clone()));
            say!(
                "{}",
                line("cli-info-schema", info.schema_version.to_string())
            );
            let portal_id = match info.portal_url_is_default {
                true => "cli-info-portal-default",
                false => "cli-info-portal",
            };
            say!(
                "{}",
                l10n.tr(
                    lang,
                    portal_id,
                    &[("value", info.portal_url.clone().into())]
                )
            );
            let lang_name = match Language::from(info.language) {
                Language::Vi => l10n.tr(lang, "language-vi", &[]),
                Language::En => l10n.tr(lang, "language-en", &[]),
            };
            say!("{}", line("cli-info-language", lang_name));
        }
        Command::Probe { json } => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            let result = runtime.block_on(gocua_api::probe_portal(ctx))?;
            if json {
                return print_json(&result);
            }
            let id = match result.connectivity {
                ConnectivityDto::Online => "cli-probe-online",
                ConnectivityDto::Offline => "cli-probe-offline",
                ConnectivityDto::Incompatible => "cli-probe-incompatible",
            };
            say!(
                "{}",
                l10n.tr(lang, id, &[("url", result.portal_url.into())])
            );
        }
        Command::Config(ConfigCommand::Language { language }) => {
            gocua_api::set_language(ctx, SetLanguage { language })?;
            let lang = ctx.language();
            say!("{}", l10n.tr(lang, "cli-config-saved", &[]));
        }
        Command::Catalog(cmd) => catalog(ctx, cmd, lang, l10n)?,
        Command::Units(cmd) => units(cmd, lang, l10n)?,
        Command::Cccd(CccdCommand::Parse { text, json }) => {
            let text = match text {
                Some(t) => t,
                None => {
                    let mut buf = String::new();
                    std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf).map_err(
                        |e| ApiError::Unreadable {
                            path: "stdin".into(),
                            detail: e.to_string(),
                        },
                    )?;
                    buf
                }
            };
            let check = gocua_api::cccd_parse(ctx, CccdParse { text })?;
            if json {
                return print_json(&check.card);
            }
            let c = &check.card;
            for (id, value) in [
                ("cli-cccd-id", c.id.clone()),
                (
                    "cli-cccd-old-id",
                    c.old_id.clone().unwrap_or_else(|| "—".into()),
                ),
                ("cli-cccd-name", c.name.clone()),
                ("cli-cccd-birth", c.birth_date.clone()),
                ("cli-cccd-sex", c.sex.clone()),
                ("cli-cccd-address", c.address.clone()),
                ("cli-cccd-issue", c.issue_date.clone()),
            ] {
                say!("{}", line(id, value));
            }
            if let Some(a) = check
                .address
                .as_ref()
                .and_then(|a| a.new.first().map(|n| (a, n)))
            {
                let (conv, n) = a;
                let full = [conv.line.as_str(), &n.commune.name, &n.province.name]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                say!("{}", line("cli-cccd-new-address", full));
            }
        }
        Command::Audit(AuditCommand::Verify { json }) => {
            let report = gocua_api::audit_verify(ctx)?;
            if json {
                print_json(&report)?;
            } else if report.intact {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-audit-intact",
                        &[("rows", Arg::from(report.rows))]
                    )
                );
            } else {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-audit-broken",
                        &[
                            ("seq", Arg::from(report.broken_seq.unwrap_or_default())),
                            ("reason", report.reason.clone().unwrap_or_default().into()),
                        ]
                    )
                );
            }
            if !report.intact {
                return Err(ApiError::AuditBroken);
            }
        }
        Command::Operator(OperatorCommand::ResetPin { name }) => {
            let pin = read_pin()?;
            let op =
                gocua_api::operator_reset_pin(ctx, gocua_api::dto::OperatorResetPin { name, pin })?;
            say!(
                "{}",
                l10n.tr(lang, "operators-pin-reset", &[("name", op.name.into())])
            );
        }
        Command::Operator(OperatorCommand::Remove { name }) => {
            gocua_api::operator_remove(ctx, gocua_api::dto::OperatorRef { name: name.clone() })?;
            say!(
                "{}",
                l10n.tr(lang, "operators-removed", &[("name", name.into())])
            );
        }
        Command::Operator(OperatorCommand::Add { name, role }) => {
            let pin = read_pin()?;
            let role = role.parse()?;
            let op = gocua_api::operator_add(ctx, OperatorAdd { name, role, pin })?;
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-operator-added",
                    &[("name", op.name.into()), ("role", op.role.as_str().into())]
                )
            );
        }
        Command::Operator(OperatorCommand::List { json }) => {
            let list = gocua_api::operator_list(ctx)?;
            if json {
                return print_json(&list);
            }
            for op in list {
                say!("{}  {}  {}", op.name, op.role, op.created_at);
            }
        }
        Command::Purge { dry_run, days } => {
            if let Some(days) = days {
                gocua_api::retention::set_retention_days(ctx, days)?;
            }
            let r = gocua_api::retention::purge(ctx, dry_run)?;
            let id = if r.dry_run {
                "cli-purge-dry-run"
            } else {
                "cli-purge-done"
            };
            say!(
                "{}",
                l10n.tr(
                    lang,
                    id,
                    &[
                        ("count", Arg::from(u64::from(r.citizens))),
                        ("days", Arg::from(u64::from(r.retention_days))),
                        ("drafts", Arg::from(u64::from(r.drafts))),
                        ("notes", Arg::from(u64::from(r.visit_notes)))
                    ]
                )
            );
        }
        Command::Backup(BackupCommand::Create { file }) => {
            gocua_api::backup::backup_create(ctx, &file, &backup_passphrase()?)?;
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-file-saved",
                    &[("path", file.display().to_string().into())]
                )
            );
        }
        // Handled in main, before a data directory is opened.
        Command::Backup(BackupCommand::Restore { .. }) => {}
        Command::Demo(DemoCommand::Seed {
            citizens,
            dossiers,
            seed,
        }) => {
            let done = gocua_api::demo::demo_seed(ctx, citizens, seed)?;
            if dossiers > 0 {
                let n = gocua_api::demo::demo_seed_dossiers(ctx, dossiers, seed)?;
                say!(
                    "{}",
                    l10n.tr(lang, "cli-demo-dossiers", &[("n", Arg::from(u64::from(n)))])
                );
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-demo-seeded",
                    &[
                        ("citizens", Arg::from(u64::from(done.citizens))),
                        ("visits", Arg::from(u64::from(done.visits)))
                    ]
                )
            );
        }
        Command::Citizen(CitizenCommand::Export { cccd, out }) => {
            for f in gocua_api::citizen_export(ctx, CitizenShow { cccd }, out.as_deref())? {
                say!(
                    "{}",
                    l10n.tr(lang, "cli-file-saved", &[("path", f.path.into())])
                );
            }
        }
        Command::Citizen(CitizenCommand::Erase { cccd }) => {
            gocua_api::citizen_erase(ctx, CitizenShow { cccd })?;
            say!("{}", l10n.tr(lang, "cli-citizen-erased", &[]));
        }
        Command::Citizen(CitizenCommand::Receipt { cccd }) => {
            let saved = gocua_api::consent_receipt(ctx, CitizenShow { cccd })?;
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "consent-receipt-saved",
                    &[("path", saved.path.into())]
                )
            );
        }
        Command::Citizen(CitizenCommand::List { json }) => {
            let list = gocua_api::citizen_list(ctx)?;
            if json {
                return print_json(&list);
            }
            for c in list {
                say!("{}  {}  {}", c.cccd, c.name, c.card.birth_date);
            }
        }
        Command::Citizen(CitizenCommand::Show { cccd, json }) => {
            let c = gocua_api::citizen_show(ctx, CitizenShow { cccd })?;
            if json {
                return print_json(&c);
            }
            say!(
                "{} — {} ({}, {})",
                c.cccd,
                c.name,
                c.card.birth_date,
                c.card.sex
            );
            say!("{}", line("cli-cccd-address", c.card.address.clone()));
            for k in &c.consents {
                let state = match (k.granted, &k.withdrawn_at) {
                    (true, None) => l10n.tr(lang, "cli-consent-granted", &[]),
                    (true, Some(_)) => l10n.tr(lang, "cli-consent-withdrawn", &[]),
                    (false, _) => l10n.tr(lang, "cli-consent-refused", &[]),
                };
                say!(
                    "  {} {}: {state} ({}, {})",
                    l10n.tr(lang, "cli-consent", &[]),
                    k.purpose,
                    k.given_at,
                    k.operator
                );
            }
            for v in &c.visits {
                say!(
                    "  {} {}: VNeID {}, {} {}, {}",
                    l10n.tr(lang, "cli-visit", &[]),
                    v.started_at,
                    v.vneid_outcome,
                    l10n.tr(lang, "cli-visit-portal", &[]),
                    v.portal_outcome,
                    v.satisfaction
                        .map(|s| format!("{s}/5"))
                        .unwrap_or_else(|| "—".into())
                );
            }
        }
        Command::Config(ConfigCommand::TeamContact { contact }) => {
            gocua_api::set_team_contact(ctx, &contact)?;
            say!("{}", l10n.tr(lang, "cli-config-saved", &[]));
        }
        Command::Sync { once } => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            loop {
                let r = match runtime.block_on(gocua_api::sync_now(ctx)) {
                    Ok(r) => r,
                    Err(e) if once => return Err(e),
                    // The daemon lives on: a database held by another process,
                    // a full disk or a portal that answers nonsense is told and
                    // tried again, never the end of sending.
                    Err(e) => {
                        eprintln!(
                            "{}",
                            l10n.tr(
                                lang,
                                "cli-error",
                                &[("message", e.message(l10n, lang).into())]
                            )
                        );
                        std::thread::sleep(std::time::Duration::from_secs(15));
                        continue;
                    }
                };
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-sync-pass",
                        &[
                            ("sent", r.sent.to_string().into()),
                            ("retried", r.retried.to_string().into()),
                            ("quarantined", r.quarantined.to_string().into()),
                            ("changes", r.changes.to_string().into()),
                            ("offline", if r.offline { "yes" } else { "no" }.into()),
                        ]
                    )
                );
                if once {
                    break;
                }
                let wait = gocua_api::sync::next_due_in(ctx)?
                    .unwrap_or(std::time::Duration::from_secs(15))
                    .clamp(
                        std::time::Duration::from_secs(1),
                        std::time::Duration::from_secs(15),
                    );
                std::thread::sleep(wait);
            }
        }
        Command::Outbox { retry, json } => {
            let o = if retry {
                gocua_api::outbox_retry(ctx)?
            } else {
                gocua_api::outbox_list(ctx)?
            };
            if json {
                return print_json(&o);
            }
            for i in &o.items {
                say!(
                    "{}  {:<11} {:<10} {}/{} B  {}  {}",
                    i.dossier,
                    i.state,
                    i.kind,
                    i.bytes_confirmed,
                    i.bytes_total,
                    i.procedure_name,
                    i.last_error.as_deref().unwrap_or("")
                );
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-outbox-summary",
                    &[
                        ("pending", o.pending.to_string().into()),
                        ("quarantined", o.quarantined.to_string().into()),
                        ("supplements", o.supplements.to_string().into()),
                    ]
                )
            );
        }
        Command::Bench(BenchCommand::Sync {
            dossiers,
            attachments,
            fault_rate,
            reregister,
            json,
        }) => {
            let r = bench::sync(dossiers, attachments, fault_rate, reregister)?;
            if json {
                return print_json(&r);
            }
            for run in [&r.faults, &r.without_faults] {
                say!(
                    "fault rate {:.2}{}: {} dossiers, lost {}, duplicated {}, stranded {}, papers not whole {}, wire {} B / payload {} B = {:.3}, {:.1} s, {} faults, {} passes",
                    run.fault_rate,
                    if run.reregistered {
                        " (re-registered)"
                    } else {
                        ""
                    },
                    run.dossiers,
                    run.lost,
                    run.duplicated,
                    run.stranded,
                    run.papers_not_whole,
                    run.wire_bytes,
                    run.payload_bytes,
                    run.wire_ratio,
                    run.seconds,
                    run.faults_injected,
                    run.passes
                );
            }
        }
        Command::Report {
            month,
            from,
            to,
            operator,
            commune,
            format,
            out,
        } => {
            let request = gocua_api::dto::ReportRequest {
                month,
                from,
                to,
                operator,
                commune,
            };
            match out {
                None if format == "json" => {
                    return print_json(&gocua_api::report(ctx, request)?);
                }
                None => {
                    return Err(ApiError::InvalidValue {
                        field: "--out".into(),
                        value: String::new(),
                    });
                }
                Some(path) => {
                    let saved = gocua_api::report_export(
                        ctx,
                        gocua_api::dto::ReportExport {
                            report: request,
                            format: format.parse()?,
                        },
                        Some(&path),
                    )?;
                    say!(
                        "{}",
                        l10n.tr(lang, "report-export-saved", &[("path", saved.path.into())])
                    );
                }
            }
        }
        Command::Forms(FormsCommand::List { json }) => {
            let forms = gocua_api::forms_list(ctx)?;
            if json {
                return print_json(&forms);
            }
            for f in forms {
                say!("{:<16} {:>3}  {}", f.procedure_code, f.fields, f.name);
            }
        }
        Command::Dossier(DossierCommand::List {
            query,
            state,
            limit,
            json,
        }) => {
            let page = gocua_api::dossier_list(
                ctx,
                DossierList {
                    query,
                    state,
                    citizen: None,
                    limit: Some(limit),
                    offset: None,
                },
            )?;
            if json {
                return print_json(&page.items);
            }
            for d in &page.items {
                say!(
                    "{}  {:<16} {:<22} {}  {}",
                    d.id,
                    d.procedure_code,
                    d.state_label,
                    d.citizen_name.as_deref().unwrap_or("—"),
                    d.updated_at
                );
            }
            if page.more {
                say!("{}", l10n.tr(lang, "cli-dossier-more", &[]));
            }
        }
        Command::Dossier(DossierCommand::Show { id, json }) => {
            let v = gocua_api::dossier_open(ctx, DossierRef { id })?;
            if json {
                return print_json(&v);
            }
            print_dossier(&v, lang, l10n);
        }
        Command::Dossier(DossierCommand::Create {
            procedure,
            citizen,
            consent_dossiers,
            consent_photos,
            force,
        }) => {
            use gocua_api::dto::ConsentPurposeCode;
            let mut consent = Vec::new();
            if consent_dossiers {
                consent.push(ConsentPurposeCode::Dossiers);
            }
            if consent_photos {
                consent.push(ConsentPurposeCode::DocumentImages);
            }
            let created = gocua_api::dossier_create(
                ctx,
                gocua_api::dto::DossierCreate {
                    procedure_code: procedure,
                    citizen,
                    visit: None,
                    force,
                    consent,
                },
            )?;
            match created.dossier {
                Some(v) => say!("{}", v.id),
                // Not started: the open ones are shown instead (--force starts another).
                None => {
                    say!("{}", l10n.tr(lang, "cli-dossier-duplicates", &[]));
                    for d in created.duplicates {
                        say!("{}  {}  {}", d.id, d.procedure_name, d.state_label);
                    }
                }
            }
        }
        Command::Dossier(DossierCommand::Set { id, path, value }) => {
            let v = gocua_api::dossier_set(ctx, gocua_api::dto::DossierSet { id, path, value })?;
            print_dossier(&v, lang, l10n);
        }
        Command::Dossier(DossierCommand::Ready { id }) => {
            let v = gocua_api::dossier_ready(ctx, DossierRef { id })?;
            say!("{}", v.state_label);
        }
        Command::Dossier(DossierCommand::Queue { id }) => {
            let v = gocua_api::dossier_queue(ctx, DossierRef { id })?;
            say!("{}", v.state_label);
        }
        Command::Dossier(DossierCommand::Handoff { id, code }) => {
            let v = gocua_api::dossier_handoff(
                ctx,
                gocua_api::dto::DossierHandoff {
                    id,
                    portal_code: code,
                },
            )?;
            say!("{}", v.state_label);
        }
        Command::Dossier(DossierCommand::Export { id, pdf }) => {
            let saved = gocua_api::dossier_checklist(ctx, DossierRef { id }, Some(&pdf))?;
            say!(
                "{}",
                l10n.tr(lang, "cli-checklist-saved", &[("path", saved.path.into())])
            );
        }
        Command::Config(ConfigCommand::PortalUrl { url }) => {
            gocua_api::set_portal_url(ctx, SetPortalUrl { url })?;
            say!("{}", l10n.tr(lang, "cli-config-saved", &[]));
        }
    }
    Ok(())
}

fn print_dossier(v: &gocua_api::dto::DossierView, lang: Language, l10n: &Localizer) {
    say!("{} — {}", local(&v.procedure_name, lang), v.state_label);
    say!("{}", v.id);
    if let Some(c) = &v.citizen {
        say!("{} ({})", c.name, c.cccd);
    }
    for s in v.sections.iter().filter(|s| s.visible) {
        say!(
            "\n# {} [{}]",
            local(&s.title, lang),
            l10n.tr(
                lang,
                "cli-task-status",
                &[("status", s.status.as_str().into())]
            )
        );
        for p in s.pages.iter().filter(|p| p.visible) {
            for f in &p.fields {
                if f.kind == "group" {
                    let n = v.answers.items.get(&f.id).copied().unwrap_or(0);
                    say!("  {}: {n}", local(&f.label, lang));
                    for i in 0..n {
                        for sub in &f.fields {
                            let path = format!("{}[{i}].{}", f.id, sub.id);
                            if !v.hidden.contains(&path) {
                                let value = v.answers.values.get(&path).map_or("—", String::as_str);
                                say!("    {} {}: {value}", i + 1, local(&sub.label, lang));
                            }
                        }
                    }
                } else if f.kind == "address" {
                    let get = |part: &str| {
                        v.answers
                            .values
                            .get(&format!("{}.{part}", f.id))
                            .cloned()
                            .unwrap_or_default()
                    };
                    say!(
                        "  {}: {} [{}]",
                        local(&f.label, lang),
                        get("line"),
                        get("commune")
                    );
                } else {
                    let value = v.answers.values.get(&f.id).map_or("—", String::as_str);
                    say!("  {}: {value}", local(&f.label, lang));
                }
            }
        }
    }
    if !v.issues.is_empty() {
        say!(
            "\n{}",
            l10n.tr(
                lang,
                "cli-dossier-issues",
                &[("n", v.issues.len().to_string().into())]
            )
        );
        for i in &v.issues {
            say!("  {}: {}", i.path, i.message);
        }
    }
    say!("\n{}", l10n.tr(lang, "cli-dossier-papers", &[]));
    for d in &v.documents {
        say!(
            "  [{}] {}",
            l10n.tr(
                lang,
                "document-status",
                &[("status", d.status.as_str().into())]
            ),
            local(&d.name, lang)
        );
    }
}

fn local(text: &LocalTextDto, lang: Language) -> &str {
    match (lang, &text.en) {
        (Language::En, Some(en)) => en,
        _ => &text.vi,
    }
}

fn money(amount: Option<u32>, lang: Language, l10n: &Localizer) -> String {
    match amount {
        Some(0) => l10n.tr(lang, "fee-free", &[]),
        Some(v) => l10n.tr(
            lang,
            "fee-amount",
            &[(
                "amount",
                gocua_i18n::format_amount(u64::from(v), lang).into(),
            )],
        ),
        None => l10n.tr(lang, "fee-unverified", &[]),
    }
}

fn catalog(
    ctx: &Ctx,
    cmd: CatalogCommand,
    lang: Language,
    l10n: &Localizer,
) -> Result<(), ApiError> {
    match cmd {
        CatalogCommand::TrustKey { public_key, name } => {
            let keys =
                gocua_api::catalog_trust_key(ctx, gocua_api::dto::TrustKey { public_key, name })?;
            for k in keys {
                say!("{}  {}", k.public_key, k.name);
            }
        }
        CatalogCommand::Keys => {
            for k in gocua_api::catalog_keys(ctx)? {
                say!("{}  {}", k.public_key, k.name);
            }
        }
        CatalogCommand::Keygen { .. } | CatalogCommand::Sign { .. } => {
            // Handled before a data folder is opened (see `publisher`).
        }
        CatalogCommand::Import { file, unsigned } => {
            let json = std::fs::read_to_string(&file).map_err(|e| ApiError::Unreadable {
                path: file.display().to_string(),
                detail: e.to_string(),
            })?;
            let info = gocua_api::catalog_import(
                ctx,
                CatalogImport {
                    json,
                    allow_unsigned: unsigned,
                },
            )?;
            let id = match info.newly_installed {
                true => "cli-catalog-installed",
                false => "cli-catalog-already-installed",
            };
            say!(
                "{}",
                l10n.tr(
                    lang,
                    id,
                    &[
                        ("pack", info.pack_id.into()),
                        ("version", Arg::from(u64::from(info.version))),
                        ("count", Arg::from(u64::from(info.procedures))),
                    ]
                )
            );
        }
        CatalogCommand::Search { query, limit, json } => {
            let hits = gocua_api::catalog_search(
                ctx,
                CatalogSearch {
                    query,
                    limit: Some(limit),
                },
            )?;
            if json {
                #[derive(serde::Serialize)]
                struct Row<'a> {
                    code: &'a str,
                    name: &'a str,
                    score: f32,
                }
                let rows: Vec<Row<'_>> = hits
                    .iter()
                    .map(|h| Row {
                        code: &h.code,
                        name: local(&h.name, lang),
                        score: h.score,
                    })
                    .collect();
                return print_json(&rows);
            }
            if hits.is_empty() {
                say!("{}", l10n.tr(lang, "cli-catalog-no-results", &[]));
            }
            for (i, h) in hits.iter().enumerate() {
                say!("{:>2}. {:<18} {}", i + 1, h.code, local(&h.name, lang));
            }
        }
        CatalogCommand::Show { code, json } => {
            let p = gocua_api::catalog_show(ctx, CatalogShow { code })?;
            if json {
                return print_json(&p);
            }
            say!("{} — {}", p.code, local(&p.name, lang));
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-field",
                    &[("value", local(&p.field, lang).into())]
                )
            );
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-agency",
                    &[("value", local(&p.agency, lang).into())]
                )
            );
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-time",
                    &[("value", local(&p.processing_time, lang).into())]
                )
            );
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-where",
                    &[("value", local(&p.where_to_submit, lang).into())]
                )
            );
            if let Some(level) = p.vneid_level {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-catalog-vneid",
                        &[("level", Arg::from(u64::from(level)))]
                    )
                );
            }
            say!("{}", l10n.tr(lang, "cli-catalog-documents", &[]));
            for d in &p.documents {
                say!("  [ ] {} ×{}", local(&d.name, lang), d.count);
            }
            if !p.documents_verified {
                say!("  ({})", l10n.tr(lang, "procedure-unverified", &[]));
            }
            say!("{}", l10n.tr(lang, "cli-catalog-fees", &[]));
            if p.fees.is_empty() {
                say!("  {}", l10n.tr(lang, "fee-free", &[]));
            }
            for f in &p.fees {
                say!(
                    "  {}: {} / {}",
                    local(&f.name, lang),
                    money(f.in_person, lang, l10n),
                    money(f.online, lang, l10n)
                );
            }
        }
        CatalogCommand::Packs { json } => {
            let packs = gocua_api::catalog_packs(ctx)?;
            if json {
                return print_json(&packs);
            }
            for p in packs {
                say!(
                    "{} v{} ({}) — {} · {}",
                    p.pack_id,
                    p.version,
                    p.issued_at,
                    p.procedures,
                    p.sha256
                );
            }
        }
    }
    Ok(())
}

fn units(cmd: UnitsCommand, lang: Language, l10n: &Localizer) -> Result<(), ApiError> {
    match cmd {
        UnitsCommand::Search { query, limit, json } => {
            let found = gocua_api::units_search(UnitsSearch {
                query,
                limit: Some(limit),
            })?;
            if json {
                return print_json(&found);
            }
            if found.is_empty() {
                say!("{}", l10n.tr(lang, "cli-units-none", &[]));
            }
            for c in found {
                say!(
                    "{}  {}, {}",
                    c.commune.code,
                    c.commune.name,
                    c.province.name
                );
            }
        }
        UnitsCommand::Convert { address, json } => {
            let c = gocua_api::units_convert(UnitsConvert { address })?;
            if json {
                return print_json(&c);
            }
            if c.already_new {
                say!("{}", l10n.tr(lang, "units-already-new", &[]));
            }
            let id = match c.new.len() {
                1 => "cli-units-converted",
                _ => "cli-units-converted-split",
            };
            say!("{}", l10n.tr(lang, id, &[]));
            for n in &c.new {
                let full = [c.line.as_str(), &n.commune.name, &n.province.name]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                say!("  {full}  ({} / {})", n.commune.code, n.province.code);
            }
        }
        UnitsCommand::List { province, json } => {
            let list = match province {
                Some(code) => gocua_api::units_communes(UnitsCommunes { province: code })?,
                None => gocua_api::units_provinces()?,
            };
            if json {
                return print_json(&list);
            }
            for u in list {
                say!("{}  {}", u.code, u.name);
            }
        }
    }
    Ok(())
}
