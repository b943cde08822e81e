//! Files written about citizens (exports, receipts, reports): private, in
//! the exports folder or where the user chose, recorded so an erase or a purge
//! deletes them too.

use crate::clock::stamp;
use crate::{ApiError, Ctx, Result};

/// Writes `bytes` as `name` in `dir` (default `<data dir>/exports`).
/// Writes an export to `out` when given (the CLI's `--out`/`--pdf`), else
/// to `<data dir>/exports/<name>` (the app).
/// `about`: the citizen the file is about (deleted with them).
pub(crate) fn write_export(
    ctx: &Ctx,
    out: Option<&std::path::Path>,
    name: &str,
    bytes: &[u8],
    about: Option<i64>,
) -> Result<crate::dto::FileSaved> {
    let Some(path) = out else {
        return save_export(ctx, None, name, bytes, about);
    };
    gocua_store::files::write_private(path, bytes).map_err(|e| ApiError::Unreadable {
        path: path.display().to_string(),
        detail: e.to_string(),
    })?;
    remember_file(ctx, about, path)?;
    Ok(crate::dto::FileSaved {
        path: path.display().to_string(),
    })
}

/// Records a file written about a citizen, so that erasing or purging them
/// deletes it too.
pub(crate) fn remember_file(ctx: &Ctx, about: Option<i64>, path: &std::path::Path) -> Result<()> {
    let Some(citizen) = about else {
        return Ok(());
    };
    // Absolute, so a later erase finds it whatever the working folder.
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let now = stamp(ctx.now());
    let mut store = ctx.store()?;
    let w = store.write()?;
    let mut tx = w.citizens();
    tx.record_file(citizen, &path.display().to_string(), &now)?;
    w.commit()?;
    Ok(())
}

/// Deletes what a citizen left outside the database, once their rows are
/// gone: the files written about them and their dossiers' hand-off folders.
/// A file already gone is fine; one that cannot be deleted is logged (its
/// path carries no ID number).
pub(crate) fn remove_leftovers(ctx: &Ctx, files: &[String], dossiers: &[String]) {
    for f in files {
        match std::fs::remove_file(f) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                tracing::warn!(path = %f, error = %e, "a citizen's file could not be deleted")
            }
        }
    }
    for d in dossiers {
        crate::sync::remove_handoff_files(ctx, d);
    }
}

pub(crate) fn save_export(
    ctx: &Ctx,
    dir: Option<&std::path::Path>,
    name: &str,
    bytes: &[u8],
    about: Option<i64>,
) -> Result<crate::dto::FileSaved> {
    let dir = dir
        .map(ToOwned::to_owned)
        .unwrap_or_else(|| ctx.data_dir().join("exports"));
    // Names are built here, never from a citizen's ID number; still, only
    // one plain component may be joined.
    let path = gocua_store::files::child(&dir, name)
        .ok_or_else(|| ApiError::Internal("export file name".into()))?;
    gocua_store::files::ensure_private_dir(&dir)
        .and_then(|()| gocua_store::files::write_private(&path, bytes))
        .map_err(|e| ApiError::Unreadable {
            path: path.display().to_string(),
            detail: e.to_string(),
        })?;
    remember_file(ctx, about, &path)?;
    Ok(crate::dto::FileSaved {
        path: path.display().to_string(),
    })
}

/// Shows a file the app saved (a checklist, a receipt, a report, a hand-off
/// folder) in the system's viewer — `GOCUA_OPENER` names another program
/// (a kiosk's viewer; the tests). Only what lies in the data folder's
/// `exports` or `handoff` folders: a window cannot have anything else opened.
pub fn file_open(ctx: &Ctx, req: crate::dto::FileSaved) -> Result<()> {
    let cannot = |detail: String| ApiError::CannotOpen {
        path: req.path.clone(),
        detail,
    };
    let path = std::fs::canonicalize(&req.path).map_err(|e| cannot(e.to_string()))?;
    let inside = ["exports", "handoff"].iter().any(|dir| {
        std::fs::canonicalize(ctx.data_dir().join(dir)).is_ok_and(|root| path.starts_with(root))
    });
    if !inside {
        return Err(ApiError::Forbidden("file-outside-exports".into()));
    }
    let opened = match std::env::var("GOCUA_OPENER") {
        Ok(program) if !program.trim().is_empty() => open::with_detached(&path, program),
        _ => open::that_detached(&path),
    };
    opened.map_err(|e| cannot(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_saved_files_are_opened() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| ApiError::Internal(e.to_string()))?;
        let ctx = Ctx::open(crate::CtxOptions::for_tests(dir.path()))?;
        let outside = dir.path().join("elsewhere.pdf");
        std::fs::write(&outside, b"%PDF").map_err(|e| ApiError::Internal(e.to_string()))?;
        let refused = file_open(
            &ctx,
            crate::dto::FileSaved {
                path: outside.display().to_string(),
            },
        );
        assert!(
            matches!(refused, Err(ApiError::Forbidden(_))),
            "{refused:?}"
        );
        // A way out of the exports folder is no way in.
        std::fs::create_dir_all(dir.path().join("exports"))
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let sneaky = dir.path().join("exports").join("..").join("elsewhere.pdf");
        let refused = file_open(
            &ctx,
            crate::dto::FileSaved {
                path: sneaky.display().to_string(),
            },
        );
        assert!(
            matches!(refused, Err(ApiError::Forbidden(_))),
            "{refused:?}"
        );
        let gone = file_open(
            &ctx,
            crate::dto::FileSaved {
                path: dir.path().join("exports/none.pdf").display().to_string(),
            },
        );
        assert!(matches!(gone, Err(ApiError::CannotOpen { .. })), "{gone:?}");
        Ok(())
    }
}
