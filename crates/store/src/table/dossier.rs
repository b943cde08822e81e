//! The `dossier`, `dossier_answers`, `attachment` and `blob` tables.
//!
//! A field edit is one short transaction: the answers row and the dossier's
//! revision, position and `updated_at` together ([`DossiersMut::save`]).
//! Attachments are stored content-addressed: `blob` holds each distinct
//! content once (by SHA-256), `attachment` says which dossier paper it is;
//! a blob no attachment refers to any more is deleted with it.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use sha2::{Digest, Sha256};

use gocua_core::dossier::{DossierState, Event, next};
use gocua_core::outbox::FailureKind;
use gocua_core::visit::{CONSENT_TEXT_VERSION, ConsentPurpose};

use crate::{Error, Result};

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
    /// `gocua_core::dossier::DossierState` spelling.
    pub state: String,
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
        state: r.get(9)?,
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
    /// Initial state spelling.
    pub state: &'a str,
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

const ATTACHMENT_COLUMNS: &str =
    "id, dossier, document, sha256, name, mime, size, uploaded, created_at, upload_id";

/// Which dossiers to list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter<'a> {
    /// Folded words that must all appear (citizen name, ID number, procedure).
    pub words: &'a [String],
    /// Only these states (spellings); empty = all.
    pub states: &'a [String],
    /// Only this citizen's.
    pub citizen: Option<i64>,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

/// From this many matches on, words are "common" (a frequent family name):
/// walking the dossiers newest first fills a page sooner than sorting every
/// match the index finds. Rarer words go through the trigram index.
const COMMON_MATCHES: u32 = 400;

#[derive(Clone, Copy)]
enum Words {
    None,
    /// `LIKE` on each row, newest first, stopping when the page is full.
    OrderedScan,
    /// The trigram index finds the matches, which are then sorted.
    Index,
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

    /// A page of dossiers, most recently changed first.
    ///
    /// Words are matched as substrings of the folded search text, through
    /// the trigram index when they are rare, by walking the dossiers newest
    /// first when they are common (see [`COMMON_MATCHES`]).
    pub fn list(&self, f: &ListFilter<'_>) -> Result<Vec<DossierRow>> {
        // Letters and digits only: the folded words never need LIKE escapes,
        // which the trigram index could not use.
        let words: Vec<String> = f
            .words
            .iter()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return self.query(f, &words, Words::None);
        }
        let how = if self.matches_at_least(&words, COMMON_MATCHES)? {
            Words::OrderedScan
        } else {
            Words::Index
        };
        self.query(f, &words, how)
    }

    /// Whether the words match at least `n` dossiers (asked of the index,
    /// which stops counting at `n`).
    fn matches_at_least(&self, words: &[String], n: u32) -> Result<bool> {
        let likes: Vec<String> = (1..=words.len())
            .map(|i| format!("search LIKE ?{i}"))
            .collect();
        let sql = format!(
            "SELECT count(*) FROM (SELECT rowid FROM dossier_search WHERE {} LIMIT {n})",
            likes.join(" AND ")
        );
        let args: Vec<String> = words.iter().map(|w| format!("%{w}%")).collect();
        let found: u32 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(found >= n)
    }

    fn query(&self, f: &ListFilter<'_>, words: &[String], how: Words) -> Result<Vec<DossierRow>> {
        let mut sql = format!(
            "SELECT {COLUMNS} FROM dossier d LEFT JOIN citizen c ON c.id = d.citizen WHERE 1 = 1"
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut likes = Vec::new();
        for w in words {
            args.push(format!("%{w}%").into());
            likes.push(format!("search LIKE ?{}", args.len()));
        }
        match how {
            Words::None => {}
            Words::OrderedScan => {
                sql.push_str(&format!(" AND d.{}", likes.join(" AND d.")));
            }
            Words::Index => sql.push_str(&format!(
                " AND d.seq IN (SELECT rowid FROM dossier_search WHERE {})",
                likes.join(" AND ")
            )),
        }
        if !f.states.is_empty() {
            let marks: Vec<String> = f
                .states
                .iter()
                .map(|s| {
                    args.push(s.clone().into());
                    format!("?{}", args.len())
                })
                .collect();
            sql.push_str(&format!(" AND d.state IN ({})", marks.join(", ")));
        }
        if let Some(c) = f.citizen {
            args.push(c.into());
            sql.push_str(&format!(" AND d.citizen = ?{}", args.len()));
        }
        args.push(i64::from(f.limit).into());
        args.push(i64::from(f.offset).into());
        sql.push_str(&format!(
            " ORDER BY d.updated_at DESC, d.id LIMIT ?{} OFFSET ?{}",
            args.len() - 1,
            args.len()
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), dossier_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The citizen's dossiers for a procedure in one of `states`.
    pub fn of_citizen_for(
        &self,
        citizen: i64,
        procedure: &str,
        states: &[&str],
    ) -> Result<Vec<DossierRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM dossier d LEFT JOIN citizen c ON c.id = d.citizen
             WHERE d.citizen = ?1 AND d.procedure_code = ?2 ORDER BY d.updated_at DESC"
        ))?;
        let rows = stmt.query_map(params![citizen, procedure], dossier_row)?;
        let all: Vec<DossierRow> = rows.collect::<rusqlite::Result<_>>()?;
        Ok(all
            .into_iter()
            .filter(|d| states.contains(&d.state.as_str()))
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

    /// A dossier's attachments, by paper then age.
    pub fn attachments(&self, dossier: &str) -> Result<Vec<AttachmentRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM attachment WHERE dossier = ?1 ORDER BY document, id"
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

    /// The form schema `id` of pack row `pack`, as JSON.
    pub fn form(&self, pack: i64, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT body FROM form_schema WHERE pack = ?1 AND id = ?2")?
            .query_row(params![pack, id], |r| r.get(0))
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

    /// The operation to send next: the oldest unfinished one of each dossier
    /// (per-dossier order), if pending and due at `now`, oldest due first. A
    /// quarantined operation holds back its own dossier only.
    pub fn outbox_due(&self, now: &str) -> Result<Option<OutboxRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox o
                 WHERE o.state = 'pending' AND o.next_attempt_at <= ?1
                   AND (o.needs_citizen = 0 OR o.citizen_present = 1)
                   AND o.seq = (SELECT min(p.seq) FROM outbox p WHERE p.dossier = o.dossier AND p.state <> 'done')
                 ORDER BY o.next_attempt_at, o.seq LIMIT 1"
            ))?
            .query_row([now], outbox_row)
            .optional()?)
    }

    /// When the next pending operation falls due.
    pub fn outbox_next_due(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Unfinished operations (pending and quarantined), oldest first, and the
    /// last `done` ones.
    pub fn outbox(&self, done: u32) -> Result<Vec<OutboxRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox o WHERE o.state <> 'done'
             UNION ALL
             SELECT * FROM (SELECT {OUTBOX_COLUMNS} FROM outbox o WHERE o.state = 'done' ORDER BY o.seq DESC LIMIT ?1)
             ORDER BY 1"
        ))?;
        let rows = stmt.query_map([done], outbox_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Dossiers of no stored citizen that the portal finished (refused,
    /// withdrawn, stopped, result returned) before `cutoff`: past retention.
    pub fn finished_before(&self, cutoff: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM dossier WHERE citizen IS NULL AND updated_at < ?1
               AND state IN ('portal_3', 'portal_7', 'portal_8', 'portal_10') ORDER BY id",
        )?;
        let rows = stmt.query_map([cutoff], |r| r.get(0))?;
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
    pub fn count_in_state(&self, state: &str) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM dossier WHERE state = ?1",
            [state],
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

/// One operation of the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Order of creation.
    pub seq: i64,
    /// UUID, the Idempotency-Key.
    pub id: String,
    /// The dossier.
    pub dossier: String,
    /// `submit` or `supplement`.
    pub kind: String,
    /// JSON payload.
    pub payload: String,
    /// `pending`, `done`, `quarantined`.
    pub state: String,
    /// Needs the citizen present.
    pub needs_citizen: bool,
    /// The volunteer said the citizen is present.
    pub citizen_present: bool,
    /// Attempts so far.
    pub attempts: u32,
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

const OUTBOX_COLUMNS: &str = "o.seq, o.id, o.dossier, o.kind, o.payload, o.state, o.needs_citizen,
    o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.done_at, o.citizen_present,
    o.last_error_kind";

fn outbox_row(r: &Row<'_>) -> rusqlite::Result<OutboxRow> {
    Ok(OutboxRow {
        seq: r.get(0)?,
        id: r.get(1)?,
        dossier: r.get(2)?,
        kind: r.get(3)?,
        payload: r.get(4)?,
        state: r.get(5)?,
        needs_citizen: r.get(6)?,
        attempts: r.get(7)?,
        next_attempt_at: r.get(8)?,
        last_error: r.get(9)?,
        created_at: r.get(10)?,
        done_at: r.get(11)?,
        citizen_present: r.get(12)?,
        // A kind the CHECK constraint let in is one of ours.
        last_error_kind: r.get::<_, Option<String>>(13)?.and_then(|k| k.parse().ok()),
    })
}

/// What a save writes besides the answers.
#[derive(Debug, Clone)]
pub struct Save<'a> {
    /// Answers JSON.
    pub answers: &'a str,
    /// New state spelling.
    pub state: &'a str,
    /// Where the volunteer is.
    pub position: &'a str,
    /// RFC 3339.
    pub now: &'a str,
}

/// Write handle on dossiers, owning one transaction.
#[derive(Debug)]
pub struct DossiersMut<'a> {
    tx: Transaction<'a>,
}

impl<'a> DossiersMut<'a> {
    pub(crate) fn new(tx: Transaction<'a>) -> Self {
        DossiersMut { tx }
    }

    /// One dossier, as this transaction sees it.
    pub fn get(&self, id: &str) -> Result<Option<DossierRow>> {
        get(&self.tx, id)
    }

    /// The dossier the portal knows as `code`, as this transaction sees it.
    pub fn by_portal_code(&self, code: &str) -> Result<Option<DossierRow>> {
        by_portal_code(&self.tx, code)
    }

    /// Its answers and document marks, as this transaction sees them.
    pub fn answers(&self, id: &str) -> Result<Option<(String, String)>> {
        answers(&self.tx, id)
    }

    /// Whether `purpose` is consented to for this dossier: by its citizen,
    /// or (no stored citizen) on the dossier itself.
    pub fn has_consent(&self, dossier: &str, purpose: ConsentPurpose) -> Result<bool> {
        dossier_consent(&self.tx, dossier, purpose)
    }

    /// Creates a dossier with its answers. Refuses with
    /// [`Error::NoConsent`] unless the `dossiers` consent is in force for its
    /// citizen, or (no stored citizen) is among `d.consent`, which is then
    /// recorded on the dossier.
    pub fn create(&mut self, d: &NewDossier<'_>) -> Result<()> {
        match d.citizen {
            Some(citizen) => {
                if !crate::table::citizen::has_consent(&self.tx, citizen, ConsentPurpose::Dossiers)?
                {
                    return Err(Error::NoConsent(ConsentPurpose::Dossiers));
                }
            }
            None => {
                if !d.consent.contains(&(ConsentPurpose::Dossiers, true)) {
                    return Err(Error::NoConsent(ConsentPurpose::Dossiers));
                }
            }
        }
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
                d.state,
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
    }

    /// Saves answers, state and position; returns the new revision.
    pub fn save(&mut self, id: &str, s: &Save<'_>) -> Result<i64> {
        let n = self.tx.execute(
            "UPDATE dossier_answers SET answers = ?2 WHERE dossier = ?1",
            params![id, s.answers],
        )?;
        if n == 0 {
            return Err(Error::Corrupt(format!("dossier {id} has no answers row")));
        }
        Ok(self.tx.query_row(
            "UPDATE dossier SET state = ?2, position = ?3, updated_at = ?4,
                revision = revision + 1 WHERE id = ?1 RETURNING revision",
            params![id, s.state, s.position, s.now],
            |r| r.get(0),
        )?)
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

    /// Sets the state (and `updated_at`).
    pub fn set_state(&mut self, id: &str, state: &str, now: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE dossier SET state = ?2, updated_at = ?3, revision = revision + 1 WHERE id = ?1",
            params![id, state, now],
        )?;
        Ok(())
    }

    /// Saves the volunteer's marks on the papers.
    pub fn set_documents(&mut self, id: &str, documents: &str, now: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE dossier_answers SET documents = ?2 WHERE dossier = ?1",
            params![id, documents],
        )?;
        self.tx.execute(
            "UPDATE dossier SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
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
        if !dossier_consent(&self.tx, dossier, ConsentPurpose::DocumentImages)? {
            return Err(Error::NoConsent(ConsentPurpose::DocumentImages));
        }
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
        self.tx.execute(
            "UPDATE dossier SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
            params![dossier, now],
        )?;
        Ok(self.tx.query_row(
            &format!("SELECT {ATTACHMENT_COLUMNS} FROM attachment WHERE id = ?1"),
            [id],
            attachment_row,
        )?)
    }

    /// Removes an attachment of `dossier`; false when there was none.
    pub fn detach(&mut self, dossier: &str, attachment: i64, now: &str) -> Result<bool> {
        let n = self.tx.execute(
            "DELETE FROM attachment WHERE id = ?1 AND dossier = ?2",
            params![attachment, dossier],
        )?;
        if n > 0 {
            self.tx.execute(
                "UPDATE dossier SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
                params![dossier, now],
            )?;
            collect_blobs(&self.tx)?;
        }
        Ok(n > 0)
    }

    /// Deletes a dossier with its answers and attachments.
    pub fn delete(&mut self, id: &str) -> Result<bool> {
        let n = self.tx.execute("DELETE FROM dossier WHERE id = ?1", [id])?;
        collect_blobs(&self.tx)?;
        Ok(n > 0)
    }

    /// Records an audit entry in this transaction.
    pub fn audit(&mut self, entry: &crate::AuditEntry<'_>) -> Result<i64> {
        crate::table::audit::append(&self.tx, entry)
    }

    /// Puts an operation in the outbox (in the transaction of the change it sends).
    pub fn enqueue(
        &mut self,
        id: &str,
        dossier: &str,
        kind: &str,
        payload: &str,
        needs_citizen: bool,
        now: &str,
    ) -> Result<()> {
        self.check_sendable(dossier)?;
        self.tx.execute(
            "INSERT INTO outbox (id, dossier, kind, payload, needs_citizen, next_attempt_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![id, dossier, kind, payload, needs_citizen, now],
        )?;
        Ok(())
    }

    /// Refuses with [`Error::NoConsent`] unless the dossier may be sent: the
    /// `dossiers` consent in force, and `document_images` too when it has
    /// photos of papers. Checked when queueing and again before sending.
    pub fn check_sendable(&self, dossier: &str) -> Result<()> {
        check_sendable(&self.tx, dossier)
    }

    /// The operation reached the portal.
    pub fn op_done(&mut self, id: &str, now: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET state = 'done', done_at = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1",
            params![id, now],
        )?;
        Ok(())
    }

    /// The attempt failed; try again at `next_at`.
    pub fn op_retry(
        &mut self,
        id: &str,
        next_at: &str,
        error: &str,
        kind: FailureKind,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3,
                last_error_kind = ?4 WHERE id = ?1",
            params![id, next_at, error, kind.as_str()],
        )?;
        Ok(())
    }

    /// The portal could not be reached at all: every due operation counts an
    /// attempt, records why, and waits until `next_at`.
    pub fn ops_unreachable(
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
    pub fn op_needs_citizen(&mut self, id: &str, error: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET needs_citizen = 1, citizen_present = 0, attempts = attempts + 1,
                last_error = ?2 WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    /// The citizen is here: send the held operation now, with their confirmation.
    pub fn op_citizen_present(&mut self, id: &str, now: &str) -> Result<bool> {
        Ok(self.tx.execute(
            "UPDATE outbox SET citizen_present = 1, next_attempt_at = ?2
             WHERE id = ?1 AND state = 'pending' AND needs_citizen = 1",
            params![id, now],
        )? > 0)
    }

    /// The portal refused the operation for good: set it aside with the reason.
    pub fn op_quarantine(&mut self, id: &str, error: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE outbox SET state = 'quarantined', attempts = attempts + 1, last_error = ?2,
                last_error_kind = 'refused' WHERE id = ?1",
            params![id, error],
        )?;
        Ok(())
    }

    /// "Send now": every unfinished operation is due at `now` again
    /// (quarantined ones included, after the volunteer fixed the cause).
    pub fn ops_due_now(&mut self, now: &str) -> Result<usize> {
        Ok(self.tx.execute(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?1 WHERE state <> 'done'",
            [now],
        )?)
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

    /// Records the portal's code, the new state and the office's note.
    pub fn set_portal(
        &mut self,
        id: &str,
        code: &str,
        state: &str,
        note: Option<&str>,
        now: &str,
    ) -> Result<()> {
        self.tx.execute(
            "UPDATE dossier SET portal_code = ?2, state = ?3, supplement_note = coalesce(?4, supplement_note),
                updated_at = ?5, revision = revision + 1 WHERE id = ?1",
            params![id, code, state, note, now],
        )?;
        Ok(())
    }

    /// Makes the changes durable.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

/// Deletes blobs no attachment refers to (after attachments were deleted,
/// directly or through a cascade from a dossier or citizen).
fn check_sendable(conn: &Connection, dossier: &str) -> Result<()> {
    if !dossier_consent(conn, dossier, ConsentPurpose::Dossiers)? {
        return Err(Error::NoConsent(ConsentPurpose::Dossiers));
    }
    let photos: i64 = conn.query_row(
        "SELECT COUNT(*) FROM attachment WHERE dossier = ?1",
        [dossier],
        |r| r.get(0),
    )?;
    if photos > 0 && !dossier_consent(conn, dossier, ConsentPurpose::DocumentImages)? {
        return Err(Error::NoConsent(ConsentPurpose::DocumentImages));
    }
    Ok(())
}

/// Whether `purpose` is in force for `dossier`: its citizen's consent, or
/// the dossier's own when it has no stored citizen.
fn dossier_consent(conn: &Connection, dossier: &str, purpose: ConsentPurpose) -> Result<bool> {
    let citizen: Option<Option<i64>> = conn
        .prepare_cached("SELECT citizen FROM dossier WHERE id = ?1")?
        .query_row([dossier], |r| r.get(0))
        .optional()?;
    match citizen {
        None => Ok(false),
        Some(Some(citizen)) => crate::table::citizen::has_consent(conn, citizen, purpose),
        Some(None) => crate::table::citizen::in_force(
            conn,
            "SELECT granted, withdrawn_at FROM dossier_consent
             WHERE dossier = ?1 AND purpose = ?2 ORDER BY id DESC LIMIT 1",
            &dossier,
            purpose,
        ),
    }
}

/// What withdrawing a consent stops for the dossiers of one citizen (or one
/// citizen-less dossier): `dossiers` cancels every operation not yet done
/// and takes the dossiers that had not reached the portal back to drafts;
/// `document_images` deletes the photos of papers (and their blobs).
/// Returns the number of operations cancelled or photos deleted.
pub(crate) fn stop_processing(
    conn: &Connection,
    dossiers: &[String],
    purpose: ConsentPurpose,
    now: &str,
) -> Result<usize> {
    let mut stopped = 0;
    for id in dossiers {
        match purpose {
            ConsentPurpose::Dossiers => {
                stopped += conn.execute(
                    "DELETE FROM outbox WHERE dossier = ?1 AND state != 'done'",
                    [id],
                )?;
                if let Some(row) = get(conn, id)?
                    && let Ok(from) = row.state.parse::<DossierState>()
                    && let Ok(to) = next(from, Event::ConsentWithdrawn)
                    && to != from
                {
                    conn.execute(
                        "UPDATE dossier SET state = ?2, updated_at = ?3, revision = revision + 1 WHERE id = ?1",
                        params![id, to.to_string(), now],
                    )?;
                }
            }
            ConsentPurpose::DocumentImages => {
                stopped += conn.execute("DELETE FROM attachment WHERE dossier = ?1", [id])?;
            }
            ConsentPurpose::Profile | ConsentPurpose::Contact => {}
        }
    }
    collect_blobs(conn)?;
    Ok(stopped)
}

pub(crate) fn collect_blobs(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM blob WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = blob.sha256)",
        [],
    )?)
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
        state: "draft",
        search: "",
        answers: "{}",
        now: "2026-11-25T10:00:00Z",
        consent: &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn new<'a>(id: &'a str, search: &'a str) -> NewDossier<'a> {
        NewDossier {
            search,
            consent: &[(ConsentPurpose::Dossiers, true)],
            ..test_dossier(id, None)
        }
    }

    fn ids(store: &Store, words: &[&str]) -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        store
            .dossiers()
            .list(&ListFilter {
                words: &words,
                limit: 10,
                ..Default::default()
            })
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect()
    }

    /// An empty store with one catalogue pack, for dossiers to refer to.
    fn store_with_pack() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .conn()
            .execute_batch(
                "INSERT INTO catalogue_pack (id, pack_id, version, issued_at, source, sha256, body)
                 VALUES (1, 't', 1, '2026-11-25', 's', 'x', '{}')",
            )
            .unwrap();
        store
    }

    /// Whether any page of the search index still holds `needle`.
    fn index_holds(store: &Store, needle: &[u8]) -> bool {
        let mut stmt = store
            .conn()
            .prepare("SELECT block FROM dossier_search_data")
            .unwrap();
        let blocks: Vec<Vec<u8>> = stmt
            .query_map([], |r| r.get::<_, Option<Vec<u8>>>(0))
            .unwrap()
            .filter_map(|b| b.unwrap())
            .collect();
        blocks
            .iter()
            .any(|b| b.windows(needle.len()).any(|w| w == needle))
    }

    #[test]
    fn a_deleted_dossier_leaves_nothing_in_the_search_index() {
        let mut store = store_with_pack();
        let mut tx = store.dossiers_mut().unwrap();
        tx.create(&new("keep", "dang ky khai sinh le van an"))
            .unwrap();
        // The one trigram that starts with a character nothing else has is
        // stored whole (FTS5 prefix-compresses terms), so it can be looked for.
        tx.create(&new("gone", "ǂqj 079190001234")).unwrap();
        tx.commit().unwrap();
        let term = "ǂqj".as_bytes();
        assert!(index_holds(&store, term), "the probe finds what is there");
        let mut tx = store.dossiers_mut().unwrap();
        assert!(tx.delete("gone").unwrap());
        tx.commit().unwrap();
        assert!(!index_holds(&store, term));
        assert_eq!(ids(&store, &["van", "an"]), ["keep"]);
    }

    #[test]
    fn the_search_index_follows_inserts_and_deletes() {
        let mut store = store_with_pack();
        let mut tx = store.dossiers_mut().unwrap();
        tx.create(&new("a", "dang ky khai sinh tran thi thu 079190001234"))
            .unwrap();
        tx.create(&new(
            "b",
            "cap phieu ly lich tu phap le van an 001090123456",
        ))
        .unwrap();
        tx.commit().unwrap();
        assert_eq!(ids(&store, &["thu"]), ["a"]);
        assert_eq!(ids(&store, &["lich", "an"]), ["b"]);
        assert_eq!(ids(&store, &["90001"]), ["a"]);
        assert_eq!(ids(&store, &["%"]).len(), 2, "no letters: no filter");
        assert!(ids(&store, &["khai", "phap"]).is_empty());
        // A page filled from the recent window and one from the index agree.
        let words = vec!["thu".to_owned()];
        let scan = store
            .dossiers()
            .query(
                &ListFilter {
                    words: &words,
                    limit: 10,
                    ..Default::default()
                },
                &words,
                Words::OrderedScan,
            )
            .unwrap();
        let index = store
            .dossiers()
            .query(
                &ListFilter {
                    words: &words,
                    limit: 10,
                    ..Default::default()
                },
                &words,
                Words::Index,
            )
            .unwrap();
        assert_eq!(scan, index);
        let mut tx = store.dossiers_mut().unwrap();
        assert!(tx.delete("a").unwrap());
        tx.commit().unwrap();
        assert!(ids(&store, &["thu"]).is_empty());
        store
            .conn()
            .execute(
                "INSERT INTO dossier_search (dossier_search) VALUES ('integrity-check')",
                [],
            )
            .unwrap();
    }
}
