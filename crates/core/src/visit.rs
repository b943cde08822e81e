//! A volunteer's session with one citizen: consent purposes, what was done,
//! and the citizen's rating.

/// The version of the consent text shown to citizens (locales/*/visit.ftl,
/// `consent-*`). Bump it whenever that text changes: each consent record keeps
/// the version the citizen actually read.
pub const CONSENT_TEXT_VERSION: &str = "2026-11-25.1";

/// Declares a closed set with its stored spellings (`ALL`, `as_str`,
/// `Display`, `FromStr` from the crate's one `spelled!`).
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        spelled!($name: UnknownValue { $($variant = $text),+ });
    };
}

pub use crate::spelling::UnknownValue;

string_enum! {
    /// What a citizen may consent to, one choice each (PDP Law 91/2025/QH15 Art. 9:
    /// specific, voluntary, never pre-ticked).
    ConsentPurpose {
        /// Keep the profile (name, ID number, birth date, address) to help with procedures.
        Profile = "profile",
        /// Prepare and submit dossiers on the citizen's behalf.
        Dossiers = "dossiers",
        /// Contact the citizen by phone about a dossier's progress.
        Contact = "contact",
        /// Photograph papers for the dossier (ID-card images are sensitive data, Decree 356/2025).
        DocumentImages = "document_images",
    }
}

string_enum! {
    /// Where the VNeID help ended.
    VneidOutcome {
        /// Not part of this visit.
        NotAttempted = "not_attempted",
        /// Level 1 registered in the app (awaiting approval or activated).
        Level1 = "level1",
        /// Level 2 set up (papers ready for / done at the commune police).
        Level2 = "level2",
        /// Could not continue; the reason is recorded.
        Blocked = "blocked",
    }
}

string_enum! {
    /// Where the portal-login help ended.
    PortalOutcome {
        /// Not part of this visit.
        NotAttempted = "not_attempted",
        /// Logged in to dichvucong.gov.vn with VNeID.
        LoggedIn = "logged_in",
        /// An old portal account was linked to VNeID.
        LinkedOldAccount = "linked_old_account",
        /// Could not continue; the reason is recorded.
        Blocked = "blocked",
    }
}

/// The citizen's rating of the visit, 1 (very unhappy) to 5 (very happy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Satisfaction(u8);

impl Satisfaction {
    /// A rating if `v` is 1–5.
    pub fn new(v: u8) -> Option<Self> {
        (1..=5).contains(&v).then_some(Satisfaction(v))
    }

    /// The rating.
    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for p in ConsentPurpose::ALL {
            assert_eq!(p.as_str().parse::<ConsentPurpose>(), Ok(*p));
        }
        for v in VneidOutcome::ALL {
            assert_eq!(v.as_str().parse::<VneidOutcome>(), Ok(*v));
        }
        for v in PortalOutcome::ALL {
            assert_eq!(v.as_str().parse::<PortalOutcome>(), Ok(*v));
        }
        assert!("PROFILE".parse::<ConsentPurpose>().is_err());
    }

    #[test]
    fn satisfaction_range() {
        assert_eq!(Satisfaction::new(0), None);
        assert_eq!(Satisfaction::new(6), None);
        assert_eq!(Satisfaction::new(5).map(Satisfaction::get), Some(5));
    }
}
