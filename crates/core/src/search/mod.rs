//! Search over the procedure catalogue, the way citizens type.
//!
//! An in-memory inverted index over folded words (see [`crate::text`]) of
//! each procedure's name, colloquial keywords, English gloss and field, plus
//! the joined pairs of adjacent words ("khaisinh") for people who drop the
//! space. A query is folded the same way, rewritten with the pack's synonyms
//! ("bằng lái" → "giấy phép lái xe"), and every word may match a document
//! word exactly, as a prefix (the last word, while typing) or within one edit
//! (a typo: insertion, deletion, substitution or swap, found through a
//! precomputed deletion neighbourhood rather than a scan). Scores add the
//! best match of each query word weighted by field and rarity (idf), reward
//! covering all the meaningful words, the exact phrase, and words typed with
//! the same diacritics as the name; the 25 essential services get a small
//! boost. Filler words of the pack's stop list count for little.
//!
//! Pure and deterministic: the caller builds the index from the catalogue it
//! read, and rebuilds it when a pack is installed.

use std::collections::{HashMap, HashSet};

use crate::text::{edit_distance_within, exact_words, fold, has_diacritics, tokens};

/// What the index needs of one procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// The procedure code, returned in hits.
    pub code: String,
    /// Vietnamese name.
    pub name: String,
    /// English gloss, if any.
    pub name_en: Option<String>,
    /// Colloquial phrases.
    pub keywords: Vec<String>,
    /// The field (lĩnh vực), in Vietnamese.
    pub field: String,
    /// One of the 25 essential services.
    pub essential: bool,
}

impl From<&crate::catalogue::Procedure> for SearchDoc {
    fn from(p: &crate::catalogue::Procedure) -> Self {
        SearchDoc {
            code: p.code.clone(),
            name: p.name.vi.clone(),
            name_en: p.name.en.clone(),
            keywords: p.keywords.clone(),
            field: p.field.vi.clone(),
            essential: p.is_essential(),
        }
    }
}

/// The most distinct terms (folded words and joined adjacent pairs) one
/// pack may bring into the index. Each term of ordinary length costs its
/// one-deletion neighbourhood in memory, so a pack of many made-up words
/// (the reliability review's 65,000 generated keywords: 3.8 GB and a minute
/// a search) is refused when it is read, before anything is installed. Real
/// Vietnamese text has a small vocabulary: the shipped national pack brings
/// about 1,240 terms.
pub const MAX_PACK_TERMS: usize = 50_000;

/// The terms a text's folded words bring into the index: each adjacent pair
/// joined ("khaisinh", for people who drop the space), then each word.
fn text_terms(words: &[String]) -> impl Iterator<Item = String> + '_ {
    words
        .windows(2)
        .map(|pair| format!("{}{}", pair[0], pair[1]))
        .chain(words.iter().cloned())
}

/// How many distinct terms `docs` bring into the index, counted no further
/// than just past `limit` (so a huge pack costs no more than the bound).
pub fn distinct_terms(docs: &[SearchDoc], limit: usize) -> usize {
    let mut seen: HashSet<String> = HashSet::new();
    for d in docs {
        let texts = std::iter::once(d.name.as_str())
            .chain(d.keywords.iter().map(String::as_str))
            .chain(d.name_en.as_deref())
            .chain(std::iter::once(d.field.as_str()));
        for text in texts {
            seen.extend(text_terms(&tokens(text)));
            if seen.len() > limit {
                return seen.len();
            }
        }
    }
    seen.len()
}

/// A search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The procedure code.
    pub code: String,
    /// Relevance; only comparable within one query.
    pub score: f32,
}

/// Field weights: a word in the name says more than one in the field.
const W_NAME: f32 = 3.0;
const W_KEYWORD: f32 = 2.6;
const W_NAME_EN: f32 = 1.6;
const W_FIELD: f32 = 0.8;
/// Match qualities.
const Q_EXACT: f32 = 1.0;
const Q_PREFIX: f32 = 0.8;
const Q_TYPO: f32 = 0.7;
/// A stop word's weight relative to a meaningful one.
const STOP_WEIGHT: f32 = 0.1;
/// The field length (in words) that gets no length penalty or bonus.
const AVG_FIELD_WORDS: f32 = 8.0;
/// A typo reading of a word that is itself a known word is unlikely.
const Q_TYPO_OF_KNOWN: f32 = 0.25;
/// At most this many prefix expansions of the last word.
const MAX_PREFIX_TERMS: usize = 40;
/// Hits scoring below this fraction of the best hit are dropped.
const MIN_RELATIVE_SCORE: f32 = 0.08;
/// At most this many synonym rewrites of one query.
const MAX_VARIANTS: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    weight: f32,
}

#[derive(Debug)]
struct DocInfo {
    code: String,
    essential: bool,
    /// Folded name, for the phrase bonus.
    folded_name: String,
}

/// The index. Build once per catalogue with [`SearchIndex::build`].
#[derive(Debug)]
pub struct SearchIndex {
    docs: Vec<DocInfo>,
    terms: Vec<String>,
    term_ids: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    idf: Vec<f32>,
    /// Term ids sorted by term text, for prefix lookups.
    sorted: Vec<u32>,
    /// One-deletion variants → terms (terms of 3+ characters).
    deletes: HashMap<String, Vec<u32>>,
    synonyms: Vec<(Vec<String>, Vec<String>)>,
    stop: HashSet<String>,
    /// Exact (diacritics kept) lowercase name words → documents.
    exact_names: HashMap<String, Vec<u32>>,
}

impl SearchIndex {
    /// Builds the index. `synonyms` are (what people say, what it means);
    /// `stop_words` are filler words of questions ("tôi muốn làm …").
    pub fn build(
        docs: &[SearchDoc],
        synonyms: &[(Vec<String>, String)],
        stop_words: &[String],
    ) -> Self {
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut terms: Vec<String> = Vec::new();
        let mut per_term: Vec<HashMap<u32, f32>> = Vec::new();
        let mut infos = Vec::with_capacity(docs.len());
        let mut exact_names: HashMap<String, Vec<u32>> = HashMap::new();

        for (doc_no, d) in docs.iter().enumerate() {
            let doc = doc_no as u32;
            let mut add = |word: String, weight: f32| {
                let id = *term_ids.entry(word.clone()).or_insert_with(|| {
                    terms.push(word);
                    per_term.push(HashMap::new());
                    (terms.len() - 1) as u32
                });
                let slot = per_term[id as usize].entry(doc).or_insert(0.0);
                *slot = slot.max(weight);
            };
            // Length normalisation (as BM25's b = 0.5): a word in a short name
            // says more than the same word in a name that lists five procedures.
            let mut add_text = |text: &str, weight: f32| {
                let words = tokens(text);
                let norm = 1.0 / (0.5 + 0.5 * words.len() as f32 / AVG_FIELD_WORDS);
                let weight = weight * norm;
                for term in text_terms(&words) {
                    add(term, weight);
                }
            };
            add_text(&d.name, W_NAME);
            for k in &d.keywords {
                add_text(k, W_KEYWORD);
            }
            if let Some(en) = &d.name_en {
                add_text(en, W_NAME_EN);
            }
            add_text(&d.field, W_FIELD);
            for w in exact_words(&d.name) {
                let list = exact_names.entry(w).or_default();
                if list.last() != Some(&doc) {
                    list.push(doc);
                }
            }
            infos.push(DocInfo {
                code: d.code.clone(),
                essential: d.essential,
                folded_name: tokens(&d.name).join(" "),
            });
        }

        let n = docs.len().max(1) as f32;
        let postings: Vec<Vec<Posting>> = per_term
            .into_iter()
            .map(|m| {
                let mut v: Vec<Posting> = m
                    .into_iter()
                    .map(|(doc, weight)| Posting { doc, weight })
                    .collect();
                v.sort_by_key(|p| p.doc);
                v
            })
            .collect();
        let idf = postings
            .iter()
            .map(|p| (1.0 + n / p.len().max(1) as f32).ln())
            .collect();
        let mut sorted: Vec<u32> = (0..terms.len() as u32).collect();
        sorted.sort_by(|a, b| terms[*a as usize].cmp(&terms[*b as usize]));
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, t) in terms.iter().enumerate() {
            // Typos are looked for in words of ordinary length only: the
            // neighbourhood of an n-letter word costs n² bytes, so one
            // absurdly long "word" in a pack must not cost gigabytes.
            if (3..=MAX_TYPO_WORD_CHARS).contains(&t.chars().count()) {
                for del in one_deletions(t) {
                    deletes.entry(del).or_default().push(id as u32);
                }
            }
        }
        let synonyms = synonyms
            .iter()
            .flat_map(|(says, means)| {
                let means = tokens(means);
                says.iter()
                    .map(move |s| (tokens(s), means.clone()))
                    .filter(|(s, _)| !s.is_empty())
            })
            .collect();
        let stop = stop_words.iter().flat_map(|w| tokens(w)).collect();
        SearchIndex {
            docs: infos,
            terms,
            term_ids,
            postings,
            idf,
            sorted,
            deletes,
            synonyms,
            stop,
            exact_names,
        }
    }

    /// Number of indexed procedures.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The best `limit` procedures for `query`, best first. A query that ends
    /// in a space treats its last word as complete (no prefix expansion).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let query = match query.char_indices().nth(MAX_QUERY_CHARS) {
            Some((cut, _)) => &query[..cut],
            None => query,
        };
        let words = tokens(query);
        if words.is_empty() || limit == 0 || self.docs.is_empty() {
            return Vec::new();
        }
        let typing_last = !query.ends_with(char::is_whitespace);
        // Words typed with diacritics that a name carries exactly: a bonus per word.
        // Dense over documents: it is read for every touched document of
        // every variant, where a hash lookup each was a tenth of the query.
        let mut exact_hits: Vec<u8> = Vec::new();
        for w in exact_words(query).into_iter().filter(|w| has_diacritics(w)) {
            for &doc in self
                .exact_names
                .get(&w)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if exact_hits.is_empty() {
                    exact_hits = vec![0; self.docs.len()];
                }
                let n = &mut exact_hits[doc as usize];
                *n = n.saturating_add(1);
            }
        }

        let mut best: Vec<f32> = vec![0.0; self.docs.len()];
        let mut scratch = Scratch::new(self.docs.len());
        // A word's matches are the same in every variant it appears in
        // (synonym rewrites share most words): each is computed once.
        let mut matches: HashMap<(String, bool), Vec<(u32, f32)>> = HashMap::new();
        for variant in self.variants(&words) {
            self.score_variant(&variant, typing_last, &mut scratch, &mut matches);
            // Per-variant constants, computed once rather than per document.
            let meaningful: Vec<&str> = variant
                .iter()
                .filter(|w| !self.stop.contains(*w))
                .map(String::as_str)
                .collect();
            let wanted = meaningful.len().max(1) as f32;
            let phrase = (meaningful.len() >= 2).then(|| meaningful.join(" "));
            for &doc in &scratch.touched {
                let d = doc as usize;
                let mut s = scratch.total[d];
                if s <= 0.0 {
                    continue;
                }
                let coverage = (f32::from(scratch.matched[d]) / wanted).min(1.0);
                s *= 0.4 + 0.6 * coverage * coverage;
                let info = &self.docs[d];
                if coverage >= 1.0
                    && let Some(phrase) = &phrase
                    && info.folded_name.contains(phrase.as_str())
                {
                    s *= 1.25;
                }
                if let Some(&n) = exact_hits.get(d) {
                    s *= 1.0 + 0.08 * f32::from(n);
                }
                if info.essential {
                    s *= 1.06;
                }
                best[d] = best[d].max(s);
            }
        }
        // Far weaker matches than the best one are noise (a shared filler
        // word, a one-letter typo reading): left out before sorting.
        let top = best.iter().copied().fold(0.0_f32, f32::max);
        let floor = top * MIN_RELATIVE_SCORE;
        let mut hits: Vec<(usize, f32)> = best
            .into_iter()
            .enumerate()
            .filter(|(_, s)| *s > 0.0 && *s >= floor)
            .collect();
        let order = |a: &(usize, f32), b: &(usize, f32)| {
            b.1.total_cmp(&a.1)
                .then_with(|| self.docs[a.0].code.cmp(&self.docs[b.0].code))
        };
        // Only the first `limit` need sorting.
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        hits.into_iter()
            .map(|(d, score)| Hit {
                code: self.docs[d].code.clone(),
                score,
            })
            .collect()
    }

    /// The query itself plus its synonym rewrites. Only words the person
    /// typed are rewritten, never words a rewrite brought in: a synonym whose
    /// meaning contains what it rewrites ("giấy phép lái" → "giấy phép lái
    /// xe") would otherwise rewrite its own output until the variant limit.
    fn variants(&self, words: &[String]) -> Vec<Vec<String>> {
        // Each variant with, per word, whether the person typed it.
        let mut out: Vec<(Vec<String>, Vec<bool>)> =
            vec![(words.to_vec(), vec![true; words.len()])];
        let mut seen: HashSet<Vec<String>> = HashSet::from([words.to_vec()]);
        let mut i = 0;
        while i < out.len() && out.len() < MAX_VARIANTS {
            let (current, typed) = out[i].clone();
            for (says, means) in &self.synonyms {
                let Some(pos) = find_run(&current, &typed, says) else {
                    continue;
                };
                let end = pos + says.len();
                let mut next = current[..pos].to_vec();
                next.extend(means.iter().cloned());
                next.extend(current[end..].iter().cloned());
                if seen.insert(next.clone()) {
                    let mut next_typed = typed[..pos].to_vec();
                    next_typed.extend(std::iter::repeat_n(false, means.len()));
                    next_typed.extend(&typed[end..]);
                    out.push((next, next_typed));
                    if out.len() >= MAX_VARIANTS {
                        break;
                    }
                }
            }
            i += 1;
        }
        out.into_iter().map(|(words, _)| words).collect()
    }

    fn score_variant(
        &self,
        words: &[String],
        typing_last: bool,
        s: &mut Scratch,
        matches: &mut HashMap<(String, bool), Vec<(u32, f32)>>,
    ) {
        s.reset();
        for (i, w) in words.iter().enumerate() {
            let weight = if self.stop.contains(w) {
                STOP_WEIGHT
            } else {
                1.0
            };
            let prefix = i + 1 == words.len() && typing_last;
            let found = matches
                .entry((w.clone(), prefix))
                .or_insert_with(|| self.word_matches(w, prefix, s));
            s.begin_word();
            for &(doc, score) in found.iter() {
                s.offer(doc, score * weight);
            }
            let counts = weight >= 1.0;
            s.end_word(counts);
        }
    }

    /// Each document's best match for `word` (over its candidate terms),
    /// before the word's weight.
    fn word_matches(&self, word: &str, prefix: bool, s: &mut Scratch) -> Vec<(u32, f32)> {
        s.begin_word();
        for (term, quality) in self.candidates(word, prefix) {
            let idf = self.idf[term as usize];
            for p in &self.postings[term as usize] {
                s.offer(p.doc, quality * p.weight * idf);
            }
        }
        s.take_word()
    }

    /// Terms that `word` may stand for, with a match quality.
    fn candidates(&self, word: &str, prefix: bool) -> Vec<(u32, f32)> {
        let mut out: Vec<(u32, f32)> = Vec::new();
        let mut seen = HashSet::new();
        let known = self.term_ids.get(word).copied();
        if let Some(id) = known {
            seen.insert(id);
            out.push((id, Q_EXACT));
        }
        let typo_quality = if known.is_some() {
            Q_TYPO_OF_KNOWN
        } else {
            Q_TYPO
        };
        let len = word.chars().count();
        if prefix && len >= 2 {
            let start = self
                .sorted
                .partition_point(|&id| self.terms[id as usize].as_str() < word);
            for &id in self.sorted[start..].iter().take(MAX_PREFIX_TERMS) {
                if !self.terms[id as usize].starts_with(word) {
                    break;
                }
                if seen.insert(id) {
                    out.push((id, Q_PREFIX));
                }
            }
        }
        // A word that is itself in the vocabulary is taken as typed, except
        // long ones, where a one-letter slip into another real word happens.
        if len >= 3 && (known.is_none() || len >= 5) {
            // The word is missing a letter: it is a deletion of some term.
            let mut typo: Vec<u32> = self.deletes.get(word).cloned().unwrap_or_default();
            if len >= 4 {
                for del in one_deletions(word) {
                    // The word has an extra letter …
                    if let Some(&id) = self.term_ids.get(&del) {
                        typo.push(id);
                    }
                    // … or a wrong / swapped one.
                    if let Some(ids) = self.deletes.get(&del) {
                        typo.extend(ids);
                    }
                }
            }
            for id in typo {
                if !seen.contains(&id)
                    && edit_distance_within(word, &self.terms[id as usize], 1).is_some()
                {
                    seen.insert(id);
                    out.push((id, typo_quality));
                }
            }
        }
        out
    }
}

/// Per-query score buffers, dense over documents with a list of touched ones.
struct Scratch {
    total: Vec<f32>,
    matched: Vec<u16>,
    word_best: Vec<f32>,
    touched: Vec<u32>,
    word_touched: Vec<u32>,
    in_touched: Vec<bool>,
}

impl Scratch {
    fn new(n: usize) -> Self {
        Scratch {
            total: vec![0.0; n],
            matched: vec![0; n],
            word_best: vec![0.0; n],
            touched: Vec::new(),
            word_touched: Vec::new(),
            in_touched: vec![false; n],
        }
    }

    fn reset(&mut self) {
        for &d in &self.touched {
            self.total[d as usize] = 0.0;
            self.matched[d as usize] = 0;
            self.in_touched[d as usize] = false;
        }
        self.touched.clear();
    }

    fn begin_word(&mut self) {
        self.word_touched.clear();
    }

    fn offer(&mut self, doc: u32, score: f32) {
        let d = doc as usize;
        if self.word_best[d] == 0.0 {
            self.word_touched.push(doc);
        }
        if score > self.word_best[d] {
            self.word_best[d] = score;
        }
    }

    /// The current word's best score per document, clearing it (nothing is
    /// added to the totals).
    fn take_word(&mut self) -> Vec<(u32, f32)> {
        let out = self
            .word_touched
            .iter()
            .map(|&doc| (doc, self.word_best[doc as usize]))
            .collect();
        for &doc in &self.word_touched {
            self.word_best[doc as usize] = 0.0;
        }
        self.word_touched.clear();
        out
    }

    fn end_word(&mut self, counts: bool) {
        for &doc in &self.word_touched {
            let d = doc as usize;
            self.total[d] += self.word_best[d];
            self.word_best[d] = 0.0;
            if counts {
                self.matched[d] += 1;
            }
            if !self.in_touched[d] {
                self.in_touched[d] = true;
                self.touched.push(doc);
            }
        }
    }
}

/// The longest word whose one-letter typos are indexed (Vietnamese
/// syllables are short; the longest folded ones are 7 letters, joined word
/// pairs twice that).
pub const MAX_TYPO_WORD_CHARS: usize = 32;

/// The longest query searched (longer text is cut): what a person types
/// into a search box, never a document.
pub const MAX_QUERY_CHARS: usize = 200;

fn one_deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

/// Where `needle` first occurs in `haystack` as a run of typed words.
fn find_run(haystack: &[String], typed: &[bool], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .enumerate()
        .position(|(at, w)| w == needle && typed[at..at + needle.len()].iter().all(|t| *t))
}

/// Folds a query the way the index does, for callers that show or log it.
pub fn normalise_query(query: &str) -> String {
    fold(query)
}

#[cfg(test)]
mod tests;
