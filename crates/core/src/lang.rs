//! The languages of the user interface.
//!
//! Vietnamese is the default and the reference language: every message exists
//! in Vietnamese first, English is the second language.

use std::fmt;
use std::str::FromStr;

/// A language the interface can be shown in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Tiếng Việt — the default and reference language.
    #[default]
    Vi,
    /// English.
    En,
}

impl Language {
    /// Every supported language, default first.
    pub const ALL: [Language; 2] = [Language::Vi, Language::En];

    /// The BCP 47 tag, also the folder name under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text did not name a supported language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}; expected one of: vi, en")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Accepts a bare code or a regional tag in any case (`vi`, `VI`, `vi-VN`,
    /// `en_US`), so values from settings files and the environment work alike.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "vi" => Ok(Language::Vi),
            "en" => Ok(Language::En),
            _ => Err(UnknownLanguage(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[track_caller]
    fn check(input: &str, expect: Option<Language>) {
        assert_eq!(input.parse::<Language>().ok(), expect, "input {input:?}");
    }

    #[test]
    fn parses_codes_and_regional_tags() {
        check("vi", Some(Language::Vi));
        check(" VI ", Some(Language::Vi));
        check("vi-VN", Some(Language::Vi));
        check("en_US", Some(Language::En));
        check("EN", Some(Language::En));
        check("fr", None);
        check("", None);
        check("vie", None);
    }

    #[test]
    fn default_is_vietnamese() {
        assert_eq!(Language::default(), Language::Vi);
        assert_eq!(Language::ALL[0], Language::Vi);
    }

    proptest! {
        #[test]
        fn code_round_trips(idx in 0usize..2) {
            let lang = Language::ALL[idx];
            prop_assert_eq!(lang.code().parse::<Language>(), Ok(lang));
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = s.parse::<Language>();
        }
    }
}
