//! Accounts: sign-in and sign-out, the one-time set-up of a province's
//! first admin, and the forms with which a province admin adds a team with
//! its lead, or a commune officer.

use super::*;

pub(super) fn login_form(lang: Language, message: Option<&str>, login: &str) -> String {
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

pub(super) async fn login_page(headers: HeaderMap) -> Response {
    html_response(StatusCode::OK, login_form(lang_of(&headers), None, ""))
}

#[derive(Deserialize)]
pub(super) struct LoginForm {
    login: String,
    password: String,
}

pub(super) fn session_cookie(token: &str, max_age: i64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{SESSION}={token}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Strict"
    ))
    .ok()
}

pub(super) async fn login(
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
        let _ = check_password(
            &f.password,
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$7m1fbtsRvJz8l1D6mTNd8eA5mDvCrVdEVAWw8mFIBW0",
        )
        .await;
        return refused("hub-web-login-wrong");
    };
    if locked {
        return refused("hub-web-login-locked");
    }
    if !check_password(&f.password, &phc).await {
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
pub(super) struct CsrfForm {
    pub(super) csrf: String,
}

pub(super) async fn logout(
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
pub(super) struct SetupQuery {
    token: Option<String>,
}

pub(super) fn setup_form(
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

pub(super) async fn setup_page(
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
pub(super) struct SetupForm {
    token: String,
    name: String,
    login: String,
    password: String,
    password2: String,
}

/// A new account's fields, checked: the message id of the first problem.
pub(super) fn check_account(
    name: &str,
    login: &str,
    password: &str,
    again: &str,
) -> Option<&'static str> {
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

pub(super) async fn setup(
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
            role: super::WebRole::ProvinceAdmin,
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

/// One input of an account form: (element id, field name, label, type,
/// extra attributes).
pub(super) type Field<'a> = (&'a str, &'a str, String, &'a str, &'a str);

/// A province admin's form that creates an account (a team with its lead,
/// or a commune officer), with the outcome of the last try above it.
pub(super) struct AccountForm<'a> {
    /// Where it posts.
    action: &'a str,
    /// Its heading's message id.
    heading: &'a str,
    /// Its button's message id.
    button: &'a str,
    /// Prefix of its test ids (`team` → `team-created`, `team-error`, `team-submit`).
    testid: &'a str,
}

impl AccountForm<'_> {
    pub(super) fn html(
        &self,
        lang: Language,
        csrf: &str,
        fields: &[Field<'_>],
        outcome: Option<(&str, bool)>,
    ) -> String {
        let t = tr(lang);
        let note = match outcome {
            Some((m, true)) => format!(
                r#"<p class="ok" role="status" data-testid="{}-created">{}</p>"#,
                self.testid,
                esc(m)
            ),
            Some((m, false)) => format!(
                r#"<p class="error" role="alert" data-testid="{}-error">{}</p>"#,
                self.testid,
                esc(m)
            ),
            None => String::new(),
        };
        let inputs: String = fields
            .iter()
            .map(|(id, name, label, kind, extra)| {
                format!(
                    r#"<label for="{id}">{label}</label><input id="{id}" name="{name}" type="{kind}" {extra}>
"#,
                    label = esc(label)
                )
            })
            .collect();
        format!(
            r#"<section><h2>{h}</h2>{note}<form method="post" action="{action}">
<input type="hidden" name="csrf" value="{csrf}">
{inputs}<div><button class="primary" type="submit" data-testid="{testid}-submit">{b}</button></div>
</form></section>"#,
            h = esc(&t(self.heading)),
            action = self.action,
            csrf = esc(csrf),
            testid = self.testid,
            b = esc(&t(self.button)),
        )
    }

    /// The page answering a post: the form again with its outcome, 200 when
    /// the account was made, 400 when not.
    pub(super) fn answer(
        &self,
        lang: Language,
        user: &WebUser,
        csrf: &str,
        fields: &[Field<'_>],
        outcome: (String, bool),
    ) -> Response {
        let t = tr(lang);
        let body = self.html(lang, csrf, fields, Some((&outcome.0, outcome.1)));
        let status = if outcome.1 {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        };
        html_response(
            status,
            page(
                lang,
                &t(self.heading),
                Some((&user.name, csrf)),
                &format!(
                    r#"{body}<p><a href="/">{}</a></p>"#,
                    esc(&t("hub-web-back"))
                ),
                &t,
            ),
        )
    }
}

pub(super) const TEAM_FORM: AccountForm<'static> = AccountForm {
    action: "/teams",
    heading: "hub-web-new-team",
    button: "hub-web-create-team",
    testid: "team",
};

pub(super) const OFFICER_FORM: AccountForm<'static> = AccountForm {
    action: "/officers",
    heading: "hub-web-new-officer",
    button: "hub-web-create-officer",
    testid: "officer",
};

pub(super) fn new_password_label(lang: Language) -> String {
    tr_args(
        lang,
        "hub-web-new-password",
        &[("min", gocua_i18n::Arg::from(MIN_PASSWORD as u64))],
    )
}

pub(super) const NEW_PASSWORD: &str = r#"required autocomplete="new-password" minlength="12""#;
const _: () = assert!(MIN_PASSWORD == 12, "NEW_PASSWORD spells MIN_PASSWORD");

pub(super) fn team_fields(lang: Language) -> Vec<Field<'static>> {
    let t = tr(lang);
    vec![
        (
            "team-name",
            "team",
            t("hub-web-team-name"),
            "text",
            "required",
        ),
        (
            "team-commune",
            "commune",
            t("hub-web-commune-code"),
            "text",
            r#"inputmode="numeric" pattern="[0-9]{5}""#,
        ),
        (
            "lead-name",
            "lead_name",
            t("hub-web-lead-name"),
            "text",
            "required",
        ),
        (
            "lead-login",
            "lead_login",
            t("hub-web-login-name"),
            "text",
            r#"required autocomplete="off""#,
        ),
        (
            "lead-password",
            "lead_password",
            new_password_label(lang),
            "password",
            NEW_PASSWORD,
        ),
    ]
}

pub(super) fn officer_fields(lang: Language) -> Vec<Field<'static>> {
    let t = tr(lang);
    vec![
        (
            "officer-commune",
            "commune",
            t("hub-web-officer-commune"),
            "text",
            r#"inputmode="numeric" required pattern="[0-9]{5}""#,
        ),
        (
            "officer-name",
            "name",
            t("hub-web-person-name"),
            "text",
            "required",
        ),
        (
            "officer-login",
            "login",
            t("hub-web-login-name"),
            "text",
            r#"required autocomplete="off""#,
        ),
        (
            "officer-password",
            "password",
            new_password_label(lang),
            "password",
            NEW_PASSWORD,
        ),
    ]
}

#[derive(Deserialize)]
pub(super) struct OfficerForm {
    csrf: String,
    commune: String,
    name: String,
    login: String,
    password: String,
}

/// A province admin adds a commune officer (sees the commune's teams).
pub(super) async fn create_officer(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<OfficerForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    // Province admins only: the route table says so (`access::guard`).
    let user = form_user(&hub, &headers, &f.csrf).await?;
    let t = tr(lang);
    let commune = f.commune.trim();
    let problem = if commune.is_empty()
        || crate::admin::check_place(&user.province, Some(commune)).is_err()
    {
        Some(t("hub-web-bad-commune"))
    } else {
        check_account(&f.name, f.login.trim(), &f.password, &f.password).map(&t)
    };
    let outcome = match problem {
        Some(p) => (p, false),
        None => {
            let added = db::add_web_user(
                &hub.pool,
                &db::NewWebUser {
                    login: f.login.trim(),
                    name: f.name.trim(),
                    password_hash: &hash_password(&f.password)?,
                    role: super::WebRole::CommuneOfficer,
                    province: &user.province,
                    commune: Some(commune),
                    team: None,
                },
            )
            .await?;
            if added {
                let done = tr_args(
                    lang,
                    "hub-web-officer-created",
                    &[("commune", commune.into())],
                );
                (done, true)
            } else {
                (t("hub-web-login-taken"), false)
            }
        }
    };
    Ok(OFFICER_FORM.answer(lang, &user, &f.csrf, &officer_fields(lang), outcome))
}

#[derive(Deserialize)]
pub(super) struct TeamForm {
    csrf: String,
    team: String,
    commune: String,
    lead_name: String,
    lead_login: String,
    lead_password: String,
}

/// A province admin adds a team with its lead's account: both or neither.
pub(super) async fn create_team(
    State(hub): State<Hub>,
    headers: HeaderMap,
    Form(f): Form<TeamForm>,
) -> Result<Response> {
    let lang = lang_of(&headers);
    // Province admins only: the route table says so (`access::guard`).
    let user = form_user(&hub, &headers, &f.csrf).await?;
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
    let outcome = match problem {
        Some(p) => (p, false),
        None => {
            let lead = db::NewWebUser {
                login: f.lead_login.trim(),
                name: f.lead_name.trim(),
                password_hash: &hash_password(&f.lead_password)?,
                role: super::WebRole::TeamLead,
                province: &user.province,
                commune,
                team: None,
            };
            match db::create_team_with_lead(
                &hub.pool,
                f.team.trim(),
                &user.province,
                commune,
                &lead,
            )
            .await?
            {
                Some(team) => {
                    let done = tr_args(
                        lang,
                        "hub-web-team-created",
                        &[("team", team.name.as_str().into())],
                    );
                    (done, true)
                }
                None => (t("hub-web-login-taken"), false),
            }
        }
    };
    Ok(TEAM_FORM.answer(lang, &user, &f.csrf, &team_fields(lang), outcome))
}
