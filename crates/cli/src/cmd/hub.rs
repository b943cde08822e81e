//! The team hub: join, status, sync, leave.

use gocua_api::dto::HubJoin;
use gocua_api::{ApiError, Ctx};
use gocua_i18n::Arg;

use crate::args::*;
use crate::out::*;

fn runtime() -> Result<tokio::runtime::Runtime, ApiError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ApiError::Internal(e.to_string()))
}

fn print_status(s: &gocua_api::dto::HubStatus, o: &Out<'_>) {
    let (lang, l10n) = (o.lang, o.l10n);
    if !s.joined {
        say!("{}", l10n.tr(lang, "cli-hub-not-joined", &[]));
        return;
    }
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let when = |v: &Option<String>| v.as_deref().map(gocua_api::clock::show_stamp);
    say!(
        "{}",
        l10n.tr(
            lang,
            "cli-hub-status",
            &[
                ("url", text(&s.url).into()),
                ("team", text(&s.team_name).into()),
                ("device", text(&s.device_id).into()),
                ("joined", when(&s.joined_at).unwrap_or_default().into()),
                (
                    "last",
                    when(&s.last_sync_at)
                        .unwrap_or_else(|| l10n.tr(lang, "cli-never", &[]))
                        .into()
                ),
                ("pending", Arg::from(u64::from(s.pending))),
            ]
        )
    );
    if let Some(at) = &s.revoked_at {
        say!(
            "{}",
            l10n.tr(
                lang,
                "cli-hub-revoked",
                &[("at", gocua_api::clock::show_stamp(at).into())]
            )
        );
    }
    if let Some(e) = &s.last_error {
        say!(
            "{}",
            l10n.tr(lang, "cli-hub-last-error", &[("error", e.clone().into())])
        );
    }
}

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    let Command::Hub(command) = command else {
        return Err(ApiError::Internal("not a hub command".into()));
    };
    match command {
        HubCommand::Join { code, name } => {
            let code = match code {
                Some(c) => c,
                None => read_stdin()?,
            };
            let s = runtime()?.block_on(gocua_api::hub_join(ctx, HubJoin { code, name }))?;
            if json {
                return print_json(&s);
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-hub-joined",
                    &[
                        ("team", s.team_name.clone().unwrap_or_default().into()),
                        ("url", s.url.clone().unwrap_or_default().into()),
                    ]
                )
            );
            print_status(&s, o);
        }
        HubCommand::Status => {
            let s = gocua_api::hub_status(ctx)?;
            if json {
                return print_json(&s);
            }
            print_status(&s, o);
        }
        HubCommand::Sync => {
            let r = runtime()?.block_on(gocua_api::hub_sync(ctx))?;
            if json {
                return print_json(&r);
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-hub-synced",
                    &[
                        ("stored", Arg::from(u64::from(r.stored))),
                        ("duplicates", Arg::from(u64::from(r.duplicates))),
                        ("pending", Arg::from(u64::from(r.pending))),
                    ]
                )
            );
            if r.catalogue_installed > 0 || r.catalogue_refused > 0 {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-hub-catalogue",
                        &[
                            ("installed", Arg::from(u64::from(r.catalogue_installed))),
                            ("refused", Arg::from(u64::from(r.catalogue_refused))),
                        ]
                    )
                );
            }
            if r.handovers_waiting > 0 {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-hub-handovers-waiting",
                        &[("count", Arg::from(u64::from(r.handovers_waiting)))]
                    )
                );
            }
            if r.anchor_matches == Some(false) {
                return Err(ApiError::AuditBroken);
            }
        }
        HubCommand::Leave => {
            let s = gocua_api::hub_leave(ctx)?;
            if json {
                return print_json(&s);
            }
            say!("{}", l10n.tr(lang, "cli-hub-left", &[]));
        }
        HubCommand::Devices => {
            let devices = runtime()?.block_on(gocua_api::handover::hub_devices(ctx))?;
            if json {
                return print_json(&devices);
            }
            if devices.is_empty() {
                say!("{}", l10n.tr(lang, "cli-hub-no-devices", &[]));
            }
            for d in devices {
                let last = d
                    .last_seen
                    .unwrap_or_else(|| l10n.tr(lang, "cli-never", &[]));
                say!("{}  {}  ({})", d.device_id, d.name, last);
            }
        }
        HubCommand::Roster => {
            let roster = gocua_api::hub::hub_roster(ctx)?;
            if json {
                return print_json(&roster);
            }
            match roster {
                None => say!("{}", l10n.tr(lang, "cli-hub-no-roster", &[])),
                Some(r) => {
                    for m in r.members {
                        say!(
                            "{}",
                            l10n.tr(
                                lang,
                                "cli-hub-roster-member",
                                &[("name", m.name.into()), ("role", m.role.as_str().into())]
                            )
                        );
                    }
                }
            }
        }
        HubCommand::Handover(command) => handover(ctx, command, o)?,
    }
    Ok(())
}

fn handover(ctx: &Ctx, command: HandoverCommand, o: &Out<'_>) -> Result<(), ApiError> {
    use gocua_api::dto::{DossierRef, HandoverRef, HandoverSendRequest};
    use gocua_api::handover as h;
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    let rt = runtime()?;
    match command {
        HandoverCommand::Send {
            dossier,
            to,
            citizen_agreed,
        } => {
            let item = rt.block_on(h::handover_send(
                ctx,
                HandoverSendRequest {
                    dossier_id: dossier,
                    to_device: to,
                    citizen_agreed,
                },
            ))?;
            if json {
                return print_json(&item);
            }
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-handover-sent",
                    &[("to", item.peer_name.into()), ("id", item.id.into())]
                )
            );
        }
        HandoverCommand::Inbox => {
            let inbox = rt.block_on(h::handover_inbox(ctx))?;
            if json {
                return print_json(&inbox);
            }
            if inbox.incoming.is_empty() {
                say!("{}", l10n.tr(lang, "cli-handover-none", &[]));
            }
            for i in &inbox.incoming {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-handover-incoming",
                        &[
                            ("id", i.id.clone().into()),
                            ("procedure", i.procedure_name.clone().into()),
                            ("citizen", i.citizen_name.clone().unwrap_or_default().into()),
                            ("from", i.from_name.clone().into()),
                            ("by", i.sent_by.clone().into()),
                            ("at", i.sent_at.clone().into()),
                            ("papers", Arg::from(u64::from(i.papers))),
                        ]
                    )
                );
            }
            for r in &inbox.recent {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-handover-recent",
                        &[
                            ("outgoing", r.outgoing.to_string().into()),
                            ("state", r.state.as_str().into()),
                            ("procedure", r.procedure_name.clone().into()),
                            ("peer", r.peer_name.clone().into()),
                            ("at", r.at.clone().into()),
                            ("dossier", r.dossier_id.clone().into()),
                        ]
                    )
                );
            }
        }
        HandoverCommand::Accept { id } => {
            let v = rt.block_on(h::handover_accept(ctx, HandoverRef { id }))?;
            if json {
                return print_json(&v);
            }
            say!(
                "{}",
                l10n.tr(lang, "cli-handover-accepted", &[("dossier", v.id.into())])
            );
        }
        HandoverCommand::Decline { id } => {
            let inbox = rt.block_on(h::handover_decline(ctx, HandoverRef { id }))?;
            if json {
                return print_json(&inbox);
            }
            say!("{}", l10n.tr(lang, "cli-handover-declined", &[]));
        }
        HandoverCommand::Reclaim { dossier } => {
            let v = rt.block_on(h::handover_reclaim(ctx, DossierRef { id: dossier }))?;
            if json {
                return print_json(&v);
            }
            say!(
                "{}",
                l10n.tr(lang, "cli-handover-reclaimed", &[("dossier", v.id.into())])
            );
        }
    }
    Ok(())
}

/// After a local audit check: when enrolled, the chain against the hub's
/// anchor. `Err(AuditBroken)` when it no longer matches.
pub(crate) fn check_anchor(ctx: &Ctx, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n) = (o.lang, o.l10n);
    match runtime()?.block_on(gocua_api::hub::hub_anchor_check(ctx)) {
        Ok(None) => {
            if gocua_api::hub_status(ctx)?.joined {
                say!("{}", l10n.tr(lang, "cli-audit-anchor-none", &[]));
            }
            Ok(())
        }
        Ok(Some(c)) if c.matches => {
            say!(
                "{}",
                l10n.tr(lang, "cli-audit-anchor-ok", &[("seq", Arg::from(c.seq))])
            );
            Ok(())
        }
        Ok(Some(c)) => {
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-audit-anchor-mismatch",
                    &[("seq", Arg::from(c.seq))]
                )
            );
            Err(ApiError::AuditBroken)
        }
        // The local check stands; the hub could not be asked.
        Err(e) => {
            eprintln!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-audit-anchor-unreachable",
                    &[("message", e.message(l10n, lang).into())]
                )
            );
            Ok(())
        }
    }
}
