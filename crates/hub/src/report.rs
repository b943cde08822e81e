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
    let (visits, dossiers) = db::team_records(&hub.pool, team, from, to).await?;
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
