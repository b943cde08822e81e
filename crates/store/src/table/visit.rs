//! The `visit` table: one row per session with a citizen.

use rusqlite::{Connection, OptionalExtension, Row, params};

use gocua_core::visit::{PortalOutcome, VneidOutcome};

use crate::Result;

/// A stored visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    /// Row id.
    pub id: i64,
    /// The citizen, once registered with consent.
    pub citizen: Option<i64>,
    /// The volunteer.
    pub operator: String,
    /// Where (commune GSO code).
    pub place_commune: Option<String>,
    /// Start (RFC 3339).
    pub started_at: String,
    /// End, once rated.
    pub ended_at: Option<String>,
    /// Where the VNeID help ended.
    pub vneid_outcome: VneidOutcome,
    /// Why blocked, or other notes.
    pub vneid_note: Option<String>,
    /// Where the portal-login help ended.
    pub portal_outcome: PortalOutcome,
    /// Why blocked, or other notes.
    pub portal_note: Option<String>,
    /// JSON: guide id → ticked step ids.
    pub guide_progress: String,
    /// 1–5, once given.
    pub satisfaction: Option<u8>,
}

const COLUMNS: &str =
    "id, citizen, operator, place_commune, started_at, ended_at, vneid_outcome, vneid_note,
    portal_outcome, portal_note, guide_progress, satisfaction";

fn visit_row(r: &Row<'_>) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: r.get(0)?,
        citizen: r.get(1)?,
        operator: r.get(2)?,
        place_commune: r.get(3)?,
        started_at: r.get(4)?,
        ended_at: r.get(5)?,
        vneid_outcome: crate::parsed(r, 6)?,
        vneid_note: r.get(7)?,
        portal_outcome: crate::parsed(r, 8)?,
        portal_note: r.get(9)?,
        guide_progress: r.get(10)?,
        satisfaction: r.get(11)?,
    })
}

/// Read handle on visits.
#[derive(Debug)]
pub struct Visits<'a> {
    conn: &'a Connection,
}

impl<'a> Visits<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Visits { conn }
    }

    /// How many visits started before `cutoff` still hold a free-text note.
    pub fn notes_before(&self, cutoff: &str) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM visit
             WHERE started_at < ?1 AND (vneid_note IS NOT NULL OR portal_note IS NOT NULL)",
            [cutoff],
            |r| r.get(0),
        )?)
    }

    /// One visit.
    pub fn get(&self, id: i64) -> Result<Option<VisitRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM visit WHERE id = ?1"))?
            .query_row([id], visit_row)
            .optional()?)
    }

    /// The visits of a citizen, newest first.
    pub fn of_citizen(&self, citizen: i64) -> Result<Vec<VisitRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM visit WHERE citizen = ?1 ORDER BY started_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([citizen], visit_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The outcome fields a visit update may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitOutcomes<'s> {
    /// Where the VNeID help ended.
    pub vneid_outcome: VneidOutcome,
    /// Note.
    pub vneid_note: Option<&'s str>,
    /// Where the portal-login help ended.
    pub portal_outcome: PortalOutcome,
    /// Note.
    pub portal_note: Option<&'s str>,
    /// Guide progress JSON.
    pub guide_progress: &'s str,
}

/// Write handle on visits, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct VisitsMut<'a> {
    tx: &'a Connection,
}

impl<'a> VisitsMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        VisitsMut { tx }
    }

    /// Clears the free-text notes of visits started before `cutoff` (what
    /// blocked VNeID or the portal may name the citizen or their family); the
    /// outcomes stay for the team's report. How many visits lost a note.
    pub fn clear_notes_before(&mut self, cutoff: &str) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE visit SET vneid_note = NULL, portal_note = NULL
             WHERE started_at < ?1 AND (vneid_note IS NOT NULL OR portal_note IS NOT NULL)",
            [cutoff],
        )?)
    }

    /// Starts a visit; no citizen data is involved yet.
    pub fn start(&mut self, operator: &str, place_commune: Option<&str>, now: &str) -> Result<i64> {
        self.tx.execute(
            "INSERT INTO visit (operator, place_commune, started_at) VALUES (?1, ?2, ?3)",
            params![operator, place_commune, now],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Links the visit to the citizen registered during it.
    pub fn attach_citizen(&mut self, visit: i64, citizen: i64) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE visit SET citizen = ?2 WHERE id = ?1",
            params![visit, citizen],
        )? > 0)
    }

    /// Saves what was done so far.
    pub fn set_outcomes(&mut self, visit: i64, o: &VisitOutcomes<'_>) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE visit SET vneid_outcome = ?2, vneid_note = ?3, portal_outcome = ?4, portal_note = ?5,
                 guide_progress = ?6
             WHERE id = ?1",
            params![visit, o.vneid_outcome.as_str(), o.vneid_note, o.portal_outcome.as_str(), o.portal_note, o.guide_progress],
        )? > 0)
    }

    /// Ends the visit with the citizen's rating.
    pub fn end(&mut self, visit: i64, satisfaction: u8, now: &str) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE visit SET satisfaction = ?2, ended_at = ?3 WHERE id = ?1 AND ended_at IS NULL",
            params![visit, satisfaction, now],
        )? > 0)
    }

    /// The volunteer of a visit.
    pub fn operator_of(&self, visit: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row("SELECT operator FROM visit WHERE id = ?1", [visit], |r| {
                r.get(0)
            })
            .optional()?)
    }
}
