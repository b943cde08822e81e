//! The province bench (`cargo bench -p gocua-hub --bench province`): a province simulated against a real PostgreSQL —
//! laptops × days of report events, sent in the laptops' batches through the
//! hub's own ingest (the code behind `POST /v1/sync`), a share of batches
//! sent twice as after a lost acknowledgement. Beside it, in the same run: a
//! baseline of one `INSERT` per event, and the province-month dashboard read
//! from the tallies beside a naive `GROUP BY` over the raw events.

use std::time::{Duration, Instant};

use serde::Serialize;
use time::Date;
use uuid::Uuid;

use gocua_hub::db::{self, DeviceAuth, Incoming};
use gocua_hub::facts::{Dossier, Record, Visit};
use gocua_hub::{Error, Hub, Result};

/// Every team the bench makes is named so; a database holding any other
/// team is a real hub's, and the bench refuses it.
const TEAM_PREFIX: &str = "bench ";

/// What to simulate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Laptops (four to a team).
    pub laptops: u32,
    /// Days of work.
    pub days: u32,
    /// Events per laptop per day (one batch a day).
    pub events_per_day: u32,
    /// Percent of batches sent twice.
    pub repeat_percent: u32,
    /// Events inserted one by one for the baseline.
    pub baseline_events: u32,
    /// Laptops sending at the same time.
    pub concurrency: usize,
    /// Dashboard queries timed.
    pub dashboard_runs: u32,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            laptops: 2000,
            days: 30,
            events_per_day: 50,
            repeat_percent: 10,
            baseline_events: 30_000,
            concurrency: 256,
            dashboard_runs: 30,
        }
    }
}

/// The bench's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// Distinct events generated.
    pub events: u64,
    /// Batches sent (repeats included).
    pub batches: u64,
    /// Events sent a second time.
    pub duplicates_sent: u64,
    /// Distinct records stored.
    pub records: i64,
    /// Records counted more than once in the figures (must be 0).
    pub duplicates_stored: i64,
    /// Seconds the ingest took.
    pub ingest_seconds: f64,
    /// Events per second through the hub's ingest.
    pub ingest_events_per_s: f64,
    /// Events per second, one `INSERT` per event.
    pub baseline_events_per_s: f64,
    /// `ingest / baseline` (target ≥ 10).
    pub ingest_ratio: f64,
    /// p95 of the province-month dashboard from the tallies, ms.
    pub dashboard_p95_ms: f64,
    /// p95 of the same figures by a naive `GROUP BY` over raw events, ms.
    pub naive_dashboard_p95_ms: f64,
    /// `naive / dashboard`.
    pub dashboard_speedup: f64,
    /// The tallies' visits equal the naive count of the same month.
    pub dashboard_agrees: bool,
    /// ingest ≥ 10 × baseline, duplicates_stored = 0, dashboard p95 < 300 ms.
    pub targets_met: bool,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PROVINCE: &str = "79";
const PROCEDURES: [&str; 12] = [
    "1.001612", "1.004227", "2.000286", "1.001193", "1.003013", "2.001023", "1.000656", "1.010820",
    "1.004884", "2.000748", "1.002755", "1.000894",
];

/// One laptop's day: new visits and dossiers, and later revisions of
/// earlier dossiers (state changes, as the portal moves them on).
fn day_batch(rng: &mut Rng, laptop: u32, day_index: u32, day: Date, per_day: u32) -> Vec<Incoming> {
    let mut out = Vec::with_capacity(per_day as usize);
    let operators = ["a", "b", "c"];
    let commune = format!("{:05}", 26_000 + laptop % 300);
    let mut i = 0u32;
    while out.len() < per_day as usize {
        let rev = i64::from(day_index) * 1000 + i64::from(i) + 1;
        let kind = rng.below(10);
        let record;
        let facts = if kind < 4 {
            record = format!("visit:{day_index}:{i}");
            Record::Visit(Some(Visit {
                citizen: (rng.below(10) < 8).then(|| format!("c{}", rng.below(400))),
                operator: operators[rng.below(3) as usize].to_owned(),
                commune: Some(commune.clone()),
                day,
                minutes: Some(5 + rng.below(30) as u32),
                vneid: ["not_attempted", "level1", "level2", "blocked"][rng.below(4) as usize]
                    .parse()
                    .unwrap_or(gocua_core::visit::VneidOutcome::NotAttempted),
                portal: gocua_core::visit::PortalOutcome::LoggedIn,
                rating: (rng.below(3) > 0).then(|| 1 + rng.below(5) as u8),
                dossiers: rng.below(3) as u32,
            }))
        } else {
            // A new dossier today, or a later state of one from an earlier day.
            let (on, seq) = if kind < 8 || day_index == 0 {
                (day_index, i)
            } else {
                (
                    rng.below(u64::from(day_index)) as u32,
                    rng.below(u64::from(per_day)) as u32,
                )
            };
            record = format!("dossier:{on}:{seq}");
            let state = [
                "draft",
                "queued",
                "portal_1",
                "portal_2",
                "portal_4",
                "portal_10",
            ][rng.below(6) as usize];
            Record::Dossier(Some(Dossier {
                procedure_code: PROCEDURES[rng.below(PROCEDURES.len() as u64) as usize].to_owned(),
                procedure_name: "Thủ tục".to_owned(),
                state: state
                    .parse()
                    .unwrap_or(gocua_core::dossier::DossierState::Draft),
                day: day - time::Duration::days(i64::from(day_index - on)),
                operator: operators[rng.below(3) as usize].to_owned(),
                commune: Some(commune.clone()),
                online_fee: (rng.below(4) > 0).then(|| 25_000 * rng.below(4)),
            }))
        };
        out.push(Incoming {
            id: Uuid::from_u64_pair(u64::from(laptop), rev as u64),
            record,
            rev,
            facts,
        });
        i += 1;
    }
    out
}

fn p95(mut v: Vec<Duration>) -> f64 {
    v.sort();
    let i = ((v.len() as f64) * 0.95).ceil() as usize;
    v.get(i.saturating_sub(1))
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

async fn devices(hub: &Hub, laptops: u32) -> Result<Vec<DeviceAuth>> {
    let mut out = Vec::new();
    let mut team = None;
    for n in 0..laptops {
        if n % 4 == 0 {
            team = Some(
                db::create_team(&hub.pool, &format!("{TEAM_PREFIX}Tổ {n}"), PROVINCE, None).await?,
            );
        }
        let team = team
            .as_ref()
            .ok_or_else(|| Error::Internal("no team".into()))?;
        let id = Uuid::new_v4();
        hub.pool
            .get()
            .await?
            .execute(
                "INSERT INTO device (id, team, public_key, name, app_version) VALUES ($1, $2, $3, $4, '0')",
                &[&id, &team.id, &id.as_bytes().as_slice(), &format!("bench {n}")],
            )
            .await?;
        out.push(DeviceAuth {
            id,
            team: team.id,
            province: PROVINCE.to_owned(),
            public_key: Vec::new(),
            revoked: false,
        });
    }
    Ok(out)
}

/// Runs the bench on an empty database (its own tables are dropped first).
/// A database that holds a team the bench did not make is a real hub's: it
/// is refused before anything is touched.
pub async fn run(hub: &Hub, plan: &Plan) -> Result<Outcome> {
    let client = hub.pool.get().await?;
    let foreign: i64 = client
        .query_one(
            "SELECT count(*) FROM team WHERE name NOT LIKE $1 || '%'",
            &[&TEAM_PREFIX],
        )
        .await?
        .get(0);
    if foreign > 0 {
        return Err(Error::Internal(format!(
            "this database holds {foreign} team(s) the bench did not make: it is a hub's, \
             and the bench empties its tables; give it a database of its own"
        )));
    }
    client
        .batch_execute(
            "TRUNCATE team, enrolment, device, visit_record, dossier_record, month_tally,
                      dossier_tally, citizen_month, anchor CASCADE;
             DROP TABLE IF EXISTS bench_raw_event;
             CREATE UNLOGGED TABLE bench_raw_event (
                 id uuid PRIMARY KEY, device uuid NOT NULL, province text NOT NULL, record text NOT NULL,
                 rev bigint NOT NULL, day date NOT NULL, body jsonb NOT NULL)",
        )
        .await?;
    drop(client);
    let devices = devices(hub, plan.laptops).await?;
    let first = Date::from_calendar_date(2026, time::Month::November, 1)
        .map_err(|e| Error::Internal(e.to_string()))?;

    // Ingest: every laptop's daily batch, a share of them twice.
    let start = Instant::now();
    let mut events = 0u64;
    let mut batches = 0u64;
    let mut duplicates_sent = 0u64;
    let mut tasks = tokio::task::JoinSet::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for day_index in 0..plan.days {
        let day = first + time::Duration::days(i64::from(day_index));
        for (n, device) in devices.iter().enumerate() {
            let batch = day_batch(&mut rng, n as u32, day_index, day, plan.events_per_day);
            events += batch.len() as u64;
            let repeat = rng.below(100) < u64::from(plan.repeat_percent);
            if repeat {
                duplicates_sent += batch.len() as u64;
            }
            batches += 1 + u64::from(repeat);
            while tasks.len() >= plan.concurrency {
                if let Some(r) = tasks.join_next().await {
                    r.map_err(|e| Error::Internal(e.to_string()))??;
                }
            }
            let (ingestor, device) = (hub.ingestor.clone(), device.clone());
            let batch = db::Batch {
                device,
                events: batch,
            };
            tasks.spawn(async move {
                ingestor.send(batch.clone()).await?;
                if repeat {
                    let again = ingestor.send(batch).await?;
                    if again.stored != 0 {
                        return Err(Error::Internal("a repeated batch stored events".into()));
                    }
                }
                Ok::<_, Error>(())
            });
        }
    }
    while let Some(r) = tasks.join_next().await {
        r.map_err(|e| Error::Internal(e.to_string()))??;
    }
    let ingest = start.elapsed();
    let client = hub.pool.get().await?;
    // A record counted twice in the figures would be an event stored twice.
    let counted: i64 = client
        .query_one(
            "SELECT coalesce(sum(visits + dossiers), 0)::bigint FROM month_tally",
            &[],
        )
        .await?
        .get(0);
    let records: i64 = client
        .query_one(
            "SELECT (SELECT count(*) FROM visit_record WHERE NOT gone)
                  + (SELECT count(*) FROM dossier_record WHERE NOT gone)",
            &[],
        )
        .await?
        .get(0);

    // The raw events, for the naive dashboard (loaded in bulk, not timed).
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for day_index in 0..plan.days {
        let day = first + time::Duration::days(i64::from(day_index));
        let mut ids = Vec::new();
        let mut devs = Vec::new();
        let mut records = Vec::new();
        let mut revs = Vec::new();
        let mut days = Vec::new();
        let mut bodies = Vec::new();
        for (n, device) in devices.iter().enumerate() {
            let batch = day_batch(&mut rng, n as u32, day_index, day, plan.events_per_day);
            let _ = rng.below(100);
            for e in batch {
                let (kind, fday, body) = raw_body(&e.facts);
                ids.push(e.id);
                devs.push(device.id);
                records.push(e.record);
                revs.push(e.rev);
                days.push(fday.unwrap_or(day));
                bodies.push(serde_json::json!({ "kind": kind, "f": body }));
            }
        }
        client
            .execute(
                "INSERT INTO bench_raw_event (id, device, province, record, rev, day, body)
                 SELECT u.id, u.device, $7, u.record, u.rev, u.day, u.body
                 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::date[], $6::jsonb[])
                      AS u(id, device, record, rev, day, body)",
                &[&ids, &devs, &records, &revs, &days, &bodies, &PROVINCE],
            )
            .await?;
    }
    client
        .batch_execute("CREATE INDEX ON bench_raw_event (province, day); ANALYZE")
        .await?;

    // Baseline: one INSERT per event (with the key that makes it exactly
    // once), from 8 connections at a time.
    client
        .batch_execute(
            "DROP TABLE IF EXISTS bench_naive_insert;
             CREATE TABLE bench_naive_insert (LIKE bench_raw_event INCLUDING INDEXES)",
        )
        .await?;
    let sample: Vec<(Uuid, Uuid, String, i64, Date, serde_json::Value)> = client
        .query(
            "SELECT id, device, record, rev, day, body FROM bench_raw_event LIMIT $1",
            &[&i64::from(plan.baseline_events)],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
        .collect();
    let start = Instant::now();
    let chunk = sample.len().div_ceil(8).max(1);
    let mut tasks = tokio::task::JoinSet::new();
    for part in sample.chunks(chunk) {
        let (pool, part) = (hub.pool.clone(), part.to_vec());
        tasks.spawn(async move {
            let c = pool.get().await?;
            let stmt = c
                .prepare(
                    "INSERT INTO bench_naive_insert (id, device, province, record, rev, day, body)
                     VALUES ($1, $2, '79', $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .await?;
            for (id, device, record, rev, day, body) in part {
                c.execute(&stmt, &[&id, &device, &record, &rev, &day, &body])
                    .await?;
            }
            Ok::<_, Error>(())
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.map_err(|e| Error::Internal(e.to_string()))??;
    }
    let baseline = sample.len() as f64 / start.elapsed().as_secs_f64().max(1e-9);

    // Dashboards: the province's month.
    let month = first;
    let next = first + time::Duration::days(30);
    let mut fast = Vec::new();
    let mut tallied = None;
    for _ in 0..plan.dashboard_runs {
        let t = Instant::now();
        let p = db::province_month(&hub.pool, PROVINCE, month).await?;
        fast.push(t.elapsed());
        tallied = Some(p);
    }
    let naive_sql = "WITH latest AS (
            SELECT DISTINCT ON (device, record) body FROM bench_raw_event
            WHERE province = $1 AND day >= $2 AND day < $3
            ORDER BY device, record, rev DESC)
        SELECT count(*) FILTER (WHERE body->>'kind' = 'visit'),
               count(*) FILTER (WHERE body->>'kind' = 'dossier'),
               count(*) FILTER (WHERE body->'f'->>'state' LIKE 'portal%'),
               count(*) FILTER (WHERE (body->'f'->>'rating')::int >= 4)
        FROM latest";
    let mut slow = Vec::new();
    let mut naive_visits = 0i64;
    for _ in 0..plan.dashboard_runs.clamp(1, 5) {
        let t = Instant::now();
        let r = client
            .query_one(naive_sql, &[&PROVINCE, &month, &next])
            .await?;
        slow.push(t.elapsed());
        naive_visits = r.get(0);
    }
    let tallied = tallied.ok_or_else(|| Error::Internal("no dashboard run".into()))?;
    let ingest_rate = events as f64 / ingest.as_secs_f64().max(1e-9);
    let (fast, slow) = (p95(fast), p95(slow));
    let outcome = Outcome {
        events,
        batches,
        duplicates_sent,
        records,
        duplicates_stored: counted - records,
        ingest_seconds: ingest.as_secs_f64(),
        ingest_events_per_s: ingest_rate,
        baseline_events_per_s: baseline,
        ingest_ratio: ingest_rate / baseline.max(1e-9),
        dashboard_p95_ms: fast,
        naive_dashboard_p95_ms: slow,
        dashboard_speedup: slow / fast.max(1e-9),
        dashboard_agrees: tallied.visits == naive_visits,
        targets_met: false,
    };
    Ok(Outcome {
        targets_met: outcome.ingest_ratio >= 10.0
            && outcome.duplicates_stored == 0
            && outcome.dashboard_p95_ms < 300.0
            && outcome.dashboard_agrees,
        ..outcome
    })
}

fn raw_body(r: &Record) -> (&'static str, Option<Date>, serde_json::Value) {
    match r {
        Record::Visit(Some(v)) => (
            "visit",
            Some(v.day),
            serde_json::json!({ "rating": v.rating, "citizen": v.citizen, "vneid": v.vneid.as_str() }),
        ),
        Record::Dossier(Some(d)) => (
            "dossier",
            Some(d.day),
            serde_json::json!({ "state": d.state.to_string(), "code": d.procedure_code }),
        ),
        Record::Visit(None) => ("visit_gone", None, serde_json::Value::Null),
        Record::Dossier(None) => ("dossier_gone", None, serde_json::Value::Null),
    }
}
