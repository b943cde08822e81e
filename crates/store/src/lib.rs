//! gocua-store — everything Gõ Cửa keeps on the device, in one SQLite file.
//!
//! [`Store::open_in`] opens (or creates) the database, sets the per-connection
//! PRAGMAs and applies the embedded, append-only migrations under
//! `migrations/NN-name/up.sql`. Each table has one module under [`table`] with
//! its SQL beside its Rust.
//!
//! Reads go through a handle that borrows the connection
//! (`store.dossiers()`). Writes go through [`Store::write`]: one `BEGIN
//! IMMEDIATE` transaction that every table's write handle joins
//! (`w.dossiers()`, `w.outbox()`, `w.audit()`, …), committed once by
//! [`Write::commit`] and rolled back if dropped. A write method of more than
//! one statement runs in a savepoint of its own, so a failed call leaves
//! nothing half done even when the caller goes on. So a change, its outbox
//! operation and its audit row commit together or not at all.
//!
//! Rows carry core types (`DossierState`, `OpKind`, `OpState`, `Role`, visit
//! outcomes), never their spellings; a stored spelling that is not one of
//! ours reads as an error, never as a default. A dossier's state changes
//! only through [`DossiersMut::transition`], which asks
//! `gocua_core::dossier::next`.
//!
//! Depends on gocua-core and rusqlite. Knows nothing of HTTP, Tauri or the UI.

#![deny(missing_docs)]

mod backup;
pub mod clock;
mod consent;
pub mod files;
pub mod key;
pub mod table;
mod write;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::Connection;
use rusqlite_migration::Migrations;

pub use backup::{BackupProblem, is_uuid};
pub use key::{DbKey, is_plaintext};
pub use table::attachment::{AttachmentRow, Attachments, AttachmentsMut};
pub use table::audit::{Audit, AuditMut, AuditRow, Entry as AuditEntry, Verification};
pub use table::catalogue::{Catalogue, CatalogueMut, Installed, InstalledPack, TrustedKey};
pub use table::citizen::{CitizenRow, Citizens, CitizensMut, ConsentRow, Registered};
pub use table::dossier::{DossierRow, Dossiers, DossiersMut, ListFilter, NewDossier, Save, Saved};
pub use table::handover::{
    Direction, HandoverRow, HandoverState, Handovers, HandoversMut, Import, ImportPaper,
};
pub use table::hub::{Hub, HubLink, HubMut, Pending, RecordKind};
pub use table::operator::{OperatorRow, Operators, OperatorsMut};
pub use table::outbox::{Outbox, OutboxMut, OutboxRow};
pub use table::report::{ReportDossier, ReportVisit, Reports};
pub use table::setting::{SettingKey, Settings, SettingsMut};
pub use table::visit::{VisitOutcomes, VisitRow, Visits, VisitsMut};
pub use write::{Read, Write};
pub(crate) use write::{parsed, savepoint};

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/migrations");

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    // The directory is embedded at compile time and checked by the
    // `migrations_are_valid` test, so a failure here is a build defect.
    #[allow(clippy::expect_used)]
    Migrations::from_directory(&MIGRATIONS_DIR).expect("embedded migrations are well-formed")
});

/// The file name of the database inside the data directory.
pub const DB_FILE_NAME: &str = "gocua.sqlite3";

/// What can go wrong while opening or using the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data directory could not be created.
    #[error("cannot create data directory {path}: {source}")]
    CreateDir {
        /// The directory we tried to create.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// SQLite refused an operation.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored JSON document could not be read back (a defect or a damaged file).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// The pack is not newer than the installed one of the same id.
    #[error(
        "catalogue pack {pack_id} version {version} is not newer than the installed version {installed}"
    )]
    PackNotNewer {
        /// The pack id.
        pack_id: String,
        /// The version offered.
        version: u32,
        /// The version installed.
        installed: u32,
    },
    /// A pack version so far beyond the installed one (more than
    /// `gocua_core::catalogue::signed::MAX_VERSION_STEP`) that every genuine
    /// release after it would be "not newer" for ever.
    #[error("pack {pack_id} version {version} leaps past {installed}")]
    PackVersionJump {
        /// The pack id.
        pack_id: String,
        /// The version offered.
        version: u32,
        /// The version installed.
        installed: u32,
    },
    /// The key does not open the database.
    #[error("the database key does not open this database")]
    WrongKey,
    /// A file operation failed.
    #[error("file error: {0}")]
    Io(String),
    /// A backup cannot be written or restored, and why.
    #[error("backup refused: {}", .0.as_str())]
    BadBackup(backup::BackupProblem),
    /// A citizen may only be stored with a granted `profile` consent.
    #[error("no consent to store the citizen's profile")]
    ConsentRequired,
    /// The citizen has not consented to (or withdrew) this purpose.
    #[error("no consent for {}", .0.as_str())]
    NoConsent(gocua_core::visit::ConsentPurpose),
    /// The schema could not be brought up to date.
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// The state machine does not allow this event in the dossier's state.
    #[error("{0}")]
    Transition(#[from] gocua_core::dossier::NotAllowed),
    /// There is no dossier with this id.
    #[error("no dossier {0}")]
    NoDossier(String),
    /// The dossier changed state since it was read (another window or the
    /// sync worker moved it); nothing was written.
    #[error("dossier {0} changed meanwhile")]
    Stale(String),
    /// The database was written by a newer Gõ Cửa than this one.
    #[error("database schema version {found} is newer than this app supports ({supported})")]
    TooNew {
        /// The version found in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
}

/// Result alias of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open Gõ Cửa database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens the encrypted database in `data_dir` with `key` (creating the
    /// directory and the file when missing; encrypting a file left
    /// unencrypted by an older build) and migrates it to the newest schema.
    pub fn open_in(data_dir: &Path, key: &DbKey) -> Result<Self> {
        files::ensure_private_dir(data_dir).map_err(|source| Error::CreateDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let path = data_dir.join(DB_FILE_NAME);
        if key::is_plaintext(&path)? {
            key::encrypt_in_place(&path, key)?;
        }
        // The file exists (0600) before SQLite opens it, so SQLite gives its
        // -wal and -shm files the same private mode.
        files::touch_private(&path).map_err(|e| Error::Io(e.to_string()))?;
        for companion in ["-wal", "-shm"] {
            let mut name = path.clone().into_os_string();
            name.push(companion);
            let companion = PathBuf::from(name);
            if companion.exists() {
                files::restrict(&companion, false).map_err(|e| Error::Io(e.to_string()))?;
            }
        }
        let conn = Connection::open(&path)?;
        key::apply(&conn, key)?;
        Self::init(conn, Some(path))
    }

    /// Opens a private in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        // WAL lets readers proceed while the autosave writes. synchronous=FULL:
        // a field the volunteer saw saved must survive a power cut of a
        // laptop on battery; one fsync per commit is cheap next to typing.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Deleted rows are overwritten with zeros, not left in free pages
        // (the file is encrypted, but a purge should leave nothing to find
        // even with the key).
        conn.pragma_update(None, "secure_delete", true)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;

        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let supported = latest_schema_version();
        if found > supported {
            return Err(Error::TooNew { found, supported });
        }
        MIGRATIONS.to_latest(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database (SQLite `user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// A write transaction that takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a second process on the same folder then waits up to the
    /// busy timeout for it instead of failing with "database is locked" when
    /// a read inside the transaction turns into a write.
    fn write_tx(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// Read access to the settings.
    pub fn settings(&self) -> Settings<'_> {
        Settings::new(&self.conn)
    }

    /// Read access to the installed catalogue.
    pub fn catalogue(&self) -> Catalogue<'_> {
        Catalogue::new(&self.conn)
    }

    /// Opens the write transaction that every table's write handle joins.
    pub fn write(&mut self) -> Result<Write<'_>> {
        Ok(Write::new(self.write_tx()?))
    }

    /// Writes an encrypted copy of the whole database to `path`, protected
    /// by `passphrase` (SQLCipher's own passphrase key derivation), for moving
    /// to another laptop. Refuses to overwrite an existing file.
    pub fn backup_to(&self, path: &Path, passphrase: &str) -> Result<()> {
        if path.exists() {
            return Err(Error::BadBackup(BackupProblem::Exists));
        }
        // Private before the first byte is written: the file holds every citizen.
        files::touch_private(path).map_err(|e| Error::Io(e.to_string()))?;
        let mut clause = key::passphrase_clause(passphrase);
        let done = key::export_into(&self.conn, path, &clause, self.schema_version()?);
        zeroize::Zeroize::zeroize(&mut clause);
        done
    }

    /// Checks a backup without changing anything (see the `backup` module):
    /// its schema version, or why it cannot be restored.
    pub fn check_backup(backup: &Path, passphrase: &str) -> Result<i64> {
        backup::check(backup, passphrase)
    }

    /// Restores a backup written by [`Store::backup_to`] into `data_dir`,
    /// which must not hold a database yet, re-encrypting it with `key`.
    pub fn restore_from(
        backup: &Path,
        passphrase: &str,
        data_dir: &Path,
        key: &DbKey,
    ) -> Result<Self> {
        let db = data_dir.join(DB_FILE_NAME);
        if db.exists() {
            return Err(Error::BadBackup(BackupProblem::NotEmpty));
        }
        let version = backup::check(backup, passphrase)?;
        files::ensure_private_dir(data_dir).map_err(|source| Error::CreateDir {
            path: data_dir.to_owned(),
            source,
        })?;
        {
            // Read-write (the export attaches the new database through this
            // connection) but never created: the file was checked just now.
            let source = Connection::open_with_flags(
                backup,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            let mut sql = format!("PRAGMA key = {};", key::passphrase_clause(passphrase));
            let keyed = source.execute_batch(&sql);
            zeroize::Zeroize::zeroize(&mut sql);
            keyed?;
            files::touch_private(&db).map_err(|e| Error::Io(e.to_string()))?;
            key::export_into(&source, &db, &key.literal(), version)?;
        }
        let mut store = Store::open_in(data_dir, key)?;
        // The token was the old laptop's: this one registers again (as the
        // same device, by the installation key, so nothing is sent twice).
        let w = store.write()?;
        for k in [
            SettingKey::PortalToken,
            SettingKey::PortalTokenUrl,
            SettingKey::SyncCursor,
        ] {
            w.settings().unset(k)?;
        }
        w.commit()?;
        Ok(store)
    }

    /// Read access to operators.
    pub fn operators(&self) -> Operators<'_> {
        Operators::new(&self.conn)
    }

    /// Read access to the audit log.
    pub fn audit(&self) -> Audit<'_> {
        Audit::new(&self.conn)
    }

    /// Appends one audit entry in its own transaction (for audited reads;
    /// audited writes append inside their own transaction instead).
    pub fn audit_append(&mut self, entry: &AuditEntry<'_>) -> Result<i64> {
        let w = self.write()?;
        let seq = w.audit().append(entry)?;
        w.commit()?;
        Ok(seq)
    }

    #[cfg(test)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    #[cfg(test)]
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Read access to citizens and their consents.
    pub fn citizens(&self) -> Citizens<'_> {
        Citizens::new(&self.conn)
    }

    /// Read access to dossiers.
    pub fn dossiers(&self) -> Dossiers<'_> {
        Dossiers::new(&self.conn)
    }

    /// Read access to dossiers' papers and their content.
    pub fn attachments(&self) -> Attachments<'_> {
        Attachments::new(&self.conn)
    }

    /// Read access to the outbox.
    pub fn outbox(&self) -> Outbox<'_> {
        Outbox::new(&self.conn)
    }

    /// The team hub: enrolment and pending records.
    pub fn hub(&self) -> Hub<'_> {
        Hub::new(&self.conn)
    }

    /// Hand-overs of drafts to and from the team's other laptops.
    pub fn handovers(&self) -> Handovers<'_> {
        Handovers::new(&self.conn)
    }

    /// The reads behind the team report.
    pub fn reports(&self) -> Reports<'_> {
        Reports::new(&self.conn)
    }

    /// Read access to visits.
    pub fn visits(&self) -> Visits<'_> {
        Visits::new(&self.conn)
    }
}

/// The schema version this build migrates to: the number of embedded migrations.
pub fn latest_schema_version() -> i64 {
    MIGRATIONS_DIR.dirs().count() as i64
}

#[cfg(test)]
mod tests {

    /// Two processes on one folder: each read-modify-write waits for the
    /// other's transaction instead of failing with "database is locked"
    /// (write transactions begin IMMEDIATE).
    #[test]
    fn two_writers_on_one_file_wait_for_each_other() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Io(e.to_string()))?;
        let key = DbKey::from_bytes([7; 32]);
        drop(Store::open_in(dir.path(), &key)?);
        let run = || -> Result<()> {
            let mut store = Store::open_in(dir.path(), &key)?;
            for _ in 0..150 {
                let w = store.write()?;
                let mut tx = w.settings();
                let n: u64 = tx
                    .get(SettingKey::SyncCursor)?
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                tx.set(SettingKey::SyncCursor, &(n + 1).to_string())?;
                w.commit()?;
            }
            Ok(())
        };
        std::thread::scope(|scope| {
            let a = scope.spawn(run);
            let b = scope.spawn(run);
            for h in [a, b] {
                h.join()
                    .map_err(|_| Error::Io("writer panicked".into()))??;
            }
            Ok::<_, Error>(())
        })?;
        let store = Store::open_in(dir.path(), &key)?;
        assert_eq!(
            store.settings().get(SettingKey::SyncCursor)?.as_deref(),
            Some("300"),
            "no increment lost"
        );
        Ok(())
    }

    use super::*;

    fn test_key() -> DbKey {
        DbKey::from_bytes([7; 32])
    }

    fn tempdir() -> Result<tempfile::TempDir> {
        tempfile::tempdir().map_err(|source| Error::CreateDir {
            path: PathBuf::new(),
            source,
        })
    }

    fn file_contains(dir: &Path, needle: &[u8]) -> bool {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|entry| {
                std::fs::read(entry.path())
                    .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
            })
    }

    #[test]
    fn the_file_is_encrypted_and_needs_its_key() -> Result<()> {
        let dir = tempdir()?;
        {
            let mut store = Store::open_in(dir.path(), &test_key())?;
            let w = store.write()?;
            let mut tx = w.settings();
            tx.set(SettingKey::OperatorName, "Nguyễn Thị Bí Mật")?;
            w.commit()?;
        }
        assert!(!key::is_plaintext(&dir.path().join(DB_FILE_NAME))?);
        assert!(
            !file_contains(dir.path(), "Bí Mật".as_bytes()),
            "plaintext found in the data directory"
        );
        assert!(matches!(
            Store::open_in(dir.path(), &DbKey::from_bytes([8; 32])),
            Err(Error::WrongKey)
        ));
        let store = Store::open_in(dir.path(), &test_key())?;
        assert_eq!(
            store.settings().get(SettingKey::OperatorName)?.as_deref(),
            Some("Nguyễn Thị Bí Mật")
        );
        Ok(())
    }

    #[test]
    fn an_unencrypted_database_is_encrypted_in_place() -> Result<()> {
        let dir = tempdir()?;
        let path = dir.path().join(DB_FILE_NAME);
        {
            // As an older build left it: plaintext, migrated, with data.
            let mut conn = Connection::open(&path)?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            MIGRATIONS.to_latest(&mut conn)?;
            conn.execute(
                "INSERT INTO setting (key, value) VALUES ('operator_name', 'Trần Văn Cũ')",
                [],
            )?;
        }
        assert!(key::is_plaintext(&path)?);
        let store = Store::open_in(dir.path(), &test_key())?;
        assert_eq!(
            store.settings().get(SettingKey::OperatorName)?.as_deref(),
            Some("Trần Văn Cũ")
        );
        assert_eq!(store.schema_version()?, latest_schema_version());
        drop(store);
        assert!(!key::is_plaintext(&path)?);
        assert!(!file_contains(dir.path(), "Trần Văn Cũ".as_bytes()));
        Ok(())
    }

    #[test]
    fn migrations_are_valid() {
        assert!(MIGRATIONS.validate().is_ok());
    }

    #[test]
    fn fresh_store_is_at_latest_schema() -> Result<()> {
        let store = Store::open_in_memory()?;
        assert_eq!(store.schema_version()?, latest_schema_version());
        assert!(latest_schema_version() >= 1);
        Ok(())
    }

    #[test]
    fn backup_and_restore_to_another_key() -> Result<()> {
        let dir = tempdir()?;
        let source = dir.path().join("old-laptop");
        let file = dir.path().join("gocua.backup");
        {
            let mut store = Store::open_in(&source, &test_key())?;
            let w = store.write()?;
            let mut tx = w.settings();
            tx.set(SettingKey::OperatorName, "Đặng Thị Sao Lưu")?;
            w.commit()?;
            store.backup_to(&file, "mật khẩu sao lưu")?;
            assert!(store.backup_to(&file, "x").is_err(), "overwrote a backup");
        }
        assert!(!file_contains(dir.path(), "Sao Lưu".as_bytes()));
        let new_key = DbKey::from_bytes([9; 32]);
        let target = dir.path().join("new-laptop");
        assert!(matches!(
            Store::restore_from(&file, "sai", &target, &new_key),
            Err(Error::BadBackup(BackupProblem::WrongPassphrase))
        ));
        let restored = Store::restore_from(&file, "mật khẩu sao lưu", &target, &new_key)?;
        assert_eq!(
            restored
                .settings()
                .get(SettingKey::OperatorName)?
                .as_deref(),
            Some("Đặng Thị Sao Lưu")
        );
        assert_eq!(restored.schema_version()?, latest_schema_version());
        drop(restored);
        assert!(
            Store::restore_from(&file, "mật khẩu sao lưu", &target, &new_key).is_err(),
            "restored over data"
        );
        Ok(())
    }

    #[test]
    fn file_store_reopens_with_its_data() -> Result<()> {
        let dir = tempdir()?;
        let nested = dir.path().join("a/b");
        {
            let mut store = Store::open_in(&nested, &test_key())?;
            let w = store.write()?;
            let mut tx = w.settings();
            tx.set(SettingKey::Language, "en")?;
            w.commit()?;
        }
        let store = Store::open_in(&nested, &test_key())?;
        assert_eq!(store.path(), Some(nested.join(DB_FILE_NAME).as_path()));
        assert_eq!(
            store.settings().get(SettingKey::Language)?.as_deref(),
            Some("en")
        );
        Ok(())
    }

    #[test]
    fn refuses_a_database_from_a_newer_app() -> Result<()> {
        let dir = tempdir()?;
        {
            let conn = Connection::open(dir.path().join(DB_FILE_NAME))?;
            key::apply(&conn, &test_key())?;
            conn.pragma_update(None, "user_version", 999)?;
        }
        match Store::open_in(dir.path(), &test_key()) {
            Err(Error::TooNew { found: 999, .. }) => Ok(()),
            other => panic!("expected TooNew, got {other:?}"),
        }
    }
}
