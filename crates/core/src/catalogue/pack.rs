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
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MINIMAL: &str = r#"{
      "format": "gocua-catalogue", "format_version": 2, "pack_id": "test", "version": 3,
      "issued_at": "2026-11-25", "source": "unit test",
      "synonyms": [{"says": ["bằng lái"], "means": "giấy phép lái xe"}],
      "procedures": [{
        "code": "GC-TEST-1", "name": {"vi": "Đăng ký khai sinh", "en": "Birth registration"},
        "field": {"vi": "Hộ tịch"}, "agency": {"vi": "UBND cấp xã"}, "level": "commune",
        "channels": ["national_portal", "vneid"],
        "documents": [{"name": {"vi": "Giấy chứng sinh"}, "form": "original"}],
        "documents_verified": true,
        "fees": [{"name": {"vi": "Lệ phí"}, "in_person": 8000, "online": 4000}],
        "fees_verified": false,
        "processing_time": {"vi": "Trong ngày"}, "vneid_level": 2, "essential_no": 14,
        "where_to_submit": {"vi": "UBND xã"}, "source": "unit test", "verified_at": "2026-02-29",
        "provenance": {
          "fees": {"source": "unit test"},
          "documents": {"source": "Luật Hộ tịch 2014, Điều 16", "verified_at": "2026-11-20"},
          "processing_time": {"source": "unit test"},
          "legal_basis": {"source": "unit test"}
        }
      }]
    }"#;

    fn with(path: &str, value: serde_json::Value) -> String {
        let mut doc: serde_json::Value =
            serde_json::from_str(MINIMAL).unwrap_or_else(|e| panic!("{e}"));
        let mut at = &mut doc;
        let parts: Vec<&str> = path.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            at = match part.parse::<usize>() {
                Ok(n) => &mut at[n],
                Err(_) if last => {
                    at[*part] = value;
                    return doc.to_string();
                }
                Err(_) => &mut at[*part],
            };
        }
        doc.to_string()
    }

    #[track_caller]
    fn refused(json: &str, path: &str) -> PackErrorKind {
        match parse_pack(json) {
            Ok(_) => panic!("accepted a bad pack; expected an error at {path}"),
            Err(e) => {
                assert_eq!(e.path, path, "error: {e}");
                e.kind
            }
        }
    }

    #[test]
    fn minimal_pack_parses() -> Result<(), PackError> {
        // 2026 is not a leap year: fix the date the const uses on purpose below.
        let json = MINIMAL.replace("2026-02-29", "2024-02-29");
        let pack = parse_pack(&json)?;
        assert_eq!(pack.procedures.len(), 1);
        let p = &pack.procedures[0];
        assert!(p.is_essential());
        assert_eq!(p.documents[0].count, 1);
        assert_eq!(p.fees[0].online_saving(), Some(4000));
        assert_eq!(p.name.get(crate::Language::En), "Birth registration");
        assert_eq!(p.field.get(crate::Language::En), "Hộ tịch");
        Ok(())
    }

    #[test]
    fn malformed_packs_name_the_bad_field() {
        refused(MINIMAL, "procedures[0].verified_at"); // 2026-02-29 does not exist
        let ok = MINIMAL.replace("2026-02-29", "2026-02-28");
        assert!(matches!(refused("{", "."), PackErrorKind::Structure(_)));
        assert!(matches!(refused("[]", "."), PackErrorKind::Structure(_)));
        assert!(matches!(
            refused(&with("format", "x".into()), "format"),
            PackErrorKind::WrongFormat(_)
        ));
        assert_eq!(
            refused(&with("format_version", 3.into()), "format_version"),
            PackErrorKind::UnsupportedVersion(3)
        );
        // A fact is called verified only with the day it was checked.
        let changed = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut doc: serde_json::Value =
                serde_json::from_str(&ok).unwrap_or_else(|e| panic!("{e}"));
            edit(&mut doc["procedures"][0]);
            doc.to_string()
        };
        refused(
            &changed(&|p| p["fees_verified"] = true.into()),
            "procedures[0].fees_verified",
        );
        refused(
            &changed(&|p| p["documents_verified"] = false.into()),
            "procedures[0].documents_verified",
        );
        refused(
            &changed(&|p| p["provenance"]["documents"]["verified_at"] = "hôm qua".into()),
            "procedures[0].provenance.documents.verified_at",
        );
        refused(
            &changed(&|p| p["provenance"]["legal_basis"]["source"] = " ".into()),
            "procedures[0].provenance.legal_basis.source",
        );
        refused(
            &changed(&|p| p["provenance"] = serde_json::Value::Null),
            "procedures[0].provenance",
        );
        refused(
            &with("procedures/0/name/vi", " ".into()),
            "procedures[0].name.vi",
        );
        refused(
            &with("procedures/0/code", "có dấu".into()),
            "procedures[0].code",
        );
        refused(
            &with("procedures/0/fees/0/online", (-5).into()),
            "procedures[0].fees[0].online",
        );
        refused(
            &with("procedures/0/fees/0/online", "4000".into()),
            "procedures[0].fees[0].online",
        );
        refused(
            &with("procedures/0/vneid_level", 3.into()),
            "procedures[0].vneid_level",
        );
        refused(
            &with("procedures/0/essential_no", 26.into()),
            "procedures[0].essential_no",
        );
        refused(
            &with("procedures/0/level", "district".into()),
            "procedures[0].level",
        );
        refused(
            &with("procedures/0/documents/0/count", 0.into()),
            "procedures[0].documents[0].count",
        );
        refused(
            &with("procedures/0/surprise", 1.into()),
            "procedures[0].surprise",
        );
        refused(&with("procedures", serde_json::json!([])), "procedures");
        refused(
            &with("synonyms/0/says", serde_json::json!([])),
            "synonyms[0].says",
        );
        refused(&with("issued_at", "25/11/2026".into()), "issued_at");
        // Over-long texts: a 200,000-character keyword, a huge name.
        refused(
            &with(
                "procedures/0/keywords",
                serde_json::json!(["k".repeat(200_000)]),
            ),
            "procedures[0].keywords[0]",
        );
        refused(
            &with(
                "procedures/0/name/vi",
                "n".repeat(MAX_TEXT_CHARS + 1).into(),
            ),
            "procedures[0].name.vi",
        );
        let _ = ok;
    }

    #[test]
    fn a_pack_saved_with_a_byte_order_mark_is_read() -> Result<(), PackError> {
        let json = MINIMAL.replace("2026-02-29", "2024-02-29");
        let pack = parse_pack(&format!("\u{feff}{json}"))?;
        assert_eq!(pack, parse_pack(&json)?);
        Ok(())
    }

    /// A paper that depends on the answers must be decidable by the
    /// procedure's own form; the shipped pack's GPLX health certificate,
    /// broken four ways.
    #[test]
    fn paper_conditions_name_a_field_and_answers_of_the_form() {
        let shipped: serde_json::Value =
            serde_json::from_str(include_str!("../../../../data/catalogue/vn-national.json"))
                .unwrap_or_else(|e| panic!("{e}"));
        let procedures = shipped["procedures"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let Some(i) = procedures.iter().position(|p| p["code"] == "GC-GPLX") else {
            panic!("the shipped pack has no GC-GPLX");
        };
        let docs = procedures[i]["documents"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let Some(j) = docs.iter().position(|d| d.get("applies_if").is_some()) else {
            panic!("GC-GPLX has no paper that depends on the answers");
        };
        let at = format!("procedures[{i}].documents[{j}].applies_if");
        let broken = |change: &dyn Fn(&mut serde_json::Value)| {
            let mut doc = shipped.clone();
            change(&mut doc["procedures"][i]);
            refused(&doc.to_string(), &at)
        };
        let kinds = [
            broken(&|p| p["documents"][j]["conditional"] = false.into()),
            broken(&|p| p["documents"][j]["applies_if"]["field"] = "no_such_field".into()),
            broken(&|p| p["documents"][j]["applies_if"]["one_of"] = serde_json::json!(["z9"])),
            broken(&|p| p["form_schema"] = serde_json::Value::Null),
        ];
        for k in kinds {
            assert!(matches!(k, PackErrorKind::BadCondition(_)), "{k:?}");
        }
        assert!(parse_pack(&shipped.to_string()).is_ok());
    }

    /// The reliability review's R3: a pack of made-up words (here 6,000
    /// keywords of 14 random 7-letter words) is refused when it is read,
    /// before any index is built; the shipped pack is far below the bound.
    #[test]
    fn a_pack_of_too_many_distinct_words_is_refused() {
        let mut shipped: serde_json::Value =
            serde_json::from_str(include_str!("../../../../data/catalogue/vn-national.json"))
                .unwrap_or_else(|e| panic!("{e}"));
        let docs: Vec<crate::search::SearchDoc> = parse_pack(&shipped.to_string())
            .unwrap_or_else(|e| panic!("{e}"))
            .procedures
            .iter()
            .map(Into::into)
            .collect();
        let terms = crate::search::distinct_terms(&docs, usize::MAX);
        assert!(terms < crate::search::MAX_PACK_TERMS / 10, "{terms}");

        let mut seed: u64 = 7;
        let mut word = || {
            (0..7)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    char::from(b'a' + ((seed >> 33) % 26) as u8)
                })
                .collect::<String>()
        };
        let keywords: Vec<String> = (0..6_000)
            .map(|_| (0..14).map(|_| word()).collect::<Vec<_>>().join(" "))
            .collect();
        shipped["procedures"][0]["keywords"] = serde_json::json!(keywords);
        let kind = refused(&shipped.to_string(), "procedures");
        assert!(
            matches!(&kind, PackErrorKind::OutOfRange(m) if m.contains("distinct search words")),
            "{kind:?}"
        );
    }

    /// Issue #14 item 2: each shipped procedure has its own steps (no two
    /// share a list), and steps that name a VNeID level name the
    /// procedure's own; one without a level (the THPT exam, certification)
    /// names none.
    #[test]
    fn shipped_steps_are_each_procedures_own() -> Result<(), PackError> {
        let pack = parse_pack(include_str!("../../../../data/catalogue/vn-national.json"))?;
        let mut seen = std::collections::HashMap::new();
        for p in &pack.procedures {
            let text: Vec<&str> = p.steps.iter().map(|s| s.vi.as_str()).collect();
            assert!(text.len() >= 2, "{}: too few steps", p.code);
            if let Some(other) = seen.insert(text.join("\n"), p.code.as_str()) {
                panic!("{} and {} share one list of steps", other, p.code);
            }
            let all = text.join(" ");
            let named: Vec<u8> = [(1u8, "VNeID mức 1"), (2, "VNeID mức 2")]
                .into_iter()
                .filter(|(_, w)| all.contains(w))
                .map(|(n, _)| n)
                .collect();
            match p.vneid_level {
                Some(level) => assert!(
                    named.iter().all(|n| *n == level),
                    "{}: steps name VNeID level {named:?}, the procedure needs {level}",
                    p.code
                ),
                None => assert!(named.is_empty(), "{}: steps name a VNeID level", p.code),
            }
            for s in &p.steps {
                assert!(
                    s.en.as_deref().is_some_and(|e| !e.is_empty()),
                    "{}: a step without English",
                    p.code
                );
            }
        }
        Ok(())
    }

    #[test]
    fn duplicate_codes_are_refused() {
        let mut doc: serde_json::Value =
            serde_json::from_str(&MINIMAL.replace("2026-02-29", "2026-02-28"))
                .unwrap_or_else(|e| panic!("{e}"));
        let p = doc["procedures"][0].clone();
        let mut p2 = p.clone();
        p2["essential_no"] = serde_json::Value::Null;
        doc["procedures"] = serde_json::json!([p, p2]);
        assert!(matches!(
            refused(&doc.to_string(), "procedures[1].code"),
            PackErrorKind::DuplicateCode(_)
        ));
    }

    #[test]
    fn dates() {
        for good in ["2024-02-29", "2026-12-31", "1990-01-01"] {
            assert!(is_valid_date(good), "{good}");
        }
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-1",
            "20261125",
            "abcd-ef-gh",
            "1800-01-01",
        ] {
            assert!(!is_valid_date(bad), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn parser_never_panics(s in "\\PC{0,200}") {
            let _ = parse_pack(&s);
        }

        #[test]
        fn parser_never_panics_on_mutated_packs(cut in 0usize..1200, insert in "[\\[\\]{}\",:0-9a-z ]{0,4}") {
            let base = MINIMAL.replace("2026-02-29", "2026-02-28");
            let cut = cut.min(base.len());
            let cut = (0..=cut).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
            let mutated = format!("{}{}{}", &base[..cut], insert, &base[cut..]);
            let _ = parse_pack(&mutated);
        }

        #[test]
        fn date_check_never_panics(s in "\\PC{0,12}") {
            let _ = is_valid_date(&s);
        }
    }
}
