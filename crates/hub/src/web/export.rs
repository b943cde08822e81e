//! A team's report as the files a leader sends upward — CSV, an Excel
//! workbook or a printable PDF — written by `gocua_documents::report`, the
//! laptop's own writer: the same fifteen indicators, the same six tables,
//! one formula guard.

use super::*;
use gocua_documents::report as doc;

/// The report in `format` (`xlsx`, `pdf`, else CSV): its content type, its
/// file extension and its bytes.
pub fn write(
    format: Option<&str>,
    r: &gocua_core::report::Report,
    title: String,
    lang: Language,
) -> Result<(&'static str, &'static str, Vec<u8>)> {
    let words = gocua_i18n::Localizer::global().map_err(|e| Error::Internal(e.to_string()))?;
    let names = doc::Names {
        title,
        commune: &gocua_core::units::commune_name,
        volunteer: &str::to_owned,
    };
    let written = |e: doc::Error| Error::Internal(e.to_string());
    Ok(match format {
        Some("xlsx") => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            doc::xlsx(r, words, lang, &names).map_err(written)?,
        ),
        Some("pdf") => (
            "application/pdf",
            "pdf",
            doc::pdf(r, words, lang, &names).map_err(written)?,
        ),
        _ => (
            "text/csv; charset=utf-8",
            "csv",
            doc::csv(r, words, lang, &names).map_err(written)?,
        ),
    })
}

/// The links to the report's files for the period in `query` (a page's
/// month or range), as every view offers them.
pub(super) fn links(lang: Language, query: &str) -> String {
    let t = tr(lang);
    format!(
        r#"<p><a href="/export?{m}&amp;format=csv" data-testid="export-csv">{csv}</a> · <a href="/export?{m}&amp;format=xlsx" data-testid="export-xlsx">{xlsx}</a> · <a href="/export?{m}&amp;format=pdf" data-testid="export-pdf">{pdf}</a></p>"#,
        m = query,
        csv = esc(&t("hub-web-export-csv")),
        xlsx = esc(&t("hub-web-export-xlsx")),
        pdf = esc(&t("hub-web-export-pdf")),
    )
}

#[derive(Deserialize)]
pub(super) struct ExportQuery {
    month: Option<String>,
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

pub(super) async fn export(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(q): Query<ExportQuery>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let Some((user, _)) = signed_in(&hub, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let period = period_of(&MonthQuery {
        month: q.month,
        from: q.from,
        to: q.to,
        roster: None,
    })?;
    let (month, shown) = (period.label(), period.shown());
    // Whose report: a lead's team, an officer's commune, an admin's province.
    let (teams, whose) = match (user.role, user.team, user.commune.as_deref()) {
        (WebRole::TeamLead, Some(team), _) => (vec![team], db::team(&hub.pool, team).await?.name),
        (WebRole::CommuneOfficer, _, Some(commune)) => (
            db::teams_in(&hub.pool, &user.province, Some(commune)).await?,
            gocua_core::units::commune_name(commune),
        ),
        (WebRole::ProvinceAdmin, _, _) => (
            db::teams_in(&hub.pool, &user.province, None).await?,
            gocua_core::units::province_name(&user.province),
        ),
        _ => return Err(Error::Unauthorized("report".into())),
    };
    let r = crate::report::teams(&hub, &teams, period.from, period.to).await?;
    let title = tr_args(
        lang,
        "hub-web-pdf-title",
        &[("team", whose.into()), ("period", shown.into())],
    );
    let (kind, ext, body) = write(q.format.as_deref(), &r, title, lang)?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"bao-cao-{month}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gocua_core::date::Date as CoreDate;
    use gocua_core::report::{VisitRecord, compute};

    #[test]
    fn the_upward_report_carries_the_laptops_indicators_and_tables() {
        let day = CoreDate {
            year: 2026,
            month: 11,
            day: 3,
        };
        let v = VisitRecord {
            citizen: Some(1),
            operator: "a".into(),
            commune: Some("00004".into()),
            day,
            minutes: Some(10),
            vneid: gocua_core::visit::VneidOutcome::Level2,
            portal: gocua_core::visit::PortalOutcome::LoggedIn,
            rating: Some(5),
            dossiers: 1,
        };
        let r = compute(day, day, &[v.clone(), v], &[]);
        let (kind, ext, csv) =
            write(None, &r, "Tổ CNS — 11/2026".into(), Language::Vi).expect("a CSV");
        assert_eq!((kind, ext), ("text/csv; charset=utf-8", "csv"));
        let text = String::from_utf8(csv).expect("UTF-8");
        let t = tr(Language::Vi);
        for (id, _) in doc::summary(&r) {
            assert!(text.contains(&t(id)), "{id}: {text}");
        }
        for header in [
            "report-col-code",
            "report-col-commune",
            "report-col-volunteer",
        ] {
            assert!(text.contains(&t(header)), "{header}: {text}");
        }
        assert!(text.contains("Ba Đình"), "a commune by its name: {text}");

        let (_, _, book) = write(Some("xlsx"), &r, "T".into(), Language::Vi).expect("a workbook");
        use calamine::Reader as _;
        let xlsx: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(book)).expect("readable");
        assert_eq!(xlsx.sheet_names().len(), 7, "the summary and six tables");
        let (kind, _, pdf) = write(Some("pdf"), &r, "T".into(), Language::Vi).expect("a PDF");
        assert_eq!(kind, "application/pdf");
        assert!(pdf.starts_with(b"%PDF"));
    }
}
