//! Report facts as the hub keeps them: parsed and checked from the wire,
//! and what each adds to the month's summable figures.

use gocua_core::dossier::DossierState;
use gocua_core::visit::{PortalOutcome, VneidOutcome};
use gocua_protocol::hub::{DossierFacts, Facts, VisitFacts};
use time::Date;

use crate::{Error, Result};

/// A visit, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// Citizen pseudonym (per device).
    pub citizen: Option<String>,
    /// Volunteer pseudonym (per team).
    pub operator: String,
    /// Commune code.
    pub commune: Option<String>,
    /// Day in Vietnam.
    pub day: Date,
    /// Length.
    pub minutes: Option<u32>,
    /// VNeID outcome.
    pub vneid: VneidOutcome,
    /// Portal-login outcome.
    pub portal: PortalOutcome,
    /// Rating.
    pub rating: Option<u8>,
    /// Dossiers started in it.
    pub dossiers: u32,
}

/// A dossier, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// Procedure code.
    pub procedure_code: String,
    /// Procedure name.
    pub procedure_name: String,
    /// State.
    pub state: DossierState,
    /// Day started.
    pub day: Date,
    /// Volunteer pseudonym.
    pub operator: String,
    /// Commune code.
    pub commune: Option<String>,
    /// Online fee, when known.
    pub online_fee: Option<u64>,
}

/// A record's facts: present or gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// A visit.
    Visit(Option<Visit>),
    /// A dossier.
    Dossier(Option<Dossier>),
}

impl Record {
    /// `visit` or `dossier`.
    pub fn kind(&self) -> &'static str {
        match self {
            Record::Visit(_) => "visit",
            Record::Dossier(_) => "dossier",
        }
    }
}

fn bad(what: &str, value: &str) -> Error {
    Error::BadRequest(format!("{what} {value:?} is not valid"))
}

/// `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Result<Date> {
    let d = gocua_core::date::Date::from_iso(s).ok_or_else(|| bad("day", s))?;
    to_time(d).ok_or_else(|| bad("day", s))
}

/// A core date as a `time` date.
pub fn to_time(d: gocua_core::date::Date) -> Option<Date> {
    let month = time::Month::try_from(d.month).ok()?;
    Date::from_calendar_date(i32::from(d.year), month, d.day).ok()
}

/// A `time` date as a core date.
pub fn to_core(d: Date) -> gocua_core::date::Date {
    gocua_core::date::Date {
        year: d.year() as u16,
        month: u8::from(d.month()),
        day: d.day(),
    }
}

fn short(what: &str, s: &str, max: usize) -> Result<()> {
    if s.is_empty() || s.len() > max {
        return Err(bad(what, s));
    }
    Ok(())
}

fn visit(f: &VisitFacts) -> Result<Visit> {
    short("operator", &f.operator, 64)?;
    if let Some(c) = &f.citizen {
        short("citizen", c, 64)?;
    }
    if let Some(c) = &f.commune {
        short("commune", c, 16)?;
    }
    if f.rating.is_some_and(|r| !(1..=5).contains(&r)) {
        return Err(bad("rating", &format!("{:?}", f.rating)));
    }
    Ok(Visit {
        citizen: f.citizen.clone(),
        operator: f.operator.clone(),
        commune: f.commune.clone(),
        day: parse_day(&f.day)?,
        minutes: f.minutes,
        vneid: f.vneid,
        portal: f.portal,
        rating: f.rating,
        dossiers: f.dossiers,
    })
}

fn dossier(f: &DossierFacts) -> Result<Dossier> {
    short("operator", &f.operator, 64)?;
    short("procedure_code", &f.procedure_code, 64)?;
    short("procedure_name", &f.procedure_name, 1000)?;
    if let Some(c) = &f.commune {
        short("commune", c, 16)?;
    }
    Ok(Dossier {
        procedure_code: f.procedure_code.clone(),
        procedure_name: f.procedure_name.clone(),
        state: f.state,
        day: parse_day(&f.day)?,
        operator: f.operator.clone(),
        commune: f.commune.clone(),
        online_fee: f.online_fee,
    })
}

/// Checks the facts of one event.
pub fn parse(f: &Facts) -> Result<Record> {
    Ok(match f {
        Facts::Visit(v) => Record::Visit(Some(visit(v)?)),
        Facts::Dossier(d) => Record::Dossier(Some(dossier(d)?)),
        Facts::VisitGone => Record::Visit(None),
        Facts::DossierGone => Record::Dossier(None),
    })
}

/// The first day of `d`'s month.
pub fn month_of(d: Date) -> Date {
    d.replace_day(1).unwrap_or(d)
}

/// What records add to one team-month's summable figures (negative when a
/// record's old version is taken away).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Visits.
    pub visits: i64,
    /// Visits of people not stored.
    pub anonymous: i64,
    /// VNeID level 1.
    pub vneid1: i64,
    /// VNeID level 2.
    pub vneid2: i64,
    /// VNeID blocked.
    pub vneid_blocked: i64,
    /// Portal logins set up.
    pub portal_logins: i64,
    /// Ratings 1–5.
    pub ratings: [i64; 5],
    /// Dossiers started.
    pub dossiers: i64,
    /// Of which reached the portal.
    pub online: i64,
    /// Their known online fees.
    pub fees_online: i64,
}

impl Tally {
    /// Adds (`sign` = 1) or takes away (`sign` = -1) a visit.
    pub fn visit(&mut self, v: &Visit, sign: i64) {
        self.visits += sign;
        if v.citizen.is_none() {
            self.anonymous += sign;
        }
        match v.vneid {
            VneidOutcome::Level1 => self.vneid1 += sign,
            VneidOutcome::Level2 => self.vneid2 += sign,
            VneidOutcome::Blocked => self.vneid_blocked += sign,
            _ => {}
        }
        if matches!(
            v.portal,
            PortalOutcome::LoggedIn | PortalOutcome::LinkedOldAccount
        ) {
            self.portal_logins += sign;
        }
        if let Some(r) = v.rating.filter(|r| (1..=5).contains(r)) {
            self.ratings[usize::from(r - 1)] += sign;
        }
    }

    /// Adds or takes away a dossier.
    pub fn dossier(&mut self, d: &Dossier, sign: i64) {
        self.dossiers += sign;
        if matches!(d.state, DossierState::Portal(_)) {
            self.online += sign;
            if let Some(fee) = d.online_fee {
                self.fees_online += sign * fee as i64;
            }
        }
    }

    /// True when it changes nothing.
    pub fn is_zero(&self) -> bool {
        *self == Tally::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(rating: Option<u8>, citizen: Option<&str>) -> Visit {
        Visit {
            citizen: citizen.map(str::to_owned),
            operator: "op".into(),
            commune: None,
            day: parse_day("2026-11-03").expect("day"),
            minutes: Some(12),
            vneid: VneidOutcome::Level2,
            portal: PortalOutcome::LoggedIn,
            rating,
            dossiers: 1,
        }
    }

    #[test]
    fn adding_then_taking_away_a_record_leaves_nothing() {
        let mut t = Tally::default();
        t.visit(&v(Some(5), None), 1);
        assert_eq!(t.visits, 1);
        assert_eq!(t.anonymous, 1);
        assert_eq!(t.ratings, [0, 0, 0, 0, 1]);
        t.visit(&v(Some(5), None), -1);
        assert!(t.is_zero());
    }

    #[test]
    fn a_changed_rating_moves_one_count() {
        let mut t = Tally::default();
        t.visit(&v(Some(3), Some("c")), -1);
        t.visit(&v(Some(4), Some("c")), 1);
        assert_eq!(t.ratings, [0, 0, -1, 1, 0]);
        assert_eq!(t.visits, 0);
        assert_eq!(t.vneid2, 0);
    }

    #[test]
    fn facts_that_are_not_ours_are_refused() {
        let mut f = VisitFacts {
            citizen: None,
            operator: "op".into(),
            commune: None,
            day: "2026-11-31".into(),
            minutes: None,
            vneid: VneidOutcome::Level2,
            portal: gocua_core::visit::PortalOutcome::NotAttempted,
            rating: None,
            dossiers: 0,
        };
        assert!(parse(&Facts::Visit(f.clone())).is_err(), "no 31 November");
        f.day = "2026-11-30".into();
        assert!(parse(&Facts::Visit(f.clone())).is_ok());
        // An outcome that is not ours does not even read off the wire.
        let wire = serde_json::to_string(&f)
            .unwrap_or_default()
            .replace("level2", "level3");
        assert!(serde_json::from_str::<VisitFacts>(&wire).is_err());
        f.rating = Some(6);
        assert!(parse(&Facts::Visit(f)).is_err());
    }
}
