//! The command context: what every command needs, opened once per process.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use gocua_core::Language;
use gocua_store::{SettingKey, Store};
use gocua_sync::{PROBE_TIMEOUT, PortalUrl, Prober};

use crate::catalogue::{CatalogueCache, build_cache, install_shipped};
use crate::{ApiError, Result};

/// The environment variable that overrides the built-in default portal URL
/// (used by the README's run command, training set-ups and tests). A URL the
/// user saved in the settings still wins over it.
pub const PORTAL_URL_ENV_VAR: &str = "GOCUA_PORTAL_URL";

/// The named training override: set to `1` to allow a plain-`http` portal on
/// another machine (a classroom sandbox). The app shows a red banner while
/// it is on. Never for real citizens' data.
pub const INSECURE_PORTAL_ENV_VAR: &str = "GOCUA_ALLOW_INSECURE_PORTAL";

/// The environment variable holding the operator passphrase that protects
/// the database key where no OS keyring exists.
pub const PASSPHRASE_ENV_VAR: &str = "GOCUA_PASSPHRASE";

/// How to open a [`Ctx`].
#[derive(Clone)]
pub struct CtxOptions {
    /// The data directory (see [`crate::data_dir`]).
    pub data_dir: PathBuf,
    /// The portal to use while the user has not chosen one.
    pub default_portal_url: PortalUrl,
    /// The clock (the system clock unless a test fixes it).
    pub clock: crate::clock::Clock,
    /// Where the database key comes from.
    pub key: crate::keys::KeyPolicy,
    /// Idle seconds before the window locks, and before a kiosk wipes
    /// (`GOCUA_IDLE_LOCK_SECONDS`, `GOCUA_KIOSK_IDLE_SECONDS` for training and tests).
    pub idle_seconds: (u32, u32),
    /// The training override (`GOCUA_ALLOW_INSECURE_PORTAL`).
    pub allow_insecure_portal: bool,
}

impl CtxOptions {
    /// Options for `data_dir` with the built-in default portal.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        CtxOptions {
            data_dir: data_dir.into(),
            default_portal_url: PortalUrl::default(),
            clock: crate::clock::system(),
            key: crate::keys::KeyPolicy::System { passphrase: None },
            idle_seconds: (
                crate::session::IDLE_LOCK_SECONDS,
                crate::session::KIOSK_IDLE_SECONDS,
            ),
            allow_insecure_portal: false,
        }
    }

    /// Options for tests and benchmarks: a fixed database key, no keyring.
    pub fn for_tests(data_dir: impl Into<PathBuf>) -> Self {
        CtxOptions {
            key: crate::keys::KeyPolicy::Fixed([0x42; 32]),
            ..CtxOptions::new(data_dir)
        }
    }

    /// Options from the process: `--data-dir`/`GOCUA_DATA_DIR` (unless
    /// `data_dir` is given) and `GOCUA_PORTAL_URL`.
    pub fn from_env(data_dir: Option<PathBuf>) -> Result<Self> {
        let data_dir = match data_dir {
            Some(d) => crate::data_dir::resolve(Some(d), None)?,
            None => crate::data_dir::from_process()?,
        };
        let mut opts = CtxOptions::new(data_dir);
        opts.allow_insecure_portal =
            std::env::var(INSECURE_PORTAL_ENV_VAR).is_ok_and(|v| v.trim() == "1");
        if let Some(url) = std::env::var(PORTAL_URL_ENV_VAR)
            .ok()
            .filter(|v| !v.trim().is_empty())
        {
            opts.default_portal_url = parse_portal_url(&url, opts.allow_insecure_portal)?;
        }
        let seconds = |var: &str| {
            std::env::var(var)
                .ok()
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|s| *s > 0)
        };
        if let Some(s) = seconds("GOCUA_IDLE_LOCK_SECONDS") {
            opts.idle_seconds.0 = s;
        }
        if let Some(s) = seconds("GOCUA_KIOSK_IDLE_SECONDS") {
            opts.idle_seconds.1 = s;
        }
        // The documented fallback for machines without an OS keyring.
        if let Some(passphrase) = std::env::var(PASSPHRASE_ENV_VAR)
            .ok()
            .filter(|p| !p.is_empty())
        {
            opts.key = crate::keys::KeyPolicy::System {
                passphrase: Some(passphrase),
            };
        }
        Ok(opts)
    }
}

impl std::fmt::Debug for CtxOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CtxOptions")
            .field("data_dir", &self.data_dir)
            .field("default_portal_url", &self.default_portal_url)
            .finish_non_exhaustive()
    }
}

/// Everything a command needs: the store, the HTTP prober and the defaults.
/// Cheap to share behind an `Arc`; all methods take `&self`.
pub struct Ctx {
    data_dir: PathBuf,
    store: Mutex<Store>,
    prober: Prober,
    default_portal_url: PortalUrl,
    catalogue: RwLock<Option<Arc<CatalogueCache>>>,
    clock: crate::clock::Clock,
    key_source: crate::keys::KeySource,
    session: Mutex<crate::session::Session>,
    idle_seconds: (u32, u32),
    allow_insecure_portal: bool,
    forms: PackCache<gocua_core::form::FormSchema>,
    procedures: PackCache<gocua_core::catalogue::Procedure>,
    language: RwLock<Option<Language>>,
}

/// Parsed form schemas or procedures by (pack row, id): what an installed
/// pack row holds never changes, and autosave needs both on every
/// keystroke, so each is parsed once.
pub(crate) struct PackCache<T>(Mutex<std::collections::HashMap<(i64, String), Arc<T>>>);

impl<T> Default for PackCache<T> {
    fn default() -> Self {
        PackCache(Mutex::new(std::collections::HashMap::new()))
    }
}

impl<T> PackCache<T> {
    pub(crate) fn get(&self, key: &(i64, String)) -> Option<Arc<T>> {
        self.0.lock().ok().and_then(|m| m.get(key).cloned())
    }

    pub(crate) fn put(&self, key: (i64, String), value: Arc<T>) {
        if let Ok(mut m) = self.0.lock() {
            m.insert(key, value);
        }
    }
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl Ctx {
    /// Opens the data directory (creating and migrating the database).
    pub fn open(opts: CtxOptions) -> Result<Self> {
        let (key, key_source) = crate::keys::database_key(&opts.data_dir, &opts.key)?;
        let mut store = Store::open_in(&opts.data_dir, &key).map_err(|e| match e {
            gocua_store::Error::WrongKey => ApiError::KeyUnavailable("wrong-key".into()),
            other => other.into(),
        })?;
        drop(key);
        install_shipped(&mut store)?;
        let prober = Prober::new(PROBE_TIMEOUT).map_err(|e| ApiError::Internal(e.to_string()))?;
        Ok(Ctx {
            data_dir: opts.data_dir,
            store: Mutex::new(store),
            prober,
            default_portal_url: opts.default_portal_url,
            catalogue: RwLock::new(None),
            clock: opts.clock,
            key_source,
            session: Mutex::new(crate::session::Session::default()),
            idle_seconds: opts.idle_seconds,
            allow_insecure_portal: opts.allow_insecure_portal,
            forms: PackCache::default(),
            procedures: PackCache::default(),
            language: RwLock::new(None),
        })
    }

    /// Where this data directory's key came from.
    pub fn key_source(&self) -> crate::keys::KeySource {
        self.key_source
    }

    /// Idle seconds before locking, and before a kiosk wipes.
    pub fn idle_seconds(&self) -> (u32, u32) {
        self.idle_seconds
    }

    /// The desktop session.
    pub(crate) fn session(&self) -> Result<crate::session::Session> {
        self.session
            .lock()
            .map(|s| s.clone())
            .map_err(|_| ApiError::Internal("session lock poisoned".into()))
    }

    /// Signs the operator out (the window locks); a kiosk stays a kiosk.
    pub(crate) fn sign_out(&self) -> Result<()> {
        let kiosk = self.session()?.kiosk;
        self.set_session(crate::session::Session {
            operator: None,
            kiosk,
            last_active: None,
        })
    }

    pub(crate) fn set_session(&self, session: crate::session::Session) -> Result<()> {
        *self
            .session
            .lock()
            .map_err(|_| ApiError::Internal("session lock poisoned".into()))? = session;
        Ok(())
    }

    /// The store's mutex itself, for the sync worker (which locks it per step).
    pub(crate) fn store_mutex(&self) -> &Mutex<Store> {
        &self.store
    }

    /// The clock.
    pub(crate) fn clock(&self) -> crate::clock::Clock {
        self.clock.clone()
    }

    pub(crate) fn form_cache(&self) -> &PackCache<gocua_core::form::FormSchema> {
        &self.forms
    }

    pub(crate) fn procedure_cache(&self) -> &PackCache<gocua_core::catalogue::Procedure> {
        &self.procedures
    }

    /// The current time.
    pub fn now(&self) -> time::OffsetDateTime {
        (self.clock)()
    }

    /// The search index and summaries of the active catalogue, built on
    /// first use.
    pub(crate) fn catalogue(&self) -> Result<Arc<CatalogueCache>> {
        if let Some(c) = self.catalogue.read().ok().and_then(|g| g.clone()) {
            return Ok(c);
        }
        let packs = self.store()?.catalogue().active_pack_bodies()?;
        let built = Arc::new(build_cache(&packs));
        if let Ok(mut slot) = self.catalogue.write() {
            *slot = Some(built.clone());
        }
        Ok(built)
    }

    /// Forgets the cached index after the catalogue changed.
    pub(crate) fn invalidate_catalogue(&self) {
        if let Ok(mut slot) = self.catalogue.write() {
            *slot = None;
        }
    }

    /// The data directory in use.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Exclusive access to the store for the duration of one command step.
    /// Never hold the guard across an `.await`.
    pub(crate) fn store(&self) -> Result<MutexGuard<'_, Store>> {
        self.store
            .lock()
            .map_err(|_| ApiError::Internal("store lock poisoned".into()))
    }

    /// The interface language: the saved choice, else Vietnamese. Never
    /// fails — an unreadable setting must not stop errors from being shown.
    pub fn language(&self) -> Language {
        if let Some(lang) = self.language.read().ok().and_then(|l| *l) {
            return lang;
        }
        let lang = self
            .store()
            .ok()
            .and_then(|s| s.settings().get(SettingKey::Language).ok().flatten())
            .and_then(|code| code.parse().ok())
            .unwrap_or_default();
        self.remember_language(lang);
        lang
    }

    /// Keeps the interface language (read once, then on every change made
    /// through this context: autosave does not read it from the database).
    pub(crate) fn remember_language(&self, lang: Language) {
        if let Ok(mut l) = self.language.write() {
            *l = Some(lang);
        }
    }

    /// The portal to talk to, and whether it is the default (not a saved choice).
    pub fn portal_url(&self) -> Result<(PortalUrl, bool)> {
        let saved = self.store()?.settings().get(SettingKey::PortalUrl)?;
        // A saved URL that is not acceptable now (plain http saved under the
        // training override) is not used: the default (loopback) is.
        Ok(
            match saved.and_then(|s| parse_portal_url(&s, self.allow_insecure_portal).ok()) {
                Some(url) => (url, false),
                None => (self.default_portal_url.clone(), true),
            },
        )
    }

    /// Whether the training override allows plain-http portals elsewhere.
    pub fn allow_insecure_portal(&self) -> bool {
        self.allow_insecure_portal
    }

    pub(crate) fn prober(&self) -> &Prober {
        &self.prober
    }
}

pub(crate) fn parse_portal_url(input: &str, allow_insecure: bool) -> Result<PortalUrl> {
    let parsed = if allow_insecure {
        PortalUrl::parse_insecure(input)
    } else {
        input.parse::<PortalUrl>()
    };
    parsed.map_err(|source| ApiError::InvalidPortalUrl {
        input: input.to_owned(),
        source,
    })
}
