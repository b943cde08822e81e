//! Hand-overs of draft dossiers between the team's laptops, through the hub.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Another laptop of the team, to hand a draft to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubDevice {
    /// Its id at the hub.
    pub device_id: String,
    /// Its name.
    pub name: String,
    /// Its last contact with the hub (dd/mm/yyyy HH:MM, Vietnam), if any.
    pub last_seen: Option<String>,
}

/// Hand a draft to another laptop of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverSendRequest {
    /// The dossier (a draft, or ready).
    pub dossier_id: String,
    /// The receiving laptop.
    pub to_device: String,
    /// The citizen agreed that another volunteer of the team finishes it
    /// (their answers and papers go to that laptop).
    pub citizen_agreed: bool,
}

/// One hand-over, as this laptop recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverItem {
    /// Its id.
    pub id: String,
    /// Sent from this laptop (`true`) or received (`false`).
    pub outgoing: bool,
    /// The dossier.
    pub dossier_id: String,
    /// The other laptop.
    pub peer_name: String,
    /// The procedure.
    pub procedure_name: String,
    /// Where it is.
    pub state: HandoverState,
    /// The hub has it (for one sent from here).
    pub delivered: bool,
    /// When (dd/mm/yyyy HH:MM).
    pub at: String,
}

/// A draft another laptop handed to this one, waiting to be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverIncomingItem {
    /// Its id.
    pub id: String,
    /// The sending laptop.
    pub from_name: String,
    /// The volunteer who sent it.
    pub sent_by: String,
    /// When (dd/mm/yyyy HH:MM).
    pub sent_at: String,
    /// The procedure.
    pub procedure_name: String,
    /// The citizen, when the sender had a profile.
    pub citizen_name: Option<String>,
    /// Photos of papers in it.
    pub papers: u32,
    /// Whether this laptop has the form it was started on (else the
    /// catalogue must be updated before accepting).
    pub form_available: bool,
}

/// What waits for this laptop, and the latest hand-overs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverInbox {
    /// Drafts handed to this laptop.
    pub incoming: Vec<HandoverIncomingItem>,
    /// The latest hand-overs either way.
    pub recent: Vec<HandoverItem>,
}

/// One hand-over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HandoverRef {
    /// Its id.
    pub id: String,
}
