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
    let for_dialogs = background.clone();
    tauri::Builder::default()
        .setup(move |app| {
            allow_camera(app);
            no_native_dialogs_at_the_kiosk(app, for_dialogs);
            // The one background schedule (portal, hub, purge), as the
            // headless `gocua sync` daemon runs it.
            if let Some(ctx) = background.clone() {
                tauri::async_runtime::spawn(gocua_api::background::run(ctx, None));
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

/// Whether the laptop is a kiosk right now (its session says so).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn at_the_kiosk(ctx: Option<&gocua_api::Ctx>) -> bool {
    ctx.and_then(|c| gocua_api::session::session_get(c).ok())
        .is_some_and(|s| s.kiosk)
}

/// At the kiosk no native dialog opens: not the print dialog (its "Print to
/// File" chooser browses the disk, and renaming the data folder's key from
/// it left every citizen's data unreadable), not a file chooser. The
/// webview's own `print` and `run-file-chooser` signals are answered as
/// handled while the session is a kiosk, whatever the page asked for; the
/// kiosk prints through `kiosk_print_out`, with no dialog. A volunteer's
/// session keeps both dialogs.
#[cfg(target_os = "linux")]
fn no_native_dialogs_at_the_kiosk(app: &tauri::App, ctx: Option<Arc<gocua_api::Ctx>>) {
    use tauri::Manager as _;

    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let result = window.with_webview(move |webview| {
        refuse_native_dialogs(&webview.inner(), move || at_the_kiosk(ctx.as_deref()));
    });
    if let Err(e) = result {
        // The guard is missing: the threat model counts on it, so say so loudly.
        tracing::error!(error = %e, "the kiosk's dialog guard could not be set");
    }
}

/// Answers the webview's `print` and `run-file-chooser` signals as handled
/// — no dialog opens — whenever `refuse()` says so (at the kiosk).
#[cfg(target_os = "linux")]
pub fn refuse_native_dialogs(
    view: &webkit2gtk::WebView,
    refuse: impl Fn() -> bool + Clone + 'static,
) {
    use webkit2gtk::WebViewExt as _;
    let for_print = refuse.clone();
    view.connect_print(move |_, _| {
        let refused = for_print();
        if refused {
            tracing::warn!("a print dialog was asked for at the kiosk: not opened");
        }
        refused
    });
    view.connect_run_file_chooser(move |_, _| {
        let refused = refuse();
        if refused {
            tracing::warn!("a file chooser was asked for at the kiosk: not opened");
        }
        refused
    });
}

#[cfg(not(target_os = "linux"))]
fn no_native_dialogs_at_the_kiosk(_app: &tauri::App, _ctx: Option<Arc<gocua_api::Ctx>>) {}
