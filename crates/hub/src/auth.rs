//! Device authentication: every request after enrolment is signed with the
//! device's ed25519 key over method, path, time and the body's hash.

use axum::http::HeaderMap;
use base64::Engine as _;
use ed25519_dalek::{Signature, VerifyingKey};
use gocua_protocol::hub::{HUB_CLOCK_SKEW, HUB_DEVICE, HUB_SIGNATURE, HUB_TIME, signed_message};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::db::{self, DeviceAuth};
use crate::{Error, Hub, Result};

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Result<&'h str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| Error::Unauthorized(format!("missing {name}")))
}

/// The device that signed this request, checked: known, not revoked, its
/// signature valid, its time within [`HUB_CLOCK_SKEW`] of ours.
pub async fn device(
    hub: &Hub,
    headers: &HeaderMap,
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<DeviceAuth> {
    let id: Uuid = header(headers, HUB_DEVICE)?
        .parse()
        .map_err(|_| Error::Unauthorized("device id".into()))?;
    let time: i64 = header(headers, HUB_TIME)?
        .parse()
        .map_err(|_| Error::Unauthorized("time".into()))?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    if (now - time).abs() > HUB_CLOCK_SKEW {
        return Err(Error::ClockSkew);
    }
    let signature = base64::engine::general_purpose::STANDARD
        .decode(header(headers, HUB_SIGNATURE)?)
        .ok()
        .and_then(|b| Signature::from_slice(&b).ok())
        .ok_or_else(|| Error::Unauthorized("signature".into()))?;
    let device = db::device(&hub.pool, id)
        .await?
        .ok_or_else(|| Error::Unauthorized("unknown device".into()))?;
    let key: [u8; 32] = device
        .public_key
        .as_slice()
        .try_into()
        .map_err(|_| Error::Internal("stored public key is not 32 bytes".into()))?;
    let key = VerifyingKey::from_bytes(&key).map_err(|e| Error::Internal(e.to_string()))?;
    let digest = gocua_core::hex::encode(&Sha256::digest(body));
    key.verify_strict(
        signed_message(method, path, time, &digest).as_bytes(),
        &signature,
    )
    .map_err(|_| Error::Unauthorized("bad signature".into()))?;
    // Checked after the signature, so that only the device itself learns
    // that it was revoked.
    if device.revoked {
        return Err(Error::Revoked);
    }
    Ok(device)
}
