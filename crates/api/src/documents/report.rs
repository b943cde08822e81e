//! The team report as files people keep: xlsx (numbers as numbers, headers
//! in bold), CSV (safe against spreadsheet formulas) and a printable PDF, all
//! built from the same tables so their figures agree.

use crate::dto::{ReportDto, ReportGroup};
use crate::error::l10n;
use crate::units::commune_name;
use crate::{ApiError, Result};
use gocua_core::Language;

/// One figure of the summary, as every export writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A count or an amount.
    Count(u64),
    /// A ratio or an average, absent when there is nothing to divide by.
    Decimal(Option<f64>),
}

impl Figure {
    /// As text in `lang` (one decimal; `—` when absent).
    pub fn text(&self, lang: Language) -> String {
        match self {
            Figure::Count(n) => gocua_i18n::format_amount(*n, lang),
            Figure::Decimal(None) => "—".into(),
            Figure::Decimal(Some(x)) => {
                let s = format!("{x:.1}");
                if lang == Language::Vi {
                    s.replace('.', ",")
                } else {
                    s
                }
            }
        }
    }
}

/// The summary rows (Fluent id of the label, figure), in report order.
pub fn summary(r: &ReportDto) -> Vec<(&'static str, Figure)> {
    use Figure::{Count, Decimal};
    vec![
        ("report-citizens-served", Count(r.citizens_served.into())),
        ("report-visits", Count(r.visits.into())),
        ("report-vneid-level1", Count(r.vneid_level1.into())),
        ("report-vneid-level2", Count(r.vneid_level2.into())),
        ("report-vneid-blocked", Count(r.vneid_blocked.into())),
        ("report-portal-logins", Count(r.portal_logins.into())),
        ("report-dossiers", Count(r.dossiers.into())),
        ("report-dossiers-online", Count(r.dossiers_online.into())),
        ("report-online-rate", Decimal(r.online_rate)),
        ("report-fees-online", Count(r.fees_online)),
        ("report-fees-unknown", Count(r.fees_unknown.into())),
        ("report-satisfied-rate", Decimal(r.satisfied_rate)),
        ("report-average-rating", Decimal(r.average_rating)),
        ("report-minutes-per-dossier", Decimal(r.minutes_per_dossier)),
        (
            "report-citizens-per-volunteer-day",
            Decimal(r.citizens_per_volunteer_day),
        ),
    ]
}

pub(crate) fn pct(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// The tables every export writes: (sheet title id, headers ids, rows).
/// A table of the report: its title id, its column header ids, its rows.
type Table = (&'static str, Vec<&'static str>, Vec<Vec<Cell>>);

pub(crate) fn tables(r: &ReportDto) -> Vec<Table> {
    let rated: u32 = r.ratings.iter().sum();
    vec![
        (
            "report-sheet-days",
            vec!["report-col-day", "report-col-visits", "report-col-dossiers"],
            r.by_day
                .iter()
                .map(|d| {
                    vec![
                        Cell::Text(d.day.clone()),
                        Cell::Int(d.visits.into()),
                        Cell::Int(d.dossiers.into()),
                    ]
                })
                .collect(),
        ),
        (
            "report-sheet-procedures",
            vec![
                "report-col-code",
                "report-col-procedure",
                "report-col-dossiers",
                "report-col-online",
            ],
            r.by_procedure
                .iter()
                .map(|p| {
                    vec![
                        Cell::Text(p.code.clone()),
                        Cell::Text(p.name.clone()),
                        Cell::Int(p.dossiers.into()),
                        Cell::Int(p.online.into()),
                    ]
                })
                .collect(),
        ),
        (
            "report-sheet-states",
            vec!["report-col-state", "report-col-dossiers"],
            r.by_state
                .iter()
                .map(|s| vec![Cell::Text(s.label.clone()), Cell::Int(s.dossiers.into())])
                .collect(),
        ),
        (
            "report-sheet-volunteers",
            vec![
                "report-col-volunteer",
                "report-col-visits",
                "report-col-citizens",
                "report-col-dossiers",
                "report-col-vneid",
            ],
            r.by_volunteer.iter().map(group_row).collect(),
        ),
        (
            "report-sheet-communes",
            vec![
                "report-col-commune",
                "report-col-visits",
                "report-col-citizens",
                "report-col-dossiers",
                "report-col-vneid",
            ],
            r.by_commune.iter().map(group_row).collect(),
        ),
        (
            "report-sheet-satisfaction",
            vec!["report-col-rating", "report-col-count", "report-col-share"],
            r.ratings
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    vec![
                        Cell::Int(i as u64 + 1),
                        Cell::Int((*n).into()),
                        Cell::Decimal(pct(*n, rated)),
                    ]
                })
                .collect(),
        ),
    ]
}

pub(crate) fn group_row(g: &ReportGroup) -> Vec<Cell> {
    vec![
        Cell::Text(g.name.clone()),
        Cell::Int(g.visits.into()),
        Cell::Int(g.citizens.into()),
        Cell::Int(g.dossiers.into()),
        Cell::Int(g.vneid.into()),
    ]
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Text(String),
    Int(u64),
    Decimal(Option<f64>),
}

impl Cell {
    fn text(&self, lang: Language) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(x) => Figure::Decimal(*x).text(lang),
        }
    }
}

pub(crate) fn title(r: &ReportDto, lang: Language) -> Result<String> {
    let l = l10n()?;
    let mut t = l.tr(
        lang,
        "report-title",
        &[("from", r.from.clone().into()), ("to", r.to.clone().into())],
    );
    if let Some(o) = &r.operator {
        t.push_str(&format!(" — {o}"));
    }
    if let Some(c) = &r.commune {
        t.push_str(&format!(" — {}", commune_name(c)));
    }
    Ok(t)
}

pub(crate) fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::Internal(format!("xlsx: {e}"))
}

/// The report as an .xlsx workbook: a summary sheet and one sheet per table,
/// Vietnamese (or English) headers in bold, widths set, decimals formatted.
pub fn to_xlsx(r: &ReportDto, lang: Language) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let l = l10n()?;
    let tr = |id: &str| l.tr(lang, id, &[]);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("F2E6D9");
    let heading = Format::new().set_bold().set_font_size(14);
    let decimal = Format::new().set_num_format("0.0");
    let count = Format::new().set_num_format("#,##0");

    let sheet = book.add_worksheet();
    sheet
        .set_name(tr("report-sheet-summary"))
        .map_err(xlsx_err)?;
    sheet
        .write_string_with_format(0, 0, title(r, lang)?, &heading)
        .map_err(xlsx_err)?;
    sheet
        .write_string_with_format(2, 0, tr("report-col-figure"), &bold)
        .map_err(xlsx_err)?;
    sheet
        .write_string_with_format(2, 1, tr("report-col-value"), &bold)
        .map_err(xlsx_err)?;
    for (i, (id, figure)) in summary(r).iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, tr(id)).map_err(xlsx_err)?;
        match figure {
            Figure::Count(n) => sheet.write_number_with_format(row, 1, *n as f64, &count),
            Figure::Decimal(Some(x)) => sheet.write_number_with_format(row, 1, *x, &decimal),
            Figure::Decimal(None) => sheet.write_string(row, 1, "—"),
        }
        .map_err(xlsx_err)?;
    }
    let notes = 4 + summary(r).len() as u32;
    sheet
        .write_string(notes, 0, tr("report-definitions"))
        .map_err(xlsx_err)?;
    sheet.set_column_width(0, 48).map_err(xlsx_err)?;
    sheet.set_column_width(1, 16).map_err(xlsx_err)?;

    for (name, headers, rows) in tables(r) {
        let sheet = book.add_worksheet();
        sheet.set_name(tr(name)).map_err(xlsx_err)?;
        for (c, h) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, tr(h), &bold)
                .map_err(xlsx_err)?;
            sheet
                .set_column_width(
                    c as u16,
                    if c == 0 || *h == "report-col-procedure" {
                        40
                    } else {
                        14
                    },
                )
                .map_err(xlsx_err)?;
        }
        for (i, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (rr, cc) = (1 + i as u32, c as u16);
                match cell {
                    Cell::Text(s) => sheet.write_string(rr, cc, s),
                    Cell::Int(n) => sheet.write_number_with_format(rr, cc, *n as f64, &count),
                    Cell::Decimal(Some(x)) => sheet.write_number_with_format(rr, cc, *x, &decimal),
                    Cell::Decimal(None) => sheet.write_string(rr, cc, "—"),
                }
                .map_err(xlsx_err)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    }
    book.save_to_buffer().map_err(xlsx_err)
}

pub(crate) use gocua_documents::cells::safe as csv_safe;

/// The report as CSV (UTF-8 with a BOM, so Excel reads the Vietnamese
/// right): the summary, then each table under its title, separated by
/// empty lines. Decimals use the language's separator.
pub fn to_csv(r: &ReportDto, lang: Language) -> Result<Vec<u8>> {
    let l = l10n()?;
    let tr = |id: &str| l.tr(lang, id, &[]);
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let csv_err = |e: csv::Error| ApiError::Internal(format!("csv: {e}"));
        w.write_record([title(r, lang)?]).map_err(csv_err)?;
        w.write_record([""]).map_err(csv_err)?;
        w.write_record([tr("report-sheet-summary")])
            .map_err(csv_err)?;
        w.write_record([tr("report-col-figure"), tr("report-col-value")])
            .map_err(csv_err)?;
        for (id, figure) in summary(r) {
            let value = match figure {
                Figure::Count(n) => n.to_string(),
                other => other.text(lang),
            };
            w.write_record([tr(id), value]).map_err(csv_err)?;
        }
        for (name, headers, rows) in tables(r) {
            w.write_record([""]).map_err(csv_err)?;
            w.write_record([tr(name)]).map_err(csv_err)?;
            w.write_record(headers.iter().map(|h| tr(h)))
                .map_err(csv_err)?;
            for row in rows {
                w.write_record(row.iter().map(|c| match c {
                    Cell::Text(text) => csv_safe(text),
                    other => other.text(lang),
                }))
                .map_err(csv_err)?;
            }
        }
        w.flush()
            .map_err(|e| ApiError::Internal(format!("csv: {e}")))?;
    }
    Ok(out)
}

/// The report as a PDF: the summary, charts (trend over days, dossiers by
/// procedure, satisfaction) and the tables, Be Vietnam Pro embedded.
pub fn to_pdf(r: &ReportDto, lang: Language) -> Result<Vec<u8>> {
    let l = l10n()?;
    let tr = |id: &str| l.tr(lang, id, &[]);
    let head = title(r, lang)?;
    let mut w = crate::pdf::Writer::new(&head)?;
    w.title(&head);
    let rows: Vec<Vec<String>> =
        std::iter::once(vec![tr("report-col-figure"), tr("report-col-value")])
            .chain(summary(r).iter().map(|(id, f)| vec![tr(id), f.text(lang)]))
            .collect();
    w.table(&[120.0, 50.0], &rows);

    w.heading(&tr("report-chart-days"));
    let days: Vec<(String, f64, String)> = r
        .by_day
        .iter()
        .map(|d| {
            (
                format!("{} — {}", &d.day[8..10], tr("report-col-visits")),
                f64::from(d.visits),
                d.visits.to_string(),
            )
        })
        .collect();
    w.bar_chart(&days);
    w.heading(&tr("report-chart-procedures"));
    let procedures: Vec<(String, f64, String)> = r
        .by_procedure
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                f64::from(p.dossiers),
                p.dossiers.to_string(),
            )
        })
        .collect();
    w.bar_chart(&procedures);
    w.heading(&tr("report-chart-satisfaction"));
    let rated: u32 = r.ratings.iter().sum();
    let ratings: Vec<(String, f64, String)> = r
        .ratings
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let share = Figure::Decimal(pct(*n, rated)).text(lang);
            (
                format!("{}/5", i + 1),
                f64::from(*n),
                format!("{n} ({share} %)"),
            )
        })
        .collect();
    w.bar_chart(&ratings);

    for (name, headers, rows) in tables(r) {
        if name == "report-sheet-days" || name == "report-sheet-satisfaction" {
            continue; // already drawn as charts
        }
        w.heading(&tr(name));
        let widths: Vec<f32> = match headers.len() {
            2 => vec![120.0, 50.0],
            4 => vec![30.0, 95.0, 22.0, 23.0],
            _ => vec![75.0, 24.0, 24.0, 24.0, 23.0],
        };
        let table: Vec<Vec<String>> = std::iter::once(headers.iter().map(|h| tr(h)).collect())
            .chain(
                rows.iter()
                    .map(|row| row.iter().map(|c| c.text(lang)).collect()),
            )
            .collect();
        w.table(&widths, &table);
    }
    w.heading(&tr("report-definitions-title"));
    w.para(&tr("report-definitions"));
    Ok(w.finish()?)
}
