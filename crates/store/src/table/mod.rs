//! One module per table, each with its SQL next to its Rust.

pub mod attachment;
pub mod audit;
pub mod catalogue;
pub mod citizen;
pub mod dossier;
pub mod handover;
pub mod hub;
pub mod operator;
pub mod outbox;
pub mod report;
pub mod setting;
pub mod visit;
