//! Backups: writing one, and checking one before anything is restored from
//! it. A restore trusts nothing in the file: it must exist, be a whole
//! SQLCipher database that the backup passphrase opens, be of a schema this
//! build knows, hold only the triggers and views our migrations make, and
//! name dossiers by UUID (their ids become folder names).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::{Error, MIGRATIONS, Result, key, latest_schema_version};

/// What is wrong with a backup file (or with the passphrase given for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupProblem {
    /// No file at that path.
    Missing,
    /// The path is a folder or something else that is not a file.
    NotAFile,
    /// The file is empty.
    Empty,
    /// The passphrase does not open it (or it is not a Gõ Cửa backup).
    WrongPassphrase,
    /// It opens, but pages are missing or damaged (truncated, altered).
    Damaged,
    /// Written by a newer Gõ Cửa than this one.
    TooNew,
    /// It holds what our app never writes (foreign triggers or views,
    /// malformed ids): refused.
    Foreign,
    /// The backup passphrase is too short.
    PassphraseShort,
    /// The backup file to write already exists.
    Exists,
    /// The data folder to restore into already holds a database.
    NotEmpty,
}

impl BackupProblem {
    /// The stable code (the Fluent selector).
    pub fn as_str(self) -> &'static str {
        match self {
            BackupProblem::Missing => "missing",
            BackupProblem::NotAFile => "not-a-file",
            BackupProblem::Empty => "empty",
            BackupProblem::WrongPassphrase => "wrong-passphrase",
            BackupProblem::Damaged => "damaged",
            BackupProblem::TooNew => "too-new",
            BackupProblem::Foreign => "foreign",
            BackupProblem::PassphraseShort => "passphrase-short",
            BackupProblem::Exists => "exists",
            BackupProblem::NotEmpty => "not-empty",
        }
    }
}

fn bad(p: BackupProblem) -> Error {
    Error::BadBackup(p)
}

/// Whether a SQLite error means the bytes are not a readable database.
fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(
                f.code,
                rusqlite::ErrorCode::NotADatabase
                    | rusqlite::ErrorCode::DatabaseCorrupt
                    | rusqlite::ErrorCode::SystemIoFailure
            )
    )
}

/// Checks a backup file without changing anything anywhere (the file is
/// opened read-only; nothing is created). Its schema version when it passes.
pub fn check(backup: &Path, passphrase: &str) -> Result<i64> {
    let meta = match std::fs::metadata(backup) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(bad(BackupProblem::Missing));
        }
        Err(e) => return Err(Error::Io(e.to_string())),
    };
    if !meta.is_file() {
        return Err(bad(BackupProblem::NotAFile));
    }
    if meta.len() == 0 {
        return Err(bad(BackupProblem::Empty));
    }
    // A database is whole pages (512 B at the least): anything else was cut short.
    if meta.len() % 512 != 0 {
        return Err(bad(BackupProblem::Damaged));
    }
    let conn = Connection::open_with_flags(
        backup,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let mut sql = format!("PRAGMA key = {};", key::passphrase_clause(passphrase));
    let keyed = conn.execute_batch(&sql);
    zeroize::Zeroize::zeroize(&mut sql);
    keyed?;
    key::quiet(&conn);
    let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
        Ok(v) => v,
        // Page 1 does not decrypt: the passphrase (or the file) is not ours.
        Err(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(bad(BackupProblem::WrongPassphrase));
        }
        // It decrypts, but the file is shorter than its header says.
        Err(e) if is_damage(&e) => return Err(bad(BackupProblem::Damaged)),
        Err(e) => return Err(e.into()),
    };
    if version == 0 {
        return Err(bad(BackupProblem::Foreign));
    }
    if version > latest_schema_version() {
        return Err(bad(BackupProblem::TooNew));
    }
    // Every page read and checked (SQLCipher checks each page's HMAC): a
    // truncated or altered file fails here, before anything is written.
    // SQLCipher answers `page_size` as text (its cipher_page_size).
    let number = |pragma: &str| -> Result<i64> {
        let v: rusqlite::types::Value = conn.pragma_query_value(None, pragma, |r| r.get(0))?;
        Ok(match v {
            rusqlite::types::Value::Integer(n) => n,
            rusqlite::types::Value::Text(t) => t.parse().unwrap_or(0),
            _ => 0,
        })
    };
    let page_size = number("page_size")?;
    let pages = number("page_count")?;
    let ok = conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0));
    match ok {
        Ok(s) if s == "ok" => {}
        Ok(_) => return Err(bad(BackupProblem::Damaged)),
        Err(e) if is_damage(&e) => return Err(bad(BackupProblem::Damaged)),
        Err(e) => return Err(e.into()),
    }
    if (meta.len() as i64) < page_size.saturating_mul(pages) {
        return Err(bad(BackupProblem::Damaged));
    }
    check_objects(&conn, version)?;
    check_ids(&conn)?;
    Ok(version)
}

/// Only the triggers and views our own migrations create, with their SQL.
fn check_objects(conn: &Connection, version: i64) -> Result<()> {
    let objects = |c: &Connection| -> Result<Vec<(String, String, Option<String>)>> {
        let mut stmt = c.prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY type, name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let mut fresh = Connection::open_in_memory()?;
    let to = usize::try_from(version).map_err(|_| bad(BackupProblem::Foreign))?;
    MIGRATIONS.to_version(&mut fresh, to)?;
    let ours = objects(&fresh)?;
    let theirs = match objects(conn) {
        Ok(o) => o,
        Err(Error::Sqlite(e)) if is_damage(&e) => return Err(bad(BackupProblem::Damaged)),
        Err(e) => return Err(e),
    };
    if theirs.iter().any(|o| !ours.contains(o)) {
        return Err(bad(BackupProblem::Foreign));
    }
    Ok(())
}

/// Dossier ids are UUIDs: they become folder names (hand-off files).
fn check_ids(conn: &Connection) -> Result<()> {
    let has_dossiers: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'dossier'",
        [],
        |r| r.get(0),
    )?;
    if !has_dossiers {
        return Ok(());
    }
    let mut stmt = conn.prepare("SELECT id FROM dossier")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        if !is_uuid(&id) {
            return Err(bad(BackupProblem::Foreign));
        }
    }
    Ok(())
}

/// A hyphenated UUID (8-4-4-4-12 hex digits): safe as one path component.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DbKey, SettingKey, Store};

    const PASS: &str = "một mật khẩu sao lưu";

    /// A data folder with a setting and a portal token, backed up.
    fn backup(dir: &Path) -> std::path::PathBuf {
        let key = DbKey::from_bytes([7; 32]);
        let mut store = Store::open_in(&dir.join("old"), &key).unwrap_or_else(|e| panic!("{e}"));
        let w = store.write().unwrap_or_else(|e| panic!("{e}"));
        let mut tx = w.settings();
        tx.set(SettingKey::TeamContact, "0912 345 678")
            .unwrap_or_else(|e| panic!("{e}"));
        tx.set(SettingKey::PortalToken, "old-laptop-token")
            .unwrap_or_else(|e| panic!("{e}"));
        w.commit().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join("b.gocua-backup");
        store
            .backup_to(&file, PASS)
            .unwrap_or_else(|e| panic!("{e}"));
        file
    }

    fn refused(file: &Path, pass: &str, target: &Path) -> Option<BackupProblem> {
        match Store::restore_from(file, pass, target, &DbKey::from_bytes([9; 32])) {
            Err(Error::BadBackup(p)) => Some(p),
            Err(e) => panic!("not a backup refusal: {e}"),
            Ok(_) => None,
        }
    }

    /// Changes a backup through SQLCipher (as someone with its passphrase could).
    fn tamper(file: &Path, sql: &str) {
        let conn = Connection::open(file).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch(&format!(
            "PRAGMA key = {}; PRAGMA foreign_keys = OFF; {sql}",
            key::passphrase_clause(PASS)
        ))
        .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn a_bad_backup_is_refused_with_its_reason_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let good = backup(dir.path());
        let bytes = std::fs::read(&good).unwrap_or_else(|e| panic!("{e}"));
        let write = |name: &str, data: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, data).unwrap_or_else(|e| panic!("{e}"));
            p
        };
        let mut altered = bytes.clone();
        for b in &mut altered[5000..5016] {
            *b ^= 0x5a;
        }
        let cases = [
            (dir.path().join("missing"), PASS, BackupProblem::Missing),
            (dir.path().to_owned(), PASS, BackupProblem::NotAFile),
            (write("empty", b""), PASS, BackupProblem::Empty),
            (write("cut", &bytes[..20_000]), PASS, BackupProblem::Damaged),
            (
                write("cut-at-page", &bytes[..8192]),
                PASS,
                BackupProblem::Damaged,
            ),
            (write("altered", &altered), PASS, BackupProblem::Damaged),
            (
                good.clone(),
                "another passphrase",
                BackupProblem::WrongPassphrase,
            ),
            (
                write("text", &[b'x'; 4096]),
                PASS,
                BackupProblem::WrongPassphrase,
            ),
        ];
        for (file, pass, want) in cases {
            let target = dir.path().join("new");
            assert_eq!(
                refused(&file, pass, &target),
                Some(want),
                "{}",
                file.display()
            );
            assert!(!target.exists(), "{want:?} created the data folder");
        }
        assert!(
            !dir.path().join("missing").exists(),
            "a missing backup is not created"
        );

        let foreign = write("foreign", &bytes);
        tamper(
            &foreign,
            "CREATE TRIGGER spy AFTER INSERT ON setting BEGIN DELETE FROM setting; END;",
        );
        let target = dir.path().join("new");
        assert_eq!(
            refused(&foreign, PASS, &target),
            Some(BackupProblem::Foreign)
        );
        let bad_id = write("bad-id", &bytes);
        tamper(
            &bad_id,
            "INSERT INTO dossier (id, procedure_code, procedure_name, pack, schema_id, schema_version,
                 operator, state, search, created_at, updated_at)
             VALUES ('../../x', 'GC-X', 'x', 1, 'x', 1, 'op', 'draft', 'x', 't', 't');",
        );
        assert_eq!(
            refused(&bad_id, PASS, &target),
            Some(BackupProblem::Foreign)
        );
        assert!(!target.exists());
    }

    #[test]
    fn a_good_backup_is_restored_without_the_old_laptops_token() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = backup(dir.path());
        let target = dir.path().join("new");
        let store = Store::restore_from(&file, PASS, &target, &DbKey::from_bytes([9; 32]))
            .unwrap_or_else(|e| panic!("{e}"));
        let s = store.settings();
        assert_eq!(
            s.get(SettingKey::TeamContact).ok().flatten().as_deref(),
            Some("0912 345 678")
        );
        assert_eq!(s.get(SettingKey::PortalToken).ok().flatten(), None);
        assert_eq!(
            refused(&file, PASS, &target),
            Some(BackupProblem::NotEmpty),
            "never over existing data"
        );
    }

    #[test]
    fn uuids_and_not() {
        assert!(is_uuid("4c003495-cec0-42bf-9b45-399a16f34a0d"));
        for bad in [
            "",
            "../../etc",
            "4c003495-cec0-42bf-9b45-399a16f34a0",
            "4c003495xcec0-42bf-9b45-399a16f34a0d",
            "4c003495-cec0-42bf-9b45-399a16f34a/d",
        ] {
            assert!(!is_uuid(bad), "{bad}");
        }
    }
}
