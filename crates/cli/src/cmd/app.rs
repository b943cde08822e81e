//! The app itself: `call` and `commands` (any declared command by name),
//! information, the portal probe, settings and the audit chain.

use gocua_api::dto::*;
use gocua_api::surface::Door;
use gocua_api::{ApiError, Ctx};
use gocua_core::Language;
use gocua_i18n::Arg;

use crate::args::*;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    let line = |id: &str, value: String| l10n.tr(lang, id, &[("value", value.into())]);
    match command {
        Command::Call { name, req } => {
            let req = match req.as_deref() {
                None => serde_json::Value::Null,
                Some(text) => {
                    let text = if text == "-" {
                        read_stdin()?
                    } else {
                        text.to_owned()
                    };
                    serde_json::from_str(&text).map_err(|e| ApiError::InvalidValue {
                        field: "req".into(),
                        value: e.to_string(),
                    })?
                }
            };
            let out = match gocua_api::surface::find(&name) {
                Some(c) if c.is_async => tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| ApiError::Internal(e.to_string()))?
                    .block_on(gocua_api::surface::call_async(ctx, Door::Cli, &name, req))?,
                _ => gocua_api::surface::call(ctx, Door::Cli, &name, req)?,
            };
            return print_json(&out);
        }
        Command::Commands => {
            for c in gocua_api::surface::COMMANDS {
                say!("{}\t{:?}", c.name, c.access);
            }
        }
        Command::Info => {
            let info = gocua_api::app_info(ctx)?;
            if json {
                return print_json(&info);
            }
            say!("{}", line("cli-info-version", info.version.clone()));
            say!("{}", line("cli-info-data-dir", info.data_dir.clone()));
            say!("{}", line("cli-info-database", info.database.clone()));
            say!(
                "{}",
                line("cli-info-schema", info.schema_version.to_string())
            );
            let portal_id = match info.portal_url_is_default {
                true => "cli-info-portal-default",
                false => "cli-info-portal",
            };
            say!(
                "{}",
                l10n.tr(
                    lang,
                    portal_id,
                    &[("value", info.portal_url.clone().into())]
                )
            );
            let lang_name = match Language::from(info.language) {
                Language::Vi => l10n.tr(lang, "language-vi", &[]),
                Language::En => l10n.tr(lang, "language-en", &[]),
            };
            say!("{}", line("cli-info-language", lang_name));
        }
        Command::Probe => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            let result = runtime.block_on(gocua_api::probe_portal(ctx))?;
            if json {
                return print_json(&result);
            }
            let id = match result.connectivity {
                ConnectivityDto::Online => "cli-probe-online",
                ConnectivityDto::Offline => "cli-probe-offline",
                ConnectivityDto::Incompatible => "cli-probe-incompatible",
            };
            say!(
                "{}",
                l10n.tr(lang, id, &[("url", result.portal_url.into())])
            );
        }
        Command::Config(ConfigCommand::Language { language }) => {
            gocua_api::set_language(ctx, SetLanguage { language })?;
            let lang = ctx.language();
            say!("{}", l10n.tr(lang, "cli-config-saved", &[]));
        }
        Command::Audit(AuditCommand::Verify) => {
            let report = gocua_api::audit_verify(ctx)?;
            if json {
                print_json(&report)?;
            } else if report.intact {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-audit-intact",
                        &[("rows", Arg::from(report.rows))]
                    )
                );
            } else {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-audit-broken",
                        &[
                            ("seq", Arg::from(report.broken_seq.unwrap_or_default())),
                            ("reason", report.reason.clone().unwrap_or_default().into()),
                        ]
                    )
                );
            }
            if !report.intact {
                return Err(ApiError::AuditBroken);
            }
            if !json {
                crate::cmd::hub::check_anchor(ctx, o)?;
            }
        }
        Command::Config(ConfigCommand::TeamContact { contact }) => {
            gocua_api::set_team_contact(ctx, &contact)?;
            say!("{}", l10n.tr(lang, "cli-config-saved", &[]));
        }
        Command::Config(ConfigCommand::PortalUrl { url }) => {
            gocua_api::set_portal_url(ctx, SetPortalUrl { url })?;
            say!("{}", l10n.tr(lang, "cli-config-saved", &[]));
        }
        other => {
            return Err(ApiError::Internal(format!(
                "not a {} command: {other:?}",
                module_path!()
            )));
        }
    }
    Ok(())
}
