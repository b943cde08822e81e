//! The `catalogue_pack` and `procedure` tables: installed catalogue packs.
//!
//! Installing is all or nothing: the pack row and all its procedures are
//! written in the caller's transaction. The *active* catalogue is, for each
//! `pack_id`, its highest installed version; older versions stay for drafts
//! that were started on them.

use gocua_core::catalogue::signed::{KeyScope, MAX_VERSION_STEP};
use gocua_core::catalogue::{Pack, Procedure};
use gocua_core::hex::encode as hex;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// A pack as installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledPack {
    /// Row id, referenced by drafts.
    pub id: i64,
    /// The pack id.
    pub pack_id: String,
    /// Its version.
    pub version: u32,
    /// Release date.
    pub issued_at: String,
    /// Where it came from.
    pub source: String,
    /// SHA-256 of the JSON as received, hex.
    pub sha256: String,
    /// How many procedures it holds.
    pub procedures: u32,
}

/// What [`CatalogueMut::install`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// The pack is now the active version of its id.
    New(InstalledPack),
    /// Exactly this pack (same bytes) was already installed: nothing changed.
    AlreadyInstalled(InstalledPack),
}

const ACTIVE_PACKS: &str = "
    SELECT p.id FROM catalogue_pack p
    WHERE p.version = (SELECT max(version) FROM catalogue_pack q WHERE q.pack_id = p.pack_id)";

/// Read handle on the catalogue.
#[derive(Debug)]
pub struct Catalogue<'a> {
    conn: &'a Connection,
}

/// A key a lead trusts to sign catalogue packs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedKey {
    /// ed25519 public key, 64 lower-case hex digits.
    pub public_key: String,
    /// Whose key ("Sở KH&CN tỉnh Lào Cai").
    pub name: String,
    /// When it was added (RFC 3339).
    pub added_at: String,
    /// The operator who added it.
    pub added_by: String,
    /// What it may sign.
    pub scope: KeyScope,
}

impl<'a> Catalogue<'a> {
    /// The keys leads added, oldest first.
    pub fn trusted_keys(&self) -> Result<Vec<TrustedKey>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT public_key, name, added_at, added_by, scope FROM trusted_key
             ORDER BY added_at, public_key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(TrustedKey {
                public_key: r.get(0)?,
                name: r.get(1)?,
                added_at: r.get(2)?,
                added_by: r.get(3)?,
                scope: crate::write::parsed(r, 4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(crate) fn new(conn: &'a Connection) -> Self {
        Catalogue { conn }
    }

    /// The active pack of every pack id.
    pub fn active_packs(&self) -> Result<Vec<InstalledPack>> {
        active_packs(self.conn)
    }

    /// The online fee of each procedure of the active catalogue: the sum of
    /// its fees' online amounts, `None` when one of them is unknown (0 when
    /// free). What the report and the team hub count as an online fee.
    pub fn online_fees(&self) -> Result<std::collections::BTreeMap<String, Option<u64>>> {
        Ok(self
            .active_pack_bodies()?
            .iter()
            .flat_map(|p| &p.procedures)
            .map(|p| {
                let fee = p
                    .fees
                    .iter()
                    .map(|f| f.online)
                    .try_fold(0u64, |sum, f| f.map(|v| sum + v));
                (p.code.clone(), fee)
            })
            .collect())
    }

    /// The full active packs (synonyms, stop words and procedures).
    pub fn active_pack_bodies(&self) -> Result<Vec<Pack>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT body FROM catalogue_pack WHERE id IN ({ACTIVE_PACKS}) ORDER BY pack_id"
        ))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for body in rows {
            out.push(serde_json::from_str(&body?).map_err(|e| Error::Corrupt(e.to_string()))?);
        }
        Ok(out)
    }

    /// The active version of procedure `code`, with the id of its pack row.
    pub fn procedure(&self, code: &str) -> Result<Option<(i64, Procedure)>> {
        let row: Option<(i64, String)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT pack, body FROM procedure WHERE code = ?1 AND pack IN ({ACTIVE_PACKS})"
            ))?
            .query_row(params![code], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(pack, body)| {
            serde_json::from_str(&body)
                .map(|p| (pack, p))
                .map_err(|e| Error::Corrupt(e.to_string()))
        })
        .transpose()
    }

    /// The pack row holding the active version of procedure `code`.
    pub fn active_pack_of(&self, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT pack FROM procedure WHERE code = ?1 AND pack IN ({ACTIVE_PACKS})"
            ))?
            .query_row(params![code], |r| r.get(0))
            .optional()?)
    }

    /// The form schema `id` of pack row `pack`, as JSON.
    pub fn form(&self, pack: i64, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT body FROM form_schema WHERE pack = ?1 AND id = ?2")?
            .query_row(params![pack, id], |r| r.get(0))
            .optional()?)
    }

    /// Procedure `code` as it was in the pack row `pack` (for drafts started on it).
    pub fn procedure_in_pack(&self, pack: i64, code: &str) -> Result<Option<Procedure>> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM procedure WHERE pack = ?1 AND code = ?2")?
            .query_row(params![pack, code], |r| r.get(0))
            .optional()?;
        body.map(|b| serde_json::from_str(&b).map_err(|e| Error::Corrupt(e.to_string())))
            .transpose()
    }
}

/// Write handle on the catalogue, joined to a [`crate::Write`] transaction.
#[derive(Debug)]
pub struct CatalogueMut<'a> {
    tx: &'a Connection,
}

impl<'a> CatalogueMut<'a> {
    /// Trusts a key to sign packs (again: its name is updated).
    pub fn trust_key(&mut self, key: &TrustedKey) -> Result<()> {
        self.tx.execute(
            "INSERT INTO trusted_key (public_key, name, added_at, added_by, scope)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (public_key) DO UPDATE SET name = excluded.name, scope = excluded.scope",
            params![
                key.public_key,
                key.name,
                key.added_at,
                key.added_by,
                key.scope.to_string()
            ],
        )?;
        Ok(())
    }

    /// Forgets the keys learned from team hubs (on leaving one): what they
    /// signed stays installed, nothing new of theirs is trusted.
    pub fn untrust_hub_keys(&mut self) -> Result<usize> {
        Ok(self.tx.execute(
            "DELETE FROM trusted_key WHERE scope = 'hub' OR scope LIKE 'province:%'",
            [],
        )?)
    }

    pub(crate) fn new(tx: &'a Connection) -> Self {
        CatalogueMut { tx }
    }

    /// Installs a validated `pack` whose JSON text was `raw`. Refuses a pack
    /// that is not newer than the active one of the same id, unless it is the
    /// very same file (then nothing changes), and one that leaps more than
    /// `MAX_VERSION_STEP` versions past it.
    pub fn install(&mut self, pack: &Pack, raw: &str) -> Result<Installed> {
        crate::savepoint(self.tx, || {
            let sha256 = hex(&Sha256::digest(raw.as_bytes()));
            let current = active_packs(self.tx)?
                .into_iter()
                .find(|p| p.pack_id == pack.pack_id);
            if let Some(current) = current {
                if current.sha256 == sha256 {
                    return Ok(Installed::AlreadyInstalled(current));
                }
                if current.version >= pack.version {
                    return Err(Error::PackNotNewer {
                        pack_id: pack.pack_id.clone(),
                        version: pack.version,
                        installed: current.version,
                    });
                }
                if pack.version > current.version.saturating_add(MAX_VERSION_STEP) {
                    return Err(Error::PackVersionJump {
                        pack_id: pack.pack_id.clone(),
                        version: pack.version,
                        installed: current.version,
                    });
                }
            }
            let body = serde_json::to_string(pack).map_err(|e| Error::Corrupt(e.to_string()))?;
            self.tx.execute(
                "INSERT INTO catalogue_pack (pack_id, version, issued_at, source, sha256, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    pack.pack_id,
                    pack.version,
                    pack.issued_at,
                    pack.source,
                    sha256,
                    body
                ],
            )?;
            let id = self.tx.last_insert_rowid();
            {
                let mut insert = self.tx.prepare_cached(
                    "INSERT INTO procedure (pack, code, name, essential, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for p in &pack.procedures {
                    let body =
                        serde_json::to_string(p).map_err(|e| Error::Corrupt(e.to_string()))?;
                    insert.execute(params![id, p.code, p.name.vi, p.is_essential(), body])?;
                }
            }
            {
                let mut insert = self.tx.prepare_cached(
                    "INSERT INTO form_schema (pack, id, version, body) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for f in &pack.forms {
                    let body =
                        serde_json::to_string(f).map_err(|e| Error::Corrupt(e.to_string()))?;
                    insert.execute(params![id, f.id, f.version, body])?;
                }
            }
            Ok(Installed::New(InstalledPack {
                id,
                pack_id: pack.pack_id.clone(),
                version: pack.version,
                issued_at: pack.issued_at.clone(),
                source: pack.source.clone(),
                sha256,
                procedures: pack.procedures.len() as u32,
            }))
        })
    }
}

fn active_packs(conn: &Connection) -> Result<Vec<InstalledPack>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.pack_id, p.version, p.issued_at, p.source, p.sha256,
                (SELECT count(*) FROM procedure WHERE pack = p.id)
         FROM catalogue_pack p WHERE p.id IN ({ACTIVE_PACKS}) ORDER BY p.pack_id"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(InstalledPack {
            id: r.get(0)?,
            pack_id: r.get(1)?,
            version: r.get(2)?,
            issued_at: r.get(3)?,
            source: r.get(4)?,
            sha256: r.get(5)?,
            procedures: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn pack(version: u32, name: &str) -> (Pack, String) {
        let raw = format!(
            r#"{{"format":"gocua-catalogue","format_version":1,"pack_id":"t","version":{version},
            "issued_at":"2026-11-25","source":"test","procedures":[{{"code":"A-1",
            "name":{{"vi":"{name}"}},"field":{{"vi":"Hộ tịch"}},"agency":{{"vi":"UBND xã"}},
            "level":"commune","channels":["vneid"],"documents":[],"documents_verified":false,
            "fees_verified":false,"processing_time":{{"vi":"1 ngày"}},
            "where_to_submit":{{"vi":"UBND xã"}},"source":"test"}}]}}"#
        );
        let p = gocua_core::catalogue::parse_pack(&raw).unwrap_or_else(|e| panic!("{e}"));
        (p, raw)
    }

    #[test]
    fn install_upgrade_and_keep_old_versions() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let (v1, raw1) = pack(1, "Tên cũ");
        let w = store.write()?;
        let mut tx = w.catalogue();
        let Installed::New(first) = tx.install(&v1, &raw1)? else {
            panic!("expected a new install")
        };
        w.commit()?;
        assert_eq!(first.procedures, 1);

        // The same file again changes nothing.
        let w = store.write()?;
        let mut tx = w.catalogue();
        assert!(matches!(
            tx.install(&v1, &raw1)?,
            Installed::AlreadyInstalled(_)
        ));
        w.commit()?;

        let (v2, raw2) = pack(2, "Tên mới");
        let w = store.write()?;
        let mut tx = w.catalogue();
        tx.install(&v2, &raw2)?;
        w.commit()?;

        let cat = store.catalogue();
        let (pack_row, p) = cat.procedure("A-1")?.unwrap_or_else(|| panic!("missing"));
        assert_eq!(p.name.vi, "Tên mới");
        assert_ne!(pack_row, first.id);
        // A draft started on version 1 still finds its text.
        let old = cat
            .procedure_in_pack(first.id, "A-1")?
            .unwrap_or_else(|| panic!("old gone"));
        assert_eq!(old.name.vi, "Tên cũ");
        assert_eq!(cat.active_packs()?.len(), 1);
        assert_eq!(cat.active_pack_bodies()?[0].version, 2);
        Ok(())
    }

    #[test]
    fn older_or_equal_versions_are_refused_and_nothing_changes() -> Result<()> {
        let mut store = Store::open_in_memory()?;
        let (v2, raw2) = pack(2, "Hai");
        let w = store.write()?;
        let mut tx = w.catalogue();
        tx.install(&v2, &raw2)?;
        w.commit()?;
        let (v1, raw1) = pack(1, "Một");
        let w = store.write()?;
        let mut tx = w.catalogue();
        assert!(matches!(
            tx.install(&v1, &raw1),
            Err(Error::PackNotNewer {
                version: 1,
                installed: 2,
                ..
            })
        ));
        drop(w);
        assert_eq!(store.catalogue().active_packs()?[0].version, 2);
        Ok(())
    }
}
