//! gocua-desktop — the Tauri 2 shell around gocua-api.
//!
//! This crate only wires things together: it resolves the data directory
//! (`--data-dir`, `GOCUA_DATA_DIR`, platform default), opens one
//! [`gocua_api::Ctx`], hands it to Tauri as managed state, and registers the
//! commands in [`commands`], each a one-line adapter to a gocua-api function.
//! Window, icons and security policy are in `tauri.conf.json` and
//! `capabilities/`. Nothing depends on this crate.

#![deny(missing_docs)]

pub mod commands;

use std::sync::Arc;

use anyhow::Context as _;

/// Builds and runs the app until its last window closes.
pub fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GOCUA_LOG")
                .unwrap_or_else(|_| "info".into()),
        )
        .init();
    let l10n = gocua_i18n::Localizer::global().context("broken translations")?;
    let ctx = gocua_api::CtxOptions::from_env(None)
        .and_then(|opts| {
            tracing::info!(data_dir = %opts.data_dir.display(), "starting Gõ Cửa");
            gocua_api::Ctx::open(opts)
        })
        .map(Arc::new)
        .map_err(|e| {
            // Shown in the window; the language setting is unreadable here,
            // so the message is in the default language.
            tracing::error!(error = %e.log_detail(), "cannot open the data directory");
            startup_error(l10n, &e)
        });

    let background = ctx.as_ref().ok().cloned();
    let for_close = background.clone();
    tauri::Builder::default()
        .setup(move |app| {
            allow_camera(app);
            if let Some(ctx) = background.clone() {
                tauri::async_runtime::spawn(retention_in_background(ctx.clone()));
                tauri::async_runtime::spawn(sync_in_background(ctx));
            }
            Ok(())
        })
        .on_window_event({
            let ctx = for_close;
            move |_window, event| {
                // A kiosk is left with a PIN, never by closing its window.
                if let tauri::WindowEvent::CloseRequested { api, .. } = event
                    && ctx
                        .as_ref()
                        .and_then(|c| gocua_api::session::session_get(c).ok())
                        .is_some_and(|s| s.kiosk)
                {
                    api.prevent_close();
                }
            }
        })
        .manage(commands::State { ctx, l10n })
        .invoke_handler(tauri::generate_handler![commands::call])
        .run(tauri::generate_context!())
        .context("the window system failed")?;
    Ok(())
}

/// The retention purge the consent text promises: at start-up, then once a
/// day while the app runs (checked hourly, so a laptop that sleeps at night
/// still purges the next morning).
async fn retention_in_background(ctx: Arc<gocua_api::Ctx>) {
    loop {
        match gocua_api::retention::purge_if_due(&ctx) {
            Ok(Some(r)) => tracing::info!(
                citizens = r.citizens,
                dossiers = r.dossiers,
                drafts = r.drafts,
                visit_notes = r.visit_notes,
                "retention purge"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e.log_detail(), "retention purge failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}

/// Sends queued dossiers and reads their status whenever the portal can be
/// reached: a pass every `GOCUA_SYNC_SECONDS` (default 15), sooner when an
/// operation falls due; and the team's figures to the team hub, when joined. Failures are the outbox's business (backoff, plain
/// errors on the queue screen); nothing here can stop the window.
async fn sync_in_background(ctx: Arc<gocua_api::Ctx>) {
    let every = std::env::var("GOCUA_SYNC_SECONDS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(15);
    let every = std::time::Duration::from_secs(every);
    loop {
        match gocua_api::sync::sync_background(&ctx).await {
            Ok(Some(r)) if r.sent + r.changes + r.quarantined > 0 => {
                tracing::info!(
                    sent = r.sent,
                    changes = r.changes,
                    quarantined = r.quarantined,
                    "sync pass"
                );
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e.log_detail(), "sync pass failed"),
        }
        // The team hub, when this laptop joined one (never in the way of
        // the portal: its own throttle, its failures only logged).
        match gocua_api::hub::hub_background(&ctx).await {
            Ok(Some(r)) if r.stored > 0 => tracing::info!(stored = r.stored, "team hub sync"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e.log_detail(), "team hub sync failed"),
        }
        let due = gocua_api::sync::next_due_in(&ctx)
            .ok()
            .flatten()
            .unwrap_or(every);
        tokio::time::sleep(due.clamp(std::time::Duration::from_millis(500), every)).await;
    }
}

fn startup_error(
    l10n: &gocua_i18n::Localizer,
    e: &gocua_api::ApiError,
) -> gocua_api::dto::ErrorDto {
    e.to_dto(l10n, gocua_core::Language::default())
}

/// Lets the page use the webcam to read ID-card QR codes. WebKitGTK ships with
/// media streams disabled; enable them and grant camera requests (and only
/// those) from our own page. Other platforms' webviews ask the OS themselves.
#[cfg(target_os = "linux")]
fn allow_camera(app: &tauri::App) {
    use tauri::Manager as _;
    use webkit2gtk::glib::prelude::Cast as _;
    use webkit2gtk::{PermissionRequestExt as _, SettingsExt as _, WebViewExt as _};

    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let result = window.with_webview(|webview| {
        let view = webview.inner();
        if let Some(settings) = view.settings() {
            settings.set_enable_media_stream(true);
        }
        view.connect_permission_request(|_, request| {
            if request
                .downcast_ref::<webkit2gtk::UserMediaPermissionRequest>()
                .is_some()
            {
                request.allow();
                true
            } else {
                false
            }
        });
    });
    if let Err(e) = result {
        tracing::warn!(error = %e, "camera cannot be enabled");
    }
}

#[cfg(not(target_os = "linux"))]
fn allow_camera(_app: &tauri::App) {}
