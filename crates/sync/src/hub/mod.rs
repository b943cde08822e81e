//! The team hub from the laptop's side: the client ([`HubClient`]), joining
//! with an enrolment code ([`join()`]), the pass that sends the report
//! records that changed and keeps the audit chain anchored ([`pass()`]), the
//! signed content it brings back ([`content`]) and the hand-over of drafts
//! between the team's laptops ([`handover`]).
//!
//! Everything here works against [`HubContext`] — the store, the clock, the
//! operator's name and the pass lock, handed in — and fails with
//! [`HubError`]; the command surface (gocua-api) turns that into its own
//! errors and words. The laptop never needs the hub: without one, or
//! offline, nothing else changes.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use gocua_core::dossier::DossierState;
use gocua_store::{HubLink, Store};
use time::OffsetDateTime;

mod client;
pub mod content;
pub mod handover;
mod join;
mod pass;

pub use client::{HubClient, HubFailure, new_device_key, public_key};
pub use content::{ContentInstaller, PackInstall, installed_roster, trusted_payload};
pub use join::{join, leave};
pub use pass::{HubPass, anchor_check, background_every, pass};

/// How long one hub request may take.
pub const HUB_TIMEOUT: Duration = Duration::from_secs(30);

/// What every hub step needs, handed in by the caller.
pub struct HubContext<'a> {
    /// The laptop's database.
    pub store: &'a Mutex<Store>,
    /// The clock.
    pub now: &'a (dyn Fn() -> OffsetDateTime + Sync),
    /// The operator recorded in the audit log and on hand-overs.
    pub operator: &'a str,
    /// The data folder's pass lock (`None`: the caller guarantees one pass
    /// at a time).
    pub lock: Option<&'a Path>,
}

impl HubContext<'_> {
    /// Runs `f` with the store locked (never across an `.await`).
    pub(crate) fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.store.lock().map_err(|_| HubError::Poisoned)?;
        f(&mut guard)
    }

    /// Now, as stored.
    pub(crate) fn stamp(&self) -> String {
        gocua_store::clock::stamp((self.now)())
    }

    /// The pass lock, waiting for another pass to end; `Busy` when it did
    /// not end in time.
    pub(crate) async fn lock(&self) -> Result<Option<crate::lock::PassLock>> {
        match self.lock {
            None => Ok(None),
            Some(path) => crate::lock::PassLock::take(path, crate::lock::COMMAND_PATIENCE)
                .await
                .map_err(HubError::Local)?
                .map(Some)
                .ok_or(HubError::Busy),
        }
    }

    /// The hub this laptop joined.
    pub fn link(&self) -> Result<HubLink> {
        self.with(|s| s.hub().link()?.ok_or(HubError::NotJoined))
    }

    /// The hub this laptop joined and is still part of, a client signing
    /// with this laptop's device key, and that key.
    pub(crate) fn joined(
        &self,
        timeout: Duration,
    ) -> Result<(HubLink, HubClient, gocua_core::sealed::SigningKey)> {
        let link = self.link()?;
        if link.revoked_at.is_some() {
            return Err(HubError::Revoked);
        }
        let client = signed_client(&link, timeout)?;
        let secret = device_secret(&link)?;
        Ok((
            link,
            client,
            gocua_core::sealed::SigningKey::from_bytes(&secret),
        ))
    }
}

/// A client of the hub of `link`, signing with this laptop's device key.
pub(crate) fn signed_client(link: &HubLink, timeout: Duration) -> Result<HubClient> {
    let secret = device_secret(link)?;
    Ok(HubClient::new(&link.url, &link.fingerprint, timeout)?.signed(&link.device_id, &secret))
}

fn device_secret(link: &HubLink) -> Result<[u8; 32]> {
    link.device_secret
        .as_slice()
        .try_into()
        .map_err(|_| HubError::Damaged("the stored device key is not 32 bytes".into()))
}

/// Why a hub step did not succeed. [`HubError::reason`] is the stable code
/// the command surface translates.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// This laptop has not joined a hub.
    #[error("this laptop has not joined a team hub")]
    NotJoined,
    /// The team lead revoked this laptop earlier.
    #[error("this laptop was revoked earlier")]
    Revoked,
    /// The hub did not do what was asked.
    #[error(transparent)]
    Remote(#[from] HubFailure),
    /// The enrolment code cannot be read.
    #[error("the enrolment code is damaged: {0}")]
    CodeDamaged(String),
    /// The laptop's name for the hub is empty or longer than 100 characters.
    #[error("the laptop's name must be 1–100 characters")]
    InvalidName(String),
    /// What the hub sent is not acceptable (a key, a roster, content).
    #[error("refused: {0}")]
    Refused(String),
    /// A hand-over without the citizen's recorded agreement.
    #[error("the citizen's agreement is not recorded")]
    NoConsent,
    /// The receiving laptop is not (or no longer) in the team.
    #[error("no such laptop in the team: {0}")]
    NoLaptop(String),
    /// The draft with its photos is larger than the hub carries.
    #[error("the hand-over is too large: {0} bytes")]
    TooLarge(usize),
    /// An envelope that cannot be opened or read.
    #[error("the sealed envelope cannot be opened: {0}")]
    Sealed(String),
    /// This laptop lacks the draft's form version.
    #[error("this laptop has no form {0} of that version")]
    NoForm(String),
    /// The hand-over was decided otherwise first.
    #[error("the hand-over was already {0}")]
    Closed(gocua_core::handover::HandoverState),
    /// The hand-over is no longer waiting for this laptop.
    #[error("the hand-over is no longer waiting")]
    NotWaiting,
    /// No such dossier or hand-over here.
    #[error("not found")]
    NotFound(String),
    /// The dossier is not a draft that may be handed over.
    #[error("the dossier is {0}")]
    NotEditable(DossierState),
    /// Another pass on this data folder did not end in time.
    #[error("another sync is running on this data folder")]
    Busy,
    /// The store failed.
    #[error("storage: {0}")]
    Store(#[from] gocua_store::Error),
    /// The store lock was poisoned.
    #[error("store lock poisoned")]
    Poisoned,
    /// What this laptop stored cannot be read back.
    #[error("damaged: {0}")]
    Damaged(String),
    /// A local failure outside the database (randomness, the lock file).
    #[error("{0}")]
    Local(String),
}

impl HubError {
    /// The reason code shown to people (`error-hub` with this reason), for
    /// the errors that are the hub's business; `None` for the local ones.
    pub fn reason(&self) -> Option<&'static str> {
        Some(match self {
            HubError::NotJoined => "not-joined",
            HubError::Revoked => "revoked",
            HubError::Remote(f) => f.reason(),
            HubError::CodeDamaged(_) => "code-damaged",
            HubError::Refused(_) => "refused",
            HubError::NoConsent => "handover-consent",
            HubError::NoLaptop(_) => "handover-no-laptop",
            HubError::TooLarge(_) => "handover-too-large",
            HubError::Sealed(_) => "handover-sealed",
            HubError::NoForm(_) => "handover-form",
            HubError::Closed(_) | HubError::NotWaiting => "handover-closed",
            HubError::Busy => "busy",
            HubError::InvalidName(_)
            | HubError::NotFound(_)
            | HubError::NotEditable(_)
            | HubError::Store(_)
            | HubError::Poisoned
            | HubError::Damaged(_)
            | HubError::Local(_) => return None,
        })
    }
}

/// The result of a hub step.
pub type Result<T, E = HubError> = std::result::Result<T, E>;
