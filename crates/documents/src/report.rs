//! The team report as files people keep — xlsx (numbers as numbers, headers
//! in bold), CSV (safe against spreadsheet formulas) and a printable PDF —
//! from [`gocua_core::report::Report`], so a laptop's month and a hub's team,
//! commune or province write the same summary and the same tables, with one
//! formula guard and one way of writing a number and a date.
//!
//! What only the caller knows comes in [`Names`]: the title, and the names
//! of the communes and volunteers behind the report's keys.

use gocua_core::Language;
use gocua_core::dossier::DossierState;
use gocua_core::report::{GroupRow, Report};
use gocua_i18n::Localizer;

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spreadsheet writer failed.
    #[error("xlsx: {0}")]
    Xlsx(String),
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(String),
    /// The PDF writer failed.
    #[error(transparent)]
    Pdf(#[from] crate::pdf::Error),
}

/// What the caller knows that the report does not.
pub struct Names<'a> {
    /// The report's title (the period, and whose report it is).
    pub title: String,
    /// A commune's name from its code (the key of `by_commune`).
    pub commune: &'a dyn Fn(&str) -> String,
    /// A volunteer's name from their key (the key of `by_volunteer`).
    pub volunteer: &'a dyn Fn(&str) -> String,
}

/// One figure of the summary, as every export writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// A count or an amount.
    Count(u64),
    /// A ratio or an average, absent when there is nothing to divide by.
    Decimal(Option<f64>),
}

impl Figure {
    /// As text in `lang` (thousands grouped; one decimal; `—` when absent).
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

/// The summary rows (Fluent id of the label, figure), in report order: the
/// fifteen indicators every report carries.
pub fn summary(r: &Report) -> Vec<(&'static str, Figure)> {
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

/// A share in percent, absent when there is nothing to divide by.
pub fn pct(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (a name, a code, a day).
    Text(String),
    /// A count.
    Int(u64),
    /// A ratio, absent when there is nothing to divide by.
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

/// A table of the report: its title id, its column header ids, its rows.
pub struct Table {
    /// The Fluent id of its title (a sheet's name).
    pub title: &'static str,
    /// The Fluent ids of its column headers.
    pub headers: Vec<&'static str>,
    /// Its rows.
    pub rows: Vec<Vec<Cell>>,
}

/// The tables every export writes, in order: days, procedures, states,
/// volunteers, communes, satisfaction.
pub fn tables(r: &Report, words: &Localizer, lang: Language, names: &Names<'_>) -> Vec<Table> {
    let rated: u32 = r.ratings.iter().sum();
    vec![
        Table {
            title: "report-sheet-days",
            headers: vec!["report-col-day", "report-col-visits", "report-col-dossiers"],
            rows: r
                .by_day
                .iter()
                .map(|d| {
                    vec![
                        Cell::Text(d.day.to_string()),
                        Cell::Int(d.visits.into()),
                        Cell::Int(d.dossiers.into()),
                    ]
                })
                .collect(),
        },
        Table {
            title: "report-sheet-procedures",
            headers: vec![
                "report-col-code",
                "report-col-procedure",
                "report-col-dossiers",
                "report-col-online",
            ],
            rows: r
                .by_procedure
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
        },
        Table {
            title: "report-sheet-states",
            headers: vec!["report-col-state", "report-col-dossiers"],
            rows: r
                .by_state
                .iter()
                .map(|(s, n)| {
                    vec![
                        Cell::Text(state_label(words, lang, *s)),
                        Cell::Int((*n).into()),
                    ]
                })
                .collect(),
        },
        groups(
            "report-sheet-volunteers",
            "report-col-volunteer",
            &r.by_volunteer,
            names.volunteer,
        ),
        groups(
            "report-sheet-communes",
            "report-col-commune",
            &r.by_commune,
            names.commune,
        ),
        Table {
            title: "report-sheet-satisfaction",
            headers: vec!["report-col-rating", "report-col-count", "report-col-share"],
            rows: r
                .ratings
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
        },
    ]
}

/// A table of groups (volunteers, communes): each one's name, then its
/// visits, citizens, dossiers and VNeID accounts.
fn groups(
    title: &'static str,
    who: &'static str,
    rows: &[GroupRow],
    name: &dyn Fn(&str) -> String,
) -> Table {
    Table {
        title,
        headers: vec![
            who,
            "report-col-visits",
            "report-col-citizens",
            "report-col-dossiers",
            "report-col-vneid",
        ],
        rows: rows
            .iter()
            .map(|g| {
                vec![
                    Cell::Text(name(&g.key)),
                    Cell::Int(g.visits.into()),
                    Cell::Int(g.citizens.into()),
                    Cell::Int(g.dossiers.into()),
                    Cell::Int(g.vneid.into()),
                ]
            })
            .collect(),
    }
}

/// A dossier state as the volunteer reads it (`dossier-state`).
pub fn state_label(words: &Localizer, lang: Language, state: DossierState) -> String {
    words.tr(
        lang,
        "dossier-state",
        &[("state", state.to_string().into())],
    )
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Xlsx(e.to_string())
}

/// The report as an .xlsx workbook: a summary sheet and one sheet per table,
/// headers in bold, widths set, decimals formatted.
pub fn xlsx(
    r: &Report,
    words: &Localizer,
    lang: Language,
    names: &Names<'_>,
) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let tr = |id: &str| words.tr(lang, id, &[]);
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
        .write_string_with_format(0, 0, &names.title, &heading)
        .map_err(xlsx_err)?;
    sheet
        .write_string_with_format(2, 0, tr("report-col-figure"), &bold)
        .map_err(xlsx_err)?;
    sheet
        .write_string_with_format(2, 1, tr("report-col-value"), &bold)
        .map_err(xlsx_err)?;
    let figures = summary(r);
    for (i, (id, figure)) in figures.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 0, tr(id)).map_err(xlsx_err)?;
        match figure {
            Figure::Count(n) => sheet.write_number_with_format(row, 1, *n as f64, &count),
            Figure::Decimal(Some(x)) => sheet.write_number_with_format(row, 1, *x, &decimal),
            Figure::Decimal(None) => sheet.write_string(row, 1, "—"),
        }
        .map_err(xlsx_err)?;
    }
    sheet
        .write_string(4 + figures.len() as u32, 0, tr("report-definitions"))
        .map_err(xlsx_err)?;
    sheet.set_column_width(0, 48).map_err(xlsx_err)?;
    sheet.set_column_width(1, 16).map_err(xlsx_err)?;

    for table in tables(r, words, lang, names) {
        let sheet = book.add_worksheet();
        sheet.set_name(tr(table.title)).map_err(xlsx_err)?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, tr(h), &bold)
                .map_err(xlsx_err)?;
            let wide = c == 0 || *h == "report-col-procedure";
            sheet
                .set_column_width(c as u16, if wide { 40 } else { 14 })
                .map_err(xlsx_err)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
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

/// The report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs
/// read the Vietnamese right): the title, the summary, then each table under
/// its title, separated by empty lines. Decimals use the language's
/// separator; text never starts a formula.
pub fn csv(
    r: &Report,
    words: &Localizer,
    lang: Language,
    names: &Names<'_>,
) -> Result<Vec<u8>, Error> {
    let tr = |id: &str| words.tr(lang, id, &[]);
    let csv_err = |e: csv::Error| Error::Csv(e.to_string());
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        w.write_record([crate::cells::safe(&names.title)])
            .map_err(csv_err)?;
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
        for table in tables(r, words, lang, names) {
            w.write_record([""]).map_err(csv_err)?;
            w.write_record([tr(table.title)]).map_err(csv_err)?;
            w.write_record(table.headers.iter().map(|h| tr(h)))
                .map_err(csv_err)?;
            for row in table.rows {
                w.write_record(row.iter().map(|c| match c {
                    Cell::Text(text) => crate::cells::safe(text),
                    other => other.text(lang),
                }))
                .map_err(csv_err)?;
            }
        }
        w.flush().map_err(|e| Error::Csv(e.to_string()))?;
    }
    Ok(out)
}

/// The report as an A4 PDF: the summary, charts (visits by day, dossiers by
/// procedure, satisfaction) and the other tables, the font embedded.
pub fn pdf(
    r: &Report,
    words: &Localizer,
    lang: Language,
    names: &Names<'_>,
) -> Result<Vec<u8>, Error> {
    let tr = |id: &str| words.tr(lang, id, &[]);
    let mut w = crate::pdf::Writer::new(&names.title)?;
    w.title(&names.title);
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
                format!("{:02} — {}", d.day.day, tr("report-col-visits")),
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

    for table in tables(r, words, lang, names) {
        if table.title == "report-sheet-days" || table.title == "report-sheet-satisfaction" {
            continue; // already drawn as charts
        }
        w.heading(&tr(table.title));
        let widths: Vec<f32> = match table.headers.len() {
            2 => vec![120.0, 50.0],
            4 => vec![30.0, 95.0, 22.0, 23.0],
            _ => vec![75.0, 24.0, 24.0, 24.0, 23.0],
        };
        let rows: Vec<Vec<String>> = std::iter::once(table.headers.iter().map(|h| tr(h)).collect())
            .chain(
                table
                    .rows
                    .iter()
                    .map(|row| row.iter().map(|c| c.text(lang)).collect()),
            )
            .collect();
        w.table(&widths, &rows);
    }
    w.heading(&tr("report-definitions-title"));
    w.para(&tr("report-definitions"));
    Ok(w.finish()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gocua_core::date::Date;
    use gocua_core::report::{DossierRecord, VisitRecord, compute};
    use gocua_core::visit::{PortalOutcome, VneidOutcome};

    fn sample() -> Report {
        let day = Date {
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
            vneid: VneidOutcome::Level2,
            portal: PortalOutcome::LoggedIn,
            rating: Some(5),
            dossiers: 1,
        };
        let d = DossierRecord {
            procedure_code: "1.001612".into(),
            procedure_name: "=HYPERLINK(\"http://x\")".into(),
            state: DossierState::Draft,
            day,
            operator: "a".into(),
            commune: Some("00004".into()),
            online_fee: None,
        };
        compute(day, day, &[v.clone(), v], &[d])
    }

    fn names() -> Names<'static> {
        Names {
            title: "Báo cáo tháng 11".into(),
            commune: &|c| format!("Phường {c}"),
            volunteer: &|v| format!("Tình nguyện viên {v}"),
        }
    }

    #[test]
    fn the_csv_carries_every_indicator_and_table_and_never_a_formula()
    -> Result<(), Box<dyn std::error::Error>> {
        let words = Localizer::global()?;
        let text = String::from_utf8(csv(&sample(), words, Language::Vi, &names())?)?;
        assert!(text.starts_with('\u{feff}'));
        for (id, _) in summary(&sample()) {
            assert!(text.contains(&words.tr(Language::Vi, id, &[])), "{id}");
        }
        for t in tables(&sample(), words, Language::Vi, &names()) {
            assert!(
                text.contains(&words.tr(Language::Vi, t.title, &[])),
                "{}",
                t.title
            );
        }
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("Phường 00004,2,1,1,2"), "{text}");
        assert!(text.contains("Tình nguyện viên a,2,1,1,2"), "{text}");
        Ok(())
    }

    #[test]
    fn the_workbook_has_a_sheet_per_table_and_the_pdf_embeds_its_font()
    -> Result<(), Box<dyn std::error::Error>> {
        use calamine::Reader as _;
        let words = Localizer::global()?;
        let book = xlsx(&sample(), words, Language::En, &names())?;
        let xlsx: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(book))?;
        assert_eq!(xlsx.sheet_names().len(), 7);
        let pdf = pdf(&sample(), words, Language::Vi, &names())?;
        assert!(pdf.starts_with(b"%PDF"));
        assert!(String::from_utf8_lossy(&pdf).contains("FontFile2"));
        Ok(())
    }
}
