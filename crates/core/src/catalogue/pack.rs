//! Parsing and validating a catalogue pack.

use std::collections::HashSet;
use std::fmt;

use super::model::{LocalText, Pack, Procedure};

/// The `format` every pack declares.
pub const PACK_FORMAT: &str = "gocua-catalogue";
/// The newest pack format this build reads.
pub const PACK_FORMAT_VERSION: u32 = 2;

/// Why a pack was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct PackError {
    /// JSON path of the offending value, e.g. `procedures[3].fees[0].online`
    /// (`.` for the document itself).
    pub path: String,
    /// What is wrong with it.
    pub kind: PackErrorKind,
}

/// The kinds of pack errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackErrorKind {
    /// Not JSON, or the wrong JSON type, or an unknown/missing field.
    Structure(String),
    /// Not a Gõ Cửa catalogue pack.
    WrongFormat(String),
    /// A pack format newer than this app understands.
    UnsupportedVersion(u32),
    /// A required text is empty.
    Empty,
    /// A code that is not `[A-Za-z0-9.-]`, 1–40 characters.
    BadCode(String),
    /// The same procedure code twice.
    DuplicateCode(String),
    /// Not a `YYYY-MM-DD` date.
    BadDate(String),
    /// A number outside its range.
    OutOfRange(String),
    /// A pack without procedures.
    NoProcedures,
    /// A form schema breaks a rule (see [`crate::form::validate_schema`]).
    BadForm(String),
    /// A procedure names a form the pack does not carry.
    UnknownForm(String),
    /// A paper's `applies_if` cannot be decided by the procedure's form.
    BadCondition(String),
}

impl fmt::Display for PackErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackErrorKind::Structure(m) => write!(f, "{m}"),
            PackErrorKind::WrongFormat(v) => write!(f, "not a catalogue pack (format {v:?})"),
            PackErrorKind::UnsupportedVersion(v) => {
                write!(
                    f,
                    "pack format version {v} is newer than this app reads ({PACK_FORMAT_VERSION})"
                )
            }
            PackErrorKind::Empty => write!(f, "must not be empty"),
            PackErrorKind::BadCode(c) => write!(f, "invalid code {c:?}"),
            PackErrorKind::DuplicateCode(c) => write!(f, "code {c:?} appears twice"),
            PackErrorKind::BadDate(d) => write!(f, "invalid date {d:?}, expected YYYY-MM-DD"),
            PackErrorKind::OutOfRange(m) => write!(f, "out of range: {m}"),
            PackErrorKind::NoProcedures => write!(f, "the pack has no procedures"),
            PackErrorKind::BadForm(m) => write!(f, "{m}"),
            PackErrorKind::BadCondition(m) => write!(f, "{m}"),
            PackErrorKind::UnknownForm(id) => write!(f, "no form {id:?} in this pack"),
        }
    }
}

fn err(path: impl Into<String>, kind: PackErrorKind) -> PackError {
    PackError {
        path: path.into(),
        kind,
    }
}

/// Parses and validates a pack. Every refusal names the JSON path of the
/// first bad value.
pub fn parse_pack(json: &str) -> Result<Pack, PackError> {
    // Windows editors (Notepad) save UTF-8 with a byte-order mark.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let de = &mut serde_json::Deserializer::from_str(json);
    let pack: Pack = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = match e.path().to_string() {
            p if p.is_empty() || p == "?" => ".".to_owned(),
            p => p,
        };
        err(path, PackErrorKind::Structure(e.into_inner().to_string()))
    })?;
    validate(&pack)?;
    Ok(pack)
}

fn validate(pack: &Pack) -> Result<(), PackError> {
    if pack.format != PACK_FORMAT {
        return Err(err(
            "format",
            PackErrorKind::WrongFormat(pack.format.clone()),
        ));
    }
    if pack.format_version == 0 || pack.format_version > PACK_FORMAT_VERSION {
        return Err(err(
            "format_version",
            PackErrorKind::UnsupportedVersion(pack.format_version),
        ));
    }
    check_code("pack_id", &pack.pack_id)?;
    if pack.version == 0 {
        return Err(err(
            "version",
            PackErrorKind::OutOfRange("must be 1 or more".into()),
        ));
    }
    check_date("issued_at", &pack.issued_at)?;
    non_empty("source", &pack.source)?;
    for (i, s) in pack.synonyms.iter().enumerate() {
        if s.says.is_empty() {
            return Err(err(format!("synonyms[{i}].says"), PackErrorKind::Empty));
        }
        for (j, w) in s.says.iter().enumerate() {
            bounded(&format!("synonyms[{i}].says[{j}]"), w, MAX_TERM_CHARS)?;
        }
        bounded(&format!("synonyms[{i}].means"), &s.means, MAX_TERM_CHARS)?;
    }
    if pack.procedures.is_empty() {
        return Err(err("procedures", PackErrorKind::NoProcedures));
    }
    let mut form_ids = HashSet::new();
    for (i, form) in pack.forms.iter().enumerate() {
        crate::form::validate_schema(form).map_err(|e| {
            let sep = if e.path.starts_with('[') { "" } else { "." };
            err(
                format!("forms[{i}]{sep}{}", e.path),
                PackErrorKind::BadForm(e.reason),
            )
        })?;
        if !form_ids.insert(form.id.as_str()) {
            return Err(err(
                format!("forms[{i}].id"),
                PackErrorKind::DuplicateCode(form.id.clone()),
            ));
        }
    }
    let mut codes = HashSet::new();
    let mut essential = HashSet::new();
    for (i, p) in pack.procedures.iter().enumerate() {
        let at = format!("procedures[{i}]");
        validate_procedure(&at, p, pack.format_version)?;
        if let Some(form) = &p.form_schema
            && !form_ids.contains(form.as_str())
        {
            return Err(err(
                format!("{at}.form_schema"),
                PackErrorKind::UnknownForm(form.clone()),
            ));
        }
        check_paper_conditions(&at, p, &pack.forms)?;
        if !codes.insert(p.code.as_str()) {
            return Err(err(
                format!("{at}.code"),
                PackErrorKind::DuplicateCode(p.code.clone()),
            ));
        }
        if let Some(n) = p.essential_no
            && !essential.insert(n)
        {
            return Err(err(
                format!("{at}.essential_no"),
                PackErrorKind::OutOfRange(format!("essential service {n} appears twice")),
            ));
        }
    }
    // The search index's size is bounded by what a pack brings into it.
    let docs: Vec<crate::search::SearchDoc> = pack.procedures.iter().map(Into::into).collect();
    let terms = crate::search::distinct_terms(&docs, crate::search::MAX_PACK_TERMS);
    if terms > crate::search::MAX_PACK_TERMS {
        return Err(err(
            "procedures",
            PackErrorKind::OutOfRange(format!(
                "more than {} distinct search words and word pairs",
                crate::search::MAX_PACK_TERMS
            )),
        ));
    }
    Ok(())
}

/// A paper's `applies_if` names a top-level field of the procedure's own
/// form and, for a choice, only answers it offers; the paper is conditional.
fn check_paper_conditions(
    at: &str,
    p: &Procedure,
    forms: &[crate::form::FormSchema],
) -> Result<(), PackError> {
    for (j, d) in p.documents.iter().enumerate() {
        let Some(c) = &d.applies_if else { continue };
        let path = format!("{at}.documents[{j}].applies_if");
        let bad = |m: String| Err(err(path.clone(), PackErrorKind::BadCondition(m)));
        if !d.conditional {
            return bad("only a conditional paper may depend on the answers".into());
        }
        let Some(form) = p
            .form_schema
            .as_deref()
            .and_then(|id| forms.iter().find(|f| f.id == id))
        else {
            return bad("the procedure has no form to decide it".into());
        };
        let Some(field) = form.field(&c.field) else {
            return bad(format!("form {} has no field {:?}", form.id, c.field));
        };
        let offered: Vec<&str> = field.options.iter().map(|o| o.value.as_str()).collect();
        let wanted = c.equals.iter().chain(&c.one_of);
        if c.equals.is_none() && c.one_of.is_empty() {
            return bad("the condition names no answer".into());
        }
        if let Some(v) = wanted
            .into_iter()
            .find(|v| !offered.is_empty() && !offered.contains(&v.as_str()))
        {
            return bad(format!("{:?} is not an answer of {}", v, c.field));
        }
    }
    Ok(())
}

fn validate_procedure(at: &str, p: &Procedure, format_version: u32) -> Result<(), PackError> {
    check_code(&format!("{at}.code"), &p.code)?;
    if let Some(m) = &p.ma_tthc {
        check_code(&format!("{at}.ma_tthc"), m)?;
    }
    local(&format!("{at}.name"), &p.name)?;
    local(&format!("{at}.field"), &p.field)?;
    local(&format!("{at}.agency"), &p.agency)?;
    local(&format!("{at}.processing_time"), &p.processing_time)?;
    local(&format!("{at}.where_to_submit"), &p.where_to_submit)?;
    non_empty(&format!("{at}.source"), &p.source)?;
    for (j, k) in p.keywords.iter().enumerate() {
        bounded(&format!("{at}.keywords[{j}]"), k, MAX_TERM_CHARS)?;
    }
    if p.channels.is_empty() {
        return Err(err(format!("{at}.channels"), PackErrorKind::Empty));
    }
    for (j, d) in p.documents.iter().enumerate() {
        local(&format!("{at}.documents[{j}].name"), &d.name)?;
        if d.count == 0 || d.count > 20 {
            return Err(err(
                format!("{at}.documents[{j}].count"),
                PackErrorKind::OutOfRange(format!("{} (1–20)", d.count)),
            ));
        }
    }
    for (j, fee) in p.fees.iter().enumerate() {
        local(&format!("{at}.fees[{j}].name"), &fee.name)?;
        for (field, v) in [("in_person", fee.in_person), ("online", fee.online)] {
            if v.is_some_and(|v| v > 1_000_000_000) {
                return Err(err(
                    format!("{at}.fees[{j}].{field}"),
                    PackErrorKind::OutOfRange("more than 1 000 000 000 đồng".into()),
                ));
            }
        }
    }
    if let Some(level) = p.vneid_level
        && !(1..=2).contains(&level)
    {
        return Err(err(
            format!("{at}.vneid_level"),
            PackErrorKind::OutOfRange(format!("{level} (VNeID levels are 1 and 2)")),
        ));
    }
    if let Some(n) = p.essential_no
        && !(1..=25).contains(&n)
    {
        return Err(err(
            format!("{at}.essential_no"),
            PackErrorKind::OutOfRange(format!("{n} (1–25)")),
        ));
    }
    for (j, s) in p.steps.iter().enumerate() {
        local(&format!("{at}.steps[{j}]"), s)?;
    }
    if let Some(d) = &p.verified_at {
        check_date(&format!("{at}.verified_at"), d)?;
    }
    validate_provenance(at, p, format_version)
}

/// From format 2 every kind of fact names its source, and a fact is called
/// verified only with the day it was checked: `fees_verified` and
/// `documents_verified` must say what the provenance says. A format-1 pack
/// without provenance may not claim anything verified.
fn validate_provenance(at: &str, p: &Procedure, format_version: u32) -> Result<(), PackError> {
    let Some(prov) = &p.provenance else {
        if format_version >= 2 {
            return Err(err(format!("{at}.provenance"), PackErrorKind::Empty));
        }
        for (name, claimed) in [
            ("fees_verified", p.fees_verified),
            ("documents_verified", p.documents_verified),
        ] {
            if claimed {
                return Err(err(
                    format!("{at}.{name}"),
                    PackErrorKind::OutOfRange("verified without a dated source".into()),
                ));
            }
        }
        return Ok(());
    };
    for (name, fact) in [
        ("fees", &prov.fees),
        ("documents", &prov.documents),
        ("processing_time", &prov.processing_time),
        ("legal_basis", &prov.legal_basis),
    ] {
        non_empty(&format!("{at}.provenance.{name}.source"), &fact.source)?;
        if let Some(d) = &fact.verified_at {
            check_date(&format!("{at}.provenance.{name}.verified_at"), d)?;
        }
    }
    for (name, claimed, fact) in [
        ("fees_verified", p.fees_verified, &prov.fees),
        ("documents_verified", p.documents_verified, &prov.documents),
    ] {
        if claimed != fact.is_verified() {
            return Err(err(
                format!("{at}.{name}"),
                PackErrorKind::OutOfRange(format!(
                    "{claimed}, but the provenance says {}",
                    if fact.is_verified() {
                        "verified"
                    } else {
                        "unverified"
                    }
                )),
            ));
        }
    }
    Ok(())
}

/// The longest text of a pack field (a name, a step, a source).
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The longest search keyword or synonym.
pub const MAX_TERM_CHARS: usize = 120;

fn non_empty(path: &str, s: &str) -> Result<(), PackError> {
    bounded(path, s, MAX_TEXT_CHARS)
}

fn bounded(path: &str, s: &str, max: usize) -> Result<(), PackError> {
    if s.trim().is_empty() {
        return Err(err(path, PackErrorKind::Empty));
    }
    if s.chars().nth(max).is_some() {
        return Err(err(
            path,
            PackErrorKind::OutOfRange(format!("longer than {max} characters")),
        ));
    }
    Ok(())
}

fn local(path: &str, t: &LocalText) -> Result<(), PackError> {
    non_empty(&format!("{path}.vi"), &t.vi)?;
    if let Some(en) = &t.en {
        non_empty(&format!("{path}.en"), en)?;
    }
    Ok(())
}

fn check_code(path: &str, code: &str) -> Result<(), PackError> {
    let ok = (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if !ok {
        return Err(err(path, PackErrorKind::BadCode(code.to_owned())));
    }
    Ok(())
}

/// `YYYY-MM-DD` with a real month and day (leap years included), from 1900.
pub(crate) fn is_valid_date(s: &str) -> bool {
    crate::date::Date::from_iso(s).is_some_and(|d| d.year >= 1900)
}

fn check_date(path: &str, s: &str) -> Result<(), PackError> {
    if !is_valid_date(s) {
        return Err(err(path, PackErrorKind::BadDate(s.to_owned())));
    }
    Ok(())
}

#[cfg(test)]
#[path = "pack_tests.rs"]
mod tests;
