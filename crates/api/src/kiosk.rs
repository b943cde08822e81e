//! Self-service at the kiosk: a citizen finds their procedure, answers its
//! form's questions and prints the pre-filled answers with the list of
//! papers to take to the office — and nothing is stored. The answers live
//! in the window only: every command here takes them whole and gives back
//! the form's view (questions, problems, papers) computed from them, with
//! the same form logic as a volunteer's dossier, without a database row;
//! the idle wipe (a reload of the window) forgets them.

use std::collections::BTreeMap;
use std::sync::Arc;

use gocua_core::dossier::DossierState;
use gocua_core::form::{self, Answers, Edit};

use crate::clock::stamp;
use crate::dossier::{Loaded, build_view, edit_error, load_procedure, load_schema};
use crate::dto::{AnswersDto, DossierView, KioskForm, KioskItem, KioskSet};
use crate::{ApiError, Ctx, Result};

/// The most answers a self-service form carries (every shipped form has far
/// fewer fields), so that a window cannot make the process compute without
/// end.
const MAX_ANSWERS: usize = 600;

fn answers(a: &AnswersDto) -> Result<Answers> {
    if a.values.len() > MAX_ANSWERS || a.items.len() > MAX_ANSWERS {
        return Err(ApiError::InvalidValue {
            field: "answers".into(),
            value: format!("> {MAX_ANSWERS}"),
        });
    }
    if let Some((path, _)) = a
        .values
        .iter()
        .find(|(_, v)| v.chars().count() > form::MAX_ANSWER_CHARS)
    {
        return Err(ApiError::InvalidValue {
            field: "value".into(),
            value: format!("{path}: > {} characters", form::MAX_ANSWER_CHARS),
        });
    }
    Ok(Answers {
        values: a.values.clone(),
        items: a.items.clone(),
    })
}

/// The form of `f.procedure_code` with `f`'s answers, as a dossier that
/// exists nowhere (no row, no id, no volunteer).
fn loaded(ctx: &Ctx, store: &gocua_store::Store, f: &KioskForm) -> Result<Loaded> {
    let (pack, procedure) = store
        .catalogue()
        .procedure(&f.procedure_code)?
        .ok_or_else(|| ApiError::NotFound(f.procedure_code.clone()))?;
    let schema_id = procedure
        .form_schema
        .clone()
        .ok_or_else(|| ApiError::NoForm(procedure.code.clone()))?;
    let schema = load_schema(ctx, store, pack, &schema_id)?;
    let procedure: Arc<_> = load_procedure(ctx, store, pack, &procedure.code)?;
    let now = stamp(ctx.now());
    Ok(Loaded {
        row: gocua_store::DossierRow {
            id: String::new(),
            procedure_code: procedure.code.clone(),
            procedure_name: procedure.name.vi.clone(),
            pack,
            schema_id,
            schema_version: schema.version,
            citizen: None,
            visit: None,
            operator: String::new(),
            state: DossierState::Draft,
            portal_code: None,
            position: String::new(),
            revision: 0,
            created_at: now.clone(),
            updated_at: now,
            citizen_name: None,
            citizen_cccd: None,
            supplement_note: None,
        },
        schema,
        procedure,
        answers: answers(&f.answers)?,
        marks: BTreeMap::new(),
    })
}

fn view_of(ctx: &Ctx, f: &KioskForm, edit: Option<Edit>) -> Result<DossierView> {
    let store = ctx.store()?;
    let mut l = loaded(ctx, &store, f)?;
    if let Some(e) = edit {
        let schema = l.schema.clone();
        l.answers.apply(&schema, &e).map_err(edit_error)?;
    }
    build_view(ctx, &store, &l, ctx.language())
}

/// The form's view with these answers (nothing stored).
pub fn kiosk_form(ctx: &Ctx, req: KioskForm) -> Result<DossierView> {
    view_of(ctx, &req, None)
}

/// One answer changed, as a volunteer's would be (same checks and
/// normalisation); the new view carries all the answers back.
pub fn kiosk_set(ctx: &Ctx, req: KioskSet) -> Result<DossierView> {
    view_of(
        ctx,
        &req.form,
        Some(Edit::Set {
            path: req.path,
            value: req.value,
        }),
    )
}

/// An item added to a repeatable group, or one removed.
pub fn kiosk_item(ctx: &Ctx, req: KioskItem) -> Result<DossierView> {
    let edit = match req.remove {
        Some(index) => Edit::RemoveItem {
            group: req.group,
            index: index as usize,
        },
        None => Edit::AddItem { group: req.group },
    };
    view_of(ctx, &req.form, Some(edit))
}

/// The citizen's printout — the procedure, their answers, the papers to
/// bring, fees and next steps — sent straight to the printer, with no dialog:
/// what the kiosk's "print" does, since a print dialog's file chooser would
/// let whoever stands at the kiosk browse, rename and delete files on the
/// disk (the data folder's key among them). The PDF goes to the printing
/// system's default printer through its standard input — no file is
/// written and nothing is kept; without a printer the citizen is told to
/// ask a volunteer.
pub fn kiosk_print_out(ctx: &Ctx, req: KioskForm) -> Result<()> {
    let pdf = printout(ctx, &req)?.to_pdf()?;
    crate::printer::print_pdf(crate::printer::LP, &pdf)
}

fn printout(ctx: &Ctx, req: &KioskForm) -> Result<crate::document::Document> {
    let (l, docs) = {
        let store = ctx.store()?;
        let l = loaded(ctx, &store, req)?;
        let docs = crate::dossier::documents(&store, &l)?;
        (l, docs)
    };
    crate::documents::checklist::checklist_of(ctx, &l, &docs, true)
}
