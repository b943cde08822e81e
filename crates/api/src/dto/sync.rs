//! The outbox and sync: what waits, what was sent, the guided hand-off.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One operation of the outbox, as the queue screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxItem {
    /// Operation id (its Idempotency-Key).
    pub id: String,
    /// The dossier.
    pub dossier: String,
    /// Its procedure.
    pub procedure_name: String,
    /// Its citizen.
    pub citizen_name: Option<String>,
    /// `submit` or `supplement`.
    pub kind: OpKind,
    /// `pending`, `done` or `quarantined`.
    pub state: OpState,
    /// Needs the citizen present (shown apart).
    pub needs_citizen: bool,
    /// Attempts so far.
    pub attempts: u32,
    /// When the next attempt is due (RFC 3339).
    pub next_attempt_at: String,
    /// Why the last attempt failed, in plain words.
    pub last_error: Option<String>,
    /// Attachment bytes to send.
    pub bytes_total: u64,
    /// Of which the portal confirmed.
    pub bytes_confirmed: u64,
}

/// The outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxDto {
    /// Unfinished operations first, then the last ones sent.
    pub items: Vec<OutboxItem>,
    /// Operations waiting.
    pub pending: u32,
    /// Operations set aside.
    pub quarantined: u32,
    /// Operations held until the citizen is present.
    pub needs_citizen: u32,
    /// Dossiers waiting for a supplement.
    pub supplements: u32,
}

/// What one sync pass did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// Operations delivered.
    pub sent: u32,
    /// Attempts that failed and will be retried.
    pub retried: u32,
    /// Operations set aside.
    pub quarantined: u32,
    /// Status changes applied.
    pub changes: u32,
    /// Dossiers that now need a supplement.
    pub supplements: u32,
    /// The portal could not be reached at all.
    pub offline: bool,
}

/// The citizen is present: send an operation that needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxRelease {
    /// The operation.
    pub id: String,
}

/// Record the dossier code the real portal gave for a dossier submitted by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierHandoff {
    /// The dossier.
    pub id: String,
    /// MaHoSo as the portal printed it.
    pub portal_code: String,
}

/// Join the team hub with the code the team lead gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubJoin {
    /// The enrolment code (`GC1-…`), as typed, pasted or scanned.
    pub code: String,
    /// A name for this laptop, shown to the team lead (e.g. "Máy của Lan").
    pub name: String,
}

/// This laptop and the team hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubStatus {
    /// Whether it joined a hub.
    pub joined: bool,
    /// The hub's address.
    pub url: Option<String>,
    /// The team.
    pub team_name: Option<String>,
    /// This laptop's id at the hub.
    pub device_id: Option<String>,
    /// When it joined.
    pub joined_at: Option<String>,
    /// When the lead revoked it (it no longer syncs).
    pub revoked_at: Option<String>,
    /// The last successful sync.
    pub last_sync_at: Option<String>,
    /// What went wrong at the last try (technical).
    pub last_error: Option<String>,
    /// Report records waiting to be sent.
    pub pending: u32,
}

/// What one sync with the team hub did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubSyncReport {
    /// Events the hub stored.
    pub stored: u32,
    /// Events the hub already had (a batch sent again after a fault).
    pub duplicates: u32,
    /// Records still waiting.
    pub pending: u32,
    /// The hub's last anchor matches this laptop's audit chain (`None`: the
    /// hub holds no anchor yet).
    pub anchor_matches: Option<bool>,
    /// Catalogue packs the province published that were newer and installed.
    pub catalogue_installed: u32,
    /// Packs from the hub that were refused (not signed by a trusted key, or
    /// not a valid pack); the installed catalogue stays.
    pub catalogue_refused: u32,
    /// Newer guides from the province were installed.
    pub guides_installed: bool,
    /// Guides from the hub were refused (signature or content); the
    /// installed guides stay.
    pub guides_refused: bool,
    /// Drafts other laptops of the team handed to this one, waiting to be
    /// accepted or declined.
    pub handovers_waiting: u32,
    /// A newer team roster was installed.
    pub roster_installed: bool,
}

/// The local audit chain against the hub's newest anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubAnchorCheck {
    /// The anchored row.
    pub seq: i64,
    /// Whether the local chain still holds the anchored hash there.
    pub matches: bool,
}

/// The team's roster, as the lead keeps it on the hub (names and roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubRosterDto {
    /// Its version.
    pub version: i64,
    /// The volunteers, by name.
    pub members: Vec<HubRosterMember>,
}

/// A volunteer of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HubRosterMember {
    /// Their name.
    pub name: String,
    /// Lead or volunteer.
    pub role: Role,
}
