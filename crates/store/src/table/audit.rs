//! The `audit` table: an append-only log whose rows are chained by SHA-256,
//! so that editing, removing or reordering any row is detected by [`Audit::verify`].
//!
//! Rows are appended inside the caller's transaction ([`AuditMut::append`]), so an
//! audited change and its audit row commit together or not at all. Subjects
//! are row ids (`citizen:12`), never names or ID numbers.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::Result;

/// The `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'s> {
    /// When (RFC 3339).
    pub at: &'s str,
    /// Who.
    pub operator: &'s str,
    /// What: `citizen.read`, `citizen.create`, `consent.withdraw`, `export.receipt` …
    pub action: &'s str,
    /// On what: `citizen:12`, `visit:3` …
    pub subject: &'s str,
}

/// A stored audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When.
    pub at: String,
    /// Who.
    pub operator: String,
    /// What.
    pub action: String,
    /// On what.
    pub subject: String,
    /// The previous row's hash.
    pub prev_hash: String,
    /// This row's hash.
    pub hash: String,
}

/// The outcome of verifying the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every row links to the one before and its hash matches its fields.
    Intact {
        /// Rows checked.
        rows: u64,
    },
    /// The first row where the chain breaks, and how.
    Broken {
        /// Its sequence number.
        seq: i64,
        /// `gap` (a row is missing or out of order), `link` (prev_hash is not
        /// the previous row's hash) or `hash` (the row was edited).
        reason: &'static str,
    },
}

fn digest(prev: &str, seq: i64, e: &Entry<'_>) -> String {
    let mut h = Sha256::new();
    for part in [
        prev,
        &seq.to_string(),
        e.at,
        e.operator,
        e.action,
        e.subject,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    gocua_core::hex::encode(&h.finalize())
}

/// Appends `entry` after the last row, in `conn`'s current transaction.
pub(crate) fn append(conn: &Connection, entry: &Entry<'_>) -> Result<i64> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let hash = digest(&prev, seq, entry);
    conn.execute(
        "INSERT INTO audit (seq, at, operator, action, subject, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, entry.at, entry.operator, entry.action, entry.subject, prev, hash],
    )?;
    Ok(seq)
}

/// Write handle on the audit log, joined to a [`crate::Write`] transaction:
/// an audited change and its row commit together.
#[derive(Debug)]
pub struct AuditMut<'a> {
    tx: &'a Connection,
}

impl<'a> AuditMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        AuditMut { tx }
    }

    /// Appends `entry` after the last row.
    pub fn append(&self, entry: &Entry<'_>) -> Result<i64> {
        append(self.tx, entry)
    }
}

/// Read handle on the audit log.
#[derive(Debug)]
pub struct Audit<'a> {
    conn: &'a Connection,
}

impl<'a> Audit<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Audit { conn }
    }

    /// The newest `limit` rows, newest first.
    pub fn recent(&self, limit: u32) -> Result<Vec<AuditRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, operator, action, subject, prev_hash, hash FROM audit ORDER BY seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditRow {
                seq: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                prev_hash: r.get(5)?,
                hash: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The last row's sequence number and hash: the chain's head, which the
    /// team hub keeps as an anchor.
    pub fn head(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The hash of row `seq`, if there is one.
    pub fn hash_at(&self, seq: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
            .optional()?)
    }

    /// Recomputes the whole chain and reports the first broken link.
    pub fn verify(&self) -> Result<Verification> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, operator, action, subject, prev_hash, hash FROM audit ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut expected_seq = 1i64;
        let mut prev = GENESIS.to_owned();
        let mut count = 0u64;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let (at, operator, action, subject): (String, String, String, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let (prev_hash, hash): (String, String) = (r.get(5)?, r.get(6)?);
            if seq != expected_seq {
                return Ok(Verification::Broken { seq, reason: "gap" });
            }
            if prev_hash != prev {
                return Ok(Verification::Broken {
                    seq,
                    reason: "link",
                });
            }
            let entry = Entry {
                at: &at,
                operator: &operator,
                action: &action,
                subject: &subject,
            };
            if digest(&prev_hash, seq, &entry) != hash {
                return Ok(Verification::Broken {
                    seq,
                    reason: "hash",
                });
            }
            prev = hash;
            expected_seq += 1;
            count += 1;
        }
        Ok(Verification::Intact { rows: count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn store_with(n: usize) -> Result<Store> {
        let mut store = Store::open_in_memory()?;
        let tx = store.conn_mut().transaction()?;
        for i in 0..n {
            let subject = format!("citizen:{i}");
            append(
                &tx,
                &Entry {
                    at: "2026-11-25T03:00:00Z",
                    operator: "Lan",
                    action: "citizen.read",
                    subject: &subject,
                },
            )?;
        }
        tx.commit()?;
        Ok(store)
    }

    #[test]
    fn an_untouched_chain_verifies() -> Result<()> {
        let store = store_with(5)?;
        assert_eq!(store.audit().verify()?, Verification::Intact { rows: 5 });
        assert_eq!(store.audit().recent(2)?[0].seq, 5);
        assert_eq!(
            store_with(0)?.audit().verify()?,
            Verification::Intact { rows: 0 }
        );
        Ok(())
    }

    #[test]
    fn editing_a_row_is_detected() -> Result<()> {
        let store = store_with(5)?;
        store
            .conn()
            .execute("UPDATE audit SET operator = 'Mallory' WHERE seq = 3", [])?;
        assert_eq!(
            store.audit().verify()?,
            Verification::Broken {
                seq: 3,
                reason: "hash"
            }
        );
        Ok(())
    }

    #[test]
    fn removing_a_row_is_detected() -> Result<()> {
        let store = store_with(5)?;
        store
            .conn()
            .execute("DELETE FROM audit WHERE seq = 2", [])?;
        assert_eq!(
            store.audit().verify()?,
            Verification::Broken {
                seq: 3,
                reason: "gap"
            }
        );
        // Removing the newest row leaves a shorter but consistent chain; its
        // count is what gives it away, so callers show the count.
        Ok(())
    }

    #[test]
    fn reordering_rows_is_detected() -> Result<()> {
        let store = store_with(5)?;
        // Swap rows 2 and 4 wholesale, seq numbers included.
        store.conn().execute_batch(
            "UPDATE audit SET seq = -2 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 4;
             UPDATE audit SET seq = 4 WHERE seq = -2;",
        )?;
        assert!(matches!(
            store.audit().verify()?,
            Verification::Broken { seq: 2, .. }
        ));
        Ok(())
    }

    #[test]
    fn rewriting_a_row_with_a_fresh_hash_still_breaks_the_next_link() -> Result<()> {
        let store = store_with(4)?;
        let prev: String =
            store
                .conn()
                .query_row("SELECT hash FROM audit WHERE seq = 1", [], |r| r.get(0))?;
        let forged = Entry {
            at: "2026-11-25T03:00:00Z",
            operator: "Mallory",
            action: "citizen.read",
            subject: "citizen:1",
        };
        let hash = digest(&prev, 2, &forged);
        store.conn().execute(
            "UPDATE audit SET operator = 'Mallory', hash = ?1 WHERE seq = 2",
            [hash],
        )?;
        assert_eq!(
            store.audit().verify()?,
            Verification::Broken {
                seq: 3,
                reason: "link"
            }
        );
        Ok(())
    }
}
