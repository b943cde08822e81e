//! Sending dossiers: put a ready dossier in the outbox (in the same
//! transaction as its state change), run the worker against the configured
//! portal, show the queue; or record a hand-off to the real portal.

use std::time::Duration;

use gocua_core::dossier::{DossierState, Event};
use gocua_core::outbox::OpKind;
use gocua_store::{AuditEntry, SettingKey};

use crate::clock::stamp;
use crate::dto::{
    DossierHandoff, DossierRef, DossierView, OpState, OutboxDto, OutboxItem, SyncReport,
};
use crate::error::corrupt;
use crate::{ApiError, Ctx, Result};

/// How long one request may take before it counts as failed.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Puts a ready dossier in the outbox: it will be sent when the portal can
/// be reached (a supplement when the portal already has it).
pub fn dossier_queue(ctx: &Ctx, req: DossierRef) -> Result<DossierView> {
    let now = stamp(ctx.now());
    let mut store = ctx.store()?;
    let (row, procedure, answers) = crate::dossier::for_sending(ctx, &store, &req.id)?;
    // A dossier the portal already has goes again as a supplement.
    let (kind, payload) = match &row.portal_code {
        Some(_) => (
            OpKind::Supplement,
            serde_json::to_string(&gocua_sync::payload::supplement(
                row.supplement_note.as_deref().unwrap_or_default(),
                answers,
            )),
        ),
        None => (
            OpKind::Submit,
            serde_json::to_string(&gocua_sync::payload::submission(
                &row.id,
                &procedure,
                gocua_sync::payload::Owner {
                    name: row.citizen_name.as_deref().unwrap_or_default(),
                    id_number: row.citizen_cccd.as_deref().unwrap_or_default(),
                },
                answers,
            )),
        ),
    };
    let payload = payload.map_err(corrupt)?;
    let operator = crate::audit::operator_name_in(&store)?;
    let op = uuid::Uuid::new_v4().to_string();
    // Whether the citizen must confirm is the portal's to say (428
    // `citizen_confirmation`); the worker then holds the operation apart.
    let needs_citizen = false;
    let w = store.write()?;
    w.dossiers().transition(&req.id, Event::Queue, &now)?;
    w.outbox()
        .enqueue(&op, &req.id, kind, &payload, needs_citizen, &now)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.queue",
        subject: &format!("dossier:{}", req.id),
    })?;
    w.commit()?;
    drop(store);
    crate::dossier::current_view(ctx, &req.id)
}

/// A uniform number in [0, 1) for backoff jitter.
fn random_unit() -> f64 {
    let mut b = [0u8; 8];
    let _ = getrandom::fill(&mut b);
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// One pass of the outbox worker against the configured portal.
pub async fn sync_now(ctx: &Ctx) -> Result<SyncReport> {
    sync_with(ctx, &gocua_sync::Policy::default(), REQUEST_TIMEOUT).await
}

/// One pass with a given policy and request timeout (benchmarks, tests),
/// waiting for a pass already running on this data folder (the
/// background's hub pass, another process) to end first.
pub async fn sync_with(
    ctx: &Ctx,
    policy: &gocua_sync::Policy,
    timeout: Duration,
) -> Result<SyncReport> {
    pass(ctx, policy, timeout, gocua_sync::lock::COMMAND_PATIENCE).await
}

/// The background's pass: skipped when another pass holds the data folder
/// (the schedule comes back within seconds).
pub(crate) async fn sync_in_background(ctx: &Ctx) -> Result<SyncReport> {
    pass(
        ctx,
        &gocua_sync::Policy::default(),
        REQUEST_TIMEOUT,
        Duration::ZERO,
    )
    .await
}

/// The pass itself — identity, token, worker, feed — is gocua-sync's; the
/// app adds the operator's name and the daily catalogue check.
async fn pass(
    ctx: &Ctx,
    policy: &gocua_sync::Policy,
    timeout: Duration,
    patience: Duration,
) -> Result<SyncReport> {
    let (portal, _) = ctx.portal_url()?;
    let policy = gocua_sync::Policy {
        operator: crate::audit::operator_name(ctx)?,
        ..policy.clone()
    };
    let clock = ctx.clock();
    let now = move || clock();
    // Nothing personal or local (no user name, no path) leaves in the name.
    let name = format!("Gõ Cửa {}", env!("CARGO_PKG_VERSION"));
    let lock = ctx.data_dir().join(gocua_sync::lock::LOCK_FILE);
    let cx = gocua_sync::PassContext {
        portal: &portal,
        policy: &policy,
        timeout,
        device_name: &name,
        lock: Some(&lock),
        patience,
        now: &now,
    };
    let mut random = random_unit;
    let outcome = gocua_sync::sync_pass(ctx.store_mutex(), &cx, &mut random)
        .await
        .map_err(|e| match e {
            gocua_sync::SyncError::Store(s) => ApiError::Storage(s),
            other => ApiError::Internal(other.to_string()),
        })?;
    if let Some(client) = &outcome.client {
        refresh_catalogue(ctx, client).await;
    }
    let pass = outcome.pass;
    Ok(SyncReport {
        sent: pass.sent,
        retried: pass.retried,
        quarantined: pass.quarantined,
        changes: pass.changes,
        supplements: pass.supplements,
        offline: pass.pull_failed.is_some() && pass.sent == 0,
    })
}

/// Once a day, asks the portal for its latest catalogue pack and installs it
/// when it is newer (validated like any import). Failures only wait for the
/// next day's try: the installed catalogue keeps working.
async fn refresh_catalogue(ctx: &Ctx, client: &gocua_sync::PortalClient) {
    let now = ctx.now();
    let due = ctx
        .store()
        .ok()
        .and_then(|s| {
            s.settings()
                .get(SettingKey::CatalogueCheckedAt)
                .ok()
                .flatten()
        })
        .and_then(|t| {
            time::OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339).ok()
        })
        .is_none_or(|last| now - last >= time::Duration::days(1));
    if !due {
        return;
    }
    let Ok(json) = client.latest_catalogue().await else {
        return;
    };
    // Never an unsigned pack from the network.
    let req = crate::dto::CatalogImport {
        json,
        allow_unsigned: false,
    };
    match crate::catalog_import(ctx, req) {
        Ok(info) => {
            tracing::info!(pack = %info.pack_id, version = info.version, "catalogue updated from the portal")
        }
        Err(ApiError::PackNotNewer { .. }) => {}
        Err(e) => {
            tracing::warn!(error = %e.log_detail(), "the portal's catalogue pack was refused")
        }
    }
    if let Ok(mut store) = ctx.store()
        && let Ok(w) = store.write()
        && w.settings()
            .set(SettingKey::CatalogueCheckedAt, &stamp(now))
            .is_ok()
    {
        let _ = w.commit();
    }
}

/// What the portal should hold of a dossier's papers, as the worker sends
/// them: (MaThanhPhanHoSo, SHA-256, length), sorted. Benchmarks and tests
/// compare it with what the sandbox stored.
pub fn papers_expected(ctx: &Ctx, id: &str) -> Result<Vec<(String, String, u64)>> {
    let mut papers: Vec<_> = ctx
        .store()?
        .attachments()
        .of(id)?
        .into_iter()
        .map(|a| (gocua_sync::component_code(a.document), a.sha256, a.size))
        .collect();
    papers.sort();
    Ok(papers)
}

/// How long until the next operation is due.
pub fn next_due_in(ctx: &Ctx) -> Result<Option<Duration>> {
    gocua_sync::next_due_in(ctx.store_mutex(), ctx.now())
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// The queue's wording of a failed attempt: its stored kind (never read
/// from the text), with the technical detail for support staff.
fn plain_error(
    lang: gocua_core::Language,
    kind: Option<gocua_core::outbox::FailureKind>,
    raw: &str,
) -> String {
    let kind = kind.unwrap_or(gocua_core::outbox::FailureKind::Refused);
    gocua_i18n::Localizer::global()
        .map(|l| {
            l.tr(
                lang,
                "outbox-error",
                &[
                    ("kind", kind.as_str().into()),
                    ("detail", raw.to_owned().into()),
                ],
            )
        })
        .unwrap_or_else(|_| raw.to_owned())
}

/// The queue: what waits, what was set aside and why, what was sent lately.
pub fn outbox_list(ctx: &Ctx) -> Result<OutboxDto> {
    let lang = ctx.language();
    let store = ctx.store()?;
    let rows = store.outbox().list(20)?;
    let mut items = Vec::new();
    for op in rows {
        let d = store.dossiers().get(&op.dossier)?;
        let atts = store.attachments().of(&op.dossier)?;
        items.push(OutboxItem {
            procedure_name: d
                .as_ref()
                .map(|d| {
                    crate::dossier::procedure_name_in(
                        ctx,
                        &store,
                        lang,
                        d.pack,
                        &d.procedure_code,
                        &d.procedure_name,
                    )
                })
                .unwrap_or_default(),
            citizen_name: d.and_then(|d| d.citizen_name),
            bytes_total: atts.iter().map(|a| a.size).sum(),
            bytes_confirmed: atts.iter().map(|a| a.uploaded.min(a.size)).sum(),
            last_error: op
                .last_error
                .as_deref()
                .map(|e| plain_error(lang, op.last_error_kind, e)),
            id: op.id,
            dossier: op.dossier,
            kind: op.kind,
            state: op.state,
            needs_citizen: op.needs_citizen && !op.citizen_present,
            attempts: op.attempts,
            next_attempt_at: op.next_attempt_at,
        });
    }
    let supplements = store
        .dossiers()
        .count_in_state(DossierState::SupplementDraft)? as u32;
    Ok(OutboxDto {
        pending: items
            .iter()
            .filter(|i| i.state == OpState::Pending && !i.needs_citizen)
            .count() as u32,
        needs_citizen: items
            .iter()
            .filter(|i| i.state == OpState::Pending && i.needs_citizen)
            .count() as u32,
        quarantined: items
            .iter()
            .filter(|i| i.state == OpState::Quarantined)
            .count() as u32,
        supplements,
        items,
    })
}

/// The citizen is here: sends an operation held for them, with their confirmation.
pub fn outbox_release(ctx: &Ctx, req: crate::dto::OutboxRelease) -> Result<OutboxDto> {
    let now = stamp(ctx.now());
    {
        let mut store = ctx.store()?;
        let w = store.write()?;
        if !w.outbox().citizen_present(&req.id, &now)? {
            return Err(ApiError::NotFound(req.id));
        }
        w.commit()?;
    }
    outbox_list(ctx)
}

/// "Send now": everything unfinished is due at once (set-aside operations too).
pub fn outbox_retry(ctx: &Ctx) -> Result<OutboxDto> {
    let now = stamp(ctx.now());
    {
        let mut store = ctx.store()?;
        let w = store.write()?;
        w.outbox().due_now(&now)?;
        w.commit()?;
    }
    outbox_list(ctx)
}

/// Records that a ready dossier was submitted by hand on the real portal
/// (guided hand-off) and the MaHoSo it gave: the dossier is then with the
/// portal in state 1, followed by that code.
pub fn dossier_handoff(ctx: &Ctx, req: DossierHandoff) -> Result<DossierView> {
    let code = req.portal_code.trim().to_owned();
    if !gocua_sync::is_portal_code(&code) {
        return Err(ApiError::InvalidValue {
            field: "portal_code".into(),
            value: code,
        });
    }
    let now = stamp(ctx.now());
    let mut store = ctx.store()?;
    let operator = crate::audit::operator_name_in(&store)?;
    let w = store.write()?;
    // Only a ready dossier can be handed off (the state machine says so).
    w.dossiers()
        .record_portal(&req.id, &code, Event::HandedOff, None, &now)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.handoff",
        subject: &format!("dossier:{}", req.id),
    })?;
    w.commit()?;
    drop(store);
    // The papers are on the portal now: their copies leave the laptop.
    remove_handoff_files(ctx, &req.id);
    crate::dossier::current_view(ctx, &req.id)
}

/// The private folder of all hand-off files, inside the data folder.
fn handoff_root(ctx: &Ctx) -> std::path::PathBuf {
    ctx.data_dir().join("handoff")
}

/// The folder of one dossier's hand-off files (`None` unless `id` is a
/// UUID: it becomes a path component).
fn handoff_dir(ctx: &Ctx, id: &str) -> Option<std::path::PathBuf> {
    if !gocua_store::is_uuid(id) {
        return None;
    }
    gocua_store::files::child(&handoff_root(ctx), id)
}

/// Deletes a dossier's hand-off files, if any.
pub(crate) fn remove_handoff_files(ctx: &Ctx, id: &str) {
    if let Some(dir) = handoff_dir(ctx, id) {
        match std::fs::remove_dir_all(&dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(dossier = %id, error = %e, "hand-off files could not be deleted")
            }
        }
    }
}

/// Deletes hand-off folders older than `age` (left by a hand-off that was
/// never recorded); how many. Run at start-up and daily with the retention
/// purge.
pub fn sweep_handoff_files(ctx: &Ctx, age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(handoff_root(ctx)) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut n = 0;
    for e in entries.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|d| d >= age);
        if old && std::fs::remove_dir_all(e.path()).is_ok() {
            n += 1;
        }
    }
    n
}

/// Writes a dossier's attachments to `<data dir>/handoff/<dossier>/` (private)
/// so the volunteer can pick them in the real portal's upload dialog. They
/// are deleted when the hand-off is recorded, and after a day otherwise.
pub fn dossier_export_files(ctx: &Ctx, req: DossierRef) -> Result<crate::dto::FileSaved> {
    let files = {
        let store = ctx.store()?;
        let mut out = Vec::new();
        for a in store.attachments().of(&req.id)? {
            let data = store
                .attachments()
                .blob(&a.sha256)?
                .ok_or_else(|| corrupt("attachment content missing"))?;
            let tp = gocua_sync::component_code(a.document);
            out.push((format!("{tp}-{}-{}", a.id, a.name), data));
        }
        out
    };
    crate::audit::audit_read(ctx, "export.files", &format!("dossier:{}", req.id))?;
    // The id came through the window: a UUID, and one path component.
    let dir = handoff_dir(ctx, &req.id).ok_or_else(|| ApiError::NotFound(req.id.clone()))?;
    gocua_store::files::ensure_private_dir(&handoff_root(ctx))
        .and_then(|()| gocua_store::files::ensure_private_dir(&dir))
        .map_err(|e| ApiError::Unreadable {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })?;
    for (name, data) in files {
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = gocua_store::files::child(&dir, &safe)
            .ok_or_else(|| corrupt("attachment file name"))?;
        gocua_store::files::write_private(&path, &data).map_err(|e| ApiError::Unreadable {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
    }
    Ok(crate::dto::FileSaved {
        path: dir.display().to_string(),
    })
}

#[cfg(test)]
mod queue_tests {
    use super::*;
    use crate::CtxOptions;

    /// Whatever its state says (a seed, an old version, another tool), a
    /// dossier whose answers or papers are missing is never queued.
    #[test]
    fn an_incomplete_dossier_is_never_queued() -> std::result::Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let id = crate::dossier::test_draft(&ctx)?;
        {
            let mut store = ctx.store()?;
            // The store takes the event; completeness is the command's to check.
            let w = store.write()?;
            w.dossiers()
                .transition(&id, Event::MarkReady, "2026-12-01T00:00:00Z")?;
            w.commit()?;
        }
        let refused = dossier_queue(&ctx, DossierRef { id: id.clone() })
            .err()
            .ok_or("queued")?;
        assert_eq!(refused.code(), crate::ErrorCode::DossierIncomplete);
        assert!(ctx.store()?.outbox().list(10)?.is_empty());
        Ok(())
    }
}
