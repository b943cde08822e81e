//! The two reads behind the team report: visits and dossiers started in a
//! period, with what the report maths needs of each.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};

use gocua_core::dossier::DossierState;
use gocua_core::report::{DossierRecord, VisitRecord};
use gocua_core::visit::{PortalOutcome, VneidOutcome};

use crate::clock::{parse_stamp, vietnam_date};
use crate::{Error, Result};

/// A stored stamp that cannot be read is a damaged database, said so:
/// never a report that silently counts less.
fn damaged(what: &str, value: &str) -> Error {
    Error::Corrupt(format!("stored {what} {value:?} is unreadable"))
}

impl ReportVisit {
    /// The visit as the report counts it (also what the team hub is sent):
    /// its day in Viet Nam, its length in whole minutes.
    pub fn record(self) -> Result<VisitRecord> {
        let start = parse_stamp(&self.started_at)
            .ok_or_else(|| damaged("visit start", &self.started_at))?;
        let minutes = match self.ended_at.as_deref() {
            None => None,
            Some(end) => {
                let end = parse_stamp(end).ok_or_else(|| damaged("visit end", end))?;
                Some((end - start).whole_minutes().max(0) as u32)
            }
        };
        Ok(VisitRecord {
            citizen: self.citizen,
            operator: self.operator,
            commune: self.place_commune,
            day: vietnam_date(start),
            minutes,
            vneid: self.vneid_outcome,
            portal: self.portal_outcome,
            rating: self.satisfaction,
            dossiers: self.dossiers,
        })
    }
}

impl ReportDossier {
    /// The dossier as the report counts it, with its procedure's online fee
    /// (`fees` as [`crate::Catalogue::online_fees`] reads them).
    pub fn record(self, fees: &BTreeMap<String, Option<u64>>) -> Result<DossierRecord> {
        let day = parse_stamp(&self.created_at)
            .map(vietnam_date)
            .ok_or_else(|| damaged("dossier start", &self.created_at))?;
        Ok(DossierRecord {
            online_fee: fees.get(&self.procedure_code).copied().flatten(),
            state: self.state,
            day,
            procedure_code: self.procedure_code,
            procedure_name: self.procedure_name,
            operator: self.operator,
            commune: self.commune,
        })
    }
}

/// A visit of the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportVisit {
    /// The citizen, if stored.
    pub citizen: Option<i64>,
    /// The volunteer.
    pub operator: String,
    /// Where.
    pub place_commune: Option<String>,
    /// RFC 3339.
    pub started_at: String,
    /// RFC 3339, once ended.
    pub ended_at: Option<String>,
    /// Where the VNeID help ended.
    pub vneid_outcome: VneidOutcome,
    /// Where the portal-login help ended.
    pub portal_outcome: PortalOutcome,
    /// 1–5.
    pub satisfaction: Option<u8>,
    /// Dossiers started in it.
    pub dossiers: u32,
}

/// A dossier started in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDossier {
    /// Procedure code.
    pub procedure_code: String,
    /// Procedure name.
    pub procedure_name: String,
    /// Where it is.
    pub state: DossierState,
    /// RFC 3339.
    pub created_at: String,
    /// Who started it.
    pub operator: String,
    /// The commune of its visit.
    pub commune: Option<String>,
}

/// Read handle for reports.
#[derive(Debug)]
pub struct Reports<'a> {
    conn: &'a Connection,
}

impl<'a> Reports<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Reports { conn }
    }

    /// Visits started in `[from, to)` (RFC 3339 UTC bounds).
    pub fn visits(&self, from: &str, to: &str) -> Result<Vec<ReportVisit>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{VISIT} WHERE v.started_at >= ?1 AND v.started_at < ?2"
        ))?;
        let rows = stmt.query_map([from, to], visit)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One visit as the report sees it (what the team hub is sent), `None`
    /// when it is gone.
    pub fn visit(&self, id: i64) -> Result<Option<ReportVisit>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{VISIT} WHERE v.id = ?1"))?;
        Ok(stmt.query_row([id], visit).optional()?)
    }

    /// Dossiers started in `[from, to)` (RFC 3339 UTC bounds).
    pub fn dossiers(&self, from: &str, to: &str) -> Result<Vec<ReportDossier>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{DOSSIER} WHERE d.created_at >= ?1 AND d.created_at < ?2"
        ))?;
        let rows = stmt.query_map([from, to], dossier)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One dossier as the report sees it, `None` when it is gone.
    pub fn dossier(&self, id: &str) -> Result<Option<ReportDossier>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{DOSSIER} WHERE d.id = ?1"))?;
        Ok(stmt.query_row([id], dossier).optional()?)
    }
}

const VISIT: &str = "SELECT v.citizen, v.operator, v.place_commune, v.started_at, v.ended_at,
        v.vneid_outcome, v.portal_outcome, v.satisfaction,
        (SELECT count(*) FROM dossier d WHERE d.visit = v.id)
     FROM visit v";

fn visit(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportVisit> {
    Ok(ReportVisit {
        citizen: r.get(0)?,
        operator: r.get(1)?,
        place_commune: r.get(2)?,
        started_at: r.get(3)?,
        ended_at: r.get(4)?,
        vneid_outcome: crate::parsed(r, 5)?,
        portal_outcome: crate::parsed(r, 6)?,
        satisfaction: r.get(7)?,
        dossiers: r.get(8)?,
    })
}

const DOSSIER: &str =
    "SELECT d.procedure_code, d.procedure_name, d.state, d.created_at, d.operator,
        v.place_commune
     FROM dossier d LEFT JOIN visit v ON v.id = d.visit";

fn dossier(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReportDossier> {
    Ok(ReportDossier {
        procedure_code: r.get(0)?,
        procedure_name: r.get(1)?,
        state: crate::parsed(r, 2)?,
        created_at: r.get(3)?,
        operator: r.get(4)?,
        commune: r.get(5)?,
    })
}
