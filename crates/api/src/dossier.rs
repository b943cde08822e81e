//! Dossiers: start one from a procedure's form, fill it page by page with
//! every answer saved as it is typed, attach the papers, check it, and print
//! the citizen's checklist.
//!
//! Every command returns the whole [`DossierView`] (tasks, pages, answers,
//! problems, papers), so the wizard never computes a rule itself: the rules
//! live in `gocua_core::form`.

use std::collections::BTreeMap;
use std::sync::Arc;

use gocua_core::Language;
use gocua_core::catalogue::{PaperForm, Procedure};
use gocua_core::dossier::{DossierState, Event, PaperMark, PaperStatus, PortalStatus};
use gocua_core::form::{
    self, AddressPart, Answers, CitizenFact, Edit, Env, Field, FieldPath, FieldType, FormSchema,
    Prefill,
};
use gocua_store::{AuditEntry, CitizenRow, DossierRow, ListFilter, NewDossier, Save, Store};

use crate::clock::{stamp, vietnam_date};
use crate::dto::{
    AnswersDto, AttachmentAdd, AttachmentDto, AttachmentRemove, ChangeDto, ChangeKindCode,
    ChoiceDto, CitizenRefDto, DocumentDto, DossierCreate, DossierCreated, DossierGo, DossierItem,
    DossierList, DossierMark, DossierPage, DossierRef, DossierSet, DossierSummary, DossierView,
    FieldDto, FileSaved, FormSummary, IssueDto, LocalTextDto, PageDto, PaperMarkCode, SectionDto,
};
use crate::error::{corrupt, l10n};
use crate::{ApiError, Ctx, Result};

/// Default and largest page of the drafts list.
const PAGE: u32 = 50;
const MAX_PAGE: u32 = 200;

/// The states a duplicate warning looks at, and the list's `open` filter:
/// those whose answers can still change.
fn open_states() -> Vec<DossierState> {
    DossierState::all().filter(|s| s.is_editable()).collect()
}

/// The state in words.
pub(crate) fn state_label(lang: Language, state: DossierState) -> String {
    let spelled = state.to_string();
    l10n()
        .map(|l| l.tr(lang, "dossier-state", &[("state", spelled.clone().into())]))
        .unwrap_or(spelled)
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

/// A loaded dossier: its row, schema, procedure, answers and paper marks.
struct Loaded {
    row: DossierRow,
    schema: Arc<FormSchema>,
    procedure: Procedure,
    answers: Answers,
    marks: BTreeMap<u32, PaperMark>,
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

fn load(ctx: &Ctx, store: &Store, id: &str) -> Result<Loaded> {
    let row = store
        .dossiers()
        .get(id)?
        .ok_or_else(|| ApiError::NotFound(id.to_owned()))?;
    let (answers, marks) = store
        .dossiers()
        .answers(id)?
        .ok_or_else(|| corrupt(format!("dossier {id} has no answers")))?;
    let schema = load_schema(ctx, store, row.pack, &row.schema_id)?;
    let procedure = store
        .catalogue()
        .procedure_in_pack(row.pack, &row.procedure_code)?
        .ok_or_else(|| corrupt(format!("procedure {} missing", row.procedure_code)))?;
    Ok(Loaded {
        answers: serde_json::from_str(&answers).map_err(corrupt)?,
        marks: serde_json::from_str(&marks).map_err(corrupt)?,
        row,
        schema,
        procedure,
    })
}

fn audit(store: &mut Store, ctx: &Ctx, action: &str, dossier: &str) -> Result<()> {
    let operator = crate::citizen::operator_name_in(store)?;
    store.audit_append(&AuditEntry {
        at: &stamp(ctx.now()),
        operator: &operator,
        action,
        subject: &format!("dossier:{dossier}"),
    })?;
    Ok(())
}

fn commune_exists(code: &str) -> bool {
    crate::units::units().is_ok_and(|u| u.commune(code).is_some())
}

/// Applies the citizen-profile prefills to every empty field.
pub(crate) fn prefill_citizen(schema: &FormSchema, citizen: &CitizenRow, a: &mut Answers) {
    let line = || {
        crate::units::units()
            .ok()
            .and_then(|u| u.convert(&citizen.address).ok())
            .map(|c| c.line)
            .unwrap_or_default()
    };
    for (group, f) in schema.fields() {
        let (None, Some(Prefill::Citizen(fact))) = (group, &f.prefill) else {
            continue;
        };
        let mut set = |path: FieldPath, value: String| {
            let key = path.to_string();
            if !a.values.contains_key(&key) && !value.is_empty() {
                let _ = a.apply(schema, &Edit::Set { path: key, value });
            }
        };
        let top = FieldPath::top(&f.id);
        match fact {
            CitizenFact::Name => set(top, citizen.name.clone()),
            CitizenFact::Cccd => set(top, citizen.cccd.clone()),
            CitizenFact::BirthDate => {
                if let Some(d) = form::parse_date(&citizen.birth_date) {
                    set(top, form::format_date(d));
                }
            }
            CitizenFact::Sex => {
                let v = match gocua_core::cccd::Sex::from_card(&citizen.sex) {
                    Some(gocua_core::cccd::Sex::Male) => "male",
                    Some(gocua_core::cccd::Sex::Female) => "female",
                    None => "",
                };
                set(top, v.to_owned());
            }
            CitizenFact::Address => {
                if let Some(code) = &citizen.address_commune {
                    set(top.clone().with_part(AddressPart::Commune), code.clone());
                }
                set(top.with_part(AddressPart::Line), line());
            }
        }
    }
}

/// Copies earlier answers into the empty fields of `page` that ask for them.
fn prefill_answers(schema: &FormSchema, page: &str, a: &mut Answers) -> bool {
    let Some((_, p)) = schema.page(page) else {
        return false;
    };
    let mut changed = false;
    for f in &p.fields {
        let Some(Prefill::Answer(source)) = &f.prefill else {
            continue;
        };
        let parts: Vec<Option<AddressPart>> = if f.kind == FieldType::Address {
            vec![Some(AddressPart::Commune), Some(AddressPart::Line)]
        } else {
            vec![None]
        };
        let answered = parts.iter().any(|part| {
            let mut p = FieldPath::top(&f.id);
            p.part = *part;
            a.values.contains_key(&p.to_string())
        });
        if answered {
            continue;
        }
        for part in parts {
            let (mut from, mut to) = (FieldPath::top(source), FieldPath::top(&f.id));
            from.part = part;
            to.part = part;
            if let Some(v) = a.get(&from.to_string()).map(str::to_owned)
                && a.apply(
                    schema,
                    &Edit::Set {
                        path: to.to_string(),
                        value: v,
                    },
                )
                .is_ok()
            {
                changed = true;
            }
        }
    }
    changed
}

pub(crate) fn search_text(procedure: &Procedure, citizen: Option<&CitizenRow>) -> String {
    let mut s = format!("{} {}", procedure.name.vi, procedure.code);
    if let Some(c) = citizen {
        s.push(' ');
        s.push_str(&c.name);
        s.push(' ');
        s.push_str(&c.cccd);
    }
    gocua_core::text::fold(&s)
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
                duplicates: open.into_iter().map(|r| summary(lang, r)).collect(),
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
    let operator = crate::citizen::operator_name_in(&store)?;
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

fn mask(cccd: &str) -> String {
    // The list shows enough to tell people apart, not the whole number.
    // By characters, not bytes: a damaged or restored value may be anything,
    // and anything not a 12-digit number is hidden whole.
    match (cccd.get(..3), cccd.get(9..)) {
        (Some(head), Some(tail))
            if cccd.len() == 12 && cccd.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{head}••••••{tail}")
        }
        _ => "••••••".to_owned(),
    }
}

fn summary(lang: Language, r: DossierRow) -> DossierSummary {
    DossierSummary {
        state_label: state_label(lang, r.state),
        citizen_cccd: r.citizen_cccd.as_deref().map(mask),
        id: r.id,
        procedure_code: r.procedure_code,
        procedure_name: r.procedure_name,
        citizen_name: r.citizen_name,
        state: r.state.into(),
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
    let states: Vec<DossierState> = match req.state.as_deref() {
        None | Some("" | "all") => Vec::new(),
        Some("open") => open_states(),
        Some("sent") => PortalStatus::ALL.map(DossierState::Portal).to_vec(),
        Some(s) => vec![s.parse().map_err(|_| ApiError::InvalidValue {
            field: "state".into(),
            value: s.to_owned(),
        })?],
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
            .map(|r| summary(lang, r))
            .collect(),
        more,
    })
}

fn text(t: &gocua_core::catalogue::LocalText) -> LocalTextDto {
    t.clone().into()
}

fn field_dto(f: &Field) -> FieldDto {
    FieldDto {
        id: f.id.clone(),
        kind: f.kind.into(),
        label: text(&f.label),
        hint: f.hint.as_ref().map(text),
        required: f.required,
        options: f
            .options
            .iter()
            .map(|o| ChoiceDto {
                value: o.value.clone(),
                label: text(&o.label),
            })
            .collect(),
        max_length: f.max_length,
        fields: f.fields.iter().map(field_dto).collect(),
        min_items: f
            .min_items
            .unwrap_or(u32::from(f.required && f.kind == FieldType::Group)),
        max_items: f
            .max_items
            .unwrap_or(form::MAX_GROUP_ITEMS as u32)
            .min(form::MAX_GROUP_ITEMS as u32),
        item_label: f.item_label.as_ref().map(text),
    }
}

fn issue_page(schema: &FormSchema, path: &str) -> String {
    let top = path
        .parse::<FieldPath>()
        .ok()
        .map(|p| p.group.map_or(p.field, |(g, _)| g))
        .unwrap_or_default();
    schema
        .sections
        .iter()
        .flat_map(|s| &s.pages)
        .find(|p| p.fields.iter().any(|f| f.id == top))
        .map(|p| p.id.clone())
        .unwrap_or_default()
}

fn issue_message(lang: Language, issue: &form::Issue) -> String {
    let mut args: Vec<(&str, gocua_i18n::Arg)> =
        vec![("code", issue.problem.code().to_owned().into())];
    if let Some(n) = issue.problem.arg() {
        args.push(("n", n.to_string().into()));
    }
    l10n()
        .map(|l| l.tr(lang, "form-error", &args))
        .unwrap_or_else(|_| issue.problem.code().to_owned())
}

fn env_today(ctx: &Ctx) -> gocua_core::date::Date {
    vietnam_date(ctx.now())
}

fn document_status(l: &Loaded, index: u32, attached: bool) -> PaperStatus {
    let Some(d) = l.procedure.documents.get(index as usize) else {
        return PaperStatus::Missing;
    };
    PaperStatus::of(
        attached,
        d.form == PaperForm::Declaration,
        d.reusable_from_national_db,
        d.conditional,
        l.marks.get(&index).copied(),
    )
}

fn documents(store: &Store, l: &Loaded) -> Result<Vec<DocumentDto>> {
    let attachments = store.attachments().of(&l.row.id)?;
    Ok(l.procedure
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let i = i as u32;
            let files: Vec<AttachmentDto> = attachments
                .iter()
                .filter(|a| a.document == i)
                .map(|a| AttachmentDto {
                    id: a.id,
                    name: a.name.clone(),
                    mime: a.mime.clone(),
                    size: a.size,
                    sha256: a.sha256.clone(),
                })
                .collect();
            DocumentDto {
                index: i,
                name: text(&d.name),
                form: d.form.into(),
                count: d.count,
                conditional: d.conditional,
                notes: d.notes.as_ref().map(text),
                status: document_status(l, i, !files.is_empty()).into(),
                attachments: files,
            }
        })
        .collect())
}

/// The newer form of the active catalogue, if this dossier's is older.
fn newer_schema(ctx: &Ctx, store: &Store, l: &Loaded) -> Result<Option<(i64, Arc<FormSchema>)>> {
    let Some((pack, p)) = store.catalogue().procedure(&l.row.procedure_code)? else {
        return Ok(None);
    };
    if pack == l.row.pack || p.form_schema.as_deref() != Some(l.row.schema_id.as_str()) {
        return Ok(None);
    }
    let newer = load_schema(ctx, store, pack, &l.row.schema_id)?;
    Ok((newer.version > l.schema.version).then_some((pack, newer)))
}

fn build_view(ctx: &Ctx, store: &Store, l: &Loaded, lang: Language) -> Result<DossierView> {
    let schema = &*l.schema;
    let a = &l.answers;
    let exists = commune_exists;
    let env = Env {
        today: env_today(ctx),
        commune_exists: &exists,
    };
    let sections = schema
        .sections
        .iter()
        .map(|s| SectionDto {
            id: s.id.clone(),
            title: text(&s.title),
            status: form::section_status(schema, a, s, &env).into(),
            visible: form::section_visible(schema, a, s),
            pages: s
                .pages
                .iter()
                .map(|p| PageDto {
                    id: p.id.clone(),
                    title: text(&p.title),
                    hint: p.hint.as_ref().map(text),
                    visible: form::page_visible(schema, a, s, p),
                    fields: p
                        .fields
                        .iter()
                        .filter(|f| form::field_visible(schema, a, None, f))
                        .map(field_dto)
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let mut hidden = Vec::new();
    for (group, f) in schema.fields() {
        if let Some(g) = group {
            for i in 0..a.count(&g.id) {
                if !form::field_visible(schema, a, Some((g, i)), f) {
                    hidden.push(FieldPath::item(&g.id, i, &f.id).to_string());
                }
            }
        }
    }
    let issues = form::check_all(schema, a, &env)
        .iter()
        .map(|i| IssueDto {
            page: issue_page(schema, &i.path),
            code: i.problem.code().to_owned(),
            message: issue_message(lang, i),
            path: i.path.clone(),
        })
        .collect();
    let (changes, newer_version) = match newer_schema(ctx, store, l)? {
        Some((_, newer)) => (
            form::diff(schema, &newer)
                .into_iter()
                .map(|c| match c {
                    form::Change::Added {
                        path,
                        label,
                        required,
                    } => ChangeDto {
                        kind: ChangeKindCode::Added,
                        path,
                        label: label.into(),
                        required,
                    },
                    form::Change::Removed { path, label } => ChangeDto {
                        kind: ChangeKindCode::Removed,
                        path,
                        label: label.into(),
                        required: false,
                    },
                    form::Change::Changed { path, label } => ChangeDto {
                        kind: ChangeKindCode::Changed,
                        path,
                        label: label.into(),
                        required: false,
                    },
                })
                .collect(),
            Some(newer.version),
        ),
        None => (Vec::new(), None),
    };
    let state = l.row.state;
    let citizen = match (&l.row.citizen_name, &l.row.citizen_cccd) {
        (Some(name), Some(cccd)) => Some(CitizenRefDto {
            name: name.clone(),
            cccd: cccd.clone(),
        }),
        _ => None,
    };
    Ok(DossierView {
        id: l.row.id.clone(),
        procedure_code: l.row.procedure_code.clone(),
        procedure_name: text(&l.procedure.name),
        title: text(&schema.title),
        state_label: state_label(lang, state),
        state: state.into(),
        editable: state.is_editable(),
        revision: l.row.revision,
        position: l.row.position.clone(),
        citizen,
        schema_version: schema.version,
        sections,
        answers: AnswersDto {
            values: a.values.clone(),
            items: a.items.clone(),
        },
        hidden,
        issues,
        documents: documents(store, l)?,
        changes,
        newer_version,
        portal_code: l.row.portal_code.clone(),
        places: places(a),
        supplement_note: l.row.supplement_note.clone(),
    })
}

fn places(a: &Answers) -> BTreeMap<String, crate::dto::CommuneDto> {
    let Ok(units) = crate::units::units() else {
        return BTreeMap::new();
    };
    a.values
        .iter()
        .filter(|(k, _)| k.ends_with(".commune"))
        .filter_map(|(_, code)| {
            let c = units.commune(code.trim())?;
            Some((code.trim().to_owned(), crate::dto::CommuneDto::from(c)))
        })
        .collect()
}

fn view(ctx: &Ctx, store: &Store, id: &str, lang: Language) -> Result<DossierView> {
    let l = load(ctx, store, id)?;
    build_view(ctx, store, &l, lang)
}

/// The dossier's row, its procedure as it was started, and the answers that
/// count (visible fields only), as sent to the portal.
/// What a dossier sends, checked again against its form: whoever queues it
/// (the window, the CLI, a seed), an incomplete dossier never leaves.
pub(crate) fn for_sending(
    ctx: &Ctx,
    store: &Store,
    id: &str,
) -> Result<(DossierRow, Procedure, BTreeMap<String, String>)> {
    let l = load(ctx, store, id)?;
    // The counts do not depend on the language (and `ctx.language()` would
    // lock the store the caller holds).
    complete(&build_view(ctx, store, &l, Language::default())?)?;
    let answers = form::effective(&l.schema, &l.answers).values;
    Ok((l.row, l.procedure, answers))
}

/// The view after a change the caller audited itself (no second audit entry).
pub(crate) fn current_view(ctx: &Ctx, id: &str) -> Result<DossierView> {
    let lang = ctx.language();
    let store = ctx.store()?;
    view(ctx, &store, id, lang)
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

fn edit_error(e: form::EditError) -> ApiError {
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

fn editable_row(ctx: &Ctx, store: &Store, id: &str) -> Result<Loaded> {
    let l = load(ctx, store, id)?;
    if !l.row.state.is_editable() {
        return Err(ApiError::NotEditable(l.row.state.to_string()));
    }
    Ok(l)
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
    match req.mark.map(PaperMark::from) {
        None => {
            l.marks.remove(&req.document);
        }
        Some(PaperMark::NotApplicable) if !doc.conditional => {
            // Only a conditional paper can not apply.
            return Err(ApiError::InvalidValue {
                field: "mark".into(),
                value: PaperMarkCode::NotApplicable.as_str().to_owned(),
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
    let operator = crate::citizen::operator_name_in(&store)?;
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
    let operator = crate::citizen::operator_name_in(&store)?;
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
    let operator = crate::citizen::operator_name_in(&store)?;
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
    let papers = v
        .documents
        .iter()
        .filter(|d| PaperStatus::from(d.status).is_missing())
        .count() as u32;
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
    let operator = crate::citizen::operator_name_in(&store)?;
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

/// The answer at `path` as the check-answers page and the checklist print it.
pub fn display_value(f: &Field, a: &Answers, path: &FieldPath, lang: Language) -> String {
    let get = |p: &FieldPath| a.get(&p.to_string()).unwrap_or("").trim().to_owned();
    match f.kind {
        FieldType::Choice => {
            let v = get(path);
            f.options
                .iter()
                .find(|o| o.value == v)
                .map_or(v, |o| o.label.get(lang).to_owned())
        }
        FieldType::YesNo => match get(path).as_str() {
            "yes" => l10n()
                .map(|l| l.tr(lang, "form-yes", &[]))
                .unwrap_or_default(),
            "no" => l10n()
                .map(|l| l.tr(lang, "form-no", &[]))
                .unwrap_or_default(),
            _ => String::new(),
        },
        FieldType::Address => {
            let line = get(&path.clone().with_part(AddressPart::Line));
            let commune = get(&path.clone().with_part(AddressPart::Commune));
            let name = crate::units::units()
                .ok()
                .and_then(|u| u.commune(&commune))
                .map(|c| format!("{}, {}", c.commune.name, c.province.name))
                .unwrap_or(commune);
            [line, name]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        FieldType::Date => {
            let v = get(path);
            form::parse_date(&v).map_or(v, form::format_date)
        }
        FieldType::Phone => {
            let v = get(path);
            form::normalize_phone(&v).unwrap_or(v)
        }
        _ => get(path),
    }
}

/// The printable checklist of a dossier, as a document (audited as a read),
/// with the procedure code and citizen row id a file written from it needs.
fn checklist_document(
    ctx: &Ctx,
    req: &DossierRef,
) -> Result<(crate::document::Document, String, Option<i64>)> {
    let lang = ctx.language();
    let (l, docs) = {
        let store = ctx.store()?;
        let l = load(ctx, &store, &req.id)?;
        let docs = documents(&store, &l)?;
        (l, docs)
    };
    crate::citizen::audit_read(ctx, "export.checklist", &format!("dossier:{}", req.id))?;
    let l10n = l10n()?;
    let tr = |id: &str| l10n.tr(lang, id, &[]);
    let p = &l.procedure;
    let mut w = crate::document::Document::new(&tr("checklist-title"));
    w.title(&tr("checklist-title"));
    w.field(&tr("checklist-procedure"), p.name.get(lang));
    if let (Some(name), Some(cccd)) = (&l.row.citizen_name, &l.row.citizen_cccd) {
        w.field(&tr("checklist-citizen"), &format!("{name} ({cccd})"));
    }
    w.field(&tr("checklist-state"), &state_label(lang, l.row.state));
    w.field(&tr("checklist-where"), p.where_to_submit.get(lang));
    w.field(&tr("checklist-time"), p.processing_time.get(lang));

    w.heading(&tr("checklist-answers"));
    let effective = form::effective(&l.schema, &l.answers);
    for (_, page) in form::visible_pages(&l.schema, &l.answers) {
        for f in &page.fields {
            if !form::field_visible(&l.schema, &l.answers, None, f) {
                continue;
            }
            if f.kind == FieldType::Group {
                for i in 0..effective.count(&f.id) {
                    let item = f.item_label.as_ref().unwrap_or(&f.label).get(lang);
                    w.para(&format!("{item} {}", i + 1));
                    for sub in &f.fields {
                        if form::field_visible(&l.schema, &l.answers, Some((f, i)), sub) {
                            let v = display_value(
                                sub,
                                &effective,
                                &FieldPath::item(&f.id, i, &sub.id),
                                lang,
                            );
                            w.field(&format!("   {}", sub.label.get(lang)), &dash(v));
                        }
                    }
                }
            } else {
                let v = display_value(f, &effective, &FieldPath::top(&f.id), lang);
                w.field(f.label.get(lang), &dash(v));
            }
        }
    }

    let (done, todo): (Vec<&DocumentDto>, Vec<&DocumentDto>) = docs
        .iter()
        .partition(|d| !matches!(d.status.as_str(), "missing" | "later"));
    w.heading(&tr("checklist-papers-done"));
    if done.is_empty() {
        w.para(&tr("checklist-none"));
    }
    for d in done {
        let status = l10n.tr(
            lang,
            "document-status",
            &[("status", d.status.as_str().into())],
        );
        w.para(&format!("✓ {} — {status}", local(&d.name, lang)));
    }
    w.heading(&tr("checklist-papers-missing"));
    if todo.is_empty() {
        w.para(&tr("checklist-none"));
    }
    for d in todo {
        let mut line = format!("☐ {}", local(&d.name, lang));
        if let Some(n) = &d.notes {
            line.push_str(&format!(" — {}", local(n, lang)));
        }
        w.para(&line);
    }
    let issues = {
        let exists = commune_exists;
        let env = Env {
            today: env_today(ctx),
            commune_exists: &exists,
        };
        form::check_all(&l.schema, &l.answers, &env).len()
    };
    if issues > 0 {
        w.para(&l10n.tr(
            lang,
            "checklist-answers-missing",
            &[("n", issues.to_string().into())],
        ));
    }

    w.heading(&tr("checklist-fees"));
    if p.fees.is_empty() {
        w.para(&tr("checklist-free"));
    }
    for fee in &p.fees {
        let amount = |v: Option<u64>| {
            v.map_or_else(
                || tr("checklist-fee-unknown"),
                |n| format!("{} đ", gocua_i18n::format_amount(n, lang)),
            )
        };
        w.field(
            fee.name.get(lang),
            &l10n.tr(
                lang,
                "checklist-fee-line",
                &[
                    ("in_person", amount(fee.in_person).into()),
                    ("online", amount(fee.online).into()),
                ],
            ),
        );
    }
    if !p.steps.is_empty() {
        w.heading(&tr("checklist-next"));
        for (i, s) in p.steps.iter().enumerate() {
            w.para(&format!("{}. {}", i + 1, s.get(lang)));
        }
    }
    w.heading(&tr("checklist-contact"));
    w.field(&tr("checklist-volunteer"), &l.row.operator);
    let contact = ctx
        .store()?
        .settings()
        .get(gocua_store::SettingKey::TeamContact)?
        .unwrap_or_default();
    if !contact.trim().is_empty() {
        w.field(&tr("checklist-team-contact"), &contact);
    }
    Ok((w, l.row.procedure_code.clone(), l.row.citizen))
}

/// Writes the printable checklist for the citizen (PDF, fonts embedded): the
/// procedure, the answers given, the papers done and still missing, what to
/// bring, the fees, the next steps and the volunteer's contact.
pub fn dossier_checklist(
    ctx: &Ctx,
    req: DossierRef,
    out: Option<&std::path::Path>,
) -> Result<FileSaved> {
    let (doc, procedure, about) = checklist_document(ctx, &req)?;
    let bytes = doc.to_pdf()?;
    let name = format!("checklist-{procedure}-{}.pdf", ctx.now().unix_timestamp());
    crate::citizen::write_export(ctx, out, &name, &bytes, about)
}

/// The checklist for the window to print at once: no file is written.
pub fn dossier_checklist_print(
    ctx: &Ctx,
    req: DossierRef,
) -> Result<crate::document::PrintDocument> {
    Ok(checklist_document(ctx, &req)?.0.for_print())
}

fn dash(v: String) -> String {
    if v.is_empty() { "—".into() } else { v }
}

fn local(t: &LocalTextDto, lang: Language) -> String {
    match (lang, &t.en) {
        (Language::En, Some(en)) => en.clone(),
        _ => t.vi.clone(),
    }
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
mod mask_tests {
    #[test]
    fn a_number_is_masked_and_anything_else_hidden_without_panicking() {
        assert_eq!(super::mask("001090123456"), "001••••••456");
        assert_eq!(super::mask("ĐĐĐĐĐĐ"), "••••••", "12 bytes, not digits");
        assert_eq!(super::mask("12345"), "••••••");
    }
}
