//! The province admin publishes content to the province's laptops from the
//! dashboard: a catalogue pack or a guides file, uploaded, checked, and
//! signed with the province's key (as `gocua-hub catalogue-publish` and
//! `guides-publish` do). Laptops install it at their next sync.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use gocua_core::Language;

use super::html::{esc, page};
use super::{form_user, html_response, lang_of, tr, tr_args};
use crate::{Error, Hub, Result};

/// The largest file taken (a national pack is a few hundred kilobytes).
const FILE_MAX: usize = 4 * 1024 * 1024;

/// The two upload forms of the province's page.
pub(super) fn section(lang: Language, csrf: &str) -> String {
    let t = tr(lang);
    let form = |kind: &str, label: &str, button: &str| {
        format!(
            r#"<form method="post" action="/publish/{kind}" enctype="multipart/form-data"><input type="hidden" name="csrf" value="{csrf}">
<label for="publish-{kind}">{label}</label><input id="publish-{kind}" name="file" type="file" accept=".json,application/json">
<div><button class="primary" type="submit" data-testid="publish-{kind}-submit">{button}</button></div></form>"#,
            csrf = esc(csrf),
            label = esc(&t(label)),
            button = esc(&t(button)),
        )
    };
    format!(
        r#"<section data-testid="publish"><h2>{h}</h2><p class="muted">{help}</p>{pack}{guides}</section>"#,
        h = esc(&t("hub-web-publish")),
        help = esc(&t("hub-web-publish-help")),
        pack = form(
            "catalogue",
            "hub-web-publish-catalogue",
            "hub-web-publish-catalogue-submit"
        ),
        guides = form(
            "guides",
            "hub-web-publish-guides",
            "hub-web-publish-guides-submit"
        ),
    )
}

/// Takes an uploaded pack or guides file, checks and signs it.
pub(super) async fn publish(
    State(hub): State<Hub>,
    Path(kind): Path<String>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Result<Response> {
    let lang = lang_of(&headers);
    let t = tr(lang);
    let (mut csrf, mut file) = (String::new(), None::<Vec<u8>>);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| Error::BadRequest(format!("upload: {e}")))?
    {
        match field.name() {
            Some("csrf") => {
                csrf = field
                    .text()
                    .await
                    .map_err(|e| Error::BadRequest(format!("csrf: {e}")))?
            }
            Some("file") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| Error::BadRequest(format!("file: {e}")))?;
                if bytes.len() > FILE_MAX {
                    return Err(Error::BadRequest("the file is too large".into()));
                }
                file = Some(bytes.to_vec());
            }
            _ => {}
        }
    }
    // Province admins only: the route table says so (`access::guard`).
    let user = form_user(&hub, &headers, &csrf).await?;
    let text = file
        .filter(|f| !f.is_empty())
        .and_then(|f| String::from_utf8(f).ok());
    let outcome = match (kind.as_str(), text) {
        (_, None) => Err(t("hub-web-publish-no-file")),
        ("catalogue", Some(json)) => match crate::admin::publish_pack(&hub, &json).await {
            Ok((pack, version)) => Ok(tr_args(
                lang,
                "hub-web-published-catalogue",
                &[
                    ("pack", pack.into()),
                    ("version", i64::from(version).into()),
                ],
            )),
            Err(Error::AlreadyPublished(_)) => Err(t("hub-web-publish-not-newer")),
            Err(Error::BadRequest(detail)) => {
                tracing::info!(%detail, "a catalogue pack was not published");
                Err(t("hub-web-publish-bad-catalogue"))
            }
            Err(e) => return Err(e),
        },
        ("guides", Some(json)) => match crate::admin::publish_guides(&hub, &json).await {
            Ok(version) => Ok(tr_args(
                lang,
                "hub-web-published-guides",
                &[("version", version.into())],
            )),
            Err(Error::BadRequest(detail)) => {
                tracing::info!(%detail, "guides were not published");
                Err(t("hub-web-publish-bad-guides"))
            }
            Err(e) => return Err(e),
        },
        _ => return Err(Error::NotFound(format!("publish {kind}"))),
    };
    let (status, note) = match outcome {
        Ok(m) => (
            StatusCode::OK,
            format!(
                r#"<p class="ok" role="status" data-testid="publish-done">{}</p>"#,
                esc(&m)
            ),
        ),
        Err(m) => (
            StatusCode::BAD_REQUEST,
            format!(
                r#"<p class="error" role="alert" data-testid="publish-error">{}</p>"#,
                esc(&m)
            ),
        ),
    };
    let body = format!(
        r#"{note}{section}<p><a href="/">{back}</a></p>"#,
        section = section(lang, &csrf),
        back = esc(&t("hub-web-back")),
    );
    Ok(html_response(
        status,
        page(
            lang,
            &t("hub-web-publish"),
            Some((&user.name, &csrf)),
            &body,
            &t,
        ),
    ))
}
