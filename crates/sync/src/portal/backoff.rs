//! When to try again: exponential backoff with full jitter, honouring the
//! portal's Retry-After.

use std::time::Duration;

/// The backoff policy.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// The first ceiling.
    pub base: Duration,
    /// The largest ceiling.
    pub cap: Duration,
}

impl Backoff {
    /// For the app: 2 s doubling to 10 min.
    pub const APP: Backoff = Backoff {
        base: Duration::from_secs(2),
        cap: Duration::from_secs(600),
    };

    /// The wait before attempt number `attempt + 1` (after `attempt`
    /// failures), for a uniform `unit` in [0, 1): anywhere between zero and
    /// the ceiling (full jitter, so a village's laptops do not retry in
    /// step), but never sooner than the portal's `retry_after`.
    pub fn delay(&self, attempt: u32, unit: f64, retry_after: Option<Duration>) -> Duration {
        let ceiling = self
            .base
            .saturating_mul(1u32.checked_shl(attempt.min(30)).unwrap_or(u32::MAX))
            .min(self.cap);
        let jittered = ceiling.mul_f64(unit.clamp(0.0, 1.0));
        retry_after.map_or(jittered, |r| jittered.max(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ceilings_double_up_to_the_cap() {
        let b = Backoff {
            base: Duration::from_secs(1),
            cap: Duration::from_secs(60),
        };
        assert_eq!(b.delay(0, 0.999_999, None).as_secs(), 0);
        assert_eq!(b.delay(3, 0.5, None), Duration::from_secs(4));
        assert_eq!(b.delay(40, 1.0, None), Duration::from_secs(60));
        assert_eq!(
            b.delay(0, 0.0, Some(Duration::from_secs(7))),
            Duration::from_secs(7)
        );
    }

    proptest! {
        #[test]
        fn within_bounds(attempt in 0u32..100, unit in 0.0f64..1.0, after in proptest::option::of(0u64..100)) {
            let b = Backoff::APP;
            let d = b.delay(attempt, unit, after.map(Duration::from_secs));
            prop_assert!(d <= b.cap.max(Duration::from_secs(after.unwrap_or(0))));
            if let Some(a) = after {
                prop_assert!(d >= Duration::from_secs(a));
            }
        }
    }
}
