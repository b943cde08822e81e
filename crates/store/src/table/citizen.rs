//! The `citizen` and `consent` tables.
//!
//! A citizen row exists only together with a granted `profile` consent: the
//! only way to insert one, [`CitizensMut::register`], takes the consent
//! decisions and refuses when the profile purpose is not granted.

use gocua_core::cccd::Card;
use gocua_core::visit::{CONSENT_TEXT_VERSION, ConsentPurpose};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{Error, Result};

/// A stored citizen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenRow {
    /// Row id.
    pub id: i64,
    /// 12-digit ID number.
    pub cccd: String,
    /// Old 9-digit ID.
    pub old_id: Option<String>,
    /// Full name.
    pub name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// "Nam" or "Nữ".
    pub sex: String,
    /// Address as on the card.
    pub address: String,
    /// Confirmed commune (GSO code, 2025 units).
    pub address_commune: Option<String>,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
    /// When first stored (RFC 3339).
    pub created_at: String,
}

/// One consent decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRow {
    /// The purpose.
    pub purpose: ConsentPurpose,
    /// Granted or refused.
    pub granted: bool,
    /// Version of the text the citizen read.
    pub text_version: String,
    /// Who recorded it.
    pub operator: String,
    /// When (RFC 3339).
    pub given_at: String,
    /// When withdrawn, if it was.
    pub withdrawn_at: Option<String>,
}

/// What [`CitizensMut::register`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    /// A new citizen row.
    New(i64),
    /// The ID number was already stored: that citizen, consents added.
    Existing(i64),
}

const CITIZEN_COLUMNS: &str =
    "id, cccd, old_id, name, birth_date, sex, address, address_commune, issue_date, created_at";

fn citizen_row(r: &Row<'_>) -> rusqlite::Result<CitizenRow> {
    Ok(CitizenRow {
        id: r.get(0)?,
        cccd: r.get(1)?,
        old_id: r.get(2)?,
        name: r.get(3)?,
        birth_date: r.get(4)?,
        sex: r.get(5)?,
        address: r.get(6)?,
        address_commune: r.get(7)?,
        issue_date: r.get(8)?,
        created_at: r.get(9)?,
    })
}

/// Read handle on citizens.
#[derive(Debug)]
pub struct Citizens<'a> {
    conn: &'a Connection,
}

impl<'a> Citizens<'a> {
    pub(crate) fn new(conn: &'a Connection) -> Self {
        Citizens { conn }
    }

    /// The citizen with this ID number.
    pub fn by_cccd(&self, cccd: &str) -> Result<Option<CitizenRow>> {
        by_cccd(self.conn, cccd)
    }

    /// The citizen with this row id.
    pub fn get(&self, id: i64) -> Result<Option<CitizenRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {CITIZEN_COLUMNS} FROM citizen WHERE id = ?1"
            ))?
            .query_row([id], citizen_row)
            .optional()?)
    }

    /// All citizens, most recently stored first.
    pub fn list(&self) -> Result<Vec<CitizenRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizen ORDER BY created_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], citizen_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every consent decision of a citizen, oldest first.
    pub fn consents(&self, citizen: i64) -> Result<Vec<ConsentRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT purpose, granted, text_version, operator, given_at, withdrawn_at
             FROM consent WHERE citizen = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([citizen], |r| {
            Ok(ConsentRow {
                purpose: crate::parsed(r, 0)?,
                granted: r.get(1)?,
                text_version: r.get(2)?,
                operator: r.get(3)?,
                given_at: r.get(4)?,
                withdrawn_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Citizens whose retention has run out: stored before `cutoff`, with no
    /// visit started on or after it, and no dossier still in progress or
    /// finished on or after it (a dossier waiting for the portal, or for a
    /// supplement, keeps its citizen). RFC 3339 strings compare in order.
    ///
    /// A dossier in flight (queued, sending, with the portal and not
    /// finished) or touched since `cutoff` holds its citizen back; a finished
    /// one or a draft left untouched for the whole period does not (it goes
    /// with the citizen).
    pub fn expired(&self, cutoff: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id FROM citizen c
             WHERE c.created_at < ?1
               AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.citizen = c.id AND v.started_at >= ?1)
               AND NOT EXISTS (SELECT 1 FROM dossier d WHERE d.citizen = c.id
                   AND (d.state NOT IN ('portal_3', 'portal_7', 'portal_8', 'portal_10', 'draft', 'ready')
                        OR d.updated_at >= ?1))
             ORDER BY c.id",
        )?;
        let rows = stmt.query_map([cutoff], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// True when the latest decision for `purpose` grants it and was not withdrawn.
    pub fn has_consent(&self, citizen: i64, purpose: ConsentPurpose) -> Result<bool> {
        crate::consent::has_consent(self.conn, citizen, purpose)
    }

    /// What the citizen leaves outside the database: the files written about
    /// them (exports, receipts) and the ids of their dossiers (hand-off
    /// folders are named by dossier id).
    pub fn leftovers(&self, citizen: i64) -> Result<(Vec<String>, Vec<String>)> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path FROM citizen_file WHERE citizen = ?1 ORDER BY id")?;
        let files = stmt
            .query_map([citizen], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM dossier WHERE citizen = ?1 ORDER BY id")?;
        let dossiers = stmt
            .query_map([citizen], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((files, dossiers))
    }
}

fn by_cccd(conn: &Connection, cccd: &str) -> Result<Option<CitizenRow>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CITIZEN_COLUMNS} FROM citizen WHERE cccd = ?1"
        ))?
        .query_row([cccd], citizen_row)
        .optional()?)
}

/// What withdrawing a consent stops for the dossiers of one citizen (or one
/// citizen-less dossier): `dossiers` cancels every operation not yet done
/// and takes the dossiers that had not reached the portal back to drafts;
/// `document_images` deletes the photos of papers (and their blobs).
/// Returns the number of operations cancelled or photos deleted.
pub(crate) fn stop_processing(
    conn: &Connection,
    dossiers: &[String],
    purpose: ConsentPurpose,
    now: &str,
) -> Result<usize> {
    let mut stopped = 0;
    for id in dossiers {
        match purpose {
            ConsentPurpose::Dossiers => {
                stopped += crate::table::outbox::OutboxMut::new(conn).cancel_unfinished(id)?;
                let mut d = crate::table::dossier::DossiersMut::new(conn);
                match d.transition(id, gocua_core::dossier::Event::ConsentWithdrawn, now) {
                    // With the portal already: it stays where it is.
                    Ok(_) | Err(Error::Transition(_)) => {}
                    Err(e) => return Err(e),
                }
            }
            ConsentPurpose::DocumentImages => {
                stopped += conn.execute("DELETE FROM attachment WHERE dossier = ?1", [id])?;
            }
            ConsentPurpose::Profile | ConsentPurpose::Contact => {}
        }
    }
    crate::consent::collect_blobs(conn)?;
    Ok(stopped)
}

/// Write handle on citizens, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct CitizensMut<'a> {
    tx: &'a Connection,
}

impl<'a> CitizensMut<'a> {
    pub(crate) fn new(tx: &'a Connection) -> Self {
        CitizensMut { tx }
    }

    /// Stores `card` with the citizen's consent decisions (one per purpose
    /// shown). Refuses with [`Error::ConsentRequired`] — storing nothing —
    /// unless `profile` is granted. The same ID number again updates nothing
    /// of the card, records the new decisions and returns the existing row.
    pub fn register(
        &mut self,
        card: &Card,
        decisions: &[(ConsentPurpose, bool)],
        operator: &str,
        now: &str,
    ) -> Result<Registered> {
        crate::savepoint(self.tx, || {
            if !decisions.contains(&(ConsentPurpose::Profile, true)) {
                return Err(Error::ConsentRequired);
            }
            let outcome = match by_cccd(self.tx, &card.id)? {
                Some(existing) => Registered::Existing(existing.id),
                None => {
                    self.tx.execute(
                        "INSERT INTO citizen (cccd, old_id, name, birth_date, sex, address, issue_date, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                        params![
                            card.id,
                            card.old_id,
                            card.name,
                            card.birth_date.iso(),
                            card.sex.as_card(),
                            card.address,
                            card.issue_date.to_string(),
                            now
                        ],
                    )?;
                    Registered::New(self.tx.last_insert_rowid())
                }
            };
            let id = match outcome {
                Registered::New(id) | Registered::Existing(id) => id,
            };
            for (purpose, granted) in decisions {
                self.tx.execute(
                    "INSERT INTO consent (citizen, purpose, granted, text_version, operator, given_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        id,
                        purpose.as_str(),
                        granted,
                        CONSENT_TEXT_VERSION,
                        operator,
                        now
                    ],
                )?;
            }
            Ok(outcome)
        })
    }

    /// Records the commune (2025 units) the volunteer confirmed for the address.
    pub fn set_commune(&mut self, citizen: i64, commune: &str, now: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE citizen SET address_commune = ?2, updated_at = ?3 WHERE id = ?1",
            params![citizen, commune, now],
        )?;
        Ok(())
    }

    /// Withdraws consent for `purpose` and stops the processing it allowed,
    /// in the same transaction: withdrawing `dossiers` cancels the citizen's
    /// operations not yet sent (their dossiers go back to drafts);
    /// withdrawing `document_images` deletes the photos of their papers.
    /// Returns false if no consent was in force.
    pub fn withdraw(&mut self, citizen: i64, purpose: ConsentPurpose, now: &str) -> Result<bool> {
        crate::savepoint(self.tx, || {
            let n = self.tx.execute(
                "UPDATE consent SET withdrawn_at = ?3
                 WHERE citizen = ?1 AND purpose = ?2 AND granted = 1 AND withdrawn_at IS NULL",
                params![citizen, purpose.as_str(), now],
            )?;
            let dossiers: Vec<String> = self
                .tx
                .prepare_cached("SELECT id FROM dossier WHERE citizen = ?1")?
                .query_map([citizen], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            stop_processing(self.tx, &dossiers, purpose, now)?;
            Ok(n > 0)
        })
    }

    /// True when consent for `purpose` is in force (as this transaction sees it).
    pub fn has_consent(&self, citizen: i64, purpose: ConsentPurpose) -> Result<bool> {
        crate::consent::has_consent(self.tx, citizen, purpose)
    }

    /// Deletes a citizen with their consent records, dossiers and
    /// attachments; their visits stay, unlinked (anonymous counts).
    pub fn erase(&mut self, citizen: i64) -> Result<bool> {
        crate::savepoint(self.tx, || {
            let n = self
                .tx
                .execute("DELETE FROM citizen WHERE id = ?1", [citizen])?;
            crate::consent::collect_blobs(self.tx)?;
            Ok(n > 0)
        })
    }

    /// Remembers a file written about the citizen, to delete with them.
    pub fn record_file(&mut self, citizen: i64, path: &str, now: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO citizen_file (citizen, path, created_at) VALUES (?1, ?2, ?3)",
            params![citizen, path, now],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use gocua_core::cccd::{Date, parse_qr};
    use gocua_core::dossier::{DossierState, Event};
    use gocua_core::outbox::OpKind;

    const NOW: &str = "2026-11-25T10:00:00Z";

    fn card() -> Card {
        let today = Date::new(2026, 11, 25).unwrap_or_else(|| panic!("date"));
        parse_qr(
            "001090123456||Nguyễn Văn A|01011990|Nam|Hà Nội|15042021",
            today,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn nothing_is_stored_without_profile_consent() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let w = store.write()?;
        let mut tx = w.citizens();
        let refused = tx.register(
            &card(),
            &[
                (ConsentPurpose::Profile, false),
                (ConsentPurpose::Contact, true),
            ],
            "op",
            NOW,
        );
        assert!(matches!(refused, Err(Error::ConsentRequired)));
        assert!(matches!(
            tx.register(&card(), &[], "op", NOW),
            Err(Error::ConsentRequired)
        ));
        w.commit()?;
        assert!(store.citizens().list()?.is_empty());
        Ok(())
    }

    #[test]
    fn register_twice_opens_the_same_citizen_and_consents_are_tracked() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let w = store.write()?;
        let mut tx = w.citizens();
        let first = tx.register(
            &card(),
            &[
                (ConsentPurpose::Profile, true),
                (ConsentPurpose::Contact, false),
            ],
            "Lan",
            NOW,
        )?;
        let Registered::New(id) = first else {
            panic!("expected new")
        };
        let again = tx.register(
            &card(),
            &[
                (ConsentPurpose::Profile, true),
                (ConsentPurpose::Contact, true),
            ],
            "Lan",
            NOW,
        )?;
        assert_eq!(again, Registered::Existing(id));
        w.commit()?;

        let citizens = store.citizens();
        assert_eq!(citizens.list()?.len(), 1);
        assert_eq!(
            citizens.by_cccd("001090123456")?.map(|c| c.name),
            Some("Nguyễn Văn A".into())
        );
        assert!(citizens.has_consent(id, ConsentPurpose::Contact)?);
        assert_eq!(citizens.consents(id)?.len(), 4);
        assert!(
            citizens
                .consents(id)?
                .iter()
                .all(|c| c.text_version == CONSENT_TEXT_VERSION)
        );

        let w = store.write()?;
        let mut tx = w.citizens();
        assert!(tx.withdraw(id, ConsentPurpose::Contact, NOW)?);
        assert!(!tx.withdraw(id, ConsentPurpose::Contact, NOW)?);
        w.commit()?;
        assert!(!store.citizens().has_consent(id, ConsentPurpose::Contact)?);
        assert!(store.citizens().has_consent(id, ConsentPurpose::Profile)?);
        Ok(())
    }

    /// A citizen with a profile and the given purpose decisions (and a pack
    /// for their dossiers to refer to).
    fn citizen_with(store: &mut Store, grants: &[(ConsentPurpose, bool)]) -> Result<i64> {
        store.conn().execute_batch(
            "INSERT OR IGNORE INTO catalogue_pack (id, pack_id, version, issued_at, source, sha256, body)
             VALUES (1, 't', 1, '2026-11-25', 's', 'x', '{}')",
        )?;
        let mut decisions = vec![(ConsentPurpose::Profile, true)];
        decisions.extend_from_slice(grants);
        let w = store.write()?;
        let mut tx = w.citizens();
        let id = match tx.register(&card(), &decisions, "op", NOW)? {
            Registered::New(id) | Registered::Existing(id) => id,
        };
        w.commit()?;
        Ok(id)
    }

    #[test]
    fn no_dossier_without_the_dossiers_consent() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let refused = citizen_with(&mut store, &[(ConsentPurpose::Dossiers, false)])?;
        let w = store.write()?;
        let mut tx = w.dossiers();
        assert!(matches!(
            tx.create(&crate::table::dossier::test_dossier("d1", Some(refused))),
            Err(Error::NoConsent(ConsentPurpose::Dossiers))
        ));
        // A dossier with no stored citizen records its own consent first.
        assert!(matches!(
            tx.create(&crate::table::dossier::test_dossier("d2", None)),
            Err(Error::NoConsent(ConsentPurpose::Dossiers))
        ));
        tx.create(&crate::NewDossier {
            consent: &[(ConsentPurpose::Dossiers, true)],
            ..crate::table::dossier::test_dossier("d3", None)
        })?;
        assert!(tx.has_consent("d3", ConsentPurpose::Dossiers)?);
        assert!(!tx.has_consent("d3", ConsentPurpose::DocumentImages)?);
        w.commit()?;
        assert_eq!(store.dossiers().count()?, 1);
        Ok(())
    }

    #[test]
    fn no_photo_of_papers_without_the_document_images_consent() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let citizen = citizen_with(
            &mut store,
            &[
                (ConsentPurpose::Dossiers, true),
                (ConsentPurpose::DocumentImages, false),
            ],
        )?;
        let w = store.write()?;
        let mut tx = w.dossiers();
        tx.create(&crate::table::dossier::test_dossier("d1", Some(citizen)))?;
        assert!(matches!(
            w.attachments()
                .attach("d1", 0, "cccd.jpg", "image/jpeg", b"jpeg", NOW),
            Err(Error::NoConsent(ConsentPurpose::DocumentImages))
        ));
        tx.create(&crate::NewDossier {
            consent: &[
                (ConsentPurpose::Dossiers, true),
                (ConsentPurpose::DocumentImages, true),
            ],
            ..crate::table::dossier::test_dossier("d2", None)
        })?;
        w.attachments()
            .attach("d2", 0, "cccd.jpg", "image/jpeg", b"jpeg", NOW)?;
        w.commit()?;
        assert!(store.attachments().of("d1")?.is_empty());
        assert_eq!(store.attachments().of("d2")?.len(), 1);
        Ok(())
    }

    #[test]
    fn withdrawing_dossiers_cancels_what_waits_to_be_sent() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let citizen = citizen_with(&mut store, &[(ConsentPurpose::Dossiers, true)])?;
        let w = store.write()?;
        let mut tx = w.dossiers();
        tx.create(&crate::table::dossier::test_dossier("d1", Some(citizen)))?;
        tx.transition("d1", Event::MarkReady, NOW)?;
        tx.transition("d1", Event::Queue, NOW)?;
        w.outbox()
            .enqueue("op1", "d1", OpKind::Submit, "{}", false, NOW)?;
        w.commit()?;

        let w = store.write()?;
        let mut tx = w.citizens();
        assert!(tx.withdraw(citizen, ConsentPurpose::Dossiers, NOW)?);
        w.commit()?;
        assert!(store.outbox().list(100)?.is_empty(), "operation cancelled");
        assert_eq!(
            store.dossiers().get("d1")?.map(|d| d.state),
            Some(DossierState::Draft)
        );
        // Nothing can be queued again, and sending re-checks.
        let w = store.write()?;
        let tx = w.dossiers();
        assert!(matches!(
            w.outbox()
                .enqueue("op2", "d1", OpKind::Submit, "{}", false, NOW),
            Err(Error::NoConsent(ConsentPurpose::Dossiers))
        ));
        assert!(matches!(
            tx.check_sendable("d1"),
            Err(Error::NoConsent(ConsentPurpose::Dossiers))
        ));
        Ok(())
    }

    #[test]
    fn withdrawing_document_images_deletes_the_photos() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let citizen = citizen_with(
            &mut store,
            &[
                (ConsentPurpose::Dossiers, true),
                (ConsentPurpose::DocumentImages, true),
            ],
        )?;
        let w = store.write()?;
        let mut tx = w.dossiers();
        tx.create(&crate::table::dossier::test_dossier("d1", Some(citizen)))?;
        w.attachments()
            .attach("d1", 0, "cccd.jpg", "image/jpeg", b"the card's photo", NOW)?;
        w.commit()?;

        let w = store.write()?;
        let mut tx = w.citizens();
        tx.withdraw(citizen, ConsentPurpose::DocumentImages, NOW)?;
        w.commit()?;
        assert!(store.attachments().of("d1")?.is_empty());
        let blobs: i64 = store
            .conn
            .query_row("SELECT COUNT(*) FROM blob", [], |r| r.get(0))?;
        assert_eq!(blobs, 0, "the photo's bytes are collected");
        Ok(())
    }
}
