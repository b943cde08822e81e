//! The closed sets that cross a boundary cross as their stored spellings:
//! serialised with `Display`, read back with `FromStr`, so the wire, the
//! store, the hub's database and the window's TypeScript spell each value one
//! way, and a spelling that is not ours is refused where it is read.
//!
//! Each set is declared once, in core: with the `ts` feature its TypeScript
//! type is generated from the same values ([`typescript!`]), so the window's
//! unions cannot drift from the Rust they mirror.

/// A spelling that is not one of a closed set's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value {0:?}")]
pub struct UnknownValue(pub String);

macro_rules! by_spelling {
    ($($t:ty),+ $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    )+};
}

by_spelling!(
    crate::dossier::DossierState,
    crate::dossier::PaperStatus,
    crate::dossier::PaperMark,
    crate::form::TaskStatus,
    crate::outbox::OpKind,
    crate::outbox::OpState,
    crate::visit::ConsentPurpose,
    crate::visit::VneidOutcome,
    crate::visit::PortalOutcome,
    crate::operator::Role,
);

/// `typescript!(Type => every value, …)`: with the `ts` feature, `Type`
/// crosses to TypeScript under its own name as the union of its values'
/// spellings (`Display`), which is what its serde form is (the tests below
/// hold each one to that).
macro_rules! typescript {
    ($($name:ident => $values:expr),+ $(,)?) => {
        $(
            #[cfg(feature = "ts")]
            impl ts_rs::TS for $name {
                type WithoutGenerics = Self;
                type OptionInnerType = Self;

                fn name(_: &ts_rs::Config) -> String {
                    stringify!($name).to_owned()
                }

                fn inline(_: &ts_rs::Config) -> String {
                    let spellings: Vec<String> =
                        $values.into_iter().map(|v| format!("\"{v}\"")).collect();
                    spellings.join(" | ")
                }

                fn decl(cfg: &ts_rs::Config) -> String {
                    format!("type {} = {};", Self::name(cfg), Self::inline(cfg))
                }

                fn decl_concrete(cfg: &ts_rs::Config) -> String {
                    Self::decl(cfg)
                }

                fn output_path() -> Option<std::path::PathBuf> {
                    Some(std::path::PathBuf::from(concat!(stringify!($name), ".ts")))
                }
            }
        )+

        /// Every value of every set that crosses to TypeScript, with its
        /// serde form and its spelling (for the tests).
        #[cfg(test)]
        fn crossing() -> Vec<(serde_json::Value, String, &'static str)> {
            let mut out = Vec::new();
            $(
                for v in $values {
                    out.push((
                        serde_json::to_value(v).unwrap_or(serde_json::Value::Null),
                        v.to_string(),
                        stringify!($name),
                    ));
                }
            )+
            out
        }
    };
}

use crate::dossier::{DossierState, PaperMark, PaperStatus};
use crate::form::{FieldType, TaskStatus};
use crate::handover::HandoverState;
use crate::operator::Role;
use crate::outbox::{OpKind, OpState};
use crate::visit::{ConsentPurpose, PortalOutcome, VneidOutcome};

typescript! {
    DossierState => DossierState::all(),
    PaperStatus => PaperStatus::ALL.iter().copied(),
    PaperMark => PaperMark::ALL.iter().copied(),
    TaskStatus => TaskStatus::ALL.iter().copied(),
    FieldType => FieldType::ALL.iter().copied(),
    OpKind => OpKind::ALL.iter().copied(),
    OpState => OpState::ALL.iter().copied(),
    Role => Role::ALL.iter().copied(),
    ConsentPurpose => ConsentPurpose::ALL.iter().copied(),
    VneidOutcome => VneidOutcome::ALL.iter().copied(),
    PortalOutcome => PortalOutcome::ALL.iter().copied(),
    HandoverState => HandoverState::ALL.iter().copied(),
}

#[cfg(test)]
mod tests {
    use crate::dossier::{DossierState, PortalStatus};
    use crate::operator::Role;
    use crate::visit::{PortalOutcome, VneidOutcome};

    #[test]
    fn each_value_crosses_as_its_stored_spelling() -> Result<(), serde_json::Error> {
        for v in VneidOutcome::ALL {
            assert_eq!(serde_json::to_string(v)?, format!("\"{}\"", v.as_str()));
            assert_eq!(
                serde_json::from_str::<VneidOutcome>(&serde_json::to_string(v)?)?,
                *v
            );
        }
        for v in PortalOutcome::ALL {
            assert_eq!(
                serde_json::from_str::<PortalOutcome>(&serde_json::to_string(v)?)?,
                *v
            );
        }
        for r in Role::ALL {
            assert_eq!(serde_json::to_string(&r)?, format!("\"{}\"", r.as_str()));
        }
        let s = DossierState::Portal(PortalStatus::ALL[0]);
        assert_eq!(serde_json::to_string(&s)?, format!("\"{s}\""));
        assert_eq!(
            serde_json::from_str::<DossierState>(&format!("\"{s}\""))?,
            s
        );
        assert!(serde_json::from_str::<VneidOutcome>("\"level3\"").is_err());
        assert!(serde_json::from_str::<Role>("\"admin\"").is_err());
        assert!(serde_json::from_str::<DossierState>("\"portal_99\"").is_err());
        Ok(())
    }

    #[test]
    fn every_set_crossing_to_typescript_serialises_as_its_spelling() {
        let all = super::crossing();
        assert!(all.len() > 40, "{} values", all.len());
        for (json, spelling, set) in all {
            assert_eq!(json, serde_json::Value::String(spelling.clone()), "{set}");
        }
    }
}
