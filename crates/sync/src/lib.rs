//! gocua-sync — talking to the portal.
//!
//! Owns the portal base URL ([`PortalUrl`]) and the connectivity [`probe`];
//! the outbox worker, resumable uploads and the status pull will live here
//! too. The clock and the base URL are injected, never read from globals, so
//! tests drive it against the sandbox portal on loopback.
//!
//! Depends on gocua-core, gocua-store and gocua-protocol; HTTP via reqwest
//! (rustls). Knows nothing of Tauri or the UI.

#![deny(missing_docs)]

mod probe;
mod url;

pub use probe::{PROBE_TIMEOUT, Prober};
pub use url::{InvalidPortalUrl, PortalUrl};
