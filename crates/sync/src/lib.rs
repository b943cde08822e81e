//! gocua-sync — talking to the portal.
//!
//! Owns the portal base URL ([`PortalUrl`]), the connectivity [`Prober`], the
//! protocol client ([`PortalClient`]), the whole sync pass ([`sync_pass`]:
//! registration under one lasting identity, the token and its reset, the
//! unreachable mark, one pass per data folder) and the outbox worker ([`run_once`]):
//! uploads resume from the offset the portal confirmed, every operation
//! carries its Idempotency-Key, failures back off with full jitter (and
//! Retry-After), refusals are quarantined without blocking other dossiers,
//! and the status feed moves local dossiers on. The clock and randomness are
//! injected, so tests drive it against the sandbox portal on loopback.
//!
//! Depends on gocua-core, gocua-store and gocua-protocol; HTTP via reqwest
//! (rustls). Knows nothing of Tauri or the UI.

#![deny(missing_docs)]

mod backoff;
mod client;
pub mod hub;
mod pass;
pub mod payload;
mod probe;
mod url;
mod worker;

pub use backoff::Backoff;
pub use client::{PortalClient, SendError};
pub use pass::{PassContext, PassOutcome, sync_pass};
pub use probe::{PROBE_TIMEOUT, Prober};
pub use url::{InvalidPortalUrl, PortalUrl};
pub use worker::{Pass, Policy, SyncError, component_code, is_portal_code, next_due_in, run_once};
