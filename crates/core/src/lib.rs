//! gocua-core — the domain of Gõ Cửa, kept pure.
//!
//! This crate owns the vocabulary every other crate speaks: the interface
//! [`Language`], the [`Connectivity`] of the configured portal, the
//! catalogue model with fees and signed packs, form schemas and answers, the
//! CCCD QR parser, Vietnamese text folding and search, admin units, the
//! dossier state machine, the outbox's closed sets, operators' roles and PIN
//! rules, and the report maths.
//!
//! Architecture invariant: nothing here performs I/O, reads a clock or draws
//! random numbers. Time and identifiers are passed in by the caller, so every
//! function is deterministic and testable with plain values. It depends on
//! `std`, `serde` (derives), `serde_json` and `serde_path_to_error` (parsing
//! from text), `unicode-normalization`, `ed25519-dalek` and `base64`
//! (pure signature checks of packs), `curve25519-dalek`, `hkdf`, `sha2` and
//! `chacha20poly1305` (sealing hand-over envelopes, randomness passed in) and `thiserror`; never on SQLite, HTTP, Tokio
//! or Tauri.

#![deny(missing_docs)]

#[macro_use]
mod macros;

pub mod catalogue;
pub mod cccd;
pub mod connectivity;
pub mod date;
pub mod dossier;
pub mod form;
pub mod handover;
pub mod hex;
pub mod lang;
pub mod operator;
pub mod outbox;
pub mod report;
pub mod sealed;
pub mod search;
mod spelling;
pub mod text;
pub mod units;
pub mod visit;

pub use connectivity::Connectivity;
pub use lang::{Language, UnknownLanguage};
