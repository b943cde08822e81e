//! gocua-protocol — the wire formats of the portal protocol and the team
//! hub's ([`hub`]).
//!
//! Both sides of each wire depend on this crate: gocua-sync (the client in
//! the app) and gocua-portal (the sandbox server) or gocua-hub. Neither side
//! depends on the other, and the command surface (gocua-api) on none of it.
//! Types here are serde DTOs that mirror the JSON on the wire; the mapping
//! from a dossier to them is gocua-sync's (`payload`). Dossier payloads
//! follow the national HoSo shape (MaHoSo, MaTTHC, TrangThaiHoSo …).
//!
//! Depends on serde, on serde_json and base64 for the hub's enrolment code
//! ([`hub::EnrolmentCode`]), and on gocua-core, whose closed sets cross the
//! wire with their stored spellings ([`hub::HandoverState`]).

#![deny(missing_docs)]

use serde::{Deserialize, Serialize};

mod hoso;
pub use hoso::*;
pub mod hub;

/// The protocol this build speaks. A portal that answers the health check with
/// another major version is treated as incompatible.
pub const PROTOCOL_VERSION: u32 = 1;

/// Path of the health check, relative to the portal's base URL.
pub const HEALTH_PATH: &str = "v1/health";

/// The body of `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always [`HEALTH_SERVICE`]: lets a client tell a portal apart from any
    /// other web server that happens to answer 200 (a captive portal, say).
    pub service: String,
    /// The protocol major version the portal speaks.
    pub protocol: u32,
    /// The server's own version string, for support staff.
    pub version: String,
}

/// The `service` value every portal speaking this protocol reports.
pub const HEALTH_SERVICE: &str = "gocua-portal";

impl Health {
    /// The health answer of a portal speaking this build's protocol.
    pub fn current(version: impl Into<String>) -> Self {
        Health {
            service: HEALTH_SERVICE.to_owned(),
            protocol: PROTOCOL_VERSION,
            version: version.into(),
        }
    }

    /// True when a client of this build can talk to the portal that sent it.
    pub fn is_compatible(&self) -> bool {
        self.service == HEALTH_SERVICE && self.protocol == PROTOCOL_VERSION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_wire_shape_is_stable() -> Result<(), serde_json::Error> {
        let json = serde_json::to_string(&Health::current("1.2.3"))?;
        assert_eq!(
            json,
            r#"{"service":"gocua-portal","protocol":1,"version":"1.2.3"}"#
        );
        Ok(())
    }

    #[test]
    fn compatibility() {
        assert!(Health::current("x").is_compatible());
        let mut other = Health::current("x");
        other.protocol = PROTOCOL_VERSION + 1;
        assert!(!other.is_compatible());
        let mut stranger = Health::current("x");
        stranger.service = "nginx".into();
        assert!(!stranger.is_compatible());
    }
}
