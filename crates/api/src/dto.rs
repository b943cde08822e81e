//! IPC data-transfer types: the JSON the UI sends and receives.
//!
//! Each derives ts-rs; `crates/api/bindings/*.ts` is generated from them.
//! Domain types from gocua-core are converted at this boundary rather than
//! exposed directly, so the wire shape is deliberate.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ErrorCode;

/// An interface language, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LanguageCode {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl From<gocua_core::Language> for LanguageCode {
    fn from(l: gocua_core::Language) -> Self {
        match l {
            gocua_core::Language::Vi => LanguageCode::Vi,
            gocua_core::Language::En => LanguageCode::En,
        }
    }
}

impl From<LanguageCode> for gocua_core::Language {
    fn from(l: LanguageCode) -> Self {
        match l {
            LanguageCode::Vi => gocua_core::Language::Vi,
            LanguageCode::En => gocua_core::Language::En,
        }
    }
}

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
    /// The interface language.
    pub language: LanguageCode,
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
}
