//! The one Tauri command: `call`, which hands a command's name and JSON
//! request to gocua-api's declared surface ([`gocua_api::surface`]).
//!
//! The command's access rule, request and response types and body are
//! declared once in gocua-api; the window's typed client is generated from
//! the same declaration. What stays here is the host's own part: running
//! synchronous commands off the main thread, turning errors into translated
//! [`ErrorDto`]s, and the kiosk window (full screen in kiosk mode).

use std::sync::Arc;

use gocua_api::dto::{ErrorDto, SessionDto};
use gocua_api::surface::Door;
use gocua_api::{ApiError, Ctx};
use gocua_i18n::Localizer;
use serde_json::Value;

/// What every command can reach.
#[derive(Debug)]
pub struct State {
    /// The command context, or why it could not be opened (no database key,
    /// unreadable data directory): then every command answers with that
    /// error, so the window can explain it instead of the app vanishing.
    pub ctx: Result<Arc<Ctx>, ErrorDto>,
    /// Translations for error messages.
    pub l10n: &'static Localizer,
}

impl State {
    fn ui_error(&self, ctx: &Ctx, e: ApiError) -> ErrorDto {
        // Never the full error: it may carry what the user typed (an ID number).
        tracing::warn!(error = %e.log_detail(), "command failed");
        e.to_dto(self.l10n, ctx.language())
    }
}

/// Runs `command` with `req` for the window, if its session may (the rule
/// is the command's own, declared in gocua-api). Synchronous commands run
/// on a blocking thread, so a slow one (a photo, a PDF) never freezes the
/// window.
#[tauri::command]
pub async fn call(
    s: tauri::State<'_, State>,
    window: tauri::WebviewWindow,
    command: String,
    req: Value,
) -> Result<Value, ErrorDto> {
    let ctx = s.ctx.as_ref().map_err(Clone::clone)?.clone();
    let is_async = gocua_api::surface::find(&command).is_some_and(|c| c.is_async);
    let out = if is_async {
        gocua_api::surface::call_async(&ctx, Door::Window, &command, req).await
    } else {
        let (ctx, command) = (ctx.clone(), command.clone());
        tauri::async_runtime::spawn_blocking(move || {
            gocua_api::surface::call(&ctx, Door::Window, &command, req)
        })
        .await
        .unwrap_or_else(|e| Err(ApiError::Internal(e.to_string())))
    };
    let out = out.map_err(|e| s.ui_error(&ctx, e))?;
    host_effects(&window, &command, &out);
    Ok(out)
}

/// What the host does after a command: the kiosk window follows the session.
fn host_effects(window: &tauri::WebviewWindow, command: &str, out: &Value) {
    if matches!(command, "kiosk_enter" | "kiosk_leave")
        && let Ok(session) = serde_json::from_value::<SessionDto>(out.clone())
    {
        kiosk_window(window, session.kiosk);
    }
}

/// Full screen, undecorated and always on top while `on`; failures are
/// logged (a window manager may refuse), the session is kiosk regardless.
/// The window is also placed over the whole monitor by hand, since without a
/// window manager (a bare X server) "full screen" is only a hint; the
/// previous place and size come back when the kiosk is left.
pub fn kiosk_window(window: &tauri::WebviewWindow, on: bool) {
    use std::sync::Mutex;
    type Place = (tauri::PhysicalPosition<i32>, tauri::PhysicalSize<u32>);
    static BEFORE: Mutex<Option<Place>> = Mutex::new(None);
    let mut steps = vec![
        window.set_decorations(!on),
        window.set_always_on_top(on),
        window.set_fullscreen(on),
    ];
    let mut before = BEFORE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if on {
        if let (Ok(p), Ok(s)) = (window.outer_position(), window.outer_size()) {
            *before = Some((p, s));
        }
        if let Ok(Some(m)) = window.current_monitor() {
            steps.push(window.set_position(*m.position()));
            steps.push(window.set_size(*m.size()));
        }
    } else if let Some((p, s)) = before.take() {
        steps.push(window.set_size(s));
        steps.push(window.set_position(p));
    }
    for r in steps {
        if let Err(e) = r {
            tracing::warn!(error = %e, on, "the kiosk window could not be set");
        }
    }
}

#[cfg(test)]
mod tests {
    /// The commands the host reacts to are declared ones.
    #[test]
    fn host_effects_name_declared_commands() {
        for name in ["kiosk_enter", "kiosk_leave"] {
            assert!(gocua_api::surface::find(name).is_some(), "{name}");
        }
    }
}
