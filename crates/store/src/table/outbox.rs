//! The `outbox` table: what waits to be sent to the portal, one operation
//! per submission or supplement, in order per dossier.
//!
//! An operation is enqueued in the transaction of the change it sends (the
//! dossier's `Queue` transition), so a queued dossier always has its
//! operation and the other way round. Its id is the Idempotency-Key the
//! portal sees on every attempt: an operation is delivered exactly once
//! however often it is tried.

use rusqlite::{Connection, OptionalExtension, Row, params};

use gocua_core::outbox::{FailureKind, OpKind, OpState};

use crate::Result;
use crate::consent::check_sendable;

/// One operation of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Order of creation.
    pub seq: i64,
    /// UUID, the Idempotency-Key.
    pub id: String,
    /// The dossier.
    pub dossier: String,
    /// What it sends.
    pub kind: OpKind,
    /// JSON payload.
    pub payload: String,
    /// Where it is.
    pub state: OpState,
    /// Needs the citizen present.
    pub needs_citizen: bool,
    /// The volunteer said the citizen is present.
    pub citizen_present: bool,
    /// Attempts so far (offline passes included).
    pub attempts: u32,
    /// Times its papers were uploaded again because the portal no longer
    /// held them (since the last "send now").
    pub reuploads: u32,
    /// RFC 3339.
    pub next_attempt_at: String,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// Its kind, for the wording people see.
    pub last_error_kind: Option<FailureKind>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, once done.
    pub done_at: Option<String>,
}

const COLUMNS: &str = "o.seq, o.id, o.dossier, o.kind, o.payload, o.state, o.needs_citizen,
    o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.done_at, o.citizen_present,
    o.last_error_kind, o.reuploads";

fn outbox_row(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        seq: r.get(0)?,
        id: r.get(1)?,
        dossier: r.get(2)?,
        kind: crate::parsed(r, 3)?,
        payload: r.get(4)?,
        state: crate::parsed(r, 5)?,
        needs_citizen: r.get(6)?,
        attempts: r.get(7)?,
        next_attempt_at: r.get(8)?,
        last_error: r.get(9)?,
        created_at: r.get(10)?,
        done_at: r.get(11)?,
        citizen_present: r.get(12)?,
        last_error_kind: match r.get::<_, Option<String>>(13)? {
            None => None,
            Some(_) => Some(crate::parsed(r, 13)?),
        },
        reuploads: r.get(14)?,
    })
}

/// Read handle on the outbox.
#[derive(Debug)]
pub struct Outbox<'a> {
    conn: &'a Connection,
}

impl<'a> Outbox<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Outbox { conn }
    }

    /// The operation to send next: the oldest unfinished one of each dossier
    /// (per-dossier order), if pending and due at `now`, oldest due first. A
    /// quarantined operation holds back its own dossier only.
    pub fn due(&self, now: &str) -> Result<Option<OutboxRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM outbox o
                 WHERE o.state = 'pending' AND o.next_attempt_at <= ?1
                   AND (o.needs_citizen = 0 OR o.citizen_present = 1)
                   AND o.seq = (SELECT min(p.seq) FROM outbox p WHERE p.dossier = o.dossier AND p.state <> 'done')
                 ORDER BY o.next_attempt_at, o.seq LIMIT 1"
            ))?
            .query_row([now], outbox_row)
            .optional()?)
    }

    /// When the next pending operation falls due.
    pub fn next_due(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Unfinished operations (pending and quarantined), oldest first, and the
    /// last `done` ones.
    pub fn list(&self, done: u32) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox o WHERE o.state <> 'done'
             UNION ALL
             SELECT * FROM (SELECT {COLUMNS} FROM outbox o WHERE o.state = 'done' ORDER BY o.seq DESC LIMIT ?1)
             ORDER BY 1"
        ))?;
        let rows = stmt.query_map([done], outbox_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Write handle on the outbox, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct OutboxMut<'a> {
    tx: &'a Connection,
}

impl<'a> OutboxMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        OutboxMut { tx }
    }

    /// Puts an operation in the outbox (in the transaction of the change it
    /// sends). Refuses with [`crate::Error::NoConsent`] unless the dossier may
    /// be sent.
    pub fn enqueue(
        &mut self,
        id: &str,
        dossier: &str,
        kind: OpKind,
        payload: &str,
        needs_citizen: bool,
        now: &str,
    ) -> Result<()> {
        check_sendable(self.tx, dossier)?;
        self.tx.execute(
            "INSERT INTO outbox (id, dossier, kind, payload, needs_citizen, next_attempt_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![id, dossier, kind.as_str(), payload, needs_citizen, now],
        )?;
        Ok(())
    }

    /// The operation reached the portal.
    pub fn done(&mut self, id: &str, now: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET state = 'done', done_at = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }

    /// The attempt failed; try again at `next_at`.
    pub fn retry(&mut self, id: &str, next_at: &str, error: &str, kind: FailureKind) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3,
                last_error_kind = ?4 WHERE id = ?1",
            params![id, next_at, error, kind.as_str()],
        )?;
        Ok(())
    }

    /// The portal no longer holds the papers the operation names: it is
    /// tried again at `next_at`, its papers to be uploaded again (the caller
    /// forgets their upload ids), and the re-upload is counted.
    pub fn reupload(&mut self, id: &str, next_at: &str, error: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET attempts = attempts + 1, reuploads = reuploads + 1,
                next_attempt_at = ?2, last_error = ?3, last_error_kind = ?4 WHERE id = ?1",
            params![id, next_at, error, FailureKind::Refused.as_str()],
        )?;
        Ok(())
    }

    /// The portal could not be reached at all: every due operation counts an
    /// attempt, records why, and waits until `next_at`.
    pub fn unreachable(
        &mut self,
        now: &str,
        next_at: &str,
        error: &str,
        kind: FailureKind,
    ) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3,
                last_error_kind = ?4
             WHERE state = 'pending' AND next_attempt_at <= ?1",
            params![now, next_at, error, kind.as_str()],
        )?)
    }

    /// The portal needs the citizen present: held (shown apart) until the
    /// volunteer says they are.
    pub fn needs_citizen(&mut self, id: &str, error: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET needs_citizen = 1, citizen_present = 0, attempts = attempts + 1,
                last_error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    /// The citizen is here: send the held operation now, with their confirmation.
    pub fn citizen_present(&mut self, id: &str, now: &str) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE outbox SET citizen_present = 1, next_attempt_at = ?2
             WHERE id = ?1 AND state = 'pending' AND needs_citizen = 1",
            params![id, now],
        )? > 0)
    }

    /// The portal refused the operation for good: set it aside with the reason.
    pub fn quarantine(&mut self, id: &str, error: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET state = 'quarantined', attempts = attempts + 1, last_error = ?2,
                last_error_kind = ?3 WHERE id = ?1",
            params![id, error, FailureKind::Refused.as_str()],
        )?;
        Ok(())
    }

    /// "Send now": every unfinished operation is due at `now` again
    /// (quarantined ones included, after the volunteer fixed the cause), and
    /// may have its papers uploaded again as many times as a new one.
    pub fn due_now(&mut self, now: &str) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?1, reuploads = 0
             WHERE state <> 'done'",
            [now],
        )?)
    }

    /// Cancels every operation of `dossier` not yet done (consent withdrawn).
    pub(crate) fn cancel_unfinished(&mut self, dossier: &str) -> Result<usize> {
        Ok(self.tx.execute(
            "DELETE FROM outbox WHERE dossier = ?1 AND state <> 'done'",
            [dossier],
        )?)
    }
}
