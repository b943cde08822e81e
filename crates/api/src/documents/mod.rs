//! Printed documents: what a citizen takes home or to the office, rendered
//! as a PDF file or laid out for the window's print dialog.

pub(crate) mod checklist;
pub(crate) mod consent_receipt;
