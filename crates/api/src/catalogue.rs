//! Catalogue commands: install packs, search, show a procedure.
//!
//! The shipped pack (`data/catalogue/vn-national.json`) is embedded and
//! installed when a data directory has no newer version of it, so a fresh
//! installation finds procedures at once. The search index is built from the
//! active packs on first use and rebuilt after every install.

use std::collections::HashMap;
use std::sync::Arc;

use gocua_core::catalogue::signed::{self, PackFile};
use gocua_core::catalogue::{Pack, parse_pack};
use gocua_core::search::{SearchDoc, SearchIndex};
use gocua_store::{Installed, Store};

use crate::dto::{CatalogImport, CatalogSearch, CatalogShow, PackInfo, ProcedureDto, ProcedureHit};
use crate::{ApiError, Ctx, Result};

/// The pack shipped with this build.
pub const SHIPPED_PACK: &str = include_str!("../../../data/catalogue/vn-national.json");

/// Largest pack accepted, in bytes: a national pack with every procedure is
/// a few MB; anything far larger is a wrong file.
pub const MAX_PACK_BYTES: usize = 32 * 1024 * 1024;

/// The search index and what hits need to display, for the active packs.
#[derive(Debug)]
pub(crate) struct CatalogueCache {
    pub(crate) index: SearchIndex,
    pub(crate) summaries: HashMap<String, Summary>,
}

#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub(crate) name: gocua_core::catalogue::LocalText,
    pub(crate) field: gocua_core::catalogue::LocalText,
    pub(crate) essential: bool,
}

/// Installs the shipped pack unless this data directory already has it or a newer one.
pub(crate) fn install_shipped(store: &mut Store) -> Result<()> {
    let pack =
        parse_pack(SHIPPED_PACK).map_err(|e| ApiError::Internal(format!("shipped pack: {e}")))?;
    let newer_installed = store
        .catalogue()
        .active_packs()?
        .iter()
        .any(|p| p.pack_id == pack.pack_id && p.version >= pack.version);
    if !newer_installed {
        let w = store.write()?;
        let mut tx = w.catalogue();
        tx.install(&pack, SHIPPED_PACK)?;
        w.commit()?;
    }
    Ok(())
}

pub(crate) fn build_cache(packs: &[Pack]) -> CatalogueCache {
    let mut docs = Vec::new();
    let mut synonyms = Vec::new();
    let mut stop = Vec::new();
    let mut summaries = HashMap::new();
    for pack in packs {
        synonyms.extend(
            pack.synonyms
                .iter()
                .map(|s| (s.says.clone(), s.means.clone())),
        );
        stop.extend(pack.stop_words.iter().cloned());
        for p in &pack.procedures {
            docs.push(SearchDoc::from(p));
            summaries.insert(
                p.code.clone(),
                Summary {
                    name: p.name.clone(),
                    field: p.field.clone(),
                    essential: p.is_essential(),
                },
            );
        }
    }
    CatalogueCache {
        index: SearchIndex::build(&docs, &synonyms, &stop),
        summaries,
    }
}

/// Validates and installs a catalogue pack given as JSON text: a signed
/// envelope by a trusted key (the publisher's, or one a lead added), or —
/// only when `allow_unsigned` says a lead vouches for the file — a bare pack.
pub fn catalog_import(ctx: &Ctx, req: CatalogImport) -> Result<PackInfo> {
    if req.json.len() > MAX_PACK_BYTES {
        return Err(ApiError::InvalidPack {
            path: ".".into(),
            detail: format!("{} bytes is more than {MAX_PACK_BYTES}", req.json.len()),
        });
    }
    let added = ctx.store()?.catalogue().trusted_keys()?;
    let trusted = signed::trusted_keys(added.into_iter().map(|k| (k.public_key, k.scope)));
    let (json, scope) = match signed::open(&req.json, &trusted) {
        Ok(PackFile::Signed {
            payload,
            key,
            scope,
        }) => {
            tracing::info!(%key, %scope, "signed catalogue pack");
            (payload, Some(scope))
        }
        Ok(PackFile::Unsigned(_)) if !req.allow_unsigned => {
            return Err(ApiError::UntrustedPack("unsigned".into()));
        }
        Ok(PackFile::Unsigned(bare)) => (bare.to_owned(), None),
        Err(e) => return Err(ApiError::UntrustedPack(e.code().into())),
    };
    let pack = parse_pack(&json).map_err(|e| ApiError::InvalidPack {
        path: e.path.clone(),
        detail: e.kind.to_string(),
    })?;
    // A key signs only what it owns: the national catalogue only the
    // publisher's, a hub's only its province's packs.
    if scope.is_some_and(|s| !s.may_sign_pack(&pack.pack_id)) {
        return Err(ApiError::UntrustedPack("out-of-scope".into()));
    }
    let installed = {
        let mut store = ctx.store()?;
        let w = store.write()?;
        let mut tx = w.catalogue();
        let installed = tx.install(&pack, &json).map_err(|e| match e {
            gocua_store::Error::PackNotNewer {
                pack_id,
                version,
                installed,
            } => ApiError::PackNotNewer {
                pack_id,
                version,
                installed,
            },
            // A leap that would make every genuine release "not newer".
            gocua_store::Error::PackVersionJump { .. } => {
                ApiError::UntrustedPack("version-jump".into())
            }
            other => other.into(),
        })?;
        w.commit()?;
        installed
    };
    ctx.invalidate_catalogue();
    let (info, fresh) = match installed {
        Installed::New(p) => (p, true),
        Installed::AlreadyInstalled(p) => (p, false),
    };
    tracing::info!(pack = %info.pack_id, version = info.version, fresh, "catalogue pack installed");
    Ok(PackInfo::from_installed(info, fresh))
}

/// Trusts a key to sign catalogue packs (a province's, say): 64 hex digits.
pub fn catalog_trust_key(
    ctx: &Ctx,
    req: crate::dto::TrustKey,
) -> Result<Vec<crate::dto::TrustedKeyDto>> {
    let key = signed::parse_public_key(&req.public_key).map_err(|_| ApiError::InvalidValue {
        field: "public_key".into(),
        value: req.public_key.clone(),
    })?;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::InvalidValue {
            field: "name".into(),
            value: name.into(),
        });
    }
    let now = crate::clock::stamp(ctx.now());
    let mut store = ctx.store()?;
    let operator = crate::audit::operator_name_in(&store)?;
    let public_key = gocua_core::hex::encode(key.as_bytes());
    let w = store.write()?;
    let mut tx = w.catalogue();
    tx.trust_key(&gocua_store::TrustedKey {
        public_key: public_key.clone(),
        name: name.into(),
        added_at: now.clone(),
        added_by: operator.clone(),
        scope: signed::KeyScope::Lead,
    })?;
    w.commit()?;
    store.audit_append(&gocua_store::AuditEntry {
        at: &now,
        operator: &operator,
        action: "catalogue.trust_key",
        subject: &format!("key:{public_key}"),
    })?;
    drop(store);
    catalog_keys(ctx)
}

/// Publishers: makes a signing key, writes its secret to `out` (private,
/// never over an existing file) and returns the public key to hand to teams.
pub fn catalog_keygen(out: &std::path::Path) -> Result<String> {
    if out.exists() {
        return Err(ApiError::InvalidValue {
            field: "out".into(),
            value: out.display().to_string(),
        });
    }
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| ApiError::Internal(e.to_string()))?;
    let key = signed::signing_key_from_bytes(&secret);
    secret.fill(0);
    gocua_store::files::write_private(out, signed::secret_hex(&key).as_bytes()).map_err(|e| {
        ApiError::Unreadable {
            path: out.display().to_string(),
            detail: e.to_string(),
        }
    })?;
    Ok(signed::public_hex(&key))
}

/// Publishers: checks the pack in `file` as an import would, signs it with
/// the secret key in `key_file` and writes the signed pack to `out`.
pub fn catalog_sign(
    file: &std::path::Path,
    key_file: &std::path::Path,
    out: &std::path::Path,
) -> Result<String> {
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| ApiError::Unreadable {
            path: p.display().to_string(),
            detail: e.to_string(),
        })
    };
    let json = read(file)?;
    let json = json.strip_prefix('\u{feff}').unwrap_or(&json);
    // Never sign what an import would refuse.
    parse_pack(json).map_err(|e| ApiError::InvalidPack {
        path: e.path.clone(),
        detail: e.kind.to_string(),
    })?;
    let key = signed::signing_key(&read(key_file)?).map_err(|_| ApiError::InvalidValue {
        field: "key".into(),
        value: key_file.display().to_string(),
    })?;
    std::fs::write(out, signed::sign(json, &key)).map_err(|e| ApiError::Unreadable {
        path: out.display().to_string(),
        detail: e.to_string(),
    })?;
    Ok(signed::public_hex(&key))
}

/// The keys whose signed packs are installed: the publisher's, then those leads added.
pub fn catalog_keys(ctx: &Ctx) -> Result<Vec<crate::dto::TrustedKeyDto>> {
    let added = ctx.store()?.catalogue().trusted_keys()?;
    Ok(signed::PUBLISHER_KEYS
        .iter()
        .map(|k| crate::dto::TrustedKeyDto {
            public_key: (*k).to_owned(),
            name: "Gõ Cửa".into(),
            publisher: true,
            added_at: None,
        })
        .chain(added.into_iter().map(|k| crate::dto::TrustedKeyDto {
            public_key: k.public_key,
            name: k.name,
            publisher: false,
            added_at: Some(k.added_at),
        }))
        .collect())
}

/// The active catalogue packs.
pub fn catalog_packs(ctx: &Ctx) -> Result<Vec<PackInfo>> {
    Ok(ctx
        .store()?
        .catalogue()
        .active_packs()?
        .into_iter()
        .map(|p| PackInfo::from_installed(p, false))
        .collect())
}

/// Procedures matching what a citizen said, best first.
pub fn catalog_search(ctx: &Ctx, req: CatalogSearch) -> Result<Vec<ProcedureHit>> {
    let limit = req.limit.unwrap_or(10).clamp(1, 100) as usize;
    let cache: Arc<CatalogueCache> = ctx.catalogue()?;
    Ok(cache
        .index
        .search(&req.query, limit)
        .into_iter()
        .filter_map(|hit| {
            let s = cache.summaries.get(&hit.code)?;
            Some(ProcedureHit {
                code: hit.code,
                name: s.name.clone().into(),
                field: s.field.clone().into(),
                essential: s.essential,
                score: hit.score,
            })
        })
        .collect())
}

/// One procedure in full.
pub fn catalog_show(ctx: &Ctx, req: CatalogShow) -> Result<ProcedureDto> {
    let code = req.code.trim();
    let found = ctx.store()?.catalogue().procedure(code)?;
    match found {
        Some((_, p)) => Ok(p.into()),
        None => Err(ApiError::NotFound(code.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn shipped_pack_is_valid_and_complete() -> TestResult {
        let pack = parse_pack(SHIPPED_PACK)?;
        let mut essential: Vec<u8> = pack
            .procedures
            .iter()
            .filter_map(|p| p.essential_no)
            .collect();
        essential.sort_unstable();
        assert_eq!(
            essential,
            (1..=25).collect::<Vec<u8>>(),
            "all 25 essential services"
        );
        assert!(pack.procedures.len() >= 30);
        for p in &pack.procedures {
            assert!(p.name.en.is_some(), "{} has no English gloss", p.code);
            // An amount may only be given when it is known; unknown amounts are None.
            if p.fees_verified {
                assert!(
                    p.fees
                        .iter()
                        .all(|f| f.notes.is_some() || f.in_person.is_some()),
                    "{}",
                    p.code
                );
            }
        }
        Ok(())
    }

    #[test]
    fn fresh_data_dir_finds_procedures_at_once() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let hits = catalog_search(
            &ctx,
            CatalogSearch {
                query: "doi bang lai".into(),
                limit: Some(3),
            },
        )?;
        assert_eq!(hits.first().map(|h| h.code.as_str()), Some("GC-GPLX"));
        let p = catalog_show(
            &ctx,
            CatalogShow {
                code: "GC-KHAISINH".into(),
            },
        )?;
        assert_eq!(p.name.vi, "Đăng ký khai sinh");
        let missing = catalog_show(
            &ctx,
            CatalogShow {
                code: "NOPE".into(),
            },
        )
        .err()
        .ok_or("found NOPE")?;
        assert_eq!(missing.code(), crate::ErrorCode::NotFound);
        Ok(())
    }

    fn bump(version: u32, rename: Option<&str>) -> String {
        let mut doc: serde_json::Value =
            serde_json::from_str(SHIPPED_PACK).unwrap_or_else(|e| panic!("{e}"));
        doc["version"] = version.into();
        if let Some(name) = rename {
            doc["procedures"][0]["name"]["vi"] = name.into();
        }
        doc.to_string()
    }

    #[test]
    fn import_is_atomic_and_refuses_bad_or_old_packs() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        let before = catalog_packs(&ctx)?;
        // Versions relative to the shipped pack's, whatever it is today.
        let shipped = before.first().map(|p| p.version).ok_or("no pack")?;
        let newer = shipped + 1;

        // A malformed pack names its bad field and changes nothing.
        let mut bad: serde_json::Value = serde_json::from_str(&bump(9, None))?;
        bad["procedures"][3]["fees"] = serde_json::json!([{"name": {"vi": "x"}, "online": "free"}]);
        let err = catalog_import(
            &ctx,
            CatalogImport {
                json: bad.to_string(),
                allow_unsigned: true,
            },
        )
        .err()
        .ok_or("accepted")?;
        assert_eq!(err.code(), crate::ErrorCode::InvalidPack);
        assert!(
            err.message_args()
                .iter()
                .any(|(k, v)| *k == "path" && v == "procedures[3].fees[0].online")
        );
        assert_eq!(catalog_packs(&ctx)?, before);

        // Not newer: refused.
        let err = catalog_import(
            &ctx,
            CatalogImport {
                json: bump(shipped, Some("Khác")),
                allow_unsigned: true,
            },
        )
        .err()
        .ok_or("accepted")?;
        assert_eq!(err.code(), crate::ErrorCode::PackNotNewer);

        // Newer: replaces, and search sees it at once.
        // Nobody vouches for a bare pack unless a lead says so.
        let unsigned = catalog_import(
            &ctx,
            CatalogImport {
                json: bump(newer, Some("Xác nhận số chứng minh cũ XYZW")),
                allow_unsigned: false,
            },
        )
        .err()
        .ok_or("installed unsigned")?;
        assert_eq!(unsigned.code(), crate::ErrorCode::UntrustedPack);
        let info = catalog_import(
            &ctx,
            CatalogImport {
                json: bump(newer, Some("Xác nhận số chứng minh cũ XYZW")),
                allow_unsigned: true,
            },
        )?;
        assert_eq!(info.version, newer);
        assert!(info.newly_installed);
        let hits = catalog_search(
            &ctx,
            CatalogSearch {
                query: "xyzw".into(),
                limit: None,
            },
        )?;
        assert_eq!(hits.len(), 1);

        // Reopening the data directory does not downgrade to the shipped pack.
        drop(ctx);
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        assert_eq!(catalog_packs(&ctx)?[0].version, newer);
        Ok(())
    }
}
