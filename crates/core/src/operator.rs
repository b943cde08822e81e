//! Operators (the people who use the app), their roles, PIN rules and the
//! lock-out schedule after wrong PINs.

/// What an operator may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A volunteer: helps citizens, sees the citizens they work with.
    Volunteer,
    /// A team lead: everything, plus reports, purge and operator management.
    Lead,
    /// A self-service kiosk: search, guides and a draft for oneself only.
    Kiosk,
}

use crate::spelling::UnknownValue;

spelled!(Role: UnknownValue { Volunteer = "volunteer", Lead = "lead", Kiosk = "kiosk" });

/// Why a PIN was refused when set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// Not 6 to 12 digits.
    #[error("a PIN is 6 to 12 digits")]
    Format,
    /// All the same digit, or a straight run (123456, 987654).
    #[error("a PIN must not be a repeated digit or a straight run")]
    Trivial,
}

/// Checks a new PIN: 6–12 digits, not a repeated digit or a straight run.
pub fn check_new_pin(pin: &str) -> Result<(), PinError> {
    let digits: Vec<i8> = pin.bytes().map(|b| b as i8 - b'0' as i8).collect();
    if !(6..=12).contains(&digits.len()) || digits.iter().any(|d| !(0..=9).contains(d)) {
        return Err(PinError::Format);
    }
    let steps: Vec<i8> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    if steps.iter().all(|s| *s == 0)
        || steps.iter().all(|s| *s == 1)
        || steps.iter().all(|s| *s == -1)
    {
        return Err(PinError::Trivial);
    }
    Ok(())
}

/// Free attempts before delays start.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest lock-out, in seconds.
pub const MAX_LOCKOUT_SECS: u64 = 15 * 60;

/// Seconds an operator must wait after `failures` consecutive wrong PINs:
/// none for the first three, then 30 s doubling each time, at most 15 min.
pub fn lockout_secs(failures: u32) -> u64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    (30u64 << doublings).min(MAX_LOCKOUT_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins() {
        assert_eq!(check_new_pin("482915"), Ok(()));
        assert_eq!(check_new_pin("12345"), Err(PinError::Format));
        assert_eq!(check_new_pin("12a456"), Err(PinError::Format));
        assert_eq!(check_new_pin("1234567890123"), Err(PinError::Format));
        assert_eq!(check_new_pin("111111"), Err(PinError::Trivial));
        assert_eq!(check_new_pin("123456"), Err(PinError::Trivial));
        assert_eq!(check_new_pin("987654"), Err(PinError::Trivial));
    }

    #[test]
    fn lockout_grows_and_is_capped() {
        assert_eq!((0..3).map(lockout_secs).collect::<Vec<_>>(), vec![0, 0, 0]);
        assert_eq!(lockout_secs(3), 30);
        assert_eq!(lockout_secs(4), 60);
        assert_eq!(lockout_secs(5), 120);
        assert_eq!(lockout_secs(8), 900);
        assert_eq!(lockout_secs(40), MAX_LOCKOUT_SECS);
        assert!(
            (0..50)
                .map(lockout_secs)
                .collect::<Vec<_>>()
                .windows(2)
                .all(|w| w[0] <= w[1])
        );
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(*r));
        }
    }
}
