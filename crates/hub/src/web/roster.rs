//! The team's roster on the lead's dashboard: who volunteers in the team,
//! as lead or volunteer. Each change reaches the team's laptops signed with
//! the province's key at their next sync.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use gocua_core::Language;
use serde::Deserialize;
use uuid::Uuid;

use super::html::esc;
use super::{form_user, tr};
use crate::db::roster as store;
use crate::{Error, Hub, Result};

/// The roster section of the team's page; `note` is what the last change
/// did (`added`, `removed`, `bad-name`).
pub(super) async fn section(
    hub: &Hub,
    lang: Language,
    team: Uuid,
    csrf: &str,
    note: Option<&str>,
) -> Result<String> {
    let t = tr(lang);
    let (_, members) = store::roster(&hub.pool, team).await?;
    let role = |r: &gocua_core::operator::Role| {
        t(match r {
            gocua_core::operator::Role::Lead => "hub-web-role-lead",
            _ => "hub-web-role-volunteer",
        })
    };
    let mut rows = String::new();
    for m in &members {
        rows.push_str(&format!(
            r#"<tr><td>{name}</td><td>{role}</td><td><form method="post" action="/roster/remove" class="inline"><input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="member" value="{id}"><button type="submit">{b}</button></form></td></tr>"#,
            name = esc(&m.name),
            role = esc(&role(&m.role)),
            csrf = esc(csrf),
            id = m.id,
            b = esc(&super::tr_args(
                lang,
                "hub-web-roster-remove",
                &[("name", m.name.as_str().into())]
            )),
        ));
    }
    let table = if members.is_empty() {
        format!(r#"<p class="muted">{}</p>"#, esc(&t("hub-web-none")))
    } else {
        format!(
            r#"<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{rows}</tbody></table>"#,
            esc(&t("hub-web-person-name")),
            esc(&t("hub-web-role")),
            esc(&t("hub-web-action")),
        )
    };
    let note = match note {
        Some("added") => format!(
            r#"<p class="ok" role="status" data-testid="roster-note">{}</p>"#,
            esc(&t("hub-web-roster-added"))
        ),
        Some("removed") => format!(
            r#"<p class="ok" role="status" data-testid="roster-note">{}</p>"#,
            esc(&t("hub-web-roster-removed"))
        ),
        Some("bad-name") => format!(
            r#"<p class="error" role="alert" data-testid="roster-error">{}</p>"#,
            esc(&t("hub-web-bad-name"))
        ),
        _ => String::new(),
    };
    Ok(format!(
        r#"<section data-testid="roster"><h2 id="roster">{h}</h2><p class="muted">{help}</p>{note}{table}
<form method="post" action="/roster/add"><input type="hidden" name="csrf" value="{csrf}">
<label for="member-name">{name}</label><input id="member-name" name="name" type="text" maxlength="100" autocomplete="off">
<label for="member-role">{role}</label><select id="member-role" name="role"><option value="volunteer">{vol}</option><option value="lead">{lead}</option></select>
<div><button class="primary" type="submit" data-testid="roster-add">{add}</button></div></form></section>"#,
        h = esc(&t("hub-web-roster")),
        help = esc(&t("hub-web-roster-help")),
        csrf = esc(csrf),
        name = esc(&t("hub-web-person-name")),
        role = esc(&t("hub-web-role")),
        vol = esc(&t("hub-web-role-volunteer")),
        lead = esc(&t("hub-web-role-lead")),
        add = esc(&t("hub-web-roster-add")),
    ))
}

#[derive(Deserialize)]
pub(super) struct AddForm {
    csrf: String,
    name: String,
    role: String,
}

/// Adds a member to the lead's team.
pub(super) async fn add(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<AddForm>,
) -> Result<Response> {
    let user = form_user(&hub, &headers, &f.csrf).await?;
    let Some(team) = user.team else {
        return Err(Error::Unauthorized("team leads keep the roster".into()));
    };
    let note = match crate::admin::member(&f.name, &f.role) {
        Ok(m) => {
            store::add(&hub.pool, team, &m).await?;
            tracing::info!(%team, by = %user.id, "roster member added");
            "added"
        }
        Err(_) => "bad-name",
    };
    Ok(Redirect::to(&format!("/?roster={note}#roster")).into_response())
}

#[derive(Deserialize)]
pub(super) struct RemoveForm {
    csrf: String,
    member: String,
}

/// Removes a member of the lead's team.
pub(super) async fn remove(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<RemoveForm>,
) -> Result<Response> {
    let user = form_user(&hub, &headers, &f.csrf).await?;
    let Some(team) = user.team else {
        return Err(Error::Unauthorized("team leads keep the roster".into()));
    };
    let member: Uuid = f
        .member
        .parse()
        .map_err(|_| Error::BadRequest("member".into()))?;
    store::remove(&hub.pool, team, member).await?;
    tracing::info!(%team, by = %user.id, "roster member removed");
    Ok(Redirect::to("/?roster=removed#roster").into_response())
}
