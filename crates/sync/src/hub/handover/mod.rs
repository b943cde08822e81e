//! Handing a draft dossier to another laptop of the team, through the hub.
//!
//! With the citizen's agreement, the draft — answers, paper marks, photos of
//! papers and the consents they were taken under — is sealed to the
//! receiving laptop's key (`gocua_core::sealed`): the hub relays what it
//! cannot read. Exactly one laptop owns the draft at any time:
//!
//! - the sender locks it first (`handing_over`: nothing can change, queue or
//!   file it), then sends; a send that got no answer is sent again at the
//!   next sync (the hub keeps the first);
//! - the hub decides once: the receiver's accept, its decline or the
//!   sender's reclaim, whichever comes first;
//! - the receiver imports only after the hub said it is theirs, in one
//!   transaction keyed by the hand-over (a repeated import changes
//!   nothing), then says it is done and the hub drops the envelope;
//! - the sender, told it was accepted, deletes its copy (nothing of the
//!   citizen stays), or, told it was declined or reclaimed, has its draft
//!   back.
//!
//! A fault between any two steps is finished by the next sync.

use std::collections::BTreeMap;
use std::time::Duration;

use gocua_core::dossier::{DossierState, Event};
use gocua_core::sealed;
use gocua_protocol::hub::{HandoverMail, HandoverSend};
use gocua_store::{AuditEntry, Direction, HandoverRow, HandoverState, HubLink, Write};

use crate::hub::{HubClient, HubContext, HubError, HubFailure, Result};

mod envelope;
use envelope::{import, key32, open, seal};

/// How long moving one envelope may take (a draft with photos, on a slow
/// village connection).
const HANDOVER_TIMEOUT: Duration = Duration::from_secs(600);

fn joined(cx: &HubContext<'_>) -> Result<(HubLink, HubClient, sealed::SigningKey)> {
    cx.joined(HANDOVER_TIMEOUT)
}

fn audit(w: &Write<'_>, at: &str, operator: &str, action: &str, subject: &str) -> Result<()> {
    w.audit().append(&AuditEntry {
        at,
        operator,
        action,
        subject,
    })?;
    Ok(())
}

/// Another laptop of the team, which can receive a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Laptop {
    /// Its id at the hub.
    pub device_id: String,
    /// Its name, as its volunteer gave it.
    pub name: String,
    /// Its last contact with the hub (RFC 3339), if any.
    pub last_seen_at: Option<String>,
}

/// The team's other laptops that can receive a draft.
pub async fn laptops(cx: &HubContext<'_>) -> Result<Vec<Laptop>> {
    let (_, client, _) = joined(cx)?;
    Ok(client
        .team_devices()
        .await?
        .into_iter()
        .map(|d| Laptop {
            device_id: d.device_id,
            name: d.name,
            last_seen_at: d.last_seen_at,
        })
        .collect())
}

/// Hands the draft `dossier` to the team's laptop `to_device`: locks it
/// here, seals it to that laptop and gives it to the hub. Without an
/// answer from the hub it stays locked and is sent again at the next sync.
/// `citizen_agreed`: the volunteer recorded the citizen's agreement.
pub async fn send(
    cx: &HubContext<'_>,
    dossier: &str,
    to_device: &str,
    citizen_agreed: bool,
) -> Result<HandoverRow> {
    if !citizen_agreed {
        return Err(HubError::NoConsent);
    }
    let _lock = cx.lock().await?;
    let (link, client, own) = joined(cx)?;
    let devices = client.team_devices().await?;
    let to = devices
        .into_iter()
        .find(|d| d.device_id == to_device)
        .ok_or_else(|| HubError::NoLaptop(to_device.to_owned()))?;
    let to_key = key32(&to.public_key)?;
    let now = cx.stamp();
    let h = cx.with(|store| {
        let row = store
            .dossiers()
            .get(dossier)?
            .ok_or_else(|| HubError::NotFound(dossier.to_owned()))?;
        // Which states may be handed over is the state machine's to say.
        if gocua_core::dossier::next(row.state, Event::HandOver).is_err() {
            return Err(HubError::NotEditable(row.state));
        }
        let h = HandoverRow {
            id: uuid::Uuid::new_v4().to_string(),
            direction: Direction::Out,
            dossier: row.id.clone(),
            peer_device: to.device_id.clone(),
            peer_name: to.name.clone(),
            procedure_name: row.procedure_name.clone(),
            papers: u32::try_from(store.attachments().of(&row.id)?.len()).unwrap_or(u32::MAX),
            state: HandoverState::Sent,
            delivered: false,
            operator: cx.operator.to_owned(),
            created_at: now.clone(),
            decided_at: None,
        };
        let w = store.write()?;
        w.dossiers().transition(&row.id, Event::HandOver, &now)?;
        w.handovers().record(&h)?;
        audit(
            &w,
            &now,
            cx.operator,
            "dossier.handover",
            &format!("dossier:{} to:{}", row.id, to.device_id),
        )?;
        w.commit()?;
        Ok(h)
    })?;
    deliver(cx, &link, &client, &own, &h, &to_key).await?;
    cx.with(|s| {
        s.handovers()
            .get(&h.id)?
            .ok_or_else(|| HubError::NotFound(h.id.clone()))
    })
}

/// Gives a locked draft's envelope to the hub. Unreachable: it stays
/// locked, to be sent again. Refused (the receiver was revoked meanwhile):
/// the draft comes back.
async fn deliver(
    cx: &HubContext<'_>,
    link: &HubLink,
    client: &HubClient,
    own: &sealed::SigningKey,
    h: &HandoverRow,
    to_key: &[u8; 32],
) -> Result<()> {
    let envelope = cx.with(|store| seal(store, link, own, h, to_key, &h.created_at))?;
    let sent = client
        .handover_send(&HandoverSend {
            id: h.id.clone(),
            to_device: h.peer_device.clone(),
            envelope,
        })
        .await;
    match sent {
        Ok(_) => cx.with(|store| {
            let w = store.write()?;
            w.handovers().delivered(&h.id)?;
            w.commit()?;
            Ok(())
        }),
        Err(HubFailure::Refused { code, message }) => {
            // Nothing reached the hub: the draft is this laptop's again.
            take_back(cx, h, HandoverState::Reclaimed)?;
            Err(HubError::Refused(format!("{code}: {message}")))
        }
        Err(e) => Err(e.into()),
    }
}

/// The draft of hand-over `h` is this laptop's again (declined, reclaimed,
/// or never delivered).
fn take_back(cx: &HubContext<'_>, h: &HandoverRow, state: HandoverState) -> Result<()> {
    let now = cx.stamp();
    cx.with(|store| {
        let w = store.write()?;
        if w.handovers().decide(&h.id, state, &now)? {
            if w.dossiers()
                .get(&h.dossier)?
                .is_some_and(|d| d.state == DossierState::HandingOver)
            {
                w.dossiers().transition(&h.dossier, Event::Reclaim, &now)?;
            }
            audit(
                &w,
                &now,
                &h.operator,
                &format!("dossier.handover.{}", state.as_str()),
                &format!("dossier:{}", h.dossier),
            )?;
        }
        w.commit()?;
        Ok(())
    })
}

/// The receiver accepted: this laptop's copy goes, with everything of the
/// citizen in it; the log keeps where it went.
fn handed_away(cx: &HubContext<'_>, h: &HandoverRow) -> Result<()> {
    let now = cx.stamp();
    cx.with(|store| {
        let w = store.write()?;
        if w.handovers().decide(&h.id, HandoverState::Accepted, &now)? {
            w.dossiers().delete(&h.dossier)?;
            audit(
                &w,
                &now,
                &h.operator,
                "dossier.handover.accepted",
                &format!("dossier:{} to:{}", h.dossier, h.peer_device),
            )?;
        }
        w.commit()?;
        Ok(())
    })
}

/// Takes back the draft `dossier` handed to another laptop, if that laptop
/// has not accepted it yet; decided otherwise first, that decision is
/// applied here and said ([`HubError::Closed`]).
pub async fn reclaim(cx: &HubContext<'_>, dossier: &str) -> Result<()> {
    let _lock = cx.lock().await?;
    let h = cx
        .with(|s| Ok(s.handovers().pending_of(dossier)?))?
        .ok_or_else(|| HubError::NotFound(dossier.to_owned()))?;
    let (_, client, _) = joined(cx)?;
    match reclaim_one(cx, &client, &h).await? {
        Some(state) => Err(HubError::Closed(state)),
        None => Ok(()),
    }
}

/// Asks the hub to take hand-over `h` back for this laptop and applies the
/// answer: back here (taken back, or the hub never got it), or — decided
/// otherwise first — that decision, whose state is returned.
async fn reclaim_one(
    cx: &HubContext<'_>,
    client: &HubClient,
    h: &HandoverRow,
) -> Result<Option<HandoverState>> {
    match client.handover_act(&h.id, "reclaim").await {
        Ok(_) => take_back(cx, h, HandoverState::Reclaimed)?,
        // The hub never got it: nothing more will be sent.
        Err(HubFailure::Refused { code, .. }) if code == "not_found" => {
            take_back(cx, h, HandoverState::Reclaimed)?
        }
        Err(HubFailure::HandoverClosed(state)) => {
            apply(cx, h, state)?;
            return Ok(Some(state));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(None)
}

/// Applies a decision the hub reports for hand-over `h` from this laptop.
fn apply(cx: &HubContext<'_>, h: &HandoverRow, state: HandoverState) -> Result<()> {
    match state {
        HandoverState::Accepted => handed_away(cx, h),
        HandoverState::Declined | HandoverState::Reclaimed => take_back(cx, h, state),
        HandoverState::Sent => Ok(()),
    }
}

/// Finishes what the hub says is decided: drafts accepted from this laptop
/// leave it, declined or reclaimed ones come back, drafts this laptop
/// accepted are imported; each then told done. Sends again what the hub
/// did not get. What waits for a decision is returned. The caller holds
/// the pass lock.
pub(crate) async fn settle_locked(cx: &HubContext<'_>) -> Result<HandoverMail> {
    let (link, client, own) = joined(cx)?;
    let undelivered: Vec<HandoverRow> = cx
        .with(|s| Ok(s.handovers().pending()?))?
        .into_iter()
        .filter(|h| !h.delivered)
        .collect();
    if !undelivered.is_empty() {
        let keys: BTreeMap<String, String> = client
            .team_devices()
            .await?
            .into_iter()
            .map(|d| (d.device_id, d.public_key))
            .collect();
        for h in &undelivered {
            match keys.get(&h.peer_device) {
                Some(k) => match deliver(cx, &link, &client, &own, h, &key32(k)?).await {
                    Ok(()) => {}
                    // Refused, and so back here: the others go on.
                    Err(HubError::Refused(detail)) => {
                        tracing::warn!(handover = %h.id, %detail, "a hand-over was refused");
                    }
                    Err(e) => return Err(e),
                },
                // The receiver left the team before it got it: back here.
                None => take_back(cx, h, HandoverState::Reclaimed)?,
            }
        }
    }
    withdraw_unconsented(cx, &client).await?;
    let mail = client.handover_mail().await?;
    for o in &mail.outgoing {
        let Some(h) = cx.with(|s| Ok(s.handovers().get(&o.id)?))? else {
            continue;
        };
        if o.state == HandoverState::Sent {
            continue;
        }
        apply(cx, &h, o.state)?;
        client.handover_act(&o.id, "done").await?;
    }
    for i in mail
        .incoming
        .iter()
        .filter(|i| i.state == HandoverState::Accepted)
    {
        let payload = open(&link, &own, i)?;
        import(cx, i, &payload)?;
        client.handover_act(&i.id, "done").await?;
    }
    Ok(mail)
}

/// Takes back hand-overs whose citizen withdrew the `dossiers` consent (or
/// was erased), or the `document_images` consent when photos travelled,
/// after the draft was sealed: the receiver must not get what the citizen
/// no longer agrees to. One the receiver accepted before is theirs already
/// (its copy here goes).
async fn withdraw_unconsented(cx: &HubContext<'_>, client: &HubClient) -> Result<()> {
    use gocua_core::visit::ConsentPurpose;
    let pending = cx.with(|s| Ok(s.handovers().pending()?))?;
    for h in pending {
        let consented = cx.with(|store| {
            let dossiers = store.dossiers();
            Ok(dossiers.get(&h.dossier)?.is_some()
                && dossiers.has_consent(&h.dossier, ConsentPurpose::Dossiers)?
                && (h.papers == 0
                    || dossiers.has_consent(&h.dossier, ConsentPurpose::DocumentImages)?))
        })?;
        if consented {
            continue;
        }
        reclaim_one(cx, client, &h).await?;
        tracing::info!(handover = %h.id, "a hand-over was taken back: the citizen's consent was withdrawn");
    }
    Ok(())
}

/// A draft handed to this laptop and waiting for its decision, opened to
/// show what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The hand-over's id.
    pub id: String,
    /// The sending laptop's name.
    pub from_name: String,
    /// The volunteer who sent it.
    pub sent_by: String,
    /// When (RFC 3339).
    pub sent_at: String,
    /// The procedure.
    pub procedure_name: String,
    /// The citizen, if named.
    pub citizen_name: Option<String>,
    /// Photos of papers it carries.
    pub papers: u32,
    /// Whether this laptop has the draft's form version.
    pub form_available: bool,
}

/// Drafts handed to this laptop and waiting, opened to show what they are
/// (after settling what the hub decided), and the latest `recent`
/// hand-overs.
pub async fn inbox(cx: &HubContext<'_>, recent: u32) -> Result<(Vec<Incoming>, Vec<HandoverRow>)> {
    let _lock = cx.lock().await?;
    inbox_locked(cx, recent).await
}

async fn inbox_locked(
    cx: &HubContext<'_>,
    recent: u32,
) -> Result<(Vec<Incoming>, Vec<HandoverRow>)> {
    let (link, _, own) = joined(cx)?;
    let mail = settle_locked(cx).await?;
    let mut incoming = Vec::new();
    for i in mail
        .incoming
        .iter()
        .filter(|i| i.state == HandoverState::Sent)
    {
        let p = match open(&link, &own, i) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(handover = %i.id, error = %e, "a hand-over cannot be opened");
                continue;
            }
        };
        let form_available = cx.with(|s| {
            Ok(s.handovers()
                .form_pack(&p.dossier.schema_id, p.dossier.schema_version)?
                .is_some())
        })?;
        incoming.push(Incoming {
            id: i.id.clone(),
            from_name: i.from_name.clone(),
            sent_by: p.sent_by,
            sent_at: i.sent_at.clone(),
            procedure_name: p.dossier.procedure_name,
            citizen_name: p.dossier.citizen_name,
            papers: u32::try_from(p.papers.len()).unwrap_or(u32::MAX),
            form_available,
        });
    }
    let recent = cx.with(|s| Ok(s.handovers().recent(recent)?))?;
    Ok((incoming, recent))
}

/// Accepts the draft handed to this laptop by hand-over `id`: the hub makes
/// it this laptop's (unless the sender took it back first), then it is
/// imported. Returns the dossier's id.
pub async fn accept(cx: &HubContext<'_>, id: &str) -> Result<String> {
    let _lock = cx.lock().await?;
    let (link, client, own) = joined(cx)?;
    let mail = client.handover_mail().await?;
    let i = mail
        .incoming
        .iter()
        .find(|i| i.id == id)
        .ok_or(HubError::NotWaiting)?;
    let payload = open(&link, &own, i)?;
    // Checked before accepting, so that a draft this laptop cannot open
    // stays the sender's.
    let has_form = cx.with(|s| {
        Ok(s.handovers()
            .form_pack(&payload.dossier.schema_id, payload.dossier.schema_version)?
            .is_some())
    })?;
    if !has_form {
        return Err(HubError::NoForm(payload.dossier.schema_id.clone()));
    }
    match client.handover_act(&i.id, "accept").await {
        Ok(_) => {}
        Err(HubFailure::HandoverClosed(state)) => return Err(HubError::Closed(state)),
        Err(e) => return Err(e.into()),
    }
    import(cx, i, &payload)?;
    // Not told: the next sync tells it (the import is not repeated).
    if let Err(e) = client.handover_act(&i.id, "done").await {
        tracing::info!(handover = %i.id, error = %e, "hand-over imported; the hub is told at the next sync");
    }
    Ok(payload.dossier.id)
}

/// Declines the draft handed to this laptop by hand-over `id`: it goes back
/// to the sender. Returns the inbox as it is then.
pub async fn decline(
    cx: &HubContext<'_>,
    id: &str,
    recent: u32,
) -> Result<(Vec<Incoming>, Vec<HandoverRow>)> {
    let _lock = cx.lock().await?;
    let (_, client, _) = joined(cx)?;
    match client.handover_act(id, "decline").await {
        Ok(_) => {}
        Err(HubFailure::HandoverClosed(state)) => return Err(HubError::Closed(state)),
        Err(e) => return Err(e.into()),
    }
    inbox_locked(cx, recent).await
}
