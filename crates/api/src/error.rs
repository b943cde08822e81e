//! Errors of the command surface: a stable code for the UI to branch on, and
//! the values a translated message needs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A stable, machine-readable error code. The UI branches on it; the message
/// shown to people is the Fluent message `error-<code>` (see [`ErrorCode::message_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A language code we do not support.
    InvalidLanguage,
    /// A portal URL that is not an absolute http(s) URL.
    InvalidPortalUrl,
    /// The local database failed.
    Storage,
    /// A catalogue pack that is malformed.
    InvalidPack,
    /// A catalogue pack that is not newer than the installed one.
    PackNotNewer,
    /// Nothing with that code or id.
    NotFound,
    /// A file that could not be read.
    Unreadable,
    /// An address whose units could not be recognised.
    AddressNotRecognised,
    /// ID-card data that fails the card's rules.
    InvalidCard,
    /// A citizen cannot be stored without consent to keep their profile.
    ConsentRequired,
    /// The citizen has not consented to (or withdrew) the purpose this needs:
    /// `dossiers` to prepare and send a dossier, `document_images` to keep
    /// photos of papers.
    NoConsent,
    /// A value outside what a field allows.
    InvalidValue,
    /// The database key cannot be obtained (no keyring, passphrase needed or wrong).
    KeyUnavailable,
    /// The audit chain is broken: the log was tampered with.
    AuditBroken,
    /// A new PIN that breaks the PIN rules.
    InvalidPin,
    /// A wrong PIN (or an unknown operator).
    WrongPin,
    /// Too many wrong PINs: wait before trying again.
    LockedOut,
    /// Not allowed now (kiosk mode, or the app is locked).
    Forbidden,
    /// The data directory could not be determined.
    NoDataDir,
    /// The procedure has no dossier form yet.
    NoForm,
    /// The dossier cannot be marked ready: answers or papers are missing.
    DossierIncomplete,
    /// The dossier has left the laptop (or is being sent) and cannot change.
    NotEditable,
    /// A file that cannot be attached (type, size, damaged).
    InvalidAttachment,
    /// A catalogue pack no trusted key vouches for: `unsigned`,
    /// `unknown-key`, `bad-signature` or `malformed`.
    UntrustedPack,
    /// A backup that cannot be written or restored: `missing`, `not-a-file`,
    /// `empty`, `wrong-passphrase`, `damaged`, `too-new`, `foreign`,
    /// `passphrase-short`, `exists` or `not-empty`.
    BadBackup,
    /// Reading aloud is not possible here: no offline voice (espeak-ng) is
    /// installed, or it failed.
    SpeechUnavailable,
    /// A printout could not go to the printer (none is installed or set as
    /// the default, or it refused): at the kiosk no print dialog is opened
    /// instead, so the citizen is told to ask a volunteer.
    PrinterUnavailable,
    /// A saved file could not be shown in the system's viewer (none is
    /// installed, or it failed); the message says where the file is.
    CannotOpen,
    /// The team hub: `code-damaged` (the text is not an enrolment code),
    /// `code-invalid` (unknown, used or expired), `unreachable`,
    /// `wrong-certificate`, `revoked`, `clock` (this laptop's clock is off),
    /// `not-joined`, `refused`.
    Hub,
    /// A defect or an environment problem we cannot explain to the user.
    Internal,
}

impl ErrorCode {
    /// Every code, for exhaustive tests.
    pub const ALL: [ErrorCode; 30] = [
        ErrorCode::InvalidLanguage,
        ErrorCode::InvalidPortalUrl,
        ErrorCode::Storage,
        ErrorCode::InvalidPack,
        ErrorCode::PackNotNewer,
        ErrorCode::NotFound,
        ErrorCode::Unreadable,
        ErrorCode::AddressNotRecognised,
        ErrorCode::InvalidCard,
        ErrorCode::ConsentRequired,
        ErrorCode::NoConsent,
        ErrorCode::InvalidValue,
        ErrorCode::KeyUnavailable,
        ErrorCode::AuditBroken,
        ErrorCode::InvalidPin,
        ErrorCode::WrongPin,
        ErrorCode::LockedOut,
        ErrorCode::Forbidden,
        ErrorCode::NoDataDir,
        ErrorCode::NoForm,
        ErrorCode::DossierIncomplete,
        ErrorCode::NotEditable,
        ErrorCode::InvalidAttachment,
        ErrorCode::UntrustedPack,
        ErrorCode::BadBackup,
        ErrorCode::SpeechUnavailable,
        ErrorCode::PrinterUnavailable,
        ErrorCode::CannotOpen,
        ErrorCode::Hub,
        ErrorCode::Internal,
    ];

    /// The Fluent message id that explains this code to people.
    pub fn message_id(self) -> &'static str {
        match self {
            ErrorCode::InvalidLanguage => "error-invalid-language",
            ErrorCode::InvalidPortalUrl => "error-invalid-portal-url",
            ErrorCode::Storage => "error-storage",
            ErrorCode::InvalidPack => "error-invalid-pack",
            ErrorCode::PackNotNewer => "error-pack-not-newer",
            ErrorCode::NotFound => "error-not-found",
            ErrorCode::Unreadable => "error-unreadable",
            ErrorCode::AddressNotRecognised => "error-address-not-recognised",
            ErrorCode::InvalidCard => "error-invalid-card",
            ErrorCode::ConsentRequired => "error-consent-required",
            ErrorCode::NoConsent => "error-no-consent",
            ErrorCode::InvalidValue => "error-invalid-value",
            ErrorCode::KeyUnavailable => "error-key-unavailable",
            ErrorCode::AuditBroken => "error-audit-broken",
            ErrorCode::InvalidPin => "error-invalid-pin",
            ErrorCode::WrongPin => "error-wrong-pin",
            ErrorCode::LockedOut => "error-locked-out",
            ErrorCode::Forbidden => "error-forbidden",
            ErrorCode::NoDataDir => "error-no-data-dir",
            ErrorCode::NoForm => "error-no-form",
            ErrorCode::DossierIncomplete => "error-dossier-incomplete",
            ErrorCode::NotEditable => "error-not-editable",
            ErrorCode::InvalidAttachment => "error-invalid-attachment",
            ErrorCode::UntrustedPack => "error-untrusted-pack",
            ErrorCode::BadBackup => "error-bad-backup",
            ErrorCode::SpeechUnavailable => "error-speech-unavailable",
            ErrorCode::PrinterUnavailable => "error-printer-unavailable",
            ErrorCode::CannotOpen => "error-cannot-open",
            ErrorCode::Hub => "error-hub",
            ErrorCode::Internal => "error-internal",
        }
    }
}

/// An error from a command.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// See [`ErrorCode::InvalidLanguage`].
    #[error("unsupported language {0:?}")]
    InvalidLanguage(String),
    /// See [`ErrorCode::InvalidPortalUrl`].
    #[error("invalid portal URL {input:?}: {source}")]
    InvalidPortalUrl {
        /// What was typed.
        input: String,
        /// Why it was refused.
        source: gocua_sync::InvalidPortalUrl,
    },
    /// See [`ErrorCode::Storage`].
    #[error("storage: {0}")]
    Storage(gocua_store::Error),
    /// See [`ErrorCode::InvalidPack`].
    #[error("invalid catalogue pack at {path}: {detail}")]
    InvalidPack {
        /// JSON path of the bad value.
        path: String,
        /// What is wrong (technical, English).
        detail: String,
    },
    /// See [`ErrorCode::PackNotNewer`].
    #[error("pack {pack_id} v{version} is not newer than installed v{installed}")]
    PackNotNewer {
        /// Pack id.
        pack_id: String,
        /// Offered version.
        version: u32,
        /// Installed version.
        installed: u32,
    },
    /// See [`ErrorCode::NotFound`].
    #[error("not found: {0}")]
    NotFound(String),
    /// See [`ErrorCode::SpeechUnavailable`]: `missing` or `failed`.
    #[error("speech unavailable: {0}")]
    SpeechUnavailable(String),
    /// See [`ErrorCode::PrinterUnavailable`]: `missing` (no printing system)
    /// or `refused` (no default printer, or it refused the job).
    #[error("printer unavailable: {0}")]
    PrinterUnavailable(String),
    /// See [`ErrorCode::CannotOpen`].
    #[error("cannot open {path}: {detail}")]
    CannotOpen {
        /// The file.
        path: String,
        /// Why (technical).
        detail: String,
    },
    /// See [`ErrorCode::Unreadable`].
    #[error("cannot read {path}: {detail}")]
    Unreadable {
        /// The file.
        path: String,
        /// The OS error.
        detail: String,
    },
    /// See [`ErrorCode::AddressNotRecognised`].
    #[error("address not recognised ({reason}): {part:?}")]
    AddressNotRecognised {
        /// `empty`, `province`, `district` or `ward`: which tier was not found.
        reason: String,
        /// The part of the address that should have named it.
        part: String,
    },
    /// See [`ErrorCode::InvalidCard`]; the reason is a `CardError::code`.
    #[error("invalid card: {0}")]
    InvalidCard(String),
    /// See [`ErrorCode::ConsentRequired`].
    #[error("consent to keep the citizen's profile is required")]
    ConsentRequired,
    /// See [`ErrorCode::NoConsent`]; the purpose.
    #[error("no consent for {0}")]
    NoConsent(String),
    /// See [`ErrorCode::InvalidValue`].
    #[error("invalid {field}: {value:?}")]
    InvalidValue {
        /// The field.
        field: String,
        /// What was given.
        value: String,
    },
    /// See [`ErrorCode::KeyUnavailable`]; the reason says which case.
    #[error("database key unavailable: {0}")]
    KeyUnavailable(String),
    /// See [`ErrorCode::AuditBroken`].
    #[error("the audit chain is broken")]
    AuditBroken,
    /// See [`ErrorCode::InvalidPin`]; `format` or `trivial`.
    #[error("invalid PIN: {0}")]
    InvalidPin(String),
    /// See [`ErrorCode::WrongPin`].
    #[error("wrong PIN")]
    WrongPin,
    /// See [`ErrorCode::LockedOut`]; seconds to wait.
    #[error("locked out for {0} s")]
    LockedOut(u64),
    /// See [`ErrorCode::Forbidden`]; `kiosk` or `locked`.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// See [`ErrorCode::NoDataDir`].
    #[error("no data directory: set --data-dir or GOCUA_DATA_DIR")]
    NoDataDir,
    /// See [`ErrorCode::NoForm`]; the procedure code.
    #[error("procedure {0} has no dossier form")]
    NoForm(String),
    /// See [`ErrorCode::DossierIncomplete`]: unanswered or wrong answers,
    /// and papers still missing.
    #[error("dossier incomplete: {answers} answers, {papers} papers")]
    DossierIncomplete {
        /// Answers missing or wrong.
        answers: u32,
        /// Papers neither attached nor marked.
        papers: u32,
    },
    /// See [`ErrorCode::NotEditable`]; the state.
    #[error("dossier in state {0} cannot change")]
    NotEditable(String),
    /// See [`ErrorCode::InvalidAttachment`]: `unsupported`, `too-large`,
    /// `damaged` or `empty`, with the limit in MB.
    #[error("invalid attachment: {reason}")]
    InvalidAttachment {
        /// Which case.
        reason: String,
        /// The size limit, in MB.
        max_mb: u32,
    },
    /// See [`ErrorCode::UntrustedPack`]; the reason.
    #[error("untrusted pack: {0}")]
    UntrustedPack(String),
    /// See [`ErrorCode::BadBackup`]; the reason.
    #[error("backup refused: {0}")]
    BadBackup(String),
    /// See [`ErrorCode::Hub`]; the reason, and technical detail for logs.
    #[error("team hub: {reason}: {detail}")]
    Hub {
        /// The reason code.
        reason: String,
        /// What happened (technical; no personal data).
        detail: String,
    },
    /// See [`ErrorCode::Internal`].
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<gocua_documents::pdf::Error> for ApiError {
    fn from(e: gocua_documents::pdf::Error) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<gocua_store::Error> for ApiError {
    fn from(e: gocua_store::Error) -> Self {
        match e {
            gocua_store::Error::ConsentRequired => ApiError::ConsentRequired,
            gocua_store::Error::NoConsent(purpose) => {
                ApiError::NoConsent(purpose.as_str().to_owned())
            }
            gocua_store::Error::BadBackup(problem) => ApiError::BadBackup(problem.as_str().into()),
            gocua_store::Error::Transition(refused) => {
                ApiError::NotEditable(refused.from.to_string())
            }
            gocua_store::Error::NoDossier(id) => ApiError::NotFound(id),
            // Moved on meanwhile (another window, the sync worker): the
            // dossier cannot take this change in the state it is now in.
            gocua_store::Error::Stale(id) => ApiError::NotEditable(id),
            other => ApiError::Storage(other),
        }
    }
}

impl ApiError {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::InvalidLanguage(_) => ErrorCode::InvalidLanguage,
            ApiError::InvalidPortalUrl { .. } => ErrorCode::InvalidPortalUrl,
            ApiError::Storage(_) => ErrorCode::Storage,
            ApiError::InvalidPack { .. } => ErrorCode::InvalidPack,
            ApiError::PackNotNewer { .. } => ErrorCode::PackNotNewer,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::Unreadable { .. } => ErrorCode::Unreadable,
            ApiError::AddressNotRecognised { .. } => ErrorCode::AddressNotRecognised,
            ApiError::InvalidCard(_) => ErrorCode::InvalidCard,
            ApiError::ConsentRequired => ErrorCode::ConsentRequired,
            ApiError::NoConsent(_) => ErrorCode::NoConsent,
            ApiError::InvalidValue { .. } => ErrorCode::InvalidValue,
            ApiError::KeyUnavailable(_) => ErrorCode::KeyUnavailable,
            ApiError::AuditBroken => ErrorCode::AuditBroken,
            ApiError::InvalidPin(_) => ErrorCode::InvalidPin,
            ApiError::WrongPin => ErrorCode::WrongPin,
            ApiError::LockedOut(_) => ErrorCode::LockedOut,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::NoDataDir => ErrorCode::NoDataDir,
            ApiError::NoForm(_) => ErrorCode::NoForm,
            ApiError::SpeechUnavailable(_) => ErrorCode::SpeechUnavailable,
            ApiError::PrinterUnavailable(_) => ErrorCode::PrinterUnavailable,
            ApiError::CannotOpen { .. } => ErrorCode::CannotOpen,
            ApiError::DossierIncomplete { .. } => ErrorCode::DossierIncomplete,
            ApiError::NotEditable(_) => ErrorCode::NotEditable,
            ApiError::InvalidAttachment { .. } => ErrorCode::InvalidAttachment,
            ApiError::UntrustedPack(_) => ErrorCode::UntrustedPack,
            ApiError::BadBackup(_) => ErrorCode::BadBackup,
            ApiError::Hub { .. } => ErrorCode::Hub,
            ApiError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A description safe for logs: the code, plus technical detail only
    /// where it cannot carry what a user typed (names, ID numbers, addresses
    /// reach [`ApiError::NotFound`], [`ApiError::InvalidValue`] and others).
    pub fn log_detail(&self) -> String {
        match self {
            ApiError::Storage(e) => format!("storage: {e}"),
            ApiError::Internal(detail) => format!("internal: {detail}"),
            ApiError::Hub { reason, detail } => format!("hub {reason}: {detail}"),
            ApiError::KeyUnavailable(reason)
            | ApiError::InvalidCard(reason)
            | ApiError::InvalidPin(reason)
            | ApiError::Forbidden(reason)
            | ApiError::NotEditable(reason)
            | ApiError::BadBackup(reason)
            | ApiError::UntrustedPack(reason)
            | ApiError::InvalidAttachment { reason, .. } => format!("{:?}: {reason}", self.code()),
            other => format!("{:?}", other.code()),
        }
    }

    /// The message for people, in `lang` (Fluent message `error-<code>`).
    pub fn message(&self, l10n: &gocua_i18n::Localizer, lang: gocua_core::Language) -> String {
        let args: Vec<(&str, gocua_i18n::Arg)> = self
            .message_args()
            .into_iter()
            .map(|(k, v)| (k, gocua_i18n::Arg::from(v)))
            .collect();
        l10n.tr(lang, self.code().message_id(), &args)
    }

    /// The error as it crosses to the UI: code and translated message.
    pub fn to_dto(
        &self,
        l10n: &gocua_i18n::Localizer,
        lang: gocua_core::Language,
    ) -> crate::dto::ErrorDto {
        crate::dto::ErrorDto {
            code: self.code(),
            message: self.message(l10n, lang),
            retry_after: match self {
                ApiError::LockedOut(secs) => Some(u32::try_from(*secs).unwrap_or(u32::MAX)),
                _ => None,
            },
        }
    }

    /// The named values the translated message interpolates. Technical detail
    /// (`detail`) is included where it helps support staff; it is never a
    /// citizen's personal data.
    pub fn message_args(&self) -> Vec<(&'static str, String)> {
        match self {
            ApiError::InvalidLanguage(value) => vec![("value", value.clone())],
            ApiError::InvalidPortalUrl { input, source } => vec![
                ("value", input.clone()),
                ("reason", source.reason().to_owned()),
            ],
            ApiError::Storage(e) => vec![("detail", e.to_string())],
            ApiError::InvalidPack { path, detail } => {
                vec![("path", path.clone()), ("detail", detail.clone())]
            }
            ApiError::PackNotNewer {
                pack_id,
                version,
                installed,
            } => vec![
                ("pack", pack_id.clone()),
                ("version", version.to_string()),
                ("installed", installed.to_string()),
            ],
            ApiError::NotFound(what) => vec![("value", what.clone())],
            ApiError::InvalidCard(reason) => vec![("reason", reason.clone())],
            ApiError::KeyUnavailable(reason) => vec![("reason", reason.clone())],
            ApiError::NoConsent(purpose) => vec![("purpose", purpose.clone())],
            ApiError::ConsentRequired | ApiError::AuditBroken | ApiError::WrongPin => vec![],
            ApiError::InvalidPin(reason)
            | ApiError::Forbidden(reason)
            | ApiError::BadBackup(reason)
            | ApiError::UntrustedPack(reason) => {
                vec![("reason", reason.clone())]
            }
            ApiError::LockedOut(secs) => vec![("seconds", secs.to_string())],
            // The message names the field in words, never by its internal
            // name, and an empty value is a request to fill it in.
            ApiError::InvalidValue { field, value } => vec![
                ("field", field.clone()),
                ("value", value.clone()),
                (
                    "empty",
                    if value.trim().is_empty() { "yes" } else { "no" }.to_owned(),
                ),
            ],
            ApiError::AddressNotRecognised { reason, part } => {
                vec![("reason", reason.clone()), ("part", part.clone())]
            }
            ApiError::Unreadable { path, detail } => {
                vec![("path", path.clone()), ("detail", detail.clone())]
            }
            ApiError::NoDataDir => vec![],
            ApiError::NoForm(code) => vec![("value", code.clone())],
            ApiError::SpeechUnavailable(reason) | ApiError::PrinterUnavailable(reason) => {
                vec![("reason", reason.clone())]
            }
            ApiError::CannotOpen { path, .. } => vec![("path", path.clone())],
            ApiError::DossierIncomplete { answers, papers } => {
                vec![
                    ("answers", answers.to_string()),
                    ("papers", papers.to_string()),
                ]
            }
            ApiError::NotEditable(state) => vec![("state", state.clone())],
            ApiError::InvalidAttachment { reason, max_mb } => {
                vec![("reason", reason.clone()), ("max", max_mb.to_string())]
            }
            ApiError::Hub { reason, detail } => {
                vec![("reason", reason.clone()), ("detail", detail.clone())]
            }
            ApiError::Internal(detail) => vec![("detail", detail.clone())],
        }
    }
}

/// A stored record that cannot be read back (a defect or a damaged file).
pub(crate) fn corrupt(e: impl std::fmt::Display) -> ApiError {
    ApiError::Storage(gocua_store::Error::Corrupt(e.to_string()))
}

/// The embedded translations, for documents the commands print.
pub(crate) fn l10n() -> Result<&'static gocua_i18n::Localizer> {
    gocua_i18n::Localizer::global().map_err(|e| ApiError::Internal(e.to_string()))
}

/// Result alias of this crate.
pub type Result<T, E = ApiError> = std::result::Result<T, E>;
