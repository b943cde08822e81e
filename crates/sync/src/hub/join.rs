//! Joining a hub with an enrolment code, and leaving it.

use base64::Engine as _;
use gocua_core::catalogue::signed::KeyScope;
use gocua_protocol::hub::{Enrol, EnrolmentCode};
use gocua_store::{AuditEntry, HubLink, SettingKey, TrustedKey};

use super::{HUB_TIMEOUT, HubClient, HubContext, HubError, Result, client};

/// Joins the hub named by an enrolment code: makes this laptop's device key,
/// registers its public half under `name`, pins the hub's certificate and
/// trusts the province's content key. Joining again (a new code) replaces
/// the earlier hub, and everything is sent anew.
pub async fn join(cx: &HubContext<'_>, code: &str, name: &str, app_version: &str) -> Result<()> {
    let code = EnrolmentCode::parse(code).map_err(|e| HubError::CodeDamaged(e.to_string()))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(HubError::InvalidName(name.to_owned()));
    }
    let secret =
        client::new_device_key().map_err(|e| HubError::Local(format!("no randomness: {e}")))?;
    let installation = installation_key(cx)?;
    let hub = HubClient::new(&code.url, &code.fingerprint, HUB_TIMEOUT)?;
    let enrolled = hub
        .enrol(&Enrol {
            secret: code.secret.clone(),
            public_key: client::public_key(&secret),
            name: name.to_owned(),
            app_version: app_version.to_owned(),
            installation: Some(installation),
        })
        .await?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let team_salt = b64
        .decode(&enrolled.team_salt)
        .map_err(|e| HubError::Refused(format!("team salt: {e}")))?;
    let mut device_salt = [0u8; 16];
    getrandom::fill(&mut device_salt)
        .map_err(|e| HubError::Local(format!("no randomness: {e}")))?;
    let now = cx.stamp();
    // The province's key signs the content the hub passes on (catalogue
    // packs): trusted from now on, like a key a lead adds by hand.
    let province_key = b64
        .decode(&enrolled.province_key)
        .ok()
        .filter(|k| k.len() == 32)
        .map(|k| gocua_core::hex::encode(&k))
        .ok_or_else(|| HubError::Refused("the province key is not 32 bytes".into()))?;
    cx.with(|store| {
        let w = store.write()?;
        // The hub's key signs only its team's province's packs (and its
        // guides and roster); an older hub that does not say its province,
        // no pack at all. A key of an earlier hub is forgotten.
        w.catalogue().untrust_hub_keys()?;
        w.catalogue().trust_key(&TrustedKey {
            public_key: province_key,
            name: format!("{} ({})", enrolled.team_name, code.url),
            added_at: now.clone(),
            added_by: cx.operator.to_owned(),
            scope: enrolled
                .province
                .as_deref()
                .and_then(|p| format!("province:{p}").parse().ok())
                .unwrap_or(KeyScope::Hub),
        })?;
        w.hub().join(&HubLink {
            url: code.url,
            fingerprint: code.fingerprint,
            device_id: enrolled.device_id.clone(),
            device_secret: secret.to_vec(),
            team_id: enrolled.team_id,
            team_name: enrolled.team_name,
            province_key: enrolled.province_key,
            team_salt,
            device_salt: device_salt.to_vec(),
            joined_at: now.clone(),
            revoked_at: None,
            last_sync_at: None,
            last_error: None,
        })?;
        // A roster is a team's: the new hub's comes at the next sync.
        w.settings().unset(SettingKey::HubRoster)?;
        w.audit().append(&AuditEntry {
            at: &now,
            operator: cx.operator,
            action: "hub.join",
            subject: &format!("device:{}", enrolled.device_id),
        })?;
        w.commit()?;
        Ok(())
    })
}

/// The laptop's installation secret at team hubs, made the first time it
/// joins and saved before it is first sent (a crash after the hub took it
/// must not leave the laptop with one the hub never saw); leaving keeps it.
fn installation_key(cx: &HubContext<'_>) -> Result<String> {
    cx.with(|store| {
        let saved = store
            .settings()
            .get(SettingKey::HubInstallationKey)?
            .filter(|k| gocua_protocol::is_installation_key(k));
        if let Some(k) = saved {
            return Ok(k);
        }
        let k = crate::new_installation_key()
            .map_err(|e| HubError::Local(format!("no randomness: {e}")))?;
        let w = store.write()?;
        w.settings().set(SettingKey::HubInstallationKey, &k)?;
        w.commit()?;
        Ok(k)
    })
}

/// Forgets the hub (the laptop's data and its installation secret stay).
pub fn leave(cx: &HubContext<'_>) -> Result<()> {
    let now = cx.stamp();
    cx.with(|store| {
        let w = store.write()?;
        w.hub().leave()?;
        // Nothing the hub signs is trusted any more (what it installed stays).
        w.catalogue().untrust_hub_keys()?;
        w.settings().unset(SettingKey::HubRoster)?;
        w.audit().append(&AuditEntry {
            at: &now,
            operator: cx.operator,
            action: "hub.leave",
            subject: "hub",
        })?;
        w.commit()?;
        Ok(())
    })
}
