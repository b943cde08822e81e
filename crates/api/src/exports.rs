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
