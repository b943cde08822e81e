//! The team hub from the laptop's side: join with an enrolment code, send
//! the report records that changed (pseudonymous, exactly once), keep the
//! audit chain's head anchored at the hub. The laptop never needs the hub:
//! without one, or offline, nothing else changes.

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use gocua_core::report::{DossierRecord, VisitRecord};
use gocua_protocol::hub::{
    Anchor, DossierFacts, Enrol, EnrolmentCode, Facts, HUB_BATCH_MAX, ReportEvent, SyncBatch,
    VisitFacts,
};
use gocua_store::{AuditEntry, HubLink, Pending, RecordKind, SettingKey};
use gocua_sync::hub::{HubClient, HubFailure};
use sha2::{Digest, Sha256};

use crate::clock::stamp;
use crate::dto::{HubAnchorCheck, HubJoin, HubStatus, HubSyncReport};
use crate::{ApiError, Ctx, Result};

/// How long one hub request may take.
pub const HUB_TIMEOUT: Duration = Duration::from_secs(30);

/// Events per batch (the protocol allows up to [`HUB_BATCH_MAX`]).
const BATCH: u32 = 500;
const _: () = assert!(BATCH as usize <= HUB_BATCH_MAX);

pub(crate) fn hub_error(reason: &str, detail: impl std::fmt::Display) -> ApiError {
    ApiError::Hub {
        reason: reason.to_owned(),
        detail: detail.to_string(),
    }
}

pub(crate) fn failure(e: HubFailure) -> ApiError {
    let reason = match &e {
        HubFailure::Unreachable(_) => "unreachable",
        HubFailure::WrongCertificate => "wrong-certificate",
        HubFailure::Revoked => "revoked",
        HubFailure::ClockSkew => "clock",
        HubFailure::CodeInvalid => "code-invalid",
        HubFailure::HandoverClosed(_) => "handover-closed",
        HubFailure::Refused { .. } => "refused",
    };
    hub_error(reason, e)
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
        vneid: v.vneid.as_str().to_owned(),
        portal: v.portal.as_str().to_owned(),
        rating: v.rating,
        dossiers: v.dossiers,
    }
}

fn dossier_facts(link: &HubLink, d: DossierRecord) -> DossierFacts {
    DossierFacts {
        procedure_code: d.procedure_code,
        procedure_name: d.procedure_name,
        state: d.state.to_string(),
        day: d.day.to_string(),
        operator: pseudonym(&link.team_salt, "operator", &d.operator),
        commune: d.commune,
        online_fee: d.online_fee,
    }
}

/// The events of `pending`, read as the report reads the records now.
fn events(ctx: &Ctx, link: &HubLink, pending: &[Pending]) -> Result<Vec<ReportEvent>> {
    let fees: BTreeMap<String, Option<u64>> = crate::report::online_fees(ctx)?;
    let store = ctx.store()?;
    let reports = store.reports();
    pending
        .iter()
        .map(|p| {
            let facts = match p.kind {
                RecordKind::Visit => {
                    let id: i64 = p
                        .record
                        .parse()
                        .map_err(|_| crate::error::corrupt(format!("visit id {:?}", p.record)))?;
                    match reports.visit(id)? {
                        Some(v) => Facts::Visit(visit_facts(link, crate::report::visit_record(v)?)),
                        None => Facts::VisitGone,
                    }
                }
                RecordKind::Dossier => match reports.dossier(&p.record)? {
                    Some(d) => Facts::Dossier(dossier_facts(
                        link,
                        crate::report::dossier_record(d, &fees)?,
                    )),
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
}

fn client(link: &HubLink) -> Result<HubClient> {
    let secret: [u8; 32] = link
        .device_secret
        .as_slice()
        .try_into()
        .map_err(|_| crate::error::corrupt("the stored device key is not 32 bytes"))?;
    Ok(HubClient::new(&link.url, &link.fingerprint, HUB_TIMEOUT)
        .map_err(failure)?
        .signed(&link.device_id, &secret))
}

pub(crate) fn link(ctx: &Ctx) -> Result<HubLink> {
    ctx.store()?
        .hub()
        .link()?
        .ok_or_else(|| hub_error("not-joined", "no hub"))
}

/// Joins the hub named by an enrolment code: makes this laptop's device key,
/// registers its public half, pins the hub's certificate. Joining again (a
/// new code) replaces the earlier hub, and everything is sent anew.
pub async fn hub_join(ctx: &Ctx, req: HubJoin) -> Result<HubStatus> {
    let code = EnrolmentCode::parse(&req.code).map_err(|e| hub_error("code-damaged", e))?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::InvalidValue {
            field: "name".into(),
            value: req.name.clone(),
        });
    }
    let secret = gocua_sync::hub::new_device_key()
        .map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let client = HubClient::new(&code.url, &code.fingerprint, HUB_TIMEOUT).map_err(failure)?;
    let enrolled = client
        .enrol(&Enrol {
            secret: code.secret.clone(),
            public_key: gocua_sync::hub::public_key(&secret),
            name: name.to_owned(),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
        })
        .await
        .map_err(failure)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let team_salt = b64
        .decode(&enrolled.team_salt)
        .map_err(|e| hub_error("refused", format!("team salt: {e}")))?;
    let mut device_salt = [0u8; 16];
    getrandom::fill(&mut device_salt)
        .map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name(ctx)?;
    // The province's key signs the content the hub passes on (catalogue
    // packs): trusted from now on, like a key a lead adds by hand.
    let province_key = b64
        .decode(&enrolled.province_key)
        .ok()
        .filter(|k| k.len() == 32)
        .map(|k| gocua_core::hex::encode(&k))
        .ok_or_else(|| hub_error("refused", "the province key is not 32 bytes"))?;
    let mut store = ctx.store()?;
    let w = store.write()?;
    w.catalogue().trust_key(&gocua_store::TrustedKey {
        public_key: province_key,
        name: format!("{} ({})", enrolled.team_name, code.url),
        added_at: now.clone(),
        added_by: operator.clone(),
    })?;
    w.hub().join(&HubLink {
        url: code.url,
        fingerprint: code.fingerprint,
        device_id: enrolled.device_id.clone(),
        device_secret: secret.to_vec(),
        team_id: enrolled.team_id,
        team_name: enrolled.team_name,
        province_key: enrolled.province_key,
        team_salt,
        device_salt: device_salt.to_vec(),
        joined_at: now.clone(),
        revoked_at: None,
        last_sync_at: None,
        last_error: None,
    })?;
    // A roster is a team's: the new hub's comes at the next sync.
    w.settings().unset(SettingKey::HubRoster)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "hub.join",
        subject: &format!("device:{}", enrolled.device_id),
    })?;
    w.commit()?;
    drop(store);
    hub_status(ctx)
}

/// Whether and where this laptop is enrolled, and what waits.
pub fn hub_status(ctx: &Ctx) -> Result<HubStatus> {
    let store = ctx.store()?;
    let hub = store.hub();
    let pending = u32::try_from(hub.pending_count()?).unwrap_or(u32::MAX);
    Ok(match hub.link()? {
        None => HubStatus {
            joined: false,
            url: None,
            team_name: None,
            device_id: None,
            joined_at: None,
            revoked_at: None,
            last_sync_at: None,
            last_error: None,
            pending,
        },
        Some(l) => HubStatus {
            joined: true,
            url: Some(l.url),
            team_name: Some(l.team_name),
            device_id: Some(l.device_id),
            joined_at: Some(l.joined_at),
            revoked_at: l.revoked_at,
            last_sync_at: l.last_sync_at,
            last_error: l.last_error,
            pending,
        },
    })
}

/// Sends what changed, in batches, until nothing waits; each batch's
/// records are marked sent only after the hub acknowledged it, so a fault
/// at any point re-sends the batch, which the hub stores once.
pub async fn hub_sync(ctx: &Ctx) -> Result<HubSyncReport> {
    let link = link(ctx)?;
    if link.revoked_at.is_some() {
        return Err(hub_error("revoked", "revoked earlier"));
    }
    let client = client(&link)?;
    let mut report = HubSyncReport {
        stored: 0,
        duplicates: 0,
        pending: 0,
        anchor_matches: None,
        catalogue_installed: 0,
        catalogue_refused: 0,
        guides_installed: false,
        guides_refused: false,
        handovers_waiting: 0,
        roster_installed: false,
    };
    loop {
        let (pending, waiting, head) = {
            let store = ctx.store()?;
            let pending = store.hub().pending(BATCH)?;
            let waiting = store.hub().pending_count()?;
            (pending, waiting, store.audit().head()?)
        };
        let batch = SyncBatch {
            events: events(ctx, &link, &pending)?,
            queue_depth: waiting.saturating_sub(pending.len() as u64),
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            anchor: head.map(|(seq, hash)| Anchor { seq, hash }),
        };
        let now = stamp(ctx.now());
        let receipt = match client.sync(&batch).await {
            Ok(r) => r,
            Err(e) => {
                let mut store = ctx.store()?;
                let w = store.write()?;
                match &e {
                    HubFailure::Revoked => w.hub().revoked(&now)?,
                    other => w.hub().synced(&now, Some(&other.to_string()))?,
                }
                w.commit()?;
                return Err(failure(e));
            }
        };
        report.stored += receipt.stored;
        report.duplicates += receipt.duplicates;
        if let Some(anchor) = &receipt.anchor {
            report.anchor_matches = Some(anchor_matches(ctx, anchor)?);
        }
        {
            let mut store = ctx.store()?;
            let w = store.write()?;
            w.hub().acknowledge(&pending)?;
            w.hub().synced(&now, None)?;
            w.commit()?;
        }
        if pending.len() < BATCH as usize {
            break;
        }
    }
    report.pending = u32::try_from(ctx.store()?.hub().pending_count()?).unwrap_or(u32::MAX);
    install_content(ctx, &client, &mut report).await?;
    let mail = crate::handover::settle(ctx).await?;
    report.handovers_waiting = u32::try_from(
        mail.incoming
            .iter()
            .filter(|i| i.state == gocua_protocol::hub::HandoverState::Sent)
            .count(),
    )
    .unwrap_or(u32::MAX);
    Ok(report)
}

/// Installs the province's catalogue packs that are newer than this
/// laptop's, each checked like any signed pack (a key this laptop trusts,
/// a valid pack); anything else is refused and the installed one stays.
async fn install_content(ctx: &Ctx, client: &HubClient, report: &mut HubSyncReport) -> Result<()> {
    let packs = client.catalogue().await.map_err(failure)?;
    let installed: BTreeMap<String, u32> = crate::catalog_packs(ctx)?
        .into_iter()
        .map(|p| (p.pack_id, p.version))
        .collect();
    for p in packs {
        if installed.get(&p.pack_id).is_some_and(|v| *v >= p.version) {
            continue;
        }
        let req = crate::dto::CatalogImport {
            json: p.signed,
            allow_unsigned: false,
        };
        match crate::catalog_import(ctx, req) {
            Ok(_) => report.catalogue_installed += 1,
            Err(ApiError::PackNotNewer { .. }) => {}
            Err(e) => {
                tracing::warn!(pack = %p.pack_id, version = p.version, error = %e.log_detail(), "the hub's catalogue pack was refused");
                report.catalogue_refused += 1;
            }
        }
    }
    if let Some(r) = client.roster().await.map_err(failure)? {
        let installed = hub_roster(ctx)?.map_or(0, |r| r.version);
        if r.version > installed {
            match install_roster(ctx, &r.signed) {
                Ok(()) => report.roster_installed = true,
                Err(e) => {
                    tracing::warn!(version = r.version, error = %e.log_detail(), "the hub's roster was refused");
                }
            }
        }
    }
    if let Some(g) = client.guides().await.map_err(failure)? {
        let installed: i64 = ctx
            .store()?
            .settings()
            .get(SettingKey::HubGuidesVersion)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if g.version > installed {
            match install_guides(ctx, &g.signed) {
                Ok(()) => {
                    let mut store = ctx.store()?;
                    let w = store.write()?;
                    w.settings()
                        .set(SettingKey::HubGuidesVersion, &g.version.to_string())?;
                    w.commit()?;
                    report.guides_installed = true;
                }
                Err(e) => {
                    tracing::warn!(version = g.version, error = %e.log_detail(), "the hub's guides were refused");
                    report.guides_refused = true;
                }
            }
        }
    }
    Ok(())
}

/// The payload of content from the hub, when a key this laptop trusts
/// signed it (the province's, learned at enrolment, or one a lead added).
fn trusted_payload(ctx: &Ctx, signed: &str) -> Result<String> {
    use gocua_core::catalogue::signed::{self, PackFile};
    let added = ctx.store()?.catalogue().trusted_keys()?;
    let trusted = signed::trusted_keys(added.into_iter().map(|k| k.public_key));
    match signed::open(signed, &trusted) {
        Ok(PackFile::Signed { payload, .. }) => Ok(payload.to_string()),
        Ok(PackFile::Unsigned(_)) => Err(ApiError::UntrustedPack("unsigned".into())),
        Err(e) => Err(ApiError::UntrustedPack(e.code().into())),
    }
}

/// Checks guides from the hub (a key this laptop trusts signed them; the
/// whole file is valid) and makes them the data directory's guides.
fn install_guides(ctx: &Ctx, signed: &str) -> Result<()> {
    let payload = trusted_payload(ctx, signed)?;
    crate::guides::parse(&payload)?;
    crate::guides::install(ctx, &payload)
}

/// Checks a roster from the hub (signed by a key this laptop trusts, of
/// this laptop's team, newer than the one installed) and keeps it.
pub fn install_roster(ctx: &Ctx, signed: &str) -> Result<()> {
    use gocua_protocol::hub::{ROSTER_FORMAT, Roster};
    let payload = trusted_payload(ctx, signed)?;
    let roster: Roster =
        serde_json::from_str(&payload).map_err(|e| hub_error("refused", format!("roster: {e}")))?;
    let link = link(ctx)?;
    if roster.format != ROSTER_FORMAT || roster.team_id != link.team_id {
        return Err(hub_error("refused", "the roster is not this team's"));
    }
    if roster.members.iter().any(|m| {
        !matches!(m.role.as_str(), "lead" | "volunteer")
            || m.name.trim().is_empty()
            || m.name.chars().count() > 100
    }) {
        return Err(hub_error("refused", "a roster member is malformed"));
    }
    if hub_roster(ctx)?.is_some_and(|r| r.version >= roster.version) {
        return Ok(());
    }
    let mut store = ctx.store()?;
    let w = store.write()?;
    w.settings().set(SettingKey::HubRoster, &payload)?;
    w.commit()?;
    Ok(())
}

/// The team's roster from the hub, as installed last (none before the lead
/// wrote one, or when this laptop never joined a hub).
pub fn hub_roster(ctx: &Ctx) -> Result<Option<crate::dto::HubRosterDto>> {
    let Some(text) = ctx.store()?.settings().get(SettingKey::HubRoster)? else {
        return Ok(None);
    };
    let roster: gocua_protocol::hub::Roster =
        serde_json::from_str(&text).map_err(crate::error::corrupt)?;
    Ok(Some(crate::dto::HubRosterDto {
        version: roster.version,
        members: roster
            .members
            .into_iter()
            .map(|m| crate::dto::HubRosterMember {
                role: if m.role == "lead" {
                    crate::dto::RoleCode::Lead
                } else {
                    crate::dto::RoleCode::Volunteer
                },
                name: m.name,
            })
            .collect(),
    }))
}

/// True when this laptop's audit chain still holds, at the anchor's
/// position, the hash the hub was sent then.
fn anchor_matches(ctx: &Ctx, anchor: &Anchor) -> Result<bool> {
    Ok(ctx.store()?.audit().hash_at(anchor.seq)?.as_deref() == Some(anchor.hash.as_str()))
}

/// Compares this laptop's audit chain with the newest anchor the hub holds
/// (`None` when not enrolled, or the hub holds none yet). A chain rewritten
/// by someone holding the database key no longer has the anchored hash at
/// the anchored position, or is shorter than it.
pub async fn hub_anchor_check(ctx: &Ctx) -> Result<Option<HubAnchorCheck>> {
    let Some(link) = ctx.store()?.hub().link()? else {
        return Ok(None);
    };
    let anchor = client(&link)?.anchor().await.map_err(failure)?;
    Ok(match anchor {
        None => None,
        Some(a) => Some(HubAnchorCheck {
            seq: a.seq,
            matches: anchor_matches(ctx, &a)?,
        }),
    })
}

/// How often the window's background tries the hub: soon while records
/// wait, else now and then (anchors, content).
const BACKGROUND_BUSY: Duration = Duration::from_secs(60);
const BACKGROUND_IDLE: Duration = Duration::from_secs(15 * 60);

/// The window's background sync with the team hub: nothing when this
/// laptop has not joined one, was revoked, is a kiosk, or tried lately.
/// Failures wait for the next try (the status shows the last error).
pub async fn hub_background(ctx: &Ctx) -> Result<Option<HubSyncReport>> {
    if ctx.session()?.kiosk {
        return Ok(None);
    }
    let (joined, pending) = {
        let store = ctx.store()?;
        let link = store.hub().link()?;
        (
            link.is_some_and(|l| l.revoked_at.is_none()),
            // A hand-over waiting for its receiver is checked as often.
            store.hub().pending_count()? + store.handovers().pending()?.len() as u64,
        )
    };
    let every = if pending > 0 {
        BACKGROUND_BUSY
    } else {
        BACKGROUND_IDLE
    };
    if !joined || !ctx.hub_due(every) {
        return Ok(None);
    }
    hub_sync(ctx).await.map(Some)
}

/// Forgets the hub (the laptop's data stays).
pub fn hub_leave(ctx: &Ctx) -> Result<HubStatus> {
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name(ctx)?;
    {
        let mut store = ctx.store()?;
        let w = store.write()?;
        w.hub().leave()?;
        w.settings().unset(SettingKey::HubRoster)?;
        w.audit().append(&AuditEntry {
            at: &now,
            operator: &operator,
            action: "hub.leave",
            subject: "hub",
        })?;
        w.commit()?;
    }
    hub_status(ctx)
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
