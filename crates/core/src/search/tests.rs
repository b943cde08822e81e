//! The search index's tests: how citizens type, limits, and never panicking.
use super::*;
use proptest::prelude::*;

fn doc(code: &str, name: &str, keywords: &[&str], essential: bool) -> SearchDoc {
    SearchDoc {
        code: code.into(),
        name: name.into(),
        name_en: None,
        keywords: keywords.iter().map(|s| (*s).to_owned()).collect(),
        field: "Hộ tịch".into(),
        essential,
    }
}

fn index() -> SearchIndex {
    let docs = vec![
        doc("KS", "Đăng ký khai sinh", &["làm giấy khai sinh"], true),
        doc("KT", "Đăng ký khai tử", &["báo tử"], true),
        doc("GPLX", "Cấp đổi giấy phép lái xe", &[], true),
        doc("TT", "Đăng ký thường trú", &["nhập hộ khẩu"], true),
        doc("BANG", "Cấp bản sao văn bằng, chứng chỉ", &[], false),
        doc("BANGTAN", "Đăng ký băng tần vô tuyến", &[], false),
    ];
    let synonyms = vec![
        (vec!["bằng lái".to_owned()], "giấy phép lái xe".to_owned()),
        (vec!["hộ khẩu".to_owned()], "thường trú".to_owned()),
    ];
    let stop = ["tôi", "muốn", "làm", "cho", "thế nào"].map(String::from);
    SearchIndex::build(&docs, &synonyms, &stop)
}

/// A pack's absurd keyword (one 200,000-letter "word") adds no typo
/// neighbourhood (which would be 200,000² bytes), and a pasted
/// document as a query is cut to a search box's length.
#[test]
fn huge_words_and_queries_cost_nothing_extra() {
    let huge = "a".repeat(200_000);
    let docs = vec![
        doc("KS", "Đăng ký khai sinh", &[huge.as_str()], true),
        doc("KT", "Đăng ký khai tử", &[], true),
    ];
    let index = SearchIndex::build(&docs, &[], &[]);
    assert!(
        index
            .deletes
            .keys()
            .all(|k| k.chars().count() < MAX_TYPO_WORD_CHARS)
    );
    assert_eq!(
        index
            .search("khai sinh", 3)
            .first()
            .map(|h| h.code.as_str()),
        Some("KS")
    );
    let pasted = format!("khai tu {}", "x ".repeat(500_000));
    assert_eq!(
        index.search(&pasted, 3).first().map(|h| h.code.as_str()),
        Some("KT")
    );
}

#[track_caller]
fn top(query: &str) -> String {
    index()
        .search(query, 3)
        .first()
        .map(|h| h.code.clone())
        .unwrap_or_else(|| "<none>".into())
}

#[test]
fn finds_by_folded_words_typos_prefixes_and_synonyms() {
    assert_eq!(top("khai sinh"), "KS");
    assert_eq!(top("dang ky khai tu"), "KT");
    assert_eq!(top("doi bang lai"), "GPLX");
    assert_eq!(top("nhap khau cho con"), "TT");
    assert_eq!(top("thuong tru"), "TT");
    assert_eq!(top("thuonh tru"), "TT"); // typo
    assert_eq!(top("khai sin"), "KS"); // still typing
    assert_eq!(top("khaisinh"), "KS"); // no space
    assert_eq!(top("bao tu"), "KT");
    assert_eq!(top("tôi muốn làm khai sinh cho con thế nào"), "KS");
    assert_eq!(top("ĐĂNG KÍ KHAI SINH"), "KS");
    assert!(index().search("zzzz qqqq", 5).is_empty());
    assert!(index().search("", 5).is_empty());
    assert!(index().search("   ", 5).is_empty());
}

/// A synonym whose meaning contains what it rewrites is applied once:
/// "giấy phép lái" → "giấy phép lái xe" does not go on to
/// "giấy phép lái xe xe …" until the variant limit.
#[test]
fn a_rewrite_is_never_rewritten_again() {
    let idx = SearchIndex::build(
        &[doc("GPLX", "Cấp đổi giấy phép lái xe", &[], true)],
        &[(
            vec!["giấy phép lái".to_owned()],
            "giấy phép lái xe".to_owned(),
        )],
        &[],
    );
    let words = tokens("doi giay phep lai");
    let variants = idx.variants(&words);
    assert_eq!(variants.len(), 2, "{variants:?}");
    assert_eq!(variants[1], tokens("doi giay phep lai xe"));
    // Two typed phrases each rewrite, alone and together.
    let idx = index();
    let variants = idx.variants(&tokens("bang lai ho khau"));
    assert_eq!(variants.len(), 4, "{variants:?}");
}

#[test]
fn exact_diacritics_rank_first() {
    assert_eq!(top("bằng"), "BANG");
    assert_eq!(top("băng"), "BANGTAN");
}

#[test]
fn limit_is_respected_and_order_is_stable() {
    let idx = index();
    let a = idx.search("dang ky", 2);
    assert_eq!(a.len(), 2);
    assert_eq!(a, idx.search("dang ky", 2));
    assert!(a[0].score >= a[1].score);
}

proptest! {
    #[test]
    fn search_never_panics(q in "\\PC{0,40}") {
        let idx = index();
        let hits = idx.search(&q, 5);
        prop_assert!(hits.len() <= 5);
        prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
