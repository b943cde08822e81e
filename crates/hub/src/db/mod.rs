//! Every SQL statement of the hub, grouped by resource, over a deadpool of
//! tokio-postgres connections. Migrations are embedded (refinery) and
//! applied on start.

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod};
use time::{Date, OffsetDateTime};
use tokio_postgres::NoTls;
use uuid::Uuid;

use crate::facts::{Dossier, Visit};
use crate::{Error, Result};

pub mod handover;
mod ingest;
pub mod roster;
mod transfer;
mod web;

pub use web::*;

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
    let team = Team::new(name, province, commune)?;
    insert_team(&pool.get().await?, &team).await?;
    Ok(team)
}

impl Team {
    /// A new team with a fresh id and pseudonym salt (not stored yet).
    fn new(name: &str, province: &str, commune: Option<&str>) -> Result<Team> {
        Ok(Team {
            id: Uuid::new_v4(),
            name: name.to_owned(),
            province: province.to_owned(),
            commune: commune.map(str::to_owned),
            salt: crate::random::<16>()?.to_vec(),
        })
    }
}

async fn insert_team(client: &impl deadpool_postgres::GenericClient, team: &Team) -> Result<()> {
    client
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
    Ok(())
}

/// Creates a team and its lead's account in one transaction: `None` (and
/// no team) when the lead's login is taken. `lead.team` is ignored.
pub async fn create_team_with_lead(
    pool: &Pool,
    name: &str,
    province: &str,
    commune: Option<&str>,
    lead: &NewWebUser<'_>,
) -> Result<Option<Team>> {
    let team = Team {
        id: Uuid::new_v4(),
        name: name.to_owned(),
        province: province.to_owned(),
        commune: commune.map(str::to_owned),
        salt: crate::random::<16>()?.to_vec(),
    };
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute(
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
    let added = tx
        .execute(
            "INSERT INTO web_user (id, login, name, password_hash, role, province, commune, team)
             VALUES ($1, $2, $3, $4, 'team_lead', $5, $6, $7) ON CONFLICT (login) DO NOTHING",
            &[
                &Uuid::new_v4(),
                &lead.login,
                &lead.name,
                &lead.password_hash,
                &lead.province,
                &lead.commune,
                &team.id,
            ],
        )
        .await?;
    if added != 1 {
        return Ok(None);
    }
    tx.commit().await?;
    Ok(Some(team))
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
    /// The SHA-256 of the laptop's installation secret, when it sent one.
    pub installation_hash: Option<&'a [u8]>,
}

/// A laptop enrolled: its device id, its team, and whether the hub knew it
/// already (by its installation secret) and so kept its identity.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The device's id: the same as before for a laptop the hub knew.
    pub device: Uuid,
    /// The code's team.
    pub team: Team,
    /// The hub knew the laptop already.
    pub known: bool,
}

/// Uses an enrolment code once: registers the device in the code's team.
/// An unknown, used or expired code is refused — except to the laptop that
/// used it, asking again because the answer was lost.
///
/// A laptop the hub knows by its installation secret keeps its device row —
/// after a revoke, a new code while joined, a new hub certificate or a move
/// to another team — with its new key, name and team, no longer revoked, its
/// records moved with it: its next pass replaces them, so it is never
/// counted twice.
pub async fn enrol(pool: &Pool, d: &NewDevice<'_>) -> Result<Enrolment> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let known: Option<(Uuid, Uuid)> = match d.installation_hash {
        Some(hash) => tx
            .query_opt(
                "SELECT id, team FROM device WHERE installation_hash = $1 FOR UPDATE",
                &[&hash],
            )
            .await?
            .map(|r| (r.get(0), r.get(1))),
        None => None,
    };
    let device = known.map_or_else(Uuid::new_v4, |(id, _)| id);
    let code = tx
        .query_opt(
            "SELECT team, used_by FROM enrolment
             WHERE secret_hash = $1 AND expires_at > now() FOR UPDATE",
            &[&d.secret_hash],
        )
        .await?
        .ok_or(Error::EnrolmentInvalid)?;
    let team_id: Uuid = code.get(0);
    let used_by: Option<Uuid> = code.get(1);
    // The same laptop asking again with the code it used (its answer was
    // lost on the way): the same enrolment, not a refusal nor a second device.
    let again = match used_by {
        None => false,
        Some(by) if known.is_some() && by == device => true,
        Some(_) => return Err(Error::EnrolmentInvalid),
    };
    if !again {
        tx.execute(
            "UPDATE enrolment SET used_at = now(), used_by = $2 WHERE secret_hash = $1",
            &[&d.secret_hash, &device],
        )
        .await?;
    }
    let written = if let Some((_, was)) = known {
        let moved = tx
            .execute(
                "UPDATE device SET team = $2, public_key = $3, name = $4, app_version = $5,
                     revoked_at = NULL,
                     rejoined_at = CASE WHEN $6 THEN rejoined_at ELSE now() END,
                     joins = joins + CASE WHEN $6 THEN 0 ELSE 1 END
                 WHERE id = $1
                   AND NOT EXISTS (SELECT 1 FROM device o WHERE o.public_key = $3 AND o.id <> $1)",
                &[
                    &device,
                    &team_id,
                    &d.public_key,
                    &d.name,
                    &d.app_version,
                    &again,
                ],
            )
            .await?;
        if moved == 1 && was != team_id {
            transfer::move_device(&tx, device, was, team_id).await?;
        }
        moved
    } else {
        tx.execute(
            "INSERT INTO device (id, team, public_key, name, app_version, installation_hash)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (public_key) DO NOTHING",
            &[
                &device,
                &team_id,
                &d.public_key,
                &d.name,
                &d.app_version,
                &d.installation_hash,
            ],
        )
        .await?
    };
    if written == 0 {
        return Err(Error::BadRequest(
            "this public key is already enrolled".into(),
        ));
    }
    tx.commit().await?;
    Ok(Enrolment {
        device,
        team: team(pool, team_id).await?,
        known: known.is_some(),
    })
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
    /// When an anchor of it first did not extend the chain the hub holds.
    pub anchor_mismatch_at: Option<OffsetDateTime>,
    /// When it last joined again as the same laptop (by its installation
    /// secret).
    pub rejoined_at: Option<OffsetDateTime>,
    /// How many times it has joined.
    pub joins: i32,
}

/// The team's laptops.
pub async fn devices(pool: &Pool, team: Uuid) -> Result<Vec<DeviceRow>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT id, name, app_version, last_seen_at, queue_depth, revoked_at, anchor_mismatch_at,
                    rejoined_at, joins
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
            anchor_mismatch_at: r.get(6),
            rejoined_at: r.get(7),
            joins: r.get(8),
        })
        .collect())
}

pub use ingest::{Batch, Incoming, Ingested, ingest};
use ingest::{dossier_row, visit_row};

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

/// Keeps an audit-chain head when it extends the chain the hub holds for
/// the device: `since` (the device's own hash at the newest anchored
/// position) must be that anchor, and the step at most `max_step` rows.
/// The first hash heard for a sequence number stays. A head that does not
/// extend is not kept, and the device is flagged (first time and position).
/// True when kept.
pub async fn add_anchor(
    pool: &Pool,
    device: Uuid,
    head: (i64, &str),
    since: Option<(i64, &str)>,
    max_step: i64,
) -> Result<bool> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    // One device's anchors are decided one at a time.
    tx.execute("SELECT 1 FROM device WHERE id = $1 FOR UPDATE", &[&device])
        .await?;
    let newest: Option<(i64, String)> = tx
        .query_opt(
            "SELECT seq, hash FROM anchor WHERE device = $1 ORDER BY seq DESC LIMIT 1",
            &[&device],
        )
        .await?
        .map(|r| (r.get(0), r.get(1)));
    let extends = match &newest {
        None => true,
        Some((seq, hash)) => {
            since.is_some_and(|(s, h)| s == *seq && h == hash)
                && head.0 >= *seq
                && head.0 - *seq <= max_step
        }
    };
    if extends {
        tx.execute(
            "INSERT INTO anchor (device, seq, hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&device, &head.0, &head.1],
        )
        .await?;
    } else {
        let at = newest.as_ref().map(|(seq, _)| *seq);
        tx.execute(
            "UPDATE device SET anchor_mismatch_at = coalesce(anchor_mismatch_at, now()),
                    anchor_mismatch_seq = coalesce(anchor_mismatch_seq, $2)
             WHERE id = $1",
            &[&device, &at],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(extends)
}

/// Every anchor held for a device, oldest first.
pub async fn anchors(pool: &Pool, device: Uuid) -> Result<Vec<(i64, String)>> {
    Ok(pool
        .get()
        .await?
        .query(
            "SELECT seq, hash FROM anchor WHERE device = $1 ORDER BY seq",
            &[&device],
        )
        .await?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
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
