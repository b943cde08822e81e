//! Every SQL statement of the hub, grouped by resource, over a deadpool of
//! tokio-postgres connections. Migrations are embedded (refinery) and
//! applied on start.

use std::collections::BTreeMap;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use time::{Date, OffsetDateTime};
use tokio_postgres::NoTls;
use uuid::Uuid;

use crate::facts::{Dossier, Record, Tally, Visit, month_of};
use crate::{Error, Result};

mod embedded {
    refinery::embed_migrations!("migrations");
}

/// Opens a pool on `url` (a libpq connection string or URL) and applies
/// the migrations.
pub async fn connect(url: &str, size: usize) -> Result<Pool> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| Error::Internal(format!("DATABASE_URL: {e}")))?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        },
    );
    let pool = Pool::builder(manager)
        .max_size(size)
        .build()
        .map_err(|e| Error::Internal(e.to_string()))?;
    let mut client = pool.get().await?;
    let client: &mut tokio_postgres::Client = &mut client;
    embedded::migrations::runner()
        .run_async(client)
        .await
        .map_err(|e| Error::Internal(format!("migration: {e}")))?;
    Ok(pool)
}

/// True when the database answers.
pub async fn ping(pool: &Pool) -> bool {
    match pool.get().await {
        Ok(c) => c.simple_query("SELECT 1").await.is_ok(),
        Err(_) => false,
    }
}

// ---- province key ----

/// The province's signing key (32 secret bytes), made on first use.
pub async fn province_secret(pool: &Pool) -> Result<[u8; 32]> {
    let client = pool.get().await?;
    if let Some(row) = client
        .query_opt("SELECT secret FROM province_key WHERE id = 1", &[])
        .await?
    {
        let secret: Vec<u8> = row.get(0);
        return secret
            .try_into()
            .map_err(|_| Error::Internal("stored province key is not 32 bytes".into()));
    }
    let secret = crate::random::<32>()?;
    let public = ed25519_dalek::SigningKey::from_bytes(&secret)
        .verifying_key()
        .to_bytes();
    client
        .execute(
            "INSERT INTO province_key (id, secret, public) VALUES (1, $1, $2) ON CONFLICT DO NOTHING",
            &[&secret.as_slice(), &public.as_slice()],
        )
        .await?;
    // Another instance may have won the race: read what is stored.
    let row = client
        .query_one("SELECT secret FROM province_key WHERE id = 1", &[])
        .await?;
    let secret: Vec<u8> = row.get(0);
    secret
        .try_into()
        .map_err(|_| Error::Internal("stored province key is not 32 bytes".into()))
}

// ---- teams and enrolment ----

/// A team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Province code.
    pub province: String,
    /// Commune code.
    pub commune: Option<String>,
    /// Pseudonym salt.
    pub salt: Vec<u8>,
}

/// Creates a team.
pub async fn create_team(
    pool: &Pool,
    name: &str,
    province: &str,
    commune: Option<&str>,
) -> Result<Team> {
    let team = Team {
        id: Uuid::new_v4(),
        name: name.to_owned(),
        province: province.to_owned(),
        commune: commune.map(str::to_owned),
        salt: crate::random::<16>()?.to_vec(),
    };
    pool.get()
        .await?
        .execute(
            "INSERT INTO team (id, name, province, commune, salt) VALUES ($1, $2, $3, $4, $5)",
            &[
                &team.id,
                &team.name,
                &team.province,
                &team.commune,
                &team.salt,
            ],
        )
        .await?;
    Ok(team)
}

/// A team by id.
pub async fn team(pool: &Pool, id: Uuid) -> Result<Team> {
    let row = pool
        .get()
        .await?
        .query_opt(
            "SELECT id, name, province, commune, salt FROM team WHERE id = $1",
            &[&id],
        )
        .await?
        .ok_or_else(|| Error::NotFound(format!("team {id}")))?;
    Ok(Team {
        id: row.get(0),
        name: row.get(1),
        province: row.get(2),
        commune: row.get(3),
        salt: row.get(4),
    })
}

/// Stores a new enrolment code's secret hash, valid until `expires`.
pub async fn add_enrolment(
    pool: &Pool,
    team: Uuid,
    secret_hash: &[u8],
    expires: OffsetDateTime,
) -> Result<()> {
    pool.get()
        .await?
        .execute(
            "INSERT INTO enrolment (secret_hash, team, expires_at) VALUES ($1, $2, $3)",
            &[&secret_hash, &team, &expires],
        )
        .await?;
    Ok(())
}

/// A device registered by enrolment.
#[derive(Debug, Clone)]
pub struct NewDevice<'a> {
    /// The code's secret hash.
    pub secret_hash: &'a [u8],
    /// Its public key.
    pub public_key: &'a [u8],
    /// Its name.
    pub name: &'a str,
    /// App version.
    pub app_version: &'a str,
}

/// Uses an enrolment code once: registers the device in the code's team.
/// An unknown, used or expired code is refused.
pub async fn enrol(pool: &Pool, d: &NewDevice<'_>) -> Result<(Uuid, Team)> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let device = Uuid::new_v4();
    let row = tx
        .query_opt(
            "UPDATE enrolment SET used_at = now(), used_by = $2
             WHERE secret_hash = $1 AND used_at IS NULL AND expires_at > now()
             RETURNING team",
            &[&d.secret_hash, &device],
        )
        .await?
        .ok_or(Error::EnrolmentInvalid)?;
    let team_id: Uuid = row.get(0);
    let inserted = tx
        .execute(
            "INSERT INTO device (id, team, public_key, name, app_version) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (public_key) DO NOTHING",
            &[&device, &team_id, &d.public_key, &d.name, &d.app_version],
        )
        .await?;
    if inserted == 0 {
        return Err(Error::BadRequest(
            "this public key is already enrolled".into(),
        ));
    }
    tx.commit().await?;
    Ok((device, team(pool, team_id).await?))
}

// ---- devices ----

/// What authentication needs of a device.
#[derive(Debug, Clone)]
pub struct DeviceAuth {
    /// Id.
    pub id: Uuid,
    /// Team.
    pub team: Uuid,
    /// The team's province.
    pub province: String,
    /// Public key.
    pub public_key: Vec<u8>,
    /// Revoked?
    pub revoked: bool,
}

/// A device by id.
pub async fn device(pool: &Pool, id: Uuid) -> Result<Option<DeviceAuth>> {
    let row = pool
        .get()
        .await?
        .query_opt(
            "SELECT d.id, d.team, t.province, d.public_key, d.revoked_at IS NOT NULL
             FROM device d JOIN team t ON t.id = d.team WHERE d.id = $1",
            &[&id],
        )
        .await?;
    Ok(row.map(|r| DeviceAuth {
        id: r.get(0),
        team: r.get(1),
        province: r.get(2),
        public_key: r.get(3),
        revoked: r.get(4),
    }))
}

/// Revokes a device (it keeps its data and stops syncing).
pub async fn revoke(pool: &Pool, id: Uuid) -> Result<bool> {
    Ok(pool
        .get()
        .await?
        .execute(
            "UPDATE device SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
            &[&id],
        )
        .await?
        == 1)
}

/// A laptop of a team, as the lead sees it.
#[derive(Debug, Clone)]
pub struct DeviceRow {
    /// Id.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// App version.
    pub app_version: String,
    /// Last contact.
    pub last_seen_at: Option<OffsetDateTime>,
    /// Records waiting on it.
    pub queue_depth: i64,
    /// Revoked when.
    pub revoked_at: Option<OffsetDateTime>,
}

/// The team's laptops.
pub async fn devices(pool: &Pool, team: Uuid) -> Result<Vec<DeviceRow>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT id, name, app_version, last_seen_at, queue_depth, revoked_at
             FROM device WHERE team = $1 ORDER BY enrolled_at",
            &[&team],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| DeviceRow {
            id: r.get(0),
            name: r.get(1),
            app_version: r.get(2),
            last_seen_at: r.get(3),
            queue_depth: r.get(4),
            revoked_at: r.get(5),
        })
        .collect())
}

// ---- ingest ----

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
struct Owner {
    device: Uuid,
    team: Uuid,
    province: String,
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
        .map(|d| {
            let (hi, lo) = d.as_u64_pair();
            (hi ^ lo) as i64
        })
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
    let old_visits = old_visits(&tx, &visit_keys).await?;
    let old_dossiers = old_dossiers(&tx, &dossier_keys).await?;
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

fn split_keys(keys: &[&Key]) -> (Vec<Uuid>, Vec<String>) {
    let mut sorted: Vec<&Key> = keys.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.into_iter().map(|(d, r)| (*d, r.clone())).unzip()
}

/// The held revisions of these visits (the devices are locked).
async fn old_visits(
    tx: &deadpool_postgres::Transaction<'_>,
    keys: &[&Key],
) -> Result<BTreeMap<Key, (i64, Option<Visit>)>> {
    let mut old_by = BTreeMap::new();
    if keys.is_empty() {
        return Ok(old_by);
    }
    let (devices, records) = split_keys(keys);
    let old = tx
        .prepare_cached(
            // One primary-key probe per record (LATERAL keeps the planner
            // from scanning the table to hash-join a large batch).
            "SELECT v.device, v.record, v.rev, v.gone, v.citizen, v.operator, v.commune, v.day, v.minutes,
                    v.vneid, v.portal, v.rating, v.dossiers
             FROM unnest($1::uuid[], $2::text[]) AS u(device, record)
             CROSS JOIN LATERAL (SELECT * FROM visit_record r
                                 WHERE r.device = u.device AND r.record = u.record) v",
        )
        .await?;
    for r in &tx.query(&old, &[&devices, &records]).await? {
        let gone: bool = r.get(3);
        let v = if gone { None } else { Some(visit_row(r, 4)?) };
        old_by.insert((r.get(0), r.get(1)), (r.get(2), v));
    }
    Ok(old_by)
}

/// The held revisions of these dossiers (the devices are locked).
async fn old_dossiers(
    tx: &deadpool_postgres::Transaction<'_>,
    keys: &[&Key],
) -> Result<BTreeMap<Key, (i64, Option<Dossier>)>> {
    let mut old_by = BTreeMap::new();
    if keys.is_empty() {
        return Ok(old_by);
    }
    let (devices, records) = split_keys(keys);
    let old = tx
        .prepare_cached(
            // One primary-key probe per record (LATERAL keeps the planner
            // from scanning the table to hash-join a large batch).
            "SELECT v.device, v.record, v.rev, v.gone, v.procedure_code, v.procedure_name, v.state, v.day,
                    v.operator, v.commune, v.online_fee
             FROM unnest($1::uuid[], $2::text[]) AS u(device, record)
             CROSS JOIN LATERAL (SELECT * FROM dossier_record r
                                 WHERE r.device = u.device AND r.record = u.record) v",
        )
        .await?;
    for r in &tx.query(&old, &[&devices, &records]).await? {
        let gone: bool = r.get(3);
        let d = if gone { None } else { Some(dossier_row(r, 4)?) };
        old_by.insert((r.get(0), r.get(1)), (r.get(2), d));
    }
    Ok(old_by)
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
struct Tallies {
    month: BTreeMap<(Uuid, Date), Tally>,
    known: BTreeMap<(Uuid, Date), i64>,
    by_state: BTreeMap<StateKey, i64>,
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
            let month = month_of(old.day);
            tallies
                .month
                .entry((o.team, month))
                .or_default()
                .visit(old, -1);
            if let Some(c) = &old.citizen {
                dropped.push((device, month, c.clone()));
            }
        }
        if let Some(n) = &new {
            let month = month_of(n.day);
            tallies
                .month
                .entry((o.team, month))
                .or_default()
                .visit(n, 1);
            if let Some(c) = &n.citizen {
                added.push((device, month, c.clone()));
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

fn visit_row(r: &tokio_postgres::Row, at: usize) -> Result<Visit> {
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
            let month = month_of(old.day);
            tallies
                .month
                .entry((o.team, month))
                .or_default()
                .dossier(old, -1);
            *tallies
                .by_state
                .entry((
                    o.team,
                    month,
                    old.procedure_code.clone(),
                    old.state.to_string(),
                ))
                .or_default() -= 1;
        }
        if let Some(n) = &new {
            let month = month_of(n.day);
            tallies
                .month
                .entry((o.team, month))
                .or_default()
                .dossier(n, 1);
            *tallies
                .by_state
                .entry((o.team, month, n.procedure_code.clone(), n.state.to_string()))
                .or_default() += 1;
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

fn dossier_row(r: &tokio_postgres::Row, at: usize) -> Result<Dossier> {
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

async fn write_tallies(
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

/// Notes the device's contact: version, queue depth, time.
pub async fn seen(pool: &Pool, device: Uuid, app_version: &str, queue_depth: u64) -> Result<()> {
    pool.get()
        .await?
        .execute(
            "UPDATE device SET last_seen_at = now(), app_version = $2, queue_depth = $3 WHERE id = $1",
            &[&device, &app_version, &(queue_depth.min(i64::MAX as u64) as i64)],
        )
        .await?;
    Ok(())
}

// ---- anchors ----

/// Keeps an audit-chain head. The first hash heard for a sequence number
/// stays: a chain rewritten later cannot replace its anchor.
pub async fn add_anchor(pool: &Pool, device: Uuid, seq: i64, hash: &str) -> Result<()> {
    pool.get()
        .await?
        .execute(
            "INSERT INTO anchor (device, seq, hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&device, &seq, &hash],
        )
        .await?;
    Ok(())
}

/// The newest anchor held for a device.
pub async fn last_anchor(pool: &Pool, device: Uuid) -> Result<Option<(i64, String)>> {
    Ok(pool
        .get()
        .await?
        .query_opt(
            "SELECT seq, hash FROM anchor WHERE device = $1 ORDER BY seq DESC LIMIT 1",
            &[&device],
        )
        .await?
        .map(|r| (r.get(0), r.get(1))))
}

// ---- reports ----

/// The present records of a team's devices whose day is in `from..=to`.
pub async fn team_records(
    pool: &Pool,
    team: Uuid,
    from: Date,
    to: Date,
) -> Result<(Vec<(Uuid, Visit)>, Vec<Dossier>)> {
    let client = pool.get().await?;
    let visits = client
        .query(
            "SELECT device, citizen, operator, commune, day, minutes, vneid, portal, rating, dossiers
             FROM visit_record
             WHERE device IN (SELECT id FROM device WHERE team = $1) AND team = $1
               AND NOT gone AND day BETWEEN $2 AND $3",
            &[&team, &from, &to],
        )
        .await?
        .iter()
        .map(|r| Ok((r.get(0), visit_row(r, 1)?)))
        .collect::<Result<_>>()?;
    let dossiers = client
        .query(
            "SELECT procedure_code, procedure_name, state, day, operator, commune, online_fee
             FROM dossier_record
             WHERE device IN (SELECT id FROM device WHERE team = $1) AND team = $1
               AND NOT gone AND day BETWEEN $2 AND $3",
            &[&team, &from, &to],
        )
        .await?
        .iter()
        .map(|r| dossier_row(r, 0))
        .collect::<Result<_>>()?;
    Ok((visits, dossiers))
}

/// A province's month from the tallies: the summable figures.
pub async fn province_month(pool: &Pool, province: &str, month: Date) -> Result<ProvinceMonth> {
    let client = pool.get().await?;
    let r = client
        .query_one(
            "SELECT count(DISTINCT team), coalesce(sum(known), 0)::bigint, coalesce(sum(visits), 0)::bigint,
                    coalesce(sum(anonymous), 0)::bigint, coalesce(sum(vneid1), 0)::bigint,
                    coalesce(sum(vneid2), 0)::bigint, coalesce(sum(portal_logins), 0)::bigint,
                    coalesce(sum(rating1), 0)::bigint, coalesce(sum(rating2), 0)::bigint,
                    coalesce(sum(rating3), 0)::bigint, coalesce(sum(rating4), 0)::bigint,
                    coalesce(sum(rating5), 0)::bigint, coalesce(sum(dossiers), 0)::bigint,
                    coalesce(sum(online), 0)::bigint, coalesce(sum(fees_online), 0)::bigint
             FROM month_tally WHERE province = $1 AND month = $2",
            &[&province, &month],
        )
        .await?;
    let by_state = client
        .query(
            "SELECT procedure_code, state, sum(n)::bigint FROM dossier_tally
             WHERE province = $1 AND month = $2 GROUP BY procedure_code, state HAVING sum(n) <> 0
             ORDER BY procedure_code, state",
            &[&province, &month],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    Ok(ProvinceMonth {
        teams: r.get(0),
        citizens_served: r.get::<_, i64>(1) + r.get::<_, i64>(3),
        visits: r.get(2),
        vneid_level1: r.get(4),
        vneid_level2: r.get(5),
        portal_logins: r.get(6),
        ratings: [r.get(7), r.get(8), r.get(9), r.get(10), r.get(11)],
        dossiers: r.get(12),
        dossiers_online: r.get(13),
        fees_online: r.get(14),
        by_procedure_state: by_state,
    })
}

/// A province's month, from the tallies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProvinceMonth {
    /// Teams with figures.
    pub teams: i64,
    /// Citizens served.
    pub citizens_served: i64,
    /// Visits.
    pub visits: i64,
    /// VNeID level 1 accounts helped.
    pub vneid_level1: i64,
    /// VNeID level 2 set up.
    pub vneid_level2: i64,
    /// Portal logins set up.
    pub portal_logins: i64,
    /// Ratings 1–5.
    pub ratings: [i64; 5],
    /// Dossiers started.
    pub dossiers: i64,
    /// Of which reached the portal.
    pub dossiers_online: i64,
    /// Their known online fees.
    pub fees_online: i64,
    /// (procedure, state, dossiers).
    pub by_procedure_state: Vec<(String, String, i64)>,
}

// ---- published content ----

/// Stores a signed catalogue pack; `false` when that version exists.
pub async fn add_pack(pool: &Pool, pack_id: &str, version: u32, signed: &str) -> Result<bool> {
    Ok(pool
        .get()
        .await?
        .execute(
            "INSERT INTO catalogue_pack (pack_id, version, signed) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&pack_id, &i64::from(version), &signed],
        )
        .await?
        == 1)
}

/// The newest pack of each pack id: (pack id, version, signed envelope).
pub async fn latest_packs(pool: &Pool) -> Result<Vec<(String, u32, String)>> {
    Ok(pool
        .get()
        .await?
        .query(
            "SELECT DISTINCT ON (pack_id) pack_id, version, signed FROM catalogue_pack
             ORDER BY pack_id, version DESC",
            &[],
        )
        .await?
        .iter()
        .map(|r| {
            let version: i64 = r.get(1);
            (r.get(0), u32::try_from(version).unwrap_or(0), r.get(2))
        })
        .collect())
}

/// Stores signed guides; returns their version.
pub async fn add_guides(pool: &Pool, signed: &str) -> Result<i64> {
    Ok(pool
        .get()
        .await?
        .query_one(
            "INSERT INTO guides (signed) VALUES ($1) RETURNING version",
            &[&signed],
        )
        .await?
        .get(0))
}

/// The newest guides: (version, signed envelope).
pub async fn latest_guides(pool: &Pool) -> Result<Option<(i64, String)>> {
    Ok(pool
        .get()
        .await?
        .query_opt(
            "SELECT version, signed FROM guides ORDER BY version DESC LIMIT 1",
            &[],
        )
        .await?
        .map(|r| (r.get(0), r.get(1))))
}

// ---- web accounts and sessions ----

/// A dashboard account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUser {
    /// Id.
    pub id: Uuid,
    /// Login name.
    pub login: String,
    /// Display name.
    pub name: String,
    /// `team_lead`, `commune_officer` or `province_admin`.
    pub role: String,
    /// Province code.
    pub province: String,
    /// Commune code (commune officers).
    pub commune: Option<String>,
    /// Team (team leads).
    pub team: Option<Uuid>,
}

const USER_COLUMNS: &str = "u.id, u.login, u.name, u.role, u.province, u.commune, u.team";

fn web_user(r: &tokio_postgres::Row) -> WebUser {
    WebUser {
        id: r.get(0),
        login: r.get(1),
        name: r.get(2),
        role: r.get(3),
        province: r.get(4),
        commune: r.get(5),
        team: r.get(6),
    }
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewWebUser<'a> {
    /// Login name.
    pub login: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Argon2id PHC string.
    pub password_hash: &'a str,
    /// Role.
    pub role: &'a str,
    /// Province.
    pub province: &'a str,
    /// Commune.
    pub commune: Option<&'a str>,
    /// Team.
    pub team: Option<Uuid>,
}

/// Creates an account; `false` when the login is taken.
pub async fn add_web_user(pool: &Pool, u: &NewWebUser<'_>) -> Result<bool> {
    Ok(pool
        .get()
        .await?
        .execute(
            "INSERT INTO web_user (id, login, name, password_hash, role, province, commune, team)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (login) DO NOTHING",
            &[
                &Uuid::new_v4(),
                &u.login,
                &u.name,
                &u.password_hash,
                &u.role,
                &u.province,
                &u.commune,
                &u.team,
            ],
        )
        .await?
        == 1)
}

/// What a login attempt needs: the account, its hash, and whether it is
/// locked now.
pub async fn login_lookup(pool: &Pool, login: &str) -> Result<Option<(WebUser, String, bool)>> {
    Ok(pool
        .get()
        .await?
        .query_opt(
            &format!(
                "SELECT {USER_COLUMNS}, u.password_hash, coalesce(u.locked_until > now(), false)
                 FROM web_user u WHERE u.login = $1"
            ),
            &[&login],
        )
        .await?
        .map(|r| (web_user(&r), r.get(7), r.get(8))))
}

/// Counts a failed attempt: after `limit` in a row the account is locked
/// for `minutes`.
pub async fn login_failed(pool: &Pool, id: Uuid, limit: i32, minutes: f64) -> Result<()> {
    pool.get()
        .await?
        .execute(
            // (Both right-hand sides read the row as it was.)
            "UPDATE web_user SET
                 locked_until = CASE WHEN failed + 1 >= $2 THEN now() + make_interval(mins => $3::int)
                                     ELSE locked_until END,
                 failed = CASE WHEN failed + 1 >= $2 THEN 0 ELSE failed + 1 END
             WHERE id = $1",
            &[&id, &limit, &(minutes as i32)],
        )
        .await?;
    Ok(())
}

/// A successful login: the count starts again, and a session begins.
pub async fn login_ok(
    pool: &Pool,
    id: Uuid,
    token_hash: &[u8],
    csrf: &str,
    hours: i32,
) -> Result<()> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute(
        "UPDATE web_user SET failed = 0, locked_until = NULL WHERE id = $1",
        &[&id],
    )
    .await?;
    tx.execute(
        "INSERT INTO web_session (token_hash, web_user, csrf, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4))",
        &[&token_hash, &id, &csrf, &hours],
    )
    .await?;
    tx.execute("DELETE FROM web_session WHERE expires_at < now()", &[])
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The account and CSRF token of a live session.
pub async fn session(pool: &Pool, token_hash: &[u8]) -> Result<Option<(WebUser, String)>> {
    Ok(pool
        .get()
        .await?
        .query_opt(
            &format!(
                "SELECT {USER_COLUMNS}, s.csrf FROM web_session s JOIN web_user u ON u.id = s.web_user
                 WHERE s.token_hash = $1 AND s.expires_at > now()"
            ),
            &[&token_hash],
        )
        .await?
        .map(|r| (web_user(&r), r.get(7))))
}

/// Ends a session.
pub async fn logout(pool: &Pool, token_hash: &[u8]) -> Result<()> {
    pool.get()
        .await?
        .execute(
            "DELETE FROM web_session WHERE token_hash = $1",
            &[&token_hash],
        )
        .await?;
    Ok(())
}

/// Stores a province's one-time set-up token (its hash).
pub async fn add_setup_token(
    pool: &Pool,
    token_hash: &[u8],
    province: &str,
    expires: OffsetDateTime,
) -> Result<()> {
    pool.get()
        .await?
        .execute(
            "INSERT INTO setup_token (token_hash, province, expires_at) VALUES ($1, $2, $3)",
            &[&token_hash, &province, &expires],
        )
        .await?;
    Ok(())
}

/// The province of a set-up token that is still unused and valid.
pub async fn setup_province(pool: &Pool, token_hash: &[u8]) -> Result<Option<String>> {
    Ok(pool
        .get()
        .await?
        .query_opt(
            "SELECT province FROM setup_token WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()",
            &[&token_hash],
        )
        .await?
        .map(|r| r.get(0)))
}

/// Uses a set-up token once: creates the province's admin. `false` when
/// the token is no longer valid or the login is taken (nothing changes).
pub async fn use_setup_token(pool: &Pool, token_hash: &[u8], u: &NewWebUser<'_>) -> Result<bool> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let used = tx
        .execute(
            "UPDATE setup_token SET used_at = now()
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND province = $2",
            &[&token_hash, &u.province],
        )
        .await?;
    if used != 1 {
        return Ok(false);
    }
    let added = tx
        .execute(
            "INSERT INTO web_user (id, login, name, password_hash, role, province)
             VALUES ($1, $2, $3, $4, 'province_admin', $5) ON CONFLICT (login) DO NOTHING",
            &[
                &Uuid::new_v4(),
                &u.login,
                &u.name,
                &u.password_hash,
                &u.province,
            ],
        )
        .await?;
    if added != 1 {
        return Ok(false);
    }
    tx.commit().await?;
    Ok(true)
}

/// A team and its month, as a commune or province sees it.
#[derive(Debug, Clone)]
pub struct TeamMonth {
    /// Team.
    pub team: Team,
    /// Citizens served.
    pub citizens_served: i64,
    /// Visits.
    pub visits: i64,
    /// Dossiers started.
    pub dossiers: i64,
    /// Of which online.
    pub online: i64,
    /// Laptops enrolled (not revoked).
    pub laptops: i64,
}

/// The teams of a province (or of one commune in it) with their month.
pub async fn teams_month(
    pool: &Pool,
    province: &str,
    commune: Option<&str>,
    month: Date,
) -> Result<Vec<TeamMonth>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT t.id, t.name, t.province, t.commune, t.salt,
                    coalesce(m.known + m.anonymous, 0), coalesce(m.visits, 0), coalesce(m.dossiers, 0),
                    coalesce(m.online, 0),
                    (SELECT count(*) FROM device d WHERE d.team = t.id AND d.revoked_at IS NULL)
             FROM team t LEFT JOIN month_tally m ON m.team = t.id AND m.month = $3
             WHERE t.province = $1 AND ($2::text IS NULL OR t.commune = $2)
             ORDER BY t.name",
            &[&province, &commune, &month],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| TeamMonth {
            team: Team {
                id: r.get(0),
                name: r.get(1),
                province: r.get(2),
                commune: r.get(3),
                salt: r.get(4),
            },
            citizens_served: r.get(5),
            visits: r.get(6),
            dossiers: r.get(7),
            online: r.get(8),
            laptops: r.get(9),
        })
        .collect())
}

/// Dossiers of a team waiting for a supplement (the portal asked for more).
pub async fn supplements_waiting(
    pool: &Pool,
    team: Uuid,
    states: &[&str],
) -> Result<Vec<(String, Date, String)>> {
    Ok(pool
        .get()
        .await?
        .query(
            "SELECT procedure_name, day, (SELECT name FROM device d WHERE d.id = r.device)
             FROM dossier_record r
             WHERE device IN (SELECT id FROM device WHERE team = $1) AND team = $1 AND NOT gone
               AND state = ANY($2)
             ORDER BY day LIMIT 200",
            &[&team, &states],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect())
}
