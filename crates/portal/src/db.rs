//! The sandbox portal's own SQLite database: devices, the idempotency
//! store, uploads, dossiers, supplements and the change feed. Every SQL
//! statement of the portal is here; the routes call these functions.

use std::path::Path;

use gocua_core::hex::encode as hex;
use gocua_protocol::{HoSoBoSung, ThayDoi, UploadInfo};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

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

// ── Devices ──────────────────────────────────────────────────────────────

/// A registered device gets a new token (the old one stops working) and name.
pub fn rotate_token(
    tx: &Transaction<'_>,
    device: &str,
    token: &str,
    name: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE device SET token = ?2, name = ?3 WHERE id = ?1",
        params![device, token, name],
    )?;
    Ok(())
}

/// Registers a new device, bound to its installation key's hash if it sent one.
pub fn insert_device(
    tx: &Transaction<'_>,
    device: &str,
    token: &str,
    name: &str,
    at: &str,
    key_hash: Option<&str>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO device (id, token, name, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![device, token, name, at],
    )?;
    if let Some(hash) = key_hash {
        tx.execute(
            "INSERT INTO device_key (key_hash, device) VALUES (?1, ?2)",
            params![hash, device],
        )?;
    }
    Ok(())
}

/// Every device's token stops working; devices and their keys stay.
pub fn revoke_all_tokens(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE device SET token = 'revoked-' || id || '-' || token",
        [],
    )
}

/// Forgets every upload no submitted dossier names — their bytes and the
/// stored answers that created them — as a portal restored from a backup
/// taken before they were made, or one that expires unattached uploads,
/// would. The number forgotten.
pub fn forget_unattached_uploads(conn: &Connection) -> rusqlite::Result<usize> {
    let ids: Vec<String> = conn
        .prepare(
            "SELECT id FROM upload u
             WHERE NOT EXISTS (SELECT 1 FROM dossier d WHERE instr(d.body, u.id) > 0)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &ids {
        conn.execute("DELETE FROM chunk WHERE upload = ?1", [id])?;
        conn.execute("DELETE FROM upload WHERE id = ?1", [id])?;
        conn.execute(
            "DELETE FROM idempotency WHERE instr(CAST(body AS TEXT), ?1) > 0",
            [id],
        )?;
    }
    Ok(ids.len())
}

// ── Uploads ──────────────────────────────────────────────────────────────

/// An upload of this device, with its confirmed offset.
pub fn upload_info(
    conn: &Connection,
    device: &str,
    id: &str,
) -> rusqlite::Result<Option<UploadInfo>> {
    conn.query_row(
        "SELECT id, confirmed, size, complete FROM upload WHERE id = ?1 AND device = ?2",
        params![id, device],
        |r| {
            Ok(UploadInfo {
                id: r.get(0)?,
                offset: r.get(1)?,
                size: r.get(2)?,
                complete: r.get(3)?,
            })
        },
    )
    .optional()
}

/// A complete upload of this device with the same content, if there is one.
pub fn complete_upload_of(
    tx: &Transaction<'_>,
    device: &str,
    sha256: &str,
    size: u64,
) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "SELECT id FROM upload WHERE device = ?1 AND sha256 = ?2 AND size = ?3 AND complete = 1",
        params![device, sha256, size],
        |r| r.get(0),
    )
    .optional()
}

/// A new, empty upload.
pub fn insert_upload(
    tx: &Transaction<'_>,
    id: &str,
    device: &str,
    req: &gocua_protocol::UploadCreate,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO upload (id, device, sha256, size, name, mime) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, device, req.sha256, req.size, req.name, req.mime],
    )?;
    Ok(())
}

/// Whether an upload of this device is complete with this SHA-256 (`None`:
/// no such upload).
pub fn upload_is_complete_with(
    tx: &Transaction<'_>,
    id: &str,
    device: &str,
    sha256: &str,
) -> rusqlite::Result<Option<bool>> {
    tx.query_row(
        "SELECT complete = 1 AND sha256 = ?3 FROM upload WHERE id = ?1 AND device = ?2",
        params![id, device, sha256],
        |r| r.get(0),
    )
    .optional()
}

/// Stores a chunk of an upload at `start`.
pub fn append_chunk(
    tx: &Transaction<'_>,
    id: &str,
    start: u64,
    data: &[u8],
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO chunk (upload, start, data) VALUES (?1, ?2, ?3)",
        params![id, start, data],
    )?;
    Ok(())
}

/// The SHA-256 (lower-case hex) and length of the bytes stored for an upload.
pub fn stored_hash(conn: &Connection, id: &str) -> rusqlite::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut len = 0u64;
    let mut stmt = conn.prepare("SELECT data FROM chunk WHERE upload = ?1 ORDER BY start")?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        let data: Vec<u8> = row.get(0)?;
        len += data.len() as u64;
        hasher.update(&data);
    }
    Ok((hex(&hasher.finalize()), len))
}

/// The SHA-256 the client declared for an upload.
pub fn declared_hash(tx: &Transaction<'_>, id: &str) -> rusqlite::Result<String> {
    tx.query_row("SELECT sha256 FROM upload WHERE id = ?1", [id], |r| {
        r.get(0)
    })
}

/// Throws an upload's bytes away: it starts again from offset 0.
pub fn restart_upload(tx: &Transaction<'_>, id: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM chunk WHERE upload = ?1", [id])?;
    tx.execute("UPDATE upload SET confirmed = 0 WHERE id = ?1", [id])?;
    Ok(())
}

/// Records how far an upload has been confirmed, and whether it is complete.
pub fn confirm_upload(
    tx: &Transaction<'_>,
    id: &str,
    offset: u64,
    complete: bool,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE upload SET confirmed = ?2, complete = ?3 WHERE id = ?1",
        params![id, offset, complete],
    )?;
    Ok(())
}

// ── Dossiers ─────────────────────────────────────────────────────────────

/// A stored dossier as the portal keeps it.
pub struct DossierRow {
    /// The laptop's own id (MaHoSoNoiBo).
    pub client_id: String,
    /// The submitted HoSoNop, as JSON.
    pub body: String,
    /// TrangThaiHoSo.
    pub status: u8,
    pub submitted_at: String,
    pub received_at: Option<String>,
}

/// A dossier of this device.
pub fn dossier(
    conn: &Connection,
    device: &str,
    code: &str,
) -> rusqlite::Result<Option<DossierRow>> {
    conn.query_row(
        "SELECT client_id, body, status, submitted_at, received_at FROM dossier WHERE code = ?1 AND device = ?2",
        params![code, device],
        |r| {
            Ok(DossierRow {
                client_id: r.get(0)?,
                body: r.get(1)?,
                status: r.get(2)?,
                submitted_at: r.get(3)?,
                received_at: r.get(4)?,
            })
        },
    )
    .optional()
}

/// A dossier's submitted body (any device's: the office's view).
pub fn dossier_body(conn: &Connection, code: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT body FROM dossier WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .optional()
}

/// The device a dossier came from.
pub fn dossier_device(tx: &Transaction<'_>, code: &str) -> rusqlite::Result<Option<String>> {
    tx.query_row("SELECT device FROM dossier WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .optional()
}

/// The code of the dossier this device submitted under its own id.
pub fn code_of_client(
    tx: &Transaction<'_>,
    device: &str,
    client_id: &str,
) -> rusqlite::Result<Option<String>> {
    tx.query_row(
        "SELECT code FROM dossier WHERE device = ?1 AND client_id = ?2",
        params![device, client_id],
        |r| r.get(0),
    )
    .optional()
}

/// Stores a newly submitted dossier (state 1).
pub fn insert_dossier(
    tx: &Transaction<'_>,
    code: &str,
    device: &str,
    client_id: &str,
    body: &str,
    at: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO dossier (code, device, client_id, body, status, submitted_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)",
        params![code, device, client_id, body, at],
    )?;
    Ok(())
}

/// Sets a dossier's state; the first move to 2 stamps its receipt.
pub fn set_status(tx: &Transaction<'_>, code: &str, status: u8, at: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE dossier SET status = ?2 WHERE code = ?1",
        params![code, status],
    )?;
    if status == 2 {
        tx.execute(
            "UPDATE dossier SET received_at = ?2 WHERE code = ?1 AND received_at IS NULL",
            params![code, at],
        )?;
    }
    Ok(())
}

/// Every dossier as (code, client id, state), by code.
pub fn all_dossiers(conn: &Connection) -> rusqlite::Result<Vec<(String, String, u8)>> {
    let mut stmt = conn.prepare("SELECT code, client_id, status FROM dossier ORDER BY code")?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect()
}

/// Dossiers in one of `statuses`, as (code, state, rowid, supplements asked).
pub fn dossiers_in(
    tx: &Transaction<'_>,
    statuses: &[u8],
) -> rusqlite::Result<Vec<(String, u8, i64, i64)>> {
    let list: Vec<String> = statuses.iter().map(u8::to_string).collect();
    let mut stmt = tx.prepare(&format!(
        "SELECT d.code, d.status, d.rowid, (SELECT count(*) FROM supplement s WHERE s.code = d.code)
         FROM dossier d WHERE d.status IN ({})",
        list.join(", ")
    ))?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect()
}

// ── Supplements ──────────────────────────────────────────────────────────

/// A dossier's supplement requests, oldest first.
pub fn supplements(conn: &Connection, code: &str) -> rusqlite::Result<Vec<HoSoBoSung>> {
    let mut stmt = conn.prepare(
        "SELECT id, note, asked_at, answered_at FROM supplement WHERE code = ?1 ORDER BY asked_at, id",
    )?;
    stmt.query_map([code], |r| {
        let answered: Option<String> = r.get(3)?;
        Ok(HoSoBoSung {
            ho_so_bo_sung_id: r.get(0)?,
            noi_dung_bo_sung: r.get(1)?,
            ngay_bo_sung: r.get(2)?,
            trang_thai_bo_sung: u8::from(answered.is_some()),
            ngay_tiep_nhan_bo_sung: answered,
        })
    })?
    .collect()
}

/// The office asks for a supplement.
pub fn ask_supplement(
    tx: &Transaction<'_>,
    id: &str,
    code: &str,
    note: &str,
    at: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO supplement (id, code, note, asked_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, code, note, at],
    )?;
    Ok(())
}

/// The citizen's supplement arrives: the dossier takes the new body, goes
/// back to processing (4), and every open request is answered.
pub fn answer_supplements(
    tx: &Transaction<'_>,
    code: &str,
    body: &str,
    at: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE dossier SET body = ?2, status = 4 WHERE code = ?1",
        params![code, body],
    )?;
    tx.execute(
        "UPDATE supplement SET answered_at = ?2 WHERE code = ?1 AND answered_at IS NULL",
        params![code, at],
    )?;
    Ok(())
}

// ── The change feed ──────────────────────────────────────────────────────

/// Up to `limit` of the device's changes after `since`, oldest first.
pub fn changes(
    conn: &Connection,
    device: &str,
    since: i64,
    limit: u32,
) -> rusqlite::Result<Vec<ThayDoi>> {
    let mut stmt = conn.prepare(
        "SELECT c.seq, c.code, d.client_id, c.status, c.at, c.note FROM change c
         JOIN dossier d ON d.code = c.code
         WHERE c.device = ?1 AND c.seq > ?2 ORDER BY c.seq LIMIT ?3",
    )?;
    stmt.query_map(params![device, since, limit], |r| {
        Ok(ThayDoi {
            seq: r.get(0)?,
            ma_ho_so: r.get(1)?,
            ma_ho_so_noi_bo: r.get(2)?,
            trang_thai_ho_so: r.get(3)?,
            ngay_cap_nhat: r.get(4)?,
            noi_dung: r.get(5)?,
        })
    })?
    .collect()
}
