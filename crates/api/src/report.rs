//! The team report: the month's figures (maths in `gocua_core::report`),
//! and their export as xlsx, CSV and PDF by `gocua_documents::report` — the
//! writer the team hub uses too — from the same `Report` the window shows.

use std::path::Path;

use gocua_core::date::Date;
use gocua_core::report::{DossierRecord, Report, VisitRecord, compute};

use crate::clock::VIETNAM;
use crate::dto::{
    FileSaved, ReportDay, ReportDto, ReportExport, ReportFormatCode, ReportGroup, ReportProcedure,
    ReportRequest, ReportState,
};
use crate::{ApiError, Ctx, Result};

fn bad(field: &str, value: &str) -> ApiError {
    ApiError::InvalidValue {
        field: field.into(),
        value: value.into(),
    }
}

/// The period asked for: `from`..=`to`, else the month, else this month.
fn period(ctx: &Ctx, req: &ReportRequest) -> Result<(Date, Date)> {
    if let (Some(f), Some(t)) = (&req.from, &req.to) {
        let from = Date::from_iso(f.trim()).ok_or_else(|| bad("from", f))?;
        let to = Date::from_iso(t.trim()).ok_or_else(|| bad("to", t))?;
        if to < from {
            return Err(bad("to", t));
        }
        return Ok((from, to));
    }
    let month = match &req.month {
        Some(m) => m.trim().to_owned(),
        None => {
            let today = crate::clock::vietnam_date(ctx.now());
            format!("{:04}-{:02}", today.year, today.month)
        }
    };
    Date::month(&month).ok_or_else(|| bad("month", &month))
}

/// The UTC instant where Vietnam's `day` begins, as stored stamps are
/// compared (with nanoseconds, so that stamps with and without fractions
/// order correctly against it).
fn start_of(day: Date) -> Result<String> {
    let month = time::Month::try_from(day.month).map_err(|e| ApiError::Internal(e.to_string()))?;
    let date = time::Date::from_calendar_date(i32::from(day.year), month, day.day)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let utc = date
        .midnight()
        .assume_offset(VIETNAM)
        .to_offset(time::UtcOffset::UTC);
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000000000Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    ))
}

fn records(ctx: &Ctx, from: Date, to: Date) -> Result<(Vec<VisitRecord>, Vec<DossierRecord>)> {
    let end = to.next_day().ok_or_else(|| bad("to", &to.to_string()))?;
    let (lo, hi) = (start_of(from)?, start_of(end)?);
    let fees = ctx.store()?.catalogue().online_fees()?;
    let store = ctx.store()?;
    let reports = store.reports();
    let visits = reports
        .visits(&lo, &hi)?
        .into_iter()
        .map(|v| v.record())
        .collect::<gocua_store::Result<_>>()?;
    let dossiers = reports
        .dossiers(&lo, &hi)?
        .into_iter()
        .map(|d| d.record(&fees))
        .collect::<gocua_store::Result<_>>()?;
    Ok((visits, dossiers))
}

fn group(g: gocua_core::report::GroupRow, commune: bool) -> ReportGroup {
    ReportGroup {
        name: if commune {
            crate::units::commune_name(&g.key)
        } else {
            g.key.clone()
        },
        key: g.key,
        visits: g.visits,
        citizens: g.citizens,
        dossiers: g.dossiers,
        vneid: g.vneid,
    }
}

/// A period's figures: those asked for (one volunteer's, one commune's, or
/// all), and all of them (the filter's choices).
struct Figures {
    from: Date,
    to: Date,
    operator: Option<String>,
    commune: Option<String>,
    shown: Report,
    all: Report,
}

/// The figures of a period (audited: the report counts citizens' visits).
fn figures(ctx: &Ctx, req: &ReportRequest) -> Result<Figures> {
    let (from, to) = period(ctx, req)?;
    let (visits, dossiers) = records(ctx, from, to)?;
    let all = compute(from, to, &visits, &dossiers);
    let operator = req
        .operator
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let commune = req
        .commune
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let keep_visit = |v: &&VisitRecord| {
        operator.is_none_or(|o| v.operator == o)
            && commune.is_none_or(|c| v.commune.as_deref() == Some(c))
    };
    let keep_dossier = |d: &&DossierRecord| {
        operator.is_none_or(|o| d.operator == o)
            && commune.is_none_or(|c| d.commune.as_deref() == Some(c))
    };
    let shown = if operator.is_some() || commune.is_some() {
        let v: Vec<VisitRecord> = visits.iter().filter(keep_visit).cloned().collect();
        let d: Vec<DossierRecord> = dossiers.iter().filter(keep_dossier).cloned().collect();
        compute(from, to, &v, &d)
    } else {
        all.clone()
    };
    crate::audit::audit_read(ctx, "report.read", &format!("report:{from}..{to}"))?;
    Ok(Figures {
        from,
        to,
        operator: operator.map(str::to_owned),
        commune: commune.map(str::to_owned),
        shown,
        all,
    })
}

/// The figures of a period, as the window shows them.
pub fn report(ctx: &Ctx, req: ReportRequest) -> Result<ReportDto> {
    Ok(dto(figures(ctx, &req)?, ctx.language()))
}

fn dto(f: Figures, lang: gocua_core::Language) -> ReportDto {
    let Figures {
        from,
        to,
        operator,
        commune,
        shown: r,
        all,
    } = f;
    ReportDto {
        from: from.to_string(),
        to: to.to_string(),
        operator,
        commune,
        visits: r.visits,
        citizens_served: r.citizens_served,
        vneid_level1: r.vneid_level1,
        vneid_level2: r.vneid_level2,
        vneid_blocked: r.vneid_blocked,
        portal_logins: r.portal_logins,
        dossiers: r.dossiers,
        dossiers_online: r.dossiers_online,
        online_rate: r.online_rate,
        fees_online: r.fees_online,
        fees_unknown: r.fees_unknown,
        ratings: r.ratings.to_vec(),
        satisfied_rate: r.satisfied_rate,
        average_rating: r.average_rating,
        minutes_per_dossier: r.minutes_per_dossier,
        citizens_per_volunteer_day: r.citizens_per_volunteer_day,
        by_procedure: r
            .by_procedure
            .into_iter()
            .map(|p| ReportProcedure {
                code: p.code,
                name: p.name,
                dossiers: p.dossiers,
                online: p.online,
            })
            .collect(),
        by_state: r
            .by_state
            .into_iter()
            .map(|(s, n)| ReportState {
                label: crate::dossier::state_label(lang, s),
                state: s,
                dossiers: n,
            })
            .collect(),
        by_day: r
            .by_day
            .into_iter()
            .map(|d| ReportDay {
                day: d.day.to_string(),
                visits: d.visits,
                dossiers: d.dossiers,
            })
            .collect(),
        by_volunteer: r
            .by_volunteer
            .into_iter()
            .map(|g| group(g, false))
            .collect(),
        by_commune: r.by_commune.into_iter().map(|g| group(g, true)).collect(),
        volunteers: all.by_volunteer.iter().map(|g| g.key.clone()).collect(),
        communes: all.by_commune.into_iter().map(|g| group(g, true)).collect(),
    }
}

/// Writes the report in `format` to `out`, or to the exports folder.
pub fn report_export(ctx: &Ctx, req: ReportExport, out: Option<&Path>) -> Result<FileSaved> {
    use gocua_documents::report as write;
    let lang = ctx.language();
    let f = figures(ctx, &req.report)?;
    let (from, to) = (f.from, f.to);
    let words = crate::error::l10n()?;
    let mut title = words.tr(
        lang,
        "report-title",
        &[
            ("from", from.to_string().into()),
            ("to", to.to_string().into()),
        ],
    );
    if let Some(o) = &f.operator {
        title.push_str(&format!(" — {o}"));
    }
    if let Some(c) = &f.commune {
        title.push_str(&format!(" — {}", crate::units::commune_name(c)));
    }
    let names = write::Names {
        title,
        commune: &crate::units::commune_name,
        volunteer: &str::to_owned,
    };
    let written = |e: write::Error| ApiError::Internal(e.to_string());
    let bytes = match req.format {
        ReportFormatCode::Xlsx => write::xlsx(&f.shown, words, lang, &names).map_err(written)?,
        ReportFormatCode::Csv => write::csv(&f.shown, words, lang, &names).map_err(written)?,
        ReportFormatCode::Pdf => write::pdf(&f.shown, words, lang, &names).map_err(written)?,
        ReportFormatCode::Json => serde_json::to_vec_pretty(&dto(f, lang))
            .map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    let ext = req.format.as_str();
    crate::audit::audit_read(ctx, "export.report", &format!("report:{from}..{to}"))?;
    crate::exports::write_export(
        ctx,
        out,
        &format!("bao-cao-{from}-{to}.{ext}"),
        &bytes,
        None,
    )
}

#[cfg(test)]
mod tests {
    use gocua_documents::cells::safe as csv_safe;

    #[test]
    fn text_cells_never_start_a_formula() {
        for bad in [
            "=HYPERLINK(\"http://x\",\"Lan\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let safe = csv_safe(bad);
            assert!(safe.starts_with('\''), "{bad:?}");
            assert_eq!(&safe[1..], bad);
        }
        assert_eq!(csv_safe("Nguyễn Thị Lan"), "Nguyễn Thị Lan");
        assert_eq!(csv_safe(""), "");
    }
}
