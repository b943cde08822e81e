//! gocua-i18n — every word a user reads, in Vietnamese first and English second.
//!
//! The Fluent files under the repository's `locales/<lang>/*.ftl` are the one
//! source of user-facing text for both Rust and the UI (which loads the same
//! files). This crate embeds them at build time and formats messages with
//! [`Localizer::tr`]. Vietnamese (`vi`) is the reference: a message missing in
//! another language falls back to Vietnamese, and the tests of this crate fail
//! when the languages disagree on message ids or when code anywhere in the
//! repository uses an id that does not exist.
//!
//! Other crates return error codes and data; hosts (the CLI, the desktop
//! shell, the UI) turn them into text through this crate, and gocua-api
//! words what people read whole (printed documents, the dossier view's
//! labels, the queue's failure wording, report exports) through it too.
//! Depends on gocua-core (for [`Language`]) and the Fluent crates only.

#![deny(missing_docs)]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use gocua_core::Language;
use include_dir::{Dir, include_dir};

/// The shared `locales/` folder, embedded.
static LOCALES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../locales");

/// A problem in the embedded translation files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A language has no folder under `locales/`.
    #[error("no translations for language {0}")]
    MissingLanguage(&'static str),
    /// A file is not valid UTF-8.
    #[error("{file} is not UTF-8")]
    NotUtf8 {
        /// The file, relative to `locales/`.
        file: String,
    },
    /// A file has Fluent syntax errors.
    #[error("{file}: Fluent syntax errors: {errors}")]
    Syntax {
        /// The file, relative to `locales/`.
        file: String,
        /// The parser's messages.
        errors: String,
    },
    /// Two files of one language define the same id.
    #[error("{file}: message {id} is defined twice")]
    Duplicate {
        /// The file with the second definition.
        file: String,
        /// The id defined twice.
        id: String,
    },
}

/// A value passed into a message (`{ $name }`).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A number, formatted and used for plural selection.
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Number(n)
    }
}

/// Formats messages in every supported language.
pub struct Localizer {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field(
                "languages",
                &self.bundles.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            )
            .finish()
    }
}

static GLOBAL: LazyLock<Result<Localizer, Error>> = LazyLock::new(Localizer::new);

impl Localizer {
    /// Builds bundles from the embedded `locales/` folder.
    pub fn new() -> Result<Self, Error> {
        let mut bundles = Vec::new();
        for lang in Language::ALL {
            bundles.push((lang, build_bundle(lang)?));
        }
        Ok(Localizer { bundles })
    }

    /// The process-wide localizer. The embedded files are checked by this
    /// crate's tests, so the error case is a build defect; it is still
    /// returned, not panicked on, so a host can report it.
    pub fn global() -> Result<&'static Localizer, Error> {
        GLOBAL.as_ref().map_err(Clone::clone)
    }

    /// Formats message `id` in `lang` with `args`. Falls back to Vietnamese,
    /// then to the id itself, so a missing translation is visible but never
    /// fatal.
    pub fn tr(&self, lang: Language, id: &str, args: &[(&str, Arg)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut fa = FluentArgs::new();
            for (name, value) in args {
                match value {
                    Arg::Text(s) => fa.set(*name, FluentValue::from(s.as_str())),
                    Arg::Number(n) => fa.set(*name, FluentValue::from(*n)),
                }
            }
            fa
        });
        for candidate in [lang, Language::Vi] {
            let Some(bundle) = self.bundle(candidate) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, fluent_args.as_ref(), &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }

    /// True when `lang` itself (no fallback) has a message `id` with a value.
    pub fn has(&self, lang: Language, id: &str) -> bool {
        self.bundle(lang)
            .and_then(|b| b.get_message(id))
            .is_some_and(|m| m.value().is_some())
    }

    fn bundle(&self, lang: Language) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, b)| b)
    }
}

/// An instant as every screen, printout and the hub's dashboard show it:
/// `dd/mm/yyyy HH:MM`, Vietnam time (UTC+7), whatever the system's locale.
pub fn format_instant(at: time::OffsetDateTime) -> String {
    let v = at.to_offset(time::macros::offset!(+7));
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        v.day(),
        u8::from(v.month()),
        v.year(),
        v.hour(),
        v.minute()
    )
}

/// An amount of money (đồng) with the digit grouping of `lang`:
/// `135.000` in Vietnamese, `135,000` in English.
pub fn format_amount(amount: u64, lang: Language) -> String {
    let sep = match lang {
        Language::Vi => '.',
        Language::En => ',',
    };
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The `.ftl` files of one language as (path relative to `locales/`, text).
pub fn sources(lang: Language) -> Result<Vec<(String, &'static str)>, Error> {
    let dir = LOCALES
        .get_dir(lang.code())
        .ok_or(Error::MissingLanguage(lang.code()))?;
    let mut files = Vec::new();
    for file in dir.files() {
        if file.path().extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let name = file.path().display().to_string();
        let text = file
            .contents_utf8()
            .ok_or_else(|| Error::NotUtf8 { file: name.clone() })?;
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

/// Every message id (not terms) defined for `lang`.
pub fn message_ids(lang: Language) -> Result<BTreeSet<String>, Error> {
    let mut ids = BTreeSet::new();
    for (file, text) in sources(lang)? {
        let resource = parse(&file, text)?;
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry
                && !ids.insert(m.id.name.to_owned())
            {
                return Err(Error::Duplicate {
                    file,
                    id: m.id.name.to_owned(),
                });
            }
        }
    }
    Ok(ids)
}

fn parse(file: &str, text: &'static str) -> Result<FluentResource, Error> {
    FluentResource::try_new(text.to_owned()).map_err(|(_, errors)| Error::Syntax {
        file: file.to_owned(),
        errors: errors
            .iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

fn build_bundle(lang: Language) -> Result<FluentBundle<FluentResource>, Error> {
    let langid: unic_langid::LanguageIdentifier = match lang {
        Language::Vi => unic_langid::langid!("vi"),
        Language::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks: our text is all left-to-right and the marks
    // would end up in terminals, PDFs and copied values.
    bundle.set_use_isolating(false);
    for (file, text) in sources(lang)? {
        let resource = parse(&file, text)?;
        bundle
            .add_resource(resource)
            .map_err(|errors| Error::Duplicate {
                file: file.clone(),
                id: errors.first().map(|e| format!("{e:?}")).unwrap_or_default(),
            })?;
    }
    Ok(bundle)
}

#[cfg(test)]
mod tests;
