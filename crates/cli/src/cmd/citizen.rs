//! ID cards, citizens (list, show, export, erase, receipt) and the
//! retention purge.

use gocua_api::clock::show_stamp;
use gocua_api::dto::*;
use gocua_api::{ApiError, Ctx};
use gocua_i18n::Arg;

use crate::args::*;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    let line = |id: &str, value: String| l10n.tr(lang, id, &[("value", value.into())]);
    match command {
        Command::Cccd(CccdCommand::Parse { text }) => {
            let text = match text {
                Some(t) => t,
                None => read_stdin()?,
            };
            let check = gocua_api::cccd_parse(ctx, CccdParse { text })?;
            if json {
                return print_json(&check.card);
            }
            let c = &check.card;
            for (id, value) in [
                ("cli-cccd-id", c.id.clone()),
                (
                    "cli-cccd-old-id",
                    c.old_id.clone().unwrap_or_else(|| "—".into()),
                ),
                ("cli-cccd-name", c.name.clone()),
                ("cli-cccd-birth", show_stamp(&c.birth_date)),
                ("cli-cccd-sex", c.sex.clone()),
                ("cli-cccd-address", c.address.clone()),
                ("cli-cccd-issue", show_stamp(&c.issue_date)),
            ] {
                say!("{}", line(id, value));
            }
            if let Some(a) = check
                .address
                .as_ref()
                .and_then(|a| a.new.first().map(|n| (a, n)))
            {
                let (conv, n) = a;
                let full = [conv.line.as_str(), &n.commune.name, &n.province.name]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                say!("{}", line("cli-cccd-new-address", full));
            }
        }
        Command::Purge { dry_run, days } => {
            if let Some(days) = days {
                gocua_api::retention::set_retention_days(ctx, days)?;
            }
            let r = gocua_api::retention::purge(ctx, dry_run)?;
            let id = if r.dry_run {
                "cli-purge-dry-run"
            } else {
                "cli-purge-done"
            };
            say!(
                "{}",
                l10n.tr(
                    lang,
                    id,
                    &[
                        ("count", Arg::from(u64::from(r.citizens))),
                        ("days", Arg::from(u64::from(r.retention_days))),
                        ("drafts", Arg::from(u64::from(r.drafts))),
                        ("notes", Arg::from(u64::from(r.visit_notes)))
                    ]
                )
            );
        }
        Command::Citizen(CitizenCommand::Export { cccd, out }) => {
            for f in gocua_api::citizen_export(ctx, CitizenShow { cccd }, out.as_deref())? {
                say!(
                    "{}",
                    l10n.tr(lang, "cli-file-saved", &[("path", f.path.into())])
                );
            }
        }
        Command::Citizen(CitizenCommand::Erase { cccd }) => {
            gocua_api::citizen_erase(ctx, CitizenShow { cccd })?;
            say!("{}", l10n.tr(lang, "cli-citizen-erased", &[]));
        }
        Command::Citizen(CitizenCommand::Receipt { cccd }) => {
            let saved = gocua_api::consent_receipt(ctx, CitizenShow { cccd })?;
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "consent-receipt-saved",
                    &[("path", saved.path.into())]
                )
            );
        }
        Command::Citizen(CitizenCommand::List) => {
            let list = gocua_api::citizen_list(ctx)?;
            if json {
                return print_json(&list);
            }
            for c in list {
                say!("{}  {}  {}", c.cccd, c.name, show_stamp(&c.card.birth_date));
            }
        }
        Command::Citizen(CitizenCommand::Show { cccd }) => {
            let c = gocua_api::citizen_show(ctx, CitizenShow { cccd })?;
            if json {
                return print_json(&c);
            }
            say!(
                "{} — {} ({}, {})",
                c.cccd,
                c.name,
                show_stamp(&c.card.birth_date),
                c.card.sex
            );
            say!("{}", line("cli-cccd-address", c.card.address.clone()));
            for k in &c.consents {
                let state = match (k.granted, &k.withdrawn_at) {
                    (true, None) => l10n.tr(lang, "cli-consent-granted", &[]),
                    (true, Some(_)) => l10n.tr(lang, "cli-consent-withdrawn", &[]),
                    (false, _) => l10n.tr(lang, "cli-consent-refused", &[]),
                };
                say!(
                    "  {} {}: {state} ({}, {})",
                    l10n.tr(lang, "cli-consent", &[]),
                    words(l10n, lang, "consent-purpose", k.purpose.as_str()),
                    show_stamp(&k.given_at),
                    k.operator
                );
            }
            for v in &c.visits {
                say!(
                    "  {} {}: VNeID {}, {} {}, {}",
                    l10n.tr(lang, "cli-visit", &[]),
                    show_stamp(&v.started_at),
                    words(l10n, lang, "outcome", v.vneid_outcome.as_str()),
                    l10n.tr(lang, "cli-visit-portal", &[]),
                    words(l10n, lang, "outcome", v.portal_outcome.as_str()),
                    v.satisfaction
                        .map(|s| format!("{s}/5"))
                        .unwrap_or_else(|| "—".into())
                );
            }
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

/// A closed set's spelling in words: the message `<prefix>-<spelling>` (with
/// dashes), as the window shows it ("not_attempted" → "Chưa làm").
fn words(
    l10n: &gocua_i18n::Localizer,
    lang: gocua_core::Language,
    prefix: &str,
    code: &str,
) -> String {
    l10n.tr(lang, &format!("{prefix}-{}", code.replace('_', "-")), &[])
}
