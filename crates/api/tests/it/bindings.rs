//! The TypeScript bindings in `crates/api/bindings/` must match the Rust
//! types. Run with `UPDATE_BINDINGS=1` to regenerate them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_tree(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ts") {
                let rel = path
                    .strip_prefix(dir)
                    .map(Path::to_owned)
                    .unwrap_or_default();
                out.insert(rel, std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    out
}

#[test]
fn bindings_are_fresh() -> Result<(), Box<dyn std::error::Error>> {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("bindings");
    let fresh = tempfile::tempdir()?;
    gocua_api::export_bindings(fresh.path())?;
    let want = read_tree(fresh.path());
    assert!(
        want.len() >= 5,
        "exported too few bindings: {:?}",
        want.keys()
    );

    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        if committed.exists() {
            std::fs::remove_dir_all(&committed)?;
        }
        gocua_api::export_bindings(&committed)?;
        return Ok(());
    }
    let have = read_tree(&committed);
    let stale: Vec<_> = want
        .iter()
        .filter(|(path, text)| have.get(*path) != Some(*text))
        .map(|(path, _)| path.display().to_string())
        .chain(
            have.keys()
                .filter(|p| !want.contains_key(*p))
                .map(|p| format!("{} (obsolete)", p.display())),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "TypeScript bindings are stale: {stale:?}\nregenerate with: UPDATE_BINDINGS=1 cargo test -p gocua-api --test it bindings"
    );
    Ok(())
}
