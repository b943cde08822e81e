//! The team's report: what the province asks for each month, computed from
//! visits and dossiers. Pure: the records are read by gocua-store, the
//! period is given, nothing here knows about time zones or SQL.
//!
//! Definitions (also printed on the exported report):
//! - *citizens served*: distinct registered citizens with a visit in the
//!   period, plus each visit of a person who did not consent to be stored;
//! - *online rate*: dossiers that reached the portal ÷ dossiers started;
//! - *fees online*: the catalogue's online amount of each dossier that
//!   reached the portal, where that amount is known (payments themselves are
//!   not recorded by the app);
//! - *minutes per dossier*: the length of the visits in which dossiers were
//!   started ÷ those dossiers;
//! - *citizens per volunteer per day*: people served by one volunteer on one
//!   day, averaged over the (volunteer, day) pairs with visits.

use std::collections::{BTreeMap, BTreeSet};

use crate::date::Date;
use crate::dossier::DossierState;
use crate::visit::{PortalOutcome, VneidOutcome};

/// One visit, as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    /// The registered citizen, if they consented to be stored.
    pub citizen: Option<i64>,
    /// The volunteer.
    pub operator: String,
    /// Where (2025 commune code).
    pub commune: Option<String>,
    /// The day it started, in Vietnam.
    pub day: Date,
    /// Its length, once ended.
    pub minutes: Option<u32>,
    /// VNeID outcome.
    pub vneid: VneidOutcome,
    /// Portal-login outcome.
    pub portal: PortalOutcome,
    /// Rating 1–5.
    pub rating: Option<u8>,
    /// Dossiers started in it.
    pub dossiers: u32,
}

/// One dossier, as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRecord {
    /// Procedure code.
    pub procedure_code: String,
    /// Procedure name.
    pub procedure_name: String,
    /// Its state now.
    pub state: DossierState,
    /// The day it was started, in Vietnam.
    pub day: Date,
    /// Who started it.
    pub operator: String,
    /// The commune of the visit it was started in.
    pub commune: Option<String>,
    /// The catalogue's online fee for the procedure, when known.
    pub online_fee: Option<u64>,
}

/// Counts per procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureRow {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Dossiers started.
    pub dossiers: u32,
    /// Of which reached the portal.
    pub online: u32,
}

/// Counts per day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRow {
    /// The day.
    pub day: Date,
    /// Visits.
    pub visits: u32,
    /// Dossiers started.
    pub dossiers: u32,
}

/// Counts per volunteer or per commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    /// Volunteer name or commune code.
    pub key: String,
    /// Visits.
    pub visits: u32,
    /// Citizens served (same definition as the total).
    pub citizens: u32,
    /// Dossiers started.
    pub dossiers: u32,
    /// VNeID accounts helped (level 1 or 2).
    pub vneid: u32,
}

/// The report of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// First day.
    pub from: Date,
    /// Last day (inclusive).
    pub to: Date,
    /// Visits.
    pub visits: u32,
    /// Citizens served.
    pub citizens_served: u32,
    /// VNeID level 1 accounts helped.
    pub vneid_level1: u32,
    /// VNeID level 2 set up.
    pub vneid_level2: u32,
    /// VNeID help blocked.
    pub vneid_blocked: u32,
    /// Portal logins set up (logged in, or an old account linked).
    pub portal_logins: u32,
    /// Dossiers started.
    pub dossiers: u32,
    /// Dossiers that reached the portal.
    pub dossiers_online: u32,
    /// `dossiers_online / dossiers` in percent.
    pub online_rate: Option<f64>,
    /// Sum of known online fees of the dossiers that reached the portal.
    pub fees_online: u64,
    /// Dossiers that reached the portal with an unknown online fee.
    pub fees_unknown: u32,
    /// Ratings 1–5: how many of each.
    pub ratings: [u32; 5],
    /// Share of ratings 4 and 5, in percent.
    pub satisfied_rate: Option<f64>,
    /// Average rating.
    pub average_rating: Option<f64>,
    /// Minutes per dossier.
    pub minutes_per_dossier: Option<f64>,
    /// Citizens per volunteer per day.
    pub citizens_per_volunteer_day: Option<f64>,
    /// Dossiers per procedure, most first.
    pub by_procedure: Vec<ProcedureRow>,
    /// Dossiers per state, in state order.
    pub by_state: Vec<(DossierState, u32)>,
    /// Every day of the period.
    pub by_day: Vec<DayRow>,
    /// Per volunteer, by name.
    pub by_volunteer: Vec<GroupRow>,
    /// Per commune, by code (`""` when the visit had no place).
    pub by_commune: Vec<GroupRow>,
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// People served by `visits`: distinct registered citizens plus each
/// anonymous visit.
fn people<'a>(visits: impl Iterator<Item = &'a VisitRecord>) -> u32 {
    let mut known = BTreeSet::new();
    let mut anonymous = 0u32;
    for v in visits {
        match v.citizen {
            Some(c) => {
                known.insert(c);
            }
            None => anonymous += 1,
        }
    }
    known.len() as u32 + anonymous
}

fn state_order(s: &DossierState) -> u8 {
    match s {
        DossierState::Draft => 0,
        DossierState::Ready => 1,
        DossierState::Queued => 2,
        DossierState::Sending => 3,
        DossierState::SupplementDraft => 4,
        DossierState::HandingOver => 5,
        DossierState::Portal(p) => 10 + p.code(),
    }
}

/// Per-key counts in one pass over the records (a commune view has
/// thousands of keys; comparing every key with every record would not do).
fn groups(
    visits: &[&VisitRecord],
    dossiers: &[&DossierRecord],
    visit_key: impl Fn(&VisitRecord) -> String,
    dossier_key: impl Fn(&DossierRecord) -> String,
) -> Vec<GroupRow> {
    #[derive(Default)]
    struct Acc {
        visits: u32,
        known: BTreeSet<i64>,
        anonymous: u32,
        dossiers: u32,
        vneid: u32,
    }
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for v in visits {
        let a = acc.entry(visit_key(v)).or_default();
        a.visits += 1;
        match v.citizen {
            Some(c) => {
                a.known.insert(c);
            }
            None => a.anonymous += 1,
        }
        if matches!(v.vneid, VneidOutcome::Level1 | VneidOutcome::Level2) {
            a.vneid += 1;
        }
    }
    for d in dossiers {
        acc.entry(dossier_key(d)).or_default().dossiers += 1;
    }
    acc.into_iter()
        .map(|(key, a)| GroupRow {
            key,
            visits: a.visits,
            citizens: a.known.len() as u32 + a.anonymous,
            dossiers: a.dossiers,
            vneid: a.vneid,
        })
        .collect()
}

/// Computes the report of `from..=to` from the records (records outside the
/// period are ignored, so callers may pass a superset).
pub fn compute(from: Date, to: Date, visits: &[VisitRecord], dossiers: &[DossierRecord]) -> Report {
    let visits: Vec<&VisitRecord> = visits
        .iter()
        .filter(|v| v.day >= from && v.day <= to)
        .collect();
    let dossiers: Vec<&DossierRecord> = dossiers
        .iter()
        .filter(|d| d.day >= from && d.day <= to)
        .collect();

    let count = |f: &dyn Fn(&VisitRecord) -> bool| visits.iter().filter(|v| f(v)).count() as u32;
    let mut ratings = [0u32; 5];
    for r in visits.iter().filter_map(|v| v.rating) {
        if (1..=5).contains(&r) {
            ratings[usize::from(r - 1)] += 1;
        }
    }
    let rated: u32 = ratings.iter().sum();
    let weighted: u32 = ratings
        .iter()
        .enumerate()
        .map(|(i, n)| (i as u32 + 1) * n)
        .sum();

    let online: Vec<&&DossierRecord> = dossiers
        .iter()
        .filter(|d| matches!(d.state, DossierState::Portal(_)))
        .collect();

    let (mut minutes, mut in_visits) = (0u32, 0u32);
    for v in visits.iter().filter(|v| v.dossiers > 0) {
        if let Some(m) = v.minutes {
            minutes += m;
            in_visits += v.dossiers;
        }
    }

    let mut per_pair: BTreeMap<(String, Date), Vec<&VisitRecord>> = BTreeMap::new();
    for v in &visits {
        per_pair
            .entry((v.operator.clone(), v.day))
            .or_default()
            .push(v);
    }
    let pair_people: Vec<u32> = per_pair
        .values()
        .map(|vs| people(vs.iter().copied()))
        .collect();

    let mut by_procedure: BTreeMap<String, ProcedureRow> = BTreeMap::new();
    for d in &dossiers {
        let row = by_procedure
            .entry(d.procedure_code.clone())
            .or_insert_with(|| ProcedureRow {
                code: d.procedure_code.clone(),
                name: d.procedure_name.clone(),
                dossiers: 0,
                online: 0,
            });
        row.dossiers += 1;
        if matches!(d.state, DossierState::Portal(_)) {
            row.online += 1;
        }
    }
    let mut by_procedure: Vec<ProcedureRow> = by_procedure.into_values().collect();
    by_procedure.sort_by(|a, b| {
        b.dossiers
            .cmp(&a.dossiers)
            .then_with(|| a.code.cmp(&b.code))
    });

    let mut by_state: BTreeMap<u8, (DossierState, u32)> = BTreeMap::new();
    for d in &dossiers {
        by_state
            .entry(state_order(&d.state))
            .or_insert((d.state, 0))
            .1 += 1;
    }

    let mut per_day: BTreeMap<Date, (u32, u32)> = BTreeMap::new();
    for v in &visits {
        per_day.entry(v.day).or_default().0 += 1;
    }
    for d in &dossiers {
        per_day.entry(d.day).or_default().1 += 1;
    }
    let mut by_day = Vec::new();
    let mut day = Some(from);
    while let Some(d) = day.filter(|d| *d <= to) {
        let (visits, dossiers) = per_day.get(&d).copied().unwrap_or_default();
        by_day.push(DayRow {
            day: d,
            visits,
            dossiers,
        });
        day = d.next_day();
    }

    Report {
        from,
        to,
        visits: visits.len() as u32,
        citizens_served: people(visits.iter().copied()),
        vneid_level1: count(&|v| v.vneid == VneidOutcome::Level1),
        vneid_level2: count(&|v| v.vneid == VneidOutcome::Level2),
        vneid_blocked: count(&|v| v.vneid == VneidOutcome::Blocked),
        portal_logins: count(&|v| {
            matches!(
                v.portal,
                PortalOutcome::LoggedIn | PortalOutcome::LinkedOldAccount
            )
        }),
        dossiers: dossiers.len() as u32,
        dossiers_online: online.len() as u32,
        online_rate: percent(online.len() as u32, dossiers.len() as u32),
        fees_online: online.iter().filter_map(|d| d.online_fee).sum(),
        fees_unknown: online.iter().filter(|d| d.online_fee.is_none()).count() as u32,
        ratings,
        satisfied_rate: percent(ratings[3] + ratings[4], rated),
        average_rating: (rated > 0).then(|| f64::from(weighted) / f64::from(rated)),
        minutes_per_dossier: (in_visits > 0).then(|| f64::from(minutes) / f64::from(in_visits)),
        citizens_per_volunteer_day: (!pair_people.is_empty())
            .then(|| f64::from(pair_people.iter().sum::<u32>()) / pair_people.len() as f64),
        by_procedure,
        by_state: by_state.into_values().collect(),
        by_day,
        by_volunteer: groups(
            &visits,
            &dossiers,
            |v| v.operator.clone(),
            |d| d.operator.clone(),
        ),
        by_commune: groups(
            &visits,
            &dossiers,
            |v| v.commune.clone().unwrap_or_default(),
            |d| d.commune.clone().unwrap_or_default(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::PortalStatus;

    fn d(s: &str) -> Date {
        Date::from_iso(s).unwrap()
    }

    #[allow(clippy::too_many_arguments)]
    fn visit(
        citizen: Option<i64>,
        op: &str,
        commune: &str,
        day: &str,
        minutes: Option<u32>,
        vneid: VneidOutcome,
        portal: PortalOutcome,
        rating: Option<u8>,
        dossiers: u32,
    ) -> VisitRecord {
        VisitRecord {
            citizen,
            operator: op.into(),
            commune: Some(commune.into()),
            day: d(day),
            minutes,
            vneid,
            portal,
            rating,
            dossiers,
        }
    }

    fn dossier(
        code: &str,
        state: DossierState,
        day: &str,
        op: &str,
        commune: &str,
        fee: Option<u64>,
    ) -> DossierRecord {
        DossierRecord {
            procedure_code: code.into(),
            procedure_name: format!("Thủ tục {code}"),
            state,
            day: d(day),
            operator: op.into(),
            commune: Some(commune.into()),
            online_fee: fee,
        }
    }

    /// A small month worked out by hand (see the comments for each figure).
    #[test]
    fn a_fixture_month_gives_the_hand_computed_figures() {
        use PortalOutcome as P;
        use VneidOutcome as V;
        let visits = vec![
            // Lan, 3 Nov: citizen 1 (L1, logged in, 5★, 1 dossier, 20 min); anonymous (4★).
            visit(
                Some(1),
                "Lan",
                "00004",
                "2026-11-03",
                Some(20),
                V::Level1,
                P::LoggedIn,
                Some(5),
                1,
            ),
            visit(
                None,
                "Lan",
                "00004",
                "2026-11-03",
                Some(10),
                V::NotAttempted,
                P::NotAttempted,
                Some(4),
                0,
            ),
            // Lan, 10 Nov: citizen 1 again (L2, 2 dossiers, 40 min, 3★).
            visit(
                Some(1),
                "Lan",
                "00004",
                "2026-11-10",
                Some(40),
                V::Level2,
                P::LinkedOldAccount,
                Some(3),
                2,
            ),
            // Minh, 10 Nov: citizen 2 (blocked, no rating, 1 dossier, visit not ended).
            visit(
                Some(2),
                "Minh",
                "00007",
                "2026-11-10",
                None,
                V::Blocked,
                P::Blocked,
                None,
                1,
            ),
            // Outside the month: ignored.
            visit(
                Some(3),
                "Minh",
                "00007",
                "2026-12-01",
                Some(5),
                V::Level1,
                P::LoggedIn,
                Some(1),
                0,
            ),
        ];
        let sent = |s| DossierState::Portal(s);
        let dossiers = vec![
            dossier(
                "GC-GPLX",
                sent(PortalStatus::Received),
                "2026-11-03",
                "Lan",
                "00004",
                Some(115_000),
            ),
            dossier(
                "GC-LLTP",
                sent(PortalStatus::Returned),
                "2026-11-10",
                "Lan",
                "00004",
                None,
            ),
            dossier(
                "GC-GPLX",
                DossierState::Draft,
                "2026-11-10",
                "Lan",
                "00004",
                Some(115_000),
            ),
            dossier(
                "GC-KHAISINH",
                DossierState::Ready,
                "2026-11-10",
                "Minh",
                "00007",
                Some(0),
            ),
            dossier(
                "GC-GPLX",
                sent(PortalStatus::Received),
                "2026-10-31",
                "Lan",
                "00004",
                Some(115_000),
            ),
        ];
        let r = compute(d("2026-11-01"), d("2026-11-30"), &visits, &dossiers);
        assert_eq!(r.visits, 4);
        assert_eq!(
            r.citizens_served, 3,
            "citizens 1 and 2, and one anonymous visit"
        );
        assert_eq!((r.vneid_level1, r.vneid_level2, r.vneid_blocked), (1, 1, 1));
        assert_eq!(r.portal_logins, 2);
        assert_eq!((r.dossiers, r.dossiers_online), (4, 2));
        assert_eq!(r.online_rate, Some(50.0));
        assert_eq!((r.fees_online, r.fees_unknown), (115_000, 1));
        assert_eq!(r.ratings, [0, 0, 1, 1, 1]);
        assert_eq!(
            r.satisfied_rate.map(|x| (x * 100.0).round() / 100.0),
            Some(66.67)
        );
        assert_eq!(r.average_rating, Some(4.0));
        // Visits with dossiers and a length: 20 min (1) + 40 min (2) → 60 / 3.
        assert_eq!(r.minutes_per_dossier, Some(20.0));
        // (Lan, 3rd): 2 people; (Lan, 10th): 1; (Minh, 10th): 1 → 4 / 3.
        assert_eq!(
            r.citizens_per_volunteer_day.map(|x| (x * 1000.0).round()),
            Some(1333.0)
        );
        assert_eq!(r.by_procedure[0].code, "GC-GPLX");
        assert_eq!(
            (r.by_procedure[0].dossiers, r.by_procedure[0].online),
            (2, 1)
        );
        assert_eq!(
            r.by_state,
            vec![
                (DossierState::Draft, 1),
                (DossierState::Ready, 1),
                (sent(PortalStatus::Received), 1),
                (sent(PortalStatus::Returned), 1)
            ]
        );
        assert_eq!(r.by_day.len(), 30);
        assert_eq!((r.by_day[2].visits, r.by_day[2].dossiers), (2, 1));
        assert_eq!((r.by_day[9].visits, r.by_day[9].dossiers), (2, 3));
        let lan = &r.by_volunteer[0];
        assert_eq!(
            (
                lan.key.as_str(),
                lan.visits,
                lan.citizens,
                lan.dossiers,
                lan.vneid
            ),
            ("Lan", 3, 2, 3, 2)
        );
        let minh = &r.by_volunteer[1];
        assert_eq!(
            (minh.visits, minh.citizens, minh.dossiers, minh.vneid),
            (1, 1, 1, 0)
        );
        assert_eq!(
            r.by_commune
                .iter()
                .map(|g| g.key.as_str())
                .collect::<Vec<_>>(),
            ["00004", "00007"]
        );
    }

    #[test]
    fn an_empty_month_has_zeros_and_no_rates() {
        let r = compute(d("2026-02-01"), d("2026-02-28"), &[], &[]);
        assert_eq!((r.visits, r.citizens_served, r.dossiers), (0, 0, 0));
        assert_eq!(
            (r.online_rate, r.satisfied_rate, r.average_rating),
            (None, None, None)
        );
        assert_eq!(
            (r.minutes_per_dossier, r.citizens_per_volunteer_day),
            (None, None)
        );
        assert_eq!(r.by_day.len(), 28);
    }
}
