//! The outbox's closed sets: what an operation sends ([`OpKind`]), where
//! it is ([`OpState`]), and why an attempt failed ([`FailureKind`], stored
//! beside the technical text, so the queue screen words it without reading
//! the text).

use std::fmt;
use std::str::FromStr;

/// The kind of a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailureKind {
    /// No answer in time.
    Timeout,
    /// No connection to the portal.
    Offline,
    /// The portal was busy or answered something unreadable: try later.
    Busy,
    /// The portal said no (a refusal, an unknown device).
    Refused,
}

impl FailureKind {
    /// Every kind.
    pub const ALL: [FailureKind; 4] = [
        FailureKind::Timeout,
        FailureKind::Offline,
        FailureKind::Busy,
        FailureKind::Refused,
    ];

    /// The stable code (stored, and the translation selector).
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Timeout => "timeout",
            FailureKind::Offline => "offline",
            FailureKind::Busy => "busy",
            FailureKind::Refused => "refused",
        }
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FailureKind {
    type Err = UnknownOutboxValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FailureKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownOutboxValue(s.to_owned()))
    }
}

/// What an outbox operation sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpKind {
    /// A new dossier (HoSoNop).
    Submit,
    /// Papers and answers the office asked for (BoSungNop).
    Supplement,
}

/// Where an outbox operation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OpState {
    /// Waiting for its next attempt.
    Pending,
    /// The portal has it.
    Done,
    /// The portal refused it for good: set aside until the volunteer acts.
    Quarantined,
}

/// A spelling that is not one of the outbox's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown outbox value {0:?}")]
pub struct UnknownOutboxValue(pub String);

spelled!(OpKind: UnknownOutboxValue { Submit = "submit", Supplement = "supplement" });
spelled!(OpState: UnknownOutboxValue { Pending = "pending", Done = "done", Quarantined = "quarantined" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in FailureKind::ALL {
            assert_eq!(k.as_str().parse::<FailureKind>(), Ok(k));
        }
        assert!("later".parse::<FailureKind>().is_err());
        for k in OpKind::ALL {
            assert_eq!(k.as_str().parse::<OpKind>(), Ok(*k));
        }
        for s in OpState::ALL {
            assert_eq!(s.as_str().parse::<OpState>(), Ok(*s));
        }
        assert!("Submit".parse::<OpKind>().is_err());
        assert!("sent".parse::<OpState>().is_err());
    }
}
