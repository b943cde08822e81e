//! The `dossier`, `dossier_answers` and `dossier_consent` tables.
//!
//! A dossier's state is a [`DossierState`], and it changes only through
//! [`DossiersMut::transition`] (or a save, which is the `Edit` event), which
//! asks `gocua_core::dossier::next`: no code path writes a state the state
//! machine did not decide. A field edit is one short write: the answers row
//! and the dossier's state, revision, position and `updated_at` together
//! ([`DossiersMut::save`]). Papers are in [`crate::table::attachment`], the
//! operations that send a dossier in [`crate::table::outbox`].

use rusqlite::{Connection, OptionalExtension, Row, params};

use gocua_core::dossier::{DossierState, Event, PortalStatus, next};
use gocua_core::visit::{CONSENT_TEXT_VERSION, ConsentPurpose};

use crate::consent::{check_sendable, collect_blobs, dossier_consent};
use crate::{Error, Result};

mod search;
pub use search::ListFilter;

/// A dossier's list columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierRow {
    /// UUID.
    pub id: String,
    /// Procedure code.
    pub procedure_code: String,
    /// Procedure name (Vietnamese), as when started.
    pub procedure_name: String,
    /// The pack row it was started on.
    pub pack: i64,
    /// Form schema id.
    pub schema_id: String,
    /// Form schema version.
    pub schema_version: u32,
    /// The citizen.
    pub citizen: Option<i64>,
    /// The visit it was started in.
    pub visit: Option<i64>,
    /// Who started it.
    pub operator: String,
    /// Where it is.
    pub state: DossierState,
    /// MaHoSo, once the portal has it.
    pub portal_code: Option<String>,
    /// Where the volunteer was.
    pub position: String,
    /// Increases with every saved change.
    pub revision: i64,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// The citizen's name, when linked.
    pub citizen_name: Option<String>,
    /// The citizen's ID number, when linked.
    pub citizen_cccd: Option<String>,
    /// What the office asked for, when it requested a supplement.
    pub supplement_note: Option<String>,
}

const COLUMNS: &str = "d.id, d.procedure_code, d.procedure_name, d.pack, d.schema_id,
    d.schema_version, d.citizen, d.visit, d.operator, d.state, d.portal_code, d.position,
    d.revision, d.created_at, d.updated_at, c.name, c.cccd, d.supplement_note";

fn dossier_row(r: &Row<'_>) -> rusqlite::Result<DossierRow> {
    Ok(DossierRow {
        id: r.get(0)?,
        procedure_code: r.get(1)?,
        procedure_name: r.get(2)?,
        pack: r.get(3)?,
        schema_id: r.get(4)?,
        schema_version: r.get(5)?,
        citizen: r.get(6)?,
        visit: r.get(7)?,
        operator: r.get(8)?,
        state: crate::parsed(r, 9)?,
        portal_code: r.get(10)?,
        position: r.get(11)?,
        revision: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
        citizen_name: r.get(15)?,
        citizen_cccd: r.get(16)?,
        supplement_note: r.get(17)?,
    })
}

/// A new dossier.
#[derive(Debug, Clone)]
pub struct NewDossier<'a> {
    /// UUID chosen by the caller.
    pub id: &'a str,
    /// Procedure code.
    pub procedure_code: &'a str,
    /// Procedure name.
    pub procedure_name: &'a str,
    /// Pack row.
    pub pack: i64,
    /// Schema id.
    pub schema_id: &'a str,
    /// Schema version.
    pub schema_version: u32,
    /// Citizen.
    pub citizen: Option<i64>,
    /// Visit.
    pub visit: Option<i64>,
    /// Operator name.
    pub operator: &'a str,
    /// Folded search text.
    pub search: &'a str,
    /// Initial answers JSON.
    pub answers: &'a str,
    /// RFC 3339.
    pub now: &'a str,
    /// The citizen's consent decisions, recorded on the dossier itself when
    /// it has no stored citizen (ignored otherwise: the citizen's own
    /// consents apply).
    pub consent: &'a [(ConsentPurpose, bool)],
}

/// Read handle on dossiers.
#[derive(Debug)]
pub struct Dossiers<'a> {
    conn: &'a Connection,
}

impl<'a> Dossiers<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Dossiers { conn }
    }

    /// One dossier.
    pub fn get(&self, id: &str) -> Result<Option<DossierRow>> {
        get(self.conn, id)
    }

    /// Its answers JSON and document marks JSON.
    pub fn answers(&self, id: &str) -> Result<Option<(String, String)>> {
        answers(self.conn, id)
    }

    /// One dossier with its answers JSON and document marks JSON, in one
    /// read (what every edit starts from).
    pub fn with_answers(&self, id: &str) -> Result<Option<(DossierRow, String, String)>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS}, a.answers, a.documents FROM dossier d
                 LEFT JOIN citizen c ON c.id = d.citizen
                 JOIN dossier_answers a ON a.dossier = d.id WHERE d.id = ?1"
            ))?
            .query_row([id], |r| Ok((dossier_row(r)?, r.get(18)?, r.get(19)?)))
            .optional()?)
    }

    /// The citizen's dossiers for a procedure in one of `states`.
    pub fn of_citizen_for(
        &self,
        citizen: i64,
        procedure: &str,
        states: &[DossierState],
    ) -> Result<Vec<DossierRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossier d LEFT JOIN citizen c ON c.id = d.citizen
             WHERE d.citizen = ?1 AND d.procedure_code = ?2 ORDER BY d.updated_at DESC"
        ))?;
        let rows = stmt.query_map(params![citizen, procedure], dossier_row)?;
        let all: Vec<DossierRow> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(all
            .into_iter()
            .filter(|d| states.contains(&d.state))
            .collect())
    }

    /// The dossiers started in a visit.
    pub fn of_visit(&self, visit: i64) -> Result<Vec<DossierRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossier d LEFT JOIN citizen c ON c.id = d.citizen
             WHERE d.visit = ?1 ORDER BY d.created_at"
        ))?;
        let rows = stmt.query_map([visit], dossier_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The dossier the portal knows as `code`.
    pub fn by_portal_code(&self, code: &str) -> Result<Option<DossierRow>> {
        by_portal_code(self.conn, code)
    }

    /// See [`DossiersMut::check_sendable`].
    pub fn check_sendable(&self, dossier: &str) -> Result<()> {
        check_sendable(self.conn, dossier)
    }

    /// Whether `purpose` is consented to for this dossier (its citizen's
    /// consent, or its own when it has no stored citizen).
    pub fn has_consent(&self, dossier: &str, purpose: ConsentPurpose) -> Result<bool> {
        dossier_consent(self.conn, dossier, purpose)
    }

    /// Dossiers of no stored citizen that the portal finished (refused,
    /// withdrawn, stopped, result returned) before `cutoff`: past retention.
    pub fn finished_before(&self, cutoff: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM dossier WHERE citizen IS NULL AND updated_at < ?1
               AND state IN (SELECT value FROM json_each(?2)) ORDER BY id",
        )?;
        let rows = stmt.query_map(params![cutoff, final_states()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Dossiers of no stored citizen still on the laptop only (draft or
    /// ready, never queued or with the portal) and untouched since `cutoff`:
    /// abandoned drafts, whose answers are still a citizen's data.
    pub fn abandoned_before(&self, cutoff: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM dossier WHERE citizen IS NULL AND updated_at < ?1
               AND state IN (?2, ?3)
               AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.dossier = dossier.id AND o.state <> 'done')
             ORDER BY id",
        )?;
        let rows = stmt.query_map(
            params![
                cutoff,
                DossierState::Draft.to_string(),
                DossierState::Ready.to_string()
            ],
            |r| r.get(0),
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many dossiers are in `state`.
    pub fn count_in_state(&self, state: DossierState) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM dossier WHERE state = ?1",
            [state.to_string()],
            |r| r.get(0),
        )?)
    }

    /// How many dossiers there are.
    pub fn count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM dossier", [], |r| r.get(0))?)
    }
}

fn get(conn: &Connection, id: &str) -> Result<Option<DossierRow>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossier d LEFT JOIN citizen c ON c.id = d.citizen WHERE d.id = ?1"
        ))?
        .query_row([id], dossier_row)
        .optional()?)
}

fn by_portal_code(conn: &Connection, code: &str) -> Result<Option<DossierRow>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossier d LEFT JOIN citizen c ON c.id = d.citizen WHERE d.portal_code = ?1"
        ))?
        .query_row([code], dossier_row)
        .optional()?)
}

fn answers(conn: &Connection, id: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT answers, documents FROM dossier_answers WHERE dossier = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// What a save writes besides the answers.
#[derive(Debug, Clone)]
pub struct Save<'a> {
    /// Answers JSON.
    pub answers: &'a str,
    /// The state the caller loaded: the save is the `Edit` event from it,
    /// and fails with [`Error::Stale`] if the dossier moved on meanwhile.
    pub from: DossierState,
    /// Where the volunteer is.
    pub position: &'a str,
    /// RFC 3339.
    pub now: &'a str,
}

/// What a save leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    /// The state after the edit.
    pub state: DossierState,
    /// The new revision.
    pub revision: i64,
}

/// Write handle on dossiers, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct DossiersMut<'a> {
    tx: &'a Connection,
}

impl<'a> DossiersMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        DossiersMut { tx }
    }

    /// One dossier, as this transaction sees it.
    pub fn get(&self, id: &str) -> Result<Option<DossierRow>> {
        get(self.tx, id)
    }

    /// The dossier the portal knows as `code`, as this transaction sees it.
    pub fn by_portal_code(&self, code: &str) -> Result<Option<DossierRow>> {
        by_portal_code(self.tx, code)
    }

    /// Its answers and document marks, as this transaction sees them.
    pub fn answers(&self, id: &str) -> Result<Option<(String, String)>> {
        answers(self.tx, id)
    }

    /// Whether `purpose` is consented to for this dossier: by its citizen,
    /// or (no stored citizen) on the dossier itself.
    pub fn has_consent(&self, dossier: &str, purpose: ConsentPurpose) -> Result<bool> {
        dossier_consent(self.tx, dossier, purpose)
    }

    /// Creates a draft with its answers. Refuses with
    /// [`Error::NoConsent`] unless the `dossiers` consent is in force for its
    /// citizen, or (no stored citizen) is among `d.consent`, which is then
    /// recorded on the dossier.
    pub fn create(&mut self, d: &NewDossier<'_>) -> Result<()> {
        match d.citizen {
            Some(citizen) => {
                if !crate::consent::has_consent(self.tx, citizen, ConsentPurpose::Dossiers)? {
                    return Err(Error::NoConsent(ConsentPurpose::Dossiers));
                }
            }
            None => {
                if !d.consent.contains(&(ConsentPurpose::Dossiers, true)) {
                    return Err(Error::NoConsent(ConsentPurpose::Dossiers));
                }
            }
        }
        crate::savepoint(self.tx, || {
            self.tx.execute(
                "INSERT INTO dossier (id, procedure_code, procedure_name, pack, schema_id,
                    schema_version, citizen, visit, operator, state, search, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![
                    d.id,
                    d.procedure_code,
                    d.procedure_name,
                    d.pack,
                    d.schema_id,
                    d.schema_version,
                    d.citizen,
                    d.visit,
                    d.operator,
                    DossierState::Draft.to_string(),
                    d.search,
                    d.now
                ],
            )?;
            self.tx.execute(
                "INSERT INTO dossier_answers (dossier, answers) VALUES (?1, ?2)",
                params![d.id, d.answers],
            )?;
            if d.citizen.is_none() {
                for (purpose, granted) in d.consent {
                    self.tx.execute(
                        "INSERT INTO dossier_consent (dossier, purpose, granted, text_version, operator, given_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            d.id,
                            purpose.as_str(),
                            granted,
                            CONSENT_TEXT_VERSION,
                            d.operator,
                            d.now
                        ],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Saves answers and position: the `Edit` event from `s.from` (a ready
    /// dossier goes back to draft). One write of the answers and one of the
    /// dossier row, whose state must still be `s.from`.
    pub fn save(&mut self, id: &str, s: &Save<'_>) -> Result<Saved> {
        let state = next(s.from, Event::Edit)?;
        crate::savepoint(self.tx, || {
            let n = self.tx.execute(
                "UPDATE dossier_answers SET answers = ?2 WHERE dossier = ?1",
                params![id, s.answers],
            )?;
            if n == 0 {
                return Err(Error::NoDossier(id.to_owned()));
            }
            let revision = self
                .tx
                .query_row(
                    "UPDATE dossier SET state = ?3, position = ?4, updated_at = ?5,
                        revision = revision + 1 WHERE id = ?1 AND state = ?2 RETURNING revision",
                    params![id, s.from.to_string(), state.to_string(), s.position, s.now],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::Stale(id.to_owned()))?;
            Ok(Saved { state, revision })
        })
    }

    /// The one way a dossier's state changes: `event` from its current
    /// state, as `gocua_core::dossier::next` decides. Refuses with
    /// [`Error::Transition`] what the state machine does not allow. The
    /// dossier's revision and `updated_at` move even when the state stays.
    pub fn transition(&mut self, id: &str, event: Event, now: &str) -> Result<DossierState> {
        let from = state(self.tx, id)?.ok_or_else(|| Error::NoDossier(id.to_owned()))?;
        let to = next(from, event)?;
        self.tx.execute(
            "UPDATE dossier SET state = ?2, updated_at = ?3, revision = revision + 1 WHERE id = ?1",
            params![id, to.to_string(), now],
        )?;
        Ok(to)
    }

    /// What the portal said about the dossier it knows as `code`: `event` is
    /// `PortalReports(status)` (an answer to a submission, or the status
    /// feed) or `HandedOff` (filed on the real portal by the volunteer). The
    /// transition, the code and the office's note (for a supplement) are
    /// written together.
    pub fn record_portal(
        &mut self,
        id: &str,
        code: &str,
        event: Event,
        note: Option<&str>,
        now: &str,
    ) -> Result<DossierState> {
        crate::savepoint(self.tx, || {
            let to = self.transition(id, event, now)?;
            self.tx.execute(
                "UPDATE dossier SET portal_code = ?2, supplement_note = coalesce(?3, supplement_note)
                 WHERE id = ?1",
                params![id, code, note],
            )?;
            Ok(to)
        })
    }

    /// Keeps the portal's code of a dossier whose state the portal's answer
    /// could not move (the status feed will).
    pub fn set_portal_code(&mut self, id: &str, code: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE dossier SET portal_code = ?2 WHERE id = ?1",
            params![id, code],
        )?;
        Ok(())
    }

    /// Records where the volunteer is, without touching `updated_at`.
    pub fn set_position(&mut self, id: &str, position: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE dossier SET position = ?2 WHERE id = ?1",
            params![id, position],
        )?;
        Ok(())
    }

    /// Moves the dossier to another schema (same or newer pack).
    pub fn rebase(&mut self, id: &str, pack: i64, schema_version: u32) -> Result<()> {
        self.tx.execute(
            "UPDATE dossier SET pack = ?2, schema_version = ?3 WHERE id = ?1",
            params![id, pack, schema_version],
        )?;
        Ok(())
    }

    /// Saves the volunteer's marks on the papers.
    pub fn set_documents(&mut self, id: &str, documents: &str, now: &str) -> Result<()> {
        crate::savepoint(self.tx, || {
            self.tx.execute(
                "UPDATE dossier_answers SET documents = ?2 WHERE dossier = ?1",
                params![id, documents],
            )?;
            touch(self.tx, id, now)
        })
    }

    /// Deletes a dossier with its answers, operations and attachments.
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        crate::savepoint(self.tx, || {
            let n = self.tx.execute("DELETE FROM dossier WHERE id = ?1", [id])?;
            collect_blobs(self.tx)?;
            Ok(n > 0)
        })
    }

    /// Refuses with [`Error::NoConsent`] unless the dossier may be sent: the
    /// `dossiers` consent in force, and `document_images` too when it has
    /// photos of papers. Checked when queueing and again before sending.
    pub fn check_sendable(&self, dossier: &str) -> Result<()> {
        check_sendable(self.tx, dossier)
    }
}

/// A dossier's state, as stored.
fn state(conn: &Connection, id: &str) -> Result<Option<DossierState>> {
    let spelled: Option<String> = conn
        .prepare_cached("SELECT state FROM dossier WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    spelled
        .map(|s| {
            s.parse()
                .map_err(|e: gocua_core::dossier::UnknownState| Error::Corrupt(e.to_string()))
        })
        .transpose()
}

/// Moves the dossier's revision and `updated_at` (a paper or a mark changed).
pub(crate) fn touch(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE dossier SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// The final states' spellings, as a JSON array for `json_each`.
fn final_states() -> String {
    let spelled: Vec<String> = PortalStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .map(|s| format!("\"{}\"", DossierState::Portal(s)))
        .collect();
    format!("[{}]", spelled.join(","))
}

/// A draft of procedure "P" for the store's tests (no consent of its own).
#[cfg(test)]
pub(crate) fn test_dossier(id: &str, citizen: Option<i64>) -> NewDossier<'_> {
    NewDossier {
        id,
        procedure_code: "P",
        procedure_name: "Thủ tục",
        pack: 1,
        schema_id: "f",
        schema_version: 1,
        citizen,
        visit: None,
        operator: "Lan",
        search: "",
        answers: "{}",
        now: "2026-11-25T10:00:00Z",
        consent: &[],
    }
}

#[cfg(test)]
mod tests;
