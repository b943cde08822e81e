//! Calendar dates without time zone, as written on papers and in packs.

use std::fmt;

/// A calendar date without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month 1–12.
    pub month: u8,
    /// Day 1–31.
    pub day: u8,
}

impl Date {
    /// A date if it exists in the calendar (1800–2999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let days = Date::days_in_month(year, month);
        ((1800..3000).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// The number of days of `month` in `year` (0 for a month outside 1–12).
    pub fn days_in_month(year: u16, month: u8) -> u8 {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        }
    }

    /// The next day (None after 2999-12-31).
    pub fn next_day(self) -> Option<Date> {
        Date::new(self.year, self.month, self.day + 1)
            .or_else(|| Date::new(self.year, self.month + 1, 1))
            .or_else(|| Date::new(self.year + 1, 1, 1))
    }

    /// The first and last day of a month (`YYYY-MM`).
    pub fn month(s: &str) -> Option<(Date, Date)> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month): (u16, u8) = (y.parse().ok()?, m.parse().ok()?);
        let first = Date::new(year, month, 1)?;
        let last = Date::new(year, month, Date::days_in_month(year, month))?;
        Some((first, last))
    }

    /// Parses `ddmmyyyy` (8 digits, as on the QR code).
    pub fn from_ddmmyyyy(s: &str) -> Option<Date> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Date::new(
            s[4..8].parse().ok()?,
            s[2..4].parse().ok()?,
            s[0..2].parse().ok()?,
        )
    }

    /// Parses `YYYY-MM-DD`.
    pub fn from_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits =
            |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()));
        Date::new(
            digits(0..4)?.parse().ok()?,
            digits(5..7)?.parse().ok()?,
            digits(8..10)?.parse().ok()?,
        )
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_next_days() {
        let (a, b) = Date::month("2024-02").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        assert_eq!(Date::month("2026-13"), None);
        assert_eq!(Date::month("26-1"), None);
        let d = |s: &str| Date::from_iso(s).unwrap();
        assert_eq!(d("2026-12-31").next_day(), Some(d("2027-01-01")));
        assert_eq!(d("2026-02-28").next_day(), Some(d("2026-03-01")));
        assert_eq!(d("2026-11-25").next_day(), Some(d("2026-11-26")));
        assert_eq!(d("2999-12-31").next_day(), None);
    }
}
