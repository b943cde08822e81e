//! The `setting` table: device-local preferences as key → text value.
//!
//! Keys are a closed enum so that a typo cannot create a setting nobody reads.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// The settings this app knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKey {
    /// Interface language code (`vi`, `en`).
    Language,
    /// Base URL of the portal that dossiers are sent to.
    PortalUrl,
    /// The volunteer's name, prefilled at the next visit.
    OperatorName,
    /// Days a citizen's data is kept after their last visit.
    RetentionDays,
    /// How citizens reach the team (phone, office), printed on checklists.
    TeamContact,
    /// This laptop's bearer token at the portal (kept in the encrypted database).
    PortalToken,
    /// The portal URL the token belongs to (a new portal means a new registration).
    PortalTokenUrl,
    /// The secret this laptop registers with (64 hex digits), made once: the
    /// portal knows the laptop again by it after a lost token or a new URL.
    PortalInstallationKey,
    /// The laptop's device id at the portal, as its last registration said.
    PortalDeviceId,
    /// Where the status feed was read up to.
    SyncCursor,
    /// When the portal's latest catalogue pack was last asked for (RFC 3339).
    CatalogueCheckedAt,
    /// When the retention purge last ran by itself (RFC 3339).
    RetentionPurgedAt,
    /// The version of the team hub's guides installed last.
    HubGuidesVersion,
    /// The team's roster from the hub (`gocua_protocol::hub::Roster` JSON),
    /// checked when it was installed.
    HubRoster,
    /// The secret this laptop joins a team hub with (64 hex digits), made
    /// once and kept through leaving and joining again: the hub knows the
    /// laptop again by it, so its records are never counted twice.
    HubInstallationKey,
}

impl SettingKey {
    /// The key as stored in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            SettingKey::Language => "language",
            SettingKey::PortalUrl => "portal_url",
            SettingKey::OperatorName => "operator_name",
            SettingKey::RetentionDays => "retention_days",
            SettingKey::TeamContact => "team_contact",
            SettingKey::PortalToken => "portal_token",
            SettingKey::PortalTokenUrl => "portal_token_url",
            SettingKey::PortalInstallationKey => "portal_installation_key",
            SettingKey::PortalDeviceId => "portal_device_id",
            SettingKey::SyncCursor => "sync_cursor",
            SettingKey::CatalogueCheckedAt => "catalogue_checked_at",
            SettingKey::RetentionPurgedAt => "retention_purged_at",
            SettingKey::HubGuidesVersion => "hub_guides_version",
            SettingKey::HubRoster => "hub_roster",
            SettingKey::HubInstallationKey => "hub_installation_key",
        }
    }
}

/// Read handle on the settings.
#[derive(Debug)]
pub struct Settings<'a> {
    conn: &'a Connection,
}

impl<'a> Settings<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Settings { conn }
    }

    /// The stored value, or `None` if the setting was never written.
    pub fn get(&self, key: SettingKey) -> Result<Option<String>> {
        get(self.conn, key)
    }
}

/// Write handle on the settings, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct SettingsMut<'a> {
    tx: &'a Connection,
}

impl<'a> SettingsMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        SettingsMut { tx }
    }

    /// The value as this transaction sees it.
    pub fn get(&self, key: SettingKey) -> Result<Option<String>> {
        get(self.tx, key)
    }

    /// Inserts or replaces a setting.
    pub fn set(&mut self, key: SettingKey, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
            params![key.as_str(), value],
        )?;
        Ok(())
    }

    /// Removes a setting, so its default applies again.
    pub fn unset(&mut self, key: SettingKey) -> Result<()> {
        self.tx
            .execute("DELETE FROM setting WHERE key = ?1", params![key.as_str()])?;
        Ok(())
    }
}

fn get(conn: &Connection, key: SettingKey) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM setting WHERE key = ?1",
            params![key.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn set_get_replace_unset() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        assert_eq!(store.settings().get(SettingKey::PortalUrl)?, None);

        let w = store.write()?;
        let mut tx = w.settings();
        tx.set(SettingKey::PortalUrl, "http://a")?;
        tx.set(SettingKey::PortalUrl, "http://b")?;
        assert_eq!(tx.get(SettingKey::PortalUrl)?.as_deref(), Some("http://b"));
        w.commit()?;
        assert_eq!(
            store.settings().get(SettingKey::PortalUrl)?.as_deref(),
            Some("http://b")
        );

        let w = store.write()?;
        let mut tx = w.settings();
        tx.unset(SettingKey::PortalUrl)?;
        w.commit()?;
        assert_eq!(store.settings().get(SettingKey::PortalUrl)?, None);
        Ok(())
    }

    #[test]
    fn uncommitted_changes_roll_back() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        {
            let w = store.write()?;
            let mut tx = w.settings();
            tx.set(SettingKey::Language, "en")?;
        }
        assert_eq!(store.settings().get(SettingKey::Language)?, None);
        Ok(())
    }
}
