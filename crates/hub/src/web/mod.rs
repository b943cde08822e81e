//! The leaders' web dashboard, served by the hub: a province's first admin
//! sets up with a one-time link, then creates teams and their leads' accounts;
//! a team lead sees the team's month, its laptops (last contact, version,
//! queue), dossiers waiting for a supplement, makes enrolment codes and
//! revokes laptops; a commune officer sees the commune's teams; a province
//! admin the province. Vietnamese first, English on request.
//!
//! Passwords are Argon2id; a session is an HttpOnly, Secure, SameSite=Strict
//! cookie whose hash alone is stored; every form carries the session's CSRF
//! token; five failed logins in a row lock an account for 15 minutes. Pages
//! forbid scripts and inline styles (content security policy).

mod access;
mod accounts;
mod export;
mod html;
mod period;
mod publish;
mod roster;

pub use accounts::setup_link;
use accounts::{
    CsrfForm, OFFICER_FORM, TEAM_FORM, create_officer, create_team, login, login_page, logout,
    officer_fields, setup, setup_page, team_fields,
};
use export::export;

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use gocua_core::Language;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use time::Date;
use uuid::Uuid;

use crate::db::{self, WebUser};
use crate::{Error, Hub, Result};
pub use access::{Need, WebRole};
use html::{bars, esc, num, page, pct, tiles};
use period::{MonthQuery, Period, month_picker, period_of, range_picker};

const SESSION: &str = "gocua_session";
const LANG: &str = "gocua_lang";
const SESSION_HOURS: i32 = 12;
const LOCK_AFTER: i32 = 5;
const LOCK_MINUTES: f64 = 15.0;
const MIN_PASSWORD: usize = 12;

/// Declares each route once, with what it needs: the table [`ROUTES`] and
/// the router are written from the same lines.
macro_rules! dashboard {
    ($($path:literal => $need:expr, $handlers:expr;)+) => {
        /// Every dashboard route with what it needs (the guard in `web/access.rs`
        /// checks it for every request; an undeclared route is refused).
        pub const ROUTES: &[(&str, Need)] = &[$(($path, $need)),+];

        /// The dashboard's routes, each behind the guard in `web/access.rs`.
        pub fn routes(hub: &Hub) -> Router<Hub> {
            Router::new()
                $(.route($path, $handlers))+
                .route_layer(axum::middleware::from_fn_with_state(hub.clone(), access::guard))
        }
    };
}

dashboard! {
    "/" => Need::SignedIn, get(dashboard);
    "/style.css" => Need::Anyone, get(style);
    "/login" => Need::Anyone, get(login_page).post(login);
    "/logout" => Need::Anyone, post(logout);
    "/setup" => Need::Anyone, get(setup_page).post(setup);
    "/lang/{code}" => Need::Anyone, get(set_lang);
    "/teams" => Need::Role(WebRole::ProvinceAdmin), post(create_team);
    "/officers" => Need::Role(WebRole::ProvinceAdmin), post(create_officer);
    "/publish/{kind}" => Need::Role(WebRole::ProvinceAdmin), post(publish::publish);
    "/enrol" => Need::Role(WebRole::TeamLead), post(enrol);
    "/revoke" => Need::Role(WebRole::TeamLead), post(revoke);
    "/roster/add" => Need::Role(WebRole::TeamLead), post(roster::add);
    "/roster/remove" => Need::Role(WebRole::TeamLead), post(roster::remove);
    "/export" => Need::SignedIn, get(export);
}

fn random_token() -> Result<String> {
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(crate::random::<32>()?))
}

fn hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn lang_of(headers: &HeaderMap) -> Language {
    match cookie(headers, LANG) {
        Some("en") => Language::En,
        _ => Language::Vi,
    }
}

fn tr(lang: Language) -> impl Fn(&str) -> String {
    move |id: &str| match gocua_i18n::Localizer::global() {
        Ok(l) => l.tr(lang, id, &[]),
        Err(_) => id.to_owned(),
    }
}

fn tr_args(lang: Language, id: &str, args: &[(&str, gocua_i18n::Arg)]) -> String {
    match gocua_i18n::Localizer::global() {
        Ok(l) => l.tr(lang, id, args),
        Err(_) => id.to_owned(),
    }
}

/// Security headers on every page.
fn html_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        html::STYLE,
    )
        .into_response()
}

async fn set_lang(axum::extract::Path(code): axum::extract::Path<String>) -> Response {
    let code = if code == "en" { "en" } else { "vi" };
    let mut r = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{LANG}={code}; Path=/; Max-Age=31536000; SameSite=Strict; Secure"
    )) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// The signed-in account and its CSRF token.
async fn signed_in(hub: &Hub, headers: &HeaderMap) -> Result<Option<(WebUser, String)>> {
    match cookie(headers, SESSION) {
        Some(token) => db::session(&hub.pool, &hash(token)).await,
        None => Ok(None),
    }
}

fn csrf_ok(expected: &str, given: &str) -> bool {
    // Compared in constant time.
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The account of a form's request, when its CSRF token is the session's.
async fn form_user(hub: &Hub, headers: &HeaderMap, csrf: &str) -> Result<WebUser> {
    match signed_in(hub, headers).await? {
        Some((user, expected)) if csrf_ok(&expected, csrf) => Ok(user),
        Some(_) => Err(Error::Unauthorized("csrf".into())),
        None => Err(Error::Unauthorized("not signed in".into())),
    }
}

fn hash_password(password: &str) -> Result<String> {
    use argon2::PasswordHasher as _;
    let salt = argon2::password_hash::SaltString::encode_b64(&crate::random::<16>()?)
        .map_err(|e| Error::Internal(e.to_string()))?;
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Password checks (Argon2, deliberately slow) run off the async workers and
/// at most two at a time: a burst of logins — a guessing script, 32 at once
/// in the security review — waits here instead of stalling every page and
/// `/healthz` (security review N6).
static CHECKING: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(|| tokio::sync::Semaphore::new(2));

/// [`verify_password`], off the async workers, two at a time.
async fn check_password(password: &str, phc: &str) -> bool {
    let Ok(_turn) = CHECKING.acquire().await else {
        return false;
    };
    let (password, phc) = (password.to_owned(), phc.to_owned());
    tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .unwrap_or(false)
}

fn verify_password(password: &str, phc: &str) -> bool {
    use argon2::PasswordVerifier as _;
    argon2::password_hash::PasswordHash::new(phc)
        .map(|h| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

// ---- the dashboard ----

async fn dashboard(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(q): Query<MonthQuery>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let Some((user, csrf)) = signed_in(&hub, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let period = period_of(&q)?;
    let (month, from) = (&period.month, period.from);
    let body = match (user.role, user.team) {
        (WebRole::TeamLead, Some(team)) => {
            let mut body = team_view(&hub, lang, team, &period, &csrf).await?;
            body.push_str(&roster::section(&hub, lang, team, &csrf, q.roster.as_deref()).await?);
            body
        }
        (WebRole::CommuneOfficer | WebRole::ProvinceAdmin, _) => {
            area_view(&hub, lang, &user, month, from, &csrf).await?
        }
        _ => return Err(Error::Unauthorized("role".into())),
    };
    let t = tr(lang);
    let title = match user.role {
        WebRole::CommuneOfficer => t("hub-web-title-commune"),
        WebRole::ProvinceAdmin => t("hub-web-title-province"),
        _ => t("hub-web-dashboard-title"),
    };
    Ok(html_response(
        StatusCode::OK,
        page(lang, &title, Some((&user.name, &csrf)), &body, &t),
    ))
}

async fn team_view(
    hub: &Hub,
    lang: Language,
    team: Uuid,
    period: &Period,
    csrf: &str,
) -> Result<String> {
    let t = tr(lang);
    let info = db::team(&hub.pool, team).await?;
    let r = crate::report::team(hub, team, period.from, period.to).await?;
    let n = |v: u32| num(i64::from(v), lang);
    let mut out = format!(
        r#"<p data-testid="scope">{}</p>{}{}"#,
        esc(&tr_args(
            lang,
            "hub-web-team-scope",
            &[("team", info.name.as_str().into())]
        )),
        month_picker(lang, &period.month),
        range_picker(lang, period),
    );
    if period.range {
        out.push_str(&format!(
            r#"<p data-testid="range">{}</p>"#,
            esc(&tr_args(
                lang,
                "hub-web-range-shown",
                &[
                    ("from", to_core_day(period.from).into()),
                    ("to", to_core_day(period.to).into())
                ]
            ))
        ));
    }
    out.push_str(&tiles(&[
        (t("hub-web-citizens"), n(r.citizens_served)),
        (t("hub-web-visits"), n(r.visits)),
        (t("hub-web-dossiers"), n(r.dossiers)),
        (t("hub-web-online-rate"), pct(r.online_rate, lang)),
        (t("hub-web-vneid"), n(r.vneid_level1 + r.vneid_level2)),
        (t("hub-web-portal-logins"), n(r.portal_logins)),
        (t("hub-web-satisfied"), pct(r.satisfied_rate, lang)),
    ]));
    let days: Vec<(String, u32)> = r
        .by_day
        .iter()
        .map(|d| (d.day.to_string(), d.visits))
        .collect();
    out.push_str(&format!(
        r#"<section><h2>{}</h2>{}</section>"#,
        esc(&t("hub-web-visits-by-day")),
        bars(&t("hub-web-visits-by-day"), &days)
    ));
    let mut rows = String::new();
    for p in r.by_procedure.iter().take(15) {
        rows.push_str(&format!(
            r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            esc(&p.name),
            n(p.dossiers),
            n(p.online)
        ));
    }
    out.push_str(&format!(
        r#"<section><h2>{h}</h2><table><thead><tr><th scope="col">{c1}</th><th scope="col" class="n">{c2}</th><th scope="col" class="n">{c3}</th></tr></thead><tbody>{rows}</tbody></table>
{links}</section>"#,
        h = esc(&t("hub-web-by-procedure")),
        c1 = esc(&t("hub-web-procedure")),
        c2 = esc(&t("hub-web-dossiers")),
        c3 = esc(&t("hub-web-online")),
        links = export::links(lang, &period.query()),
    ));
    // Dossiers the portal asked to supplement, on any laptop of the team.
    let waiting =
        db::supplements_waiting(&hub.pool, team, &["portal_5", "supplement_draft"]).await?;
    let mut rows = String::new();
    for (name, day, laptop) in &waiting {
        rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(name),
            esc(&to_core_day(*day)),
            esc(laptop)
        ));
    }
    out.push_str(&format!(
        r#"<section data-testid="supplements"><h2>{h} ({count})</h2>{table}</section>"#,
        h = esc(&t("hub-web-supplements")),
        count = waiting.len(),
        table = if waiting.is_empty() {
            format!(r#"<p class="muted">{}</p>"#, esc(&t("hub-web-none")))
        } else {
            format!(
                r#"<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{rows}</tbody></table>"#,
                esc(&t("hub-web-procedure")),
                esc(&t("hub-web-started")),
                esc(&t("hub-web-laptop"))
            )
        },
    ));
    // Laptops.
    let devices = db::devices(&hub.pool, team).await?;
    let mut rows = String::new();
    for d in &devices {
        let seen = d
            .last_seen_at
            .map(gocua_i18n::format_instant)
            .unwrap_or_else(|| t("hub-web-never"));
        let action = match d.revoked_at {
            Some(at) => esc(&tr_args(
                lang,
                "hub-web-revoked-at",
                &[("at", gocua_i18n::format_instant(at).into())],
            )),
            None => format!(
                r#"<form method="post" action="/revoke" class="inline"><input type="hidden" name="csrf" value="{csrf}"><input type="hidden" name="device" value="{id}"><button type="submit">{b}</button></form>"#,
                csrf = esc(csrf),
                id = d.id,
                b = esc(&tr_args(
                    lang,
                    "hub-web-revoke",
                    &[("name", d.name.as_str().into())]
                )),
            ),
        };
        // A laptop whose audit log stopped extending its anchors is named so.
        let flag = d.anchor_mismatch_at.map_or_else(String::new, |at| {
            format!(
                r#"<br><strong class="error" data-testid="anchor-mismatch">{}</strong>"#,
                esc(&tr_args(
                    lang,
                    "hub-web-anchor-mismatch",
                    &[("at", gocua_i18n::format_instant(at).into())]
                ))
            )
        });
        // A laptop that joined again is one laptop: said, not counted twice.
        let rejoined = d.rejoined_at.map_or_else(String::new, |at| {
            format!(
                r#"<br><span data-testid="rejoined">{}</span>"#,
                esc(&tr_args(
                    lang,
                    "hub-web-rejoined",
                    &[
                        ("at", gocua_i18n::format_instant(at).into()),
                        ("joins", i64::from(d.joins).into())
                    ]
                ))
            )
        });
        rows.push_str(&format!(
            r#"<tr><td>{}{flag}{rejoined}</td><td>{}</td><td>{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(&d.name),
            esc(&seen),
            esc(&d.app_version),
            num(d.queue_depth, lang),
            action
        ));
    }
    out.push_str(&format!(
        r#"<section data-testid="laptops"><h2>{h}</h2><table><thead><tr><th scope="col">{c1}</th><th scope="col">{c2}</th><th scope="col">{c3}</th><th scope="col" class="n">{c4}</th><th scope="col">{c5}</th></tr></thead><tbody>{rows}</tbody></table>
<form method="post" action="/enrol"><input type="hidden" name="csrf" value="{csrf}"><button class="primary" type="submit" data-testid="enrol">{b}</button></form></section>"#,
        h = esc(&t("hub-web-laptops")),
        c1 = esc(&t("hub-web-laptop")),
        c2 = esc(&t("hub-web-last-contact")),
        c3 = esc(&t("hub-web-version")),
        c4 = esc(&t("hub-web-queue")),
        c5 = esc(&t("hub-web-action")),
        csrf = esc(csrf),
        b = esc(&t("hub-web-new-code")),
    ));
    Ok(out)
}

/// A day as every screen of the app shows it, `dd/mm/yyyy`.
fn to_core_day(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year())
}

async fn area_view(
    hub: &Hub,
    lang: Language,
    user: &WebUser,
    month: &str,
    from: Date,
    csrf: &str,
) -> Result<String> {
    let t = tr(lang);
    let commune = if user.role == WebRole::CommuneOfficer {
        user.commune.as_deref()
    } else {
        None
    };
    let teams = db::teams_month(&hub.pool, &user.province, commune, from).await?;
    let scope = match commune {
        Some(c) => tr_args(lang, "hub-web-commune-scope", &[("commune", c.into())]),
        None => tr_args(
            lang,
            "hub-web-province-scope",
            &[("province", user.province.as_str().into())],
        ),
    };
    let mut out = format!(
        r#"<p data-testid="scope">{}</p>{}{}"#,
        esc(&scope),
        month_picker(lang, month),
        // The commune's or the province's report, as a team's (the laptop's).
        export::links(lang, &format!("month={}", esc(month))),
    );
    let sum = |f: &dyn Fn(&db::TeamMonth) -> i64| teams.iter().map(f).sum::<i64>();
    let (dossiers, online) = (sum(&|m| m.dossiers), sum(&|m| m.online));
    let rate = (dossiers > 0).then(|| online as f64 * 100.0 / dossiers as f64);
    let mut figures = vec![
        (t("hub-web-teams"), num(teams.len() as i64, lang)),
        (
            t("hub-web-citizens"),
            num(sum(&|m| m.citizens_served), lang),
        ),
        (t("hub-web-visits"), num(sum(&|m| m.visits), lang)),
        (t("hub-web-dossiers"), num(dossiers, lang)),
        (t("hub-web-online-rate"), pct(rate, lang)),
    ];
    if commune.is_none() {
        let p = db::province_month(&hub.pool, &user.province, from).await?;
        figures.push((
            t("hub-web-vneid"),
            num(p.vneid_level1 + p.vneid_level2, lang),
        ));
        figures.push((t("hub-web-portal-logins"), num(p.portal_logins, lang)));
        let rated: i64 = p.ratings.iter().sum();
        let satisfied =
            (rated > 0).then(|| (p.ratings[3] + p.ratings[4]) as f64 * 100.0 / rated as f64);
        figures.push((t("hub-web-satisfied"), pct(satisfied, lang)));
    }
    out.push_str(&tiles(&figures));
    let mut rows = String::new();
    for m in &teams {
        rows.push_str(&format!(
            r#"<tr><td>{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            esc(&m.team.name),
            esc(m.team.commune.as_deref().unwrap_or("—")),
            num(m.laptops, lang),
            num(m.citizens_served, lang),
            num(m.dossiers, lang),
            pct((m.dossiers > 0).then(|| m.online as f64 * 100.0 / m.dossiers as f64), lang),
        ));
    }
    out.push_str(&format!(
        r#"<section data-testid="teams"><h2>{h}</h2><table><thead><tr><th scope="col">{c1}</th><th scope="col">{c2}</th><th scope="col" class="n">{c3}</th><th scope="col" class="n">{c4}</th><th scope="col" class="n">{c5}</th><th scope="col" class="n">{c6}</th></tr></thead><tbody>{rows}</tbody></table></section>"#,
        h = esc(&t("hub-web-teams-list")),
        c1 = esc(&t("hub-web-team")),
        c2 = esc(&t("hub-web-commune")),
        c3 = esc(&t("hub-web-laptop-count")),
        c4 = esc(&t("hub-web-citizens")),
        c5 = esc(&t("hub-web-dossiers")),
        c6 = esc(&t("hub-web-online-rate")),
    ));
    if user.role == WebRole::ProvinceAdmin {
        out.push_str(&TEAM_FORM.html(lang, csrf, &team_fields(lang), None));
        out.push_str(&OFFICER_FORM.html(lang, csrf, &officer_fields(lang), None));
        out.push_str(&publish::section(lang, csrf));
    }
    Ok(out)
}

async fn enrol(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let user = form_user(&hub, &headers, &f.csrf).await?;
    let (Some(team), Some(url)) = (user.team, hub.public.as_ref()) else {
        return Err(Error::Unauthorized(
            "team leads make enrolment codes".into(),
        ));
    };
    let (code, expires) = crate::admin::enrolment_code(&hub, team, &url.0, &url.1).await?;
    let text = code.to_text();
    let qr = qrcode::QrCode::new(text.as_bytes())
        .map(|q| {
            q.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(200, 200)
                .build()
        })
        .unwrap_or_default()
        .replacen("<svg ", r#"<svg class="qr" role="img" aria-label="QR" "#, 1);
    let t = tr(lang);
    let body = format!(
        r#"<section><p>{intro}</p><p class="code" data-testid="enrol-code">{code}</p>{qr}
<p>{until}</p><p><code>gocua hub join {code} --name "…"</code></p><p><a href="/">{back}</a></p></section>"#,
        intro = esc(&t("hub-web-code-intro")),
        code = esc(&text),
        until = esc(&tr_args(
            lang,
            "hub-web-code-until",
            &[("at", gocua_i18n::format_instant(expires).into())]
        )),
        back = esc(&t("hub-web-back")),
    );
    Ok(html_response(
        StatusCode::OK,
        page(
            lang,
            &t("hub-web-new-code"),
            Some((&user.name, &f.csrf)),
            &body,
            &t,
        ),
    ))
}

#[derive(Deserialize)]
struct RevokeForm {
    csrf: String,
    device: String,
}

async fn revoke(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<RevokeForm>,
) -> Result<Response> {
    let user = form_user(&hub, &headers, &f.csrf).await?;
    let Some(team) = user.team else {
        return Err(Error::Unauthorized("team leads revoke laptops".into()));
    };
    let device: Uuid = f
        .device
        .parse()
        .map_err(|_| Error::BadRequest("device".into()))?;
    // Only a laptop of the lead's own team.
    if db::devices(&hub.pool, team)
        .await?
        .iter()
        .any(|d| d.id == device)
    {
        db::revoke(&hub.pool, device).await?;
        tracing::info!(%device, by = %user.id, "laptop revoked");
    }
    Ok(Redirect::to("/").into_response())
}
