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

mod html;

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
use crate::facts::to_time;
use crate::{Error, Hub, Result};
use html::{bars, esc, num, page, pct, tiles};

const SESSION: &str = "gocua_session";
const LANG: &str = "gocua_lang";
const SESSION_HOURS: i32 = 12;
const LOCK_AFTER: i32 = 5;
const LOCK_MINUTES: f64 = 15.0;
const MIN_PASSWORD: usize = 12;

/// The dashboard's routes.
pub fn routes() -> Router<Hub> {
    Router::new()
        .route("/", get(dashboard))
        .route("/style.css", get(style))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/setup", get(setup_page).post(setup))
        .route("/lang/{code}", get(set_lang))
        .route("/teams", post(create_team))
        .route("/officers", post(create_officer))
        .route("/enrol", post(enrol))
        .route("/revoke", post(revoke))
        .route("/export", get(export))
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

// ---- login, logout, set-up ----

fn login_form(lang: Language, message: Option<&str>, login: &str) -> String {
    let t = tr(lang);
    let error = message
        .map(|m| format!(r#"<p class="error" role="alert" id="login-error" data-testid="login-error">{}</p>"#, esc(m)))
        .unwrap_or_default();
    let body = format!(
        r#"<section>{error}
<form method="post" action="/login">
<label for="login">{l_login}</label>
<input id="login" name="login" autocomplete="username" required value="{login}">
<label for="password">{l_password}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<div><button class="primary" type="submit" data-testid="login-submit">{l_submit}</button></div>
</form></section>"#,
        l_login = esc(&t("hub-web-login-name")),
        l_password = esc(&t("hub-web-password")),
        l_submit = esc(&t("hub-web-login-submit")),
        login = esc(login),
    );
    page(lang, &t("hub-web-login-title"), None, &body, &t)
}

async fn login_page(headers: HeaderMap) -> Response {
    html_response(StatusCode::OK, login_form(lang_of(&headers), None, ""))
}

#[derive(Deserialize)]
struct LoginForm {
    login: String,
    password: String,
}

fn session_cookie(token: &str, max_age: i64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{SESSION}={token}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict"
    ))
    .ok()
}

async fn login(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let refused = |id: &str| {
        Ok(html_response(
            StatusCode::UNAUTHORIZED,
            login_form(lang, Some(&tr(lang)(id)), &f.login),
        ))
    };
    let Some((user, phc, locked)) = db::login_lookup(&hub.pool, f.login.trim()).await? else {
        // The same work as a wrong password, so that timing does not tell
        // which logins exist.
        let _ = verify_password(
            &f.password,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$7m1fbtsRvJz8l1D6mTNd8eA5mDvCrVdEVAWw8mFIBW0",
        );
        return refused("hub-web-login-wrong");
    };
    if locked {
        return refused("hub-web-login-locked");
    }
    if !verify_password(&f.password, &phc) {
        db::login_failed(&hub.pool, user.id, LOCK_AFTER, LOCK_MINUTES).await?;
        tracing::info!(user = %user.id, "failed login");
        return refused("hub-web-login-wrong");
    }
    let token = random_token()?;
    db::login_ok(
        &hub.pool,
        user.id,
        &hash(&token),
        &random_token()?,
        SESSION_HOURS,
    )
    .await?;
    tracing::info!(user = %user.id, "login");
    let mut r = Redirect::to("/").into_response();
    if let Some(c) = session_cookie(&token, i64::from(SESSION_HOURS) * 3600) {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(r)
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn logout(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Result<Response> {
    form_user(&hub, &headers, &f.csrf).await?;
    if let Some(token) = cookie(&headers, SESSION) {
        db::logout(&hub.pool, &hash(token)).await?;
    }
    let mut r = Redirect::to("/login").into_response();
    if let Some(c) = session_cookie("", 0) {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    Ok(r)
}

#[derive(Deserialize)]
struct SetupQuery {
    token: Option<String>,
}

fn setup_form(
    lang: Language,
    token: &str,
    message: Option<&str>,
    login: &str,
    name: &str,
) -> String {
    let t = tr(lang);
    let error = message
        .map(|m| {
            format!(
                r#"<p class="error" role="alert" data-testid="setup-error">{}</p>"#,
                esc(m)
            )
        })
        .unwrap_or_default();
    let body = format!(
        r#"<section><p>{intro}</p>{error}
<form method="post" action="/setup">
<input type="hidden" name="token" value="{token}">
<label for="name">{l_name}</label>
<input id="name" name="name" autocomplete="name" required value="{name}">
<label for="login">{l_login}</label>
<input id="login" name="login" autocomplete="username" required value="{login}">
<label for="password">{l_password}</label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="{min}">
<label for="password2">{l_password2}</label>
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="{min}">
<div><button class="primary" type="submit" data-testid="setup-submit">{l_submit}</button></div>
</form></section>"#,
        intro = esc(&t("hub-web-setup-intro")),
        token = esc(token),
        l_name = esc(&t("hub-web-person-name")),
        l_login = esc(&t("hub-web-login-name")),
        l_password = esc(&tr_args(
            lang,
            "hub-web-new-password",
            &[("min", gocua_i18n::Arg::from(MIN_PASSWORD as u64))]
        )),
        l_password2 = esc(&t("hub-web-password-again")),
        l_submit = esc(&t("hub-web-setup-submit")),
        min = MIN_PASSWORD,
        login = esc(login),
        name = esc(name),
    );
    page(lang, &t("hub-web-setup-title"), None, &body, &t)
}

async fn setup_page(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(q): Query<SetupQuery>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let token = q.token.unwrap_or_default();
    if db::setup_province(&hub.pool, &hash(&token))
        .await?
        .is_none()
    {
        let t = tr(lang);
        let body = format!(
            r#"<p class="error" role="alert">{}</p>"#,
            esc(&t("hub-web-setup-invalid"))
        );
        return Ok(html_response(
            StatusCode::FORBIDDEN,
            page(lang, &t("hub-web-setup-title"), None, &body, &t),
        ));
    }
    Ok(html_response(
        StatusCode::OK,
        setup_form(lang, &token, None, "", ""),
    ))
}

#[derive(Deserialize)]
struct SetupForm {
    token: String,
    name: String,
    login: String,
    password: String,
    password2: String,
}

/// A new account's fields, checked: the message id of the first problem.
fn check_account(name: &str, login: &str, password: &str, again: &str) -> Option<&'static str> {
    let login_ok = (3..=64).contains(&login.chars().count())
        && login
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if name.trim().is_empty() || name.chars().count() > 100 {
        Some("hub-web-bad-name")
    } else if !login_ok {
        Some("hub-web-bad-login")
    } else if password.chars().count() < MIN_PASSWORD {
        Some("hub-web-short-password")
    } else if password != again {
        Some("hub-web-passwords-differ")
    } else {
        None
    }
}

async fn setup(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<SetupForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let again = |id: &str| {
        Ok(html_response(
            StatusCode::BAD_REQUEST,
            setup_form(lang, &f.token, Some(&tr(lang)(id)), &f.login, &f.name),
        ))
    };
    let Some(province) = db::setup_province(&hub.pool, &hash(&f.token)).await? else {
        return again("hub-web-setup-invalid");
    };
    if let Some(problem) = check_account(&f.name, f.login.trim(), &f.password, &f.password2) {
        return again(problem);
    }
    let phc = hash_password(&f.password)?;
    let created = db::use_setup_token(
        &hub.pool,
        &hash(&f.token),
        &db::NewWebUser {
            login: f.login.trim(),
            name: f.name.trim(),
            password_hash: &phc,
            role: "province_admin",
            province: &province,
            commune: None,
            team: None,
        },
    )
    .await?;
    if !created {
        return again("hub-web-login-taken");
    }
    Ok(Redirect::to("/login").into_response())
}

/// Makes a one-time set-up link for a province's first admin.
pub async fn setup_link(hub: &Hub, base_url: &str, province: &str) -> Result<String> {
    crate::admin::check_place(province, None)?;
    let token = random_token()?;
    db::add_setup_token(
        &hub.pool,
        &hash(&token),
        province,
        time::OffsetDateTime::now_utc() + crate::admin::CODE_VALIDITY,
    )
    .await?;
    Ok(format!(
        "{}/setup?token={token}",
        base_url.trim_end_matches('/')
    ))
}

// ---- the dashboard ----

#[derive(Deserialize)]
struct MonthQuery {
    month: Option<String>,
}

fn month_of(q: &MonthQuery) -> Result<(String, Date, Date)> {
    let month = match q.month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => m.to_owned(),
        None => {
            // Vietnam's month.
            let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+7));
            format!("{:04}-{:02}", now.year(), u8::from(now.month()))
        }
    };
    let (from, to) = gocua_core::date::Date::month(&month)
        .ok_or_else(|| Error::BadRequest(format!("month {month:?}")))?;
    Ok((
        month,
        to_time(from).ok_or_else(|| Error::BadRequest("month".into()))?,
        to_time(to).ok_or_else(|| Error::BadRequest("month".into()))?,
    ))
}

fn month_picker(lang: Language, month: &str) -> String {
    let t = tr(lang);
    format!(
        r#"<form method="get" action="/" class="month"><label for="month">{l}</label>
<input id="month" name="month" type="month" value="{m}"> <button type="submit">{b}</button></form>"#,
        l = esc(&t("hub-web-month")),
        m = esc(month),
        b = esc(&t("hub-web-show")),
    )
}

async fn dashboard(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(q): Query<MonthQuery>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let Some((user, csrf)) = signed_in(&hub, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let (month, from, to) = month_of(&q)?;
    let body = match (user.role.as_str(), user.team) {
        ("team_lead", Some(team)) => team_view(&hub, lang, team, &month, from, to, &csrf).await?,
        ("commune_officer", _) => area_view(&hub, lang, &user, &month, from, &csrf).await?,
        ("province_admin", _) => area_view(&hub, lang, &user, &month, from, &csrf).await?,
        _ => return Err(Error::Unauthorized("role".into())),
    };
    let t = tr(lang);
    let title = match user.role.as_str() {
        "commune_officer" => t("hub-web-title-commune"),
        "province_admin" => t("hub-web-title-province"),
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
    month: &str,
    from: Date,
    to: Date,
    csrf: &str,
) -> Result<String> {
    let t = tr(lang);
    let info = db::team(&hub.pool, team).await?;
    let r = crate::report::team(hub, team, from, to).await?;
    let n = |v: u32| num(i64::from(v), lang);
    let mut out = format!(
        r#"<p data-testid="scope">{}</p>{}"#,
        esc(&tr_args(
            lang,
            "hub-web-team-scope",
            &[("team", info.name.as_str().into())]
        )),
        month_picker(lang, month)
    );
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
<p><a href="/export?month={m}&amp;format=csv" data-testid="export-csv">{csv}</a> · <a href="/export?month={m}&amp;format=xlsx" data-testid="export-xlsx">{xlsx}</a></p></section>"#,
        h = esc(&t("hub-web-by-procedure")),
        c1 = esc(&t("hub-web-procedure")),
        c2 = esc(&t("hub-web-dossiers")),
        c3 = esc(&t("hub-web-online")),
        m = esc(month),
        csv = esc(&t("hub-web-export-csv")),
        xlsx = esc(&t("hub-web-export-xlsx")),
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
            .map(show_time)
            .unwrap_or_else(|| t("hub-web-never"));
        let action = match d.revoked_at {
            Some(at) => esc(&tr_args(
                lang,
                "hub-web-revoked-at",
                &[("at", show_time(at).into())],
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
        rows.push_str(&format!(
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td class="n">{}</td><td>{}</td></tr>"#,
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

/// An instant as every screen of the app shows it: `dd/mm/yyyy HH:MM`,
/// Vietnam time.
fn show_time(at: time::OffsetDateTime) -> String {
    let v = at.to_offset(time::macros::offset!(+7));
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        v.day(),
        u8::from(v.month()),
        v.year(),
        v.hour(),
        v.minute()
    )
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
    let commune = if user.role == "commune_officer" {
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
        r#"<p data-testid="scope">{}</p>{}"#,
        esc(&scope),
        month_picker(lang, month)
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
    if user.role == "province_admin" {
        out.push_str(&new_team_form(lang, csrf, None));
        out.push_str(&new_officer_form(lang, csrf, None));
    }
    Ok(out)
}

fn new_team_form(lang: Language, csrf: &str, message: Option<(&str, bool)>) -> String {
    let t = tr(lang);
    let note = match message {
        Some((m, true)) => format!(
            r#"<p class="ok" role="status" data-testid="team-created">{}</p>"#,
            esc(m)
        ),
        Some((m, false)) => format!(
            r#"<p class="error" role="alert" data-testid="team-error">{}</p>"#,
            esc(m)
        ),
        None => String::new(),
    };
    format!(
        r#"<section><h2>{h}</h2>{note}<form method="post" action="/teams">
<input type="hidden" name="csrf" value="{csrf}">
<label for="team-name">{l_team}</label><input id="team-name" name="team" required>
<label for="team-commune">{l_commune}</label><input id="team-commune" name="commune" inputmode="numeric" pattern="[0-9]{{5}}">
<label for="lead-name">{l_lead}</label><input id="lead-name" name="lead_name" required>
<label for="lead-login">{l_login}</label><input id="lead-login" name="lead_login" required autocomplete="off">
<label for="lead-password">{l_password}</label><input id="lead-password" name="lead_password" type="password" required autocomplete="new-password" minlength="{min}">
<div><button class="primary" type="submit" data-testid="team-submit">{b}</button></div>
</form></section>"#,
        h = esc(&t("hub-web-new-team")),
        csrf = esc(csrf),
        l_team = esc(&t("hub-web-team-name")),
        l_commune = esc(&t("hub-web-commune-code")),
        l_lead = esc(&t("hub-web-lead-name")),
        l_login = esc(&t("hub-web-login-name")),
        l_password = esc(&tr_args(
            lang,
            "hub-web-new-password",
            &[("min", gocua_i18n::Arg::from(MIN_PASSWORD as u64))]
        )),
        min = MIN_PASSWORD,
        b = esc(&t("hub-web-create-team")),
    )
}

fn new_officer_form(lang: Language, csrf: &str, message: Option<(&str, bool)>) -> String {
    let t = tr(lang);
    let note = match message {
        Some((m, true)) => format!(
            r#"<p class="ok" role="status" data-testid="officer-created">{}</p>"#,
            esc(m)
        ),
        Some((m, false)) => format!(
            r#"<p class="error" role="alert" data-testid="officer-error">{}</p>"#,
            esc(m)
        ),
        None => String::new(),
    };
    format!(
        r#"<section><h2>{h}</h2>{note}<form method="post" action="/officers">
<input type="hidden" name="csrf" value="{csrf}">
<label for="officer-commune">{l_commune}</label><input id="officer-commune" name="commune" inputmode="numeric" required pattern="[0-9]{{5}}">
<label for="officer-name">{l_name}</label><input id="officer-name" name="name" required>
<label for="officer-login">{l_login}</label><input id="officer-login" name="login" required autocomplete="off">
<label for="officer-password">{l_password}</label><input id="officer-password" name="password" type="password" required autocomplete="new-password" minlength="{min}">
<div><button class="primary" type="submit" data-testid="officer-submit">{b}</button></div>
</form></section>"#,
        h = esc(&t("hub-web-new-officer")),
        csrf = esc(csrf),
        l_commune = esc(&t("hub-web-officer-commune")),
        l_name = esc(&t("hub-web-person-name")),
        l_login = esc(&t("hub-web-login-name")),
        l_password = esc(&tr_args(
            lang,
            "hub-web-new-password",
            &[("min", gocua_i18n::Arg::from(MIN_PASSWORD as u64))]
        )),
        min = MIN_PASSWORD,
        b = esc(&t("hub-web-create-officer")),
    )
}

#[derive(Deserialize)]
struct OfficerForm {
    csrf: String,
    commune: String,
    name: String,
    login: String,
    password: String,
}

/// A province admin adds a commune officer (sees the commune's teams).
async fn create_officer(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<OfficerForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let user = form_user(&hub, &headers, &f.csrf).await?;
    if user.role != "province_admin" {
        return Err(Error::Unauthorized(
            "province admins add commune officers".into(),
        ));
    }
    let t = tr(lang);
    let commune = f.commune.trim();
    let problem = if commune.is_empty()
        || crate::admin::check_place(&user.province, Some(commune)).is_err()
    {
        Some(t("hub-web-bad-commune"))
    } else {
        check_account(&f.name, f.login.trim(), &f.password, &f.password).map(&t)
    };
    let message = match problem {
        Some(p) => (p, false),
        None => {
            let added = db::add_web_user(
                &hub.pool,
                &db::NewWebUser {
                    login: f.login.trim(),
                    name: f.name.trim(),
                    password_hash: &hash_password(&f.password)?,
                    role: "commune_officer",
                    province: &user.province,
                    commune: Some(commune),
                    team: None,
                },
            )
            .await?;
            if added {
                (
                    tr_args(
                        lang,
                        "hub-web-officer-created",
                        &[("commune", commune.into())],
                    ),
                    true,
                )
            } else {
                (t("hub-web-login-taken"), false)
            }
        }
    };
    let body = new_officer_form(lang, &f.csrf, Some((&message.0, message.1)));
    let status = if message.1 {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        page(
            lang,
            &t("hub-web-new-officer"),
            Some((&user.name, &f.csrf)),
            &format!(
                r#"{body}<p><a href="/">{}</a></p>"#,
                esc(&t("hub-web-back"))
            ),
            &t,
        ),
    ))
}

#[derive(Deserialize)]
struct TeamForm {
    csrf: String,
    team: String,
    commune: String,
    lead_name: String,
    lead_login: String,
    lead_password: String,
}

async fn create_team(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<TeamForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let user = form_user(&hub, &headers, &f.csrf).await?;
    if user.role != "province_admin" {
        return Err(Error::Unauthorized("province admins create teams".into()));
    }
    let t = tr(lang);
    let commune = Some(f.commune.trim()).filter(|c| !c.is_empty());
    let problem = if f.team.trim().is_empty() {
        Some(t("hub-web-bad-team"))
    } else if crate::admin::check_place(&user.province, commune).is_err() {
        Some(t("hub-web-bad-commune"))
    } else {
        check_account(
            &f.lead_name,
            f.lead_login.trim(),
            &f.lead_password,
            &f.lead_password,
        )
        .map(&t)
    };
    let message = match problem {
        Some(p) => (p, false),
        None => {
            let team = crate::admin::create_team(&hub, &f.team, &user.province, commune).await?;
            let added = db::add_web_user(
                &hub.pool,
                &db::NewWebUser {
                    login: f.lead_login.trim(),
                    name: f.lead_name.trim(),
                    password_hash: &hash_password(&f.lead_password)?,
                    role: "team_lead",
                    province: &user.province,
                    commune,
                    team: Some(team.id),
                },
            )
            .await?;
            if added {
                (
                    tr_args(
                        lang,
                        "hub-web-team-created",
                        &[("team", team.name.as_str().into())],
                    ),
                    true,
                )
            } else {
                (t("hub-web-login-taken"), false)
            }
        }
    };
    let csrf = f.csrf.clone();
    let body = new_team_form(lang, &csrf, Some((&message.0, message.1)));
    let status = if message.1 {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(html_response(
        status,
        page(
            lang,
            &t("hub-web-new-team"),
            Some((&user.name, &csrf)),
            &format!(
                r#"{body}<p><a href="/">{}</a></p>"#,
                esc(&t("hub-web-back"))
            ),
            &t,
        ),
    ))
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
            &[("at", show_time(expires).into())]
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

/// The month's report as rows of (label, numbers), the one source of both
/// exports, so that their figures agree.
pub fn export_rows(r: &gocua_core::report::Report, lang: Language) -> Vec<(String, Vec<u64>)> {
    let t = tr(lang);
    let mut rows = vec![
        (t("hub-web-citizens"), vec![u64::from(r.citizens_served)]),
        (t("hub-web-visits"), vec![u64::from(r.visits)]),
        (t("hub-web-dossiers"), vec![u64::from(r.dossiers)]),
        (t("hub-web-online"), vec![u64::from(r.dossiers_online)]),
        (
            t("hub-web-vneid"),
            vec![u64::from(r.vneid_level1 + r.vneid_level2)],
        ),
        (t("hub-web-portal-logins"), vec![u64::from(r.portal_logins)]),
    ];
    for p in &r.by_procedure {
        rows.push((
            format!("{} ({})", p.name, p.code),
            vec![u64::from(p.dossiers), u64::from(p.online)],
        ));
    }
    rows
}

/// The rows as CSV (UTF-8 with a byte-order mark, for spreadsheet programs).
pub fn export_csv_text(month: &str, rows: &[(String, Vec<u64>)], lang: Language) -> String {
    let quote = |k: &str| format!("\"{}\"", k.replace('"', "\"\""));
    let mut csv = format!("\u{feff}{},{month}\n", quote(&tr(lang)("hub-web-month")));
    for (label, values) in rows {
        let values: Vec<String> = values.iter().map(u64::to_string).collect();
        csv.push_str(&format!("{},{}\n", quote(label), values.join(",")));
    }
    csv
}

/// The rows as an .xlsx workbook.
pub fn export_xlsx(month: &str, rows: &[(String, Vec<u64>)], lang: Language) -> Result<Vec<u8>> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Internal(format!("xlsx: {e}"));
    let t = tr(lang);
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet
        .write_string_with_format(0, 0, t("hub-web-month"), &bold)
        .map_err(xlsx)?;
    sheet.write_string(0, 1, month).map_err(xlsx)?;
    for (i, (label, values)) in rows.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string(row, 0, label).map_err(xlsx)?;
        for (j, v) in values.iter().enumerate() {
            sheet
                .write_number(row, 1 + j as u16, *v as f64)
                .map_err(xlsx)?;
        }
    }
    sheet.set_column_width(0, 60).map_err(xlsx)?;
    book.save_to_buffer().map_err(xlsx)
}

#[derive(Deserialize)]
struct ExportQuery {
    month: Option<String>,
    format: Option<String>,
}

async fn export(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Query(q): Query<ExportQuery>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let Some((user, _)) = signed_in(&hub, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let Some(team) = user.team else {
        return Err(Error::Unauthorized("team report".into()));
    };
    let (month, from, to) = month_of(&MonthQuery { month: q.month })?;
    let r = crate::report::team(&hub, team, from, to).await?;
    let rows = export_rows(&r, lang);
    let (kind, ext, body) = match q.format.as_deref() {
        Some("xlsx") => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            export_xlsx(&month, &rows, lang)?,
        ),
        _ => (
            "text/csv; charset=utf-8",
            "csv",
            export_csv_text(&month, &rows, lang).into_bytes(),
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"bao-cao-{month}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gocua_core::date::Date as CoreDate;
    use gocua_core::report::{DossierRecord, VisitRecord, compute};

    #[test]
    fn the_csv_and_the_workbook_carry_the_same_figures() {
        let day = CoreDate::from_iso("2026-11-03").unwrap_or(CoreDate {
            year: 2026,
            month: 11,
            day: 3,
        });
        let v = VisitRecord {
            citizen: Some(1),
            operator: "a".into(),
            commune: None,
            day,
            minutes: Some(10),
            vneid: gocua_core::visit::VneidOutcome::Level2,
            portal: gocua_core::visit::PortalOutcome::LoggedIn,
            rating: Some(5),
            dossiers: 1,
        };
        let d = DossierRecord {
            procedure_code: "1.001612".into(),
            procedure_name: "Đổi giấy phép lái xe".into(),
            state: gocua_core::dossier::DossierState::Draft,
            day,
            operator: "a".into(),
            commune: None,
            online_fee: None,
        };
        let r = compute(day, day, &[v.clone(), v], &[d]);
        let rows = export_rows(&r, Language::Vi);
        let csv = export_csv_text("2026-11", &rows, Language::Vi);
        assert!(csv.contains("\"Lượt hỗ trợ\",2\n"), "{csv}");
        assert!(
            csv.contains("\"Đổi giấy phép lái xe (1.001612)\",1,0\n"),
            "{csv}"
        );
        let book = export_xlsx("2026-11", &rows, Language::Vi).unwrap_or_default();
        use calamine::{DataType as _, Reader as _};
        let mut xlsx: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(book)).expect("a workbook");
        let sheet = xlsx
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("readable");
        for (i, (label, values)) in rows.iter().enumerate() {
            let row = 1 + i;
            assert_eq!(
                sheet.get_value((row as u32, 0)).map(|c| c.to_string()),
                Some(label.clone())
            );
            for (j, v) in values.iter().enumerate() {
                assert_eq!(
                    sheet
                        .get_value((row as u32, 1 + j as u32))
                        .and_then(|c| c.as_f64()),
                    Some(*v as f64)
                );
            }
        }
    }
}
