//! What a team lead or province admin does: create a team, hand out an
//! enrolment code, revoke a laptop.

use base64::Engine as _;
use gocua_core::operator::Role;
use gocua_protocol::hub::EnrolmentCode;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::{Error, Hub, Result, db};

/// How long an enrolment code stays valid.
pub const CODE_VALIDITY: Duration = Duration::hours(24);

/// Checks a 2025 province code (2 digits) and commune code (5 digits).
pub fn check_place(province: &str, commune: Option<&str>) -> Result<()> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(province, 2) {
        return Err(Error::BadRequest(format!(
            "province code {province:?} (2 digits)"
        )));
    }
    if let Some(c) = commune.filter(|c| !digits(c, 5)) {
        return Err(Error::BadRequest(format!("commune code {c:?} (5 digits)")));
    }
    Ok(())
}

/// Creates a team.
pub async fn create_team(
    hub: &Hub,
    name: &str,
    province: &str,
    commune: Option<&str>,
) -> Result<db::Team> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::BadRequest("team name".into()));
    }
    check_place(province, commune)?;
    db::create_team(&hub.pool, name, province, commune).await
}

/// A one-time enrolment code for `team`, valid for [`CODE_VALIDITY`]: the
/// hub's public URL, a fresh secret (only its hash is stored) and the
/// certificate's fingerprint.
pub async fn enrolment_code(
    hub: &Hub,
    team: Uuid,
    url: &str,
    fingerprint: &str,
) -> Result<(EnrolmentCode, OffsetDateTime)> {
    db::team(&hub.pool, team).await?;
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::random::<24>()?);
    let expires = OffsetDateTime::now_utc() + CODE_VALIDITY;
    db::add_enrolment(&hub.pool, team, &Sha256::digest(secret.as_bytes()), expires).await?;
    Ok((
        EnrolmentCode {
            url: url.trim_end_matches('/').to_owned(),
            secret,
            fingerprint: fingerprint.to_owned(),
        },
        expires,
    ))
}

/// Publishes a catalogue pack to the province's laptops: checked like any
/// pack, signed with the province's key; they install it at their next
/// sync when it is newer than theirs. Returns (pack id, version).
pub async fn publish_pack(hub: &Hub, json: &str) -> Result<(String, u32)> {
    let pack = gocua_core::catalogue::parse_pack(json)
        .map_err(|e| Error::BadRequest(format!("catalogue pack: {e}")))?;
    let signed = gocua_core::catalogue::signed::sign(json, &hub.province_key);
    if !db::add_pack(&hub.pool, &pack.pack_id, pack.version, &signed).await? {
        return Err(Error::AlreadyPublished(format!(
            "{} version {}",
            pack.pack_id, pack.version
        )));
    }
    tracing::info!(pack = %pack.pack_id, version = pack.version, "catalogue pack published");
    Ok((pack.pack_id, pack.version))
}

/// Publishes guides (a `gocua-guides` file) to the province's laptops,
/// signed with the province's key; each laptop checks them in full before
/// they replace its own. Returns their version.
pub async fn publish_guides(hub: &Hub, json: &str) -> Result<i64> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Error::BadRequest(format!("guides: {e}")))?;
    if value["format"] != "gocua-guides" || !value["guides"].is_array() {
        return Err(Error::BadRequest("guides: not a gocua-guides file".into()));
    }
    let signed = gocua_core::catalogue::signed::sign(json, &hub.province_key);
    let version = db::add_guides(&hub.pool, &signed).await?;
    tracing::info!(version, "guides published");
    Ok(version)
}

/// Checks a roster member as the lead typed them: a name of 1–100
/// characters, a role `lead` or `volunteer`.
pub fn member(name: &str, role: &str) -> Result<gocua_protocol::hub::RosterMember> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(Error::BadRequest("name".into()));
    }
    let role = match role.parse() {
        Ok(r @ (Role::Lead | Role::Volunteer)) => r,
        _ => return Err(Error::BadRequest("role".into())),
    };
    Ok(gocua_protocol::hub::RosterMember {
        name: name.to_owned(),
        role,
    })
}

/// The team's roster signed with the province's key, as its laptops get
/// it; none while it was never written.
pub async fn signed_roster(
    hub: &Hub,
    team: uuid::Uuid,
) -> Result<Option<gocua_protocol::hub::PublishedRoster>> {
    let (version, members) = db::roster::roster(&hub.pool, team).await?;
    if version == 0 {
        return Ok(None);
    }
    let roster = gocua_protocol::hub::Roster {
        format: gocua_protocol::hub::ROSTER_FORMAT.to_owned(),
        team_id: team.to_string(),
        version,
        members: members
            .into_iter()
            .map(|m| gocua_protocol::hub::RosterMember {
                name: m.name,
                role: m.role,
            })
            .collect(),
    };
    let payload = serde_json::to_string(&roster).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Some(gocua_protocol::hub::PublishedRoster {
        version,
        signed: gocua_core::catalogue::signed::sign(&payload, &hub.province_key),
    }))
}
