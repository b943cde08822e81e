//! Fault injection: what a village connection and an overloaded portal do
//! to requests, on demand.
//!
//! Random mode (`--fault-rate F`): each request except the health check
//! gets a fault with probability F, its kind drawn evenly from [`FaultKind::ALL`].
//! Scripted mode (tests): "the next request of step S gets fault K".

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Duration;

/// What goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultKind {
    /// The connection breaks before the request is processed.
    Refuse,
    /// The answer comes late, but within the client's patience.
    Delay,
    /// Processed, but the answer comes after the client gave up waiting.
    Timeout,
    /// 503, not processed.
    ServerError,
    /// 429 with `Retry-After`, not processed.
    TooManyRequests,
    /// Processed; the answer's body is cut in the middle.
    Truncate,
    /// Processed and committed; the connection breaks before the answer.
    DropAfterCommit,
    /// Refused for good (422), as a portal refuses a dossier it cannot take.
    /// Scripted only: not a connection fault, so never drawn at random.
    Reject,
}

impl FaultKind {
    /// Every kind.
    pub const ALL: [FaultKind; 7] = [
        FaultKind::Refuse,
        FaultKind::Delay,
        FaultKind::Timeout,
        FaultKind::ServerError,
        FaultKind::TooManyRequests,
        FaultKind::Truncate,
        FaultKind::DropAfterCommit,
    ];
}

/// The protocol steps a fault can be aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// `POST /v1/devices`.
    Register,
    /// `POST /v1/uploads`.
    UploadCreate,
    /// `HEAD /v1/uploads/{id}`.
    UploadHead,
    /// `PATCH /v1/uploads/{id}`.
    UploadPatch,
    /// `POST /v1/dossiers`.
    Submit,
    /// `GET /v1/dossiers?changed_since=`.
    Pull,
    /// `POST /v1/dossiers/{code}/supplements`.
    Supplement,
    /// Anything else (catalogue, one dossier, admin).
    Other,
}

impl Step {
    /// Every step.
    pub const ALL: [Step; 7] = [
        Step::Register,
        Step::UploadCreate,
        Step::UploadHead,
        Step::UploadPatch,
        Step::Submit,
        Step::Pull,
        Step::Supplement,
    ];

    /// The step of a request.
    pub fn of(method: &str, path: &str) -> Step {
        let p = path.trim_start_matches('/');
        match (method, p) {
            ("POST", "v1/devices") => Step::Register,
            ("POST", "v1/uploads") => Step::UploadCreate,
            ("HEAD", p) if p.starts_with("v1/uploads/") => Step::UploadHead,
            ("PATCH", p) if p.starts_with("v1/uploads/") => Step::UploadPatch,
            ("POST", "v1/dossiers") => Step::Submit,
            ("GET", "v1/dossiers") => Step::Pull,
            ("POST", p) if p.starts_with("v1/dossiers/") && p.ends_with("/supplements") => {
                Step::Supplement
            }
            _ => Step::Other,
        }
    }
}

/// Generator state, scripted faults, faults injected so far.
type Plan = (u64, VecDeque<(Step, FaultKind)>, u64);

/// The fault plan of a running portal.
#[derive(Debug)]
pub struct Faults {
    rate: f64,
    state: Mutex<Plan>,
    /// How long a `Delay` waits.
    pub delay: Duration,
    /// How long a `Timeout` waits (longer than the client's timeout).
    pub timeout: Duration,
}

impl Faults {
    /// No faults unless scripted.
    pub fn none() -> Self {
        Faults::random(0.0, 1)
    }

    /// Faults at `rate` (0–1), reproducible from `seed`.
    pub fn random(rate: f64, seed: u64) -> Self {
        Faults {
            rate: rate.clamp(0.0, 1.0),
            state: Mutex::new((seed | 1, VecDeque::new(), 0)),
            delay: Duration::from_millis(50),
            timeout: Duration::from_millis(1500),
        }
    }

    /// With other waits for `Delay` and `Timeout`.
    pub fn with_waits(mut self, delay: Duration, timeout: Duration) -> Self {
        self.delay = delay;
        self.timeout = timeout;
        self
    }

    /// The next request of `step` gets `kind` (scripted faults come first, in order).
    pub fn script(&self, step: Step, kind: FaultKind) {
        if let Ok(mut s) = self.state.lock() {
            s.1.push_back((step, kind));
        }
    }

    /// Faults injected so far.
    pub fn injected(&self) -> u64 {
        self.state.lock().map(|s| s.2).unwrap_or(0)
    }

    /// The fault for a request of `step`, if any.
    pub fn pick(&self, step: Step) -> Option<FaultKind> {
        if step == Step::Other {
            return None;
        }
        let mut s = self.state.lock().ok()?;
        if let Some(i) = s.1.iter().position(|(st, _)| *st == step) {
            let (_, kind) = s.1.remove(i)?;
            s.2 += 1;
            return Some(kind);
        }
        if self.rate <= 0.0 {
            return None;
        }
        // xorshift64*
        let mut x = s.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s.0 = x;
        let r = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
        let unit = (r >> 11) as f64 / (1u64 << 53) as f64;
        if unit >= self.rate {
            return None;
        }
        s.2 += 1;
        Some(FaultKind::ALL[(r % FaultKind::ALL.len() as u64) as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_of_requests() {
        assert_eq!(Step::of("PATCH", "/v1/uploads/abc"), Step::UploadPatch);
        assert_eq!(
            Step::of("POST", "/v1/dossiers/GC-1/supplements"),
            Step::Supplement
        );
        assert_eq!(Step::of("GET", "/v1/dossiers"), Step::Pull);
        assert_eq!(Step::of("GET", "/v1/health"), Step::Other);
    }

    #[test]
    fn the_rate_is_kept_and_scripts_come_first() {
        let f = Faults::random(0.2, 42);
        let hits = (0..10_000)
            .filter(|_| f.pick(Step::Submit).is_some())
            .count();
        assert!((1700..2300).contains(&hits), "{hits}");
        let f = Faults::none();
        f.script(Step::UploadPatch, FaultKind::Truncate);
        assert_eq!(f.pick(Step::Submit), None);
        assert_eq!(f.pick(Step::UploadPatch), Some(FaultKind::Truncate));
        assert_eq!(f.pick(Step::UploadPatch), None);
    }
}
