//! The app: its information, language, portal address and probe, errors,
//! and files saved.

#[allow(unused_imports)]
use super::*;
use crate::ErrorCode;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Facts about this installation, for the about box and support staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// The data directory in use.
    pub data_dir: String,
    /// The database file.
    pub database: String,
    /// The database schema version.
    pub schema_version: i32,
    /// The portal dossiers are sent to.
    pub portal_url: String,
    /// Whether `portal_url` is the built-in sandbox default (not chosen by anyone).
    pub portal_url_is_default: bool,
    /// Whether data sent to `portal_url` would cross a network in clear
    /// (only under the training override): the app shows a red banner.
    pub portal_insecure: bool,
    /// The interface language.
    pub language: LanguageCode,
    /// The version of the consent text shown to citizens.
    pub consent_text_version: String,
}

/// Whether the portal can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectivityDto {
    /// The portal answered as a portal.
    Online,
    /// Nothing answered in time.
    Offline,
    /// Something answered that is not a compatible portal.
    Incompatible,
}

impl From<gocua_core::Connectivity> for ConnectivityDto {
    fn from(c: gocua_core::Connectivity) -> Self {
        match c {
            gocua_core::Connectivity::Online => ConnectivityDto::Online,
            gocua_core::Connectivity::Offline => ConnectivityDto::Offline,
            gocua_core::Connectivity::Incompatible => ConnectivityDto::Incompatible,
        }
    }
}

/// The outcome of a connectivity probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProbeResult {
    /// The URL that was probed.
    pub portal_url: String,
    /// What the probe found.
    pub connectivity: ConnectivityDto,
}

/// Request: change the interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetLanguage {
    /// A language code such as `vi` or `en`. Text, not an enum, so that a bad
    /// value gets a translated error instead of a deserialisation failure.
    pub language: String,
}

/// Request: change the portal URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetPortalUrl {
    /// An absolute http(s) URL; empty to go back to the default.
    pub url: String,
}

/// An error as it crosses to the UI: a stable code and a translated message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorDto {
    /// What went wrong, for code to branch on.
    pub code: ErrorCode,
    /// What went wrong, for people, in the current language.
    pub message: String,
    /// Seconds until it may be tried again (a PIN lock-out), for a live
    /// countdown.
    #[serde(default)]
    pub retry_after: Option<u32>,
}

/// A file written for the user (export, receipt, printable checklist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileSaved {
    /// Where it was written.
    pub path: String,
}

/// The result of verifying the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    /// True when every row links to the one before and matches its hash.
    pub intact: bool,
    /// Rows checked (when intact).
    pub rows: u64,
    /// The first broken row.
    pub broken_seq: Option<i64>,
    /// `gap`, `link` or `hash`.
    pub reason: Option<String>,
}

/// What a retention purge did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurgeReport {
    /// The retention period applied.
    pub retention_days: u32,
    /// Citizens purged (or that would be).
    pub citizens: u32,
    /// Finished dossiers of no stored citizen purged (or that would be); a
    /// citizen's dossiers go with the citizen.
    pub dossiers: u32,
    /// Drafts of no stored citizen, never sent and untouched for the period.
    pub drafts: u32,
    /// Visits whose free-text notes were cleared (outcomes stay for reports).
    pub visit_notes: u32,
    /// Nothing was changed.
    pub dry_run: bool,
}

/// Request: read a text aloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SpeakRequest {
    /// What to read (at most 2,000 characters are read).
    pub text: String,
    /// Whose accent; Northern when absent.
    #[serde(default)]
    pub voice: Option<SpeechVoiceCode>,
}

/// A reading: a WAV file, base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Spoken {
    /// The WAV bytes, base64.
    pub wav_base64: String,
}
