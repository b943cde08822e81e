//! Private files: the data folder and everything written into it are
//! readable by the operating-system user alone (0700 folders, 0600 files on
//! Unix), and files are written whole or not at all (temporary file, fsync,
//! rename, fsync of the folder), so a power cut or a full disk never leaves
//! a half-written or empty file where a good one was expected.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Creates `dir` (and its parents) if missing and makes it private to the
/// current user.
pub fn ensure_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    restrict(dir, true)
}

/// Makes an existing file (or folder, with `dir`) private to the current user.
pub fn restrict(path: &Path, dir: bool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = if dir { 0o700 } else { 0o600 };
        let current = std::fs::metadata(path)?.permissions().mode() & 0o777;
        if current != mode {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, dir);
    Ok(())
}

fn private_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    options
}

/// Creates an empty private file at `path` if none exists (SQLite then keeps
/// the file's mode for its `-wal` and `-shm` companions).
pub fn touch_private(path: &Path) -> std::io::Result<()> {
    match private_options().open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => restrict(path, false),
        Err(e) => Err(e),
    }
}

/// Writes `bytes` to `path` durably and privately: a temporary file beside
/// it, fsynced, renamed over `path`, then the folder fsynced. On any failure
/// (a full disk) the temporary file is removed and `path` is untouched.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let mut suffix = [0u8; 8];
    getrandom::fill(&mut suffix).map_err(|e| std::io::Error::other(e.to_string()))?;
    let suffix = gocua_core::hex::encode(&suffix);
    let tmp = dir.join(format!(".{}.{suffix}.tmp", name.to_string_lossy()));
    let written = (|| {
        let mut file = private_options().open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Fsyncs a folder so a rename or a new file in it survives a power cut.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// `base` joined with `name`, where `name` must be one plain path component
/// (no `/`, `\`, `..`, drive or root): a value read from the database or a
/// request never leads a file outside its folder.
pub fn child(base: &Path, name: &str) -> Option<PathBuf> {
    if name.is_empty() || name.contains(['/', '\\', '\0']) {
        return None;
    }
    let mut components = Path::new(name).components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(_)), None) => Some(base.join(name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn child_refuses_anything_but_one_plain_component() {
        let base = Path::new("/data/exports");
        assert_eq!(child(base, "a.pdf"), Some(base.join("a.pdf")));
        for bad in [
            "",
            "..",
            ".",
            "../x",
            "a/b",
            "/etc/passwd",
            "a\\b",
            "..\\..\\x",
            "x\0y",
        ] {
            assert_eq!(child(base, bad), None, "{bad:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn folders_and_files_are_private_and_writes_are_whole()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt as _;
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("a/b");
        ensure_private_dir(&dir)?;
        assert_eq!(std::fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
        let file = dir.join("f");
        write_private(&file, b"one")?;
        write_private(&file, b"two")?;
        assert_eq!(std::fs::read(&file)?, b"two");
        assert_eq!(
            std::fs::metadata(&file)?.permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::read_dir(&dir)?.count(),
            1,
            "no temporary file left"
        );
        // A folder that was open to others is closed again.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))?;
        ensure_private_dir(&dir)?;
        assert_eq!(std::fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
        Ok(())
    }
}
