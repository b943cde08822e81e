//! The printed checklist of a dossier: what the citizen brings to the
//! office, as a PDF file or a print-only document.

use crate::dossier::{
    commune_exists, display_value, documents, env_today, load, local, official_answers,
    shown_answers,
};
use crate::dto::{DocumentDto, DossierRef, FileSaved};
use crate::error::l10n;
use crate::{Ctx, Result};
use gocua_core::form::{self, Env, FieldPath, FieldType};

/// The printable checklist of a dossier, as a document (audited as a read),
/// with the procedure code and citizen row id a file written from it needs.
pub(crate) fn checklist_document(
    ctx: &Ctx,
    req: &DossierRef,
) -> Result<(crate::document::Document, String, Option<i64>)> {
    let (l, docs) = {
        let store = ctx.store()?;
        let l = load(ctx, &store, &req.id)?;
        let docs = documents(&store, &l)?;
        (l, docs)
    };
    crate::audit::audit_read(ctx, "export.checklist", &format!("dossier:{}", req.id))?;
    let w = checklist_of(ctx, &l, &docs, false)?;
    Ok((w, l.row.procedure_code.clone(), l.row.citizen))
}

/// The checklist of a loaded dossier. `self_service`: filled by the citizen
/// at the kiosk (no dossier, no state, no volunteer).
pub(crate) fn checklist_of(
    ctx: &Ctx,
    l: &crate::dossier::Loaded,
    docs: &[DocumentDto],
    self_service: bool,
) -> Result<crate::document::Document> {
    let lang = ctx.language();
    let l10n = l10n()?;
    let tr = |id: &str| l10n.tr(lang, id, &[]);
    let p = &l.procedure;
    let mut w = crate::document::Document::new(&tr("checklist-title"));
    w.title(&tr("checklist-title"));
    w.field(&tr("checklist-procedure"), p.name.get(lang));
    if let (Some(name), Some(cccd)) = (&l.row.citizen_name, &l.row.citizen_cccd) {
        w.field(&tr("checklist-citizen"), &format!("{name} ({cccd})"));
    }
    if !self_service {
        w.field(
            &tr("checklist-state"),
            &crate::dossier::citizen_state_label(lang, l.row.state),
        );
    }
    w.field(&tr("checklist-where"), p.where_to_submit.get(lang));
    let time = p.processing_time.get(lang);
    if p.time_verified() {
        w.field(&tr("checklist-time"), time);
    } else {
        w.field(
            &tr("checklist-time"),
            &format!("{time} ({})", tr("checklist-unverified")),
        );
    }

    w.heading(&tr("checklist-answers"));
    let effective = form::effective(&l.schema, &l.answers);
    // Top-level answers as the official template has them: helpers folded in.
    let official = official_answers(
        &l.schema,
        &l.answers,
        &shown_answers(&l.schema, &effective, &[], lang),
        lang,
    );
    for (_, page) in form::visible_pages(&l.schema, &l.answers) {
        for f in &page.fields {
            if !form::field_visible(&l.schema, &l.answers, None, f) {
                continue;
            }
            if f.kind == FieldType::Group {
                for i in 0..effective.count(&f.id) {
                    let item = f.item_label.as_ref().unwrap_or(&f.label).get(lang);
                    w.para(&format!("{item} {}", i + 1));
                    for sub in &f.fields {
                        if form::field_visible(&l.schema, &l.answers, Some((f, i)), sub) {
                            let v = display_value(
                                sub,
                                &effective,
                                &FieldPath::item(&f.id, i, &sub.id),
                                lang,
                            );
                            w.field(&format!("   {}", sub.label.get(lang)), &dash(v));
                        }
                    }
                }
            } else if f.fold_into.is_none() {
                let v = official.get(&f.id).cloned().unwrap_or_default();
                w.field(f.label.get(lang), &dash(v));
            }
        }
    }

    let (done, todo): (Vec<&DocumentDto>, Vec<&DocumentDto>) = docs
        .iter()
        .partition(|d| !matches!(d.status.as_str(), "missing" | "later"));
    w.heading(&tr("checklist-papers-done"));
    if done.is_empty() {
        w.para(&tr("checklist-none"));
    }
    for d in done {
        let status = l10n.tr(
            lang,
            "document-status",
            &[("status", d.status.as_str().into())],
        );
        w.para(&format!("✓ {} — {status}", local(&d.name, lang)));
    }
    w.heading(&tr("checklist-papers-missing"));
    if todo.is_empty() {
        w.para(&tr("checklist-none"));
    }
    for d in todo {
        let mut line = format!("☐ {}", local(&d.name, lang));
        if let Some(n) = &d.notes {
            line.push_str(&format!(" — {}", local(n, lang)));
        }
        w.para(&line);
    }
    let issues = {
        let exists = commune_exists;
        let env = Env {
            today: env_today(ctx),
            commune_exists: &exists,
        };
        form::check_all(&l.schema, &l.answers, &env).len()
    };
    if issues > 0 {
        w.para(&l10n.tr(
            lang,
            "checklist-answers-missing",
            &[("n", issues.to_string().into())],
        ));
    }

    w.heading(&tr("checklist-fees"));
    for (label, text) in fee_lines(p, lang, l10n) {
        match label {
            Some(label) => w.field(&label, &text),
            None => w.para(&text),
        }
    }
    if !p.steps.is_empty() {
        w.heading(&tr("checklist-next"));
        for (i, s) in p.steps.iter().enumerate() {
            w.para(&format!("{}. {}", i + 1, s.get(lang)));
        }
    }
    w.heading(&tr("checklist-contact"));
    if self_service {
        w.para(&tr("checklist-self-service"));
    } else {
        w.field(&tr("checklist-volunteer"), &l.row.operator);
    }
    let contact = ctx
        .store()?
        .settings()
        .get(gocua_store::SettingKey::TeamContact)?
        .unwrap_or_default();
    if !contact.trim().is_empty() {
        w.field(&tr("checklist-team-contact"), &contact);
    }
    Ok(w)
}

/// Writes the printable checklist for the citizen (PDF, fonts embedded): the
/// procedure, the answers given, the papers done and still missing, what to
/// bring, the fees, the next steps and the volunteer's contact.
pub fn dossier_checklist(
    ctx: &Ctx,
    req: DossierRef,
    out: Option<&std::path::Path>,
) -> Result<FileSaved> {
    let (doc, procedure, about) = checklist_document(ctx, &req)?;
    let bytes = doc.to_pdf()?;
    let name = format!("checklist-{procedure}-{}.pdf", ctx.now().unix_timestamp());
    crate::exports::write_export(ctx, out, &name, &bytes, about)
}

/// The checklist for the window to print at once: no file is written.
pub fn dossier_checklist_print(
    ctx: &Ctx,
    req: DossierRef,
) -> Result<crate::document::PrintDocument> {
    Ok(checklist_document(ctx, &req)?.0.for_print())
}

/// The fee part of the printout: each fee with both amounts, the
/// exemptions, or — when nothing is known — that it is not verified. "No
/// fee" is printed only when the pack says so and that is verified; an
/// unknown amount is never dressed up as "set locally".
pub(crate) fn fee_lines(
    p: &gocua_core::catalogue::Procedure,
    lang: gocua_core::Language,
    l10n: &gocua_i18n::Localizer,
) -> Vec<(Option<String>, String)> {
    let tr = |id: &str| l10n.tr(lang, id, &[]);
    let mut out = Vec::new();
    if p.fees.is_empty() {
        let id = if p.fees_verified {
            "checklist-free"
        } else {
            "checklist-fees-unverified"
        };
        out.push((None, tr(id)));
    }
    for fee in &p.fees {
        let amount = |v: Option<u64>| {
            v.map_or_else(
                || tr("checklist-fee-unknown"),
                |n| format!("{} đ", gocua_i18n::format_amount(n, lang)),
            )
        };
        out.push((
            Some(fee.name.get(lang).to_owned()),
            l10n.tr(
                lang,
                "checklist-fee-line",
                &[
                    ("in_person", amount(fee.in_person).into()),
                    ("online", amount(fee.online).into()),
                ],
            ),
        ));
    }
    if !p.fees.is_empty() && !p.fees_verified {
        out.push((None, tr("checklist-fees-unverified-note")));
    }
    for e in &p.exemptions {
        out.push((Some(tr("checklist-fee-exempt")), e.get(lang).to_owned()));
    }
    out
}

pub(crate) fn dash(v: String) -> String {
    if v.is_empty() { "—".into() } else { v }
}

#[cfg(test)]
mod tests {
    use super::fee_lines;
    use gocua_core::Language;

    /// For every procedure of the shipped pack, in both languages: the
    /// printout says "no fee" only where that is verified, and never calls an
    /// unknown amount "set locally" (the content review found both printed
    /// as facts).
    #[test]
    fn the_printout_never_presents_an_unknown_fee_as_a_fact()
    -> Result<(), Box<dyn std::error::Error>> {
        let pack = gocua_core::catalogue::parse_pack(crate::catalogue::SHIPPED_PACK)?;
        let l10n = gocua_i18n::Localizer::new()?;
        let mut unverified = 0;
        for p in &pack.procedures {
            for lang in Language::ALL {
                let text: Vec<String> = fee_lines(p, lang, &l10n)
                    .into_iter()
                    .map(|(label, line)| format!("{} {line}", label.unwrap_or_default()))
                    .collect();
                let all = text.join("\n");
                let free = l10n.tr(lang, "checklist-free", &[]);
                assert!(p.fees_verified || !all.contains(&free), "{}: {all}", p.code);
                assert!(
                    !all.contains("địa phương") && !all.contains("set locally"),
                    "{}: {all}",
                    p.code
                );
                if !p.fees_verified {
                    assert!(
                        all.contains(&l10n.tr(lang, "fee-unverified", &[])),
                        "{} says nothing is verified: {all}",
                        p.code
                    );
                }
            }
            unverified += usize::from(!p.fees_verified);
        }
        assert!(
            unverified > 0,
            "the pack has unverified fees today; the test must see one"
        );
        Ok(())
    }

    /// Every fact of every shipped procedure names its source, and is either
    /// dated as checked or shown as unverified — on the procedure's screen
    /// (its flags) and on the printout (the time limit).
    #[test]
    fn every_shipped_fact_has_a_source_and_is_shown_as_it_stands()
    -> Result<(), Box<dyn std::error::Error>> {
        let pack = gocua_core::catalogue::parse_pack(crate::catalogue::SHIPPED_PACK)?;
        assert!(
            pack.format_version >= 2,
            "the shipped pack records provenance"
        );
        for p in &pack.procedures {
            let prov = p
                .provenance
                .as_ref()
                .ok_or_else(|| format!("{}: no provenance", p.code))?;
            for (kind, fact) in [
                ("fees", &prov.fees),
                ("documents", &prov.documents),
                ("processing_time", &prov.processing_time),
                ("legal_basis", &prov.legal_basis),
            ] {
                assert!(!fact.source.trim().is_empty(), "{} {kind}", p.code);
                // A fact without a date of check is never presented as checked.
                if !fact.is_verified() {
                    assert!(
                        fact.source.contains("Chưa đối chiếu") || fact.source.contains("chưa"),
                        "{} {kind}: an unverified fact says so in its source",
                        p.code
                    );
                }
            }
            let dto = crate::dto::ProcedureDto::from(p.clone());
            assert_eq!(dto.fees_verified, prov.fees.is_verified(), "{}", p.code);
            assert_eq!(
                dto.documents_verified,
                prov.documents.is_verified(),
                "{}",
                p.code
            );
            assert_eq!(
                dto.time_verified,
                prov.processing_time.is_verified(),
                "{}",
                p.code
            );
            assert_eq!(
                dto.legal_basis_verified,
                prov.legal_basis.is_verified(),
                "{}",
                p.code
            );
        }
        Ok(())
    }
}
