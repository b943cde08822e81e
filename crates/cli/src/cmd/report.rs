//! The team report, printed or exported.

use gocua_api::{ApiError, Ctx};

use crate::args::*;
use crate::out::*;

/// Runs a command of this group.
pub(crate) fn run(ctx: &Ctx, command: Command, o: &Out<'_>) -> Result<(), ApiError> {
    let (lang, l10n) = (o.lang, o.l10n);
    match command {
        Command::Report {
            month,
            from,
            to,
            operator,
            commune,
            format,
            out,
        } => {
            let request = gocua_api::dto::ReportRequest {
                month,
                from,
                to,
                operator,
                commune,
            };
            match out {
                None if format == "json" => {
                    return print_json(&gocua_api::report(ctx, request)?);
                }
                None => {
                    return Err(ApiError::InvalidValue {
                        field: "--out".into(),
                        value: String::new(),
                    });
                }
                Some(path) => {
                    let saved = gocua_api::report_export(
                        ctx,
                        gocua_api::dto::ReportExport {
                            report: request,
                            format: gocua_api::dto::spelled("report_format", &format)?,
                        },
                        Some(&path),
                    )?;
                    say!(
                        "{}",
                        l10n.tr(lang, "report-export-saved", &[("path", saved.path.into())])
                    );
                }
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
