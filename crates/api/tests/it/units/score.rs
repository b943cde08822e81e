//! Agreement of our old-address conversion with an independent converter, on
//! `data/admin-units/agreement.tsv` (made by `data/admin-units/agreement.py`
//! with the `vietnamadminunits` package). Shared by the test (which holds the
//! rate to its target) and `cargo bench -p gocua-api --bench units` (which
//! prints it beside the conversion's speed).

use std::collections::BTreeMap;

use gocua_core::units::AdminUnits;

/// The sample, embedded: (spelling, address, reference commune code).
pub const SAMPLE: &str = include_str!("../../../../../data/admin-units/agreement.tsv");

/// The target of issue #14: at least 99 % of the addresses the reference
/// converts, converted by ours to the same commune without a question.
pub const TARGET: f64 = 0.99;

/// Counts for one spelling (or all).
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Addresses the reference converted.
    pub compared: usize,
    /// Ours gave the same commune, sure.
    pub agree: usize,
    /// Ours asked (a typo or several units alike), the reference's commune
    /// among what it offered.
    pub asked: usize,
    /// Ours gave another commune, or asked without offering the reference's.
    pub differ: usize,
    /// Ours could not convert it.
    pub failed: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        if self.compared == 0 {
            return 0.0;
        }
        self.agree as f64 / self.compared as f64
    }

    fn add(&mut self, o: &Tally) {
        self.compared += o.compared;
        self.agree += o.agree;
        self.asked += o.asked;
        self.differ += o.differ;
        self.failed += o.failed;
    }
}

/// The sample's lines: (spelling, address, reference).
pub fn cases() -> Vec<(&'static str, &'static str, &'static str)> {
    SAMPLE
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?, f.next().unwrap_or("")))
        })
        .collect()
}

/// Scores every line: per spelling, the whole, and the lines that did not agree.
pub fn score(units: &AdminUnits) -> (BTreeMap<&'static str, Tally>, Tally, Vec<String>) {
    let mut by = BTreeMap::<&str, Tally>::new();
    let mut misses = Vec::new();
    for (spelling, address, reference) in cases() {
        if reference.is_empty() {
            continue;
        }
        let t = by.entry(spelling).or_default();
        t.compared += 1;
        match units.convert(address) {
            Err(e) => {
                t.failed += 1;
                misses.push(format!("  FAILED  {address:?}: {e}"));
            }
            Ok(c) => {
                let ours: Vec<&str> = c.new.iter().map(|n| n.commune.code.as_str()).collect();
                if c.is_sure() && ours.first() == Some(&reference) {
                    t.agree += 1;
                } else if !c.is_sure() && ours.contains(&reference) {
                    t.asked += 1;
                    misses.push(format!("  ASKED   {address:?}: {:?}", c.unsure));
                } else {
                    t.differ += 1;
                    misses.push(format!(
                        "  DIFFER  {address:?}: reference {reference}, ours {ours:?} (old {:?})",
                        c.old.iter().map(|u| u.name.as_str()).collect::<Vec<_>>()
                    ));
                }
            }
        }
    }
    let mut all = Tally::default();
    for t in by.values() {
        all.add(t);
    }
    (by, all, misses)
}

/// The table both print.
pub fn report(by: &BTreeMap<&str, Tally>, all: &Tally) -> String {
    let mut out = String::from("spelling   compared  agree  asked  differ  failed  agreement\n");
    for (spelling, t) in by.iter().map(|(s, t)| (*s, t)).chain([("all", all)]) {
        out.push_str(&format!(
            "{spelling:<10} {:>8} {:>6} {:>6} {:>7} {:>7}  {:>8.2} %\n",
            t.compared,
            t.agree,
            t.asked,
            t.differ,
            t.failed,
            100.0 * t.rate()
        ));
    }
    out
}
