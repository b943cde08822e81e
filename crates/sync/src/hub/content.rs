//! The signed content a hub passes on — the province's catalogue packs and
//! guides, the team's roster — fetched, checked against the keys this
//! laptop trusts, and installed. Installing a pack or guides is the
//! command surface's business (it validates them as any import and drops
//! its caches), handed in as a [`ContentInstaller`]; the roster is kept here.

use std::collections::BTreeMap;

use gocua_core::catalogue::signed::{self, PackFile};
use gocua_core::operator::Role;
use gocua_protocol::hub::{ROSTER_FORMAT, Roster};
use gocua_store::SettingKey;

use super::{HubClient, HubContext, HubError, Result};

/// What became of a catalogue pack offered for installation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackInstall {
    /// Installed: it is the active version now.
    Installed,
    /// This laptop has that version or a newer one.
    NotNewer,
    /// Refused (unsigned, untrusted, invalid), with why (for the log).
    Refused(String),
}

/// How the command surface installs content (a pack as any import is
/// installed; guides as the data folder's guides).
pub trait ContentInstaller: Sync {
    /// Installs a signed catalogue pack.
    fn install_pack(&self, signed: &str) -> PackInstall;
    /// Checks guides (the payload of a trusted signed file) and installs
    /// them; `Err` with why (for the log).
    fn install_guides(&self, payload: &str) -> std::result::Result<(), String>;
}

/// What one content round installed or refused.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ContentReport {
    /// Catalogue packs installed.
    pub catalogue_installed: u32,
    /// Catalogue packs refused.
    pub catalogue_refused: u32,
    /// New guides installed.
    pub guides_installed: bool,
    /// Guides refused.
    pub guides_refused: bool,
    /// A newer roster installed.
    pub roster_installed: bool,
}

/// Installs the province's catalogue packs that are newer than this
/// laptop's, the team's newer roster and the province's newer guides, each
/// checked like any signed content (a key this laptop trusts, valid
/// content); anything else is refused and what is installed stays.
pub(crate) async fn install(
    cx: &HubContext<'_>,
    client: &HubClient,
    installer: &dyn ContentInstaller,
) -> Result<ContentReport> {
    let mut report = ContentReport::default();
    let packs = client.catalogue().await?;
    let installed: BTreeMap<String, u32> = cx.with(|s| {
        Ok(s.catalogue()
            .active_packs()?
            .into_iter()
            .map(|p| (p.pack_id, p.version))
            .collect())
    })?;
    for p in packs {
        if installed.get(&p.pack_id).is_some_and(|v| *v >= p.version) {
            continue;
        }
        match installer.install_pack(&p.signed) {
            PackInstall::Installed => report.catalogue_installed += 1,
            PackInstall::NotNewer => {}
            PackInstall::Refused(why) => {
                tracing::warn!(pack = %p.pack_id, version = p.version, error = %why, "the hub's catalogue pack was refused");
                report.catalogue_refused += 1;
            }
        }
    }
    if let Some(r) = client.roster().await? {
        let installed = installed_roster(cx)?.map_or(0, |r| r.version);
        if r.version > installed {
            match install_roster(cx, &r.signed) {
                Ok(()) => report.roster_installed = true,
                Err(e) => {
                    tracing::warn!(version = r.version, error = %e, "the hub's roster was refused");
                }
            }
        }
    }
    if let Some(g) = client.guides().await? {
        let installed: i64 = cx
            .with(|s| Ok(s.settings().get(SettingKey::HubGuidesVersion)?))?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        if g.version > installed {
            let installed = trusted_payload(cx, &g.signed).and_then(|payload| {
                installer
                    .install_guides(&payload)
                    .map_err(HubError::Refused)
            });
            match installed {
                Ok(()) => {
                    cx.with(|s| {
                        let w = s.write()?;
                        w.settings()
                            .set(SettingKey::HubGuidesVersion, &g.version.to_string())?;
                        w.commit()?;
                        Ok(())
                    })?;
                    report.guides_installed = true;
                }
                Err(e) => {
                    tracing::warn!(version = g.version, error = %e, "the hub's guides were refused");
                    report.guides_refused = true;
                }
            }
        }
    }
    Ok(report)
}

/// The payload of content from the hub, when a key this laptop trusts
/// signed it (the province's, learned at enrolment, or one a lead added).
pub fn trusted_payload(cx: &HubContext<'_>, signed: &str) -> Result<String> {
    let added = cx.with(|s| Ok(s.catalogue().trusted_keys()?))?;
    let trusted = signed::trusted_keys(added.into_iter().map(|k| (k.public_key, k.scope)));
    match signed::open(signed, &trusted) {
        Ok(PackFile::Signed { payload, .. }) => Ok(payload.to_string()),
        Ok(PackFile::Unsigned(_)) => Err(HubError::Refused("unsigned".into())),
        Err(e) => Err(HubError::Refused(e.code().into())),
    }
}

/// One member of the team's roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Their name.
    pub name: String,
    /// Lead or volunteer.
    pub role: Role,
}

/// The team's roster as installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamRoster {
    /// Grows with each change.
    pub version: i64,
    /// The volunteers, by name.
    pub members: Vec<Member>,
}

/// A roster's members in core's words; `None` when one is malformed (a
/// role other than lead or volunteer, an empty or overlong name).
fn members(roster: &Roster) -> Option<Vec<Member>> {
    roster
        .members
        .iter()
        .map(|m| {
            let role = match m.role {
                r @ (Role::Lead | Role::Volunteer) => r,
                Role::Kiosk => return None,
            };
            let name = m.name.trim();
            (!name.is_empty() && name.chars().count() <= 100).then(|| Member {
                name: m.name.clone(),
                role,
            })
        })
        .collect()
}

/// Checks a roster from the hub (signed by a key this laptop trusts, of
/// this laptop's team, well formed) and keeps it when it is newer than the
/// one installed.
pub fn install_roster(cx: &HubContext<'_>, signed: &str) -> Result<()> {
    let payload = trusted_payload(cx, signed)?;
    let roster: Roster =
        serde_json::from_str(&payload).map_err(|e| HubError::Refused(format!("roster: {e}")))?;
    let link = cx.link()?;
    if roster.format != ROSTER_FORMAT || roster.team_id != link.team_id {
        return Err(HubError::Refused("the roster is not this team's".into()));
    }
    if members(&roster).is_none() {
        return Err(HubError::Refused("a roster member is malformed".into()));
    }
    if installed_roster(cx)?.is_some_and(|r| r.version >= roster.version) {
        return Ok(());
    }
    cx.with(|s| {
        let w = s.write()?;
        w.settings().set(SettingKey::HubRoster, &payload)?;
        w.commit()?;
        Ok(())
    })
}

/// The team's roster from the hub, as installed last (none before the lead
/// wrote one, or when this laptop never joined a hub).
pub fn installed_roster(cx: &HubContext<'_>) -> Result<Option<TeamRoster>> {
    let Some(text) = cx.with(|s| Ok(s.settings().get(SettingKey::HubRoster)?))? else {
        return Ok(None);
    };
    let roster: Roster =
        serde_json::from_str(&text).map_err(|e| HubError::Damaged(format!("roster: {e}")))?;
    let members =
        members(&roster).ok_or_else(|| HubError::Damaged("a stored roster member".into()))?;
    Ok(Some(TeamRoster {
        version: roster.version,
        members,
    }))
}
