//! gocua-api's integration tests, one binary (the crash test, which runs
//! itself as a child process, stays apart in `tests/crash.rs`).

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod bindings;
mod common;
mod dossier;
mod report;
mod search_recall;
mod sync;
mod units;
