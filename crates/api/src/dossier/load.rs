//! Loading a dossier: its row, the form it was started on (cached per pack
//! and id), the procedure, answers and paper marks.

use crate::clock::vietnam_date;
use crate::error::corrupt;
use crate::{ApiError, Ctx, Result};
use gocua_core::catalogue::Procedure;
use gocua_core::dossier::PaperMark;
use gocua_core::form::{Answers, FormSchema};
use gocua_store::{DossierRow, Store};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A loaded dossier: its row, schema, procedure, answers and paper marks.
pub(crate) struct Loaded {
    pub(crate) row: DossierRow,
    pub(crate) schema: Arc<FormSchema>,
    pub(crate) procedure: Arc<Procedure>,
    pub(crate) answers: Answers,
    pub(crate) marks: BTreeMap<u32, PaperMark>,
}

pub(crate) fn load_schema(
    ctx: &Ctx,
    store: &Store,
    pack: i64,
    id: &str,
) -> Result<Arc<FormSchema>> {
    let key = (pack, id.to_owned());
    if let Some(s) = ctx.form_cache().get(&key) {
        return Ok(s);
    }
    let body = store
        .catalogue()
        .form(pack, id)?
        .ok_or_else(|| corrupt(format!("form {id} missing from pack row {pack}")))?;
    let schema: Arc<FormSchema> = Arc::new(serde_json::from_str(&body).map_err(corrupt)?);
    ctx.form_cache().put(key, schema.clone());
    Ok(schema)
}

/// Procedure `code` as pack row `pack` has it, parsed once per context.
pub(crate) fn load_procedure(
    ctx: &Ctx,
    store: &Store,
    pack: i64,
    code: &str,
) -> Result<Arc<Procedure>> {
    let key = (pack, code.to_owned());
    if let Some(p) = ctx.procedure_cache().get(&key) {
        return Ok(p);
    }
    let procedure = Arc::new(
        store
            .catalogue()
            .procedure_in_pack(pack, code)?
            .ok_or_else(|| corrupt(format!("procedure {code} missing")))?,
    );
    ctx.procedure_cache().put(key, procedure.clone());
    Ok(procedure)
}

pub(crate) fn load(ctx: &Ctx, store: &Store, id: &str) -> Result<Loaded> {
    let (row, answers, marks) = store
        .dossiers()
        .with_answers(id)?
        .ok_or_else(|| ApiError::NotFound(id.to_owned()))?;
    let schema = load_schema(ctx, store, row.pack, &row.schema_id)?;
    let procedure = load_procedure(ctx, store, row.pack, &row.procedure_code)?;
    Ok(Loaded {
        answers: serde_json::from_str(&answers).map_err(corrupt)?,
        marks: serde_json::from_str(&marks).map_err(corrupt)?,
        row,
        schema,
        procedure,
    })
}

pub(crate) fn commune_exists(code: &str) -> bool {
    crate::units::units().is_ok_and(|u| u.commune(code).is_some())
}

pub(crate) fn env_today(ctx: &Ctx) -> gocua_core::date::Date {
    vietnam_date(ctx.now())
}

pub(crate) fn editable_row(ctx: &Ctx, store: &Store, id: &str) -> Result<Loaded> {
    let l = load(ctx, store, id)?;
    if !l.row.state.is_editable() {
        return Err(ApiError::NotEditable(l.row.state.to_string()));
    }
    Ok(l)
}
