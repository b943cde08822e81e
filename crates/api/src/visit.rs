//! Visits: a volunteer's session with one citizen, started by the signed-in
//! operator, its outcomes (VNeID, portal login), guide progress and rating.

use crate::clock::stamp;
use crate::dto::{VisitDto, VisitEnd, VisitStart, VisitUpdate};
use crate::{ApiError, Ctx, Result};
use gocua_core::visit::Satisfaction;
use gocua_store::{AuditEntry, SettingKey, VisitOutcomes, VisitRow};

pub(crate) fn visit_dto(
    store: &gocua_store::Store,
    row: VisitRow,
    cccd: Option<String>,
) -> Result<VisitDto> {
    let dossiers = store
        .dossiers()
        .of_visit(row.id)?
        .into_iter()
        .map(|d| d.procedure_name)
        .collect();
    Ok(VisitDto {
        dossiers,
        id: row.id,
        citizen_cccd: cccd,
        operator: row.operator,
        place_commune: row.place_commune,
        started_at: row.started_at,
        ended_at: row.ended_at,
        vneid_outcome: row.vneid_outcome,
        vneid_note: row.vneid_note,
        portal_outcome: row.portal_outcome,
        portal_note: row.portal_note,
        guide_progress: row.guide_progress,
        satisfaction: row.satisfaction,
    })
}

pub(crate) fn visit_by_id(ctx: &Ctx, id: i64) -> Result<VisitDto> {
    let store = ctx.store()?;
    let row = store
        .visits()
        .get(id)?
        .ok_or_else(|| ApiError::NotFound(id.to_string()))?;
    let cccd = match row.citizen {
        Some(c) => store.citizens().get(c)?.map(|c| c.cccd),
        None => None,
    };
    visit_dto(&store, row, cccd)
}

pub(crate) fn visit_operator(tx: &gocua_store::VisitsMut<'_>, id: i64) -> String {
    tx.operator_of(id)
        .ok()
        .flatten()
        .unwrap_or_else(|| "—".to_owned())
}

/// Starts a visit (no citizen data yet) and remembers the volunteer's name.
/// In the window the volunteer is the signed-in operator, whatever a form
/// says; only the CLI (no session) names the volunteer itself.
pub fn visit_start(ctx: &Ctx, req: VisitStart) -> Result<VisitDto> {
    let signed_in = ctx.session()?.operator.map(|o| o.name);
    let operator = signed_in.as_deref().unwrap_or(req.operator.trim());
    if operator.is_empty() {
        return Err(ApiError::InvalidValue {
            field: "operator".into(),
            value: String::new(),
        });
    }
    if let Some(code) = &req.place_commune {
        crate::units::units()?
            .commune(code)
            .ok_or_else(|| ApiError::NotFound(code.clone()))?;
    }
    let id = {
        // The operator setting and the visit, in one transaction.
        let mut store = ctx.store()?;
        let w = store.write()?;
        w.settings().set(SettingKey::OperatorName, operator)?;
        let id = w
            .visits()
            .start(operator, req.place_commune.as_deref(), &stamp(ctx.now()))?;
        w.commit()?;
        id
    };
    visit_by_id(ctx, id)
}

/// The volunteer name used last, to prefill the next visit.
pub fn operator_last(ctx: &Ctx) -> Result<Option<String>> {
    Ok(ctx.store()?.settings().get(SettingKey::OperatorName)?)
}

/// Saves the outcomes and guide progress of a visit.
pub fn visit_update(ctx: &Ctx, req: VisitUpdate) -> Result<VisitDto> {
    let bad = |field: &str, value: &str| ApiError::InvalidValue {
        field: field.into(),
        value: value.into(),
    };
    let vneid_outcome = req.vneid_outcome;
    let portal_outcome = req.portal_outcome;
    let progress: serde_json::Value = serde_json::from_str(&req.guide_progress)
        .map_err(|_| bad("guide_progress", &req.guide_progress))?;
    if !progress.is_object() {
        return Err(bad("guide_progress", &req.guide_progress));
    }
    {
        let mut store = ctx.store()?;
        let w = store.write()?;
        let mut tx = w.visits();
        let found = tx.set_outcomes(
            req.id,
            &VisitOutcomes {
                vneid_outcome,
                vneid_note: req.vneid_note.as_deref().filter(|s| !s.trim().is_empty()),
                portal_outcome,
                portal_note: req.portal_note.as_deref().filter(|s| !s.trim().is_empty()),
                guide_progress: &progress.to_string(),
            },
        )?;
        if !found {
            return Err(ApiError::NotFound(req.id.to_string()));
        }
        let (now, operator) = (stamp(ctx.now()), visit_operator(&tx, req.id));
        w.audit().append(&AuditEntry {
            at: &now,
            operator: &operator,
            action: "visit.update",
            subject: &format!("visit:{}", req.id),
        })?;
        w.commit()?;
    }
    visit_by_id(ctx, req.id)
}

/// Ends a visit with the citizen's rating (1–5).
pub fn visit_end(ctx: &Ctx, req: VisitEnd) -> Result<VisitDto> {
    let rating = Satisfaction::new(req.satisfaction).ok_or(ApiError::InvalidValue {
        field: "satisfaction".into(),
        value: req.satisfaction.to_string(),
    })?;
    {
        let mut store = ctx.store()?;
        let now = stamp(ctx.now());
        let w = store.write()?;
        let mut tx = w.visits();
        if tx.end(req.id, rating.get(), &now)? {
            let operator = visit_operator(&tx, req.id);
            w.audit().append(&AuditEntry {
                at: &now,
                operator: &operator,
                action: "visit.end",
                subject: &format!("visit:{}", req.id),
            })?;
        }
        w.commit()?;
    }
    visit_by_id(ctx, req.id)
}
