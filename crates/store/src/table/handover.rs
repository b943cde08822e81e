//! Hand-overs of draft dossiers between a team's laptops (migration 14):
//! the log of who handed what to whom, and the import of a received draft
//! — dossier, answers, consents and papers — in one step.

use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use gocua_core::dossier::DossierState;
use gocua_core::visit::ConsentPurpose;

use crate::table::citizen::ConsentRow;
use crate::{Error, Result};

pub use gocua_core::handover::{Direction, HandoverState};

/// One hand-over, as this laptop knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverRow {
    /// UUID (the hub's id).
    pub id: String,
    /// Out or in.
    pub direction: Direction,
    /// The dossier's id.
    pub dossier: String,
    /// The other laptop's id at the hub.
    pub peer_device: String,
    /// Its name.
    pub peer_name: String,
    /// The procedure, for the list.
    pub procedure_name: String,
    /// Photos of papers it carried.
    pub papers: u32,
    /// Where it stands.
    pub state: HandoverState,
    /// Out: the hub has stored it.
    pub delivered: bool,
    /// Who sent or accepted it.
    pub operator: String,
    /// RFC 3339.
    pub created_at: String,
    /// When it was decided.
    pub decided_at: Option<String>,
}

const COLUMNS: &str = "id, direction, dossier, peer_device, peer_name, procedure_name, papers,
    state, delivered, operator, created_at, decided_at";

fn handover_row(r: &Row<'_>) -> rusqlite::Result<HandoverRow> {
    Ok(HandoverRow {
        id: r.get(0)?,
        // A spelling that is not ours is damage, never a default.
        direction: crate::parsed(r, 1)?,
        dossier: r.get(2)?,
        peer_device: r.get(3)?,
        peer_name: r.get(4)?,
        procedure_name: r.get(5)?,
        papers: r.get(6)?,
        state: crate::parsed(r, 7)?,
        delivered: r.get(8)?,
        operator: r.get(9)?,
        created_at: r.get(10)?,
        decided_at: r.get(11)?,
    })
}

fn get(conn: &Connection, id: &str) -> Result<Option<HandoverRow>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM handover WHERE id = ?1"))?
        .query_row([id], handover_row)
        .optional()?)
}

/// Read handle.
#[derive(Debug)]
pub struct Handovers<'a> {
    conn: &'a Connection,
}

impl<'a> Handovers<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Handovers { conn }
    }

    /// One hand-over.
    pub fn get(&self, id: &str) -> Result<Option<HandoverRow>> {
        get(self.conn, id)
    }

    /// The undecided hand-over of `dossier` from this laptop, if any.
    pub fn pending_of(&self, dossier: &str) -> Result<Option<HandoverRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM handover
                 WHERE dossier = ?1 AND direction = 'out' AND state = 'sent'"
            ))?
            .query_row([dossier], handover_row)
            .optional()?)
    }

    /// Hand-overs from this laptop still waiting for a decision.
    pub fn pending(&self) -> Result<Vec<HandoverRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM handover WHERE direction = 'out' AND state = 'sent'
             ORDER BY created_at"
        ))?;
        let rows = stmt.query_map([], handover_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` hand-overs, either way.
    pub fn recent(&self, limit: u32) -> Result<Vec<HandoverRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM handover ORDER BY created_at DESC, id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit], handover_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The consents in force for `dossier` (its citizen's, or its own when
    /// it has no stored citizen): what travels with it.
    pub fn consents_of(&self, dossier: &str) -> Result<Vec<ConsentRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT purpose, granted, text_version, operator, given_at FROM consent
             WHERE citizen = (SELECT citizen FROM dossier WHERE id = ?1)
               AND withdrawn_at IS NULL
             UNION ALL
             SELECT purpose, granted, text_version, operator, given_at FROM dossier_consent
             WHERE dossier = ?1 AND withdrawn_at IS NULL
               AND (SELECT citizen FROM dossier WHERE id = ?1) IS NULL
             ORDER BY 5",
        )?;
        let rows = stmt.query_map([dossier], |r| {
            Ok(ConsentRow {
                purpose: crate::parsed(r, 0)?,
                granted: r.get(1)?,
                text_version: r.get(2)?,
                operator: r.get(3)?,
                given_at: r.get(4)?,
                withdrawn_at: None,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest pack row holding form schema `id` at `version`.
    pub fn form_pack(&self, id: &str, version: u32) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT pack FROM form_schema WHERE id = ?1 AND version = ?2
                 ORDER BY pack DESC LIMIT 1",
            )?
            .query_row(params![id, version], |r| r.get(0))
            .optional()?)
    }
}

/// A paper of a received draft.
#[derive(Debug, Clone)]
pub struct ImportPaper<'a> {
    /// Index of the paper in the procedure's list.
    pub document: u32,
    /// File name.
    pub name: &'a str,
    /// MIME type.
    pub mime: &'a str,
    /// Content.
    pub data: &'a [u8],
    /// When it was attached.
    pub created_at: &'a str,
}

/// A received draft, to become a dossier of this laptop.
#[derive(Debug, Clone)]
pub struct Import<'a> {
    /// The hand-over.
    pub handover: &'a HandoverRow,
    /// The dossier's id (kept: the same dossier, now here).
    pub id: &'a str,
    /// Procedure code.
    pub procedure_code: &'a str,
    /// Pack row holding its form schema at its version.
    pub pack: i64,
    /// Schema id.
    pub schema_id: &'a str,
    /// Schema version.
    pub schema_version: u32,
    /// Who works on it here.
    pub operator: &'a str,
    /// Where the sender was.
    pub position: &'a str,
    /// Folded search text.
    pub search: &'a str,
    /// When it was started (on the sender).
    pub created_at: &'a str,
    /// Answers JSON.
    pub answers: &'a str,
    /// Paper marks JSON.
    pub documents: &'a str,
    /// The consents in force on the sender, recorded on the dossier as given.
    pub consents: &'a [ConsentRow],
    /// Its papers.
    pub papers: &'a [ImportPaper<'a>],
    /// RFC 3339.
    pub now: &'a str,
}

/// Write handle, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct HandoversMut<'a> {
    tx: &'a Connection,
}

impl<'a> HandoversMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        HandoversMut { tx }
    }

    /// One hand-over, as this transaction sees it.
    pub fn get(&self, id: &str) -> Result<Option<HandoverRow>> {
        get(self.tx, id)
    }

    /// Records a hand-over from this laptop (state `sent`).
    pub fn record(&self, h: &HandoverRow) -> Result<()> {
        self.tx.execute(
            &format!(
                "INSERT INTO handover ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            ),
            params![
                h.id,
                h.direction.as_str(),
                h.dossier,
                h.peer_device,
                h.peer_name,
                h.procedure_name,
                h.papers,
                h.state.as_str(),
                h.delivered,
                h.operator,
                h.created_at,
                h.decided_at
            ],
        )?;
        Ok(())
    }

    /// The hub has stored it.
    pub fn delivered(&self, id: &str) -> Result<()> {
        self.tx
            .execute("UPDATE handover SET delivered = 1 WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Decided (`state` is not `sent`). False when it was decided already.
    pub fn decide(&self, id: &str, state: HandoverState, at: &str) -> Result<bool> {
        if !state.is_decided() {
            return Ok(false);
        }
        Ok(self.tx.execute(
            "UPDATE handover SET state = ?2, decided_at = ?3, delivered = 1
             WHERE id = ?1 AND state = ?4",
            params![id, state.as_str(), at, HandoverState::Sent.as_str()],
        )? == 1)
    }

    /// Makes a received draft a dossier of this laptop, with its answers,
    /// consents and papers, and logs the hand-over — all or nothing. False
    /// (and nothing written) when this hand-over was imported before.
    pub fn import(&self, d: &Import<'_>) -> Result<bool> {
        if get(self.tx, &d.handover.id)?.is_some() {
            return Ok(false);
        }
        let dossiers = |purpose| d.consents.iter().any(|c| c.purpose == purpose && c.granted);
        if !dossiers(ConsentPurpose::Dossiers) {
            return Err(Error::NoConsent(ConsentPurpose::Dossiers));
        }
        if !d.papers.is_empty() && !dossiers(ConsentPurpose::DocumentImages) {
            return Err(Error::NoConsent(ConsentPurpose::DocumentImages));
        }
        crate::savepoint(self.tx, || {
            self.tx.execute(
                "INSERT INTO dossier (id, procedure_code, procedure_name, pack, schema_id,
                    schema_version, citizen, visit, operator, state, position, search,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, NULL, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    d.id,
                    d.procedure_code,
                    d.handover.procedure_name,
                    d.pack,
                    d.schema_id,
                    d.schema_version,
                    d.operator,
                    DossierState::Draft.to_string(),
                    d.position,
                    d.search,
                    d.created_at,
                    d.now
                ],
            )?;
            self.tx.execute(
                "INSERT INTO dossier_answers (dossier, answers, documents) VALUES (?1, ?2, ?3)",
                params![d.id, d.answers, d.documents],
            )?;
            for c in d.consents {
                self.tx.execute(
                    "INSERT INTO dossier_consent (dossier, purpose, granted, text_version,
                        operator, given_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        d.id,
                        c.purpose.as_str(),
                        c.granted,
                        c.text_version,
                        c.operator,
                        c.given_at
                    ],
                )?;
            }
            for p in d.papers {
                let sha256 = gocua_core::hex::encode(&Sha256::digest(p.data));
                self.tx.execute(
                    "INSERT OR IGNORE INTO blob (sha256, size, data) VALUES (?1, ?2, ?3)",
                    params![sha256, p.data.len() as i64, p.data],
                )?;
                self.tx.execute(
                    "INSERT INTO attachment (dossier, document, sha256, name, mime, size, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        d.id,
                        p.document,
                        sha256,
                        p.name,
                        p.mime,
                        p.data.len() as i64,
                        p.created_at
                    ],
                )?;
            }
            self.record(d.handover)?;
            Ok(true)
        })
    }
}
