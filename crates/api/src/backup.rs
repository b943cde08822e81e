//! Encrypted backups, to move everything to a new laptop.
//!
//! A backup is a SQLCipher database file protected by its own backup
//! passphrase (not the laptop's key, which stays in that laptop's keyring).
//! Restoring re-encrypts it under the new data directory's key.

use std::path::Path;

use crate::{ApiError, Ctx, CtxOptions, Result};

/// The environment variable that gives the backup passphrase to the CLI.
pub const BACKUP_PASSPHRASE_ENV_VAR: &str = "GOCUA_BACKUP_PASSPHRASE";
/// Shortest backup passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(ApiError::BadBackup(
            gocua_store::BackupProblem::PassphraseShort.as_str().into(),
        ));
    }
    Ok(())
}

/// Writes an encrypted backup of the data directory to `path`.
pub fn backup_create(ctx: &Ctx, path: &Path, passphrase: &str) -> Result<()> {
    check_passphrase(passphrase)?;
    let now = crate::clock::stamp(ctx.now());
    let mut store = ctx.store()?;
    let operator = crate::audit::operator_name_in(&store)?;
    store.audit_append(&gocua_store::AuditEntry {
        at: &now,
        operator: &operator,
        action: "export.backup",
        subject: "database",
    })?;
    store.backup_to(path, passphrase).map_err(|e| match e {
        gocua_store::Error::Io(detail) => ApiError::Unreadable {
            path: path.display().to_string(),
            detail,
        },
        other => other.into(),
    })?;
    Ok(())
}

/// Restores a backup into the (empty) data directory of `opts` and opens it.
/// The file is checked first (see `gocua_store::Store::check_backup`): a
/// missing, empty, truncated, damaged or foreign file, or a wrong
/// passphrase, fails with the reason and creates nothing — no folder, no key.
pub fn backup_restore(opts: CtxOptions, path: &Path, passphrase: &str) -> Result<Ctx> {
    let io = |e: gocua_store::Error| match e {
        gocua_store::Error::Io(detail) => ApiError::Unreadable {
            path: path.display().to_string(),
            detail,
        },
        other => other.into(),
    };
    if opts.data_dir.join(gocua_store::DB_FILE_NAME).exists() {
        return Err(ApiError::BadBackup(
            gocua_store::BackupProblem::NotEmpty.as_str().into(),
        ));
    }
    gocua_store::Store::check_backup(path, passphrase).map_err(io)?;
    let (key, _) = crate::keys::database_key(&opts.data_dir, &opts.key)?;
    gocua_store::Store::restore_from(path, passphrase, &opts.data_dir, &key).map_err(io)?;
    drop(key);
    Ctx::open(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_then_restore_on_an_empty_data_directory_yields_the_same_data()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let old = Ctx::open(CtxOptions::for_tests(dir.path().join("old")))?;
        crate::demo::demo_seed(&old, 12, 3)?;
        let before = crate::citizen_list(&old)?;
        let file = dir.path().join("laptop.gocua-backup");
        assert!(backup_create(&old, &file, "ngắn").is_err());
        backup_create(&old, &file, "một mật khẩu đủ dài")?;

        let mut opts = CtxOptions::for_tests(dir.path().join("new"));
        opts.key = crate::keys::KeyPolicy::Fixed([0x24; 32]); // another laptop, another key
        let wrong = backup_restore(opts.clone(), &file, "mật khẩu sai hoàn toàn")
            .err()
            .ok_or("restored")?;
        assert_eq!(wrong.code(), crate::ErrorCode::BadBackup);
        assert!(
            !dir.path().join("new").exists(),
            "a refused restore creates nothing"
        );
        let new = backup_restore(opts, &file, "một mật khẩu đủ dài")?;
        let after = crate::citizen_list(&new)?;
        assert_eq!(
            after
                .iter()
                .map(|c| (&c.cccd, &c.name, c.visits.len()))
                .collect::<Vec<_>>(),
            before
                .iter()
                .map(|c| (&c.cccd, &c.name, c.visits.len()))
                .collect::<Vec<_>>()
        );
        assert!(crate::audit_verify(&new)?.intact);
        Ok(())
    }
}
