//! The house rules, checked over the repository's files. Each failure names
//! the file and the rule; fix the code or the map, never the rule quietly.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from("../.."))
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// Expands `a/{b,c}.rs` into `a/b.rs` and `a/c.rs` (one level).
fn expand(span: &str) -> Vec<String> {
    match (span.find('{'), span.find('}')) {
        (Some(a), Some(b)) if a < b => span[a + 1..b]
            .split(',')
            .flat_map(|part| expand(&format!("{}{}{}", &span[..a], part.trim(), &span[b + 1..])))
            .collect(),
        _ => vec![span.to_owned()],
    }
}

const ROOTS: &[&str] = &[
    "crates/",
    "src-tauri/",
    "ui/",
    "scripts/",
    "docs/",
    "data/",
    "tests/",
    "locales/",
    "assets/",
    ".ci/",
];
const IN_CRATE: &[&str] = &["src/", "tests/", "benches/", "migrations/"];

/// The paths a map names: whole ones, and `src/…` ones inside a crate's
/// section (`### \`crates/api\``).
fn named_paths(map: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut section: Option<String> = None;
    for (n, line) in map.lines().enumerate() {
        if let Some(h) = line.strip_prefix("### `") {
            section = h
                .split('`')
                .next()
                .map(str::to_owned)
                .filter(|s| s.contains('/'));
        } else if line.starts_with("## ") || line.starts_with("### ") {
            section = None;
        }
        for (i, span) in line.split('`').enumerate() {
            if i % 2 == 0 {
                continue;
            }
            // `path:12-40`, `path` + words after it, `path::item`.
            let span = span.split_whitespace().next().unwrap_or_default();
            let span = span.split(':').next().unwrap_or_default();
            if span.contains(['…', '<', '*', '$']) || span.contains("NN") || span.is_empty() {
                continue;
            }
            for path in expand(span) {
                let whole = if ROOTS.iter().any(|r| path.starts_with(r)) {
                    path.clone()
                } else if let Some(krate) = section.as_deref()
                    && IN_CRATE.iter().any(|r| path.starts_with(r))
                {
                    format!("{krate}/{path}")
                } else {
                    continue;
                };
                out.push((n + 1, whole.trim_end_matches(['.', ',', ')']).to_owned()));
            }
        }
    }
    out
}

/// The files the "Where is…?" table names: each column's spans are read
/// against its room (core, store, api, ui), or against the crate a cell
/// names first (`gocua-sync` `pass.rs`).
fn index_paths(map: &str) -> Vec<(usize, String)> {
    const COLUMNS: [&str; 4] = [
        "crates/core/src/",
        "crates/store/src/",
        "crates/api/src/",
        "ui/src/lib/",
    ];
    let mut out = Vec::new();
    let Some(start) = map.find("## Where is") else {
        return out;
    };
    let first = map[..start].lines().count();
    for (n, line) in map[start..].lines().enumerate() {
        if !line.starts_with("| **") {
            continue;
        }
        for (col, cell) in line.split('|').skip(2).take(4).enumerate() {
            let mut base = COLUMNS[col].to_owned();
            for (i, span) in cell.split('`').enumerate() {
                if i % 2 == 0 {
                    continue;
                }
                if let Some(krate) = span.strip_prefix("gocua-") {
                    base = match krate {
                        "desktop" => "src-tauri/src/".to_owned(),
                        k => format!("crates/{k}/src/"),
                    };
                    continue;
                }
                let span = span.split_whitespace().next().unwrap_or_default();
                let is_file = [".rs", ".svelte", ".ts", ".ftl", ".sql", "/"]
                    .iter()
                    .any(|x| span.ends_with(x));
                if !is_file || span.contains(['*', '<', '…']) || span.starts_with('(') {
                    continue;
                }
                for path in expand(span) {
                    let whole = if ROOTS.iter().any(|r| path.starts_with(r)) {
                        path
                    } else {
                        format!("{base}{path}")
                    };
                    out.push((first + n, whole));
                }
            }
        }
    }
    out
}

#[test]
fn every_path_the_architecture_map_names_exists() {
    let map = read(&root().join("ARCHITECTURE.md"));
    let mut named = named_paths(&map);
    let index = index_paths(&map);
    assert!(
        index.len() > 40,
        "the index was read ({} paths)",
        index.len()
    );
    named.extend(index);
    assert!(named.len() > 50, "the map was read ({} paths)", named.len());
    let missing: Vec<String> = named
        .iter()
        .filter(|(_, p)| !root().join(p).exists())
        .map(|(line, p)| format!("ARCHITECTURE.md:{line}: {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "the map names what does not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_index_reader_reads_each_column_in_its_room() {
    let map = "## Where is…?\n| noun | a | b | c | d |\n|---|---|---|---|---|\n| **x** | `dossier.rs` `next` | `table/{a,b}.rs` | `sync.rs`; `gocua-sync` `hub/pass.rs` | `visit/X.svelte` |\n";
    let named: Vec<String> = index_paths(map).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        named,
        [
            "crates/core/src/dossier.rs",
            "crates/store/src/table/a.rs",
            "crates/store/src/table/b.rs",
            "crates/api/src/sync.rs",
            "crates/sync/src/hub/pass.rs",
            "ui/src/lib/visit/X.svelte"
        ]
    );
}

#[test]
fn the_map_reader_finds_a_missing_path() {
    let map =
        "### `crates/api` — x\nSee `src/nowhere.rs` and `crates/core/src/{lib,nowhere}.rs:3`.\n";
    let named: Vec<String> = named_paths(map).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        named,
        [
            "crates/api",
            "crates/api/src/nowhere.rs",
            "crates/core/src/lib.rs",
            "crates/core/src/nowhere.rs"
        ]
    );
}

const SQL: &[&str] = &[
    "SELECT ",
    "INSERT INTO",
    "UPDATE ",
    "DELETE FROM",
    "TRUNCATE ",
    "CREATE TABLE",
    "CREATE UNLOGGED",
    "DROP TABLE",
    "ALTER TABLE",
    "WITH RECURSIVE",
];

/// Lines of `text` where a string literal begins with SQL.
fn sql_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.split('"')
                .skip(1)
                .step_by(2)
                .any(|lit| SQL.iter().any(|k| lit.trim_start().starts_with(k)))
                || SQL.iter().any(|k| line.trim_start().starts_with(k))
        })
        .map(|(n, _)| n + 1)
        .collect()
}

#[test]
fn sql_is_written_only_where_each_service_keeps_it() {
    let r = root();
    // The laptop's SQL is the store's; the sandbox's is its db.rs; the
    // hub's is its db/ folder. Anywhere else in shipped code it is a leak.
    let allowed = |p: &Path| {
        let s = rel(p);
        s.starts_with("crates/store/")
            || s == "crates/portal/src/db.rs"
            || s.starts_with("crates/hub/src/db/")
            || s.ends_with("/tests.rs")
    };
    // Every crate's shipped source, found afresh: a crate added or renamed
    // is read too (a fixed list once kept a renamed crate out unnoticed).
    let mut dirs: Vec<PathBuf> = fs::read_dir(r.join("crates"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path().join("src"))
                .filter(|p| p.is_dir() && !p.starts_with(r.join("crates/tidy")))
                .collect()
        })
        .unwrap_or_default();
    dirs.push(r.join("src-tauri/src"));
    assert!(dirs.len() >= 11, "the crates were found ({})", dirs.len());
    let mut leaks = Vec::new();
    for dir in dirs {
        for f in rust_files(&dir) {
            if allowed(&f) {
                continue;
            }
            for n in sql_lines(&read(&f)) {
                leaks.push(format!("{}:{n}", rel(&f)));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "SQL outside its room:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_sql_finder_finds_sql() {
    assert_eq!(
        sql_lines("let q = \"SELECT 1\";\nlet s = \"Selected\";"),
        [1]
    );
    assert_eq!(
        sql_lines("client.batch_execute(\n    \"TRUNCATE team\")"),
        [2]
    );
    assert!(sql_lines("// UPDATE the view\nlet x = 1;").is_empty());
}

#[test]
fn no_benchmark_is_compiled_into_what_ships() {
    let r = root();
    let mut found = Vec::new();
    for dir in ["crates", "src-tauri"] {
        for f in rust_files(&r.join(dir)) {
            let s = rel(&f);
            // Shipped code: a crate's src/ (tests.rs files and test modules
            // apart); benches/ and tests/ are never in a binary.
            if !s.contains("/src/") || s.starts_with("crates/tidy/") {
                continue;
            }
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with("bench") {
                found.push(s.clone());
            }
            for (n, line) in read(&f).lines().enumerate() {
                let l = line.trim_start();
                if l.starts_with("mod bench") || l.starts_with("pub mod bench") {
                    found.push(format!("{s}:{}", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a benchmark in shipped code (put it under benches/):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_command_surface_never_depends_on_a_wire_crate() {
    let r = root();
    let manifest = read(&r.join("crates/api/Cargo.toml"));
    assert!(
        !manifest.contains("gocua-protocol"),
        "crates/api/Cargo.toml names gocua-protocol: the wire is gocua-sync's to speak"
    );
    let mut spoken = Vec::new();
    for dir in ["crates/api/src", "crates/api/tests", "crates/api/benches"] {
        for f in rust_files(&r.join(dir)) {
            if read(&f).contains("gocua_protocol") {
                spoken.push(rel(&f));
            }
        }
    }
    assert!(
        spoken.is_empty(),
        "api speaks the wire in:\n{}",
        spoken.join("\n")
    );
}
