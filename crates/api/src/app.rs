//! The app itself: its information, the interface language, the portal
//! address, probing the portal, and verifying the audit chain.

use gocua_core::Language;
use gocua_store::SettingKey;

use crate::ctx::parse_portal_url;
use crate::dto::{AppInfo, ProbeResult, SetLanguage, SetPortalUrl};
use crate::{ApiError, Ctx, Result};

/// Facts about this installation: version, where data lives, schema version,
/// portal and language.
pub fn app_info(ctx: &Ctx) -> Result<AppInfo> {
    let (portal, portal_url_is_default) = ctx.portal_url()?;
    let store = ctx.store()?;
    let schema_version = store.schema_version()?;
    let database = store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    drop(store);
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: ctx.data_dir().display().to_string(),
        database,
        schema_version: i32::try_from(schema_version)
            .map_err(|_| ApiError::Internal(format!("schema version {schema_version}")))?,
        portal_insecure: portal.is_insecure(),
        portal_url: portal.to_string(),
        portal_url_is_default,
        language: ctx.language().into(),
        consent_text_version: gocua_core::visit::CONSENT_TEXT_VERSION.to_owned(),
    })
}

/// Changes the interface language and remembers it.
pub fn set_language(ctx: &Ctx, req: SetLanguage) -> Result<AppInfo> {
    let lang: Language = req
        .language
        .parse()
        .map_err(|_| ApiError::InvalidLanguage(req.language.clone()))?;
    {
        let mut store = ctx.store()?;
        let w = store.write()?;
        let mut tx = w.settings();
        tx.set(SettingKey::Language, lang.code())?;
        w.commit()?;
    }
    ctx.remember_language(lang);
    tracing::info!(language = lang.code(), "interface language changed");
    app_info(ctx)
}

/// Changes the portal dossiers are sent to; an empty URL restores the default.
pub fn set_portal_url(ctx: &Ctx, req: SetPortalUrl) -> Result<AppInfo> {
    let trimmed = req.url.trim();
    {
        let mut store = ctx.store()?;
        let w = store.write()?;
        let mut tx = w.settings();
        if trimmed.is_empty() {
            tx.unset(SettingKey::PortalUrl)?;
        } else {
            let url = parse_portal_url(trimmed, ctx.allow_insecure_portal())?;
            tx.set(SettingKey::PortalUrl, url.as_str())?;
        }
        w.commit()?;
    }
    app_info(ctx)
}

/// Sets how citizens reach the team (printed on checklists); empty clears it.
pub fn set_team_contact(ctx: &Ctx, contact: &str) -> Result<()> {
    let contact = contact.trim();
    if contact.chars().count() > 200 {
        return Err(ApiError::InvalidValue {
            field: "team_contact".into(),
            value: contact.chars().take(20).collect(),
        });
    }
    let mut store = ctx.store()?;
    let w = store.write()?;
    let mut tx = w.settings();
    if contact.is_empty() {
        tx.unset(SettingKey::TeamContact)?;
    } else {
        tx.set(SettingKey::TeamContact, contact)?;
    }
    w.commit()?;
    Ok(())
}

/// Recomputes the audit chain and reports the first broken link.
pub fn audit_verify(ctx: &Ctx) -> Result<crate::dto::AuditReport> {
    use gocua_store::Verification;
    Ok(match ctx.store()?.audit().verify()? {
        Verification::Intact { rows } => crate::dto::AuditReport {
            intact: true,
            rows,
            broken_seq: None,
            reason: None,
        },
        Verification::Broken { seq, reason } => crate::dto::AuditReport {
            intact: false,
            rows: 0,
            broken_seq: Some(seq),
            reason: Some(reason.to_owned()),
        },
    })
}

/// Probes the configured portal once.
pub async fn probe_portal(ctx: &Ctx) -> Result<ProbeResult> {
    let (portal, _) = ctx.portal_url()?;
    let connectivity = ctx.prober().probe(&portal).await;
    Ok(ProbeResult {
        portal_url: portal.to_string(),
        connectivity: connectivity.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dto::{ConnectivityDto, LanguageCode};
    use crate::{CtxOptions, ErrorCode};

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn ctx_in(dir: &std::path::Path) -> Result<Ctx> {
        Ctx::open(CtxOptions::for_tests(dir))
    }

    #[test]
    fn app_info_of_a_fresh_data_dir() -> TestResult {
        let dir = tempfile::tempdir()?;
        let info = app_info(&ctx_in(dir.path())?)?;
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(info.data_dir, dir.path().display().to_string());
        assert!(info.database.ends_with(gocua_store::DB_FILE_NAME));
        assert_eq!(
            i64::from(info.schema_version),
            gocua_store::latest_schema_version()
        );
        assert_eq!(info.language, LanguageCode::Vi);
        assert!(info.portal_url_is_default);
        assert_eq!(info.portal_url, gocua_sync::PortalUrl::SANDBOX_DEFAULT);
        Ok(())
    }

    #[test]
    fn language_is_remembered_across_restarts() -> TestResult {
        let dir = tempfile::tempdir()?;
        let info = set_language(
            &ctx_in(dir.path())?,
            SetLanguage {
                language: "en-US".into(),
            },
        )?;
        assert_eq!(info.language, LanguageCode::En);
        // A new context on the same directory is a restarted app.
        assert_eq!(app_info(&ctx_in(dir.path())?)?.language, LanguageCode::En);
        Ok(())
    }

    #[test]
    fn bad_language_is_refused_and_changes_nothing() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx_in(dir.path())?;
        set_language(
            &ctx,
            SetLanguage {
                language: "en".into(),
            },
        )?;
        let err = set_language(
            &ctx,
            SetLanguage {
                language: "klingon".into(),
            },
        )
        .err()
        .ok_or("accepted klingon")?;
        assert_eq!(err.code(), ErrorCode::InvalidLanguage);
        assert_eq!(err.message_args(), vec![("value", "klingon".to_owned())]);
        assert_eq!(app_info(&ctx)?.language, LanguageCode::En);
        Ok(())
    }

    #[test]
    fn portal_url_set_normalised_refused_and_reset() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx_in(dir.path())?;
        let info = set_portal_url(
            &ctx,
            SetPortalUrl {
                url: " https://lgsp.example.vn/gw ".into(),
            },
        )?;
        assert_eq!(info.portal_url, "https://lgsp.example.vn/gw/");
        assert!(!info.portal_url_is_default);

        let err = set_portal_url(
            &ctx,
            SetPortalUrl {
                url: "dichvucong".into(),
            },
        )
        .err()
        .ok_or("accepted a non-URL")?;
        assert_eq!(err.code(), ErrorCode::InvalidPortalUrl);
        assert_eq!(app_info(&ctx)?.portal_url, "https://lgsp.example.vn/gw/");

        // Plain http to another machine is refused, with its own reason.
        let err = set_portal_url(
            &ctx,
            SetPortalUrl {
                url: "http://portal.example.vn".into(),
            },
        )
        .err()
        .ok_or("accepted plain http to another machine")?;
        assert_eq!(err.code(), ErrorCode::InvalidPortalUrl);
        assert!(
            err.message_args()
                .contains(&("reason", "insecure".to_owned()))
        );
        let info = set_portal_url(
            &ctx,
            SetPortalUrl {
                url: "http://127.0.0.1:8787".into(),
            },
        )?;
        assert!(!info.portal_insecure);

        let info = set_portal_url(&ctx, SetPortalUrl { url: "  ".into() })?;
        assert!(info.portal_url_is_default);
        Ok(())
    }

    #[test]
    fn the_training_override_allows_http_elsewhere_and_says_so() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut opts = CtxOptions::for_tests(dir.path());
        opts.allow_insecure_portal = true;
        let ctx = Ctx::open(opts)?;
        let info = set_portal_url(
            &ctx,
            SetPortalUrl {
                url: "http://192.168.1.10:8787".into(),
            },
        )?;
        assert!(info.portal_insecure);
        drop(ctx);
        // Without the override the saved plain-http URL is not used.
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let info = app_info(&ctx)?;
        assert!(!info.portal_insecure);
        assert!(info.portal_url_is_default);
        Ok(())
    }

    #[tokio::test]
    async fn probe_follows_the_configured_portal() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = ctx_in(dir.path())?;

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/", listener.local_addr()?);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(gocua_portal::launch(listener, async {
            let _ = stopped.await;
        }));

        set_portal_url(&ctx, SetPortalUrl { url: url.clone() })?;
        let result = probe_portal(&ctx).await?;
        assert_eq!(result.portal_url, url);
        assert_eq!(result.connectivity, ConnectivityDto::Online);

        let _ = stop.send(());
        server.await??;
        assert_eq!(
            probe_portal(&ctx).await?.connectivity,
            ConnectivityDto::Offline
        );
        Ok(())
    }

    /// A wrong value is named in words: the message never shows the
    /// program's own field names ("portal_code", "guide_progress"), and an
    /// empty value asks for one to be typed.
    #[test]
    fn invalid_values_never_show_internal_field_names() -> TestResult {
        let l = gocua_i18n::Localizer::new()?;
        let fields = [
            "portal_code",
            "team_contact",
            "guide_progress",
            "report_format",
            "public_key",
            "retention_days",
            "dossier_state",
        ];
        for lang in Language::ALL {
            for field in fields {
                for value in ["", "abc"] {
                    let e = ApiError::InvalidValue {
                        field: field.into(),
                        value: value.into(),
                    };
                    let text = e.message(&l, lang);
                    assert!(!text.contains(field), "{lang} {field}: {text}");
                    assert!(!text.contains('{') && !text.is_empty(), "{lang}: {text}");
                    if !value.is_empty() {
                        assert!(text.contains(value), "{lang}: the value is quoted: {text}");
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn every_error_code_has_a_message_in_every_language() -> TestResult {
        let l = gocua_i18n::Localizer::new()?;
        for code in ErrorCode::ALL {
            for lang in Language::ALL {
                assert!(
                    l.has(lang, code.message_id()),
                    "{lang}: no {}",
                    code.message_id()
                );
            }
        }
        Ok(())
    }
}
