//! The closed sets that cross to TypeScript as unions of their spellings.
//! The domain's sets are core's own (`gocua_core`'s `ts` feature generates
//! their unions from their one declaration) and are re-exported here; the
//! few below belong to the command surface alone.

#[allow(unused_imports)]
use super::*;
use gocua_core::visit::UnknownValue;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use gocua_core::dossier::{DossierState, PaperMark, PaperStatus, PortalStatus};
pub use gocua_core::form::{FieldType, TaskStatus};
pub use gocua_core::handover::HandoverState;
pub use gocua_core::operator::Role;
pub use gocua_core::outbox::{OpKind, OpState};
pub use gocua_core::visit::{ConsentPurpose, PortalOutcome, VneidOutcome};

/// Reads one of a closed set's spellings (a CLI argument), an unknown one
/// reported against `field` in the people's words.
pub fn spelled<T: std::str::FromStr>(field: &str, s: &str) -> Result<T, crate::ApiError> {
    s.parse().map_err(|_| crate::ApiError::InvalidValue {
        field: field.to_owned(),
        value: s.to_owned(),
    })
}

/// A closed set of the command surface that crosses to TypeScript as a
/// union of its spellings (`ALL`, `as_str`, `Display`, `FromStr` from core's
/// one `spelled!`).
macro_rules! code {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $text)] $variant),+
        }

        gocua_core::spelled!($name: UnknownValue { $($variant = $text),+ });
    };
}

code! {
    /// Groups of states the dossier list is filtered by.
    DossierGroupCode {
        /// Still to be finished here: draft, ready, supplement draft.
        Open = "open",
        /// With the portal (any TrangThaiHoSo).
        Sent = "sent",
        /// Every state.
        All = "all",
    }
}

/// What the dossier list is filtered by: a group of states or one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum DossierFilter {
    /// A group of states.
    Group(DossierGroupCode),
    /// One state.
    State(DossierState),
}

impl std::str::FromStr for DossierFilter {
    type Err = crate::ApiError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse()
            .map(DossierFilter::Group)
            .or_else(|_| s.parse().map(DossierFilter::State))
            .map_err(|_| crate::ApiError::InvalidValue {
                field: "state".into(),
                value: s.to_owned(),
            })
    }
}

code! {
    /// What changed in a newer version of a form.
    ChangeKindCode {
        /// A field was added.
        Added = "added",
        /// A field was removed.
        Removed = "removed",
        /// A field changed.
        Changed = "changed",
    }
}

code! {
    /// A report file format.
    ReportFormatCode {
        /// Excel.
        Xlsx = "xlsx",
        /// Comma-separated values.
        Csv = "csv",
        /// A printable PDF.
        Pdf = "pdf",
        /// The figures as JSON (scripts).
        Json = "json",
    }
}

code! {
    /// The offline voices that read aloud (espeak-ng's).
    SpeechVoiceCode {
        /// Vietnamese, Northern.
        North = "north",
        /// Vietnamese, Central.
        Central = "central",
        /// Vietnamese, Southern.
        South = "south",
        /// English.
        English = "english",
    }
}
