//! Retention: citizens' data is kept for a limited time after their last
//! visit (default 30 days, the `retention_days` setting) and then purged —
//! the profile and consents go, visits stay as anonymous counts for reports
//! (their free-text notes cleared), finished and abandoned dossiers of no
//! stored citizen go too. An open dossier holds its citizen back.
//!
//! The app runs the purge by itself at start-up and then daily
//! ([`purge_if_due`]); `gocua purge` runs it by hand.

use gocua_store::{AuditEntry, SettingKey};
use time::Duration;
use time::format_description::well_known::Rfc3339;

use crate::clock::stamp;
use crate::dto::PurgeReport;
use crate::{ApiError, Ctx, Result};

/// The default retention after the last visit.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;

/// The retention period in force.
pub fn retention_days(ctx: &Ctx) -> Result<u32> {
    Ok(ctx
        .store()?
        .settings()
        .get(SettingKey::RetentionDays)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_RETENTION_DAYS))
}

/// Sets the retention period (1–3650 days).
pub fn set_retention_days(ctx: &Ctx, days: u32) -> Result<()> {
    if !(1..=3650).contains(&days) {
        return Err(ApiError::InvalidValue {
            field: "retention_days".into(),
            value: days.to_string(),
        });
    }
    let mut store = ctx.store()?;
    let w = store.write()?;
    let mut tx = w.settings();
    tx.set(SettingKey::RetentionDays, &days.to_string())?;
    Ok(w.commit()?)
}

/// Purges citizens whose retention ran out; with `dry_run`, only counts them.
pub fn purge(ctx: &Ctx, dry_run: bool) -> Result<PurgeReport> {
    let days = retention_days(ctx)?;
    let now = ctx.now();
    let cutoff = stamp(now - Duration::days(i64::from(days)));
    let at = stamp(now);
    let mut store = ctx.store()?;
    let expired = store.citizens().expired(&cutoff)?;
    let finished = store.dossiers().finished_before(&cutoff)?;
    let abandoned = store.dossiers().abandoned_before(&cutoff)?;
    let visit_notes = if dry_run {
        store.visits().notes_before(&cutoff)?
    } else {
        let w = store.write()?;
        let mut tx = w.visits();
        let n = tx.clear_notes_before(&cutoff)?;
        w.commit()?;
        n as u64
    };
    let purgeable = !finished.is_empty() || !abandoned.is_empty();
    if !dry_run && purgeable {
        let operator = crate::audit::operator_name_in(&store)?;
        let w = store.write()?;
        let mut tx = w.dossiers();
        for id in finished.iter().chain(&abandoned) {
            tx.delete(id)?;
            w.audit().append(&AuditEntry {
                at: &at,
                operator: &operator,
                action: "dossier.purge",
                subject: &format!("dossier:{id}"),
            })?;
        }
        w.commit()?;
        for id in finished.iter().chain(&abandoned) {
            crate::sync::remove_handoff_files(ctx, id);
        }
    }
    if !dry_run && !expired.is_empty() {
        let operator = crate::audit::operator_name_in(&store)?;
        let mut files = Vec::new();
        let mut dossiers = Vec::new();
        for id in &expired {
            let (f, d) = store.citizens().leftovers(*id)?;
            files.extend(f);
            dossiers.extend(d);
        }
        let w = store.write()?;
        let mut tx = w.citizens();
        for id in &expired {
            tx.erase(*id)?;
            w.audit().append(&AuditEntry {
                at: &at,
                operator: &operator,
                action: "citizen.purge",
                subject: &format!("citizen:{id}"),
            })?;
        }
        w.commit()?;
        drop(store);
        crate::exports::remove_leftovers(ctx, &files, &dossiers);
        tracing::info!(count = expired.len(), days, "retention purge");
    }
    Ok(PurgeReport {
        retention_days: days,
        citizens: expired.len() as u32,
        dossiers: finished.len() as u32,
        drafts: abandoned.len() as u32,
        visit_notes: visit_notes as u32,
        dry_run,
    })
}

/// Runs the purge when it has not run for a day (or never): at the app's
/// start and then from its background loop. `None` when it was not due.
pub fn purge_if_due(ctx: &Ctx) -> Result<Option<PurgeReport>> {
    let now = ctx.now();
    let last = ctx
        .store()?
        .settings()
        .get(SettingKey::RetentionPurgedAt)?
        .and_then(|t| time::OffsetDateTime::parse(&t, &Rfc3339).ok());
    // A clock set back far leaves `last` in the future: run then too.
    if last.is_some_and(|l| l <= now && now - l < Duration::days(1)) {
        return Ok(None);
    }
    let report = purge(ctx, false)?;
    crate::sync::sweep_handoff_files(ctx, std::time::Duration::from_secs(24 * 3600));
    let mut store = ctx.store()?;
    let w = store.write()?;
    let mut tx = w.settings();
    tx.set(SettingKey::RetentionPurgedAt, &stamp(now))?;
    w.commit()?;
    Ok(Some(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;

    #[test]
    fn purge_removes_only_citizens_past_retention_and_dry_run_changes_nothing()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let mut opts = CtxOptions::for_tests(dir.path());
        opts.clock = crate::clock::fixed(time::macros::datetime!(2026-11-25 03:00 UTC));
        let ctx = Ctx::open(opts)?;
        crate::demo::demo_seed(&ctx, 60, 11)?;
        let before = crate::citizen_list(&ctx)?;
        let cutoff = "2026-10-26T03:00:00Z";
        let recent = before
            .iter()
            .filter(|c| {
                c.created_at.as_str() >= cutoff
                    || c.visits.iter().any(|v| v.started_at.as_str() >= cutoff)
            })
            .count();
        assert!(
            recent > 0 && recent < before.len(),
            "the seed should straddle the cutoff"
        );

        let dry = purge(&ctx, true)?;
        assert_eq!(dry.citizens as usize, before.len() - recent);
        assert_eq!(crate::citizen_list(&ctx)?.len(), before.len());

        let done = purge(&ctx, false)?;
        assert_eq!(done.citizens, dry.citizens);
        assert_eq!(crate::citizen_list(&ctx)?.len(), recent);
        assert_eq!(purge(&ctx, true)?.citizens, 0);
        assert!(crate::audit_verify(&ctx)?.intact);

        assert!(set_retention_days(&ctx, 0).is_err());
        set_retention_days(&ctx, 1)?;
        assert_eq!(retention_days(&ctx)?, 1);
        Ok(())
    }

    #[test]
    fn abandoned_drafts_and_old_visit_notes_go_and_the_purge_runs_by_itself_daily()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        use crate::dto::{VisitStart, VisitUpdate};
        let dir = tempfile::tempdir()?;
        let at = |t| {
            let mut opts = CtxOptions::for_tests(dir.path());
            opts.clock = crate::clock::fixed(t);
            Ctx::open(opts)
        };
        let early = time::macros::datetime!(2026-09-01 03:00 UTC);
        let (draft, visit) = {
            let ctx = at(early)?;
            let draft = crate::dossier::test_draft(&ctx)?;
            let visit = crate::visit_start(
                &ctx,
                VisitStart {
                    operator: "An".into(),
                    place_commune: None,
                },
            )?;
            crate::visit_update(
                &ctx,
                VisitUpdate {
                    id: visit.id,
                    vneid_outcome: crate::dto::VneidOutcome::Blocked,
                    vneid_note: Some("bà Lan, con gái ở Hà Nội giữ điện thoại".into()),
                    portal_outcome: crate::dto::PortalOutcome::NotAttempted,
                    portal_note: None,
                    guide_progress: "{}".into(),
                },
            )?;
            // A recent run happened back then: not due again the same day.
            assert!(purge_if_due(&ctx)?.is_some());
            assert!(purge_if_due(&ctx)?.is_none());
            (draft, visit.id)
        };
        let ctx = at(early + Duration::days(31))?;
        let report = purge_if_due(&ctx)?.ok_or("due after a day")?;
        assert_eq!((report.drafts, report.visit_notes), (1, 1));
        let store = ctx.store()?;
        assert!(store.dossiers().get(&draft)?.is_none());
        let row = store.visits().get(visit)?.ok_or("the visit stays")?;
        assert_eq!(row.vneid_note, None);
        assert_eq!(
            row.vneid_outcome,
            gocua_core::visit::VneidOutcome::Blocked,
            "the outcome stays for reports"
        );
        drop(store);
        assert!(purge_if_due(&ctx)?.is_none());
        Ok(())
    }
}
