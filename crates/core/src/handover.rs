//! Hand-overs of drafts between a team's laptops, in the words the laptop,
//! the hub and the wire share: which way one went and where it stands.
//! The sealing itself is [`crate::sealed`].

use serde::{Deserialize, Serialize};

/// Where a hand-over stands: `sent` (waiting for the receiver), then
/// exactly one of `accepted` (by the receiver), `declined` (by the
/// receiver) or `reclaimed` (by the sender) — in the last two the sender
/// owns the draft again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverState {
    /// Waiting for the receiver.
    Sent,
    /// The receiver took it.
    Accepted,
    /// The receiver refused it.
    Declined,
    /// The sender took it back first.
    Reclaimed,
}

/// Which way a hand-over went, seen from this laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From this laptop.
    Out,
    /// To this laptop.
    In,
}

/// A spelling that is not one of the hand-over's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown hand-over value {0:?}")]
pub struct UnknownHandoverValue(pub String);

spelled!(HandoverState: UnknownHandoverValue { Sent = "sent", Accepted = "accepted", Declined = "declined", Reclaimed = "reclaimed" });
spelled!(Direction: UnknownHandoverValue { Out = "out", In = "in" });

impl HandoverState {
    /// From the stored spelling.
    pub fn parse(s: &str) -> Option<Self> {
        s.parse().ok()
    }

    /// Decided: no longer waiting for the receiver.
    pub fn is_decided(self) -> bool {
        self != HandoverState::Sent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_and_match_serde() -> Result<(), serde_json::Error> {
        for s in HandoverState::ALL {
            assert_eq!(s.as_str().parse::<HandoverState>(), Ok(*s));
            assert_eq!(serde_json::to_string(s)?, format!("\"{}\"", s.as_str()));
        }
        for d in Direction::ALL {
            assert_eq!(d.as_str().parse::<Direction>(), Ok(*d));
            assert_eq!(serde_json::to_string(d)?, format!("\"{}\"", d.as_str()));
        }
        assert!("Sent".parse::<HandoverState>().is_err());
        assert!("".parse::<Direction>().is_err());
        Ok(())
    }
}
