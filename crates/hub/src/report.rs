//! A team's report on the hub: the laptops' own maths
//! (`gocua_core::report::compute`) over the team's records, so that its
//! figures are, by construction, what the laptops' reports add up to.

use std::collections::HashMap;

use gocua_core::report::{DossierRecord, Report, VisitRecord, compute};
use time::Date;
use uuid::Uuid;

use crate::facts::to_core;
use crate::{Hub, Result, db};

/// The report of a team for `from..=to`. Citizens are told apart per
/// laptop (their pseudonyms are salted per device), so one person served
/// on two laptops counts twice — as in the sum of the laptops' reports.
pub async fn team(hub: &Hub, team: Uuid, from: Date, to: Date) -> Result<Report> {
    teams(hub, &[team], from, to).await
}

/// The report of several teams together (a commune's, a province's): the
/// same definitions over all their records, so it is the sum of their
/// laptops' reports as a team's is.
pub async fn teams(hub: &Hub, teams: &[Uuid], from: Date, to: Date) -> Result<Report> {
    let (mut visits, mut dossiers) = (Vec::new(), Vec::new());
    for team in teams {
        let (v, d) = db::team_records(&hub.pool, *team, from, to).await?;
        visits.extend(v);
        dossiers.extend(d);
    }
    let mut people: HashMap<(Uuid, String), i64> = HashMap::new();
    let visits: Vec<VisitRecord> = visits
        .into_iter()
        .map(|(device, v)| {
            let citizen = v.citizen.map(|c| {
                let next = people.len() as i64 + 1;
                *people.entry((device, c)).or_insert(next)
            });
            VisitRecord {
                citizen,
                operator: v.operator,
                commune: v.commune,
                day: to_core(v.day),
                minutes: v.minutes,
                vneid: v.vneid,
                portal: v.portal,
                rating: v.rating,
                dossiers: v.dossiers,
            }
        })
        .collect();
    let dossiers: Vec<DossierRecord> = dossiers
        .into_iter()
        .map(|d| DossierRecord {
            procedure_code: d.procedure_code,
            procedure_name: d.procedure_name,
            state: d.state,
            day: to_core(d.day),
            operator: d.operator,
            commune: d.commune,
            online_fee: d.online_fee,
        })
        .collect();
    Ok(compute(to_core(from), to_core(to), &visits, &dossiers))
}

/// The report as JSON: days as `YYYY-MM-DD`, states by their codes, the
/// field names of the laptop's report.
pub fn to_json(r: &Report) -> serde_json::Value {
    use serde_json::json;
    let group = |g: &gocua_core::report::GroupRow| {
        json!({ "key": g.key, "visits": g.visits, "citizens": g.citizens,
                "dossiers": g.dossiers, "vneid": g.vneid })
    };
    json!({
        "from": r.from.to_string(),
        "to": r.to.to_string(),
        "visits": r.visits,
        "citizens_served": r.citizens_served,
        "vneid_level1": r.vneid_level1,
        "vneid_level2": r.vneid_level2,
        "vneid_blocked": r.vneid_blocked,
        "portal_logins": r.portal_logins,
        "dossiers": r.dossiers,
        "dossiers_online": r.dossiers_online,
        "online_rate": r.online_rate,
        "fees_online": r.fees_online,
        "fees_unknown": r.fees_unknown,
        "ratings": r.ratings,
        "satisfied_rate": r.satisfied_rate,
        "average_rating": r.average_rating,
        "minutes_per_dossier": r.minutes_per_dossier,
        "citizens_per_volunteer_day": r.citizens_per_volunteer_day,
        "by_procedure": r.by_procedure.iter().map(|p| json!({
            "code": p.code, "name": p.name, "dossiers": p.dossiers, "online": p.online })).collect::<Vec<_>>(),
        "by_state": r.by_state.iter().map(|(s, n)| json!({ "state": s.to_string(), "dossiers": n }))
            .collect::<Vec<_>>(),
        "by_day": r.by_day.iter().map(|d| json!({
            "day": d.day.to_string(), "visits": d.visits, "dossiers": d.dossiers })).collect::<Vec<_>>(),
        "by_volunteer": r.by_volunteer.iter().map(group).collect::<Vec<_>>(),
        "by_commune": r.by_commune.iter().map(group).collect::<Vec<_>>(),
    })
}
