//! The outbox worker: sends each queued operation once, whole, in order per
//! dossier, whatever the connection does; then reads the status feed.
//!
//! Exactly once = at-least-once delivery (an operation stays in the outbox
//! until the portal's answer is stored) + an idempotent portal (the same
//! Idempotency-Key gets the first answer; uploads resume at the offset the
//! portal confirmed). Every step that changes local state is one SQLite
//! transaction, so a kill at any moment resumes correctly.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use gocua_core::dossier::{DossierState, Event, PortalStatus, next};
use gocua_protocol::{BoSungNop, HoSo, HoSoNop, TaiLieuNop, UploadCreate};
use gocua_store::{AttachmentRow, AuditEntry, OutboxRow, SettingKey, Store};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::backoff::Backoff;
use super::client::{PortalClient, SendError};

/// How the worker behaves.
#[derive(Debug, Clone)]
pub struct Policy {
    /// When to retry.
    pub backoff: Backoff,
    /// Upload chunk size in bytes.
    pub chunk: u64,
    /// The operator recorded in the audit log.
    pub operator: String,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            backoff: Backoff::APP,
            chunk: 256 * 1024,
            operator: "sync".into(),
        }
    }
}

/// What one pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pass {
    /// Operations that reached the portal.
    pub sent: u32,
    /// Attempts that failed and will be retried.
    pub retried: u32,
    /// Operations set aside (the portal refused them for good).
    pub quarantined: u32,
    /// Operations held until the citizen is present.
    pub needs_citizen: u32,
    /// Status changes applied.
    pub changes: u32,
    /// Dossiers that now need a supplement.
    pub supplements: u32,
    /// Attachment bytes the portal confirmed in this pass.
    pub uploaded: u64,
    /// The status feed could not be read (offline): the next pass will.
    pub pull_failed: Option<String>,
    /// The portal did not know this laptop's token: register again.
    pub unauthorized: bool,
}

/// A local failure (the database), not a network one.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The store failed.
    #[error("storage: {0}")]
    Store(#[from] gocua_store::Error),
    /// The store lock was poisoned.
    #[error("store lock poisoned")]
    Poisoned,
    /// A stored payload cannot be read back.
    #[error("damaged outbox payload: {0}")]
    Payload(String),
    /// A local failure outside the database (the pass lock file, the HTTP
    /// client's set-up, randomness).
    #[error("{0}")]
    Local(String),
}

pub(crate) type Result<T, E = SyncError> = std::result::Result<T, E>;

pub(crate) use gocua_store::clock::stamp;

pub(crate) fn with<T>(store: &Mutex<Store>, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let mut guard = store.lock().map_err(|_| SyncError::Poisoned)?;
    f(&mut guard)
}

/// Sends every due operation, then applies the status feed.
pub async fn run_once(
    store: &Mutex<Store>,
    client: &PortalClient,
    policy: &Policy,
    now: &(dyn Fn() -> OffsetDateTime + Sync),
    random: &mut (dyn FnMut() -> f64 + Send),
) -> Result<Pass> {
    let mut pass = Pass::default();
    let mut failed_now: HashSet<String> = HashSet::new();
    loop {
        let op = with(store, |s| Ok(s.outbox().due(&stamp(now()))?))?;
        let Some(op) = op else { break };
        if failed_now.contains(&op.id) || pass.unauthorized {
            break; // due again at once (tiny jitter), or no valid token: next pass
        }
        mark(store, &op.dossier, Event::StartSending, now)?;
        let sent = send(store, client, policy, &op, &mut pass)
            .await?
            .and_then(|hoso| {
                // The code is stored and later goes into URL paths.
                if is_portal_code(&hoso.ma_ho_so) {
                    Ok(hoso)
                } else {
                    Err(SendError::Refused {
                        status: 200,
                        code: "malformed_code".into(),
                        reason: "the portal answered with a malformed dossier code".into(),
                    })
                }
            });
        match sent {
            Ok(hoso) => {
                with(store, |s| {
                    let at = stamp(now());
                    let w = s.write()?;
                    w.outbox().done(&op.id, &at)?;
                    // The portal has it: the answer's status is the dossier's
                    // next state, when the state machine agrees. When it does
                    // not (an unknown status code, or the dossier is not
                    // `sending` any more), the code is still kept and the
                    // status feed brings the state in line; nothing is forced.
                    let reported = PortalStatus::from_code(hoso.trang_thai_ho_so)
                        .map(Event::PortalReports)
                        .ok_or(gocua_store::Error::Corrupt(format!(
                            "unknown portal status {}",
                            hoso.trang_thai_ho_so
                        )))
                        .and_then(|event| {
                            w.dossiers().record_portal(
                                &op.dossier,
                                &hoso.ma_ho_so,
                                event,
                                None,
                                &at,
                            )
                        });
                    match reported {
                        Ok(_) => {}
                        Err(
                            e
                            @ (gocua_store::Error::Transition(_) | gocua_store::Error::Corrupt(_)),
                        ) => {
                            tracing::warn!(dossier = %op.dossier, "sent, state left to the feed: {e}");
                            w.dossiers().set_portal_code(&op.dossier, &hoso.ma_ho_so)?;
                        }
                        Err(e) => return Err(e.into()),
                    }
                    w.audit().append(&AuditEntry {
                        at: &at,
                        operator: &policy.operator,
                        action: "sync.sent",
                        subject: &format!("dossier:{}", op.dossier),
                    })?;
                    w.commit()?;
                    Ok(())
                })?;
                pass.sent += 1;
            }
            Err(SendError::NeedsCitizen { reason }) => {
                with(store, |s| {
                    let w = s.write()?;
                    w.outbox()
                        .needs_citizen(&op.id, &format!("needs the citizen: {reason}"))?;
                    w.commit()?;
                    Ok(())
                })?;
                mark(store, &op.dossier, Event::SendFailed, now)?;
                pass.needs_citizen += 1;
            }
            // The portal does not have the papers under the ids we sent (it
            // lost them, or they were another device's): upload them again,
            // a few times — counted apart from the attempts, which offline
            // passes also count — before the dossier is set aside.
            Err(SendError::Refused { code, reason, .. })
                if code == "upload_incomplete" && op.reuploads < MAX_REUPLOADS =>
            {
                let why = format!("{code}: {reason}");
                let kind = gocua_core::outbox::FailureKind::Refused;
                retry_later(store, policy, &op, None, true, (&why, kind), now, random)?;
                failed_now.insert(op.id.clone());
                pass.retried += 1;
            }
            Err(SendError::Refused {
                status,
                code,
                reason,
            }) => {
                with(store, |s| {
                    let w = s.write()?;
                    w.outbox()
                        .quarantine(&op.id, &format!("{status} {code}: {reason}"))?;
                    w.commit()?;
                    Ok(())
                })?;
                mark(store, &op.dossier, Event::SendFailed, now)?;
                pass.quarantined += 1;
            }
            Err(e) => {
                if e == SendError::Unauthorized {
                    pass.unauthorized = true;
                }
                let after = match &e {
                    SendError::Retry { after, .. } => *after,
                    _ => None,
                };
                let why = e.to_string();
                retry_later(
                    store,
                    policy,
                    &op,
                    after,
                    false,
                    (&why, e.kind()),
                    now,
                    random,
                )?;
                failed_now.insert(op.id.clone());
                pass.retried += 1;
            }
        }
    }
    if pass.unauthorized {
        return Ok(pass);
    }
    if let Err(e) = pull(store, client, policy, now, &mut pass).await? {
        pass.unauthorized = e == SendError::Unauthorized;
        pass.pull_failed = Some(e.to_string());
    }
    Ok(pass)
}

/// Puts an operation back for a later try (backoff with jitter, or the
/// portal's Retry-After), with the reason; `reupload` also forgets its
/// dossier's uploads so the papers go again.
#[allow(clippy::too_many_arguments)]
fn retry_later(
    store: &Mutex<Store>,
    policy: &Policy,
    op: &OutboxRow,
    after: Option<Duration>,
    reupload: bool,
    (why, kind): (&str, gocua_core::outbox::FailureKind),
    now: &(dyn Fn() -> OffsetDateTime + Sync),
    random: &mut (dyn FnMut() -> f64 + Send),
) -> Result<()> {
    let wait = policy.backoff.delay(op.attempts, random(), after);
    let at = now() + time::Duration::try_from(wait).unwrap_or(time::Duration::ZERO);
    with(store, |s| {
        let w = s.write()?;
        if reupload {
            w.attachments().reset_uploads(Some(&op.dossier))?;
            w.outbox().reupload(&op.id, &stamp(at), why)?;
        } else {
            w.outbox().retry(&op.id, &stamp(at), why, kind)?;
        }
        w.commit()?;
        Ok(())
    })?;
    mark(store, &op.dossier, Event::SendFailed, now)
}

/// Moves a dossier's local state on `event` when allowed (it may already
/// be further, after a lost answer).
fn mark(
    store: &Mutex<Store>,
    dossier: &str,
    event: Event,
    now: &(dyn Fn() -> OffsetDateTime + Sync),
) -> Result<()> {
    with(store, |s| {
        let w = s.write()?;
        match w.dossiers().transition(dossier, event, &stamp(now())) {
            Ok(_) => {}
            // Already further (or gone): nothing to move.
            Err(gocua_store::Error::Transition(_) | gocua_store::Error::NoDossier(_)) => {
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        }
        w.commit()?;
        Ok(())
    })
}

/// Uploads the dossier's attachments (resuming), then sends the operation.
async fn send(
    store: &Mutex<Store>,
    client: &PortalClient,
    policy: &Policy,
    op: &OutboxRow,
    pass: &mut Pass,
) -> Result<std::result::Result<HoSo, SendError>> {
    // Consent is checked again at the last moment: withdrawn since queueing,
    // nothing leaves the laptop.
    match with(store, |s| Ok(s.dossiers().check_sendable(&op.dossier)))? {
        Ok(()) => {}
        Err(gocua_store::Error::NoConsent(purpose)) => {
            return Ok(Err(SendError::Refused {
                status: 0,
                code: "no_consent".into(),
                reason: format!("the citizen has not consented to {}", purpose.as_str()),
            }));
        }
        Err(e) => return Err(e.into()),
    }
    let attachments = with(store, |s| Ok(s.attachments().of(&op.dossier)?))?;
    let mut papers = Vec::new();
    for a in &attachments {
        match upload(store, client, policy, op, a, pass).await? {
            Ok(id) => papers.push(TaiLieuNop {
                tep_dinh_kem_id: id,
                ten_tep_dinh_kem: a.name.clone(),
                ma_thanh_phan_ho_so: component_code(a.document),
                sha256: a.sha256.clone(),
            }),
            Err(e) => return Ok(Err(e)),
        }
    }
    let answer = match op.kind.as_str() {
        "supplement" => {
            let mut body: BoSungNop =
                serde_json::from_str(&op.payload).map_err(|e| SyncError::Payload(e.to_string()))?;
            body.tai_lieu_nop = papers;
            let code = with(store, |s| {
                Ok(s.dossiers().get(&op.dossier)?.and_then(|d| d.portal_code))
            })?;
            let Some(code) = code else {
                return Ok(Err(SendError::Refused {
                    status: 0,
                    code: "no_portal_code".into(),
                    reason: "a supplement of a dossier the portal does not have".into(),
                }));
            };
            client.supplement(&op.id, &code, &body).await
        }
        _ => {
            let mut body: HoSoNop =
                serde_json::from_str(&op.payload).map_err(|e| SyncError::Payload(e.to_string()))?;
            body.tai_lieu_nop = papers;
            client.submit(&op.id, &body, op.citizen_present).await
        }
    };
    Ok(answer)
}

/// Uploads one attachment from the offset the portal confirmed; its upload id.
async fn upload(
    store: &Mutex<Store>,
    client: &PortalClient,
    policy: &Policy,
    op: &OutboxRow,
    a: &AttachmentRow,
    pass: &mut Pass,
) -> Result<std::result::Result<String, SendError>> {
    let save = |id: Option<&str>, offset: u64| {
        with(store, |s| {
            let w = s.write()?;
            w.attachments().set_upload(a.id, id, offset)?;
            w.commit()?;
            Ok(())
        })
    };
    let (id, mut offset) = match &a.upload_id {
        Some(id) if a.uploaded >= a.size => return Ok(Ok(id.clone())),
        Some(id) => match client.upload_offset(id).await {
            Ok(o) => {
                if o >= a.size {
                    // Complete at the portal already: say so locally too.
                    save(Some(id), o)?;
                }
                (id.clone(), o)
            }
            Err(SendError::Refused { status: 404, .. }) => {
                save(None, 0)?;
                return Ok(Err(SendError::Retry {
                    after: None,
                    reason: "upload forgotten by the portal; starting again".into(),
                    cause: gocua_core::outbox::FailureKind::Busy,
                }));
            }
            Err(e) => return Ok(Err(e)),
        },
        None => {
            let req = UploadCreate {
                sha256: a.sha256.clone(),
                size: a.size,
                name: a.name.clone(),
                mime: a.mime.clone(),
            };
            match client
                .create_upload(&format!("{}/{}", op.id, a.id), &req)
                .await
            {
                Ok(info) => {
                    save(Some(&info.id), info.offset)?;
                    (info.id, info.offset)
                }
                Err(e) => return Ok(Err(e)),
            }
        }
    };
    while offset < a.size {
        let len = policy.chunk.min(a.size - offset);
        let chunk = with(store, |s| {
            Ok(s.attachments().blob_range(&a.sha256, offset, len)?)
        })?
        .ok_or_else(|| SyncError::Payload(format!("attachment {} has no content", a.id)))?;
        match client.patch_upload(&id, offset, chunk).await {
            Ok(confirmed) => {
                pass.uploaded += confirmed.saturating_sub(offset);
                offset = confirmed;
            }
            Err(SendError::Offset { offset: confirmed }) => offset = confirmed,
            Err(e) => return Ok(Err(e)),
        }
        save(Some(&id), offset)?;
    }
    Ok(Ok(id))
}

/// Reads the status feed from the saved cursor and applies it.
async fn pull(
    store: &Mutex<Store>,
    client: &PortalClient,
    policy: &Policy,
    now: &(dyn Fn() -> OffsetDateTime + Sync),
    pass: &mut Pass,
) -> Result<std::result::Result<(), SendError>> {
    let mut cursor: u64 = with(store, |s| Ok(s.settings().get(SettingKey::SyncCursor)?))?
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    for _ in 0..MAX_FEED_PAGES {
        let page = match client.changes(cursor).await {
            Ok(p) => p,
            Err(e) => return Ok(Err(e)),
        };
        with(store, |s| {
            let at = stamp(now());
            // The page and its cursor commit together.
            let w = s.write()?;
            let mut tx = w.dossiers();
            for c in &page.items {
                // Our own id first; a hand-off dossier is known by its code only.
                let row = match tx.get(&c.ma_ho_so_noi_bo)? {
                    Some(r) => Some(r),
                    None => tx.by_portal_code(&c.ma_ho_so)?,
                };
                let Some(row) = row else { continue };
                if !is_portal_code(&c.ma_ho_so) {
                    tracing::warn!(dossier = %row.id, "status feed: malformed dossier code ignored");
                    continue;
                }
                let Some(status) = PortalStatus::from_code(c.trang_thai_ho_so) else {
                    tracing::warn!(dossier = %row.id, "status feed: unknown status ignored");
                    continue;
                };
                let event = Event::PortalReports(status);
                // Queued: the operation's own answer will set the state.
                let Ok(to) = next(row.state, event) else {
                    continue;
                };
                if to == row.state {
                    continue;
                }
                let note = (to == DossierState::SupplementDraft)
                    .then(|| c.noi_dung.clone().unwrap_or_default());
                tx.record_portal(&row.id, &c.ma_ho_so, event, note.as_deref(), &at)?;
                w.audit().append(&AuditEntry {
                    at: &at,
                    operator: &policy.operator,
                    action: "sync.status",
                    subject: &format!("dossier:{}", row.id),
                })?;
                pass.changes += 1;
                if to == DossierState::SupplementDraft {
                    pass.supplements += 1;
                }
            }
            w.settings()
                .set(SettingKey::SyncCursor, &page.cursor.to_string())?;
            w.commit()?;
            Ok(())
        })?;
        // A feed that says "more" without moving on would never end.
        if !page.more || page.cursor <= cursor {
            return Ok(Ok(()));
        }
        cursor = page.cursor;
    }
    // The next pass goes on from the saved cursor.
    Ok(Ok(()))
}

/// The portal's code of a dossier component (MaThanhPhanHoSo) for the
/// paper at `document` in the procedure's list: TP1, TP2, …
pub fn component_code(document: u32) -> String {
    format!("TP{}", document + 1)
}

/// Re-uploads (since the last "send now") after which a dossier whose papers
/// the portal keeps missing is set aside.
const MAX_REUPLOADS: u32 = 5;

/// Pages of the status feed read in one pass at most.
const MAX_FEED_PAGES: usize = 200;

/// Whether `code` looks like a portal dossier code (4 to 40 of
/// `A-Z a-z 0-9 - . _ /`). Codes from the portal or typed at a hand-off are
/// checked before they are stored, and percent-encoded as one path segment
/// whenever they go into a URL.
pub fn is_portal_code(code: &str) -> bool {
    (4..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'/'))
}

/// How long until the next operation is due (`None`: nothing pending).
pub fn next_due_in(store: &Mutex<Store>, now: OffsetDateTime) -> Result<Option<Duration>> {
    let due = with(store, |s| Ok(s.outbox().next_due()?))?;
    Ok(due
        .and_then(|d| OffsetDateTime::parse(&d, &Rfc3339).ok())
        .map(|d| {
            let wait = d - now;
            Duration::try_from(wait).unwrap_or(Duration::ZERO)
        }))
}
