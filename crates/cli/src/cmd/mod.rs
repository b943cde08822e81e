//! One module per group of subcommands; `main` sends each command to its group.

pub(crate) mod app;
pub(crate) mod backup;
pub(crate) mod catalog;
pub(crate) mod citizen;
pub(crate) mod dossier;
pub(crate) mod hub;
pub(crate) mod operator;
pub(crate) mod report;
pub(crate) mod sync;
