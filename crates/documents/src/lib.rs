//! gocua-documents — the documents the laptop and the team hub both write,
//! which share no other crate: printable A4 PDFs with the Vietnamese font
//! embedded ([`pdf`]) and spreadsheet cells that cannot run as formulas
//! ([`cells`]). Used by the laptop (`gocua-api`: checklists, receipts,
//! reports) and by the team hub (`gocua-hub`: the dashboard's exports), so
//! a rule about a document is written once.
//!
//! Text comes translated from the caller; nothing here knows what a consent
//! or a dossier is.

pub mod cells;
pub mod pdf;
