//! The command line: every subcommand and its arguments (clap).

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Show version, data folder, schema version, portal and language.
    Info,
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
    Probe,
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
    /// The team hub: join with the lead's code, send the team's figures, leave.
    #[command(subcommand)]
    Hub(HubCommand),
    /// The laptop's background, headless: send queued dossiers to the portal and read
    /// their status, sync with the team hub, purge what retention says (until Ctrl-C);
    /// or one portal pass (--once).
    Sync {
        /// One portal pass, then exit.
        #[arg(long, conflicts_with = "daemon")]
        once: bool,
        /// Run the background schedule until stopped (the default).
        #[arg(long)]
        daemon: bool,
    },
    /// What waits to be sent, what was set aside and why.
    Outbox {
        /// "Send now": everything unfinished is due at once, set-aside dossiers too
        /// (the app's button of the same name).
        #[arg(long)]
        retry: bool,
    },
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
pub(crate) enum FormsCommand {
    /// List the forms: procedure code, name, number of fields.
    List,
}

#[derive(Debug, Subcommand)]
pub(crate) enum DossierCommand {
    /// List dossiers, most recently changed first.
    List {
        /// Words of the citizen's name or ID number, or the procedure.
        #[arg(long, default_value = "")]
        query: String,
        /// open, sent, all, or a state (draft, ready, portal_2 …).
        #[arg(long)]
        state: Option<gocua_api::dto::DossierFilter>,
        /// At most this many.
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Show one dossier: answers, problems, papers.
    Show {
        /// The dossier id.
        id: String,
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
pub(crate) enum OperatorCommand {
    /// Add an operator; the PIN is read from GOCUA_OPERATOR_PIN or the first line of standard input.
    Add {
        /// Display name.
        name: String,
        /// volunteer, lead or kiosk.
        #[arg(long, default_value = "volunteer")]
        role: String,
    },
    /// List operators.
    List,
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

#[derive(Debug, Subcommand)]
pub(crate) enum BackupCommand {
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
pub(crate) enum DemoCommand {
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
pub(crate) enum AuditCommand {
    /// Recompute the hash chain; exit code 1 and the first broken link if tampered.
    Verify,
}

#[derive(Debug, Subcommand)]
pub(crate) enum HubCommand {
    /// Join the team hub with the enrolment code the team lead gave (GC1-…).
    Join {
        /// The code; reads standard input when omitted.
        code: Option<String>,
        /// A name for this laptop, shown to the team lead.
        #[arg(long)]
        name: String,
    },
    /// Show whether this laptop is enrolled and what waits to be sent.
    Status,
    /// Send the team's figures that changed since the last sync.
    Sync,
    /// Forget the hub (the laptop's data stays).
    Leave,
    /// The team's other laptops, to hand a draft to.
    Devices,
    /// The team's members, as the lead keeps them on the hub.
    Roster,
    /// Hand drafts to another laptop of the team, or take in one handed to this laptop.
    #[command(subcommand)]
    Handover(HandoverCommand),
}

#[derive(Debug, Subcommand)]
pub(crate) enum HandoverCommand {
    /// Hand a draft to another laptop of the team (sealed: the hub cannot read it).
    Send {
        /// The dossier's id.
        dossier: String,
        /// The receiving laptop's id (see `gocua hub devices`).
        #[arg(long)]
        to: String,
        /// The citizen agreed that another volunteer of the team finishes it.
        #[arg(long)]
        citizen_agreed: bool,
    },
    /// Drafts handed to this laptop, and the latest hand-overs.
    Inbox,
    /// Accept a draft handed to this laptop: it becomes this laptop's.
    Accept {
        /// The hand-over's id (see `gocua hub handover inbox`).
        id: String,
    },
    /// Decline a draft handed to this laptop: it goes back to the sender.
    Decline {
        /// The hand-over's id.
        id: String,
    },
    /// Take back a draft this laptop handed over, if it was not accepted yet.
    Reclaim {
        /// The dossier's id.
        dossier: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CccdCommand {
    /// Parse and check a QR text; reads standard input when no argument is given.
    Parse {
        /// The text the scanner produced.
        text: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CitizenCommand {
    /// List stored citizens.
    List,
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
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum UnitsCommand {
    /// Find communes (xã, phường, đặc khu) by name.
    Search {
        /// The name, with or without diacritics.
        query: String,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: u32,
    },
    /// Convert an old three-tier address (as on older ID cards) to the new units.
    Convert {
        /// The address, e.g. "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".
        address: String,
    },
    /// List the 34 provinces, or the communes of one (by code).
    List {
        /// A province code, e.g. 01.
        province: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum CatalogCommand {
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
    },
    /// Show one procedure.
    Show {
        /// The procedure code.
        code: String,
    },
    /// List the installed catalogue packs.
    Packs,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
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
