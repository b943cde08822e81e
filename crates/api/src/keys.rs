//! Where the database key lives.
//!
//! The key is 256 random bits. It is kept in the OS keyring (Secret Service
//! on Linux, Credential Manager on Windows, Keychain on macOS) under the
//! service `vn.gocua.desktop`, one entry per data directory. Where there is
//! no keyring (kiosks, servers, CI) the documented fallback is an operator
//! passphrase (`GOCUA_PASSPHRASE`): the key is stored in `key.wrapped`,
//! encrypted with ChaCha20-Poly1305 under a key derived from the passphrase
//! with Argon2id. There is never a plaintext key on disk: without a keyring
//! and without a passphrase the data directory does not open.

use std::path::Path;

use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use gocua_store::DbKey;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroize as _;

use crate::{ApiError, Result};

/// The keyring service name (the app identifier).
pub const KEYRING_SERVICE: &str = crate::data_dir::APP_IDENTIFIER;
/// The wrapped-key file of the passphrase fallback.
pub const WRAPPED_KEY_FILE: &str = "key.wrapped";

/// How to obtain the database key.
#[derive(Clone)]
pub enum KeyPolicy {
    /// The OS keyring, or the passphrase fallback when a passphrase is given.
    System {
        /// The operator passphrase (`GOCUA_PASSPHRASE`), if any.
        passphrase: Option<String>,
    },
    /// A fixed key: tests and benchmarks only.
    Fixed([u8; 32]),
}

impl std::fmt::Debug for KeyPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyPolicy::System { passphrase } => {
                write!(f, "System {{ passphrase: {} }}", passphrase.is_some())
            }
            KeyPolicy::Fixed(_) => f.write_str("Fixed(…)"),
        }
    }
}

/// Where the key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// The OS keyring.
    Keyring,
    /// `key.wrapped`, unlocked with the passphrase.
    Passphrase,
    /// A fixed test key.
    Fixed,
}

fn unavailable(reason: &str) -> ApiError {
    ApiError::KeyUnavailable(reason.to_owned())
}

fn random_key() -> Result<[u8; 32]> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
    Ok(key)
}

/// The file in the data folder that names this installation. It is created
/// before the key, and the keyring entry is named from it, so the key is found
/// again however the folder is spelled (relative, trailing slash, symlinked,
/// Windows' `\\?\` form) and after the folder is moved or restored elsewhere.
pub const INSTALLATION_ID_FILE: &str = "installation-id";
/// The lock file that makes key creation one process at a time.
const KEY_LOCK_FILE: &str = "key.lock";

/// The keyring account name of an installation.
fn keyring_user(installation_id: &str) -> String {
    format!("database-key-{installation_id}")
}

/// The account name used before installation ids (a hash of the canonical
/// folder path): read once to carry an existing key over.
fn legacy_keyring_user(data_dir: &Path) -> String {
    let canonical = data_dir
        .canonicalize()
        .unwrap_or_else(|_| data_dir.to_owned());
    let digest = Sha256::digest(canonical.display().to_string().as_bytes());
    format!("database-key-{}", gocua_core::hex::encode(&digest[..12]))
}

fn io(e: std::io::Error) -> ApiError {
    ApiError::Internal(format!("data folder: {e}"))
}

/// This installation's id (32 hex digits), created on first use.
pub fn installation_id(data_dir: &Path) -> Result<String> {
    let path = data_dir.join(INSTALLATION_ID_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let id = text.trim();
            if id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(id.to_ascii_lowercase())
            } else {
                Err(unavailable("installation-id-damaged"))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 16];
            getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("random: {e}")))?;
            let id = gocua_core::hex::encode(&bytes);
            gocua_store::files::write_private(&path, format!("{id}\n").as_bytes()).map_err(io)?;
            Ok(id)
        }
        Err(e) => Err(io(e)),
    }
}

/// Holds the data folder's key lock: two processes starting together on an
/// empty folder cannot each create a key.
struct KeyLock(std::fs::File);

impl KeyLock {
    fn take(data_dir: &Path) -> Result<Self> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(data_dir.join(KEY_LOCK_FILE))
            .map_err(io)?;
        gocua_store::files::restrict(&data_dir.join(KEY_LOCK_FILE), false).map_err(io)?;
        file.lock().map_err(io)?;
        Ok(KeyLock(file))
    }
}

impl Drop for KeyLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Shortest passphrase accepted to protect a new key.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

fn keyring_get(user: &str) -> Option<std::result::Result<[u8; 32], ApiError>> {
    let entry = keyring::Entry::new(KEYRING_SERVICE, user).ok()?;
    let mut hex = entry.get_password().ok()?;
    let key = gocua_core::hex::decode::<32>(&hex).ok_or_else(|| unavailable("keyring-damaged"));
    hex.zeroize();
    Some(key)
}

fn keyring_set(user: &str, key: &[u8; 32]) -> Result<()> {
    let entry =
        keyring::Entry::new(KEYRING_SERVICE, user).map_err(|_| unavailable("no-keyring"))?;
    let mut hex = gocua_core::hex::encode(key);
    let stored = entry.set_password(&hex);
    hex.zeroize();
    stored.map_err(|e| {
        tracing::warn!(error = %e, "OS keyring unavailable");
        unavailable("no-keyring")
    })
}

/// Finds or creates the key of `data_dir` according to `policy`. Creates the
/// data folder (private) and its installation id first.
pub fn database_key(data_dir: &Path, policy: &KeyPolicy) -> Result<(DbKey, KeySource)> {
    let passphrase = match policy {
        KeyPolicy::Fixed(bytes) => return Ok((DbKey::from_bytes(*bytes), KeySource::Fixed)),
        KeyPolicy::System { passphrase } => passphrase.as_deref().filter(|p| !p.is_empty()),
    };
    gocua_store::files::ensure_private_dir(data_dir).map_err(io)?;
    let _lock = KeyLock::take(data_dir)?;
    let wrapped = data_dir.join(WRAPPED_KEY_FILE);
    if wrapped.exists() {
        let passphrase = passphrase.ok_or_else(|| unavailable("passphrase-needed"))?;
        return Ok((unwrap_key(&wrapped, passphrase)?, KeySource::Passphrase));
    }
    let id = installation_id(data_dir)?;
    let user = keyring_user(&id);
    if let Some(key) = keyring_get(&user) {
        return Ok((DbKey::from_bytes(key?), KeySource::Keyring));
    }
    // A folder from before installation ids: carry its key over.
    if let Some(key) = keyring_get(&legacy_keyring_user(data_dir)) {
        let key = key?;
        keyring_set(&user, &key)?;
        return Ok((DbKey::from_bytes(key), KeySource::Keyring));
    }
    // No key yet. An encrypted database without its key cannot be opened.
    let db = data_dir.join(gocua_store::DB_FILE_NAME);
    let holds_data = std::fs::metadata(&db).is_ok_and(|m| m.len() > 0);
    if holds_data && !matches!(gocua_store::is_plaintext(&db), Ok(true)) {
        return Err(unavailable("key-lost"));
    }
    let key = random_key()?;
    if let Some(passphrase) = passphrase {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(unavailable("passphrase-short"));
        }
        wrap_key(&wrapped, &key, passphrase)?;
        return Ok((DbKey::from_bytes(key), KeySource::Passphrase));
    }
    keyring_set(&user, &key)?;
    // Use what the keyring holds, not what we meant to store.
    match keyring_get(&user) {
        Some(Ok(stored)) if stored == key => Ok((DbKey::from_bytes(key), KeySource::Keyring)),
        _ => Err(unavailable("no-keyring")),
    }
}

#[derive(Serialize, Deserialize)]
struct Wrapped {
    format: String,
    kdf: String,
    m_cost_kib: u32,
    t_cost: u32,
    p_cost: u32,
    salt: String,
    nonce: String,
    ciphertext: String,
}

const M_COST_KIB: u32 = 64 * 1024;
const T_COST: u32 = 3;
const P_COST: u32 = 1;

fn derive(passphrase: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<[u8; 32]> {
    let params = Params::new(m, t, p, Some(32)).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(out)
}

fn wrap_key(path: &Path, key: &[u8; 32], passphrase: &str) -> Result<()> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut salt).map_err(|e| ApiError::Internal(e.to_string()))?;
    getrandom::fill(&mut nonce).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut kek = derive(passphrase, &salt, M_COST_KIB, T_COST, P_COST)?;
    let cipher = ChaCha20Poly1305::new((&kek).into());
    kek.zeroize();
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), key.as_slice())
        .map_err(|_| ApiError::Internal("key wrapping failed".into()))?;
    let file = Wrapped {
        format: "gocua-wrapped-key-1".into(),
        kdf: "argon2id".into(),
        m_cost_kib: M_COST_KIB,
        t_cost: T_COST,
        p_cost: P_COST,
        salt: b64.encode(salt),
        nonce: b64.encode(nonce),
        ciphertext: b64.encode(ciphertext),
    };
    let json =
        serde_json::to_string_pretty(&file).map_err(|e| ApiError::Internal(e.to_string()))?;
    gocua_store::files::write_private(path, json.as_bytes()).map_err(io)
}

fn unwrap_key(path: &Path, passphrase: &str) -> Result<DbKey> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let damaged = || unavailable("wrapped-damaged");
    let text = std::fs::read_to_string(path).map_err(|_| damaged())?;
    let file: Wrapped = serde_json::from_str(&text).map_err(|_| damaged())?;
    if file.format != "gocua-wrapped-key-1" || file.kdf != "argon2id" {
        return Err(damaged());
    }
    let salt = b64.decode(&file.salt).map_err(|_| damaged())?;
    let nonce = b64.decode(&file.nonce).map_err(|_| damaged())?;
    let ciphertext = b64.decode(&file.ciphertext).map_err(|_| damaged())?;
    if nonce.len() != 12 || salt.len() < 8 || salt.len() > 64 {
        return Err(damaged());
    }
    // Parameters come from a file: only sane ones are used, so a damaged
    // file cannot ask for terabytes of memory or hours of work.
    if !(8 * 1024..=1024 * 1024).contains(&file.m_cost_kib)
        || !(1..=10).contains(&file.t_cost)
        || !(1..=4).contains(&file.p_cost)
    {
        return Err(damaged());
    }
    let mut kek = derive(passphrase, &salt, file.m_cost_kib, file.t_cost, file.p_cost)?;
    let cipher = ChaCha20Poly1305::new((&kek).into());
    kek.zeroize();
    let mut plain = cipher
        .decrypt(Nonce::from_slice(&nonce), ciphertext.as_slice())
        .map_err(|_| unavailable("wrong-passphrase"))?;
    let key: Option<[u8; 32]> = plain.as_slice().try_into().ok();
    plain.zeroize();
    key.map(DbKey::from_bytes).ok_or_else(damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passphrase_fallback_round_trips_and_refuses_a_wrong_passphrase()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let policy = KeyPolicy::System {
            passphrase: Some("ngựa-vằn-4242".into()),
        };
        let (first, source) = database_key(dir.path(), &policy)?;
        assert_eq!(source, KeySource::Passphrase);
        let wrapped = std::fs::read(dir.path().join(WRAPPED_KEY_FILE))?;
        assert!(
            !wrapped.windows(32).any(|w| w == first.as_bytes()),
            "raw key found in key.wrapped"
        );

        let (again, _) = database_key(dir.path(), &policy)?;
        assert_eq!(again.as_bytes(), first.as_bytes());

        let wrong = database_key(
            dir.path(),
            &KeyPolicy::System {
                passphrase: Some("sai".into()),
            },
        );
        assert!(matches!(wrong, Err(ApiError::KeyUnavailable(r)) if r == "wrong-passphrase"));
        let none = database_key(dir.path(), &KeyPolicy::System { passphrase: None });
        assert!(matches!(none, Err(ApiError::KeyUnavailable(r)) if r == "passphrase-needed"));
        Ok(())
    }

    /// With a Secret Service running (scripts/test.sh starts one), the key
    /// goes to the OS keyring and comes back from it. Set
    /// `GOCUA_EXPECT_KEYRING=1` to make a missing keyring a failure.
    #[test]
    fn os_keyring_round_trip() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let policy = KeyPolicy::System { passphrase: None };
        match database_key(dir.path(), &policy) {
            Ok((first, source)) => {
                assert_eq!(source, KeySource::Keyring);
                assert!(!dir.path().join(WRAPPED_KEY_FILE).exists());
                let (again, _) = database_key(dir.path(), &policy)?;
                assert_eq!(again.as_bytes(), first.as_bytes());
                let user = keyring_user(&installation_id(dir.path())?);
                if let Ok(entry) = keyring::Entry::new(KEYRING_SERVICE, &user) {
                    let _ = entry.delete_credential();
                }
            }
            Err(ApiError::KeyUnavailable(reason)) => {
                assert_eq!(reason, "no-keyring");
                assert!(
                    std::env::var_os("GOCUA_EXPECT_KEYRING").is_none(),
                    "GOCUA_EXPECT_KEYRING is set but no OS keyring answered"
                );
            }
            Err(e) => return Err(e.into()),
        }
        Ok(())
    }

    #[test]
    fn an_encrypted_database_without_its_key_is_reported_not_replaced()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        std::fs::write(dir.path().join(gocua_store::DB_FILE_NAME), [0x5au8; 4096])?;
        let err = database_key(
            dir.path(),
            &KeyPolicy::System {
                passphrase: Some("x".into()),
            },
        );
        assert!(matches!(err, Err(ApiError::KeyUnavailable(r)) if r == "key-lost"));
        Ok(())
    }

    /// The key is found again however the folder is spelled: relative, with
    /// a trailing slash, through a symlink (with a Secret Service running).
    #[test]
    fn the_keyring_key_is_found_for_every_spelling_of_the_folder()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let policy = KeyPolicy::System { passphrase: None };
        // A folder under the current directory, so it can be named relatively.
        let base = tempfile::tempdir_in(".")?;
        let rel = Path::new(".")
            .join(base.path().file_name().ok_or("name")?)
            .join("data");
        let first = match database_key(&rel, &policy) {
            Ok((key, _)) => key,
            Err(ApiError::KeyUnavailable(reason)) if reason == "no-keyring" => {
                assert!(std::env::var_os("GOCUA_EXPECT_KEYRING").is_none());
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        };
        let abs = base.path().canonicalize()?.join("data");
        let mut trailing = abs.clone().into_os_string();
        trailing.push("/");
        let link = base.path().join("link");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&abs, &link)?;
        #[cfg(not(unix))]
        let link = abs.clone();
        for spelling in [abs.clone(), std::path::PathBuf::from(trailing), link] {
            let (again, source) = database_key(&spelling, &policy)?;
            assert_eq!(source, KeySource::Keyring);
            assert_eq!(again.as_bytes(), first.as_bytes(), "{}", spelling.display());
        }
        // A moved folder (a restore elsewhere) keeps its installation id.
        let moved = base.path().join("moved");
        std::fs::rename(&abs, &moved)?;
        assert_eq!(
            database_key(&moved, &policy)?.0.as_bytes(),
            first.as_bytes()
        );
        if let Ok(entry) =
            keyring::Entry::new(KEYRING_SERVICE, &keyring_user(&installation_id(&moved)?))
        {
            let _ = entry.delete_credential();
        }
        Ok(())
    }

    #[test]
    fn two_first_starts_at_once_agree_on_one_key()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let policy = KeyPolicy::System {
            passphrase: Some("một mật khẩu dài".into()),
        };
        let keys: Vec<[u8; 32]> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..3)
                .map(|_| scope.spawn(|| database_key(dir.path(), &policy).map(|k| *k.0.as_bytes())))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .map_err(|_| ApiError::Internal("panicked".into()))?
                })
                .collect::<Result<Vec<_>>>()
        })?;
        assert!(keys.windows(2).all(|w| w[0] == w[1]));
        Ok(())
    }

    #[test]
    fn short_passphrases_and_absurd_kdf_parameters_are_refused()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let short = database_key(
            dir.path(),
            &KeyPolicy::System {
                passphrase: Some("ngắn-quá".into()),
            },
        );
        assert!(matches!(short, Err(ApiError::KeyUnavailable(r)) if r == "passphrase-short"));
        assert!(!dir.path().join(WRAPPED_KEY_FILE).exists());

        let policy = KeyPolicy::System {
            passphrase: Some("một mật khẩu dài".into()),
        };
        database_key(dir.path(), &policy)?;
        let path = dir.path().join(WRAPPED_KEY_FILE);
        let mut file: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
        file["m_cost_kib"] = serde_json::json!(u32::MAX);
        std::fs::write(&path, serde_json::to_vec(&file)?)?;
        let damaged = database_key(dir.path(), &policy);
        assert!(matches!(damaged, Err(ApiError::KeyUnavailable(r)) if r == "wrapped-damaged"));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn the_data_folder_and_key_file_are_private()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir()?;
        let data = dir.path().join("data");
        database_key(
            &data,
            &KeyPolicy::System {
                passphrase: Some("một mật khẩu dài".into()),
            },
        )?;
        assert_eq!(
            std::fs::metadata(&data)?.permissions().mode() & 0o777,
            0o700
        );
        for entry in std::fs::read_dir(&data)? {
            let mode = entry?.metadata()?.permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "readable by others");
        }
        Ok(())
    }
}
