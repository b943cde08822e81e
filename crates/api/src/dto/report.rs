//! The team report: the request, the figures and the export.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which report: a month (`YYYY-MM`) or a date range, optionally one
/// volunteer's or one commune's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct ReportRequest {
    /// `YYYY-MM`; ignored when `from` and `to` are given.
    #[serde(default)]
    pub month: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day (inclusive), `YYYY-MM-DD`.
    #[serde(default)]
    pub to: Option<String>,
    /// Only this volunteer's visits and dossiers.
    #[serde(default)]
    pub operator: Option<String>,
    /// Only visits (and their dossiers) in this commune (GSO code).
    #[serde(default)]
    pub commune: Option<String>,
}

/// Dossiers of one procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportProcedure {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Started.
    pub dossiers: u32,
    /// Of which reached the portal.
    pub online: u32,
}

/// Dossiers in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportState {
    /// State spelling.
    pub state: DossierState,
    /// In words.
    pub label: String,
    /// How many.
    pub dossiers: u32,
}

/// One day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Visits.
    pub visits: u32,
    /// Dossiers started.
    pub dossiers: u32,
}

/// One volunteer or commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportGroup {
    /// Volunteer name or commune code.
    pub key: String,
    /// What to show (the commune's name).
    pub name: String,
    /// Visits.
    pub visits: u32,
    /// Citizens served.
    pub citizens: u32,
    /// Dossiers started.
    pub dossiers: u32,
    /// VNeID accounts helped.
    pub vneid: u32,
}

/// The team's figures for a period (definitions in `gocua_core::report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportDto {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// The volunteer filter, if any.
    pub operator: Option<String>,
    /// The commune filter, if any (code).
    pub commune: Option<String>,
    /// Visits.
    pub visits: u32,
    /// Citizens served.
    pub citizens_served: u32,
    /// VNeID level 1 accounts helped.
    pub vneid_level1: u32,
    /// VNeID level 2 set up.
    pub vneid_level2: u32,
    /// VNeID help blocked.
    pub vneid_blocked: u32,
    /// Portal logins set up.
    pub portal_logins: u32,
    /// Dossiers started.
    pub dossiers: u32,
    /// Of which reached the portal.
    pub dossiers_online: u32,
    /// Percent.
    pub online_rate: Option<f64>,
    /// Known online fees of the dossiers sent, in đồng.
    pub fees_online: u64,
    /// Dossiers sent whose online fee is unknown.
    pub fees_unknown: u32,
    /// Ratings 1–5.
    pub ratings: Vec<u32>,
    /// Share of 4 and 5, percent.
    pub satisfied_rate: Option<f64>,
    /// Average rating.
    pub average_rating: Option<f64>,
    /// Minutes per dossier.
    pub minutes_per_dossier: Option<f64>,
    /// Citizens per volunteer per day.
    pub citizens_per_volunteer_day: Option<f64>,
    /// Per procedure, most first.
    pub by_procedure: Vec<ReportProcedure>,
    /// Per state.
    pub by_state: Vec<ReportState>,
    /// Every day.
    pub by_day: Vec<ReportDay>,
    /// Per volunteer.
    pub by_volunteer: Vec<ReportGroup>,
    /// Per commune.
    pub by_commune: Vec<ReportGroup>,
    /// The volunteers of the period (for the filter).
    pub volunteers: Vec<String>,
    /// The communes of the period (for the filter).
    pub communes: Vec<ReportGroup>,
}

/// Export a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportExport {
    /// Which report.
    pub report: ReportRequest,
    /// `xlsx`, `csv`, `pdf` or `json`.
    pub format: ReportFormatCode,
}
