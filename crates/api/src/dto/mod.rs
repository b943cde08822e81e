//! IPC data-transfer types: the JSON the UI sends and receives, one module
//! per feature (re-exported here, so every type is `dto::Name`).
//!
//! Each derives ts-rs; `crates/api/bindings/*.ts` is generated from them.
//! Domain types from gocua-core are converted at this boundary rather than
//! exposed directly, so the wire shape is deliberate.

mod app;
mod catalogue;
mod citizen;
mod codes;
mod dossier;
mod handover;
mod operator;
mod report;
mod sync;
mod units;

pub use app::*;
pub use catalogue::*;
pub use citizen::*;
pub use codes::*;
pub use dossier::*;
pub use handover::*;
pub use operator::*;
pub use report::*;
pub use sync::*;
pub use units::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Text in Vietnamese and, when translated, English. The UI picks the
/// language, so switching needs no new request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LocalTextDto {
    /// Vietnamese (reference).
    pub vi: String,
    /// English, if translated.
    pub en: Option<String>,
}

impl From<gocua_core::catalogue::LocalText> for LocalTextDto {
    fn from(t: gocua_core::catalogue::LocalText) -> Self {
        LocalTextDto { vi: t.vi, en: t.en }
    }
}
