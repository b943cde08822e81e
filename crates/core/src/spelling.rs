//! The closed sets that cross a wire (the team hub's) cross as their stored
//! spellings: serialised with `Display`, read back with `FromStr`, so the
//! wire, the store and the hub's database spell each value one way, and a
//! spelling that is not ours is refused where it is read.

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
    crate::visit::VneidOutcome,
    crate::visit::PortalOutcome,
    crate::operator::Role,
);

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
}
