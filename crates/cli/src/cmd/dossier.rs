//! Forms and dossiers: list, show, create, fill, make ready, queue, hand off,
//! print the checklist.

use gocua_api::dto::*;
use gocua_api::{ApiError, Ctx};
use gocua_core::Language;
use gocua_i18n::Localizer;

use crate::args::*;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n, json) = (o.lang, o.l10n, o.json);
    match command {
        Command::Forms(FormsCommand::List) => {
            let forms = gocua_api::forms_list(ctx)?;
            if json {
                return print_json(&forms);
            }
            for f in forms {
                say!("{:<16} {:>3}  {}", f.procedure_code, f.fields, f.name);
            }
        }
        Command::Dossier(DossierCommand::List {
            query,
            state,
            limit,
        }) => {
            let page = gocua_api::dossier_list(
                ctx,
                DossierList {
                    query,
                    state,
                    citizen: None,
                    limit: Some(limit),
                    offset: None,
                },
            )?;
            if json {
                return print_json(&page.items);
            }
            for d in &page.items {
                say!(
                    "{}  {:<16} {:<22} {}  {}",
                    d.id,
                    d.procedure_code,
                    d.state_label,
                    d.citizen_name.as_deref().unwrap_or("—"),
                    gocua_api::clock::show_stamp(&d.updated_at)
                );
            }
            if page.more {
                say!("{}", l10n.tr(lang, "cli-dossier-more", &[]));
            }
        }
        Command::Dossier(DossierCommand::Show { id }) => {
            let v = gocua_api::dossier_open(ctx, DossierRef { id })?;
            if json {
                return print_json(&v);
            }
            print_dossier(&v, lang, l10n);
        }
        Command::Dossier(DossierCommand::Create {
            procedure,
            citizen,
            consent_dossiers,
            consent_photos,
            force,
        }) => {
            use gocua_api::dto::ConsentPurposeCode;
            let mut consent = Vec::new();
            if consent_dossiers {
                consent.push(ConsentPurposeCode::Dossiers);
            }
            if consent_photos {
                consent.push(ConsentPurposeCode::DocumentImages);
            }
            let created = gocua_api::dossier_create(
                ctx,
                gocua_api::dto::DossierCreate {
                    procedure_code: procedure,
                    citizen,
                    visit: None,
                    force,
                    consent,
                },
            )?;
            match created.dossier {
                Some(v) => say!("{}", v.id),
                // Not started: the open ones are shown instead (--force starts another).
                None => {
                    say!("{}", l10n.tr(lang, "cli-dossier-duplicates", &[]));
                    for d in created.duplicates {
                        say!("{}  {}  {}", d.id, d.procedure_name, d.state_label);
                    }
                }
            }
        }
        Command::Dossier(DossierCommand::Set { id, path, value }) => {
            let v = gocua_api::dossier_set(ctx, gocua_api::dto::DossierSet { id, path, value })?;
            print_dossier(&v, lang, l10n);
        }
        Command::Dossier(DossierCommand::Ready { id }) => {
            let v = gocua_api::dossier_ready(ctx, DossierRef { id })?;
            say!("{}", v.state_label);
        }
        Command::Dossier(DossierCommand::Queue { id }) => {
            let v = gocua_api::dossier_queue(ctx, DossierRef { id })?;
            say!("{}", v.state_label);
        }
        Command::Dossier(DossierCommand::Handoff { id, code }) => {
            let v = gocua_api::dossier_handoff(
                ctx,
                gocua_api::dto::DossierHandoff {
                    id,
                    portal_code: code,
                },
            )?;
            say!("{}", v.state_label);
        }
        Command::Dossier(DossierCommand::Export { id, pdf }) => {
            let saved = gocua_api::dossier_checklist(ctx, DossierRef { id }, Some(&pdf))?;
            say!(
                "{}",
                l10n.tr(lang, "cli-checklist-saved", &[("path", saved.path.into())])
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

pub(crate) fn print_dossier(v: &gocua_api::dto::DossierView, lang: Language, l10n: &Localizer) {
    say!("{} — {}", local(&v.procedure_name, lang), v.state_label);
    say!("{}", v.id);
    if let Some(c) = &v.citizen {
        say!("{} ({})", c.name, c.cccd);
    }
    for s in v.sections.iter().filter(|s| s.visible) {
        say!(
            "\n# {} [{}]",
            local(&s.title, lang),
            l10n.tr(
                lang,
                "cli-task-status",
                &[("status", s.status.as_str().into())]
            )
        );
        for p in s.pages.iter().filter(|p| p.visible) {
            for f in &p.fields {
                if f.kind == FieldType::Group {
                    let n = v.answers.items.get(&f.id).copied().unwrap_or(0);
                    say!("  {}: {n}", local(&f.label, lang));
                    for i in 0..n {
                        for sub in &f.fields {
                            let path = format!("{}[{i}].{}", f.id, sub.id);
                            if !v.hidden.contains(&path) {
                                let value = v.answers.values.get(&path).map_or("—", String::as_str);
                                say!("    {} {}: {value}", i + 1, local(&sub.label, lang));
                            }
                        }
                    }
                } else if f.kind == FieldType::Address {
                    let get = |part: &str| {
                        v.answers
                            .values
                            .get(&format!("{}.{part}", f.id))
                            .cloned()
                            .unwrap_or_default()
                    };
                    say!(
                        "  {}: {} [{}]",
                        local(&f.label, lang),
                        get("line"),
                        get("commune")
                    );
                } else {
                    let value = v.answers.values.get(&f.id).map_or("—", String::as_str);
                    say!("  {}: {value}", local(&f.label, lang));
                }
            }
        }
    }
    if !v.issues.is_empty() {
        say!(
            "\n{}",
            l10n.tr(
                lang,
                "cli-dossier-issues",
                &[("n", v.issues.len().to_string().into())]
            )
        );
        for i in &v.issues {
            say!("  {}: {}", i.path, i.message);
        }
    }
    say!("\n{}", l10n.tr(lang, "cli-dossier-papers", &[]));
    for d in &v.documents {
        say!(
            "  [{}] {}",
            l10n.tr(
                lang,
                "document-status",
                &[("status", d.status.as_str().into())]
            ),
            local(&d.name, lang)
        );
    }
}
