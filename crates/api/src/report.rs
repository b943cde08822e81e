//! The team report: the month's figures (maths in `gocua_core::report`),
//! and their export as xlsx, CSV and PDF — all three written from the same
//! [`ReportDto`], so their numbers agree.

use crate::documents::report::to_csv;
use crate::documents::report::to_pdf;
use crate::documents::report::to_xlsx;
pub use crate::documents::report::{Figure, summary};
use std::collections::BTreeMap;
use std::path::Path;

use gocua_core::date::Date;
use gocua_core::report::{DossierRecord, VisitRecord, compute};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::clock::VIETNAM;
use crate::dto::{
    FileSaved, ReportDay, ReportDto, ReportExport, ReportFormatCode, ReportGroup, ReportProcedure,
    ReportRequest, ReportState,
};
use crate::error::corrupt;
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

fn parse_stamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339).ok()
}

fn vietnam_day(s: &str) -> Option<Date> {
    parse_stamp(s).map(crate::clock::vietnam_date)
}

/// The online fee of each procedure of the active catalogue: the sum of its
/// fees' online amounts, `None` when one of them is unknown (0 when free).
pub(crate) fn online_fees(ctx: &Ctx) -> Result<BTreeMap<String, Option<u64>>> {
    let packs = ctx.store()?.catalogue().active_pack_bodies()?;
    Ok(packs
        .iter()
        .flat_map(|p| &p.procedures)
        .map(|p| {
            let fee = p
                .fees
                .iter()
                .map(|f| f.online)
                .try_fold(0u64, |sum, f| f.map(|v| sum + v));
            (p.code.clone(), fee)
        })
        .collect())
}

/// A stored row that cannot be read is a damaged database, said so: never
/// a report that silently counts less.
fn damaged(what: &str, value: &str) -> ApiError {
    corrupt(format!("stored {what} {value:?} is unreadable"))
}

/// A visit as the report counts it (also what the team hub is sent).
pub(crate) fn visit_record(v: gocua_store::ReportVisit) -> Result<VisitRecord> {
    let start = parse_stamp(&v.started_at).ok_or_else(|| damaged("visit start", &v.started_at))?;
    let minutes = match v.ended_at.as_deref() {
        None => None,
        Some(end) => {
            let end = parse_stamp(end).ok_or_else(|| damaged("visit end", end))?;
            Some((end - start).whole_minutes().max(0) as u32)
        }
    };
    Ok(VisitRecord {
        citizen: v.citizen,
        operator: v.operator,
        commune: v.place_commune,
        day: crate::clock::vietnam_date(start),
        minutes,
        vneid: v.vneid_outcome,
        portal: v.portal_outcome,
        rating: v.satisfaction,
        dossiers: v.dossiers,
    })
}

/// A dossier as the report counts it, with its procedure's online fee.
pub(crate) fn dossier_record(
    d: gocua_store::ReportDossier,
    fees: &BTreeMap<String, Option<u64>>,
) -> Result<DossierRecord> {
    Ok(DossierRecord {
        online_fee: fees.get(&d.procedure_code).copied().flatten(),
        state: d.state,
        day: vietnam_day(&d.created_at).ok_or_else(|| damaged("dossier start", &d.created_at))?,
        procedure_code: d.procedure_code,
        procedure_name: d.procedure_name,
        operator: d.operator,
        commune: d.commune,
    })
}

fn records(ctx: &Ctx, from: Date, to: Date) -> Result<(Vec<VisitRecord>, Vec<DossierRecord>)> {
    let end = to.next_day().ok_or_else(|| bad("to", &to.to_string()))?;
    let (lo, hi) = (start_of(from)?, start_of(end)?);
    let fees = online_fees(ctx)?;
    let store = ctx.store()?;
    let reports = store.reports();
    let visits = reports
        .visits(&lo, &hi)?
        .into_iter()
        .map(visit_record)
        .collect::<Result<_>>()?;
    let dossiers = reports
        .dossiers(&lo, &hi)?
        .into_iter()
        .map(|d| dossier_record(d, &fees))
        .collect::<Result<_>>()?;
    Ok((visits, dossiers))
}

pub(crate) fn commune_name(code: &str) -> String {
    if code.is_empty() {
        return "—".into();
    }
    crate::units::units()
        .ok()
        .and_then(|u| u.commune(code))
        .map(|c| format!("{}, {}", c.commune.name, c.province.name))
        .unwrap_or_else(|| code.to_owned())
}

fn group(g: gocua_core::report::GroupRow, commune: bool) -> ReportGroup {
    ReportGroup {
        name: if commune {
            commune_name(&g.key)
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

/// The figures of a period (audited: the report counts citizens' visits).
pub fn report(ctx: &Ctx, req: ReportRequest) -> Result<ReportDto> {
    let lang = ctx.language();
    let (from, to) = period(ctx, &req)?;
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
    let r = if operator.is_some() || commune.is_some() {
        let v: Vec<VisitRecord> = visits.iter().filter(keep_visit).cloned().collect();
        let d: Vec<DossierRecord> = dossiers.iter().filter(keep_dossier).cloned().collect();
        compute(from, to, &v, &d)
    } else {
        all.clone()
    };
    crate::audit::audit_read(ctx, "report.read", &format!("report:{from}..{to}"))?;
    Ok(ReportDto {
        from: from.to_string(),
        to: to.to_string(),
        operator: operator.map(str::to_owned),
        commune: commune.map(str::to_owned),
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
                state: s.into(),
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
    })
}

/// Writes the report in `format` to `out`, or to the exports folder.
pub fn report_export(ctx: &Ctx, req: ReportExport, out: Option<&Path>) -> Result<FileSaved> {
    let lang = ctx.language();
    let r = report(ctx, req.report)?;
    let bytes = match req.format {
        ReportFormatCode::Xlsx => to_xlsx(&r, lang)?,
        ReportFormatCode::Csv => to_csv(&r, lang)?,
        ReportFormatCode::Pdf => to_pdf(&r, lang)?,
        ReportFormatCode::Json => {
            serde_json::to_vec_pretty(&r).map_err(|e| ApiError::Internal(e.to_string()))?
        }
    };
    let ext = req.format.as_str();
    crate::audit::audit_read(
        ctx,
        "export.report",
        &format!("report:{}..{}", r.from, r.to),
    )?;
    crate::exports::write_export(
        ctx,
        out,
        &format!("bao-cao-{}-{}.{ext}", r.from, r.to),
        &bytes,
        None,
    )
}

#[cfg(test)]
mod tests {
    use crate::documents::report::csv_safe;

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
