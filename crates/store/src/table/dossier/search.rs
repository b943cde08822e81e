//! Finding dossiers by the citizen's name, ID number or procedure: which
//! way a query goes (the newest window, the word index, the trigram index,
//! an ordered scan), chosen by how common its words are.

use gocua_core::dossier::DossierState;

use super::{COLUMNS, DossierRow, Dossiers, dossier_row};
use crate::Result;

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
pub(super) enum Words {
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

impl Dossiers<'_> {
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

    pub(super) fn query(
        &self,
        f: &ListFilter<'_>,
        words: &[String],
        how: Words,
    ) -> Result<Vec<DossierRow>> {
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
}
