//! The period a dashboard view shows: a month, or (a team's view) a range
//! of days, read from the query and offered back as pickers.

use serde::Deserialize;
use time::Date;

use gocua_core::Language;

use super::html::esc;
use super::{to_core_day, tr};
use crate::facts::to_time;
use crate::{Error, Result};

#[derive(Deserialize)]
pub(super) struct MonthQuery {
    pub(super) month: Option<String>,
    /// A range of days instead of a month (team view): `YYYY-MM-DD`.
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    /// What the last roster change did.
    pub(super) roster: Option<String>,
}

/// What the dashboard shows: a month, or (a team's view) a range of days.
pub(super) struct Period {
    /// The month (`YYYY-MM`) the picker shows; the range's first month.
    pub(super) month: String,
    /// Its first and last day.
    pub(super) from: Date,
    pub(super) to: Date,
    /// A range of days rather than a month.
    pub(super) range: bool,
}

impl Period {
    /// The query that names it again (export links).
    pub(super) fn query(&self) -> String {
        if self.range {
            format!("from={}&amp;to={}", self.from, self.to)
        } else {
            format!("month={}", esc(&self.month))
        }
    }

    /// As people read it: `11/2026`, or `03/11/2026 – 20/11/2026`.
    pub(super) fn shown(&self) -> String {
        if self.range {
            format!("{} – {}", to_core_day(self.from), to_core_day(self.to))
        } else {
            format!("{:02}/{:04}", u8::from(self.from.month()), self.from.year())
        }
    }

    /// How a file names it: `2026-11`, or `2026-11-03_2026-11-20`.
    pub(super) fn label(&self) -> String {
        if self.range {
            format!("{}_{}", self.from, self.to)
        } else {
            self.month.clone()
        }
    }
}

/// The longest range of days the dashboard computes at once.
const RANGE_MAX_DAYS: i64 = 366;

pub(super) fn period_of(q: &MonthQuery) -> Result<Period> {
    let day = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(|d| {
                gocua_core::date::Date::from_iso(d)
                    .and_then(to_time)
                    .ok_or_else(|| Error::BadRequest(format!("day {d:?}")))
            })
            .transpose()
    };
    if let (Some(from), Some(to)) = (day(&q.from)?, day(&q.to)?) {
        if to < from || (to - from).whole_days() >= RANGE_MAX_DAYS {
            return Err(Error::BadRequest("range".into()));
        }
        return Ok(Period {
            month: format!("{:04}-{:02}", from.year(), u8::from(from.month())),
            from,
            to,
            range: true,
        });
    }
    let month = match q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => m.to_owned(),
        None => {
            // Vietnam's month.
            let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+7));
            format!("{:04}-{:02}", now.year(), u8::from(now.month()))
        }
    };
    let (from, to) = gocua_core::date::Date::month(&month)
        .ok_or_else(|| Error::BadRequest(format!("month {month:?}")))?;
    Ok(Period {
        month,
        from: to_time(from).ok_or_else(|| Error::BadRequest("month".into()))?,
        to: to_time(to).ok_or_else(|| Error::BadRequest("month".into()))?,
        range: false,
    })
}

pub(super) fn month_picker(lang: Language, month: &str) -> String {
    let t = tr(lang);
    format!(
        r#"<form method="get" action="/" class="month"><label for="month">{l}</label>
<input id="month" name="month" type="month" value="{m}"> <button type="submit">{b}</button></form>"#,
        l = esc(&t("hub-web-month")),
        m = esc(month),
        b = esc(&t("hub-web-show")),
    )
}

/// The team view's second picker: any range of days (up to a year).
pub(super) fn range_picker(lang: Language, p: &Period) -> String {
    let t = tr(lang);
    let (from, to) = if p.range {
        (p.from.to_string(), p.to.to_string())
    } else {
        (String::new(), String::new())
    };
    format!(
        r#"<form method="get" action="/" class="month"><label for="range-from">{f}</label>
<input id="range-from" name="from" type="date" value="{from}"> <label for="range-to">{to_l}</label>
<input id="range-to" name="to" type="date" value="{to}"> <button type="submit" data-testid="range-show">{b}</button></form>"#,
        f = esc(&t("hub-web-range-from")),
        to_l = esc(&t("hub-web-range-to")),
        b = esc(&t("hub-web-show")),
    )
}
