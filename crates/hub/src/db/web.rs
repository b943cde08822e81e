//! The dashboard's accounts, sessions, set-up tokens and area views.

use deadpool_postgres::Pool;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::Team;
use crate::Result;

/// A dashboard account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUser {
    /// Id.
    pub id: Uuid,
    /// Login name.
    pub login: String,
    /// Display name.
    pub name: String,
    /// Its role.
    pub role: crate::web::WebRole,
    /// Province code.
    pub province: String,
    /// Commune code (commune officers).
    pub commune: Option<String>,
    /// Team (team leads).
    pub team: Option<Uuid>,
}

const USER_COLUMNS: &str = "u.id, u.login, u.name, u.role, u.province, u.commune, u.team";

fn web_user(r: &tokio_postgres::Row) -> Result<WebUser> {
    let role: String = r.get(3);
    Ok(WebUser {
        id: r.get(0),
        login: r.get(1),
        name: r.get(2),
        // A spelling that is not ours is damage, never a default.
        role: role
            .parse()
            .map_err(|_| crate::Error::Internal(format!("stored role {role:?}")))?,
        province: r.get(4),
        commune: r.get(5),
        team: r.get(6),
    })
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
    pub role: crate::web::WebRole,
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
                &u.role.as_str(),
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
    pool.get()
        .await?
        .query_opt(
            &format!(
                "SELECT {USER_COLUMNS}, u.password_hash, coalesce(u.locked_until > now(), false)
                 FROM web_user u WHERE u.login = $1"
            ),
            &[&login],
        )
        .await?
        .map(|r| Ok((web_user(&r)?, r.get(7), r.get(8))))
        .transpose()
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
    pool.get()
        .await?
        .query_opt(
            &format!(
                "SELECT {USER_COLUMNS}, s.csrf FROM web_session s JOIN web_user u ON u.id = s.web_user
                 WHERE s.token_hash = $1 AND s.expires_at > now()"
            ),
            &[&token_hash],
        )
        .await?
        .map(|r| Ok((web_user(&r)?, r.get(7))))
        .transpose()
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

/// The ids of the teams of a province (or of one commune in it).
pub async fn teams_in(pool: &Pool, province: &str, commune: Option<&str>) -> Result<Vec<Uuid>> {
    let rows = pool
        .get()
        .await?
        .query(
            "SELECT id FROM team WHERE province = $1 AND ($2::text IS NULL OR commune = $2)
             ORDER BY name",
            &[&province, &commune],
        )
        .await?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
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
