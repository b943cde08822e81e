//! The outbox and the sync daemon.

use gocua_api::{ApiError, Ctx};

use crate::args::*;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    match command {
        Command::Sync { once, .. } => {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            let say = move |r: &gocua_api::dto::SyncReport| {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-sync-pass",
                        &[
                            ("sent", r.sent.to_string().into()),
                            ("retried", r.retried.to_string().into()),
                            ("quarantined", r.quarantined.to_string().into()),
                            ("changes", r.changes.to_string().into()),
                            ("offline", if r.offline { "yes" } else { "no" }.into()),
                        ]
                    )
                );
            };
            if once {
                let r = runtime.block_on(gocua_api::sync_now(ctx))?;
                say(&r);
            } else {
                // The same schedule as the window's: portal passes, the hub
                // when joined, the retention purge. A failed pass is told
                // (a database held by another process, a full disk, a portal
                // that answers nonsense) and tried again, never the end of
                // sending: it lives until stopped.
                let told = move |pass: Result<&gocua_api::dto::SyncReport, &ApiError>| match pass {
                    Ok(r) => say(r),
                    Err(e) => eprintln!(
                        "{}",
                        l10n.tr(
                            lang,
                            "cli-error",
                            &[("message", e.message(l10n, lang).into())]
                        )
                    ),
                };
                runtime.block_on(gocua_api::background::run(ctx, Some(Box::new(told))));
            }
        }
        Command::Outbox { retry } => {
            let o = if retry {
                gocua_api::outbox_retry(ctx)?
            } else {
                gocua_api::outbox_list(ctx)?
            };
            if json {
                return print_json(&o);
            }
            for i in &o.items {
                say!(
                    "{}  {:<11} {:<10} {}/{} B  {}  {}",
                    i.dossier,
                    i.state,
                    i.kind,
                    i.bytes_confirmed,
                    i.bytes_total,
                    i.procedure_name,
                    i.last_error.as_deref().unwrap_or("")
                );
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-outbox-summary",
                    &[
                        ("pending", o.pending.to_string().into()),
                        ("quarantined", o.quarantined.to_string().into()),
                        ("supplements", o.supplements.to_string().into()),
                    ]
                )
            );
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
