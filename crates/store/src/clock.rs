//! How instants are stored and which day they fall on in Viet Nam: one
//! spelling for every stored stamp (RFC 3339 in UTC), shared by the
//! commands, the sync passes and the report's reads.

use gocua_core::date::Date;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

/// Viet Nam's time zone (ICT, UTC+7, no daylight saving).
pub const VIETNAM: UtcOffset = time::macros::offset!(+7);

/// RFC 3339 in UTC, as stored.
pub fn stamp(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// A stored stamp read back (`None` when it is not RFC 3339).
pub fn parse_stamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

/// The calendar date in Viet Nam at `at`.
pub fn vietnam_date(at: OffsetDateTime) -> Date {
    let local = at.to_offset(VIETNAM);
    // `time` guarantees a valid calendar date; the fallback is unreachable.
    Date::new(local.year() as u16, u8::from(local.month()), local.day()).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnam_date_crosses_midnight_before_utc() {
        let at = time::macros::datetime!(2026-11-25 18:30 UTC);
        assert_eq!(vietnam_date(at).to_string(), "2026-11-26");
        assert_eq!(stamp(at), "2026-11-25T18:30:00Z");
        assert_eq!(parse_stamp("2026-11-25T18:30:00Z"), Some(at));
        assert_eq!(parse_stamp("hôm qua"), None);
    }
}
