//! The team hub's tables: this laptop's enrolment (`hub_link`) and the
//! report records the hub has not acknowledged yet (`hub_pending`, filled by
//! triggers on `visit` and `dossier`, see migration 13).

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// This laptop's enrolment at a hub.
#[derive(Clone, PartialEq, Eq)]
pub struct HubLink {
    /// The hub's base URL (`https://…`).
    pub url: String,
    /// SHA-256 of the hub certificate (lowercase hex), pinned.
    pub fingerprint: String,
    /// This laptop's id at the hub.
    pub device_id: String,
    /// The device's ed25519 secret key (32 bytes).
    pub device_secret: Vec<u8>,
    /// The team's id at the hub.
    pub team_id: String,
    /// The team's name.
    pub team_name: String,
    /// The province's content-signing key (ed25519, base64).
    pub province_key: String,
    /// Salt of operator pseudonyms (the team's).
    pub team_salt: Vec<u8>,
    /// Salt of citizen pseudonyms (this device's).
    pub device_salt: Vec<u8>,
    /// When it joined (RFC 3339).
    pub joined_at: String,
    /// When the hub said this laptop is revoked.
    pub revoked_at: Option<String>,
    /// When the last sync succeeded.
    pub last_sync_at: Option<String>,
    /// What went wrong last time, if it did (technical, for support).
    pub last_error: Option<String>,
}

impl std::fmt::Debug for HubLink {
    // The device key never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubLink")
            .field("url", &self.url)
            .field("device_id", &self.device_id)
            .field("team_id", &self.team_id)
            .field("revoked_at", &self.revoked_at)
            .finish_non_exhaustive()
    }
}

/// What kind of report record changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    /// A visit (`visit.id`).
    Visit,
    /// A dossier (`dossier.id`).
    Dossier,
}

impl RecordKind {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Visit => "visit",
            RecordKind::Dossier => "dossier",
        }
    }
}

/// A spelling of [`RecordKind`] that is not ours.
#[derive(Debug, thiserror::Error)]
#[error("unknown record kind {0:?}")]
pub struct UnknownKind(String);

impl std::str::FromStr for RecordKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> std::result::Result<Self, UnknownKind> {
        match s {
            "visit" => Ok(RecordKind::Visit),
            "dossier" => Ok(RecordKind::Dossier),
            _ => Err(UnknownKind(s.to_owned())),
        }
    }
}

/// A record changed since the hub last acknowledged it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// Visit or dossier.
    pub kind: RecordKind,
    /// Its id (a visit's integer as text, a dossier's UUID).
    pub record: String,
    /// Its revision (laptop-wide counter, only grows).
    pub rev: i64,
}

const LINK_COLUMNS: &str =
    "url, fingerprint, device_id, device_secret, team_id, team_name, province_key,
     team_salt, device_salt, joined_at, revoked_at, last_sync_at, last_error";

/// Read handle.
#[derive(Debug)]
pub struct Hub<'a> {
    conn: &'a Connection,
}

impl<'a> Hub<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Hub { conn }
    }

    /// The enrolment, if this laptop joined a hub.
    pub fn link(&self) -> Result<Option<HubLink>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {LINK_COLUMNS} FROM hub_link WHERE id = 1"),
                [],
                |r| {
                    Ok(HubLink {
                        url: r.get(0)?,
                        fingerprint: r.get(1)?,
                        device_id: r.get(2)?,
                        device_secret: r.get(3)?,
                        team_id: r.get(4)?,
                        team_name: r.get(5)?,
                        province_key: r.get(6)?,
                        team_salt: r.get(7)?,
                        device_salt: r.get(8)?,
                        joined_at: r.get(9)?,
                        revoked_at: r.get(10)?,
                        last_sync_at: r.get(11)?,
                        last_error: r.get(12)?,
                    })
                },
            )
            .optional()?)
    }

    /// The oldest `limit` pending records (oldest change first).
    pub fn pending(&self, limit: u32) -> Result<Vec<Pending>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, record, rev FROM hub_pending ORDER BY rev LIMIT ?1")?;
        let rows = stmt.query_map([limit], |r| {
            Ok(Pending {
                kind: crate::parsed(r, 0)?,
                record: r.get(1)?,
                rev: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many records wait for the hub.
    pub fn pending_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM hub_pending", [], |r| r.get(0))?)
    }
}

/// Write handle, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct HubMut<'a> {
    tx: &'a Connection,
}

impl<'a> HubMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        HubMut { tx }
    }

    /// Records the enrolment (replacing an earlier one: a laptop belongs to
    /// one hub). Everything this laptop holds becomes pending again, since
    /// the new hub has none of it.
    pub fn join(&self, link: &HubLink) -> Result<()> {
        self.tx.execute("DELETE FROM hub_link", [])?;
        self.tx.execute(
            &format!(
                "INSERT INTO hub_link (id, {LINK_COLUMNS})
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ),
            params![
                link.url,
                link.fingerprint,
                link.device_id,
                link.device_secret,
                link.team_id,
                link.team_name,
                link.province_key,
                link.team_salt,
                link.device_salt,
                link.joined_at,
                link.revoked_at,
                link.last_sync_at,
                link.last_error,
            ],
        )?;
        self.tx
            .execute("UPDATE hub_clock SET n = n + 1 WHERE id = 1", [])?;
        for (kind, table) in [("visit", "visit"), ("dossier", "dossier")] {
            self.tx.execute(
                &format!(
                    "INSERT INTO hub_pending (kind, record, rev)
                     SELECT ?1, id, (SELECT n FROM hub_clock) FROM {table} WHERE true
                     ON CONFLICT DO UPDATE SET rev = excluded.rev"
                ),
                [kind],
            )?;
        }
        Ok(())
    }

    /// Forgets the enrolment (the laptop's own data stays).
    pub fn leave(&self) -> Result<()> {
        self.tx.execute("DELETE FROM hub_link", [])?;
        Ok(())
    }

    /// Removes what the hub acknowledged, unless the record changed again
    /// meanwhile (then its newer revision stays pending).
    pub fn acknowledge(&self, sent: &[Pending]) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "DELETE FROM hub_pending WHERE kind = ?1 AND record = ?2 AND rev = ?3",
        )?;
        for p in sent {
            stmt.execute(params![p.kind.as_str(), p.record, p.rev])?;
        }
        Ok(())
    }

    /// Notes how the last sync went.
    pub fn synced(&self, at: &str, error: Option<&str>) -> Result<()> {
        match error {
            None => self.tx.execute(
                "UPDATE hub_link SET last_sync_at = ?1, last_error = NULL WHERE id = 1",
                [at],
            )?,
            Some(e) => self
                .tx
                .execute("UPDATE hub_link SET last_error = ?1 WHERE id = 1", [e])?,
        };
        Ok(())
    }

    /// The hub revoked this laptop: it stops syncing, its data stays.
    pub fn revoked(&self, at: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE hub_link SET revoked_at = coalesce(revoked_at, ?1) WHERE id = 1",
            [at],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn link() -> HubLink {
        HubLink {
            url: "https://hub".into(),
            fingerprint: "ab".repeat(32),
            device_id: "d".into(),
            device_secret: vec![7; 32],
            team_id: "t".into(),
            team_name: "Tổ".into(),
            province_key: "k".into(),
            team_salt: vec![1; 16],
            device_salt: vec![2; 16],
            joined_at: "2026-12-01T00:00:00Z".into(),
            revoked_at: None,
            last_sync_at: None,
            last_error: None,
        }
    }

    #[test]
    fn every_change_of_a_counted_record_is_pending_at_a_newer_revision() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let w = store.write()?;
        let visit = w
            .visits()
            .start("Lan", Some("00004"), "2026-12-01T01:00:00Z")?;
        w.commit()?;
        let first = store.hub().pending(10)?;
        assert_eq!(first.len(), 1);
        assert_eq!(
            (first[0].kind, first[0].record.as_str()),
            (RecordKind::Visit, &*visit.to_string())
        );

        // Acknowledged, then rated: pending again, at a higher revision.
        let w = store.write()?;
        w.hub().acknowledge(&first)?;
        w.commit()?;
        assert_eq!(store.hub().pending_count()?, 0);
        let w = store.write()?;
        w.visits().end(visit, 5, "2026-12-01T01:20:00Z")?;
        w.commit()?;
        let second = store.hub().pending(10)?;
        assert_eq!(second.len(), 1);
        assert!(second[0].rev > first[0].rev);

        // Acknowledging an older revision keeps the newer one pending.
        let w = store.write()?;
        w.hub().acknowledge(&first)?;
        w.commit()?;
        assert_eq!(store.hub().pending(10)?, second);
        Ok(())
    }

    #[test]
    fn joining_makes_everything_pending_and_the_key_stays_out_of_logs() -> TestResult {
        let mut store = Store::open_in_memory()?;
        let w = store.write()?;
        w.visits().start("Lan", None, "2026-12-01T01:00:00Z")?;
        w.commit()?;
        let sent = store.hub().pending(10)?;
        let w = store.write()?;
        w.hub().acknowledge(&sent)?;
        w.commit()?;
        assert_eq!(store.hub().pending_count()?, 0);
        let w = store.write()?;
        w.hub().join(&link())?;
        w.commit()?;
        assert_eq!(
            store.hub().pending_count()?,
            1,
            "the new hub has nothing yet"
        );
        let stored = store.hub().link()?.ok_or("no link")?;
        assert_eq!(stored, link());
        assert!(!format!("{stored:?}").contains("7, 7"), "no key in Debug");

        let w = store.write()?;
        w.hub().revoked("2026-12-02T00:00:00Z")?;
        w.commit()?;
        assert!(store.hub().link()?.ok_or("no link")?.revoked_at.is_some());
        Ok(())
    }
}
