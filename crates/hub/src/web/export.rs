//! The month's report of a team as CSV, an Excel workbook or a printable
//! PDF, all written from one list of rows.

use super::*;

/// The month's report as rows of (label, numbers), the one source of both
/// exports, so that their figures agree.
pub fn export_rows(r: &gocua_core::report::Report, lang: Language) -> Vec<(String, Vec<u64>)> {
    let t = tr(lang);
    let mut rows = vec![
        (t("hub-web-citizens"), vec![u64::from(r.citizens_served)]),
        (t("hub-web-visits"), vec![u64::from(r.visits)]),
        (t("hub-web-dossiers"), vec![u64::from(r.dossiers)]),
        (t("hub-web-online"), vec![u64::from(r.dossiers_online)]),
        (
            t("hub-web-vneid"),
            vec![u64::from(r.vneid_level1 + r.vneid_level2)],
        ),
        (t("hub-web-portal-logins"), vec![u64::from(r.portal_logins)]),
    ];
    for p in &r.by_procedure {
        rows.push((
            format!("{} ({})", p.name, p.code),
            vec![u64::from(p.dossiers), u64::from(p.online)],
        ));
    }
    rows
}

/// The rows as CSV (UTF-8 with a byte-order mark, for spreadsheet programs).
pub fn export_csv_text(month: &str, rows: &[(String, Vec<u64>)], lang: Language) -> String {
    let quote = |k: &str| format!("\"{}\"", k.replace('"', "\"\""));
    let mut csv = format!("\u{feff}{},{month}\n", quote(&tr(lang)("hub-web-month")));
    for (label, values) in rows {
        let values: Vec<String> = values.iter().map(u64::to_string).collect();
        // A procedure's name comes from a pack a laptop sent: never a formula.
        let label = gocua_documents::cells::safe(label);
        csv.push_str(&format!("{},{}\n", quote(&label), values.join(",")));
    }
    csv
}

/// The rows as an .xlsx workbook.
pub fn export_xlsx(month: &str, rows: &[(String, Vec<u64>)], lang: Language) -> Result<Vec<u8>> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Internal(format!("xlsx: {e}"));
    let t = tr(lang);
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet
        .write_string_with_format(0, 0, t("hub-web-month"), &bold)
        .map_err(xlsx)?;
    sheet.write_string(0, 1, month).map_err(xlsx)?;
    for (i, (label, values)) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string(row, 0, label).map_err(xlsx)?;
        for (j, v) in values.iter().enumerate() {
            sheet
                .write_number(row, 1 + j as u16, *v as f64)
                .map_err(xlsx)?;
        }
    }
    sheet.set_column_width(0, 60).map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}

/// The rows as a printable A4 PDF (the app's font embedded, so Vietnamese
/// prints right), with the month's visits by day as a chart.
pub fn export_pdf(
    team: &str,
    month: &str,
    rows: &[(String, Vec<u64>)],
    r: &gocua_core::report::Report,
    lang: Language,
) -> Result<Vec<u8>> {
    let pdf = |e: gocua_documents::pdf::Error| Error::Internal(e.to_string());
    let t = tr(lang);
    let title = tr_args(
        lang,
        "hub-web-pdf-title",
        &[("team", team.into()), ("period", month.into())],
    );
    let mut w = gocua_documents::pdf::Writer::new(&title).map_err(pdf)?;
    w.title(&title);
    // The figures first, then the procedures (dossiers, of which online).
    let summary = rows.iter().take_while(|(_, v)| v.len() == 1);
    let table: Vec<Vec<String>> = std::iter::once(vec![t("hub-web-figure"), String::new()])
        .chain(summary.map(|(label, v)| vec![label.clone(), num(v[0] as i64, lang)]))
        .collect();
    w.table(&[120.0, 50.0], &table);
    let procedures: Vec<Vec<String>> = std::iter::once(vec![
        t("hub-web-procedure"),
        t("hub-web-dossiers"),
        t("hub-web-online"),
    ])
    .chain(rows.iter().filter(|(_, v)| v.len() == 2).map(|(label, v)| {
        vec![
            label.clone(),
            num(v[0] as i64, lang),
            num(v[1] as i64, lang),
        ]
    }))
    .collect();
    if procedures.len() > 1 {
        w.heading(&t("hub-web-by-procedure"));
        w.table(&[110.0, 30.0, 30.0], &procedures);
    }
    w.heading(&t("hub-web-visits-by-day"));
    let days: Vec<(String, f64, String)> = r
        .by_day
        .iter()
        .map(|d| {
            (
                format!("{:02}/{:02}", d.day.day, d.day.month),
                f64::from(d.visits),
                d.visits.to_string(),
            )
        })
        .collect();
    w.bar_chart(&days);
    w.finish().map_err(pdf)
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
    let Some(team) = user.team else {
        return Err(Error::Unauthorized("team report".into()));
    };
    let period = period_of(&MonthQuery {
        month: q.month,
        from: q.from,
        to: q.to,
        roster: None,
    })?;
    let (month, shown) = (period.label(), period.shown());
    let r = crate::report::team(&hub, team, period.from, period.to).await?;
    let rows = export_rows(&r, lang);
    let (kind, ext, body) = match q.format.as_deref() {
        Some("xlsx") => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            export_xlsx(&shown, &rows, lang)?,
        ),
        Some("pdf") => {
            let team = db::team(&hub.pool, team).await?;
            (
                "application/pdf",
                "pdf",
                export_pdf(&team.name, &shown, &rows, &r, lang)?,
            )
        }
        _ => (
            "text/csv; charset=utf-8",
            "csv",
            export_csv_text(&shown, &rows, lang).into_bytes(),
        ),
    };
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
    use gocua_core::report::{DossierRecord, VisitRecord, compute};

    #[test]
    fn the_csv_and_the_workbook_carry_the_same_figures() {
        let day = CoreDate::from_iso("2026-11-03").unwrap_or(CoreDate {
            year: 2026,
            month: 11,
            day: 3,
        });
        let v = VisitRecord {
            citizen: Some(1),
            operator: "a".into(),
            commune: None,
            day,
            minutes: Some(10),
            vneid: gocua_core::visit::VneidOutcome::Level2,
            portal: gocua_core::visit::PortalOutcome::LoggedIn,
            rating: Some(5),
            dossiers: 1,
        };
        let d = DossierRecord {
            procedure_code: "1.001612".into(),
            procedure_name: "Đổi giấy phép lái xe".into(),
            state: gocua_core::dossier::DossierState::Draft,
            day,
            operator: "a".into(),
            commune: None,
            online_fee: None,
        };
        let r = compute(day, day, &[v.clone(), v], &[d]);
        let rows = export_rows(&r, Language::Vi);
        let csv = export_csv_text("2026-11", &rows, Language::Vi);
        assert!(csv.contains("\"Lượt hỗ trợ\",2\n"), "{csv}");
        assert!(
            csv.contains("\"Đổi giấy phép lái xe (1.001612)\",1,0\n"),
            "{csv}"
        );
        let book = export_xlsx("2026-11", &rows, Language::Vi).unwrap_or_default();
        use calamine::{DataType as _, Reader as _};
        let mut xlsx: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(book)).expect("a workbook");
        let sheet = xlsx
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        for (i, (label, values)) in rows.iter().enumerate() {
            let row = 1 + i;
            assert_eq!(
                sheet.get_value((row as u32, 0)).map(|c| c.to_string()),
                Some(label.clone())
            );
            for (j, v) in values.iter().enumerate() {
                assert_eq!(
                    sheet
                        .get_value((row as u32, 1 + j as u32))
                        .and_then(|c| c.as_f64()),
                    Some(*v as f64)
                );
            }
        }
        let pdf = export_pdf("Tổ CNS", "2026-11", &rows, &r, Language::Vi).expect("a pdf");
        assert!(pdf.starts_with(b"%PDF"));
        assert!(
            String::from_utf8_lossy(&pdf).contains("FontFile2"),
            "the font is embedded"
        );
    }
}
