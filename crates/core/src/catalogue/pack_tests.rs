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
