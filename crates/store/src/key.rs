//! The database key and encryption at rest (SQLCipher).
//!
//! Every database file is SQLCipher-encrypted with a random 256-bit key. This
//! module only applies a key it is given; where the key lives (OS keyring, or
//! wrapped by an operator passphrase) is decided by gocua-api. A database
//! found unencrypted (written by an older build) is encrypted in place on open.

use std::io::Read as _;
use std::path::Path;

use rusqlite::Connection;
use zeroize::Zeroize as _;

use crate::{Error, Result};

/// A 256-bit database key, wiped from memory when dropped.
pub struct DbKey([u8; 32]);

impl DbKey {
    /// Wraps raw key bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        DbKey(bytes)
    }

    /// The raw bytes (to store or wrap the key).
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// SQLCipher's raw-key literal: `"x'…64 hex…'"`.
    pub(crate) fn literal(&self) -> String {
        let mut hex = String::with_capacity(64);
        for b in self.0 {
            hex.push_str(&format!("{b:02x}"));
        }
        let literal = format!("\"x'{hex}'\"");
        hex.zeroize();
        literal
    }
}

impl Drop for DbKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// Applies `key` to a freshly opened connection and checks that it opens
/// the file (a wrong key reads as "not a database").
pub(crate) fn apply(conn: &Connection, key: &DbKey) -> Result<()> {
    let mut sql = format!("PRAGMA key = {};", key.literal());
    let applied = conn.execute_batch(&sql);
    sql.zeroize();
    applied?;
    quiet(conn);
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(Error::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

/// Turns SQLCipher's own logging off (process-wide): a wrong key or a
/// damaged page is reported to people through our translated errors, not as
/// `ERROR CORE … hmac check failed` lines on stderr. Called right after a
/// key is set, when SQLCipher is active (setting it earlier would be undone
/// by its first activation).
pub(crate) fn quiet(conn: &Connection) {
    let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
}

/// True when `path` is an unencrypted SQLite database.
pub fn is_plaintext(path: &Path) -> Result<bool> {
    let mut header = [0u8; 16];
    match std::fs::File::open(path) {
        Ok(mut f) => Ok(f.read_exact(&mut header).is_ok() && &header == b"SQLite format 3\0"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(Error::Io(e.to_string())),
    }
}

/// A passphrase as an SQLCipher key clause (SQLCipher derives the key).
pub(crate) fn passphrase_clause(passphrase: &str) -> String {
    format!("'{}'", passphrase.replace('\'', "''"))
}

/// Copies everything `conn` holds into a new database file at `target`,
/// encrypted under `key_clause` (a raw-key literal or a passphrase clause),
/// keeping the schema version. On failure the partial file is removed.
pub(crate) fn export_into(
    conn: &Connection,
    target: &Path,
    key_clause: &str,
    version: i64,
) -> Result<()> {
    let quoted = target.display().to_string().replace('\'', "''");
    let mut sql = format!(
        "ATTACH DATABASE '{quoted}' AS export KEY {key_clause};
         SELECT sqlcipher_export('export');
         PRAGMA export.user_version = {version};
         DETACH DATABASE export;"
    );
    let done = conn.execute_batch(&sql);
    sql.zeroize();
    if let Err(e) = done {
        let _ = std::fs::remove_file(target);
        return Err(e.into());
    }
    Ok(())
}

/// Encrypts the unencrypted database at `path` with `key`, replacing it.
pub(crate) fn encrypt_in_place(path: &Path, key: &DbKey) -> Result<()> {
    let tmp = path.with_extension("sqlite3.encrypting");
    let _ = std::fs::remove_file(&tmp);
    {
        let plain = Connection::open(path)?;
        plain.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        let version: i64 = plain.pragma_query_value(None, "user_version", |r| r.get(0))?;
        export_into(&plain, &tmp, &key.literal(), version)?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::Io(e.to_string()))?;
    Ok(())
}
