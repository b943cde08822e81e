//! The one background schedule of a laptop: the portal pass, the hub pass
//! and the housekeeping (the retention purge the consent text promises and
//! the sweep of hand-off files), run by the desktop app and by the headless
//! `gocua sync` daemon alike, so a laptop that only ever runs headless still
//! purges and still reports to its hub.
//!
//! The schedule decides *when*; what each job does is handed in ([`Jobs`]):
//! the command surface runs its passes (with its operator, its catalogue
//! check, its kiosk rule) and logs their outcomes. The passes themselves
//! share one lock per data folder ([`crate::lock`]).

use std::future::Future;
use std::time::{Duration, Instant};

/// What the schedule runs.
pub trait Jobs: Send + Sync {
    /// Nothing may leave the laptop now (a kiosk in use): the passes wait,
    /// the housekeeping does not.
    fn paused(&self) -> bool;

    /// One portal pass; returns when the outbox's next operation falls due
    /// (`None`: nothing is waiting).
    fn portal(&self) -> impl Future<Output = Option<Duration>> + Send;

    /// How often the hub wants a pass now (`None`: no hub joined, or this
    /// laptop was revoked).
    fn hub_every(&self) -> Option<Duration>;

    /// One hub pass.
    fn hub(&self) -> impl Future<Output = ()> + Send;

    /// The retention purge (when a day has passed since the last) and the
    /// sweep of old hand-off files.
    fn housekeeping(&self);
}

/// How often each job runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The longest wait between two portal passes (sooner when an operation
    /// falls due).
    pub portal_every: Duration,
    /// How often the housekeeping is looked at (it runs itself only when due).
    pub housekeeping_every: Duration,
    /// The shortest wait between two rounds.
    pub min_wait: Duration,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            portal_every: Duration::from_secs(15),
            housekeeping_every: Duration::from_secs(3600),
            min_wait: Duration::from_millis(500),
        }
    }
}

/// When each job last ran.
#[derive(Debug, Default, Clone)]
pub struct Timers {
    portal_due: Option<Instant>,
    hub_last: Option<Instant>,
    housekeeping_last: Option<Instant>,
}

fn due(last: Option<Instant>, every: Duration, now: Instant) -> bool {
    last.is_none_or(|l| now.saturating_duration_since(l) >= every)
}

/// One round at `now`: runs what is due, and says how long to wait before
/// the next round.
pub async fn round(
    jobs: &impl Jobs,
    schedule: &Schedule,
    timers: &mut Timers,
    now: Instant,
) -> Duration {
    if due(timers.housekeeping_last, schedule.housekeeping_every, now) {
        jobs.housekeeping();
        timers.housekeeping_last = Some(now);
    }
    let mut wait = schedule.portal_every;
    if !jobs.paused() {
        if timers.portal_due.is_none_or(|d| now >= d) {
            let next = jobs.portal().await.unwrap_or(schedule.portal_every);
            let next = next.clamp(schedule.min_wait, schedule.portal_every);
            timers.portal_due = Some(now + next);
        }
        if let Some(every) = jobs.hub_every()
            && due(timers.hub_last, every, now)
        {
            jobs.hub().await;
            timers.hub_last = Some(now);
        }
        if let Some(d) = timers.portal_due {
            wait = wait.min(d.saturating_duration_since(now));
        }
    }
    wait.max(schedule.min_wait)
}

/// Runs the schedule for as long as the process lives.
pub async fn run(jobs: &impl Jobs, schedule: Schedule) {
    let mut timers = Timers::default();
    loop {
        let wait = round(jobs, &schedule, &mut timers, Instant::now()).await;
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Counting {
        paused: bool,
        hub: Option<Duration>,
        next_due: Option<Duration>,
        ran: Mutex<Vec<&'static str>>,
    }

    impl Counting {
        fn ran(&self) -> Vec<&'static str> {
            self.ran
                .lock()
                .map(|mut r| std::mem::take(&mut *r))
                .unwrap_or_default()
        }
        fn note(&self, what: &'static str) {
            if let Ok(mut r) = self.ran.lock() {
                r.push(what);
            }
        }
    }

    impl Jobs for Counting {
        fn paused(&self) -> bool {
            self.paused
        }
        async fn portal(&self) -> Option<Duration> {
            self.note("portal");
            self.next_due
        }
        fn hub_every(&self) -> Option<Duration> {
            self.hub
        }
        async fn hub(&self) {
            self.note("hub");
        }
        fn housekeeping(&self) {
            self.note("housekeeping");
        }
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[tokio::test]
    async fn each_job_runs_when_due_and_not_before() {
        let jobs = Counting {
            hub: Some(secs(60)),
            ..Counting::default()
        };
        let schedule = Schedule::default();
        let mut timers = Timers::default();
        let t0 = Instant::now();
        let wait = round(&jobs, &schedule, &mut timers, t0).await;
        assert_eq!(jobs.ran(), ["housekeeping", "portal", "hub"]);
        assert_eq!(wait, secs(15));
        assert!(round(&jobs, &schedule, &mut timers, t0 + secs(5)).await <= secs(10));
        assert_eq!(jobs.ran(), Vec::<&str>::new(), "nothing is due after 5 s");
        round(&jobs, &schedule, &mut timers, t0 + secs(15)).await;
        assert_eq!(jobs.ran(), ["portal"]);
        round(&jobs, &schedule, &mut timers, t0 + secs(61)).await;
        assert_eq!(jobs.ran(), ["portal", "hub"]);
        round(&jobs, &schedule, &mut timers, t0 + secs(3600)).await;
        assert_eq!(jobs.ran(), ["housekeeping", "portal", "hub"]);
    }

    #[tokio::test]
    async fn an_operation_falling_due_brings_the_portal_pass_forward() {
        let jobs = Counting {
            next_due: Some(secs(2)),
            ..Counting::default()
        };
        let mut timers = Timers::default();
        let t0 = Instant::now();
        let wait = round(&jobs, &Schedule::default(), &mut timers, t0).await;
        assert_eq!(wait, secs(2));
        round(&jobs, &Schedule::default(), &mut timers, t0 + secs(2)).await;
        assert_eq!(jobs.ran(), ["housekeeping", "portal", "portal"]);
    }

    #[tokio::test]
    async fn a_kiosk_sends_nothing_but_still_purges() {
        let jobs = Counting {
            paused: true,
            hub: Some(secs(60)),
            ..Counting::default()
        };
        let mut timers = Timers::default();
        round(&jobs, &Schedule::default(), &mut timers, Instant::now()).await;
        assert_eq!(jobs.ran(), ["housekeeping"]);
    }
}
