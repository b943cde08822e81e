//! Vietnamese text folding: what makes "doi bang lai" find "Đổi bằng lái".
//!
//! Citizens and volunteers type without diacritics, with some diacritics, in
//! NFC or NFD (macOS and some keyboards), with `Đ` or `D`, and with both
//! spellings of the i/y variants (`kí`/`ký`, `lí`/`lý`, `quí`/`quý`). [`fold`]
//! maps all of these to one lowercase ASCII form; [`tokens`] splits folded
//! text into words. Both are pure and allocation-light.

use unicode_normalization::UnicodeNormalization;

/// Lowercases, removes tone and vowel marks (NFC or NFD input), maps
/// `đ`/`Đ` to `d`, and turns every run of characters that are not letters or
/// digits into one space. The result is ASCII for Vietnamese input (other
/// scripts pass through lowercased), trimmed, with single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Folded words of `text`, with the i/y spelling variants unified
/// (see [`unify_iy`]).
pub fn tokens(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(unify_iy)
        .collect()
}

/// Vietnamese writes some syllables with a final `i` or `y` interchangeably
/// (`kí`/`ký`, `lí`/`lý`, `mĩ`/`mỹ`, `quí`/`quý`). Maps a folded syllable to
/// one spelling: a final `y` after a consonant becomes `i`, and `qui`
/// becomes `quy`. Syllables where `y` follows a vowel (`tay`, `uy`, `chay`)
/// are left alone, as they are different words.
pub fn unify_iy(token: &str) -> String {
    if token == "qui" {
        return "quy".to_owned();
    }
    let bytes = token.as_bytes();
    if bytes.len() >= 2 && bytes[bytes.len() - 1] == b'y' {
        let before = bytes[bytes.len() - 2];
        if before.is_ascii_alphabetic() && !b"aeiouy".contains(&before) {
            let mut s = token[..token.len() - 1].to_owned();
            s.push('i');
            return s;
        }
    }
    token.to_owned()
}

/// True when `text` carries any Vietnamese tone or vowel mark (or `đ`).
pub fn has_diacritics(text: &str) -> bool {
    text.nfd()
        .any(|c| is_combining_mark(c) || c == 'đ' || c == 'Đ')
}

/// Lowercase NFC words of `text`, diacritics kept: to tell an exact match
/// ("bằng") from a folded one ("bang" ~ "băng").
pub fn exact_words(text: &str) -> Vec<String> {
    text.nfc()
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    // Combining Diacritical Marks: every Vietnamese tone and vowel mark
    // decomposes into this block.
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Damerau–Levenshtein distance (optimal string alignment) between two ASCII
/// or Unicode words, giving up early once it exceeds `max`: returns
/// `None` when the distance is greater than `max`.
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        assert_eq!(fold(input), expect, "fold({input:?})");
    }

    #[test]
    fn folds_vietnamese() {
        check("Đổi bằng lái", "doi bang lai");
        check("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh");
        check("  nhập   khẩu,cho con! ", "nhap khau cho con");
        check("Giấy phép lái xe (GPLX)", "giay phep lai xe gplx");
        check("Phường Bến Nghé, Quận 1", "phuong ben nghe quan 1");
        check("", "");
        check("—", "");
    }

    #[test]
    fn nfd_and_nfc_fold_alike() {
        let nfc = "Đăng ký thường trú";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(fold(nfc), fold(&nfd));
    }

    #[test]
    fn i_and_y_variants_meet() {
        assert_eq!(tokens("đăng kí"), tokens("đăng ký"));
        assert_eq!(tokens("lí lịch"), tokens("lý lịch"));
        assert_eq!(tokens("quí"), tokens("quý"));
        assert_eq!(tokens("hủy"), vec!["huy"]); // y after a vowel stays
        assert_eq!(tokens("tay"), vec!["tay"]);
    }

    #[test]
    fn diacritics_detection() {
        assert!(has_diacritics("bằng"));
        assert!(has_diacritics("Đa"));
        assert!(!has_diacritics("bang lai"));
        assert_eq!(exact_words("Bằng LÁI, xe"), vec!["bằng", "lái", "xe"]);
    }

    #[test]
    fn edit_distance() {
        assert_eq!(edit_distance_within("bang", "bang", 1), Some(0));
        assert_eq!(edit_distance_within("bnag", "bang", 1), Some(1)); // transposition
        assert_eq!(edit_distance_within("thuong", "thuonh", 1), Some(1));
        assert_eq!(edit_distance_within("sinh", "sin", 1), Some(1));
        assert_eq!(edit_distance_within("khai", "khau", 0), None);
        assert_eq!(edit_distance_within("abc", "xyz", 2), None);
        assert_eq!(edit_distance_within("", "ab", 2), Some(2));
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_and_ascii_for_vietnamese(
            s in "[a-zA-Z0-9 àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂĐĨŨƠƯ,.;!?-]{0,64}"
        ) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
            prop_assert!(once.is_ascii());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
        }

        #[test]
        fn fold_never_panics(s in "\\PC*") {
            let _ = tokens(&s);
            let _ = has_diacritics(&s);
        }

        #[test]
        fn nfd_input_folds_like_nfc(s in "\\PC{0,40}") {
            let nfd: String = s.nfd().collect();
            prop_assert_eq!(fold(&s), fold(&nfd));
        }

        #[test]
        fn edit_distance_is_symmetric_and_bounded(a in "[a-z]{0,8}", b in "[a-z]{0,8}") {
            let ab = edit_distance_within(&a, &b, 3);
            prop_assert_eq!(ab, edit_distance_within(&b, &a, 3));
            if a == b { prop_assert_eq!(ab, Some(0)); }
        }
    }
}
