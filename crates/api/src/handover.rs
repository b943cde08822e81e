//! Handing a draft dossier to another laptop of the team, through the hub:
//! the commands. Sealing, delivering, settling and importing are
//! gocua-sync's ([`gocua_sync::hub::handover`]); this module words what
//! they return for the window.

use gocua_store::{Direction, HandoverRow};
use gocua_sync::hub::handover::{self, Incoming};

use crate::clock::show_stamp;
use crate::dto::{
    DossierRef, DossierView, HandoverInbox, HandoverIncomingItem, HandoverItem, HandoverRef,
    HandoverSendRequest, HubDevice,
};
use crate::hub::HubEnv;
use crate::{Ctx, Result};

/// The hand-overs the inbox lists.
const RECENT: u32 = 20;

fn item(row: HandoverRow) -> HandoverItem {
    HandoverItem {
        at: show_stamp(row.decided_at.as_deref().unwrap_or(&row.created_at)),
        outgoing: row.direction == Direction::Out,
        state: row.state,
        id: row.id,
        dossier_id: row.dossier,
        peer_name: row.peer_name,
        procedure_name: row.procedure_name,
        delivered: row.delivered,
    }
}

fn inbox((incoming, recent): (Vec<Incoming>, Vec<HandoverRow>)) -> HandoverInbox {
    HandoverInbox {
        incoming: incoming
            .into_iter()
            .map(|i| HandoverIncomingItem {
                sent_at: show_stamp(&i.sent_at),
                id: i.id,
                from_name: i.from_name,
                sent_by: i.sent_by,
                procedure_name: i.procedure_name,
                citizen_name: i.citizen_name,
                papers: i.papers,
                form_available: i.form_available,
            })
            .collect(),
        recent: recent.into_iter().map(item).collect(),
    }
}

/// The team's other laptops that can receive a draft.
pub async fn hub_devices(ctx: &Ctx) -> Result<Vec<HubDevice>> {
    let env = HubEnv::new(ctx)?;
    Ok(handover::laptops(&env.cx(ctx))
        .await?
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
    let env = HubEnv::new(ctx)?;
    let row = handover::send(
        &env.cx(ctx),
        &req.dossier_id,
        &req.to_device,
        req.citizen_agreed,
    )
    .await?;
    Ok(item(row))
}

/// Takes back a draft handed to another laptop, if that laptop has not
/// accepted it yet.
pub async fn handover_reclaim(ctx: &Ctx, req: DossierRef) -> Result<DossierView> {
    let env = HubEnv::new(ctx)?;
    handover::reclaim(&env.cx(ctx), &req.id).await?;
    crate::dossier_open(ctx, req)
}

/// Drafts handed to this laptop and waiting, opened to show what they are
/// (after settling what the hub decided), and the latest hand-overs.
pub async fn handover_inbox(ctx: &Ctx) -> Result<HandoverInbox> {
    let env = HubEnv::new(ctx)?;
    Ok(inbox(handover::inbox(&env.cx(ctx), RECENT).await?))
}

/// Accepts a draft handed to this laptop: the hub makes it this laptop's
/// (unless the sender took it back first), then it is imported.
pub async fn handover_accept(ctx: &Ctx, req: HandoverRef) -> Result<DossierView> {
    let env = HubEnv::new(ctx)?;
    let id = handover::accept(&env.cx(ctx), &req.id).await?;
    crate::dossier_open(ctx, DossierRef { id })
}

/// Declines a draft handed to this laptop: it goes back to the sender.
pub async fn handover_decline(ctx: &Ctx, req: HandoverRef) -> Result<HandoverInbox> {
    let env = HubEnv::new(ctx)?;
    Ok(inbox(
        handover::decline(&env.cx(ctx), &req.id, RECENT).await?,
    ))
}
