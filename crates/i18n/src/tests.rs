//! Checks over the whole `locales/` folder and over every place in the
//! repository that names a message id.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use super::*;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// id → sorted attribute names, per message.
fn shape(lang: Language) -> BTreeSet<(String, Vec<String>)> {
    let mut out = BTreeSet::new();
    for (file, text) in sources(lang).unwrap_or_else(|e| panic!("{e}")) {
        let res = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errs)| panic!("{file}: {errs:?}"));
        for entry in res.body {
            if let ast::Entry::Message(m) = entry {
                let mut attrs: Vec<String> =
                    m.attributes.iter().map(|a| a.id.name.to_owned()).collect();
                attrs.sort();
                out.insert((m.id.name.to_owned(), attrs));
            }
        }
    }
    out
}

#[test]
fn every_language_builds_without_errors() {
    if let Err(e) = Localizer::new() {
        panic!("{e}");
    }
}

#[test]
fn languages_have_the_same_files() {
    let files = |lang| -> BTreeSet<String> {
        sources(lang)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|(f, _)| {
                Path::new(&f)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(files(Language::Vi), files(Language::En));
}

#[test]
fn languages_have_the_same_message_ids_and_attributes() {
    let vi = shape(Language::Vi);
    let en = shape(Language::En);
    let only_vi: Vec<_> = vi.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&vi).collect();
    assert!(
        only_vi.is_empty() && only_en.is_empty(),
        "message ids/attributes differ between vi and en\n only in vi: {only_vi:?}\n only in en: {only_en:?}"
    );
}

#[test]
fn vietnamese_text_is_nfc_and_has_no_stray_placeholders() {
    for lang in Language::ALL {
        for (file, text) in sources(lang).unwrap_or_else(|e| panic!("{e}")) {
            // Decomposed combining marks (U+0300..U+036F) mean text pasted as
            // NFD: it renders and searches badly.
            assert!(
                !text.chars().any(|c| ('\u{0300}'..='\u{036F}').contains(&c)),
                "{file} contains decomposed (NFD) diacritics"
            );
            assert!(!text.contains("TODO"), "{file} contains TODO");
        }
    }
}

#[test]
fn tr_formats_falls_back_and_reports_missing_ids() -> Result<(), Error> {
    let l = Localizer::new()?;
    assert_eq!(l.tr(Language::Vi, "app-name", &[]), "Gõ Cửa");
    assert_eq!(l.tr(Language::En, "language-vi", &[]), "Tiếng Việt");
    let vi = l.tr(
        Language::Vi,
        "error-invalid-language",
        &[("value", "fr".into())],
    );
    let en = l.tr(
        Language::En,
        "error-invalid-language",
        &[("value", "fr".into())],
    );
    assert!(vi.contains("fr") && en.contains("fr"));
    assert_ne!(vi, en);
    assert_eq!(
        l.tr(Language::En, "no-such-message", &[]),
        "no-such-message"
    );
    assert!(l.has(Language::En, "app-name"));
    assert!(!l.has(Language::En, "no-such-message"));
    Ok(())
}

#[test]
fn amounts_are_grouped_per_language() {
    assert_eq!(format_amount(0, Language::Vi), "0");
    assert_eq!(format_amount(135_000, Language::Vi), "135.000");
    assert_eq!(format_amount(1_234_567, Language::En), "1,234,567");
    assert_eq!(format_amount(999, Language::En), "999");
}

/// Source files under `dir` with one of `exts`, skipping build output.
fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(
                name.as_ref(),
                "target" | "node_modules" | "dist" | "bindings" | ".git"
            ) {
                walk(&path, exts, out);
            }
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            out.push(path);
        }
    }
}

/// Ids named in code: `tr(<lang>, "id"` in Rust, `t('id'` / `t("id"` in the UI.
/// Ids built at run time (error codes) are checked where they are built.
#[test]
fn every_id_used_in_code_exists() {
    let root = repo_root();
    let rust = regex::Regex::new(r#"\btr\(\s*[^,()"]+,\s*"([a-z][a-z0-9-]*)""#)
        .unwrap_or_else(|e| panic!("{e}"));
    let ui =
        regex::Regex::new(r#"\bt\(\s*['"]([a-z][a-z0-9-]*)['"]"#).unwrap_or_else(|e| panic!("{e}"));
    let ids = message_ids(Language::Vi).unwrap_or_else(|e| panic!("{e}"));

    let mut files = Vec::new();
    walk(&root.join("crates"), &["rs"], &mut files);
    walk(&root.join("src-tauri/src"), &["rs"], &mut files);
    let rust_count = files.len();
    walk(&root.join("ui/src"), &["ts", "svelte"], &mut files);
    assert!(
        rust_count > 5 && files.len() > rust_count,
        "walked too few files: {files:?}"
    );

    let mut used = 0;
    let mut missing = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if file.ends_with("i18n/src/tests.rs") {
            continue; // this file names missing ids on purpose
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let re = if i < rust_count { &rust } else { &ui };
        for cap in re.captures_iter(&text) {
            used += 1;
            let id = &cap[1];
            if !ids.contains(id) {
                missing.push(format!("{}: {id}", file.display()));
            }
        }
    }
    assert!(
        used > 10,
        "found only {used} uses of message ids: is the pattern still right?"
    );
    assert!(
        missing.is_empty(),
        "message ids used in code but not in locales/vi:\n{}",
        missing.join("\n")
    );
}
