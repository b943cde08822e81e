//! Device authentication at the hub, request by request: a signed request
//! passes; a changed body, another device's id, a stale time and a revoked
//! device are each refused with their own code. Enrolment: the laptop that
//! used a code may ask again when the answer was lost (the same device, no
//! ghost); anyone else is refused.

#![allow(clippy::unwrap_used)]

mod pg;

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use gocua_protocol::hub::{Enrol, Enrolled, HUB_DEVICE, HUB_SIGNATURE, HUB_TIME, signed_message};
use sha2::{Digest, Sha256};

struct Device {
    id: String,
    key: SigningKey,
}

async fn post(
    http: &reqwest::Client,
    base: &str,
    device: &Device,
    body: &str,
    signed_body: &str,
    skew: i64,
) -> (u16, String) {
    let time = time::OffsetDateTime::now_utc().unix_timestamp() + skew;
    let digest = gocua_core::hex::encode(&Sha256::digest(signed_body.as_bytes()));
    let sig = device
        .key
        .sign(signed_message("POST", "/v1/sync", time, &digest).as_bytes());
    let r = http
        .post(format!("{base}/v1/sync"))
        .header(HUB_DEVICE, &device.id)
        .header(HUB_TIME, time.to_string())
        .header(
            HUB_SIGNATURE,
            base64::engine::general_purpose::STANDARD.encode(sig.to_bytes()),
        )
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap();
    (status, body["code"].as_str().unwrap_or("ok").to_owned())
}

/// A hub on its own cluster with one team and one enrolment code, and a
/// client that reaches it (the laptop pins the certificate; these tests
/// only need to reach it).
struct Lab {
    _cluster: pg::Cluster,
    _certs: tempfile::TempDir,
    hub: gocua_hub::Hub,
    base: String,
    team: uuid::Uuid,
    secret: String,
    http: reqwest::Client,
    stop: tokio::sync::oneshot::Sender<()>,
}

async fn lab(database: &str) -> Lab {
    let cluster = pg::Cluster::start();
    let hub = gocua_hub::Hub::open(&cluster.database(database).await, 4)
        .await
        .unwrap();
    let certs = tempfile::tempdir().unwrap();
    let (addr, fingerprint, stop) = gocua_hub::launch(&hub, certs.path()).await.unwrap();
    let base = format!("https://127.0.0.1:{}", addr.port());
    let team = gocua_hub::admin::create_team(&hub, "Tổ", "01", None)
        .await
        .unwrap();
    let (code, _) = gocua_hub::admin::enrolment_code(&hub, team.id, &base, &fingerprint)
        .await
        .unwrap();
    let http = reqwest::Client::builder()
        .danger_accept_invalid_certs(true)
        .build()
        .unwrap();
    Lab {
        _cluster: cluster,
        _certs: certs,
        hub,
        base,
        team: team.id,
        secret: code.secret,
        http,
        stop,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_request_is_held_to_its_devices_signature() {
    let Lab {
        hub,
        base,
        secret,
        http,
        stop,
        // Kept to the end: the database and the certificate live with them.
        _cluster: _pg,
        _certs: _tls,
        ..
    } = lab("auth").await;
    let key = SigningKey::from_bytes(&[5; 32]);
    let enrolled: Enrolled = http
        .post(format!("{base}/v1/enrol"))
        .json(&Enrol {
            secret,
            public_key: base64::engine::general_purpose::STANDARD
                .encode(key.verifying_key().to_bytes()),
            name: "Máy A".into(),
            app_version: "0.1.0".into(),
            // As a laptop older than installation secrets enrols.
            installation: None,
        })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let device = Device {
        id: enrolled.device_id,
        key,
    };
    let body = r#"{"events":[],"queue_depth":0,"app_version":"0.1.0","anchor":null}"#;

    assert_eq!(
        post(&http, &base, &device, body, body, 0).await,
        (200, "ok".into())
    );
    let changed = body.replace("0.1.0", "9.9.9");
    assert_eq!(
        post(&http, &base, &device, &changed, body, 0).await,
        (401, "unauthorized".into())
    );
    let stranger = Device {
        id: uuid::Uuid::new_v4().to_string(),
        key: SigningKey::from_bytes(&[5; 32]),
    };
    assert_eq!(
        post(&http, &base, &stranger, body, body, 0).await,
        (401, "unauthorized".into())
    );
    assert_eq!(
        post(&http, &base, &device, body, body, -3600).await,
        (401, "clock_skew".into())
    );
    let impostor = Device {
        id: device.id.clone(),
        key: SigningKey::from_bytes(&[6; 32]),
    };
    assert_eq!(
        post(&http, &base, &impostor, body, body, 0).await,
        (401, "unauthorized".into())
    );
    assert!(
        gocua_hub::db::revoke(&hub.pool, device.id.parse().unwrap())
            .await
            .unwrap()
    );
    assert_eq!(
        post(&http, &base, &device, body, body, 0).await,
        (403, "revoked".into())
    );
    // A revoked device's impostor learns nothing more than any stranger.
    assert_eq!(
        post(&http, &base, &impostor, body, body, 0).await,
        (401, "unauthorized".into())
    );

    let _ = stop.send(());
}

/// Enrols with `code`'s secret, a fresh key and `installation`: the status
/// and the answer's device id (or error code).
async fn enrol(
    http: &reqwest::Client,
    base: &str,
    secret: &str,
    key: u8,
    installation: &str,
) -> (u16, String) {
    let r = http
        .post(format!("{base}/v1/enrol"))
        .json(&Enrol {
            secret: secret.to_owned(),
            public_key: base64::engine::general_purpose::STANDARD.encode(
                SigningKey::from_bytes(&[key; 32])
                    .verifying_key()
                    .to_bytes(),
            ),
            name: "Máy A".into(),
            app_version: "0.1.0".into(),
            installation: Some(installation.to_owned()),
        })
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap();
    let said = body["device_id"].as_str().or(body["code"].as_str());
    (status, said.unwrap_or_default().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_enrolment_answer_is_asked_again_without_a_second_device() {
    let Lab {
        hub,
        base,
        team,
        secret,
        http,
        stop,
        // Kept to the end: the database and the certificate live with them.
        _cluster: _pg,
        _certs: _tls,
        ..
    } = lab("enrol_again").await;
    let mine = "a1".repeat(32);
    let (status, first) = enrol(&http, &base, &secret, 7, &mine).await;
    assert_eq!(status, 200, "{first}");
    // The answer never reached the laptop: it asks again, with a new key.
    assert_eq!(
        enrol(&http, &base, &secret, 8, &mine).await,
        (200, first.clone())
    );
    // The used code is still nobody else's.
    assert_eq!(
        enrol(&http, &base, &secret, 9, &"b2".repeat(32)).await,
        (403, "enrolment_invalid".into())
    );
    // Not a hex secret of our shape: refused before anything is used.
    assert_eq!(enrol(&http, &base, &secret, 9, "not-a-secret").await.0, 400);
    let laptops = gocua_hub::db::devices(&hub.pool, team).await.unwrap();
    assert_eq!(laptops.len(), 1, "no ghost device");
    assert_eq!(laptops[0].joins, 1, "asking again is not joining again");
    assert!(laptops[0].rejoined_at.is_none());
    let _ = stop.send(());
}
