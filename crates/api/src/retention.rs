//! Retention: citizens' data is kept for a limited time after their last
//! visit (default 30 days, the `retention_days` setting) and then purged —
//! the profile and consents go, visits stay as anonymous counts for reports.
//! When dossiers arrive, an open dossier will hold its citizen back.

use gocua_store::{AuditEntry, SettingKey};
use time::Duration;

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
    let mut tx = store.settings_mut()?;
    tx.set(SettingKey::RetentionDays, &days.to_string())?;
    Ok(tx.commit()?)
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
    if !dry_run && !finished.is_empty() {
        let operator = crate::citizen::operator_name_in(&store)?;
        let mut tx = store.dossiers_mut()?;
        for id in &finished {
            tx.delete(id)?;
            tx.audit(&AuditEntry {
                at: &at,
                operator: &operator,
                action: "dossier.purge",
                subject: &format!("dossier:{id}"),
            })?;
        }
        tx.commit()?;
    }
    if !dry_run && !expired.is_empty() {
        let operator = crate::citizen::operator_name_in(&store)?;
        let mut tx = store.citizens_mut()?;
        for id in &expired {
            tx.erase(*id)?;
            tx.audit(&AuditEntry {
                at: &at,
                operator: &operator,
                action: "citizen.purge",
                subject: &format!("citizen:{id}"),
            })?;
        }
        tx.commit()?;
        tracing::info!(count = expired.len(), days, "retention purge");
    }
    Ok(PurgeReport {
        retention_days: days,
        citizens: expired.len() as u32,
        dossiers: finished.len() as u32,
        dry_run,
    })
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
}
