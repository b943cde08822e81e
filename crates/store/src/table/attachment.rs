//! The `attachment` and `blob` tables: photos and PDFs of a dossier's papers.
//!
//! Content is stored once per SHA-256 in `blob`; `attachment` says which
//! dossier paper it is. A blob no attachment refers to any more is deleted
//! with the last attachment (`collect_blobs`). Attaching needs the
//! `document_images` consent of the dossier's citizen (or of the dossier).

use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use gocua_core::visit::ConsentPurpose;

use crate::consent::{collect_blobs, dossier_consent};
use crate::table::dossier::touch;
use crate::{Error, Result};

/// An attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRow {
    /// Row id.
    pub id: i64,
    /// Dossier.
    pub dossier: String,
    /// Index of the paper in the procedure's list.
    pub document: u32,
    /// Content hash, hex.
    pub sha256: String,
    /// File name shown.
    pub name: String,
    /// MIME type.
    pub mime: String,
    /// Bytes.
    pub size: u64,
    /// Bytes the portal confirmed.
    pub uploaded: u64,
    /// RFC 3339.
    pub created_at: String,
    /// The portal's upload id, once the upload was started.
    pub upload_id: Option<String>,
}

fn attachment_row(r: &Row<'_>) -> rusqlite::Result<AttachmentRow> {
    Ok(AttachmentRow {
        id: r.get(0)?,
        dossier: r.get(1)?,
        document: r.get(2)?,
        sha256: r.get(3)?,
        name: r.get(4)?,
        mime: r.get(5)?,
        size: r.get(6)?,
        uploaded: r.get(7)?,
        created_at: r.get(8)?,
        upload_id: r.get(9)?,
    })
}

const COLUMNS: &str =
    "id, dossier, document, sha256, name, mime, size, uploaded, created_at, upload_id";

/// Read handle on attachments and their content.
#[derive(Debug)]
pub struct Attachments<'a> {
    conn: &'a Connection,
}

impl<'a> Attachments<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Attachments { conn }
    }

    /// A dossier's attachments, by paper then age.
    pub fn of(&self, dossier: &str) -> Result<Vec<AttachmentRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM attachment WHERE dossier = ?1 ORDER BY document, id"
        ))?;
        let rows = stmt.query_map([dossier], attachment_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The content of a blob.
    pub fn blob(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT data FROM blob WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    /// `len` bytes of a blob from `offset` (for resumable uploads).
    pub fn blob_range(&self, sha256: &str, offset: u64, len: u64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT substr(data, ?2 + 1, ?3) FROM blob WHERE sha256 = ?1")?
            .query_row(params![sha256, offset as i64, len as i64], |r| r.get(0))
            .optional()?)
    }
}

/// Write handle on attachments, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct AttachmentsMut<'a> {
    tx: &'a Connection,
}

impl<'a> AttachmentsMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        AttachmentsMut { tx }
    }

    /// Stores `data` (once per content) and attaches it to paper `document`.
    pub fn attach(
        &mut self,
        dossier: &str,
        document: u32,
        name: &str,
        mime: &str,
        data: &[u8],
        now: &str,
    ) -> Result<AttachmentRow> {
        if !dossier_consent(self.tx, dossier, ConsentPurpose::DocumentImages)? {
            return Err(Error::NoConsent(ConsentPurpose::DocumentImages));
        }
        crate::savepoint(self.tx, || {
            let sha256 = gocua_core::hex::encode(&Sha256::digest(data));
            self.tx.execute(
                "INSERT OR IGNORE INTO blob (sha256, size, data) VALUES (?1, ?2, ?3)",
                params![sha256, data.len() as i64, data],
            )?;
            self.tx.execute(
                "INSERT INTO attachment (dossier, document, sha256, name, mime, size, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    dossier,
                    document,
                    sha256,
                    name,
                    mime,
                    data.len() as i64,
                    now
                ],
            )?;
            let id = self.tx.last_insert_rowid();
            touch(self.tx, dossier, now)?;
            Ok(self.tx.query_row(
                &format!("SELECT {COLUMNS} FROM attachment WHERE id = ?1"),
                [id],
                attachment_row,
            )?)
        })
    }

    /// Removes an attachment of `dossier`; false when there was none.
    pub fn detach(&mut self, dossier: &str, attachment: i64, now: &str) -> Result<bool> {
        crate::savepoint(self.tx, || {
            let n = self.tx.execute(
                "DELETE FROM attachment WHERE id = ?1 AND dossier = ?2",
                params![attachment, dossier],
            )?;
            if n > 0 {
                touch(self.tx, dossier, now)?;
                collect_blobs(self.tx)?;
            }
            Ok(n > 0)
        })
    }

    /// Records an attachment's portal upload and the bytes it confirmed.
    pub fn set_upload(
        &mut self,
        attachment: i64,
        upload_id: Option<&str>,
        uploaded: u64,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE attachment SET upload_id = ?2, uploaded = ?3 WHERE id = ?1",
            params![attachment, upload_id, uploaded as i64],
        )?;
        Ok(())
    }

    /// Forgets the portal uploads of every dossier still to be sent (`dossier`:
    /// only that one's). Upload ids belong to one device at one portal: after
    /// this laptop becomes another device there, its papers are uploaded again.
    pub fn reset_uploads(&mut self, dossier: Option<&str>) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE attachment SET upload_id = NULL, uploaded = 0
             WHERE upload_id IS NOT NULL
               AND dossier IN (SELECT dossier FROM outbox WHERE state <> 'done')
               AND (?1 IS NULL OR dossier = ?1)",
            [dossier],
        )?)
    }
}
