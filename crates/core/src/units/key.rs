//! How a unit's name is compared: type words ("Phường", "TP.", "Q.") dropped,
//! numbers without leading zeros, and three forms of what is left — folded
//! (what "doi bang lai" typing gives), folded as the source's alias keys are,
//! and with its diacritics (to tell "Tân Thạnh" from "Tân Thành" when they
//! were typed).

use crate::text::{edit_distance_within, exact_words, fold, has_diacritics, unify_iy};

/// Words that name a unit's type, full or abbreviated, folded.
const TYPE_WORDS: &[&[&str]] = &[
    &["thanh", "pho"],
    &["thi", "xa"],
    &["thi", "tran"],
    &["dac", "khu"],
    &["tinh"],
    &["quan"],
    &["huyen"],
    &["phuong"],
    &["xa"],
    &["tp"],
    &["tx"],
    &["tt"],
    &["q"],
    &["h"],
    &["p"],
    &["x"],
    &["t"],
];

/// The type words as one word, to compare what was typed with a unit's own
/// type ("tx" and "thi xa" are the same).
fn type_name(prefix: &[&str]) -> &'static str {
    match prefix {
        ["thanh", "pho"] | ["tp"] => "thanh pho",
        ["thi", "xa"] | ["tx"] => "thi xa",
        ["thi", "tran"] | ["tt"] => "thi tran",
        ["dac", "khu"] => "dac khu",
        ["tinh"] | ["t"] => "tinh",
        ["quan"] | ["q"] => "quan",
        ["huyen"] | ["h"] => "huyen",
        ["phuong"] | ["p"] => "phuong",
        _ => "xa",
    }
}

/// What the type words at the start of a part say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tier {
    Province,
    District,
    Ward,
}

/// A name as it is matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Key {
    /// Folded, i/y unified, without spaces: "Phường Bến Nghé" → "bennghe".
    pub folded: String,
    /// Folded without the i/y unification, as the source's alias keys are.
    pub raw: String,
    /// Lowercase with diacritics, without spaces: "bếnnghé".
    pub exact: String,
    /// The type written in front, one spelling ("thi xa" for "TX."), if any.
    pub kind: Option<&'static str>,
    /// Written with diacritics: then a name without them ("Ia Bang") means
    /// that name, not "Ia Băng". The whole address decides (see `typed`).
    pub marked: bool,
    /// When the first word was taken for a type word though written without
    /// marks, the whole name (folded, and folded as the source's keys):
    /// "phuong liet" may be Phường Phương Liệt, not "Liệt".
    pub whole: Option<(String, String)>,
}

impl Key {
    /// The key of a name: one type word (or abbreviation) in front is
    /// dropped, and only one — "Phường Phương Liệt" is "phuongliet", "Xã Quan
    /// Sơn" "quanson" ("Phương", "Quan" read like "Phường", "Quận").
    pub fn new(name: &str) -> Self {
        let (folded, exact) = words(name);
        let (start, kind) = strip(&folded, &exact, 1);
        let mut key = Key {
            kind,
            marked: has_diacritics(name),
            ..Key::default()
        };
        let mut whole = (String::new(), String::new());
        for (i, (f, e)) in folded.iter().zip(&exact).enumerate() {
            let n = number(f);
            let unified = n.clone().unwrap_or_else(|| unify_iy(f));
            let raw = n.as_deref().unwrap_or(f);
            whole.0.push_str(&unified);
            whole.1.push_str(raw);
            if i >= start {
                key.raw.push_str(raw);
                key.folded.push_str(&unified);
                key.exact.push_str(n.as_deref().unwrap_or(e));
            }
        }
        // "Phường" written with its marks is a type word for sure; "phuong"
        // may be "Phương".
        let unmarked_type = folded[..start]
            .iter()
            .zip(&exact[..start])
            .all(|(f, e)| f == e);
        key.whole = (start > 0 && unmarked_type).then_some(whole);
        key
    }

    /// Whether this key, typed, names the unit whose key is `unit`: by the
    /// name after the type word, or by the whole of what was typed.
    pub fn names(&self, unit: &Key) -> bool {
        unit.folded == self.folded || self.whole.as_ref().is_some_and(|(w, _)| *w == unit.folded)
    }

    /// Whether one of `other_names` (the source's keys) is what was typed.
    pub fn is_one_of(&self, other_names: &[String]) -> bool {
        other_names.iter().any(|n| {
            *n == self.raw
                || *n == self.folded
                || self.whole.as_ref().is_some_and(|(w, r)| n == w || n == r)
        })
    }

    /// A part of an address as typed: marked when the address has
    /// diacritics anywhere ("P. Sa Pa, TX. Sa Pa, Lào Cai" was typed with
    /// them, so "Sa Pa" is not "Sa Pả").
    pub fn typed(part: &str, address_marked: bool) -> Self {
        let mut key = Key::new(part);
        key.marked |= address_marked;
        key
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }
}

/// The folded words and the same words with diacritics, abbreviated numbered
/// units split ("q1" → "q", "1").
fn words(name: &str) -> (Vec<String>, Vec<String>) {
    let folded: Vec<String> = fold(name).split(' ').map(str::to_owned).collect();
    let exact = exact_words(name);
    // The two split alike (letters and digits); should a stray character make
    // them differ, the folded words stand in for both.
    let exact = if exact.len() == folded.len() {
        exact
    } else {
        folded.clone()
    };
    let (mut f_out, mut e_out) = (Vec::new(), Vec::new());
    for (f, e) in folded.into_iter().zip(exact) {
        if f.is_empty() {
            continue;
        }
        let letters = f.trim_end_matches(|c: char| c.is_ascii_digit());
        if letters.len() < f.len() && ["q", "p", "h", "x", "tx", "tt"].contains(&letters) {
            let digits = f[letters.len()..].to_owned();
            f_out.extend([letters.to_owned(), digits.clone()]);
            e_out.extend([letters.to_owned(), digits]);
        } else {
            f_out.push(f);
            e_out.push(e);
        }
    }
    (f_out, e_out)
}

/// The name of a unit without its type words, folded, digits without leading
/// zeros, words apart: "Quận 01" → "1", "TP. Hồ Chí Minh" → "ho chi minh".
pub fn unit_key(name: &str) -> String {
    let (folded, exact) = words(name);
    let (start, _) = strip(&folded, &exact, usize::MAX);
    folded[start..]
        .iter()
        .map(|w| number(w).unwrap_or_else(|| unify_iy(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many words at the start are type words (at most `max` of them), and
/// the type they name (the first): "Thành phố Thủ Đức" → 2, "thanh pho".
/// The last word always stays: "Phường 5" → "5", but "Xã" alone stays "xa".
fn strip(words: &[String], exact: &[String], max: usize) -> (usize, Option<&'static str>) {
    let (mut start, mut kind, mut taken) = (0, None, 0);
    'strip: loop {
        if taken == max {
            return (start, kind);
        }
        for prefix in TYPE_WORDS {
            let rest = &words[start..];
            let written = &exact[start..];
            if rest.len() > prefix.len()
                && rest.iter().zip(prefix.iter()).all(|(w, p)| w == p)
                && written
                    .iter()
                    .zip(rest)
                    .take(prefix.len())
                    .all(|(e, w)| is_type_spelling(e, w))
            {
                kind.get_or_insert(type_name(prefix));
                start += prefix.len();
                taken += 1;
                continue 'strip;
            }
        }
        return (start, kind);
    }
}

/// Whether a word written `exact` (folded `folded`) may be a type word: as
/// the type is spelt ("phường", "xã", "thị"), or without any marks
/// ("phuong", "tp"); "Phương" and "Quán" are names.
fn is_type_spelling(exact: &str, folded: &str) -> bool {
    exact == folded
        || matches!(
            exact,
            "thành" | "phố" | "thị" | "xã" | "trấn" | "đặc" | "tỉnh" | "quận" | "huyện" | "phường"
        )
}

/// A number without its leading zeros ("05" → "5"), or `None` for a word.
fn number(w: &str) -> Option<String> {
    w.chars()
        .all(|c| c.is_ascii_digit())
        .then(|| w.trim_start_matches('0'))
        .map(|t| if t.is_empty() { "0" } else { t }.to_owned())
}

pub(super) fn tier_of(part: &str) -> Option<Tier> {
    let (words, _) = words(part);
    let first: Vec<&str> = words.iter().take(2).map(String::as_str).collect();
    match first.as_slice() {
        ["tinh", ..] | ["t", ..] => Some(Tier::Province),
        ["quan", ..] | ["huyen", ..] | ["thi", "xa", ..] | ["q", ..] | ["h", ..] | ["tx", ..] => {
            Some(Tier::District)
        }
        ["phuong", ..]
        | ["xa", _, ..]
        | ["thi", "tran", ..]
        | ["p", ..]
        | ["x", ..]
        | ["tt", ..]
        | ["dac", "khu", ..] => Some(Tier::Ward),
        // "Thành phố" names provinces and (before 2025) provincial cities: either.
        _ => None,
    }
}

pub(super) fn may_be(part: &str, tier: Tier) -> bool {
    tier_of(part).is_none_or(|t| t == tier)
}

/// One typo apart, in a name long enough for that to mean anything.
pub(super) fn one_typo(a: &str, b: &str) -> bool {
    a != b && a.len() >= 6 && b.len() >= 6 && edit_distance_within(a, b, 1).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn unit_keys() {
        assert_eq!(unit_key("Quận 01"), "1");
        assert_eq!(unit_key("TP. Hồ Chí Minh"), "ho chi minh");
        assert_eq!(unit_key("Thành phố Hà Nội"), "ha noi");
        assert_eq!(unit_key("P. Bến Nghé"), "ben nghe");
        assert_eq!(unit_key("Xã"), "xa");
        assert_eq!(unit_key("Đặc khu Côn Đảo"), "con dao");
        assert_eq!(unit_key("Thị trấn Hưng Hà"), "hung ha");
    }

    #[test]
    fn keys_keep_the_type_and_the_marks() {
        let k = Key::new("TX. Long Khánh");
        assert_eq!(
            (k.folded.as_str(), k.exact.as_str(), k.kind),
            ("longkhanh", "longkhánh", Some("thi xa"))
        );
        let k = Key::new("q05");
        assert_eq!((k.folded.as_str(), k.kind), ("5", Some("quan")));
        assert!(Key::new("Tân Thạnh").marked);
        assert!(!Key::new("tan thanh").marked);
        assert!(Key::typed("P. Sa Pa", true).marked);
        // The i/y variants are one in `folded`, as typed in `raw`.
        let k = Key::new("Phường Vĩnh Mỹ");
        assert_eq!((k.folded.as_str(), k.raw.as_str()), ("vinhmi", "vinhmy"));
    }

    #[test]
    fn one_type_word_is_dropped_and_the_whole_is_kept() {
        let unit = Key::new("Phường Phương Liệt");
        assert_eq!(unit.folded, "phuongliet");
        assert!(Key::new("P. Phương Liệt").names(&unit));
        assert!(Key::new("phuong liet").names(&unit)); // no type typed
        assert!(!Key::new("Phường Liệt").names(&unit));
        assert_eq!(Key::new("Xã Quan Sơn").folded, "quanson");
        assert!(Key::new("quan son").names(&Key::new("Huyện Quan Sơn")));
    }

    #[test]
    fn typos() {
        assert!(one_typo("trunghieu", "trunghiep"));
        assert!(!one_typo("trunghieu", "trunghieu"));
        assert!(!one_typo("hue", "hua"));
    }

    proptest! {
        #[test]
        fn keys_never_panic_and_agree(s in "\\PC{0,60}") {
            let k = Key::new(&s);
            prop_assert_eq!(k.folded.is_empty(), unit_key(&s).is_empty() || unit_key(&s).chars().all(|c| c == ' '));
            let _ = tier_of(&s);
        }
    }
}
