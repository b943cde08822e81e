//! The view of a dossier: everything the wizard, the check-answers page,
//! the printed checklist and the hand-off show, built from the form's rules
//! in core and translated here.

use super::load::{Loaded, commune_exists, env_today, load, load_procedure, load_schema};
use crate::dto::{
    AnswersDto, AttachmentDto, ChangeDto, ChangeKindCode, ChoiceDto, CitizenRefDto, DocumentDto,
    DossierView, FieldDto, IssueDto, LocalTextDto, PageDto, SectionDto,
};
use crate::error::l10n;
use crate::{Ctx, Result};
use gocua_core::Language;
use gocua_core::catalogue::PaperForm;
use gocua_core::dossier::{DossierState, PaperStatus};
use gocua_core::form::{self, AddressPart, Answers, Env, Field, FieldPath, FieldType, FormSchema};
use gocua_store::Store;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The state in words.
pub(crate) fn state_label(lang: Language, state: DossierState) -> String {
    let spelled = state.to_string();
    l10n()
        .map(|l| l.tr(lang, "dossier-state", &[("state", spelled.clone().into())]))
        .unwrap_or(spelled)
}

/// The state as a citizen reads it: plain words, no portal codes (the
/// volunteer's views keep the codes).
pub(crate) fn citizen_state_label(lang: Language, state: DossierState) -> String {
    let spelled = state.to_string();
    l10n()
        .map(|l| {
            l.tr(
                lang,
                "dossier-state-citizen",
                &[("state", spelled.clone().into())],
            )
        })
        .unwrap_or(spelled)
}

pub(crate) fn text(t: &gocua_core::catalogue::LocalText) -> LocalTextDto {
    t.clone().into()
}

pub(crate) fn field_dto(f: &Field) -> FieldDto {
    FieldDto {
        id: f.id.clone(),
        kind: f.kind,
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
        partial_date: f.partial_date,
        fold_into: f.fold_into.clone(),
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

pub(crate) fn issue_page(schema: &FormSchema, path: &str) -> String {
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

pub(crate) fn issue_message(lang: Language, issue: &form::Issue) -> String {
    let mut args: Vec<(&str, gocua_i18n::Arg)> =
        vec![("code", issue.problem.code().to_owned().into())];
    if let Some(n) = issue.problem.arg() {
        args.push(("n", n.to_string().into()));
    }
    l10n()
        .map(|l| l.tr(lang, "form-error", &args))
        .unwrap_or_else(|_| issue.problem.code().to_owned())
}

pub(crate) fn document_status(l: &Loaded, index: u32, attached: bool) -> PaperStatus {
    let Some(d) = l.procedure.documents.get(index as usize) else {
        return PaperStatus::Missing;
    };
    // The answers say this paper is not needed (the licence class needs no
    // health certificate; the declarant is not an authorised person).
    if !attached
        && d.applies_if
            .as_ref()
            .is_some_and(|c| !form::condition_holds(&l.schema, &l.answers, c))
    {
        return PaperStatus::NotApplicable;
    }
    PaperStatus::of(
        attached,
        d.form == PaperForm::Declaration,
        d.reusable_from_national_db,
        d.conditional,
        l.marks.get(&index).copied(),
    )
}

pub(crate) fn documents(store: &Store, l: &Loaded) -> Result<Vec<DocumentDto>> {
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
                by_answers: d.applies_if.is_some(),
                notes: d.notes.as_ref().map(text),
                status: document_status(l, i, !files.is_empty()),
                attachments: files,
            }
        })
        .collect())
}

/// The newer form of the active catalogue, if this dossier's is older.
pub(crate) fn newer_schema(
    ctx: &Ctx,
    store: &Store,
    l: &Loaded,
) -> Result<Option<(i64, Arc<FormSchema>)>> {
    let Some(pack) = store.catalogue().active_pack_of(&l.row.procedure_code)? else {
        return Ok(None);
    };
    if pack == l.row.pack {
        return Ok(None);
    }
    let p = load_procedure(ctx, store, pack, &l.row.procedure_code)?;
    if p.form_schema.as_deref() != Some(l.row.schema_id.as_str()) {
        return Ok(None);
    }
    let newer = load_schema(ctx, store, pack, &l.row.schema_id)?;
    Ok((newer.version > l.schema.version).then_some((pack, newer)))
}

pub(crate) fn build_view(
    ctx: &Ctx,
    store: &Store,
    l: &Loaded,
    lang: Language,
) -> Result<DossierView> {
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
            status: form::section_status(schema, a, s, &env),
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
    let shown = shown_answers(schema, a, &hidden, lang);
    let issues = form::check_all(schema, a, &env)
        .iter()
        .map(|i| IssueDto {
            label: path_label(schema, &i.path, lang),
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
        state,
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
        official: official_answers(schema, a, &shown, lang),
        shown,
        issues,
        documents: documents(store, l)?,
        changes,
        newer_version,
        portal_code: l.row.portal_code.clone(),
        places: places(a),
        supplement_note: l.row.supplement_note.clone(),
    })
}

pub(crate) fn places(a: &Answers) -> BTreeMap<String, crate::dto::CommuneDto> {
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

pub(crate) fn view(ctx: &Ctx, store: &Store, id: &str, lang: Language) -> Result<DossierView> {
    let l = load(ctx, store, id)?;
    build_view(ctx, store, &l, lang)
}

/// The view after a change the caller audited itself (no second audit entry).
pub(crate) fn current_view(ctx: &Ctx, id: &str) -> Result<DossierView> {
    let lang = ctx.language();
    let store = ctx.store()?;
    view(ctx, &store, id, lang)
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
            form::parse_partial_date(&v).map_or(v, |d| d.to_string())
        }
        FieldType::Phone => {
            let v = get(path);
            form::normalize_phone(&v).unwrap_or(v)
        }
        _ => get(path),
    }
}

/// Every answer as people read it, by path (an address by the field's own
/// path): what the check-answers page, the hand-off and the printed
/// checklist show. Empty answers and hidden items are left out.
pub(crate) fn shown_answers(
    schema: &FormSchema,
    a: &Answers,
    hidden: &[String],
    lang: Language,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (group, f) in schema.fields() {
        if f.kind == FieldType::Group {
            continue;
        }
        let paths: Vec<FieldPath> = match group {
            None => vec![FieldPath::top(&f.id)],
            Some(g) => (0..a.count(&g.id))
                .map(|i| FieldPath::item(&g.id, i, &f.id))
                .collect(),
        };
        for path in paths {
            let key = path.to_string();
            if hidden.contains(&key) {
                continue;
            }
            let value = display_value(f, a, &path, lang);
            if !value.is_empty() {
                out.insert(key, value);
            }
        }
    }
    out
}

/// The shown answers as the official template has them: a helper field's
/// answer (`fold_into`) is appended, with its label, to the official
/// field's ("Thường trú; Chỗ ở mới: 12 Lê Lợi, Phường Sài Gòn, …") and not
/// kept on its own — what the printout and the hand-off write.
pub(crate) fn official_answers(
    schema: &FormSchema,
    a: &Answers,
    shown: &BTreeMap<String, String>,
    lang: Language,
) -> BTreeMap<String, String> {
    let mut out = shown.clone();
    for (group, f) in schema.fields() {
        let (None, Some(target)) = (group, &f.fold_into) else {
            continue;
        };
        let Some(value) = out.remove(&f.id) else {
            continue;
        };
        if !form::field_visible(schema, a, None, f) {
            continue;
        }
        let part = format!("{}: {value}", f.label.get(lang));
        out.entry(target.clone())
            .and_modify(|v| {
                v.push_str("; ");
                v.push_str(&part);
            })
            .or_insert(part);
    }
    out
}

/// A field's label as people read it: `Họ tên`, or for an item of a group
/// `Con 2 – Họ tên`. The path as given when it names no field.
pub(crate) fn path_label(schema: &FormSchema, path: &str, lang: Language) -> String {
    let Ok(p) = path.parse::<FieldPath>() else {
        return path.to_owned();
    };
    let top = |id: &str| schema.fields().find(|(g, f)| g.is_none() && f.id == id);
    match &p.group {
        None => {
            top(&p.field).map_or_else(|| path.to_owned(), |(_, f)| f.label.get(lang).to_owned())
        }
        Some((group, index)) => {
            let Some((_, g)) = top(group) else {
                return path.to_owned();
            };
            let sub = g
                .fields
                .iter()
                .find(|f| f.id == p.field)
                .map_or(p.field.as_str(), |f| f.label.get(lang));
            let item = g.item_label.as_ref().unwrap_or(&g.label).get(lang);
            format!("{item} {} – {sub}", index + 1)
        }
    }
}

pub(crate) fn local(t: &LocalTextDto, lang: Language) -> String {
    match (lang, &t.en) {
        (Language::En, Some(en)) => en.clone(),
        _ => t.vi.clone(),
    }
}
