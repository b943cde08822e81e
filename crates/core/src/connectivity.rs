//! Whether the configured portal can be reached right now.
//!
//! The probe itself lives in gocua-sync (it does I/O); this module only names
//! its outcomes so that every crate and the UI agree on them.

/// The outcome of one connectivity probe of the configured portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Connectivity {
    /// The portal answered its health check with a protocol we speak.
    Online,
    /// Nothing answered, or not in time: no network, portal down, DNS failure.
    Offline,
    /// Something answered, but not as a portal speaking our protocol
    /// (a captive Wi-Fi login page, a wrong URL, an incompatible version).
    Incompatible,
}

impl Connectivity {
    /// True when dossiers can be sent now.
    pub fn can_sync(self) -> bool {
        matches!(self, Connectivity::Online)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_online_can_sync() {
        assert!(Connectivity::Online.can_sync());
        assert!(!Connectivity::Offline.can_sync());
        assert!(!Connectivity::Incompatible.can_sync());
    }
}
