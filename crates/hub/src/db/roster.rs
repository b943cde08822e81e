//! A team's roster: the lead adds and removes volunteers; each change moves
//! the team's roster version in the same transaction.

use deadpool_postgres::Pool;
use gocua_core::operator::Role;
use gocua_protocol::hub::RosterMember;
use uuid::Uuid;

use crate::{Error, Result};

/// A member, as the dashboard lists them.
#[derive(Debug, Clone)]
pub struct Member {
    /// Id (for removing).
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Lead or volunteer.
    pub role: Role,
}

/// The team's members, by name, and the roster's version.
pub async fn roster(pool: &Pool, team: Uuid) -> Result<(i64, Vec<Member>)> {
    let client = pool.get().await?;
    let version: i64 = client
        .query_opt("SELECT roster_version FROM team WHERE id = $1", &[&team])
        .await?
        .ok_or_else(|| Error::NotFound(format!("team {team}")))?
        .get(0);
    let members = client
        .query(
            "SELECT id, name, role FROM team_member WHERE team = $1 ORDER BY name, added_at",
            &[&team],
        )
        .await?
        .iter()
        .map(|r| {
            let role: String = r.get(2);
            Ok(Member {
                id: r.get(0),
                name: r.get(1),
                // A spelling that is not ours is damage, never a default.
                role: role
                    .parse()
                    .map_err(|_| Error::Internal(format!("stored role {role:?}")))?,
            })
        })
        .collect::<Result<_>>()?;
    Ok((version, members))
}

/// Adds a member.
pub async fn add(pool: &Pool, team: Uuid, m: &RosterMember) -> Result<()> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute(
        "INSERT INTO team_member (id, team, name, role) VALUES ($1, $2, $3, $4)",
        &[&Uuid::new_v4(), &team, &m.name, &m.role.as_str()],
    )
    .await?;
    tx.execute(
        "UPDATE team SET roster_version = roster_version + 1 WHERE id = $1",
        &[&team],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a member of `team`; false when there was none.
pub async fn remove(pool: &Pool, team: Uuid, id: Uuid) -> Result<bool> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let n = tx
        .execute(
            "DELETE FROM team_member WHERE id = $1 AND team = $2",
            &[&id, &team],
        )
        .await?;
    if n == 1 {
        tx.execute(
            "UPDATE team SET roster_version = roster_version + 1 WHERE id = $1",
            &[&team],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n == 1)
}
