//! Who may use which page of the dashboard: the accounts' roles, typed, and
//! one table of routes with what each needs, declared beside the router
//! ([`super::routes`]) and checked for every request in one place
//! ([`guard`]). A route the table does not name is refused, so a page added
//! to the router without a rule fails closed.

use std::fmt;
use std::str::FromStr;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use crate::{Error, Hub, Result};

/// A dashboard account's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebRole {
    /// A team's lead: the team's month, laptops, roster, enrolment codes.
    TeamLead,
    /// A commune's officer: the commune's teams.
    CommuneOfficer,
    /// A province's admin: the province, its teams and officers, publishing.
    ProvinceAdmin,
}

impl WebRole {
    /// Every role.
    pub const ALL: [WebRole; 3] = [
        WebRole::TeamLead,
        WebRole::CommuneOfficer,
        WebRole::ProvinceAdmin,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            WebRole::TeamLead => "team_lead",
            WebRole::CommuneOfficer => "commune_officer",
            WebRole::ProvinceAdmin => "province_admin",
        }
    }
}

impl fmt::Display for WebRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A spelling that is not one of the roles.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?}")]
pub struct UnknownRole(pub String);

impl FromStr for WebRole {
    type Err = UnknownRole;
    fn from_str(s: &str) -> std::result::Result<Self, UnknownRole> {
        WebRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// What a route needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone, signed in or not (signing in, setting up, the style sheet).
    Anyone,
    /// Any signed-in account.
    SignedIn,
    /// A signed-in account of this role.
    Role(WebRole),
}

impl Need {
    /// Whether an account of `role` (`None`: nobody signed in) may use it.
    pub fn allows(self, role: Option<WebRole>) -> bool {
        match self {
            Need::Anyone => true,
            Need::SignedIn => role.is_some(),
            Need::Role(r) => role == Some(r),
        }
    }
}

/// The rule of the route `path` (as the router spells it), if declared.
pub fn need_of(path: &str) -> Option<Need> {
    super::ROUTES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, need)| *need)
}

/// Checks every dashboard request against the route table before its
/// handler runs: a page for the signed-in sends anyone else to the login
/// page; a form or a file for another role is refused.
pub(super) async fn guard(State(hub): State<Hub>, req: Request, next: Next) -> Response {
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    // The request itself is not held across the session's look-up (its
    // body is not Sync): only what the check reads.
    let (method, headers) = (req.method().clone(), req.headers().clone());
    match admit(&hub, path.as_deref(), &method, &headers).await {
        Ok(None) => next.run(req).await,
        Ok(Some(response)) => response,
        Err(e) => e.into_response(),
    }
}

async fn admit(
    hub: &Hub,
    path: Option<&str>,
    method: &Method,
    headers: &axum::http::HeaderMap,
) -> Result<Option<Response>> {
    let need = path
        .and_then(need_of)
        .ok_or_else(|| Error::NotFound("page".into()))?;
    if need == Need::Anyone {
        return Ok(None);
    }
    let role = super::signed_in(hub, headers)
        .await?
        .map(|(user, _)| user.role);
    if need.allows(role) {
        return Ok(None);
    }
    if role.is_none() && method == Method::GET {
        return Ok(Some(Redirect::to("/login").into_response()));
    }
    Err(Error::Unauthorized("role".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_keep_their_spellings() {
        for r in WebRole::ALL {
            assert_eq!(r.as_str().parse::<WebRole>(), Ok(r));
        }
        assert!("admin".parse::<WebRole>().is_err());
    }

    #[test]
    fn a_need_allows_exactly_its_accounts() {
        use WebRole::*;
        assert!(Need::Anyone.allows(None));
        assert!(!Need::SignedIn.allows(None));
        assert!(Need::SignedIn.allows(Some(CommuneOfficer)));
        assert!(Need::Role(ProvinceAdmin).allows(Some(ProvinceAdmin)));
        assert!(!Need::Role(ProvinceAdmin).allows(Some(TeamLead)));
        assert!(!Need::Role(TeamLead).allows(None));
    }

    /// The table as reviewed: loosening a page's rule fails here first.
    #[test]
    fn every_route_needs_what_the_table_says() {
        use WebRole::*;
        let expected = [
            ("/", Need::SignedIn),
            ("/style.css", Need::Anyone),
            ("/login", Need::Anyone),
            ("/logout", Need::Anyone),
            ("/setup", Need::Anyone),
            ("/lang/{code}", Need::Anyone),
            ("/teams", Need::Role(ProvinceAdmin)),
            ("/officers", Need::Role(ProvinceAdmin)),
            ("/publish/{kind}", Need::Role(ProvinceAdmin)),
            ("/enrol", Need::Role(TeamLead)),
            ("/revoke", Need::Role(TeamLead)),
            ("/roster/add", Need::Role(TeamLead)),
            ("/roster/remove", Need::Role(TeamLead)),
            ("/export", Need::SignedIn),
        ];
        assert_eq!(super::super::ROUTES.len(), expected.len());
        for (path, need) in expected {
            assert_eq!(need_of(path), Some(need), "{path}");
        }
        assert_eq!(need_of("/admin"), None, "an undeclared page is refused");
    }
}
