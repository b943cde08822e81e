//! The consent receipt a citizen takes home: what they agreed to, when and
//! with whom, as a PDF file or a print-only document.

use crate::audit::audit_read;
use crate::dto::{CitizenDto, ConsentDto};
use crate::{Ctx, Result};

/// "Purpose: agreed — when, who" for printed documents.
pub(crate) fn consent_line(tr: &dyn Fn(&str) -> String, c: &ConsentDto) -> String {
    let purpose = tr(&format!(
        "consent-purpose-{}",
        c.purpose.as_str().replace('_', "-")
    ));
    let state = match (c.granted, &c.withdrawn_at) {
        (false, _) => tr("consent-state-refused"),
        (true, None) => tr("consent-state-granted"),
        (true, Some(at)) => format!("{} ({at})", tr("consent-state-withdrawn")),
    };
    format!("{purpose}: {state} — {}, {}", c.given_at, c.operator)
}

/// A citizen's consent receipt, as a document (audited as a read). The
/// citizen's row id too, to record a file written from it.
pub(crate) fn receipt_document(
    ctx: &Ctx,
    citizen: &CitizenDto,
) -> Result<(crate::document::Document, Option<i64>)> {
    // Bind the row first: a guard in the `if let` scrutinee would still hold
    // the store lock inside the block, and audit_read locks it again.
    let row = ctx.store()?.citizens().by_cccd(&citizen.cccd)?;
    let about = row.as_ref().map(|r| r.id);
    if let Some(row) = row {
        audit_read(
            ctx,
            "export.consent_receipt",
            &format!("citizen:{}", row.id),
        )?;
    }
    let lang = ctx.language();
    let l10n = crate::error::l10n()?;
    let tr = |id: &str| l10n.tr(lang, id, &[]);
    let mut w = crate::document::Document::new(&tr("receipt-title"));
    w.title(&tr("receipt-title"));
    w.field(&tr("card-name"), &citizen.name);
    w.field(&tr("card-id"), &citizen.cccd);
    w.field(
        &tr("card-birth"),
        &crate::clock::show_stamp(&citizen.card.birth_date),
    );
    w.field(&tr("card-address"), &citizen.card.address);
    w.heading(&tr("consent-title"));
    for id in [
        "consent-controller",
        "consent-data",
        "consent-retention",
        "consent-rights",
    ] {
        w.para(&tr(id));
    }
    w.heading(&tr("receipt-decisions"));
    for c in &citizen.consents {
        w.para(&consent_line(&tr, c));
    }
    if let Some(version) = citizen.consents.last().map(|c| c.text_version.clone()) {
        w.para(&l10n.tr(lang, "consent-version", &[("version", version.into())]));
    }
    w.space(12.0);
    w.two_columns(&tr("receipt-sign-citizen"), &tr("receipt-sign-volunteer"));
    Ok((w, about))
}

#[cfg(test)]
mod receipt_tests {
    use crate::Ctx;
    use crate::CtxOptions;
    use crate::card::cccd_parse;
    use crate::citizen::consent_receipt;
    use crate::citizen::{citizen_export, citizen_register};
    use crate::dto::CitizenShow;
    use crate::dto::ConsentDecision;
    use crate::dto::{CccdParse, CitizenRegister};

    #[test]
    fn consent_receipt_is_a_pdf_in_the_exports_folder()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let check = cccd_parse(
            &ctx,
            CccdParse {
                text: "001090123456||Nguyễn Văn Thử|01011990|Nam|Hà Nội|15042021".into(),
            },
        )?;
        citizen_register(
            &ctx,
            CitizenRegister {
                visit: None,
                card: check.card,
                commune: None,
                consents: vec![ConsentDecision {
                    purpose: crate::dto::ConsentPurpose::Profile,
                    granted: true,
                }],
            },
        )?;
        let saved = consent_receipt(
            &ctx,
            CitizenShow {
                cccd: "001090123456".into(),
            },
        )?;
        assert!(
            saved
                .path
                .starts_with(&dir.path().join("exports").display().to_string())
        );
        let bytes = std::fs::read(&saved.path)?;
        assert!(bytes.starts_with(b"%PDF"));
        citizen_export(
            &ctx,
            CitizenShow {
                cccd: "001090123456".into(),
            },
            None,
        )?;
        // No ID number in any file name, and nothing readable by others.
        let mut stack = vec![dir.path().to_owned()];
        let mut files = 0;
        while let Some(folder) = stack.pop() {
            for entry in std::fs::read_dir(&folder)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                assert!(!name.contains("001090123456"), "ID number in {name}");
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt as _;
                    let mode = entry.metadata()?.permissions().mode();
                    assert_eq!(mode & 0o077, 0, "{name} is open to others");
                }
                if entry.file_type()?.is_dir() {
                    stack.push(entry.path());
                } else {
                    files += 1;
                }
            }
        }
        assert!(files >= 4, "database, receipt, export JSON and PDF");
        Ok(())
    }
}
