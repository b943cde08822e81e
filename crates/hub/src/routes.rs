//! The hub's HTTP routes (`docs/hub-protocol.openapi.yaml`).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine as _;
use gocua_protocol::hub::{
    Anchor, Enrol, Enrolled, HUB_BATCH_MAX, HUB_SERVICE, HubHealth, SyncBatch, SyncReceipt,
};
use sha2::{Digest, Sha256};

use crate::db::{self, Incoming};
use crate::{Error, Hub, Result, VERSION, auth, facts};

/// The most a request body may hold (a full batch is far below).
const BODY_LIMIT: usize = 8 * 1024 * 1024;

pub fn router(hub: Hub) -> Router {
    Router::new()
        .route("/healthz", get(health))
        .route("/v1/enrol", post(enrol))
        .route("/v1/sync", post(sync))
        .route("/v1/anchor", get(anchor))
        .route("/v1/anchors", get(anchors))
        .route("/v1/catalogue", get(catalogue))
        .route("/v1/guides", get(guides))
        .route("/v1/roster", get(roster))
        .merge(crate::handover::routes())
        .merge(crate::web::routes(&hub))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(hub)
}

async fn health(State(hub): State<Hub>) -> Json<HubHealth> {
    Json(HubHealth {
        service: HUB_SERVICE.to_owned(),
        version: VERSION.to_owned(),
        database: db::ping(&hub.pool).await,
    })
}

fn json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::BadRequest(e.to_string()))
}

async fn enrol(State(hub): State<Hub>, body: Bytes) -> Result<Json<Enrolled>> {
    let req: Enrol = json(&body)?;
    let b64 = base64::engine::general_purpose::STANDARD;
    let public_key = b64
        .decode(&req.public_key)
        .ok()
        .filter(|k| k.len() == 32)
        .ok_or_else(|| Error::BadRequest("public_key must be 32 bytes of base64".into()))?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 100 || req.app_version.len() > 40 {
        return Err(Error::BadRequest("name or app_version".into()));
    }
    let secret_hash = Sha256::digest(req.secret.as_bytes());
    // Kept as a hash: whoever reads the hub's database cannot present it.
    let installation = match req.installation.as_deref() {
        Some(i) if gocua_protocol::is_installation_key(i) => Some(Sha256::digest(i.as_bytes())),
        Some(_) => {
            return Err(Error::BadRequest(
                "installation must be 64 lower-case hex digits".into(),
            ));
        }
        None => None,
    };
    let db::Enrolment {
        device,
        team,
        known,
    } = db::enrol(
        &hub.pool,
        &db::NewDevice {
            secret_hash: &secret_hash,
            public_key: &public_key,
            name,
            app_version: &req.app_version,
            installation_hash: installation.as_ref().map(|h| h.as_slice()),
        },
    )
    .await?;
    tracing::info!(%device, team = %team.id, known, "laptop enrolled");
    Ok(Json(Enrolled {
        device_id: device.to_string(),
        team_id: team.id.to_string(),
        team_name: team.name,
        province_key: b64.encode(hub.province_key.verifying_key().to_bytes()),
        team_salt: b64.encode(&team.salt),
        known,
        province: Some(team.province),
    }))
}

async fn sync(
    State(hub): State<Hub>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<SyncReceipt>> {
    let device = auth::device(&hub, &headers, "POST", "/v1/sync", &body).await?;
    let batch: SyncBatch = json(&body)?;
    if batch.events.len() > HUB_BATCH_MAX {
        return Err(Error::BadRequest(format!(
            "at most {HUB_BATCH_MAX} events a batch"
        )));
    }
    let events = batch
        .events
        .iter()
        .map(|e| {
            Ok(Incoming {
                id: e
                    .id
                    .parse()
                    .map_err(|_| Error::BadRequest(format!("event id {:?}", e.id)))?,
                record: e.record.clone(),
                rev: e.rev,
                facts: facts::parse(&e.facts)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let done = hub
        .ingestor
        .send(db::Batch {
            device: device.clone(),
            events,
        })
        .await?;
    if let Some(a) = &batch.anchor {
        if a.seq < 1 || a.hash.len() != 64 {
            return Err(Error::BadRequest("anchor".into()));
        }
        let since = batch
            .anchor_since
            .as_ref()
            .map(|s| (s.seq, s.hash.as_str()));
        let kept = db::add_anchor(
            &hub.pool,
            device.id,
            (a.seq, &a.hash),
            since,
            gocua_protocol::hub::ANCHOR_STEP_MAX,
        )
        .await?;
        if !kept {
            // Not an error for the laptop: its events are stored; the lead
            // sees the laptop flagged, and its own check says the chain
            // no longer matches.
            tracing::warn!(device = %device.id, seq = a.seq, "an audit anchor did not extend the chain the hub holds");
        }
    }
    db::seen(&hub.pool, device.id, &batch.app_version, batch.queue_depth).await?;
    tracing::info!(device = %device.id, stored = done.stored, duplicates = done.duplicates, "sync");
    Ok(Json(SyncReceipt {
        stored: done.stored,
        duplicates: done.duplicates,
        anchor: db::last_anchor(&hub.pool, device.id)
            .await?
            .map(|(seq, hash)| Anchor { seq, hash }),
    }))
}

/// The newest audit anchor the hub holds for the asking device: what
/// `gocua audit verify` compares the local chain with.
async fn anchor(State(hub): State<Hub>, headers: HeaderMap) -> Result<Json<Option<Anchor>>> {
    let device = auth::device(&hub, &headers, "GET", "/v1/anchor", &[]).await?;
    Ok(Json(
        db::last_anchor(&hub.pool, device.id)
            .await?
            .map(|(seq, hash)| Anchor { seq, hash }),
    ))
}

/// Every audit anchor the hub holds for the asking device, oldest first:
/// `gocua audit verify` checks each against the local chain.
async fn anchors(State(hub): State<Hub>, headers: HeaderMap) -> Result<Json<Vec<Anchor>>> {
    let device = auth::device(&hub, &headers, "GET", "/v1/anchors", &[]).await?;
    Ok(Json(
        db::anchors(&hub.pool, device.id)
            .await?
            .into_iter()
            .map(|(seq, hash)| Anchor { seq, hash })
            .collect(),
    ))
}

/// The newest signed catalogue pack of each pack id (for enrolled laptops).
async fn catalogue(
    State(hub): State<Hub>,
    headers: HeaderMap,
) -> Result<Json<Vec<gocua_protocol::hub::PublishedPack>>> {
    auth::device(&hub, &headers, "GET", "/v1/catalogue", &[]).await?;
    Ok(Json(
        db::latest_packs(&hub.pool)
            .await?
            .into_iter()
            .map(
                |(pack_id, version, signed)| gocua_protocol::hub::PublishedPack {
                    pack_id,
                    version,
                    signed,
                },
            )
            .collect(),
    ))
}

/// The newest guides the province published, if any.
async fn guides(
    State(hub): State<Hub>,
    headers: HeaderMap,
) -> Result<Json<Option<gocua_protocol::hub::PublishedGuides>>> {
    auth::device(&hub, &headers, "GET", "/v1/guides", &[]).await?;
    Ok(Json(db::latest_guides(&hub.pool).await?.map(
        |(version, signed)| gocua_protocol::hub::PublishedGuides { version, signed },
    )))
}

/// The asking device's team roster, signed with the province's key.
async fn roster(
    State(hub): State<Hub>,
    headers: HeaderMap,
) -> Result<Json<Option<gocua_protocol::hub::PublishedRoster>>> {
    let device = auth::device(&hub, &headers, "GET", "/v1/roster", &[]).await?;
    Ok(Json(crate::admin::signed_roster(&hub, device.team).await?))
}

#[cfg(test)]
mod tests {
    /// Every route of [`super::router`].
    const ROUTES: [(&str, &str); 11] = [
        ("GET", "/healthz"),
        ("POST", "/v1/enrol"),
        ("POST", "/v1/sync"),
        ("GET", "/v1/anchor"),
        ("GET", "/v1/catalogue"),
        ("GET", "/v1/guides"),
        ("GET", "/v1/roster"),
        ("GET", "/v1/team/devices"),
        ("GET", "/v1/handovers"),
        ("POST", "/v1/handovers"),
        ("POST", "/v1/handovers/{id}/{action}"),
    ];

    #[test]
    fn the_openapi_document_describes_every_route() {
        let doc = include_str!("../../../docs/hub-protocol.openapi.yaml");
        for (method, path) in ROUTES {
            let at = doc
                .find(&format!("\n  {path}:\n"))
                .unwrap_or_else(|| panic!("{path} is not in the OpenAPI document"));
            let section = &doc[at + 1..];
            let end = section[1..].find("\n  /").map_or(section.len(), |e| e + 1);
            assert!(
                section[..end].contains(&format!("    {}:", method.to_ascii_lowercase())),
                "{method} {path} is not in the OpenAPI document"
            );
        }
        for name in [
            "x-gocua-device",
            "x-gocua-time",
            "x-gocua-signature",
            "gocua-hub-v1",
            "GC1-",
        ] {
            assert!(doc.contains(name), "{name}");
        }
    }
}

#[cfg(test)]
mod dependencies {
    /// The hub is a service of its own: the laptop's crates are for its
    /// tests only (as laptops), never for the service.
    #[test]
    fn the_hub_never_depends_on_the_laptops_crates() {
        let manifest = include_str!("../Cargo.toml");
        let deps = manifest
            .split("[dependencies]")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .unwrap_or_default();
        assert!(deps.contains("gocua-core"), "the section was found");
        for laptop in ["gocua-store", "gocua-sync", "gocua-api"] {
            assert!(!deps.contains(laptop), "gocua-hub depends on {laptop}");
        }
    }
}
