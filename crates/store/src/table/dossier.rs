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

use crate::table::attachment::collect_blobs;
use crate::table::outbox::OutboxMut;
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

/// Which dossiers to list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter<'a> {
    /// Folded words that must all appear (citizen name, ID number, procedure).
    pub words: &'a [String],
    /// Only these states; empty = all.
    pub states: &'a [DossierState],
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

/// The word index's query: each word a quoted prefix, all of them
/// (`"hoang"* "thanh"*`). Words are letters only, so quoting is enough.
fn word_query(words: &[String]) -> String {
    let parts: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
    parts.join(" ")
}

/// How many of the newest dossiers a search by name looks at before it
/// asks the word index.
const NEWEST_WINDOW: u32 = 1000;

#[derive(Clone, Copy)]
enum Words {
    None,
    /// The start of a word, among the `NEWEST_WINDOW` newest dossiers.
    NewestWindow,
    /// The start of a word, through the word index, walking the newest
    /// first (many matches).
    WordIndex,
    /// The start of a word, through the word index, the matches sorted
    /// (few matches).
    WordIndexSorted,
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

    /// A page of dossiers, most recently changed first.
    ///
    /// Words of letters (names, procedures) are matched as the start of a
    /// word of the folded search text: first among the newest dossiers
    /// (`NEWEST_WINDOW`; a common name fills the page there), else through
    /// the word index. A word with a digit (part of an ID number) is matched
    /// as a substring, through the trigram index when it is rare, by walking
    /// the dossiers newest first when it is common (see `COMMON_MATCHES`).
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
        if words.iter().all(|w| w.chars().all(char::is_alphabetic)) {
            let newest = self.query(f, &words, Words::NewestWindow)?;
            if newest.len() >= f.limit as usize {
                return Ok(newest);
            }
            // Many matches: walk the newest first, each checked against the
            // index's matches. Few: take the matches and sort them.
            let how = if self.word_matches_at_least(&words, COMMON_MATCHES)? {
                Words::WordIndex
            } else {
                Words::WordIndexSorted
            };
            return self.query(f, &words, how);
        }
        let how = if self.matches_at_least(&words, COMMON_MATCHES)? {
            Words::OrderedScan
        } else {
            Words::Index
        };
        self.query(f, &words, how)
    }

    /// Whether the words start words of at least `n` dossiers (asked of the
    /// word index, which stops counting at `n`).
    fn word_matches_at_least(&self, words: &[String], n: u32) -> Result<bool> {
        let found: u32 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM (SELECT rowid FROM dossier_words WHERE dossier_words MATCH ?1 LIMIT {n})"
            ))?
            .query_row([word_query(words)], |r| r.get(0))?;
        Ok(found >= n)
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
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut likes = Vec::new();
        match how {
            Words::NewestWindow => {
                for w in words {
                    args.push(format!("% {w}%").into());
                    likes.push(format!("(' ' || w.search) LIKE ?{}", args.len()));
                }
            }
            Words::WordIndex | Words::WordIndexSorted => {
                args.push(word_query(words).into());
            }
            _ => {
                for w in words {
                    args.push(format!("%{w}%").into());
                    likes.push(format!("search LIKE ?{}", args.len()));
                }
            }
        }
        let from = match how {
            // Only the newest rows, read from the covering index
            // `dossier_newest` (dense pages, not one page per row): a page
            // found there is the page.
            Words::NewestWindow => format!(
                "(SELECT w.seq AS hit FROM (SELECT seq, search FROM dossier
                    ORDER BY updated_at DESC, id LIMIT {NEWEST_WINDOW}) w WHERE {}) m
                 CROSS JOIN dossier",
                likes.join(" AND ")
            ),
            // The index's few matches drive the query (CROSS JOIN keeps that
            // order), then they are sorted.
            Words::WordIndexSorted => {
                "(SELECT rowid AS hit FROM dossier_words WHERE dossier_words MATCH ?1) m \
                 CROSS JOIN dossier"
                    .to_owned()
            }
            _ => "dossier".to_owned(),
        };
        let mut sql = format!(
            "SELECT {COLUMNS} FROM {from} d LEFT JOIN citizen c ON c.id = d.citizen WHERE 1 = 1"
        );
        match how {
            Words::None | Words::WordIndexSorted | Words::NewestWindow => {}
            Words::WordIndex => sql.push_str(
                " AND d.seq IN (SELECT rowid FROM dossier_words WHERE dossier_words MATCH ?1)",
            ),
            Words::OrderedScan => {
                sql.push_str(&format!(" AND d.{}", likes.join(" AND d.")));
            }
            Words::Index => sql.push_str(&format!(
                " AND d.seq IN (SELECT rowid FROM dossier_search WHERE {})",
                likes.join(" AND ")
            )),
        }
        if matches!(how, Words::WordIndexSorted | Words::NewestWindow) {
            sql.push_str(" AND d.seq = m.hit");
        }
        if !f.states.is_empty() {
            let marks: Vec<String> = f
                .states
                .iter()
                .map(|s| {
                    args.push(s.to_string().into());
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
                if !crate::table::citizen::has_consent(self.tx, citizen, ConsentPurpose::Dossiers)?
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

/// Refuses with [`Error::NoConsent`] unless `dossier` may be sent.
pub(crate) fn check_sendable(conn: &Connection, dossier: &str) -> Result<()> {
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
pub(crate) fn dossier_consent(
    conn: &Connection,
    dossier: &str,
    purpose: ConsentPurpose,
) -> Result<bool> {
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
                stopped += OutboxMut::new(conn).cancel_unfinished(id)?;
                let mut d = DossiersMut::new(conn);
                match d.transition(id, Event::ConsentWithdrawn, now) {
                    // With the portal already: it stays where it is.
                    Ok(_) | Err(Error::Transition(_)) => {}
                    Err(e) => return Err(e),
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

    /// Whether any page of either search index still holds `needle`.
    fn index_holds(store: &Store, needle: &[u8]) -> bool {
        index_holds_in(store, "dossier_search_data", needle)
            || index_holds_in(store, "dossier_words_data", needle)
    }

    fn index_holds_in(store: &Store, table: &str, needle: &[u8]) -> bool {
        let mut stmt = store
            .conn()
            .prepare(&format!("SELECT block FROM {table}"))
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
        let w = store.write().unwrap();
        let mut tx = w.dossiers();
        tx.create(&new("keep", "dang ky khai sinh le van an"))
            .unwrap();
        // The one trigram that starts with a character nothing else has is
        // stored whole (FTS5 prefix-compresses terms), so it can be looked for.
        tx.create(&new("gone", "ǂqj 079190001234")).unwrap();
        w.commit().unwrap();
        let term = "ǂqj".as_bytes();
        assert!(index_holds(&store, term), "the probe finds what is there");
        assert!(
            index_holds_in(&store, "dossier_words_data", "079190001234".as_bytes()),
            "the word index holds whole words"
        );
        let w = store.write().unwrap();
        let mut tx = w.dossiers();
        assert!(tx.delete("gone").unwrap());
        w.commit().unwrap();
        assert!(!index_holds(&store, term));
        assert!(!index_holds(&store, "079190001234".as_bytes()));
        assert_eq!(ids(&store, &["van", "an"]), ["keep"]);
    }

    #[test]
    fn the_search_index_follows_inserts_and_deletes() {
        let mut store = store_with_pack();
        let w = store.write().unwrap();
        let mut tx = w.dossiers();
        tx.create(&new("a", "dang ky khai sinh tran thi thu 079190001234"))
            .unwrap();
        tx.create(&new(
            "b",
            "cap phieu ly lich tu phap le van an 001090123456",
        ))
        .unwrap();
        w.commit().unwrap();
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
        // By the start of words: among the newest, and through the word index.
        let words = vec!["tr".to_owned(), "thu".to_owned()];
        let filter = ListFilter {
            words: &words,
            limit: 10,
            ..Default::default()
        };
        let newest = store
            .dossiers()
            .query(&filter, &words, Words::NewestWindow)
            .unwrap();
        let index = store
            .dossiers()
            .query(&filter, &words, Words::WordIndex)
            .unwrap();
        let sorted = store
            .dossiers()
            .query(&filter, &words, Words::WordIndexSorted)
            .unwrap();
        assert_eq!(newest, index);
        assert_eq!(index, sorted);
        assert_eq!(
            newest.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["a"]
        );
        // A word is found by its start, not its middle ("hu" is in "thu").
        assert!(ids(&store, &["hu"]).is_empty());
        let w = store.write().unwrap();
        let mut tx = w.dossiers();
        assert!(tx.delete("a").unwrap());
        w.commit().unwrap();
        assert!(ids(&store, &["thu"]).is_empty());
        store
            .conn()
            .execute(
                "INSERT INTO dossier_search (dossier_search) VALUES ('integrity-check')",
                [],
            )
            .unwrap();
    }

    fn state_of(store: &Store, id: &str) -> DossierState {
        store.dossiers().get(id).unwrap().unwrap().state
    }

    #[test]
    fn a_state_changes_only_as_the_state_machine_allows() {
        let mut store = store_with_pack();
        let w = store.write().unwrap();
        w.dossiers().create(&new("d", "")).unwrap();
        w.commit().unwrap();
        assert_eq!(
            state_of(&store, "d"),
            DossierState::Draft,
            "created as a draft"
        );

        let w = store.write().unwrap();
        let refused = w.dossiers().transition("d", Event::Queue, "t1");
        assert!(matches!(
            refused,
            Err(Error::Transition(gocua_core::dossier::NotAllowed {
                from: DossierState::Draft,
                event: Event::Queue
            }))
        ));
        // Hand-off is an event too: only a ready dossier can take it.
        assert!(matches!(
            w.dossiers()
                .record_portal("d", "H22-0001", Event::HandedOff, None, "t1"),
            Err(Error::Transition(_))
        ));
        assert_eq!(
            w.dossiers()
                .transition("d", Event::MarkReady, "t2")
                .unwrap(),
            DossierState::Ready
        );
        assert_eq!(
            w.dossiers()
                .record_portal("d", "H22-0001", Event::HandedOff, None, "t3")
                .unwrap(),
            DossierState::Portal(PortalStatus::New)
        );
        assert!(matches!(
            w.dossiers().transition("nope", Event::Edit, "t3"),
            Err(Error::NoDossier(_))
        ));
        w.commit().unwrap();
        let row = store.dossiers().get("d").unwrap().unwrap();
        assert_eq!(row.state, DossierState::Portal(PortalStatus::New));
        assert_eq!(row.portal_code.as_deref(), Some("H22-0001"));
    }

    #[test]
    fn a_save_over_a_moved_state_writes_nothing() {
        let mut store = store_with_pack();
        let w = store.write().unwrap();
        w.dossiers().create(&new("d", "")).unwrap();
        w.commit().unwrap();
        let save = |from| Save {
            answers: r#"{"values":{"x":"new"}}"#,
            from,
            position: "p1",
            now: "t1",
        };
        let w = store.write().unwrap();
        // The caller loaded it as ready; it is a draft: refused, and the
        // answers written before the check are rolled back with it.
        assert!(matches!(
            w.dossiers().save("d", &save(DossierState::Ready)),
            Err(Error::Stale(_))
        ));
        assert_eq!(
            w.read().dossiers().answers("d").unwrap().unwrap().0,
            "{}",
            "the savepoint took the answers back"
        );
        // An edit from a state that cannot be edited is refused outright.
        assert!(matches!(
            w.dossiers().save("d", &save(DossierState::Queued)),
            Err(Error::Transition(_))
        ));
        let saved = w.dossiers().save("d", &save(DossierState::Draft)).unwrap();
        assert_eq!(saved.state, DossierState::Draft);
        w.commit().unwrap();
        assert_eq!(
            store.dossiers().answers("d").unwrap().unwrap().0,
            r#"{"values":{"x":"new"}}"#
        );
    }

    #[test]
    fn a_write_dropped_uncommitted_leaves_no_table_changed() {
        let mut store = store_with_pack();
        {
            let w = store.write().unwrap();
            w.dossiers().create(&new("d", "")).unwrap();
            w.dossiers().transition("d", Event::MarkReady, "t").unwrap();
            w.dossiers().transition("d", Event::Queue, "t").unwrap();
            w.outbox()
                .enqueue(
                    "op",
                    "d",
                    gocua_core::outbox::OpKind::Submit,
                    "{}",
                    false,
                    "t",
                )
                .unwrap();
            w.audit()
                .append(&crate::AuditEntry {
                    at: "t",
                    operator: "Lan",
                    action: "dossier.queue",
                    subject: "dossier:d",
                })
                .unwrap();
            // Dropped: as when the next step fails with `?`.
        }
        assert_eq!(store.dossiers().count().unwrap(), 0);
        assert!(store.outbox().list(10).unwrap().is_empty());
        assert!(store.audit().recent(10).unwrap().is_empty());
    }

    #[test]
    fn a_state_that_is_not_ours_reads_as_damage_not_a_default() {
        let mut store = store_with_pack();
        let w = store.write().unwrap();
        w.dossiers().create(&new("d", "")).unwrap();
        w.commit().unwrap();
        store
            .conn()
            .execute("UPDATE dossier SET state = 'portal_11' WHERE id = 'd'", [])
            .unwrap();
        assert!(store.dossiers().get("d").is_err());
        let w = store.write().unwrap();
        assert!(matches!(
            w.dossiers().transition("d", Event::Edit, "t"),
            Err(Error::Corrupt(_))
        ));
    }

    #[test]
    fn the_final_states_are_the_state_machines() {
        let spelled: Vec<String> = serde_json::from_str(&final_states()).unwrap();
        let want: Vec<String> = DossierState::all()
            .filter(|s| s.is_final())
            .map(|s| s.to_string())
            .collect();
        assert_eq!(spelled, want);
        assert_eq!(want.len(), 4);
    }
}
