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

/// A date as civil records may hold it: the year, the month and year, or
/// the whole date. Older citizens' birth years are often all that is on
/// record (the deceased's on a death registration, a parent's on a birth
/// registration), and the official forms accept them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// Only the year: `1950`.
    Year(u16),
    /// Month and year: `03/1950`.
    Month(u16, u8),
    /// The whole date.
    Day(Date),
}

impl PartialDate {
    /// The year, `m/yyyy` or a whole date as [`Date::new`] accepts it.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        match (month, day) {
            (None, None) => (1800..3000)
                .contains(&year)
                .then_some(PartialDate::Year(year)),
            (Some(m), None) => ((1800..3000).contains(&year) && (1..=12).contains(&m))
                .then_some(PartialDate::Month(year, m)),
            (Some(m), Some(d)) => Date::new(year, m, d).map(PartialDate::Day),
            (None, Some(_)) => None,
        }
    }

    /// The year, whatever else is known.
    pub fn year(self) -> u16 {
        match self {
            PartialDate::Year(y) | PartialDate::Month(y, _) => y,
            PartialDate::Day(d) => d.year,
        }
    }

    /// Parses `ddmmyyyy` as a card's QR writes it, where civil records do
    /// not know the day (`00mmyyyy`) or the day and month (`0000yyyy`).
    pub fn from_ddmmyyyy(s: &str) -> Option<PartialDate> {
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: u16 = s[4..8].parse().ok()?;
        match (&s[0..2], &s[2..4]) {
            ("00", "00") => PartialDate::new(year, None, None),
            ("00", m) => PartialDate::new(year, Some(m.parse().ok()?), None),
            _ => Date::from_ddmmyyyy(s).map(PartialDate::Day),
        }
    }

    /// Parses the stored form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ISO 8601
    /// with the precision that is known).
    pub fn from_iso(s: &str) -> Option<PartialDate> {
        let digits = |p: &str, n: usize| {
            (p.len() == n && p.bytes().all(|c| c.is_ascii_digit()))
                .then(|| p.parse::<u16>().ok())
                .flatten()
        };
        match s.len() {
            4 => PartialDate::new(digits(s, 4)?, None, None),
            7 => {
                let (y, m) = s.split_once('-')?;
                PartialDate::new(digits(y, 4)?, Some(u8::try_from(digits(m, 2)?).ok()?), None)
            }
            _ => Date::from_iso(s).map(PartialDate::Day),
        }
    }

    /// The stored form: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        match self {
            PartialDate::Year(y) => format!("{y:04}"),
            PartialDate::Month(y, m) => format!("{y:04}-{m:02}"),
            PartialDate::Day(d) => d.to_string(),
        }
    }

    /// The first day it may be.
    pub fn earliest(self) -> Date {
        match self {
            PartialDate::Year(y) => Date {
                year: y,
                month: 1,
                day: 1,
            },
            PartialDate::Month(y, m) => Date {
                year: y,
                month: m,
                day: 1,
            },
            PartialDate::Day(d) => d,
        }
    }

    /// The last day it may be.
    pub fn latest(self) -> Date {
        match self {
            PartialDate::Year(y) => Date {
                year: y,
                month: 12,
                day: 31,
            },
            PartialDate::Month(y, m) => Date {
                year: y,
                month: m,
                day: Date::days_in_month(y, m),
            },
            PartialDate::Day(d) => d,
        }
    }
}

impl fmt::Display for PartialDate {
    /// As Vietnamese forms print it: `1950`, `03/1950`, `15/03/1950`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::Month(y, m) => write!(f, "{m:02}/{y:04}"),
            PartialDate::Day(d) => write!(f, "{:02}/{:02}/{:04}", d.day, d.month, d.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_span_their_days() {
        let y = PartialDate::new(1950, None, None).unwrap();
        assert_eq!(
            (y.earliest().to_string(), y.latest().to_string()),
            ("1950-01-01".into(), "1950-12-31".into())
        );
        let m = PartialDate::new(2024, Some(2), None).unwrap();
        assert_eq!(m.latest().to_string(), "2024-02-29");
        assert_eq!(m.to_string(), "02/2024");
        assert_eq!(PartialDate::new(1950, Some(13), None), None);
        assert_eq!(PartialDate::new(1950, None, Some(1)), None);
        assert_eq!(PartialDate::new(1799, None, None), None);
    }

    #[test]
    fn partial_dates_read_as_cards_and_the_store_write_them() {
        let from_card = |s: &str| PartialDate::from_ddmmyyyy(s).map(|d| d.iso());
        assert_eq!(from_card("00001950"), Some("1950".into()));
        assert_eq!(from_card("00031950"), Some("1950-03".into()));
        assert_eq!(from_card("15031950"), Some("1950-03-15".into()));
        assert_eq!(from_card("00131950"), None);
        assert_eq!(from_card("31021950"), None);
        assert_eq!(from_card("1503195"), None);
        for s in ["1950", "1950-03", "1950-03-15"] {
            assert_eq!(PartialDate::from_iso(s).map(|d| d.iso()), Some(s.into()));
        }
        for s in [
            "195",
            "1950-3",
            "1950-13",
            "1950-02-30",
            "x950",
            "1950-0a",
            "",
        ] {
            assert_eq!(PartialDate::from_iso(s), None, "{s}");
        }
        assert_eq!(
            PartialDate::from_iso("1950-03").map(|d| d.year()),
            Some(1950)
        );
    }

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

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        fn arb_partial() -> impl Strategy<Value = PartialDate> {
            (1800u16..3000, 0u8..=12, 0u8..=31).prop_filter_map("a real date", |(y, m, d)| {
                match (m, d) {
                    (0, _) => PartialDate::new(y, None, None),
                    (m, 0) => PartialDate::new(y, Some(m), None),
                    (m, d) => PartialDate::new(y, Some(m), Some(d)),
                }
            })
        }

        proptest! {
            #[test]
            fn the_stored_form_reads_back(d in arb_partial()) {
                prop_assert_eq!(PartialDate::from_iso(&d.iso()), Some(d));
                prop_assert!(d.earliest() <= d.latest());
            }

            #[test]
            fn card_dates_never_panic_and_stay_in_their_year(s in "[0-9]{8}|\\PC{0,10}") {
                if let Some(d) = PartialDate::from_ddmmyyyy(&s) {
                    prop_assert_eq!(u32::from(d.year()), s[4..8].parse::<u32>().unwrap_or(0));
                }
                let _ = PartialDate::from_iso(&s);
            }
        }
    }
}
