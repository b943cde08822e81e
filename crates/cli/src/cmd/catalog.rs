//! The procedure catalogue (search, show, packs, import, trusted keys) and
//! the administrative units (search, communes, old-address conversion).

use gocua_api::dto::*;
use gocua_api::{ApiError, Ctx};
use gocua_i18n::Arg;

use crate::args::*;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    match command {
        Command::Catalog(cmd) => catalog(ctx, cmd, o)?,
        Command::Units(cmd) => units(cmd, o)?,
        other => {
            return Err(ApiError::Internal(format!(
                "not a {} command: {other:?}",
                module_path!()
            )));
        }
    }
    Ok(())
}

pub(crate) fn catalog(ctx: &Ctx, cmd: CatalogCommand, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    match cmd {
        CatalogCommand::TrustKey { public_key, name } => {
            let keys =
                gocua_api::catalog_trust_key(ctx, gocua_api::dto::TrustKey { public_key, name })?;
            for k in keys {
                say!("{}  {}", k.public_key, k.name);
            }
        }
        CatalogCommand::Keys => {
            for k in gocua_api::catalog_keys(ctx)? {
                say!("{}  {}", k.public_key, k.name);
            }
        }
        CatalogCommand::Keygen { .. } | CatalogCommand::Sign { .. } => {
            // Handled before a data folder is opened (see `publisher`).
        }
        CatalogCommand::Import { file, unsigned } => {
            let text = std::fs::read_to_string(&file).map_err(|e| ApiError::Unreadable {
                path: file.display().to_string(),
                detail: e.to_string(),
            })?;
            let info = gocua_api::catalog_import(
                ctx,
                CatalogImport {
                    json: text,
                    allow_unsigned: unsigned,
                },
            )?;
            let id = match info.newly_installed {
                true => "cli-catalog-installed",
                false => "cli-catalog-already-installed",
            };
            say!(
                "{}",
                l10n.tr(
                    lang,
                    id,
                    &[
                        ("pack", info.pack_id.into()),
                        ("version", Arg::from(u64::from(info.version))),
                        ("count", Arg::from(u64::from(info.procedures))),
                    ]
                )
            );
        }
        CatalogCommand::Search { query, limit } => {
            let hits = gocua_api::catalog_search(
                ctx,
                CatalogSearch {
                    query,
                    limit: Some(limit),
                },
            )?;
            if json {
                #[derive(serde::Serialize)]
                struct Row<'a> {
                    code: &'a str,
                    name: &'a str,
                    score: f32,
                }
                let rows: Vec<Row<'_>> = hits
                    .iter()
                    .map(|h| Row {
                        code: &h.code,
                        name: local(&h.name, lang),
                        score: h.score,
                    })
                    .collect();
                return print_json(&rows);
            }
            if hits.is_empty() {
                say!("{}", l10n.tr(lang, "cli-catalog-no-results", &[]));
            }
            for (i, h) in hits.iter().enumerate() {
                say!("{:>2}. {:<18} {}", i + 1, h.code, local(&h.name, lang));
            }
        }
        CatalogCommand::Show { code } => {
            let p = gocua_api::catalog_show(ctx, CatalogShow { code })?;
            if json {
                return print_json(&p);
            }
            say!("{} — {}", p.code, local(&p.name, lang));
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-field",
                    &[("value", local(&p.field, lang).into())]
                )
            );
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-agency",
                    &[("value", local(&p.agency, lang).into())]
                )
            );
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-time",
                    &[("value", local(&p.processing_time, lang).into())]
                )
            );
            say!(
                "{}",
                l10n.tr(
                    lang,
                    "cli-catalog-where",
                    &[("value", local(&p.where_to_submit, lang).into())]
                )
            );
            if let Some(level) = p.vneid_level {
                say!(
                    "{}",
                    l10n.tr(
                        lang,
                        "cli-catalog-vneid",
                        &[("level", Arg::from(u64::from(level)))]
                    )
                );
            }
            say!("{}", l10n.tr(lang, "cli-catalog-documents", &[]));
            for d in &p.documents {
                say!("  [ ] {} ×{}", local(&d.name, lang), d.count);
            }
            if !p.documents_verified {
                say!("  ({})", l10n.tr(lang, "procedure-unverified", &[]));
            }
            say!("{}", l10n.tr(lang, "cli-catalog-fees", &[]));
            // "No fee" only when the fees were checked: no fee line in an
            // unchecked pack is no information, never a fact.
            if p.fees.is_empty() {
                let id = if p.fees_verified {
                    "procedure-fees-none"
                } else {
                    "procedure-fees-unknown"
                };
                say!("  {}", l10n.tr(lang, id, &[]));
            }
            for f in &p.fees {
                say!(
                    "  {}: {} / {}",
                    local(&f.name, lang),
                    money(f.in_person, lang, l10n),
                    money(f.online, lang, l10n)
                );
            }
        }
        CatalogCommand::Packs => {
            let packs = gocua_api::catalog_packs(ctx)?;
            if json {
                return print_json(&packs);
            }
            for p in packs {
                say!(
                    "{} v{} ({}) — {} · {}",
                    p.pack_id,
                    p.version,
                    p.issued_at,
                    p.procedures,
                    p.sha256
                );
            }
        }
    }
    Ok(())
}

pub(crate) fn units(cmd: UnitsCommand, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    match cmd {
        UnitsCommand::Search { query, limit } => {
            let found = gocua_api::units_search(UnitsSearch {
                query,
                limit: Some(limit),
            })?;
            if json {
                return print_json(&found);
            }
            if found.is_empty() {
                say!("{}", l10n.tr(lang, "cli-units-none", &[]));
            }
            for c in found {
                say!(
                    "{}  {}, {}",
                    c.commune.code,
                    c.commune.name,
                    c.province.name
                );
            }
        }
        UnitsCommand::Convert { address } => {
            let c = gocua_api::units_convert(UnitsConvert { address })?;
            if json {
                return print_json(&c);
            }
            if c.already_new {
                say!("{}", l10n.tr(lang, "units-already-new", &[]));
            }
            for u in &c.unsure {
                let args = [
                    ("typed", u.typed.as_str().into()),
                    ("read", u.read_as.name.as_str().into()),
                ];
                say!("{}", l10n.tr(lang, "units-unsure", &args));
                if !u.others.is_empty() {
                    let others = u.others.iter().map(|o| o.name.as_str()).collect::<Vec<_>>();
                    let args = [("others", others.join("; ").into())];
                    say!("{}", l10n.tr(lang, "units-unsure-others", &args));
                }
            }
            for f in &c.former {
                let args = [
                    ("typed", f.typed.as_str().into()),
                    ("now", f.now.name.as_str().into()),
                ];
                say!("{}", l10n.tr(lang, "units-former", &args));
            }
            let id = match c.new.len() {
                1 => "cli-units-converted",
                _ => "cli-units-converted-split",
            };
            say!("{}", l10n.tr(lang, id, &[]));
            for n in &c.new {
                let full = [c.line.as_str(), &n.commune.name, &n.province.name]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                say!("  {full}  ({} / {})", n.commune.code, n.province.code);
            }
        }
        UnitsCommand::List { province } => {
            let list = match province {
                Some(code) => gocua_api::units_communes(UnitsCommunes { province: code })?,
                None => gocua_api::units_provinces()?,
            };
            if json {
                return print_json(&list);
            }
            for u in list {
                say!("{}  {}", u.code, u.name);
            }
        }
    }
    Ok(())
}
