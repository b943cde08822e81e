//! What travels in a hand-over's sealed envelope — the draft as the
//! receiver will hold it — and the three things done with it: sealing a
//! locked draft for its receiver, opening one that arrived, and importing
//! an accepted one as a dossier of this laptop (once).

use base64::Engine as _;
use gocua_core::sealed;
use gocua_protocol::hub::HandoverIncoming;
use gocua_store::{
    ConsentRow, Direction, HandoverRow, HandoverState, HubLink, Import, ImportPaper, Store,
};
use serde::{Deserialize, Serialize};

use super::audit;
use crate::hub::{HubContext, HubError, Result};

/// What travels sealed: the draft, as the receiver will hold it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Payload {
    pub(super) v: u32,
    pub(super) dossier: PayloadDossier,
    pub(super) answers: String,
    pub(super) documents: String,
    pub(super) consents: Vec<PayloadConsent>,
    pub(super) papers: Vec<PayloadPaper>,
    /// The volunteer who handed it over and recorded the citizen's agreement.
    pub(super) sent_by: String,
    pub(super) agreed_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PayloadDossier {
    pub(super) id: String,
    pub(super) procedure_code: String,
    pub(super) procedure_name: String,
    pub(super) schema_id: String,
    pub(super) schema_version: u32,
    pub(super) position: String,
    pub(super) created_at: String,
    pub(super) citizen_name: Option<String>,
    pub(super) citizen_cccd: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PayloadConsent {
    purpose: String,
    granted: bool,
    text_version: String,
    operator: String,
    given_at: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PayloadPaper {
    document: u32,
    name: String,
    mime: String,
    created_at: String,
    /// Base64.
    data: String,
}

pub(super) fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// A device key sent by the hub (base64, 32 bytes).
pub(super) fn key32(text: &str) -> Result<[u8; 32]> {
    b64()
        .decode(text)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| HubError::Refused("a device key is not 32 bytes of base64".into()))
}

/// The sealed envelope of the draft `dossier` for `to`.
pub(super) fn seal(
    store: &Store,
    link: &HubLink,
    own: &sealed::SigningKey,
    h: &HandoverRow,
    to_key: &[u8; 32],
    agreed_at: &str,
) -> Result<String> {
    let (row, answers, documents) = store
        .dossiers()
        .with_answers(&h.dossier)?
        .ok_or_else(|| HubError::NotFound(h.dossier.clone()))?;
    let consents = store.handovers().consents_of(&h.dossier)?;
    let attachments = store.attachments();
    let papers = attachments
        .of(&h.dossier)?
        .into_iter()
        .map(|a| {
            let data = attachments
                .blob(&a.sha256)?
                .ok_or_else(|| HubError::Damaged(format!("blob {} missing", a.sha256)))?;
            Ok(PayloadPaper {
                document: a.document,
                name: a.name,
                mime: a.mime,
                created_at: a.created_at,
                data: b64().encode(data),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let payload = Payload {
        v: 1,
        dossier: PayloadDossier {
            id: row.id,
            procedure_code: row.procedure_code,
            procedure_name: row.procedure_name,
            schema_id: row.schema_id,
            schema_version: row.schema_version,
            position: row.position,
            created_at: row.created_at,
            citizen_name: row.citizen_name,
            citizen_cccd: row.citizen_cccd,
        },
        answers,
        documents,
        consents: consents
            .into_iter()
            .map(|c| PayloadConsent {
                purpose: c.purpose.as_str().to_owned(),
                granted: c.granted,
                text_version: c.text_version,
                operator: c.operator,
                given_at: c.given_at,
            })
            .collect(),
        papers,
        sent_by: h.operator.clone(),
        agreed_at: agreed_at.to_owned(),
    };
    let bytes = serde_json::to_vec(&payload).map_err(|e| HubError::Damaged(e.to_string()))?;
    let mut ephemeral = [0u8; 32];
    getrandom::fill(&mut ephemeral).map_err(|e| HubError::Local(format!("no randomness: {e}")))?;
    let envelope = sealed::seal(
        &bytes,
        &h.id,
        &link.device_id,
        own,
        &h.peer_device,
        to_key,
        ephemeral,
    )
    .map_err(|e| HubError::Refused(e.to_string()))?;
    let text = envelope.to_json();
    if text.len() > gocua_protocol::hub::HANDOVER_MAX {
        return Err(HubError::TooLarge(text.len()));
    }
    Ok(text)
}

/// An incoming envelope, opened and read.
pub(super) fn open(
    link: &HubLink,
    own: &sealed::SigningKey,
    i: &HandoverIncoming,
) -> Result<Payload> {
    let envelope = sealed::parse(&i.envelope).map_err(|e| HubError::Sealed(e.to_string()))?;
    if envelope.id != i.id || envelope.from != i.from_device || envelope.to != link.device_id {
        return Err(HubError::Sealed(
            "the envelope names another hand-over".into(),
        ));
    }
    let bytes = sealed::open(&envelope, own, &key32(&i.from_key)?)
        .map_err(|e| HubError::Sealed(e.to_string()))?;
    let payload: Payload =
        serde_json::from_slice(&bytes).map_err(|e| HubError::Sealed(e.to_string()))?;
    if payload.v != 1 {
        return Err(HubError::Sealed(format!("payload version {}", payload.v)));
    }
    Ok(payload)
}

/// Makes an accepted envelope a dossier of this laptop (once).
pub(super) fn import(cx: &HubContext<'_>, i: &HandoverIncoming, p: &Payload) -> Result<()> {
    let now = cx.stamp();
    let operator = cx.operator.to_owned();
    cx.with(|store| import_in(store, i, p, &now, &operator))
}

fn import_in(
    store: &mut Store,
    i: &HandoverIncoming,
    p: &Payload,
    now: &str,
    operator: &str,
) -> Result<()> {
    let (now, operator) = (now.to_owned(), operator.to_owned());
    let pack = store
        .handovers()
        .form_pack(&p.dossier.schema_id, p.dossier.schema_version)?
        .ok_or_else(|| HubError::NoForm(p.dossier.schema_id.clone()))?;
    let consents = p
        .consents
        .iter()
        .map(|c| {
            Ok(ConsentRow {
                purpose: c
                    .purpose
                    .parse()
                    .map_err(|_| HubError::Sealed(format!("purpose {:?}", c.purpose)))?,
                granted: c.granted,
                text_version: c.text_version.clone(),
                operator: c.operator.clone(),
                given_at: c.given_at.clone(),
                withdrawn_at: None,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let data = p
        .papers
        .iter()
        .map(|x| {
            b64()
                .decode(&x.data)
                .map_err(|e| HubError::Sealed(e.to_string()))
        })
        .collect::<Result<Vec<_>>>()?;
    let papers: Vec<ImportPaper<'_>> = p
        .papers
        .iter()
        .zip(&data)
        .map(|(x, data)| ImportPaper {
            document: x.document,
            name: &x.name,
            mime: &x.mime,
            data,
            created_at: &x.created_at,
        })
        .collect();
    let search = gocua_core::text::fold(&format!(
        "{} {} {} {}",
        p.dossier.procedure_name,
        p.dossier.procedure_code,
        p.dossier.citizen_name.as_deref().unwrap_or_default(),
        p.dossier.citizen_cccd.as_deref().unwrap_or_default()
    ));
    let h = HandoverRow {
        id: i.id.clone(),
        direction: Direction::In,
        dossier: p.dossier.id.clone(),
        peer_device: i.from_device.clone(),
        peer_name: i.from_name.clone(),
        procedure_name: p.dossier.procedure_name.clone(),
        papers: u32::try_from(p.papers.len()).unwrap_or(u32::MAX),
        state: HandoverState::Accepted,
        delivered: true,
        operator: operator.clone(),
        created_at: now.clone(),
        decided_at: Some(now.clone()),
    };
    let w = store.write()?;
    let imported = w.handovers().import(&Import {
        handover: &h,
        id: &p.dossier.id,
        procedure_code: &p.dossier.procedure_code,
        pack,
        schema_id: &p.dossier.schema_id,
        schema_version: p.dossier.schema_version,
        operator: &operator,
        position: &p.dossier.position,
        search: &search,
        created_at: &p.dossier.created_at,
        answers: &p.answers,
        documents: &p.documents,
        consents: &consents,
        papers: &papers,
        now: &now,
    })?;
    if imported {
        audit(
            &w,
            &now,
            &operator,
            "dossier.received",
            &format!(
                "dossier:{} from:{} agreed:{} by:{}",
                p.dossier.id, i.from_device, p.agreed_at, p.sent_by
            ),
        )?;
    }
    w.commit()?;
    Ok(())
}
