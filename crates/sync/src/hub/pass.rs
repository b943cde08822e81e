//! The hub pass: the report records that changed, sent pseudonymously and
//! exactly once, the audit chain's head anchored, the signed content
//! installed and the hand-overs settled — under the data folder's one pass
//! lock, as the portal pass is.

use std::time::Duration;

use gocua_core::handover::HandoverState;
use gocua_core::report::{DossierRecord, VisitRecord};
use gocua_protocol::hub::{
    Anchor, DossierFacts, Facts, HUB_BATCH_MAX, ReportEvent, SyncBatch, VisitFacts,
};
use gocua_store::{HubLink, Pending, RecordKind};
use sha2::{Digest, Sha256};

use super::content::{ContentInstaller, ContentReport};
use super::{HUB_TIMEOUT, HubContext, HubError, HubFailure, Result};

/// Events per batch (the protocol allows up to [`HUB_BATCH_MAX`]).
const BATCH: u32 = 500;
const _: () = assert!(BATCH as usize <= HUB_BATCH_MAX);

/// What one hub pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HubPass {
    /// Events the hub stored.
    pub stored: u32,
    /// Events it had already.
    pub duplicates: u32,
    /// Records still waiting.
    pub pending: u32,
    /// Whether this laptop's chain holds the hash the hub anchored (`None`:
    /// no anchor came back).
    pub anchor_matches: Option<bool>,
    /// The content installed or refused.
    pub content: ContentReport,
    /// Drafts handed to this laptop, waiting for a decision.
    pub handovers_waiting: u32,
}

/// A salted pseudonym: the first 16 hex digits of SHA-256(salt, kind, value).
fn pseudonym(salt: &[u8], kind: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(kind.as_bytes());
    h.update([0]);
    h.update(value.as_bytes());
    gocua_core::hex::encode(&h.finalize()[..8])
}

/// The event id of `record` at `rev` on `device`: the same event always has
/// the same id, so the hub recognises one sent again.
fn event_id(device: &str, kind: RecordKind, record: &str, rev: i64) -> String {
    let mut h = Sha256::new();
    for part in [device, kind.as_str(), record, &rev.to_string()] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let mut b = [0u8; 16];
    b.copy_from_slice(&h.finalize()[..16]);
    // A version-8 (custom) UUID.
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid::Uuid::from_bytes(b).to_string()
}

fn visit_facts(link: &HubLink, v: VisitRecord) -> VisitFacts {
    VisitFacts {
        citizen: v
            .citizen
            .map(|c| pseudonym(&link.device_salt, "citizen", &c.to_string())),
        operator: pseudonym(&link.team_salt, "operator", &v.operator),
        commune: v.commune,
        day: v.day.to_string(),
        minutes: v.minutes,
        vneid: v.vneid,
        portal: v.portal,
        rating: v.rating,
        dossiers: v.dossiers,
    }
}

fn dossier_facts(link: &HubLink, d: DossierRecord) -> DossierFacts {
    DossierFacts {
        procedure_code: d.procedure_code,
        procedure_name: d.procedure_name,
        state: d.state,
        day: d.day.to_string(),
        operator: pseudonym(&link.team_salt, "operator", &d.operator),
        commune: d.commune,
        online_fee: d.online_fee,
    }
}

/// The events of `pending`, read as the report reads the records now.
fn events(cx: &HubContext<'_>, link: &HubLink, pending: &[Pending]) -> Result<Vec<ReportEvent>> {
    cx.with(|store| {
        let fees = store.catalogue().online_fees()?;
        let reports = store.reports();
        pending
            .iter()
            .map(|p| {
                let facts = match p.kind {
                    RecordKind::Visit => {
                        let id: i64 = p
                            .record
                            .parse()
                            .map_err(|_| HubError::Damaged(format!("visit id {:?}", p.record)))?;
                        match reports.visit(id)? {
                            Some(v) => Facts::Visit(visit_facts(link, v.record()?)),
                            None => Facts::VisitGone,
                        }
                    }
                    RecordKind::Dossier => match reports.dossier(&p.record)? {
                        Some(d) => Facts::Dossier(dossier_facts(link, d.record(&fees)?)),
                        None => Facts::DossierGone,
                    },
                };
                Ok(ReportEvent {
                    id: event_id(&link.device_id, p.kind, &p.record, p.rev),
                    record: format!("{}:{}", p.kind.as_str(), p.record),
                    rev: p.rev,
                    facts,
                })
            })
            .collect()
    })
}

/// One hub pass: sends what changed, in batches, until nothing waits (each
/// batch's records are marked sent only after the hub acknowledged it, so a
/// fault at any point re-sends the batch, which the hub stores once);
/// installs the content that is newer; settles the hand-overs.
pub async fn pass(
    cx: &HubContext<'_>,
    installer: &dyn ContentInstaller,
    app_version: &str,
) -> Result<HubPass> {
    let _lock = cx.lock().await?;
    let (link, client, _) = cx.joined(HUB_TIMEOUT)?;
    let mut report = HubPass::default();
    // Every anchor the hub holds must still be in this chain; the newest is
    // what the next anchor has to extend.
    let held = match client.anchors().await {
        Ok(held) => held,
        Err(e) => return Err(noted(cx, e)?),
    };
    report.anchor_matches = (!held.is_empty()).then_some(all_match(cx, &held)?);
    let mut since = match held.last() {
        Some(a) => Some(local_at(cx, a.seq)?),
        None => None,
    };
    loop {
        let (pending, waiting, head) = cx.with(|store| {
            let hub = store.hub();
            Ok((
                hub.pending(BATCH)?,
                hub.pending_count()?,
                store.audit().head()?,
            ))
        })?;
        let batch = SyncBatch {
            events: events(cx, &link, &pending)?,
            queue_depth: waiting.saturating_sub(pending.len() as u64),
            app_version: app_version.to_owned(),
            anchor: head.map(|(seq, hash)| Anchor { seq, hash }),
            anchor_since: since.clone(),
        };
        let now = cx.stamp();
        let receipt = match client.sync(&batch).await {
            Ok(r) => r,
            Err(e) => return Err(noted(cx, e)?),
        };
        report.stored += receipt.stored;
        report.duplicates += receipt.duplicates;
        if let Some(anchor) = &receipt.anchor {
            let matches = anchor_matches(cx, anchor)?;
            report.anchor_matches = Some(report.anchor_matches.unwrap_or(true) && matches);
            since = Some(local_at(cx, anchor.seq)?);
        }
        cx.with(|store| {
            let w = store.write()?;
            w.hub().acknowledge(&pending)?;
            w.hub().synced(&now, None)?;
            w.commit()?;
            Ok(())
        })?;
        if pending.len() < BATCH as usize {
            break;
        }
    }
    report.pending = cx.with(|s| Ok(count(s.hub().pending_count()?)))?;
    report.content = super::content::install(cx, &client, installer).await?;
    let mail = super::handover::settle_locked(cx).await?;
    report.handovers_waiting = count(
        mail.incoming
            .iter()
            .filter(|i| i.state == HandoverState::Sent)
            .count() as u64,
    );
    Ok(report)
}

/// Notes a failed hub request on the link (revoked, or the last error the
/// status shows) and hands back the error to return.
fn noted(cx: &HubContext<'_>, e: HubFailure) -> Result<HubError> {
    let now = cx.stamp();
    cx.with(|store| {
        let w = store.write()?;
        match &e {
            HubFailure::Revoked => w.hub().revoked(&now)?,
            other => w.hub().synced(&now, Some(&other.to_string()))?,
        }
        w.commit()?;
        Ok(())
    })?;
    Ok(e.into())
}

fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// True when this laptop's audit chain still holds, at the anchor's
/// position, the hash the hub was sent then.
fn anchor_matches(cx: &HubContext<'_>, anchor: &Anchor) -> Result<bool> {
    cx.with(|s| Ok(s.audit().hash_at(anchor.seq)?.as_deref() == Some(anchor.hash.as_str())))
}

/// True when every one of `anchors` is still in this laptop's chain.
fn all_match(cx: &HubContext<'_>, anchors: &[Anchor]) -> Result<bool> {
    for a in anchors {
        if !anchor_matches(cx, a)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// This laptop's own hash at `seq` (empty when its chain is shorter), as
/// the hub is told where its next anchor starts from.
fn local_at(cx: &HubContext<'_>, seq: i64) -> Result<Anchor> {
    let hash = cx.with(|s| Ok(s.audit().hash_at(seq)?))?;
    Ok(Anchor {
        seq,
        hash: hash.unwrap_or_default(),
    })
}

/// Compares this laptop's audit chain with every anchor the hub holds: the
/// first anchored position it no longer matches, else the newest, and
/// whether all match (`None` when not enrolled, or the hub holds none yet).
/// A chain rewritten by someone holding the database key no longer has an
/// anchored hash at its anchored position, or is shorter than it — and
/// growing the rewritten chain past the newest anchor does not hide it,
/// since every older anchor is checked too.
pub async fn anchor_check(cx: &HubContext<'_>) -> Result<Option<(i64, bool)>> {
    let Some(link) = cx.with(|s| Ok(s.hub().link()?))? else {
        return Ok(None);
    };
    let anchors = super::signed_client(&link, HUB_TIMEOUT)?.anchors().await?;
    for a in &anchors {
        if !anchor_matches(cx, a)? {
            return Ok(Some((a.seq, false)));
        }
    }
    Ok(anchors.last().map(|a| (a.seq, true)))
}

/// How often the background tries the hub: soon while records or a
/// hand-over wait, else now and then (anchors, content); `None` when this
/// laptop has not joined one or was revoked.
pub fn background_every(cx: &HubContext<'_>) -> Result<Option<Duration>> {
    const BUSY: Duration = Duration::from_secs(60);
    const IDLE: Duration = Duration::from_secs(15 * 60);
    cx.with(|store| {
        let joined = store.hub().link()?.is_some_and(|l| l.revoked_at.is_none());
        if !joined {
            return Ok(None);
        }
        // A hand-over waiting for its receiver is checked as often.
        let waiting = store.hub().pending_count()? + store.handovers().pending()?.len() as u64;
        Ok(Some(if waiting > 0 { BUSY } else { IDLE }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_keeps_its_id_and_another_revision_gets_another() {
        let a = event_id("dev", RecordKind::Visit, "7", 3);
        assert_eq!(a, event_id("dev", RecordKind::Visit, "7", 3));
        assert_ne!(a, event_id("dev", RecordKind::Visit, "7", 4));
        assert_ne!(a, event_id("dev", RecordKind::Dossier, "7", 3));
        assert_ne!(a, event_id("other", RecordKind::Visit, "7", 3));
        assert!(uuid::Uuid::parse_str(&a).is_ok());
    }

    #[test]
    fn pseudonyms_depend_on_the_salt_and_reveal_nothing_typed() {
        let p = pseudonym(b"team-a", "operator", "Nguyễn Thị Lan");
        assert_eq!(p.len(), 16);
        assert_eq!(p, pseudonym(b"team-a", "operator", "Nguyễn Thị Lan"));
        assert_ne!(p, pseudonym(b"team-b", "operator", "Nguyễn Thị Lan"));
        assert!(!p.contains("Lan"));
    }
}
