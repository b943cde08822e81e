//! The hand-over routes: a team's laptops pass sealed drafts to each other
//! through the hub, which checks who may send what to whom, relays the
//! envelope it cannot read, and decides each hand-over exactly once.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use gocua_protocol::hub::{HANDOVER_MAX, HandoverMail, HandoverSend, HandoverStatus, TeamDevice};
use uuid::Uuid;

use crate::db::handover::{self as store, Action, Refusal};
use crate::{Error, Hub, Result, auth};

/// The routes, to merge into the hub's router.
pub fn routes() -> Router<Hub> {
    Router::new()
        .route("/v1/team/devices", get(devices))
        .route(
            "/v1/handovers",
            get(mail)
                .post(send)
                .layer(axum::extract::DefaultBodyLimit::max(
                    HANDOVER_MAX + 64 * 1024,
                )),
        )
        .route("/v1/handovers/{id}/{action}", post(act))
}

fn json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| Error::BadRequest(e.to_string()))
}

fn uuid(text: &str, what: &str) -> Result<Uuid> {
    text.parse()
        .map_err(|_| Error::BadRequest(format!("{what} {text:?} is not a UUID")))
}

async fn devices(State(hub): State<Hub>, headers: HeaderMap) -> Result<Json<Vec<TeamDevice>>> {
    let me = auth::device(&hub, &headers, "GET", "/v1/team/devices", &[]).await?;
    Ok(Json(store::team_devices(&hub.pool, &me).await?))
}

async fn send(
    State(hub): State<Hub>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<HandoverStatus>> {
    let me = auth::device(&hub, &headers, "POST", "/v1/handovers", &body).await?;
    let req: HandoverSend = json(&body)?;
    let id = uuid(&req.id, "id")?;
    let to = uuid(&req.to_device, "to_device")?;
    if req.envelope.len() > HANDOVER_MAX {
        return Err(Error::BadRequest("the envelope is too large".into()));
    }
    if to == me.id {
        return Err(Error::BadRequest(
            "a laptop cannot hand a draft to itself".into(),
        ));
    }
    if store::receiver_key(&hub.pool, me.team, to).await?.is_none() {
        return Err(Error::NotFound(format!(
            "no laptop {to} of this team can receive"
        )));
    }
    // The envelope must be what it says: this hand-over, from this device,
    // to that one, signed by this device's key. Its content stays sealed.
    let sealed =
        gocua_core::sealed::parse(&req.envelope).map_err(|e| Error::BadRequest(e.to_string()))?;
    if sealed.id != req.id || sealed.from != me.id.to_string() || sealed.to != req.to_device {
        return Err(Error::BadRequest(
            "the envelope names another hand-over, sender or receiver".into(),
        ));
    }
    let sender: [u8; 32] = me
        .public_key
        .as_slice()
        .try_into()
        .map_err(|_| Error::Internal("stored public key is not 32 bytes".into()))?;
    gocua_core::sealed::verify(&sealed, &sender).map_err(|e| Error::BadRequest(e.to_string()))?;
    let state = store::send(&hub.pool, &me, id, to, &req.envelope).await?;
    tracing::info!(handover = %id, from = %me.id, to = %to, bytes = req.envelope.len(), "hand-over sent");
    Ok(Json(HandoverStatus { id: req.id, state }))
}

async fn mail(State(hub): State<Hub>, headers: HeaderMap) -> Result<Json<HandoverMail>> {
    let me = auth::device(&hub, &headers, "GET", "/v1/handovers", &[]).await?;
    let expired = store::expire(&hub.pool, me.id).await?;
    if expired > 0 {
        tracing::info!(device = %me.id, expired, "hand-overs expired");
    }
    Ok(Json(HandoverMail {
        incoming: store::incoming(&hub.pool, me.id).await?,
        outgoing: store::outgoing(&hub.pool, me.id).await?,
    }))
}

async fn act(
    State(hub): State<Hub>,
    Path((id, action)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<HandoverStatus>> {
    let path = format!("/v1/handovers/{id}/{action}");
    let me = auth::device(&hub, &headers, "POST", &path, &body).await?;
    let uuid = uuid(&id, "id")?;
    let action =
        Action::parse(&action).ok_or_else(|| Error::NotFound(format!("action {action:?}")))?;
    match store::act(&hub.pool, me.id, uuid, action).await? {
        Ok(state) => {
            tracing::info!(handover = %uuid, device = %me.id, ?action, state = state.as_str(), "hand-over");
            Ok(Json(HandoverStatus { id, state }))
        }
        Err(Refusal::Unknown) => Err(Error::NotFound(format!("hand-over {id}"))),
        Err(Refusal::Closed(state)) => Err(Error::HandoverClosed(state)),
    }
}
