//! Dossiers: start one from a procedure's form, fill it page by page with
//! every answer saved as it is typed, attach the papers, check it, and print
//! the citizen's checklist.
//!
//! Every command returns the whole [`DossierView`] (tasks, pages, answers,
//! problems, papers), so the wizard never computes a rule itself: the rules
//! live in `gocua_core::form`.

mod load;
mod prefill;
mod view;

pub(crate) use load::*;
pub(crate) use prefill::*;
pub use view::display_value;
pub(crate) use view::*;

use std::collections::BTreeMap;

use gocua_core::Language;
use gocua_core::catalogue::Procedure;
use gocua_core::dossier::{DossierState, Event, PaperMark, PortalStatus};
use gocua_core::form::{self, Answers, Edit, FormSchema};
use gocua_store::{AuditEntry, DossierRow, ListFilter, NewDossier, Save, Store};

use crate::clock::stamp;
use crate::dto::{
    AttachmentAdd, AttachmentRemove, DossierCreate, DossierCreated, DossierFilter, DossierGo,
    DossierGroupCode, DossierItem, DossierList, DossierMark, DossierPage, DossierRef, DossierSet,
    DossierSummary, DossierView, FormSummary,
};
use crate::error::corrupt;
use crate::{ApiError, Ctx, Result};

/// Default and largest page of the drafts list.
const PAGE: u32 = 50;
const MAX_PAGE: u32 = 200;

/// The states a duplicate warning looks at, and the list's `open` filter:
/// those whose answers can still change, and a draft waiting for another
/// laptop to accept it (still here, and still this laptop's until then).
fn open_states() -> Vec<DossierState> {
    DossierState::all()
        .filter(|s| s.is_editable() || *s == DossierState::HandingOver)
        .collect()
}

/// The forms of the active catalogue, one per procedure that has one.
pub fn forms_list(ctx: &Ctx) -> Result<Vec<FormSummary>> {
    let packs = ctx.store()?.catalogue().active_pack_bodies()?;
    let mut out = Vec::new();
    for pack in &packs {
        for p in &pack.procedures {
            let Some(form) = p.form_schema.as_deref().and_then(|id| pack.form(id)) else {
                continue;
            };
            out.push(FormSummary {
                procedure_code: p.code.clone(),
                name: p.name.vi.clone(),
                schema_id: form.id.clone(),
                version: form.version,
                fields: form.field_count() as u32,
            });
        }
    }
    Ok(out)
}

fn audit(store: &mut Store, ctx: &Ctx, action: &str, dossier: &str) -> Result<()> {
    let operator = crate::audit::operator_name_in(store)?;
    store.audit_append(&AuditEntry {
        at: &stamp(ctx.now()),
        operator: &operator,
        action,
        subject: &format!("dossier:{dossier}"),
    })?;
    Ok(())
}

/// Starts a dossier for a procedure that has a form, prefilled from the
/// citizen's profile. When the citizen already has an open dossier for the
/// same procedure, nothing is created unless `force` is set: the duplicates
/// are returned instead.
pub fn dossier_create(ctx: &Ctx, req: DossierCreate) -> Result<DossierCreated> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    let (pack, procedure) = store
        .catalogue()
        .procedure(&req.procedure_code)?
        .ok_or_else(|| ApiError::NotFound(req.procedure_code.clone()))?;
    let schema_id = procedure
        .form_schema
        .clone()
        .ok_or_else(|| ApiError::NoForm(procedure.code.clone()))?;
    let schema = load_schema(ctx, &store, pack, &schema_id)?;
    let citizen = match req.citizen.as_deref().map(str::trim) {
        Some(cccd) => Some(
            store
                .citizens()
                .by_cccd(cccd)?
                .ok_or_else(|| ApiError::NotFound(cccd.to_owned()))?,
        ),
        None => None,
    };
    if let Some(c) = &citizen
        && !req.force
    {
        let open = store
            .dossiers()
            .of_citizen_for(c.id, &procedure.code, &open_states())?;
        if !open.is_empty() {
            return Ok(DossierCreated {
                dossier: None,
                duplicates: open
                    .into_iter()
                    .map(|r| summary(ctx, &store, lang, r))
                    .collect(),
            });
        }
    }
    if let Some(visit) = req.visit
        && store.visits().get(visit)?.is_none()
    {
        return Err(ApiError::NotFound(visit.to_string()));
    }
    let mut answers = Answers::default();
    if let Some(c) = &citizen {
        prefill_citizen(&schema, c, &mut answers);
    }
    let id = uuid::Uuid::new_v4().to_string();
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name_in(&store)?;
    let answers_json = serde_json::to_string(&answers).map_err(corrupt)?;
    let search = search_text(&procedure, citizen.as_ref());
    // Every purpose shown is recorded, granted or not (never pre-ticked).
    let consent: Vec<(gocua_core::visit::ConsentPurpose, bool)> = [
        crate::dto::ConsentPurposeCode::Dossiers,
        crate::dto::ConsentPurposeCode::DocumentImages,
    ]
    .into_iter()
    .map(|p| (p.into(), req.consent.contains(&p)))
    .collect();
    let w = store.write()?;
    let mut tx = w.dossiers();
    tx.create(&NewDossier {
        id: &id,
        procedure_code: &procedure.code,
        procedure_name: &procedure.name.vi,
        pack,
        schema_id: &schema.id,
        schema_version: schema.version,
        citizen: citizen.as_ref().map(|c| c.id),
        visit: req.visit,
        operator: &operator,
        search: &search,
        answers: &answers_json,
        now: &now,
        consent: &consent,
    })?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.create",
        subject: &format!("dossier:{id}"),
    })?;
    w.commit()?;
    let view = view(ctx, &store, &id, lang)?;
    Ok(DossierCreated {
        dossier: Some(view),
        duplicates: Vec::new(),
    })
}

/// A dossier's procedure name in `lang`: the row keeps the Vietnamese name it
/// was started under; another language comes from that pack's procedure.
pub(crate) fn procedure_name_in(
    ctx: &Ctx,
    store: &Store,
    lang: Language,
    pack: i64,
    code: &str,
    stored: &str,
) -> String {
    if lang == Language::Vi {
        return stored.to_owned();
    }
    load_procedure(ctx, store, pack, code)
        .ok()
        .map(|p| p.name.get(lang).to_owned())
        .unwrap_or_else(|| stored.to_owned())
}

fn summary(ctx: &Ctx, store: &Store, lang: Language, r: DossierRow) -> DossierSummary {
    let procedure_name = procedure_name_in(
        ctx,
        store,
        lang,
        r.pack,
        &r.procedure_code,
        &r.procedure_name,
    );
    DossierSummary {
        state_label: state_label(lang, r.state),
        citizen_cccd: r.citizen_cccd.as_deref().map(crate::card::mask_id),
        id: r.id,
        procedure_code: r.procedure_code,
        procedure_name,
        citizen_name: r.citizen_name,
        state: r.state,
        portal_code: r.portal_code,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// A page of dossiers, most recently changed first, filtered by words of
/// the citizen's name or ID number or the procedure, and by state.
pub fn dossier_list(ctx: &Ctx, req: DossierList) -> Result<DossierPage> {
    let lang = ctx.language();
    let words: Vec<String> = gocua_core::text::fold(&req.query)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let states: Vec<DossierState> = match req.state {
        None | Some(DossierFilter::Group(DossierGroupCode::All)) => Vec::new(),
        Some(DossierFilter::Group(DossierGroupCode::Open)) => open_states(),
        Some(DossierFilter::Group(DossierGroupCode::Sent)) => {
            PortalStatus::ALL.map(DossierState::Portal).to_vec()
        }
        Some(DossierFilter::State(s)) => vec![s],
    };
    let limit = req.limit.unwrap_or(PAGE).clamp(1, MAX_PAGE);
    let store = ctx.store()?;
    let citizen = match req.citizen.as_deref().map(str::trim) {
        Some(cccd) => Some(
            store
                .citizens()
                .by_cccd(cccd)?
                .ok_or_else(|| ApiError::NotFound(cccd.to_owned()))?
                .id,
        ),
        None => None,
    };
    let rows = store.dossiers().list(&ListFilter {
        words: &words,
        states: &states,
        citizen,
        limit: limit + 1,
        offset: req.offset.unwrap_or(0),
    })?;
    let more = rows.len() > limit as usize;
    Ok(DossierPage {
        items: rows
            .into_iter()
            .take(limit as usize)
            .map(|r| summary(ctx, &store, lang, r))
            .collect(),
        more,
    })
}

/// The dossier's row, its procedure as it was started, and the answers that
/// count (visible fields only), as sent to the portal.
/// What a dossier sends, checked again against its form: whoever queues it
/// (the window, the CLI, a seed), an incomplete dossier never leaves.
pub(crate) fn for_sending(
    ctx: &Ctx,
    store: &Store,
    id: &str,
) -> Result<(
    DossierRow,
    std::sync::Arc<Procedure>,
    BTreeMap<String, String>,
)> {
    let l = load(ctx, store, id)?;
    // The counts do not depend on the language (and `ctx.language()` would
    // lock the store the caller holds).
    complete(&build_view(ctx, store, &l, Language::default())?)?;
    let answers = form::effective(&l.schema, &l.answers).values;
    Ok((l.row, l.procedure, answers))
}

/// Opens a dossier (an audited read of citizen data).
pub fn dossier_open(ctx: &Ctx, req: DossierRef) -> Result<DossierView> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    let v = view(ctx, &store, &req.id, lang)?;
    audit(&mut store, ctx, "dossier.open", &req.id)?;
    Ok(v)
}

/// Applies `change` to an editable dossier's answers and saves them, state
/// and position in one transaction (a ready dossier goes back to draft).
fn edit(
    ctx: &Ctx,
    id: &str,
    position: Option<&str>,
    change: impl FnOnce(&FormSchema, &mut Answers) -> Result<()>,
) -> Result<DossierView> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    let mut l = load(ctx, &store, id)?;
    if !l.row.state.is_editable() {
        return Err(ApiError::NotEditable(l.row.state.to_string()));
    }
    change(&l.schema, &mut l.answers)?;
    let position = position.unwrap_or(&l.row.position).to_owned();
    save(ctx, &mut store, &mut l, &position)?;
    build_view(ctx, &store, &l, lang)
}

/// Saves `l`'s answers and position (the `Edit` event) in one transaction,
/// and brings `l.row` up to date.
fn save(ctx: &Ctx, store: &mut Store, l: &mut Loaded, position: &str) -> Result<()> {
    let answers = serde_json::to_string(&l.answers).map_err(corrupt)?;
    let now = stamp(ctx.now());
    let w = store.write()?;
    let saved = w.dossiers().save(
        &l.row.id,
        &Save {
            answers: &answers,
            from: l.row.state,
            position,
            now: &now,
        },
    )?;
    w.commit()?;
    l.row.revision = saved.revision;
    l.row.state = saved.state;
    l.row.position = position.to_owned();
    l.row.updated_at = now;
    Ok(())
}

pub(crate) fn edit_error(e: form::EditError) -> ApiError {
    match e {
        form::EditError::TooLong => ApiError::InvalidValue {
            field: "value".into(),
            value: format!("> {} characters", form::MAX_ANSWER_CHARS),
        },
        other => ApiError::InvalidValue {
            field: "path".into(),
            value: other.to_string(),
        },
    }
}

/// Saves one answer (autosave: called for every change in a field). What is
/// typed is stored as typed; problems come back in the view's `issues`.
pub fn dossier_set(ctx: &Ctx, req: DossierSet) -> Result<DossierView> {
    edit(ctx, &req.id, None, |schema, a| {
        a.apply(
            schema,
            &Edit::Set {
                path: req.path,
                value: req.value,
            },
        )
        .map_err(edit_error)
    })
}

/// Adds an item to a repeatable group, or removes one.
pub fn dossier_item(ctx: &Ctx, req: DossierItem) -> Result<DossierView> {
    edit(ctx, &req.id, None, |schema, a| {
        let e = match req.remove {
            Some(index) => Edit::RemoveItem {
                group: req.group,
                index: index as usize,
            },
            None => Edit::AddItem { group: req.group },
        };
        a.apply(schema, &e).map_err(edit_error)
    })
}

/// Remembers where the volunteer is (to resume exactly there), and fills the
/// page's empty fields that repeat an earlier answer.
pub fn dossier_go(ctx: &Ctx, req: DossierGo) -> Result<DossierView> {
    let lang = ctx.language();
    let position = req.position.trim();
    let mut store = ctx.store()?;
    let mut l = load(ctx, &store, &req.id)?;
    let valid = matches!(position, "tasks" | "documents" | "check" | "")
        || l.schema.page(position).is_some();
    if !valid {
        return Err(ApiError::InvalidValue {
            field: "position".into(),
            value: position.to_owned(),
        });
    }
    let schema = l.schema.clone();
    let prefilled = l.row.state.is_editable() && prefill_answers(&schema, position, &mut l.answers);
    match prefilled {
        true => save(ctx, &mut store, &mut l, position)?,
        false => {
            let w = store.write()?;
            let mut tx = w.dossiers();
            tx.set_position(&req.id, position)?;
            w.commit()?;
            l.row.position = position.to_owned();
        }
    }
    build_view(ctx, &store, &l, lang)
}

/// Marks a paper `not_applicable` (conditional papers only) or `later`, or
/// clears the mark.
pub fn dossier_mark(ctx: &Ctx, req: DossierMark) -> Result<DossierView> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    let mut l = editable_row(ctx, &store, &req.id)?;
    let doc = l
        .procedure
        .documents
        .get(req.document as usize)
        .ok_or_else(|| ApiError::NotFound(req.document.to_string()))?;
    match req.mark {
        None => {
            l.marks.remove(&req.document);
        }
        Some(PaperMark::NotApplicable) if !doc.conditional => {
            // Only a conditional paper can not apply.
            return Err(ApiError::InvalidValue {
                field: "mark".into(),
                value: PaperMark::NotApplicable.as_str().to_owned(),
            });
        }
        Some(mark) => {
            l.marks.insert(req.document, mark);
        }
    }
    let marks = serde_json::to_string(&l.marks).map_err(corrupt)?;
    let now = stamp(ctx.now());
    let w = store.write()?;
    let mut tx = w.dossiers();
    tx.set_documents(&req.id, &marks, &now)?;
    tx.transition(&req.id, Event::Edit, &now)?;
    w.commit()?;
    view(ctx, &store, &req.id, lang)
}

/// Attaches a photo or PDF to a paper (photos are turned upright, resized
/// and compressed first; see [`crate::attach`]).
pub fn attachment_add(ctx: &Ctx, req: AttachmentAdd) -> Result<DossierView> {
    use base64::Engine as _;
    let lang = ctx.language();
    let data = base64::engine::general_purpose::STANDARD
        .decode(req.data_base64.trim())
        .map_err(|_| ApiError::InvalidAttachment {
            reason: "damaged".into(),
            max_mb: (crate::attach::MAX_ATTACHMENT_BYTES / (1024 * 1024)) as u32,
        })?;
    {
        let store = ctx.store()?;
        let l = editable_row(ctx, &store, &req.id)?;
        if req.document as usize >= l.procedure.documents.len() {
            return Err(ApiError::NotFound(req.document.to_string()));
        }
    }
    // Slow for big photos: done without holding the store.
    let prepared = crate::attach::prepare(&data)?;
    let mut store = ctx.store()?;
    editable_row(ctx, &store, &req.id)?;
    let base = req
        .name
        .as_deref()
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n))
        .and_then(|n| n.rsplit_once('.').map(|(stem, _)| stem).or(Some(n)))
        .map(|s| {
            s.chars()
                .filter(|c| !c.is_control())
                .take(80)
                .collect::<String>()
        })
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("giay-to-{}", req.document + 1));
    let name = format!("{base}.{}", prepared.ext);
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name_in(&store)?;
    let w = store.write()?;
    let mut tx = w.dossiers();
    w.attachments().attach(
        &req.id,
        req.document,
        &name,
        prepared.mime,
        &prepared.bytes,
        &now,
    )?;
    tx.transition(&req.id, Event::Edit, &now)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.attach",
        subject: &format!("dossier:{}", req.id),
    })?;
    w.commit()?;
    view(ctx, &store, &req.id, lang)
}

/// Removes an attachment.
pub fn attachment_remove(ctx: &Ctx, req: AttachmentRemove) -> Result<DossierView> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    editable_row(ctx, &store, &req.id)?;
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name_in(&store)?;
    let w = store.write()?;
    let mut tx = w.dossiers();
    if !w.attachments().detach(&req.id, req.attachment, &now)? {
        return Err(ApiError::NotFound(req.attachment.to_string()));
    }
    tx.transition(&req.id, Event::Edit, &now)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.detach",
        subject: &format!("dossier:{}", req.id),
    })?;
    w.commit()?;
    view(ctx, &store, &req.id, lang)
}

/// The content of an attachment, base64 (for the preview).
pub fn attachment_get(ctx: &Ctx, req: AttachmentRemove) -> Result<String> {
    use base64::Engine as _;
    let store = ctx.store()?;
    let a = store
        .attachments()
        .of(&req.id)?
        .into_iter()
        .find(|a| a.id == req.attachment)
        .ok_or_else(|| ApiError::NotFound(req.attachment.to_string()))?;
    let data = store
        .attachments()
        .blob(&a.sha256)?
        .ok_or_else(|| corrupt(format!("blob of attachment {} missing", a.id)))?;
    drop(store);
    // A paper's photo (an ID card's, say) is sensitive data: who looked at
    // it, and when, is audited like a report or an export.
    crate::audit::audit_read(
        ctx,
        "attachment.read",
        &format!("dossier:{} attachment:{}", req.id, a.id),
    )?;
    Ok(base64::engine::general_purpose::STANDARD.encode(data))
}

/// Marks the dossier ready when every answer is there and valid and every
/// paper is attached, taken from a national database, or marked not needed;
/// otherwise says how much is missing.
pub fn dossier_ready(ctx: &Ctx, req: DossierRef) -> Result<DossierView> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    let l = load(ctx, &store, &req.id)?;
    let v = build_view(ctx, &store, &l, lang)?;
    complete(&v)?;
    if l.row.state == DossierState::Ready {
        return Ok(v);
    }
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name_in(&store)?;
    let w = store.write()?;
    let mut tx = w.dossiers();
    tx.transition(&req.id, Event::MarkReady, &now)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.ready",
        subject: &format!("dossier:{}", req.id),
    })?;
    w.commit()?;
    view(ctx, &store, &req.id, lang)
}

/// Refuses a dossier with answers missing or wrong, or papers neither
/// attached nor marked not applicable ("later" counts as missing).
fn complete(v: &DossierView) -> Result<()> {
    let papers = v.documents.iter().filter(|d| d.status.is_missing()).count() as u32;
    if !v.issues.is_empty() || papers > 0 {
        return Err(ApiError::DossierIncomplete {
            answers: v.issues.len() as u32,
            papers,
        });
    }
    Ok(())
}

/// Moves a draft started on an older form to the newest one; answers are
/// kept by field id.
pub fn dossier_upgrade(ctx: &Ctx, req: DossierRef) -> Result<DossierView> {
    let lang = ctx.language();
    let mut store = ctx.store()?;
    let l = editable_row(ctx, &store, &req.id)?;
    let Some((pack, newer)) = newer_schema(ctx, &store, &l)? else {
        return view(ctx, &store, &req.id, lang);
    };
    let now = stamp(ctx.now());
    let w = store.write()?;
    let mut tx = w.dossiers();
    tx.rebase(&req.id, pack, newer.version)?;
    tx.transition(&req.id, Event::Edit, &now)?;
    w.commit()?;
    view(ctx, &store, &req.id, lang)
}

/// Deletes a dossier that has not left the laptop, with its attachments.
pub fn dossier_delete(ctx: &Ctx, req: DossierRef) -> Result<()> {
    let mut store = ctx.store()?;
    let _ = editable_row(ctx, &store, &req.id)?;
    let now = stamp(ctx.now());
    let operator = crate::audit::operator_name_in(&store)?;
    let w = store.write()?;
    let mut tx = w.dossiers();
    tx.delete(&req.id)?;
    w.audit().append(&AuditEntry {
        at: &now,
        operator: &operator,
        action: "dossier.delete",
        subject: &format!("dossier:{}", req.id),
    })?;
    w.commit()?;
    Ok(())
}

/// A new driving-licence draft of no stored citizen, with the `dossiers`
/// consent (tests).
#[cfg(test)]
pub(crate) fn test_draft(ctx: &Ctx) -> Result<String> {
    dossier_create(
        ctx,
        crate::dto::DossierCreate {
            procedure_code: "GC-GPLX".into(),
            citizen: None,
            visit: None,
            force: false,
            consent: vec![crate::dto::ConsentPurposeCode::Dossiers],
        },
    )?
    .dossier
    .map(|v| v.id)
    .ok_or_else(|| ApiError::Internal("no dossier".into()))
}

#[cfg(test)]
mod tests;
