//! The team hub's commands: join, leave, status, sync now, the anchor check
//! and the roster. The pass itself — pseudonyms, batches, anchors, content,
//! hand-overs — is gocua-sync's ([`gocua_sync::hub`]); this module hands it
//! the store, the clock, the operator and the pass lock, installs the
//! content it brings as any import is installed, and words the outcome.

use std::path::PathBuf;

use gocua_sync::hub::content::{ContentInstaller, PackInstall, TeamRoster};
use gocua_sync::hub::{HubContext, HubError};

use crate::clock::Clock;
use crate::dto::{
    HubAnchorCheck, HubJoin, HubRosterDto, HubRosterMember, HubStatus, HubSyncReport,
};
use crate::{ApiError, Ctx, Result};

/// What a hub step is handed: owned here, lent to [`HubContext`].
pub(crate) struct HubEnv {
    clock: Clock,
    operator: String,
    lock: PathBuf,
}

impl HubEnv {
    pub(crate) fn new(ctx: &Ctx) -> Result<Self> {
        Ok(HubEnv {
            clock: ctx.clock(),
            operator: crate::audit::operator_name(ctx)?,
            lock: ctx.data_dir().join(gocua_sync::lock::LOCK_FILE),
        })
    }

    pub(crate) fn cx<'a>(&'a self, ctx: &'a Ctx) -> HubContext<'a> {
        HubContext {
            store: ctx.store_mutex(),
            now: &*self.clock,
            operator: &self.operator,
            lock: Some(&self.lock),
        }
    }
}

impl From<HubError> for ApiError {
    fn from(e: HubError) -> Self {
        match e {
            HubError::NotFound(id) => ApiError::NotFound(id),
            HubError::NotEditable(state) => ApiError::NotEditable(state.to_string()),
            HubError::InvalidName(value) => ApiError::InvalidValue {
                field: "name".into(),
                value,
            },
            HubError::Store(e) => e.into(),
            HubError::Damaged(detail) => crate::error::corrupt(detail),
            HubError::Poisoned => ApiError::Internal("store lock poisoned".into()),
            HubError::Local(detail) => ApiError::Internal(detail),
            other => ApiError::Hub {
                reason: other.reason().unwrap_or("refused").to_owned(),
                detail: other.to_string(),
            },
        }
    }
}

/// Installs what the hub brings as a lead's import would be installed.
struct Installer<'a>(&'a Ctx);

impl ContentInstaller for Installer<'_> {
    fn install_pack(&self, signed: &str) -> PackInstall {
        let req = crate::dto::CatalogImport {
            json: signed.to_owned(),
            allow_unsigned: false,
        };
        match crate::catalog_import(self.0, req) {
            Ok(_) => PackInstall::Installed,
            Err(ApiError::PackNotNewer { .. }) => PackInstall::NotNewer,
            Err(e) => PackInstall::Refused(e.log_detail()),
        }
    }

    fn install_guides(&self, payload: &str) -> std::result::Result<(), String> {
        crate::guides::parse(payload)
            .and_then(|_| crate::guides::install(self.0, payload))
            .map_err(|e| e.log_detail())
    }
}

/// Joins the hub named by an enrolment code: makes this laptop's device key,
/// registers its public half, pins the hub's certificate. Joining again (a
/// new code) replaces the earlier hub, and everything is sent anew.
pub async fn hub_join(ctx: &Ctx, req: HubJoin) -> Result<HubStatus> {
    let env = HubEnv::new(ctx)?;
    let joined = gocua_sync::hub::join(
        &env.cx(ctx),
        &req.code,
        &req.name,
        env!("CARGO_PKG_VERSION"),
    )
    .await;
    match joined {
        // What was typed is said back whole, not trimmed.
        Err(HubError::InvalidName(_)) => Err(ApiError::InvalidValue {
            field: "name".into(),
            value: req.name,
        }),
        other => other.map_err(ApiError::from),
    }?;
    hub_status(ctx)
}

/// Whether and where this laptop is enrolled, and what waits.
pub fn hub_status(ctx: &Ctx) -> Result<HubStatus> {
    let store = ctx.store()?;
    let hub = store.hub();
    let pending = u32::try_from(hub.pending_count()?).unwrap_or(u32::MAX);
    let link = hub.link()?;
    Ok(HubStatus {
        joined: link.is_some(),
        pending,
        url: link.as_ref().map(|l| l.url.clone()),
        team_name: link.as_ref().map(|l| l.team_name.clone()),
        device_id: link.as_ref().map(|l| l.device_id.clone()),
        joined_at: link.as_ref().map(|l| l.joined_at.clone()),
        revoked_at: link.as_ref().and_then(|l| l.revoked_at.clone()),
        last_sync_at: link.as_ref().and_then(|l| l.last_sync_at.clone()),
        last_error: link.and_then(|l| l.last_error),
    })
}

/// One hub pass now: what changed is sent until nothing waits, newer
/// content installed, hand-overs settled.
pub async fn hub_sync(ctx: &Ctx) -> Result<HubSyncReport> {
    let env = HubEnv::new(ctx)?;
    let r = gocua_sync::hub::pass(&env.cx(ctx), &Installer(ctx), env!("CARGO_PKG_VERSION")).await?;
    Ok(HubSyncReport {
        stored: r.stored,
        duplicates: r.duplicates,
        pending: r.pending,
        anchor_matches: r.anchor_matches,
        catalogue_installed: r.content.catalogue_installed,
        catalogue_refused: r.content.catalogue_refused,
        guides_installed: r.content.guides_installed,
        guides_refused: r.content.guides_refused,
        handovers_waiting: r.handovers_waiting,
        roster_installed: r.content.roster_installed,
    })
}

/// The background's hub pass: nothing when this laptop has not joined a
/// hub, was revoked, or is a kiosk. `None` when no pass ran.
pub async fn hub_background(ctx: &Ctx) -> Result<Option<HubSyncReport>> {
    if ctx.session()?.kiosk {
        return Ok(None);
    }
    let env = HubEnv::new(ctx)?;
    if gocua_sync::hub::background_every(&env.cx(ctx))?.is_none() {
        return Ok(None);
    }
    hub_sync(ctx).await.map(Some)
}

/// Checks a roster from the hub (signed by a key this laptop trusts, of
/// this laptop's team, newer than the one installed) and keeps it.
pub fn install_roster(ctx: &Ctx, signed: &str) -> Result<()> {
    let env = HubEnv::new(ctx)?;
    Ok(gocua_sync::hub::content::install_roster(
        &env.cx(ctx),
        signed,
    )?)
}

/// The team's roster from the hub, as installed last (none before the lead
/// wrote one, or when this laptop never joined a hub).
pub fn hub_roster(ctx: &Ctx) -> Result<Option<HubRosterDto>> {
    let env = HubEnv::new(ctx)?;
    let roster = gocua_sync::hub::installed_roster(&env.cx(ctx))?;
    Ok(roster.map(|TeamRoster { version, members }| HubRosterDto {
        version,
        members: members
            .into_iter()
            .map(|m| HubRosterMember {
                name: m.name,
                role: m.role,
            })
            .collect(),
    }))
}

/// Compares this laptop's audit chain with the newest anchor the hub holds
/// (`None` when not enrolled, or the hub holds none yet).
pub async fn hub_anchor_check(ctx: &Ctx) -> Result<Option<HubAnchorCheck>> {
    let env = HubEnv::new(ctx)?;
    let checked = gocua_sync::hub::anchor_check(&env.cx(ctx)).await?;
    Ok(checked.map(|(seq, matches)| HubAnchorCheck { seq, matches }))
}

/// Forgets the hub (the laptop's data stays).
pub fn hub_leave(ctx: &Ctx) -> Result<HubStatus> {
    let env = HubEnv::new(ctx)?;
    gocua_sync::hub::leave(&env.cx(ctx))?;
    hub_status(ctx)
}
