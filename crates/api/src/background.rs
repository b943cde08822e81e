//! What runs in the background of a laptop, the same in the desktop app and
//! in the headless `gocua sync` daemon: gocua-sync's one schedule
//! ([`gocua_sync::background`]) over this surface's jobs — the portal pass
//! (with the daily catalogue check), the hub pass (when joined), and the
//! retention purge with the sweep of hand-off files. Nothing here can stop
//! the window or the daemon: failures are logged and tried again.

use std::ops::Deref;
use std::time::Duration;

use gocua_sync::background::{Jobs, Schedule};

use crate::dto::SyncReport;
use crate::{ApiError, Ctx};

/// Called with each portal pass's outcome (the daemon prints it, translated).
pub type OnPass<'a> = Box<dyn Fn(Result<&SyncReport, &ApiError>) + Send + Sync + 'a>;

/// The surface's jobs for the schedule, over a context the caller holds
/// (`Arc<Ctx>` in the window, `&Ctx` in the daemon).
pub struct AppJobs<'a, C> {
    ctx: C,
    on_pass: Option<OnPass<'a>>,
}

impl<'a, C: Deref<Target = Ctx> + Send + Sync> AppJobs<'a, C> {
    /// The jobs of `ctx`; `on_pass` hears each portal pass's report.
    pub fn new(ctx: C, on_pass: Option<OnPass<'a>>) -> Self {
        AppJobs { ctx, on_pass }
    }
}

impl<C: Deref<Target = Ctx> + Send + Sync> Jobs for AppJobs<'_, C> {
    fn paused(&self) -> bool {
        // No citizen's dossier leaves while citizens use the screen; an
        // unreadable session counts as a kiosk.
        crate::session::session_get(&self.ctx).map_or(true, |s| s.kiosk)
    }

    async fn portal(&self) -> Option<Duration> {
        let pass = crate::sync::sync_in_background(&self.ctx).await;
        match &pass {
            Ok(r) if r.sent + r.changes + r.quarantined > 0 => tracing::info!(
                sent = r.sent,
                changes = r.changes,
                quarantined = r.quarantined,
                "sync pass"
            ),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e.log_detail(), "sync pass failed"),
        }
        if let Some(f) = &self.on_pass {
            f(pass.as_ref());
        }
        crate::sync::next_due_in(&self.ctx).ok().flatten()
    }

    fn hub_every(&self) -> Option<Duration> {
        let env = crate::hub::HubEnv::new(&self.ctx).ok()?;
        gocua_sync::hub::background_every(&env.cx(&self.ctx))
            .ok()
            .flatten()
    }

    async fn hub(&self) {
        // The team hub is never in the way of the portal: its failures are
        // only logged (the status shows the last error).
        match crate::hub::hub_background(&self.ctx).await {
            Ok(Some(r)) if r.stored > 0 => tracing::info!(stored = r.stored, "team hub sync"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e.log_detail(), "team hub sync failed"),
        }
    }

    fn housekeeping(&self) {
        match crate::retention::purge_if_due(&self.ctx) {
            Ok(Some(r)) => tracing::info!(
                citizens = r.citizens,
                dossiers = r.dossiers,
                drafts = r.drafts,
                visit_notes = r.visit_notes,
                "retention purge"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e.log_detail(), "retention purge failed"),
        }
    }
}

/// The schedule from the process: a portal pass at least every
/// `GOCUA_SYNC_SECONDS` (default 15), sooner when an operation falls due.
pub fn schedule_from_env() -> Schedule {
    let mut schedule = Schedule::default();
    if let Some(s) = std::env::var("GOCUA_SYNC_SECONDS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|s| *s > 0)
    {
        schedule.portal_every = Duration::from_secs(s);
    }
    schedule
}

/// Runs the laptop's background for as long as the process lives.
pub async fn run(ctx: impl Deref<Target = Ctx> + Send + Sync, on_pass: Option<OnPass<'_>>) {
    let jobs = AppJobs::new(ctx, on_pass);
    gocua_sync::background::run(&jobs, schedule_from_env()).await;
}
