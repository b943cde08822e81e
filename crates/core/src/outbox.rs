//! Why an attempt to send failed, as a closed set: stored beside the
//! technical text, so the queue screen words it without reading the text.

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
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FailureKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown failure kind {s:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in FailureKind::ALL {
            assert_eq!(k.as_str().parse::<FailureKind>(), Ok(k));
        }
        assert!("later".parse::<FailureKind>().is_err());
    }
}
