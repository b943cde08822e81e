//! Hand-overs of draft dossiers between a team's laptops: the hub keeps the
//! sealed envelope and decides each hand-over exactly once, with one
//! conditional `UPDATE … WHERE state = 'sent'` — whichever of accept,
//! decline or reclaim comes first wins, and the others are told so.

use deadpool_postgres::Pool;
use gocua_protocol::hub::{
    HANDOVER_EXPIRY_DAYS, HandoverIncoming, HandoverOutcome, HandoverState, TeamDevice,
};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::DeviceAuth;
use crate::{Error, Result};

fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn state(text: &str) -> Result<HandoverState> {
    HandoverState::parse(text).ok_or_else(|| Error::Internal(format!("hand-over state {text:?}")))
}

/// The other laptops of `me`'s team that can receive (not revoked).
pub async fn team_devices(pool: &Pool, me: &DeviceAuth) -> Result<Vec<TeamDevice>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT id, name, public_key, last_seen_at FROM device
             WHERE team = $1 AND id <> $2 AND revoked_at IS NULL ORDER BY name, enrolled_at",
            &[&me.team, &me.id],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| TeamDevice {
            device_id: r.get::<_, Uuid>(0).to_string(),
            name: r.get(1),
            public_key: b64(&r.get::<_, Vec<u8>>(2)),
            last_seen_at: r.get::<_, Option<OffsetDateTime>>(3).map(rfc3339),
        })
        .collect())
}

/// The public key of `device` when it is a laptop of `team` that can
/// receive.
pub async fn receiver_key(pool: &Pool, team: Uuid, device: Uuid) -> Result<Option<Vec<u8>>> {
    Ok(pool
        .get()
        .await?
        .query_opt(
            "SELECT public_key FROM device WHERE id = $1 AND team = $2 AND revoked_at IS NULL",
            &[&device, &team],
        )
        .await?
        .map(|r| r.get(0)))
}

/// Stores a sent hand-over; the same id sent again by the same device
/// changes nothing. Its state now.
pub async fn send(
    pool: &Pool,
    me: &DeviceAuth,
    id: Uuid,
    to: Uuid,
    envelope: &str,
) -> Result<HandoverState> {
    let client = pool.get().await?;
    client
        .execute(
            "INSERT INTO handover (id, team, from_device, to_device, envelope)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
            &[&id, &me.team, &me.id, &to, &envelope],
        )
        .await?;
    let row = client
        .query_one(
            "SELECT from_device, to_device, state FROM handover WHERE id = $1",
            &[&id],
        )
        .await?;
    if row.get::<_, Uuid>(0) != me.id || row.get::<_, Uuid>(1) != to {
        return Err(Error::BadRequest(format!(
            "hand-over {id} exists otherwise"
        )));
    }
    state(row.get(2))
}

/// What a device does to a hand-over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The receiver takes it.
    Accept,
    /// The receiver refuses it.
    Decline,
    /// The sender takes it back.
    Reclaim,
    /// Either side has applied the outcome.
    Done,
}

impl Action {
    /// From the path's last segment.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "accept" => Action::Accept,
            "decline" => Action::Decline,
            "reclaim" => Action::Reclaim,
            "done" => Action::Done,
            _ => return None,
        })
    }
}

/// Why an action was not taken.
#[derive(Debug)]
pub enum Refusal {
    /// No hand-over of this id involves this device.
    Unknown,
    /// Decided otherwise already: its state.
    Closed(HandoverState),
}

/// Applies `action` by `me` to hand-over `id`: accept, decline and reclaim
/// only from `sent` (or again, by the same side, once taken: idempotent);
/// done once decided. Its state afterwards, or why not.
pub async fn act(
    pool: &Pool,
    me: Uuid,
    id: Uuid,
    action: Action,
) -> Result<std::result::Result<HandoverState, Refusal>> {
    let client = pool.get().await?;
    let (sql, wanted) = match action {
        Action::Accept => (
            "UPDATE handover SET state = 'accepted', decided_at = now()
             WHERE id = $1 AND to_device = $2 AND state = 'sent' RETURNING state",
            Some(HandoverState::Accepted),
        ),
        Action::Decline => (
            "UPDATE handover SET state = 'declined', decided_at = now(), envelope = NULL,
                receiver_done_at = now()
             WHERE id = $1 AND to_device = $2 AND state = 'sent' RETURNING state",
            Some(HandoverState::Declined),
        ),
        Action::Reclaim => (
            "UPDATE handover SET state = 'reclaimed', decided_at = now(), envelope = NULL,
                receiver_done_at = now()
             WHERE id = $1 AND from_device = $2 AND state = 'sent' RETURNING state",
            Some(HandoverState::Reclaimed),
        ),
        // The receiver is done once it imported the draft (the envelope is
        // dropped); the sender once it applied the outcome.
        Action::Done => (
            "UPDATE handover SET
                receiver_done_at = CASE WHEN to_device = $2 AND state = 'accepted'
                    THEN coalesce(receiver_done_at, now()) ELSE receiver_done_at END,
                envelope = CASE WHEN to_device = $2 AND state = 'accepted'
                    THEN NULL ELSE envelope END,
                sender_done_at = CASE WHEN from_device = $2
                    THEN coalesce(sender_done_at, now()) ELSE sender_done_at END
             WHERE id = $1 AND (to_device = $2 OR from_device = $2) AND state <> 'sent'
             RETURNING state",
            None,
        ),
    };
    if let Some(row) = client.query_opt(sql, &[&id, &me]).await? {
        return Ok(Ok(state(row.get(0))?));
    }
    let Some(row) = client
        .query_opt(
            "SELECT state, from_device, to_device FROM handover WHERE id = $1
             AND (from_device = $2 OR to_device = $2)",
            &[&id, &me],
        )
        .await?
    else {
        return Ok(Err(Refusal::Unknown));
    };
    let now = state(row.get(0))?;
    let receiver = row.get::<_, Uuid>(2) == me;
    // The same side asking again for what it already got.
    let again = match (action, now) {
        (Action::Accept, HandoverState::Accepted) | (Action::Decline, HandoverState::Declined) => {
            receiver
        }
        (Action::Reclaim, HandoverState::Reclaimed) => !receiver,
        _ => false,
    };
    if again && wanted == Some(now) {
        return Ok(Ok(now));
    }
    Ok(Err(Refusal::Closed(now)))
}

/// Takes back, for their senders, the hand-overs to or from `me` that
/// waited longer than [`HANDOVER_EXPIRY_DAYS`], dropping their envelopes.
pub async fn expire(pool: &Pool, me: Uuid) -> Result<u64> {
    Ok(pool
        .get()
        .await?
        .execute(
            "UPDATE handover SET state = 'reclaimed', decided_at = now(), envelope = NULL,
                receiver_done_at = now()
             WHERE state = 'sent' AND (to_device = $1 OR from_device = $1)
               AND sent_at < now() - make_interval(days => $2)",
            &[&me, &HANDOVER_EXPIRY_DAYS],
        )
        .await?)
}

/// Hand-overs to `me` not finished with: waiting, or accepted but not yet
/// imported.
pub async fn incoming(pool: &Pool, me: Uuid) -> Result<Vec<HandoverIncoming>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT h.id, h.from_device, d.name, d.public_key, h.sent_at, h.state, h.envelope
             FROM handover h JOIN device d ON d.id = h.from_device
             WHERE h.to_device = $1 AND h.receiver_done_at IS NULL
               AND h.state IN ('sent', 'accepted') AND h.envelope IS NOT NULL
             ORDER BY h.sent_at",
            &[&me],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(HandoverIncoming {
                id: r.get::<_, Uuid>(0).to_string(),
                from_device: r.get::<_, Uuid>(1).to_string(),
                from_name: r.get(2),
                from_key: b64(&r.get::<_, Vec<u8>>(3)),
                sent_at: rfc3339(r.get(4)),
                state: state(r.get(5))?,
                envelope: r.get(6),
            })
        })
        .collect()
}

/// Hand-overs from `me` it has not finished with.
pub async fn outgoing(pool: &Pool, me: Uuid) -> Result<Vec<HandoverOutcome>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT h.id, d.name, h.state FROM handover h JOIN device d ON d.id = h.to_device
             WHERE h.from_device = $1 AND h.sender_done_at IS NULL ORDER BY h.sent_at",
            &[&me],
        )
        .await?;
    rows.iter()
        .map(|r| {
            Ok(HandoverOutcome {
                id: r.get::<_, Uuid>(0).to_string(),
                to_name: r.get(1),
                state: state(r.get(2))?,
            })
        })
        .collect()
}

/// What the hub holds of hand-overs, for tests and the threat model: the
/// envelopes it still keeps.
pub async fn envelopes(pool: &Pool) -> Result<Vec<String>> {
    Ok(pool
        .get()
        .await?
        .query(
            "SELECT envelope FROM handover WHERE envelope IS NOT NULL",
            &[],
        )
        .await?
        .iter()
        .map(|r| r.get(0))
        .collect())
}
