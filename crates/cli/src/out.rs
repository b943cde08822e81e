//! Output: the language and translations, `--json`, and the helpers every
//! command prints with.

use gocua_api::ApiError;
use gocua_api::dto::LocalTextDto;
use gocua_core::Language;
use gocua_i18n::Localizer;

/// Where and how a command prints.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Out<'a> {
    /// The language of text output.
    pub lang: Language,
    /// Translations.
    pub l10n: &'a Localizer,
    /// JSON instead of text (the global `--json`).
    pub json: bool,
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), ApiError> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    say!("{text}");
    Ok(())
}

pub(crate) fn local(text: &LocalTextDto, lang: Language) -> &str {
    match (lang, &text.en) {
        (Language::En, Some(en)) => en,
        _ => &text.vi,
    }
}

pub(crate) fn money(amount: Option<u32>, lang: Language, l10n: &Localizer) -> String {
    match amount {
        Some(0) => l10n.tr(lang, "fee-free", &[]),
        Some(v) => l10n.tr(
            lang,
            "fee-amount",
            &[(
                "amount",
                gocua_i18n::format_amount(u64::from(v), lang).into(),
            )],
        ),
        None => l10n.tr(lang, "fee-unverified", &[]),
    }
}

/// All of standard input (a request or a scanned line piped in).
pub(crate) fn read_stdin() -> Result<String, ApiError> {
    let mut buf = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut buf).map_err(|e| {
        ApiError::Unreadable {
            path: "stdin".into(),
            detail: e.to_string(),
        }
    })?;
    Ok(buf)
}
