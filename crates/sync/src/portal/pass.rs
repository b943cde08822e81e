//! One whole sync pass: this laptop's identity and token at the portal, the
//! outbox worker, and what a refused token or an unreachable portal leaves
//! behind. One pass at a time per data folder, across processes too.
//!
//! Identity: the laptop makes an installation key once (kept in the
//! encrypted database) and registers with it. A portal that already knows
//! the key answers with a new token for the *same* device, so a lost or
//! revoked token, a new portal URL or a restored backup never turns the
//! laptop into a stranger whose dossiers the portal would store twice. When
//! the portal does answer with another device (another portal, or one that
//! lost its database), the papers' upload ids belong to the old device, so
//! they are forgotten and the papers uploaded again.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use gocua_store::{SettingKey, Store};
use time::OffsetDateTime;

use super::client::{PortalClient, SendError};
use super::url::PortalUrl;
use super::worker::{Pass, Policy, Result, SyncError, run_once, stamp, with};
use crate::lock::PassLock;

/// What a pass needs besides the store.
pub struct PassContext<'a> {
    /// The portal to send to.
    pub portal: &'a PortalUrl,
    /// How the worker behaves.
    pub policy: &'a Policy,
    /// How long one request may take.
    pub timeout: Duration,
    /// The name the laptop registers under (nothing personal or local).
    pub device_name: &'a str,
    /// The file that keeps two processes on one data folder from running a
    /// pass at the same time (`None`: the caller guarantees it).
    pub lock: Option<&'a Path>,
    /// How long to wait for another pass on the data folder to end before
    /// this one is given up as busy (zero for the background, which comes
    /// back soon; [`crate::lock::COMMAND_PATIENCE`] for a volunteer's "send
    /// now").
    pub patience: Duration,
    /// The clock.
    pub now: &'a (dyn Fn() -> OffsetDateTime + Sync),
}

/// The outcome of [`sync_pass`].
#[derive(Debug)]
pub struct PassOutcome {
    /// What the worker did.
    pub pass: Pass,
    /// A client with a valid token, for further calls (the catalogue);
    /// `None` when there is none after this pass.
    pub client: Option<PortalClient>,
    /// Another process was running a pass on this data folder: nothing was done.
    pub busy: bool,
}

/// One pass: registers when needed, sends what is due, reads the status
/// feed; a refused token is forgotten (the next pass registers again, as
/// the same device), and an unreachable portal pushes what was due back.
pub async fn sync_pass(
    store: &Mutex<Store>,
    cx: &PassContext<'_>,
    random: &mut (dyn FnMut() -> f64 + Send),
) -> Result<PassOutcome> {
    let _guard = match cx.lock {
        Some(path) => match PassLock::take(path, cx.patience)
            .await
            .map_err(SyncError::Local)?
        {
            Some(g) => Some(g),
            None => {
                return Ok(PassOutcome {
                    pass: Pass::default(),
                    client: None,
                    busy: true,
                });
            }
        },
        None => None,
    };
    let client = PortalClient::new(cx.portal.clone(), cx.timeout)
        .map_err(|e| SyncError::Local(e.to_string()))?;
    let token = match token(store, &client, cx.portal, cx.device_name).await? {
        Ok(t) => t,
        Err(e) => {
            // Not even registration went through: what was due waits, with the reason.
            let now = (cx.now)();
            let wait = cx.policy.backoff.delay(1, random(), None);
            let next_at = now + time::Duration::try_from(wait).unwrap_or(time::Duration::ZERO);
            let retried = with(store, |s| {
                let w = s.write()?;
                let n = w.outbox().unreachable(
                    &stamp(now),
                    &stamp(next_at),
                    &e.to_string(),
                    e.kind(),
                )?;
                w.commit()?;
                Ok(n as u32)
            })?;
            return Ok(PassOutcome {
                pass: Pass {
                    retried,
                    pull_failed: Some(e.to_string()),
                    ..Pass::default()
                },
                client: None,
                busy: false,
            });
        }
    };
    let client = client.with_token(token);
    let pass = run_once(store, &client, cx.policy, cx.now, random).await?;
    if pass.unauthorized {
        // The portal no longer takes this token: forget it, and the next
        // pass registers again (as the same device, by the installation key).
        with(store, |s| {
            let w = s.write()?;
            let mut tx = w.settings();
            tx.unset(SettingKey::PortalToken)?;
            w.commit()?;
            Ok(())
        })?;
        return Ok(PassOutcome {
            pass,
            client: None,
            busy: false,
        });
    }
    Ok(PassOutcome {
        pass,
        client: Some(client),
        busy: false,
    })
}

/// This laptop's token at `portal`, registering first when it has none for
/// that URL.
async fn token(
    store: &Mutex<Store>,
    client: &PortalClient,
    portal: &PortalUrl,
    device_name: &str,
) -> Result<std::result::Result<String, SendError>> {
    let (saved, for_url, key, device) = with(store, |s| {
        let st = s.settings();
        Ok((
            st.get(SettingKey::PortalToken)?,
            st.get(SettingKey::PortalTokenUrl)?,
            st.get(SettingKey::PortalInstallationKey)?,
            st.get(SettingKey::PortalDeviceId)?,
        ))
    })?;
    if let (Some(t), Some(u)) = (saved, &for_url)
        && u == portal.as_str()
    {
        return Ok(Ok(t));
    }
    // The key is saved before it is first sent: a crash after the portal
    // registered it must not leave the laptop with a key the portal never saw.
    let key = match key.filter(|k| gocua_protocol::is_installation_key(k)) {
        Some(k) => k,
        None => {
            let k = crate::new_installation_key()
                .map_err(|e| SyncError::Local(format!("no randomness: {e}")))?;
            with(store, |s| {
                let w = s.write()?;
                let mut tx = w.settings();
                tx.set(SettingKey::PortalInstallationKey, &k)?;
                w.commit()?;
                Ok(())
            })?;
            k
        }
    };
    let registered = match client.register(device_name, Some(&key)).await {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    let same_device = device.as_deref() == Some(registered.device_id.as_str());
    with(store, |s| {
        if !same_device {
            // Upload ids name another device's uploads: send the papers again.
            let w = s.write()?;
            let n = w.attachments().reset_uploads(None)?;
            w.commit()?;
            if n > 0 {
                tracing::info!(
                    attachments = n,
                    "registered as a new device: papers are uploaded again"
                );
            }
        }
        let w = s.write()?;
        let mut tx = w.settings();
        tx.set(SettingKey::PortalToken, &registered.token)?;
        tx.set(SettingKey::PortalTokenUrl, portal.as_str())?;
        tx.set(SettingKey::PortalDeviceId, &registered.device_id)?;
        if !same_device {
            // The status feed is per device.
            tx.unset(SettingKey::SyncCursor)?;
        }
        w.commit()?;
        Ok(())
    })?;
    Ok(Ok(registered.token))
}
