//! gocua-documents — the documents the laptop and the team hub both write:
//! the team report as xlsx, CSV and PDF from core's `Report` ([`report`]),
//! printable A4 PDFs with the Vietnamese font embedded ([`pdf`]) and
//! spreadsheet cells that cannot run as formulas ([`cells`]). Used by the
//! laptop (`gocua-api`: checklists, receipts, reports) and by the team hub
//! (`gocua-hub`: the dashboard's exports), so a report, a formula guard or
//! a number's format is written once.
//!
//! Labels come from the shared Fluent files; what only the caller knows (a
//! title, a commune's or a volunteer's name) is handed in.

pub mod cells;
pub mod pdf;
pub mod report;
