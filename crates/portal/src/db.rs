//! The sandbox portal's own SQLite database: devices, the idempotency
//! store, uploads, dossiers, supplements and the change feed.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, params};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS device (
    id TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at TEXT NOT NULL);
-- A retried request with the same key gets the stored answer.
CREATE TABLE IF NOT EXISTS idempotency (
    device TEXT NOT NULL, key TEXT NOT NULL, status INTEGER NOT NULL, body BLOB NOT NULL,
    PRIMARY KEY (device, key));
CREATE TABLE IF NOT EXISTS upload (
    id TEXT PRIMARY KEY, device TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    name TEXT NOT NULL, mime TEXT NOT NULL, confirmed INTEGER NOT NULL DEFAULT 0,
    complete INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS chunk (
    upload TEXT NOT NULL, start INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (upload, start));
CREATE TABLE IF NOT EXISTS dossier (
    code TEXT PRIMARY KEY, device TEXT NOT NULL, client_id TEXT NOT NULL, body TEXT NOT NULL,
    status INTEGER NOT NULL, submitted_at TEXT NOT NULL, received_at TEXT,
    UNIQUE (device, client_id));
CREATE TABLE IF NOT EXISTS supplement (
    id TEXT PRIMARY KEY, code TEXT NOT NULL, note TEXT NOT NULL, asked_at TEXT NOT NULL,
    answered_at TEXT);
CREATE TABLE IF NOT EXISTS change (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, device TEXT NOT NULL, code TEXT NOT NULL,
    status INTEGER NOT NULL, note TEXT, at TEXT NOT NULL);
-- A laptop's installation key (hashed) → its device, across registrations.
CREATE TABLE IF NOT EXISTS device_key (key_hash TEXT PRIMARY KEY, device TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
";

/// Opens (creating) the database file, or a private in-memory one.
pub fn open(path: Option<&Path>) -> rusqlite::Result<Connection> {
    let conn = match path {
        Some(p) => Connection::open(p)?,
        None => Connection::open_in_memory()?,
    };
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.execute_batch(SCHEMA)?;
    // Databases made before keys were bound to their route.
    let has_route: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('idempotency') WHERE name = 'route'",
        [],
        |r| r.get(0),
    )?;
    if !has_route {
        conn.execute_batch("ALTER TABLE idempotency ADD COLUMN route TEXT NOT NULL DEFAULT ''")?;
    }
    Ok(conn)
}

/// The device registered with an installation key (by its SHA-256).
pub fn device_of_key(tx: &Transaction<'_>, key_hash: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "SELECT device FROM device_key WHERE key_hash = ?1",
        [key_hash],
        |r| r.get(0),
    )
    .optional()
}

/// The device a bearer token belongs to.
pub fn device_of(conn: &Connection, token: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT id FROM device WHERE token = ?1", [token], |r| {
        r.get(0)
    })
    .optional()
}

/// A stored answer for (device, key), with the route it was given on.
pub fn remembered(
    tx: &Transaction<'_>,
    device: &str,
    key: &str,
) -> rusqlite::Result<Option<(u16, Vec<u8>, String)>> {
    tx.query_row(
        "SELECT status, body, route FROM idempotency WHERE device = ?1 AND key = ?2",
        params![device, key],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
}

/// Stores the answer for (device, key) on `route`.
pub fn remember(
    tx: &Transaction<'_>,
    device: &str,
    key: &str,
    route: &str,
    status: u16,
    body: &[u8],
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO idempotency (device, key, route, status, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![device, key, route, status, body],
    )?;
    Ok(())
}

/// The next value of a named counter.
pub fn next(tx: &Transaction<'_>, name: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO counter (name, value) VALUES (?1, 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1",
        [name],
    )?;
    tx.query_row("SELECT value FROM counter WHERE name = ?1", [name], |r| {
        r.get(0)
    })
}

/// Appends a change to the device's feed.
pub fn record_change(
    tx: &Transaction<'_>,
    device: &str,
    code: &str,
    status: u8,
    note: Option<&str>,
    at: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO change (device, code, status, note, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![device, code, status, note, at],
    )?;
    Ok(())
}
