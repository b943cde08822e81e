//! Time as the commands see it: injectable, so tests can fix "now".

use std::sync::Arc;

use time::{OffsetDateTime, format_description::well_known::Rfc3339};

pub use gocua_store::clock::{VIETNAM, stamp, vietnam_date};

/// A source of the current time.
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// The system clock.
pub fn system() -> Clock {
    Arc::new(OffsetDateTime::now_utc)
}

/// A clock stopped at `at` (tests).
pub fn fixed(at: OffsetDateTime) -> Clock {
    Arc::new(move || at)
}

/// A stored instant as people read it, the way every screen shows it:
/// `dd/mm/yyyy HH:MM`, Vietnam time; a plain `yyyy-mm-dd` as `dd/mm/yyyy`
/// (a date known to the month or year as `mm/yyyy` or `yyyy`); anything
/// unreadable as it is.
pub fn show_stamp(stored: &str) -> String {
    let s = stored.trim();
    if let Some(d) = gocua_core::date::PartialDate::from_iso(s) {
        return d.to_string();
    }
    match OffsetDateTime::parse(s, &Rfc3339) {
        Ok(at) => gocua_i18n::format_instant(at),
        Err(_) => stored.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_as_on_screen() {
        assert_eq!(show_stamp("2026-11-25T18:30:05.123Z"), "26/11/2026 01:30");
        assert_eq!(show_stamp("2026-12-01"), "01/12/2026");
        assert_eq!(show_stamp("1945-03"), "03/1945");
        assert_eq!(show_stamp("1945"), "1945");
        assert_eq!(show_stamp("hôm qua"), "hôm qua");
    }

    #[test]
    fn vietnam_date_crosses_midnight_before_utc() {
        let at = time::macros::datetime!(2026-11-25 18:30 UTC);
        assert_eq!(vietnam_date(at).to_string(), "2026-11-26");
        assert_eq!(stamp(at), "2026-11-25T18:30:00Z");
    }
}
