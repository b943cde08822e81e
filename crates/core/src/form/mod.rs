//! Dossier forms: schemas carried by the catalogue pack, the answers of a
//! draft, the edits that change them, and what is shown and wrong.
//!
//! A [`FormSchema`] is sections (the tasks of a multi-part dossier) of pages
//! ("one thing per page") of fields. Answers ([`Answers`]) are flat text by
//! path and keep exactly what was typed; [`check_page`]/[`check_all`] say
//! what is wrong, as stable [`Problem`] codes that the hosts translate.
//! [`diff`] tells a draft started on an older schema what changed.

mod answers;
mod check;
mod diff;
mod path;
mod sample;
mod schema;
#[cfg(test)]
mod tests;

pub use answers::{Answers, Edit, EditError, MAX_ANSWER_CHARS};
pub use check::{
    Env, Issue, Problem, TaskStatus, check_all, check_page, condition_holds, effective,
    field_visible, format_date, is_personal_id, normalize_phone, page_visible, parse_date,
    parse_number, parse_partial_date, section_status, section_visible, visible_pages,
};
pub use diff::{Change, diff};
pub use path::{AddressPart, BadPath, FieldPath, MAX_GROUP_ITEMS, is_field_id};
pub use sample::{SampleFacts, fill_sample};
pub use schema::{
    ChoiceOption, CitizenFact, Condition, DateRule, Field, FieldType, FormSchema, Page, Prefill,
    Section,
};

use std::collections::HashSet;

/// Why a schema is refused: the path inside the schema and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct SchemaError {
    /// E.g. `sections[1].pages[0].fields[2].options`.
    pub path: String,
    /// What is wrong.
    pub reason: String,
}

fn bad(path: impl Into<String>, reason: impl Into<String>) -> SchemaError {
    SchemaError {
        path: path.into(),
        reason: reason.into(),
    }
}

/// Checks what serde cannot: ids, uniqueness, options, ranges, and that
/// every condition and prefill refers to a field defined *before* it (so
/// visibility is never circular).
pub fn validate_schema(s: &FormSchema) -> Result<(), SchemaError> {
    let id_ok = |id: &str| {
        (1..=40).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if !id_ok(&s.id) {
        return Err(bad("id", format!("invalid schema id {:?}", s.id)));
    }
    if s.version == 0 {
        return Err(bad("version", "must be 1 or more"));
    }
    if s.title.vi.trim().is_empty() {
        return Err(bad("title.vi", "must not be empty"));
    }
    if s.sections.is_empty() {
        return Err(bad("sections", "a form needs at least one section"));
    }
    let mut ids = HashSet::new();
    let mut section_ids = HashSet::new();
    let mut page_ids = HashSet::new();
    let mut defined: Vec<&Field> = Vec::new();
    for (i, sec) in s.sections.iter().enumerate() {
        let at = format!("sections[{i}]");
        if !is_field_id(&sec.id) || !section_ids.insert(sec.id.as_str()) {
            return Err(bad(
                format!("{at}.id"),
                format!("invalid or repeated id {:?}", sec.id),
            ));
        }
        condition(
            &format!("{at}.visible_if"),
            sec.visible_if.as_ref(),
            &defined,
            None,
        )?;
        if sec.pages.is_empty() {
            return Err(bad(
                format!("{at}.pages"),
                "a section needs at least one page",
            ));
        }
        for (j, page) in sec.pages.iter().enumerate() {
            let at = format!("{at}.pages[{j}]");
            if !is_field_id(&page.id) || !page_ids.insert(page.id.as_str()) {
                return Err(bad(
                    format!("{at}.id"),
                    format!("invalid or repeated id {:?}", page.id),
                ));
            }
            condition(
                &format!("{at}.visible_if"),
                page.visible_if.as_ref(),
                &defined,
                None,
            )?;
            if page.fields.is_empty() {
                return Err(bad(
                    format!("{at}.fields"),
                    "a page needs at least one field",
                ));
            }
            for (k, f) in page.fields.iter().enumerate() {
                let at = format!("{at}.fields[{k}]");
                if !ids.insert(f.id.as_str()) {
                    return Err(bad(
                        format!("{at}.id"),
                        format!("field id {:?} repeated", f.id),
                    ));
                }
                field(&at, f, &defined, None)?;
                if f.kind == FieldType::Group {
                    let mut sub_ids = HashSet::new();
                    let mut siblings: Vec<&Field> = Vec::new();
                    for (m, sub) in f.fields.iter().enumerate() {
                        let at = format!("{at}.fields[{m}]");
                        if sub.kind == FieldType::Group {
                            return Err(bad(at, "groups cannot be nested"));
                        }
                        if !sub_ids.insert(sub.id.as_str()) {
                            return Err(bad(
                                format!("{at}.id"),
                                format!("field id {:?} repeated", sub.id),
                            ));
                        }
                        field(&at, sub, &defined, Some(&siblings))?;
                        if sub.fold_into.is_some() {
                            return Err(bad(
                                format!("{at}.fold_into"),
                                "only a top-level field folds into another",
                            ));
                        }
                        siblings.push(sub);
                    }
                }
                defined.push(f);
            }
        }
    }
    folds(s)
}

/// A helper folds into an official top-level field other than itself, which
/// is no group and no helper.
fn folds(s: &FormSchema) -> Result<(), SchemaError> {
    for (i, sec) in s.sections.iter().enumerate() {
        for (j, page) in sec.pages.iter().enumerate() {
            for (k, f) in page.fields.iter().enumerate() {
                let Some(target) = &f.fold_into else { continue };
                let at = format!("sections[{i}].pages[{j}].fields[{k}].fold_into");
                match s.field(target) {
                    Some(t)
                        if t.id != f.id && t.kind != FieldType::Group && t.fold_into.is_none() => {}
                    _ => {
                        return Err(bad(
                            at,
                            format!("{target:?} is not an official top-level field to fold into"),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn condition(
    at: &str,
    c: Option<&Condition>,
    defined: &[&Field],
    siblings: Option<&[&Field]>,
) -> Result<(), SchemaError> {
    let Some(c) = c else { return Ok(()) };
    let target = siblings
        .and_then(|s| s.iter().find(|f| f.id == c.field))
        .or_else(|| defined.iter().find(|f| f.id == c.field));
    let Some(target) = target else {
        return Err(bad(
            format!("{at}.field"),
            format!("{:?} is not a field defined before this one", c.field),
        ));
    };
    if c.equals.is_none() == c.one_of.is_empty() {
        return Err(bad(at, "give exactly one of `equals` and `one_of`"));
    }
    let allowed: Vec<&str> = match target.kind {
        FieldType::YesNo => vec!["yes", "no"],
        FieldType::Choice => target.options.iter().map(|o| o.value.as_str()).collect(),
        _ => {
            return Err(bad(
                format!("{at}.field"),
                "conditions can test choice and yes/no fields only",
            ));
        }
    };
    for v in c.equals.iter().chain(&c.one_of) {
        if !allowed.contains(&v.as_str()) {
            return Err(bad(at, format!("{v:?} is not a value of {:?}", c.field)));
        }
    }
    Ok(())
}

fn field(
    at: &str,
    f: &Field,
    defined: &[&Field],
    siblings: Option<&[&Field]>,
) -> Result<(), SchemaError> {
    if !is_field_id(&f.id) {
        return Err(bad(
            format!("{at}.id"),
            format!("invalid field id {:?}", f.id),
        ));
    }
    if f.label.vi.trim().is_empty() {
        return Err(bad(format!("{at}.label.vi"), "must not be empty"));
    }
    condition(
        &format!("{at}.visible_if"),
        f.visible_if.as_ref(),
        defined,
        siblings,
    )?;
    let only = |cond: bool, what: &str| {
        if cond {
            Err(bad(
                at,
                format!("`{what}` does not apply to a {:?} field", f.kind),
            ))
        } else {
            Ok(())
        }
    };
    only(
        !f.options.is_empty() && f.kind != FieldType::Choice,
        "options",
    )?;
    only(
        f.max_length.is_some() && f.kind != FieldType::Text,
        "max_length",
    )?;
    only(
        (f.min.is_some() || f.max.is_some()) && f.kind != FieldType::Number,
        "min/max",
    )?;
    only(
        f.date_rule != DateRule::Any && f.kind != FieldType::Date,
        "date_rule",
    )?;
    only(f.partial_date && f.kind != FieldType::Date, "partial_date")?;
    only(
        f.within_years.is_some() && f.kind != FieldType::Date,
        "within_years",
    )?;
    only(
        f.fold_into.is_some() && f.kind == FieldType::Group,
        "fold_into",
    )?;
    let group = f.kind == FieldType::Group;
    only(!f.fields.is_empty() && !group, "fields")?;
    only(
        (f.min_items.is_some() || f.max_items.is_some() || f.item_label.is_some()) && !group,
        "min_items/max_items/item_label",
    )?;
    match f.kind {
        FieldType::Choice => {
            if f.options.len() < 2 {
                return Err(bad(
                    format!("{at}.options"),
                    "a choice needs at least two options",
                ));
            }
            let mut seen = HashSet::new();
            for (i, o) in f.options.iter().enumerate() {
                if !is_field_id(&o.value) || !seen.insert(o.value.as_str()) {
                    return Err(bad(
                        format!("{at}.options[{i}].value"),
                        format!("invalid or repeated value {:?}", o.value),
                    ));
                }
                // A top-level field defined before this one.
                condition(
                    &format!("{at}.options[{i}].only_if"),
                    o.only_if.as_ref(),
                    defined,
                    None,
                )?;
            }
        }
        FieldType::Number => {
            if let (Some(a), Some(b)) = (f.min, f.max)
                && a > b
            {
                return Err(bad(at, "min is above max"));
            }
        }
        FieldType::Group => {
            if f.fields.is_empty() {
                return Err(bad(format!("{at}.fields"), "a group needs sub-fields"));
            }
            let max = f.max_items.unwrap_or(MAX_GROUP_ITEMS as u32);
            if max == 0 || max as usize > MAX_GROUP_ITEMS || f.min_items.is_some_and(|m| m > max) {
                return Err(bad(
                    at,
                    format!("min_items/max_items out of range (0–{MAX_GROUP_ITEMS})"),
                ));
            }
            if f.prefill.is_some() {
                return Err(bad(format!("{at}.prefill"), "a group cannot be prefilled"));
            }
        }
        _ => {}
    }
    match &f.prefill {
        Some(Prefill::Answer(source)) => {
            let ok = defined
                .iter()
                .find(|d| d.id == *source)
                .is_some_and(|d| d.kind == f.kind);
            if !ok || siblings.is_some() {
                return Err(bad(
                    format!("{at}.prefill"),
                    format!("{source:?} is not an earlier top-level field of the same type"),
                ));
            }
        }
        Some(Prefill::Citizen(fact)) => {
            let fits = match fact {
                CitizenFact::Name => f.kind == FieldType::Text,
                CitizenFact::BirthDate => f.kind == FieldType::Date,
                CitizenFact::Sex => {
                    f.kind == FieldType::Choice
                        && f.options.iter().any(|o| o.value == "male")
                        && f.options.iter().any(|o| o.value == "female")
                }
                CitizenFact::Cccd => f.kind == FieldType::Cccd,
                CitizenFact::Address => f.kind == FieldType::Address,
            };
            if !fits || siblings.is_some() {
                return Err(bad(
                    format!("{at}.prefill"),
                    "this profile fact does not fit this field",
                ));
            }
        }
        None => {}
    }
    Ok(())
}
