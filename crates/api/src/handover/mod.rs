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
use gocua_protocol::hub::{HandoverMail, HandoverSend, HandoverState};
use gocua_store::{AuditEntry, Direction, HandoverRow, HubLink};
use gocua_sync::hub::{HubClient, HubFailure};

use crate::clock::{show_stamp, stamp};
use crate::dto::{
    DossierRef, DossierView, HandoverInbox, HandoverIncomingItem, HandoverItem, HandoverRef,
    HandoverSendRequest, HandoverStateCode, HubDevice,
};
use crate::error::corrupt;
use crate::hub::{failure, hub_error};
use crate::{ApiError, Ctx, Result};

mod envelope;
use envelope::{import, key32, open, seal};

/// How long moving one envelope may take (a draft with photos, on a slow
/// village connection).
const HANDOVER_TIMEOUT: Duration = Duration::from_secs(600);
/// The hand-overs the inbox lists.
const RECENT: u32 = 20;

fn joined(ctx: &Ctx) -> Result<(HubLink, HubClient, sealed::SigningKey)> {
    let link = crate::hub::link(ctx)?;
    if link.revoked_at.is_some() {
        return Err(hub_error("revoked", "revoked earlier"));
    }
    let secret: [u8; 32] = link
        .device_secret
        .as_slice()
        .try_into()
        .map_err(|_| corrupt("the stored device key is not 32 bytes"))?;
    let client = HubClient::new(&link.url, &link.fingerprint, HANDOVER_TIMEOUT)
        .map_err(failure)?
        .signed(&link.device_id, &secret);
    Ok((link, client, sealed::SigningKey::from_bytes(&secret)))
}

fn state_code(state: &str) -> HandoverStateCode {
    match state {
        "accepted" => HandoverStateCode::Accepted,
        "declined" => HandoverStateCode::Declined,
        "reclaimed" => HandoverStateCode::Reclaimed,
        _ => HandoverStateCode::Sent,
    }
}

fn item(row: HandoverRow) -> HandoverItem {
    HandoverItem {
        at: show_stamp(row.decided_at.as_deref().unwrap_or(&row.created_at)),
        outgoing: row.direction == Direction::Out,
        state: state_code(&row.state),
        id: row.id,
        dossier_id: row.dossier,
        peer_name: row.peer_name,
        procedure_name: row.procedure_name,
        delivered: row.delivered,
    }
}

fn audit(
    w: &gocua_store::Write<'_>,
    at: &str,
    operator: &str,
    action: &str,
    subject: &str,
) -> Result<()> {
    w.audit().append(&AuditEntry {
        at,
        operator,
        action,
        subject,
    })?;
    Ok(())
}

/// The team's other laptops that can receive a draft.
pub async fn hub_devices(ctx: &Ctx) -> Result<Vec<HubDevice>> {
    let (_, client, _) = joined(ctx)?;
    Ok(client
        .team_devices()
        .await
        .map_err(failure)?
        .into_iter()
        .map(|d| HubDevice {
            device_id: d.device_id,
            name: d.name,
            last_seen: d.last_seen_at.as_deref().map(show_stamp),
        })
        .collect())
}

/// Hands the draft to another laptop of the team: locks it here, seals it
/// to that laptop and gives it to the hub. Without an answer from the hub
/// it stays locked and is sent again at the next sync.
pub async fn handover_send(ctx: &Ctx, req: HandoverSendRequest) -> Result<HandoverItem> {
    if !req.citizen_agreed {
        return Err(hub_error(
            "handover-consent",
            "the citizen's agreement is not recorded",
        ));
    }
    let (link, client, own) = joined(ctx)?;
    let devices = client.team_devices().await.map_err(failure)?;
    let to = devices
        .into_iter()
        .find(|d| d.device_id == req.to_device)
        .ok_or_else(|| hub_error("handover-no-laptop", &req.to_device))?;
    let to_key = key32(&to.public_key)?;
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name(ctx)?;
    let h = {
        let mut store = ctx.store()?;
        let row = store
            .dossiers()
            .get(&req.dossier_id)?
            .ok_or_else(|| ApiError::NotFound(req.dossier_id.clone()))?;
        if !matches!(row.state, DossierState::Draft | DossierState::Ready) {
            return Err(ApiError::NotEditable(row.state.to_string()));
        }
        let h = HandoverRow {
            id: uuid::Uuid::new_v4().to_string(),
            direction: Direction::Out,
            dossier: row.id.clone(),
            peer_device: to.device_id.clone(),
            peer_name: to.name.clone(),
            procedure_name: row.procedure_name.clone(),
            papers: u32::try_from(store.attachments().of(&row.id)?.len()).unwrap_or(u32::MAX),
            state: HandoverState::Sent.as_str().to_owned(),
            delivered: false,
            operator: operator.clone(),
            created_at: now.clone(),
            decided_at: None,
        };
        let w = store.write()?;
        w.dossiers().transition(&row.id, Event::HandOver, &now)?;
        w.handovers().record(&h)?;
        audit(
            &w,
            &now,
            &operator,
            "dossier.handover",
            &format!("dossier:{} to:{}", row.id, to.device_id),
        )?;
        w.commit()?;
        h
    };
    deliver(ctx, &link, &client, &own, &h, &to_key).await?;
    item_of(ctx, &h.id)
}

fn item_of(ctx: &Ctx, id: &str) -> Result<HandoverItem> {
    ctx.store()?
        .handovers()
        .get(id)?
        .map(item)
        .ok_or_else(|| ApiError::NotFound(id.to_owned()))
}

/// Gives a locked draft's envelope to the hub. Unreachable: it stays
/// locked, to be sent again. Refused (the receiver was revoked meanwhile):
/// the draft comes back.
async fn deliver(
    ctx: &Ctx,
    link: &HubLink,
    client: &HubClient,
    own: &sealed::SigningKey,
    h: &HandoverRow,
    to_key: &[u8; 32],
) -> Result<()> {
    let envelope = seal(ctx, link, own, h, to_key, &h.created_at)?;
    let sent = client
        .handover_send(&HandoverSend {
            id: h.id.clone(),
            to_device: h.peer_device.clone(),
            envelope,
        })
        .await;
    match sent {
        Ok(_) => {
            let mut store = ctx.store()?;
            let w = store.write()?;
            w.handovers().delivered(&h.id)?;
            w.commit()?;
            Ok(())
        }
        Err(HubFailure::Refused { code, message }) => {
            // Nothing reached the hub: the draft is this laptop's again.
            take_back(ctx, h, HandoverState::Reclaimed)?;
            Err(hub_error("refused", format!("{code}: {message}")))
        }
        Err(e) => Err(failure(e)),
    }
}

/// The draft of hand-over `h` is this laptop's again (declined, reclaimed,
/// or never delivered).
fn take_back(ctx: &Ctx, h: &HandoverRow, state: HandoverState) -> Result<()> {
    let now = stamp(ctx.now());
    let mut store = ctx.store()?;
    let w = store.write()?;
    if w.handovers().decide(&h.id, state.as_str(), &now)? {
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
}

/// The receiver accepted: this laptop's copy goes, with everything of the
/// citizen in it; the log keeps where it went.
fn handed_away(ctx: &Ctx, h: &HandoverRow) -> Result<()> {
    let now = stamp(ctx.now());
    let mut store = ctx.store()?;
    let w = store.write()?;
    if w.handovers()
        .decide(&h.id, HandoverState::Accepted.as_str(), &now)?
    {
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
}

/// Takes back a draft handed to another laptop, if that laptop has not
/// accepted it yet.
pub async fn handover_reclaim(ctx: &Ctx, req: DossierRef) -> Result<DossierView> {
    let h = ctx
        .store()?
        .handovers()
        .pending_of(&req.id)?
        .ok_or_else(|| ApiError::NotFound(req.id.clone()))?;
    let (_, client, _) = joined(ctx)?;
    if let Some(state) = reclaim(ctx, &client, &h).await? {
        return Err(hub_error("handover-closed", state));
    }
    crate::dossier_open(ctx, req)
}

/// Asks the hub to take hand-over `h` back for this laptop and applies the
/// answer: back here (taken back, or the hub never got it), or — decided
/// otherwise first — that decision, whose state is returned.
async fn reclaim(ctx: &Ctx, client: &HubClient, h: &HandoverRow) -> Result<Option<String>> {
    match client.handover_act(&h.id, "reclaim").await {
        Ok(_) => take_back(ctx, h, HandoverState::Reclaimed)?,
        // The hub never got it: nothing more will be sent.
        Err(HubFailure::Refused { code, .. }) if code == "not_found" => {
            take_back(ctx, h, HandoverState::Reclaimed)?
        }
        Err(HubFailure::HandoverClosed(state)) => {
            apply(ctx, h, &state)?;
            return Ok(Some(state));
        }
        Err(e) => return Err(failure(e)),
    }
    Ok(None)
}

/// Applies a decision the hub reports for hand-over `h` from this laptop.
fn apply(ctx: &Ctx, h: &HandoverRow, state: &str) -> Result<()> {
    match HandoverState::parse(state) {
        Some(HandoverState::Accepted) => handed_away(ctx, h),
        Some(s @ (HandoverState::Declined | HandoverState::Reclaimed)) => take_back(ctx, h, s),
        Some(HandoverState::Sent) => Ok(()),
        None => Err(hub_error("refused", format!("hand-over state {state:?}"))),
    }
}

/// Finishes what the hub says is decided: drafts accepted from this laptop
/// leave it, declined or reclaimed ones come back, drafts this laptop
/// accepted are imported; each then told done. Sends again what the hub
/// did not get. What waits for a decision is returned.
pub(crate) async fn settle(ctx: &Ctx) -> Result<HandoverMail> {
    let (link, client, own) = joined(ctx)?;
    let undelivered: Vec<HandoverRow> = ctx
        .store()?
        .handovers()
        .pending()?
        .into_iter()
        .filter(|h| !h.delivered)
        .collect();
    if !undelivered.is_empty() {
        let keys: BTreeMap<String, String> = client
            .team_devices()
            .await
            .map_err(failure)?
            .into_iter()
            .map(|d| (d.device_id, d.public_key))
            .collect();
        for h in &undelivered {
            match keys.get(&h.peer_device) {
                Some(k) => match deliver(ctx, &link, &client, &own, h, &key32(k)?).await {
                    Ok(()) => {}
                    // Refused, and so back here: the others go on.
                    Err(ApiError::Hub { reason, detail }) if reason == "refused" => {
                        tracing::warn!(handover = %h.id, %detail, "a hand-over was refused");
                    }
                    Err(e) => return Err(e),
                },
                // The receiver left the team before it got it: back here.
                None => take_back(ctx, h, HandoverState::Reclaimed)?,
            }
        }
    }
    withdraw_unconsented(ctx, &client).await?;
    let mail = client.handover_mail().await.map_err(failure)?;
    for o in &mail.outgoing {
        let Some(h) = ctx.store()?.handovers().get(&o.id)? else {
            continue;
        };
        if o.state == HandoverState::Sent {
            continue;
        }
        apply(ctx, &h, o.state.as_str())?;
        client.handover_act(&o.id, "done").await.map_err(failure)?;
    }
    for i in mail
        .incoming
        .iter()
        .filter(|i| i.state == HandoverState::Accepted)
    {
        let payload = open(&link, &own, i)?;
        import(ctx, i, &payload)?;
        client.handover_act(&i.id, "done").await.map_err(failure)?;
    }
    Ok(mail)
}

/// Takes back hand-overs whose citizen withdrew the `dossiers` consent (or
/// was erased), or the `document_images` consent when photos travelled,
/// after the draft was sealed: the receiver must not get what the citizen
/// no longer agrees to. One the receiver accepted before is theirs already
/// (its copy here goes).
async fn withdraw_unconsented(ctx: &Ctx, client: &HubClient) -> Result<()> {
    let pending = ctx.store()?.handovers().pending()?;
    for h in pending {
        let consented = {
            let store = ctx.store()?;
            let dossiers = store.dossiers();
            use gocua_core::visit::ConsentPurpose;
            dossiers.get(&h.dossier)?.is_some()
                && dossiers.has_consent(&h.dossier, ConsentPurpose::Dossiers)?
                && (h.papers == 0
                    || dossiers.has_consent(&h.dossier, ConsentPurpose::DocumentImages)?)
        };
        if consented {
            continue;
        }
        reclaim(ctx, client, &h).await?;
        tracing::info!(handover = %h.id, "a hand-over was taken back: the citizen's consent was withdrawn");
    }
    Ok(())
}

/// Drafts handed to this laptop and waiting, opened to show what they are
/// (after settling what the hub decided), and the latest hand-overs.
pub async fn handover_inbox(ctx: &Ctx) -> Result<HandoverInbox> {
    let (link, _, own) = joined(ctx)?;
    let mail = settle(ctx).await?;
    let mut incoming = Vec::new();
    for i in mail
        .incoming
        .iter()
        .filter(|i| i.state == HandoverState::Sent)
    {
        let p = match open(&link, &own, i) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(handover = %i.id, error = %e.log_detail(), "a hand-over cannot be opened");
                continue;
            }
        };
        let form_available = ctx
            .store()?
            .handovers()
            .form_pack(&p.dossier.schema_id, p.dossier.schema_version)?
            .is_some();
        incoming.push(HandoverIncomingItem {
            id: i.id.clone(),
            from_name: i.from_name.clone(),
            sent_by: p.sent_by,
            sent_at: show_stamp(&i.sent_at),
            procedure_name: p.dossier.procedure_name,
            citizen_name: p.dossier.citizen_name,
            papers: u32::try_from(p.papers.len()).unwrap_or(u32::MAX),
            form_available,
        });
    }
    let recent = ctx
        .store()?
        .handovers()
        .recent(RECENT)?
        .into_iter()
        .map(item)
        .collect();
    Ok(HandoverInbox { incoming, recent })
}

/// Accepts a draft handed to this laptop: the hub makes it this laptop's
/// (unless the sender took it back first), then it is imported.
pub async fn handover_accept(ctx: &Ctx, req: HandoverRef) -> Result<DossierView> {
    let (link, client, own) = joined(ctx)?;
    let mail = client.handover_mail().await.map_err(failure)?;
    let i = mail
        .incoming
        .iter()
        .find(|i| i.id == req.id)
        .ok_or_else(|| hub_error("handover-closed", "not waiting"))?;
    let payload = open(&link, &own, i)?;
    // Checked before accepting, so that a draft this laptop cannot open
    // stays the sender's.
    if ctx
        .store()?
        .handovers()
        .form_pack(&payload.dossier.schema_id, payload.dossier.schema_version)?
        .is_none()
    {
        return Err(hub_error("handover-form", &payload.dossier.schema_id));
    }
    match client.handover_act(&i.id, "accept").await {
        Ok(_) => {}
        Err(HubFailure::HandoverClosed(state)) => return Err(hub_error("handover-closed", state)),
        Err(e) => return Err(failure(e)),
    }
    import(ctx, i, &payload)?;
    // Not told: the next sync tells it (the import is not repeated).
    if let Err(e) = client.handover_act(&i.id, "done").await {
        tracing::info!(handover = %i.id, error = %e, "hand-over imported; the hub is told at the next sync");
    }
    crate::dossier_open(
        ctx,
        DossierRef {
            id: payload.dossier.id,
        },
    )
}

/// Declines a draft handed to this laptop: it goes back to the sender.
pub async fn handover_decline(ctx: &Ctx, req: HandoverRef) -> Result<HandoverInbox> {
    let (_, client, _) = joined(ctx)?;
    match client.handover_act(&req.id, "decline").await {
        Ok(_) => {}
        Err(HubFailure::HandoverClosed(state)) => return Err(hub_error("handover-closed", state)),
        Err(e) => return Err(failure(e)),
    }
    handover_inbox(ctx).await
}
