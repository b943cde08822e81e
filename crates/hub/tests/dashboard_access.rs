//! The dashboard's route table, held per route against a real hub: for every
//! declared route and every kind of visitor (nobody signed in, a team lead, a
//! commune officer, a province admin), the guard lets through exactly whom the
//! table names — a page for the signed-in sends others to the login page, a
//! form or a file for another role is refused — and a route nobody declared
//! is refused.

#![allow(clippy::unwrap_used)]

mod pg;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gocua_hub::db::{self, NewWebUser};
use gocua_hub::web::{Need, ROUTES, WebRole};
use sha2::{Digest, Sha256};
use tower::ServiceExt as _;

/// A signed-in session of a new account of `role`: its cookie and CSRF token.
async fn session(
    hub: &gocua_hub::Hub,
    role: WebRole,
    team: Option<uuid::Uuid>,
) -> (String, String) {
    let login = format!("{}-{}", role.as_str(), uuid::Uuid::new_v4().simple());
    db::add_web_user(
        &hub.pool,
        &NewWebUser {
            login: &login,
            name: "Người dùng thử",
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            role,
            province: "01",
            commune: (role == WebRole::CommuneOfficer).then_some("00004"),
            team,
        },
    )
    .await
    .unwrap();
    let (user, _, _) = db::login_lookup(&hub.pool, &login).await.unwrap().unwrap();
    let token = uuid::Uuid::new_v4().to_string();
    let csrf = uuid::Uuid::new_v4().simple().to_string();
    db::login_ok(
        &hub.pool,
        user.id,
        &Sha256::digest(token.as_bytes()),
        &csrf,
        1,
    )
    .await
    .unwrap();
    (format!("gocua_session={token}"), csrf)
}

/// How each declared route is asked: GET for pages and files, POST (a form
/// with the session's CSRF token) for actions.
fn method_of(path: &str) -> &'static str {
    match path {
        "/" | "/style.css" | "/login" | "/setup" | "/lang/{code}" | "/export" => "GET",
        _ => "POST",
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_admits_exactly_whom_its_rule_names() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("dashboard_access").await;
    let hub = gocua_hub::Hub::open(&url, 4).await.unwrap();
    let team = db::create_team(&hub.pool, "Tổ thử", "01", None)
        .await
        .unwrap();
    let mut visitors = vec![(None, None)];
    for role in WebRole::ALL {
        let team = (role == WebRole::TeamLead).then_some(team.id);
        visitors.push((Some(role), Some(session(&hub, role, team).await)));
    }
    // Signed in, each visitor is who the dashboard says.
    for (role, session) in &visitors[1..] {
        let (cookie, _) = session.clone().unwrap();
        let res = hub
            .router()
            .oneshot(
                Request::builder()
                    .uri("/")
                    .header(header::COOKIE, cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{role:?} signed in");
    }
    let mut checked = 0;
    // Signing out ends the sessions the other routes are asked with: last.
    let mut routes: Vec<_> = ROUTES.iter().collect();
    routes.sort_by_key(|(path, _)| *path == "/logout");
    for (path, need) in routes {
        let uri = path.replace("{code}", "vi").replace("{kind}", "catalogue");
        for (role, session) in &visitors {
            let method = method_of(path);
            let mut req = Request::builder().method(method).uri(&uri);
            let mut body = String::new();
            if let Some((cookie, csrf)) = session {
                req = req.header(header::COOKIE, cookie);
                body = format!("csrf={csrf}");
            }
            let req = req
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap();
            let res = hub.router().oneshot(req).await.unwrap();
            let status = res.status();
            let location = res
                .headers()
                .get(header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .map(str::to_owned);
            let text = String::from_utf8_lossy(
                &axum::body::to_bytes(res.into_body(), 1 << 20)
                    .await
                    .unwrap(),
            )
            .into_owned();
            // The guard's own refusal: 401 with the reason `role`, or the
            // login page for someone not signed in asking for a page.
            let refused = (status == StatusCode::UNAUTHORIZED
                && text.contains("unauthorized: role\""))
                || location.as_deref() == Some("/login") && *need != Need::Anyone;
            assert_eq!(
                refused,
                !need.allows(*role),
                "{method} {path} as {role:?}: {status} {location:?} {text:.200}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, ROUTES.len() * 4);

    // A page the table does not declare is not served to anyone.
    let (cookie, _) = visitors[3].1.clone().unwrap();
    let res = hub
        .router()
        .oneshot(
            Request::builder()
                .uri("/admin")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// The upward report at every level: a lead's team, a commune officer's
/// commune and a province admin's province each export the laptop's report
/// (its sheets and indicators) under their own name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_level_exports_its_report() {
    let cluster = pg::Cluster::start();
    let url = cluster.database("dashboard_export").await;
    let hub = gocua_hub::Hub::open(&url, 4).await.unwrap();
    let team = db::create_team(&hub.pool, "Tổ thử", "01", Some("00004"))
        .await
        .unwrap();
    for (role, whose) in [
        (WebRole::TeamLead, "Tổ thử"),
        (WebRole::CommuneOfficer, "Phường Ba Đình, Thành phố Hà Nội"),
        (WebRole::ProvinceAdmin, "Thành phố Hà Nội"),
    ] {
        let (cookie, _) = session(&hub, role, (role == WebRole::TeamLead).then_some(team.id)).await;
        let res = hub
            .router()
            .oneshot(
                Request::builder()
                    .uri("/export?month=2026-11&format=csv")
                    .header(header::COOKIE, cookie)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{role:?}");
        assert_eq!(
            res.headers().get(header::CONTENT_TYPE).unwrap(),
            "text/csv; charset=utf-8"
        );
        let csv = String::from_utf8(
            axum::body::to_bytes(res.into_body(), 1 << 20)
                .await
                .unwrap()
                .to_vec(),
        )
        .unwrap();
        let title = csv.lines().next().unwrap();
        assert!(title.contains(whose), "{role:?}: {title}");
        for sheet in ["Tổng hợp", "Theo thủ tục", "Theo xã phường", "Mức hài lòng"]
        {
            assert!(csv.contains(sheet), "{role:?}: {sheet}");
        }
    }
}
