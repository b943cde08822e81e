//! Storing report events: a group of batches in one transaction — the
//! records' newest revisions and the tallies that follow from them.

use std::collections::BTreeMap;

use deadpool_postgres::Pool;
use time::Date;
use uuid::Uuid;

use super::DeviceAuth;
use crate::facts::{Dossier, Record, Tally, Visit, month_of};
use crate::{Error, Result};

/// One checked event.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Idempotency key.
    pub id: Uuid,
    /// Record id on the device.
    pub record: String,
    /// Revision.
    pub rev: i64,
    /// Facts.
    pub facts: Record,
}

/// One device's batch.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Who sent it.
    pub device: DeviceAuth,
    /// Its events.
    pub events: Vec<Incoming>,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ingested {
    /// Events stored now.
    pub stored: u32,
    /// Events already stored.
    pub duplicates: u32,
}

/// Where a record lives: its device, and the device's team and province.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Owner {
    pub(super) device: Uuid,
    pub(super) team: Uuid,
    pub(super) province: String,
}

type Key = (Uuid, String);

/// Stores batches of events, exactly once each, in one transaction: the
/// records' newest revisions and the tallies. An event whose revision the
/// hub already holds (or a newer one) changes nothing and is counted as a
/// duplicate: its id is derived from (device, record, revision), so that is
/// exactly the event sent again. Several laptops' batches go in one
/// transaction (see `ingest::Ingestor`): one commit and a few statements
/// for all of them.
pub async fn ingest(pool: &Pool, batches: &[Batch]) -> Result<Vec<Ingested>> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let mut owners: BTreeMap<Uuid, Owner> = BTreeMap::new();
    let mut visit_keys: Vec<&Key> = Vec::new();
    let mut dossier_keys: Vec<&Key> = Vec::new();
    let keyed: Vec<Vec<(Key, &Incoming)>> = batches
        .iter()
        .map(|b| {
            owners.entry(b.device.id).or_insert_with(|| Owner {
                device: b.device.id,
                team: b.device.team,
                province: b.device.province.clone(),
            });
            b.events
                .iter()
                .map(|e| ((b.device.id, e.record.clone()), e))
                .collect()
        })
        .collect();
    // One transaction at a time per device, whichever writer or hub
    // instance runs it: what a batch adds to the figures is computed from
    // the records as it found them. Locks are taken in device order, so
    // that two transactions cannot wait for each other.
    let locks: Vec<i64> = owners
        .keys()
        .map(device_lock)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let lock = tx
        .prepare_cached("SELECT count(pg_advisory_xact_lock(k)) FROM unnest($1::bigint[]) AS k")
        .await?;
    tx.query_one(&lock, &[&locks]).await?;
    for (key, e) in keyed.iter().flatten() {
        match e.facts {
            Record::Visit(_) => visit_keys.push(key),
            Record::Dossier(_) => dossier_keys.push(key),
        }
    }
    let old_visits = held(&tx, Table::Visit, &visit_keys, visit_row).await?;
    let old_dossiers = held(&tx, Table::Dossier, &dossier_keys, dossier_row).await?;
    // Each event counts once, for the first batch that carried it, when it
    // is newer than what the hub holds; the newest revision of each record
    // is written.
    let mut seen: std::collections::HashSet<(&Key, i64)> = std::collections::HashSet::new();
    let mut results = Vec::with_capacity(batches.len());
    let mut visits: BTreeMap<Key, (i64, Option<Visit>)> = BTreeMap::new();
    let mut dossiers: BTreeMap<Key, (i64, Option<Dossier>)> = BTreeMap::new();
    for batch in &keyed {
        let mut done = Ingested::default();
        for (key, e) in batch {
            let held = match e.facts {
                Record::Visit(_) => old_visits.get(key).map(|o| o.0),
                Record::Dossier(_) => old_dossiers.get(key).map(|o| o.0),
            };
            if !seen.insert((key, e.rev)) || held.is_some_and(|h| h >= e.rev) {
                done.duplicates += 1;
                continue;
            }
            done.stored += 1;
            match &e.facts {
                Record::Visit(v) => keep_newest(&mut visits, key.clone(), e.rev, v.clone()),
                Record::Dossier(d) => keep_newest(&mut dossiers, key.clone(), e.rev, d.clone()),
            }
        }
        results.push(done);
    }
    let mut tallies = Tallies::default();
    if !visits.is_empty() {
        write_visits(&tx, &owners, &old_visits, visits, &mut tallies).await?;
    }
    if !dossiers.is_empty() {
        write_dossiers(&tx, &owners, &old_dossiers, dossiers, &mut tallies).await?;
    }
    write_tallies(&tx, &owners, &tallies).await?;
    tx.commit().await?;
    Ok(results)
}

/// The advisory lock that serialises the transactions touching a device's
/// records.
pub(super) fn device_lock(device: &Uuid) -> i64 {
    let (hi, lo) = device.as_u64_pair();
    (hi ^ lo) as i64
}

fn split_keys(keys: &[&Key]) -> (Vec<Uuid>, Vec<String>) {
    let mut sorted: Vec<&Key> = keys.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.into_iter().map(|(d, r)| (*d, r.clone())).unzip()
}

/// The held revisions of these records of `table` (the devices are
/// locked), each read by `row` from its fifth column on.
async fn held<T>(
    tx: &deadpool_postgres::Transaction<'_>,
    table: Table,
    keys: &[&Key],
    row: fn(&tokio_postgres::Row, usize) -> Result<T>,
) -> Result<BTreeMap<Key, (i64, Option<T>)>> {
    let mut old_by = BTreeMap::new();
    if keys.is_empty() {
        return Ok(old_by);
    }
    let (devices, records) = split_keys(keys);
    let (table, columns) = match table {
        Table::Visit => ("visit_record", VISIT_COLUMNS),
        Table::Dossier => ("dossier_record", DOSSIER_COLUMNS),
    };
    // One primary-key probe per record (LATERAL keeps the planner from
    // scanning the table to hash-join a large batch).
    let old = tx
        .prepare_cached(&format!(
            "SELECT v.device, v.record, v.rev, v.gone, {columns}
             FROM unnest($1::uuid[], $2::text[]) AS u(device, record)
             CROSS JOIN LATERAL (SELECT * FROM {table} r
                                 WHERE r.device = u.device AND r.record = u.record) v"
        ))
        .await?;
    for r in &tx.query(&old, &[&devices, &records]).await? {
        let gone: bool = r.get(3);
        let facts = if gone { None } else { Some(row(r, 4)?) };
        old_by.insert((r.get(0), r.get(1)), (r.get(2), facts));
    }
    Ok(old_by)
}

/// A visit record's facts, in the order [`visit_row`] reads them.
pub(super) const VISIT_COLUMNS: &str =
    "citizen, operator, commune, day, minutes, vneid, portal, rating, dossiers";
/// A dossier record's facts, in the order [`dossier_row`] reads them.
pub(super) const DOSSIER_COLUMNS: &str =
    "procedure_code, procedure_name, state, day, operator, commune, online_fee";

/// The two record tables.
#[derive(Clone, Copy)]
enum Table {
    Visit,
    Dossier,
}

fn keep_newest<T>(into: &mut BTreeMap<Key, (i64, Option<T>)>, key: Key, rev: i64, f: Option<T>) {
    match into.get(&key) {
        Some((have, _)) if *have >= rev => {}
        _ => {
            into.insert(key, (rev, f));
        }
    }
}

/// Changes to the summable figures, by (team, month).
#[derive(Default)]
pub(super) struct Tallies {
    month: BTreeMap<(Uuid, Date), Tally>,
    pub(super) known: BTreeMap<(Uuid, Date), i64>,
    by_state: BTreeMap<StateKey, i64>,
}

impl Tallies {
    /// What visit `v` adds to (`sign` 1) or takes from (-1) `team`'s month.
    pub(super) fn visit(&mut self, team: Uuid, v: &Visit, sign: i64) {
        let month = month_of(v.day);
        self.month.entry((team, month)).or_default().visit(v, sign);
    }

    /// What dossier `d` adds to or takes from `team`'s month and its
    /// procedure's and state's count.
    pub(super) fn dossier(&mut self, team: Uuid, d: &Dossier, sign: i64) {
        let month = month_of(d.day);
        self.month
            .entry((team, month))
            .or_default()
            .dossier(d, sign);
        *self
            .by_state
            .entry((team, month, d.procedure_code.clone(), d.state.to_string()))
            .or_default() += sign;
    }
}

/// (team, month, procedure code, state).
type StateKey = (Uuid, Date, String, String);

fn owner<'o>(owners: &'o BTreeMap<Uuid, Owner>, device: &Uuid) -> Result<&'o Owner> {
    owners
        .get(device)
        .ok_or_else(|| Error::Internal("a record without its device".into()))
}

async fn write_visits(
    tx: &deadpool_postgres::Transaction<'_>,
    owners: &BTreeMap<Uuid, Owner>,
    old_by: &BTreeMap<Key, (i64, Option<Visit>)>,
    visits: BTreeMap<Key, (i64, Option<Visit>)>,
    tallies: &mut Tallies,
) -> Result<()> {
    let mut cols = VisitCols::default();
    // Citizens a changed visit no longer names, and those it names now:
    // (device, month, pseudonym).
    let mut dropped: Vec<(Uuid, Date, String)> = Vec::new();
    let mut added: Vec<(Uuid, Date, String)> = Vec::new();
    for ((device, record), (rev, new)) in visits {
        let o = owner(owners, &device)?;
        let previous = old_by.get(&(device, record.clone()));
        if let Some((_, Some(old))) = previous {
            tallies.visit(o.team, old, -1);
            if let Some(c) = &old.citizen {
                dropped.push((device, month_of(old.day), c.clone()));
            }
        }
        if let Some(n) = &new {
            tallies.visit(o.team, n, 1);
            if let Some(c) = &n.citizen {
                added.push((device, month_of(n.day), c.clone()));
            }
        }
        cols.push(o, record, rev, new.as_ref());
    }
    let upsert = tx
        .prepare_cached(
            "INSERT INTO visit_record (device, team, province, record, rev, gone, citizen, operator, commune,
                                       day, minutes, vneid, portal, rating, dossiers)
             SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bool[],
                                  $7::text[], $8::text[], $9::text[], $10::date[], $11::int[], $12::text[],
                                  $13::text[], $14::smallint[], $15::int[])
             ON CONFLICT (device, record) DO UPDATE SET
                 rev = excluded.rev, gone = excluded.gone, citizen = excluded.citizen,
                 operator = excluded.operator, commune = excluded.commune, day = excluded.day,
                 minutes = excluded.minutes, vneid = excluded.vneid, portal = excluded.portal,
                 rating = excluded.rating, dossiers = excluded.dossiers",
        )
        .await?;
    tx.execute(
        &upsert,
        &[
            &cols.key.device,
            &cols.key.team,
            &cols.key.province,
            &cols.key.record,
            &cols.key.rev,
            &cols.key.gone,
            &cols.citizen,
            &cols.operator,
            &cols.commune,
            &cols.day,
            &cols.minutes,
            &cols.vneid,
            &cols.portal,
            &cols.rating,
            &cols.dossiers,
        ],
    )
    .await?;
    // Distinct citizens per device and month: a pseudonym counts once a
    // month, and stops counting when no visit of that month names it.
    if !added.is_empty() {
        added.sort();
        added.dedup();
        let teams: Vec<Uuid> = added
            .iter()
            .map(|(d, _, _)| owner(owners, d).map(|o| o.team))
            .collect::<Result<_>>()?;
        let provinces: Vec<&str> = added
            .iter()
            .map(|(d, _, _)| owner(owners, d).map(|o| o.province.as_str()))
            .collect::<Result<_>>()?;
        let (devices, months, citizens) = split3(&added);
        let insert = tx
            .prepare_cached(
                "INSERT INTO citizen_month (device, month, citizen, team, province)
                 SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::uuid[], $5::text[])
                 ON CONFLICT DO NOTHING RETURNING team, month",
            )
            .await?;
        for r in tx
            .query(&insert, &[&devices, &months, &citizens, &teams, &provinces])
            .await?
        {
            *tallies.known.entry((r.get(0), r.get(1))).or_default() += 1;
        }
    }
    if !dropped.is_empty() {
        dropped.sort();
        dropped.dedup();
        let (devices, months, citizens) = split3(&dropped);
        let delete = tx
            .prepare_cached(
                "DELETE FROM citizen_month c USING unnest($1::uuid[], $2::date[], $3::text[]) AS u(device, month, citizen)
                 WHERE c.device = u.device AND c.month = u.month AND c.citizen = u.citizen
                   AND NOT EXISTS (SELECT 1 FROM visit_record v
                                   WHERE v.device = u.device AND v.citizen = u.citizen AND NOT v.gone
                                     AND v.day >= u.month AND v.day < u.month + interval '1 month')
                 RETURNING c.team, c.month",
            )
            .await?;
        for r in tx.query(&delete, &[&devices, &months, &citizens]).await? {
            *tallies.known.entry((r.get(0), r.get(1))).or_default() -= 1;
        }
    }
    Ok(())
}

fn split3(v: &[(Uuid, Date, String)]) -> (Vec<Uuid>, Vec<Date>, Vec<&str>) {
    (
        v.iter().map(|(d, _, _)| *d).collect(),
        v.iter().map(|(_, m, _)| *m).collect(),
        v.iter().map(|(_, _, c)| c.as_str()).collect(),
    )
}

pub(super) fn visit_row(r: &tokio_postgres::Row, at: usize) -> Result<Visit> {
    let damaged = |what: &str| Error::Internal(format!("stored visit {what} is unreadable"));
    let vneid: String = r.get(at + 5);
    let portal: String = r.get(at + 6);
    let minutes: Option<i32> = r.get(at + 4);
    let rating: Option<i16> = r.get(at + 7);
    let dossiers: i32 = r.get(at + 8);
    Ok(Visit {
        citizen: r.get(at),
        operator: r.get(at + 1),
        commune: r.get(at + 2),
        day: r.get(at + 3),
        minutes: minutes.map(|m| m.max(0) as u32),
        vneid: vneid.parse().map_err(|_| damaged("vneid"))?,
        portal: portal.parse().map_err(|_| damaged("portal"))?,
        rating: rating.map(|r| r as u8),
        dossiers: dossiers.max(0) as u32,
    })
}

/// The columns every record row starts with, as arrays for `unnest`.
#[derive(Default)]
struct KeyCols {
    device: Vec<Uuid>,
    team: Vec<Uuid>,
    province: Vec<String>,
    record: Vec<String>,
    rev: Vec<i64>,
    gone: Vec<bool>,
}

impl KeyCols {
    fn push(&mut self, o: &Owner, record: String, rev: i64, gone: bool) {
        self.device.push(o.device);
        self.team.push(o.team);
        self.province.push(o.province.clone());
        self.record.push(record);
        self.rev.push(rev);
        self.gone.push(gone);
    }
}

#[derive(Default)]
struct VisitCols {
    key: KeyCols,
    citizen: Vec<Option<String>>,
    operator: Vec<Option<String>>,
    commune: Vec<Option<String>>,
    day: Vec<Option<Date>>,
    minutes: Vec<Option<i32>>,
    vneid: Vec<Option<String>>,
    portal: Vec<Option<String>>,
    rating: Vec<Option<i16>>,
    dossiers: Vec<Option<i32>>,
}

impl VisitCols {
    fn push(&mut self, o: &Owner, record: String, rev: i64, v: Option<&Visit>) {
        self.key.push(o, record, rev, v.is_none());
        self.citizen.push(v.and_then(|v| v.citizen.clone()));
        self.operator.push(v.map(|v| v.operator.clone()));
        self.commune.push(v.and_then(|v| v.commune.clone()));
        self.day.push(v.map(|v| v.day));
        self.minutes.push(
            v.and_then(|v| v.minutes)
                .map(|m| m.min(i32::MAX as u32) as i32),
        );
        self.vneid.push(v.map(|v| v.vneid.as_str().to_owned()));
        self.portal.push(v.map(|v| v.portal.as_str().to_owned()));
        self.rating.push(v.and_then(|v| v.rating).map(i16::from));
        self.dossiers
            .push(v.map(|v| v.dossiers.min(i32::MAX as u32) as i32));
    }
}

async fn write_dossiers(
    tx: &deadpool_postgres::Transaction<'_>,
    owners: &BTreeMap<Uuid, Owner>,
    old_by: &BTreeMap<Key, (i64, Option<Dossier>)>,
    dossiers: BTreeMap<Key, (i64, Option<Dossier>)>,
    tallies: &mut Tallies,
) -> Result<()> {
    let mut cols = DossierCols::default();
    for ((device, record), (rev, new)) in dossiers {
        let o = owner(owners, &device)?;
        let previous = old_by.get(&(device, record.clone()));
        if let Some((_, Some(old))) = previous {
            tallies.dossier(o.team, old, -1);
        }
        if let Some(n) = &new {
            tallies.dossier(o.team, n, 1);
        }
        cols.push(o, record, rev, new.as_ref());
    }
    let upsert = tx
        .prepare_cached(
            "INSERT INTO dossier_record (device, team, province, record, rev, gone, procedure_code,
                                         procedure_name, state, day, operator, commune, online_fee)
             SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::bool[],
                                  $7::text[], $8::text[], $9::text[], $10::date[], $11::text[], $12::text[],
                                  $13::bigint[])
             ON CONFLICT (device, record) DO UPDATE SET
                 rev = excluded.rev, gone = excluded.gone, procedure_code = excluded.procedure_code,
                 procedure_name = excluded.procedure_name, state = excluded.state, day = excluded.day,
                 operator = excluded.operator, commune = excluded.commune, online_fee = excluded.online_fee",
        )
        .await?;
    tx.execute(
        &upsert,
        &[
            &cols.key.device,
            &cols.key.team,
            &cols.key.province,
            &cols.key.record,
            &cols.key.rev,
            &cols.key.gone,
            &cols.code,
            &cols.name,
            &cols.state,
            &cols.day,
            &cols.operator,
            &cols.commune,
            &cols.fee,
        ],
    )
    .await?;
    Ok(())
}

pub(super) fn dossier_row(r: &tokio_postgres::Row, at: usize) -> Result<Dossier> {
    let state: String = r.get(at + 2);
    let fee: Option<i64> = r.get(at + 6);
    Ok(Dossier {
        procedure_code: r.get(at),
        procedure_name: r.get(at + 1),
        state: state
            .parse()
            .map_err(|_| Error::Internal("stored dossier state is unreadable".into()))?,
        day: r.get(at + 3),
        operator: r.get(at + 4),
        commune: r.get(at + 5),
        online_fee: fee.map(|f| f.max(0) as u64),
    })
}

#[derive(Default)]
struct DossierCols {
    key: KeyCols,
    code: Vec<Option<String>>,
    name: Vec<Option<String>>,
    state: Vec<Option<String>>,
    day: Vec<Option<Date>>,
    operator: Vec<Option<String>>,
    commune: Vec<Option<String>>,
    fee: Vec<Option<i64>>,
}

impl DossierCols {
    fn push(&mut self, o: &Owner, record: String, rev: i64, d: Option<&Dossier>) {
        self.key.push(o, record, rev, d.is_none());
        self.code.push(d.map(|d| d.procedure_code.clone()));
        self.name.push(d.map(|d| d.procedure_name.clone()));
        self.state.push(d.map(|d| d.state.to_string()));
        self.day.push(d.map(|d| d.day));
        self.operator.push(d.map(|d| d.operator.clone()));
        self.commune.push(d.and_then(|d| d.commune.clone()));
        self.fee.push(
            d.and_then(|d| d.online_fee)
                .map(|f| f.min(i64::MAX as u64) as i64),
        );
    }
}

pub(super) async fn write_tallies(
    tx: &deadpool_postgres::Transaction<'_>,
    owners: &BTreeMap<Uuid, Owner>,
    t: &Tallies,
) -> Result<()> {
    let province_of = |team: &Uuid| -> Result<String> {
        owners
            .values()
            .find(|o| o.team == *team)
            .map(|o| o.province.clone())
            .ok_or_else(|| Error::Internal("a tally without its team".into()))
    };
    let keys: Vec<(Uuid, Date)> = t
        .month
        .iter()
        .filter(|(_, v)| !v.is_zero())
        .map(|(k, _)| *k)
        .chain(t.known.iter().filter(|(_, n)| **n != 0).map(|(k, _)| *k))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !keys.is_empty() {
        let zero = Tally::default();
        let get = |k: &(Uuid, Date)| t.month.get(k).unwrap_or(&zero);
        let col =
            |f: &dyn Fn(&Tally) -> i64| -> Vec<i64> { keys.iter().map(|k| f(get(k))).collect() };
        let teams: Vec<Uuid> = keys.iter().map(|(team, _)| *team).collect();
        let provinces: Vec<String> = keys
            .iter()
            .map(|(team, _)| province_of(team))
            .collect::<Result<_>>()?;
        let months: Vec<Date> = keys.iter().map(|(_, m)| *m).collect();
        let known: Vec<i64> = keys
            .iter()
            .map(|k| t.known.get(k).copied().unwrap_or(0))
            .collect();
        let upsert = tx
            .prepare_cached(
                "INSERT INTO month_tally AS m (team, province, month, known, visits, anonymous, vneid1, vneid2,
                     vneid_blocked, portal_logins, rating1, rating2, rating3, rating4, rating5, dossiers, online,
                     fees_online)
                 SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[], $5::bigint[],
                     $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[],
                     $12::bigint[], $13::bigint[], $14::bigint[], $15::bigint[], $16::bigint[], $17::bigint[],
                     $18::bigint[])
                 ON CONFLICT (team, month) DO UPDATE SET
                     known = m.known + excluded.known, visits = m.visits + excluded.visits,
                     anonymous = m.anonymous + excluded.anonymous, vneid1 = m.vneid1 + excluded.vneid1,
                     vneid2 = m.vneid2 + excluded.vneid2, vneid_blocked = m.vneid_blocked + excluded.vneid_blocked,
                     portal_logins = m.portal_logins + excluded.portal_logins,
                     rating1 = m.rating1 + excluded.rating1, rating2 = m.rating2 + excluded.rating2,
                     rating3 = m.rating3 + excluded.rating3, rating4 = m.rating4 + excluded.rating4,
                     rating5 = m.rating5 + excluded.rating5, dossiers = m.dossiers + excluded.dossiers,
                     online = m.online + excluded.online, fees_online = m.fees_online + excluded.fees_online",
            )
            .await?;
        tx.execute(
            &upsert,
            &[
                &teams,
                &provinces,
                &months,
                &known,
                &col(&|t| t.visits),
                &col(&|t| t.anonymous),
                &col(&|t| t.vneid1),
                &col(&|t| t.vneid2),
                &col(&|t| t.vneid_blocked),
                &col(&|t| t.portal_logins),
                &col(&|t| t.ratings[0]),
                &col(&|t| t.ratings[1]),
                &col(&|t| t.ratings[2]),
                &col(&|t| t.ratings[3]),
                &col(&|t| t.ratings[4]),
                &col(&|t| t.dossiers),
                &col(&|t| t.online),
                &col(&|t| t.fees_online),
            ],
        )
        .await?;
    }
    let changed: Vec<(&StateKey, &i64)> = t.by_state.iter().filter(|(_, n)| **n != 0).collect();
    if !changed.is_empty() {
        let teams: Vec<Uuid> = changed.iter().map(|((team, _, _, _), _)| *team).collect();
        let provinces: Vec<String> = teams.iter().map(province_of).collect::<Result<_>>()?;
        let months: Vec<Date> = changed.iter().map(|((_, m, _, _), _)| *m).collect();
        let codes: Vec<&str> = changed.iter().map(|((_, _, c, _), _)| c.as_str()).collect();
        let states: Vec<&str> = changed.iter().map(|((_, _, _, s), _)| s.as_str()).collect();
        let n: Vec<i64> = changed.iter().map(|(_, n)| **n).collect();
        let upsert = tx
            .prepare_cached(
                "INSERT INTO dossier_tally AS t (team, province, month, procedure_code, state, n)
                 SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[], $6::bigint[])
                 ON CONFLICT (team, month, procedure_code, state) DO UPDATE SET n = t.n + excluded.n",
            )
            .await?;
        tx.execute(&upsert, &[&teams, &provinces, &months, &codes, &states, &n])
            .await?;
    }
    Ok(())
}
