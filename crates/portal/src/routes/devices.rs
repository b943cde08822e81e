//! Devices: registration (one installation key is one device, whatever its
//! tokens).

#[allow(unused_imports)]
use super::*;
use crate::db;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gocua_core::hex::encode as hex;
use gocua_protocol::{DeviceRegistration, DeviceToken};
use sha2::{Digest, Sha256};

pub(super) async fn register(
    State(st): St,
    Json(req): Json<DeviceRegistration>,
) -> Result<Response, Fail> {
    let name = req.device_name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "device_name must be 1–200 characters".into(),
        ));
    }
    let key_hash = match &req.installation_key {
        Some(k) if gocua_protocol::is_installation_key(k) => {
            Some(hex(&Sha256::digest(k.as_bytes())))
        }
        Some(_) => {
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "installation_key must be 64 lower-case hex digits".into(),
            ));
        }
        None => None,
    };
    let token = random_hex(32)?;
    let mut conn = st.db.lock().map_err(internal)?;
    let tx = conn.transaction()?;
    // A laptop that registers again with its key stays the same device: a
    // new token (the old one stops working), the same dossiers and uploads.
    if let Some(hash) = &key_hash
        && let Some(device_id) = db::device_of_key(&tx, hash)?
    {
        db::rotate_token(&tx, &device_id, &token, name)?;
        tx.commit()?;
        return Ok((StatusCode::OK, Json(DeviceToken { device_id, token })).into_response());
    }
    let device_id = format!("dev-{}", random_hex(8)?);
    db::insert_device(&tx, &device_id, &token, name, &stamp(), key_hash.as_deref())?;
    tx.commit()?;
    Ok((StatusCode::CREATED, Json(DeviceToken { device_id, token })).into_response())
}
