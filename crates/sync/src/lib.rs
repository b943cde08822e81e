//! gocua-sync — everything the laptop says to the outside world, and when.
//!
//! [`portal`]: the portal base URL ([`PortalUrl`]), the connectivity
//! [`Prober`], the protocol client ([`PortalClient`]), the whole sync pass
//! ([`sync_pass`]: registration under one lasting identity, the token and its
//! reset, the unreachable mark) and the outbox worker ([`run_once`]): uploads
//! resume from the offset the portal confirmed, every operation carries its
//! Idempotency-Key, failures back off with full jitter (and Retry-After),
//! refusals are quarantined without blocking other dossiers, and the status
//! feed moves local dossiers on.
//!
//! [`hub`]: the team hub — joining, the pass that sends report records
//! pseudonymously and exactly once and keeps the audit chain anchored, the
//! signed content it brings back, and the hand-over of drafts.
//!
//! [`lock`]: one pass at a time per data folder, across processes.
//! [`background`]: the one schedule the desktop app and the headless daemon
//! run.
//!
//! The clock and randomness are injected, so tests drive it against the
//! sandbox portal and a real hub on loopback. Depends on gocua-core,
//! gocua-store and gocua-protocol; HTTP via reqwest (rustls). Knows nothing
//! of Tauri, the UI or the command surface.

#![deny(missing_docs)]

pub mod background;
pub mod hub;
pub mod lock;
pub mod portal;

/// A new installation secret — the laptop's one identity at a remote,
/// made once and kept — as 32 random bytes in 64 lower-case hex digits.
pub(crate) fn new_installation_key() -> Result<String, getrandom::Error> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b)?;
    Ok(gocua_core::hex::encode(&b))
}

pub use portal::backoff::Backoff;
pub use portal::client::{PortalClient, SendError};
pub use portal::pass::{PassContext, PassOutcome, sync_pass};
pub use portal::payload;
pub use portal::probe::{PROBE_TIMEOUT, Prober};
pub use portal::url::{InvalidPortalUrl, PortalUrl};
pub use portal::worker::{
    Pass, Policy, SyncError, component_code, is_portal_code, next_due_in, run_once,
};
