//! Tauri commands: one-line adapters from IPC to gocua-api.
//!
//! Each command takes the managed [`State`], calls the gocua-api function of
//! the same name, and maps its error to an [`ErrorDto`] whose message is
//! translated into the user's current language.

use std::sync::Arc;

use gocua_api::document::PrintDocument;
use gocua_api::dto::{
    AppInfo, CardCheck, CardDto, CatalogImport, CatalogSearch, CatalogShow, CccdParse, CitizenDto,
    CitizenRegister, CitizenShow, CommuneDto, ConsentWithdraw, ConversionDto, ErrorDto, FileSaved,
    Guides, OperatorAdd, OperatorDto, OperatorRef, OperatorResetPin, OperatorUnlock, PackInfo,
    ProbeResult, ProcedureDto, ProcedureHit, QrFrame, SessionDto, SetLanguage, SetPortalUrl,
    UnitDto, UnitsCommunes, UnitsConvert, UnitsSearch, VisitDto, VisitEnd, VisitStart, VisitUpdate,
};
use gocua_api::dto::{
    AttachmentAdd, AttachmentRemove, DossierCreate, DossierCreated, DossierGo, DossierHandoff,
    DossierItem, DossierList, DossierMark, DossierPage, DossierRef, DossierSet, DossierView,
    FormSummary, OutboxDto, ReportDto, ReportExport, ReportRequest, SyncReport,
};
use gocua_api::{ApiError, Ctx};
use gocua_i18n::Localizer;

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
    /// The context, or the start-up error.
    fn ctx(&self) -> Result<&Arc<Ctx>, ErrorDto> {
        self.ctx.as_ref().map_err(Clone::clone)
    }

    /// Runs the body of `command` against the context if the session may
    /// call it (the rule comes from [`gocua_api::access::COMMANDS`], never
    /// from here), translating its error.
    fn run<T>(&self, command: &str, body: impl FnOnce(&Ctx) -> gocua_api::Result<T>) -> Res<T> {
        let ctx = self.ctx()?;
        gocua_api::access::check(ctx, command)
            .and_then(|()| body(ctx))
            .map_err(|e| self.ui_error(ctx, e))
    }

    /// The context for an async `command`, if the session may call it.
    fn allowed(&self, command: &str) -> Res<Arc<Ctx>> {
        let ctx = self.ctx()?;
        gocua_api::access::check(ctx, command).map_err(|e| self.ui_error(ctx, e))?;
        Ok(ctx.clone())
    }

    fn ui_error(&self, ctx: &Ctx, e: ApiError) -> ErrorDto {
        // Never the full error: it may carry what the user typed (an ID number).
        tracing::warn!(error = %e.log_detail(), "command failed");
        e.to_dto(self.l10n, ctx.language())
    }
}

type Res<T> = Result<T, ErrorDto>;
type S<'a> = tauri::State<'a, State>;

/// See [`gocua_api::app_info`].
#[tauri::command]
pub fn app_info(s: S<'_>) -> Res<AppInfo> {
    s.run("app_info", gocua_api::app_info)
}

/// See [`gocua_api::set_language`].
#[tauri::command]
pub fn set_language(s: S<'_>, req: SetLanguage) -> Res<AppInfo> {
    s.run("set_language", |ctx| gocua_api::set_language(ctx, req))
}

/// See [`gocua_api::set_portal_url`].
#[tauri::command]
pub fn set_portal_url(s: S<'_>, req: SetPortalUrl) -> Res<AppInfo> {
    s.run("set_portal_url", |ctx| gocua_api::set_portal_url(ctx, req))
}

/// See [`gocua_api::probe_portal`].
#[tauri::command]
pub async fn probe_portal(s: S<'_>) -> Res<ProbeResult> {
    let ctx = s.allowed("probe_portal")?;
    gocua_api::probe_portal(&ctx)
        .await
        .map_err(|e| s.ui_error(&ctx, e))
}

/// See [`gocua_api::catalog_search`].
#[tauri::command]
pub fn catalog_search(s: S<'_>, req: CatalogSearch) -> Res<Vec<ProcedureHit>> {
    s.run("catalog_search", |ctx| gocua_api::catalog_search(ctx, req))
}

/// See [`gocua_api::catalog_show`].
#[tauri::command]
pub fn catalog_show(s: S<'_>, req: CatalogShow) -> Res<ProcedureDto> {
    s.run("catalog_show", |ctx| gocua_api::catalog_show(ctx, req))
}

/// See [`gocua_api::catalog_packs`].
#[tauri::command]
pub fn catalog_packs(s: S<'_>) -> Res<Vec<PackInfo>> {
    s.run("catalog_packs", gocua_api::catalog_packs)
}

/// See [`gocua_api::catalog_import`].
#[tauri::command]
pub fn catalog_import(s: S<'_>, req: CatalogImport) -> Res<PackInfo> {
    s.run("catalog_import", |ctx| gocua_api::catalog_import(ctx, req))
}

/// See [`gocua_api::units_provinces`].
#[tauri::command]
pub fn units_provinces(s: S<'_>) -> Res<Vec<UnitDto>> {
    s.run("units_provinces", |_| gocua_api::units_provinces())
}

/// See [`gocua_api::units_communes`].
#[tauri::command]
pub fn units_communes(s: S<'_>, req: UnitsCommunes) -> Res<Vec<UnitDto>> {
    s.run("units_communes", |_| gocua_api::units_communes(req))
}

/// See [`gocua_api::units_search`].
#[tauri::command]
pub fn units_search(s: S<'_>, req: UnitsSearch) -> Res<Vec<CommuneDto>> {
    s.run("units_search", |_| gocua_api::units_search(req))
}

/// See [`gocua_api::units_convert`].
#[tauri::command]
pub fn units_convert(s: S<'_>, req: UnitsConvert) -> Res<ConversionDto> {
    s.run("units_convert", |_| gocua_api::units_convert(req))
}

/// See [`gocua_api::cccd_parse`].
#[tauri::command]
pub fn cccd_parse(s: S<'_>, req: CccdParse) -> Res<CardCheck> {
    s.run("cccd_parse", |ctx| gocua_api::cccd_parse(ctx, req))
}

/// See [`gocua_api::cccd_check`].
#[tauri::command]
pub fn cccd_check(s: S<'_>, req: CardDto) -> Res<CardCheck> {
    s.run("cccd_check", |ctx| gocua_api::cccd_check(ctx, req))
}

/// See [`gocua_api::citizen_register`].
#[tauri::command]
pub fn citizen_register(s: S<'_>, req: CitizenRegister) -> Res<CitizenDto> {
    s.run("citizen_register", |ctx| {
        gocua_api::citizen_register(ctx, req)
    })
}

/// See [`gocua_api::citizen_list`].
#[tauri::command]
pub fn citizen_list(s: S<'_>) -> Res<Vec<CitizenDto>> {
    s.run("citizen_list", gocua_api::citizen_list)
}

/// See [`gocua_api::citizen_show`].
#[tauri::command]
pub fn citizen_show(s: S<'_>, req: CitizenShow) -> Res<CitizenDto> {
    s.run("citizen_show", |ctx| gocua_api::citizen_show(ctx, req))
}

/// See [`gocua_api::consent_withdraw`].
#[tauri::command]
pub fn consent_withdraw(s: S<'_>, req: ConsentWithdraw) -> Res<CitizenDto> {
    s.run("consent_withdraw", |ctx| {
        gocua_api::consent_withdraw(ctx, req)
    })
}

/// See [`gocua_api::visit_start`].
#[tauri::command]
pub fn visit_start(s: S<'_>, req: VisitStart) -> Res<VisitDto> {
    s.run("visit_start", |ctx| gocua_api::visit_start(ctx, req))
}

/// See [`gocua_api::visit_update`].
#[tauri::command]
pub fn visit_update(s: S<'_>, req: VisitUpdate) -> Res<VisitDto> {
    s.run("visit_update", |ctx| gocua_api::visit_update(ctx, req))
}

/// See [`gocua_api::visit_end`].
#[tauri::command]
pub fn visit_end(s: S<'_>, req: VisitEnd) -> Res<VisitDto> {
    s.run("visit_end", |ctx| gocua_api::visit_end(ctx, req))
}

/// See [`gocua_api::operator_last`].
#[tauri::command]
pub fn operator_last(s: S<'_>) -> Res<Option<String>> {
    s.run("operator_last", gocua_api::operator_last)
}

/// See [`gocua_api::guides`].
#[tauri::command]
pub fn guides(s: S<'_>) -> Res<Guides> {
    s.run("guides", gocua_api::guides)
}

/// See [`gocua_api::consent_receipt`].
#[tauri::command]
pub fn consent_receipt(s: S<'_>, req: CitizenShow) -> Res<FileSaved> {
    s.run("consent_receipt", |ctx| {
        gocua_api::consent_receipt(ctx, req)
    })
}

/// See [`gocua_api::qr_decode_frame`].
#[tauri::command]
pub fn qr_decode_frame(s: S<'_>, req: QrFrame) -> Res<Vec<String>> {
    s.run("qr_decode_frame", |_| gocua_api::qr_decode_frame(&req))
}

/// See [`gocua_api::consent_receipt_print`].
#[tauri::command]
pub fn consent_receipt_print(s: S<'_>, req: CitizenShow) -> Res<PrintDocument> {
    s.run("consent_receipt_print", |ctx| {
        gocua_api::consent_receipt_print(ctx, req)
    })
}

/// See [`gocua_api::dossier_checklist_print`].
#[tauri::command]
pub fn dossier_checklist_print(s: S<'_>, req: DossierRef) -> Res<PrintDocument> {
    s.run("dossier_checklist_print", |ctx| {
        gocua_api::dossier_checklist_print(ctx, req)
    })
}

/// See [`gocua_api::operator_list`].
#[tauri::command]
pub fn operator_list(s: S<'_>) -> Res<Vec<OperatorDto>> {
    s.run("operator_list", gocua_api::operator_list)
}

/// See [`gocua_api::session::first_lead`].
#[tauri::command]
pub fn operator_first_lead(s: S<'_>, req: OperatorAdd) -> Res<SessionDto> {
    s.run("operator_first_lead", |ctx| {
        gocua_api::session::first_lead(ctx, req)
    })
}

/// See [`gocua_api::session::session_touch`].
#[tauri::command]
pub fn session_touch(s: S<'_>) -> Res<SessionDto> {
    s.run("session_touch", gocua_api::session::session_touch)
}

/// See [`gocua_api::operator_add`].
#[tauri::command]
pub fn operator_add(s: S<'_>, req: OperatorAdd) -> Res<OperatorDto> {
    s.run("operator_add", |ctx| gocua_api::operator_add(ctx, req))
}

/// See [`gocua_api::operator_reset_pin`].
#[tauri::command]
pub fn operator_reset_pin(s: S<'_>, req: OperatorResetPin) -> Res<OperatorDto> {
    s.run("operator_reset_pin", |ctx| {
        gocua_api::operator_reset_pin(ctx, req)
    })
}

/// See [`gocua_api::operator_remove`].
#[tauri::command]
pub fn operator_remove(s: S<'_>, req: OperatorRef) -> Res<Vec<OperatorDto>> {
    s.run("operator_remove", |ctx| {
        gocua_api::operator_remove(ctx, req)
    })
}

/// See [`gocua_api::session::session_get`].
#[tauri::command]
pub fn session_get(s: S<'_>) -> Res<SessionDto> {
    s.run("session_get", gocua_api::session::session_get)
}

/// See [`gocua_api::session::session_unlock`].
#[tauri::command]
pub fn session_unlock(s: S<'_>, req: OperatorUnlock) -> Res<SessionDto> {
    s.run("session_unlock", |ctx| {
        gocua_api::session::session_unlock(ctx, req)
    })
}

/// See [`gocua_api::session::session_lock`].
#[tauri::command]
pub fn session_lock(s: S<'_>) -> Res<SessionDto> {
    s.run("session_lock", gocua_api::session::session_lock)
}

/// See [`gocua_api::session::kiosk_enter`]. The window then fills the
/// screen, loses its title bar and stays in front: a citizen at the kiosk
/// cannot reach the desktop, other windows or the close button.
#[tauri::command]
pub fn kiosk_enter(s: S<'_>, window: tauri::WebviewWindow) -> Res<SessionDto> {
    let session = s.run("kiosk_enter", gocua_api::session::kiosk_enter)?;
    kiosk_window(&window, true);
    Ok(session)
}

/// See [`gocua_api::session::kiosk_leave`] (needs a PIN); the window is
/// an ordinary window again.
#[tauri::command]
pub fn kiosk_leave(s: S<'_>, req: OperatorUnlock, window: tauri::WebviewWindow) -> Res<SessionDto> {
    let session = s.run("kiosk_leave", |ctx| {
        gocua_api::session::kiosk_leave(ctx, req)
    })?;
    kiosk_window(&window, false);
    Ok(session)
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

/// See [`gocua_api::forms_list`].
#[tauri::command]
pub fn forms_list(s: S<'_>) -> Res<Vec<FormSummary>> {
    s.run("forms_list", gocua_api::forms_list)
}

/// See [`gocua_api::dossier_create`].
#[tauri::command]
pub fn dossier_create(s: S<'_>, req: DossierCreate) -> Res<DossierCreated> {
    s.run("dossier_create", |ctx| gocua_api::dossier_create(ctx, req))
}

/// See [`gocua_api::dossier_list`].
#[tauri::command]
pub fn dossier_list(s: S<'_>, req: DossierList) -> Res<DossierPage> {
    s.run("dossier_list", |ctx| gocua_api::dossier_list(ctx, req))
}

/// See [`gocua_api::dossier_open`].
#[tauri::command]
pub fn dossier_open(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.run("dossier_open", |ctx| gocua_api::dossier_open(ctx, req))
}

/// See [`gocua_api::dossier_set`].
#[tauri::command]
pub fn dossier_set(s: S<'_>, req: DossierSet) -> Res<DossierView> {
    s.run("dossier_set", |ctx| gocua_api::dossier_set(ctx, req))
}

/// See [`gocua_api::dossier_item`].
#[tauri::command]
pub fn dossier_item(s: S<'_>, req: DossierItem) -> Res<DossierView> {
    s.run("dossier_item", |ctx| gocua_api::dossier_item(ctx, req))
}

/// See [`gocua_api::dossier_go`].
#[tauri::command]
pub fn dossier_go(s: S<'_>, req: DossierGo) -> Res<DossierView> {
    s.run("dossier_go", |ctx| gocua_api::dossier_go(ctx, req))
}

/// See [`gocua_api::dossier_mark`].
#[tauri::command]
pub fn dossier_mark(s: S<'_>, req: DossierMark) -> Res<DossierView> {
    s.run("dossier_mark", |ctx| gocua_api::dossier_mark(ctx, req))
}

/// See [`gocua_api::dossier_ready`].
#[tauri::command]
pub fn dossier_ready(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.run("dossier_ready", |ctx| gocua_api::dossier_ready(ctx, req))
}

/// See [`gocua_api::dossier_upgrade`].
#[tauri::command]
pub fn dossier_upgrade(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.run("dossier_upgrade", |ctx| {
        gocua_api::dossier_upgrade(ctx, req)
    })
}

/// See [`gocua_api::dossier_delete`].
#[tauri::command]
pub fn dossier_delete(s: S<'_>, req: DossierRef) -> Res<()> {
    s.run("dossier_delete", |ctx| gocua_api::dossier_delete(ctx, req))
}

/// See [`gocua_api::attachment_add`].
#[tauri::command(async)]
pub fn attachment_add(s: S<'_>, req: AttachmentAdd) -> Res<DossierView> {
    s.run("attachment_add", |ctx| gocua_api::attachment_add(ctx, req))
}

/// See [`gocua_api::attachment_remove`].
#[tauri::command]
pub fn attachment_remove(s: S<'_>, req: AttachmentRemove) -> Res<DossierView> {
    s.run("attachment_remove", |ctx| {
        gocua_api::attachment_remove(ctx, req)
    })
}

/// See [`gocua_api::attachment_get`].
#[tauri::command]
pub fn attachment_get(s: S<'_>, req: AttachmentRemove) -> Res<String> {
    s.run("attachment_get", |ctx| gocua_api::attachment_get(ctx, req))
}

/// See [`gocua_api::dossier_checklist`]: written to the exports folder.
#[tauri::command(async)]
pub fn dossier_checklist(s: S<'_>, req: DossierRef) -> Res<FileSaved> {
    s.run("dossier_checklist", |ctx| {
        gocua_api::dossier_checklist(ctx, req, None)
    })
}

/// See [`gocua_api::report`].
#[tauri::command(async)]
pub fn report(s: S<'_>, req: ReportRequest) -> Res<ReportDto> {
    s.run("report", |ctx| gocua_api::report(ctx, req))
}

/// See [`gocua_api::report_export`]: written to the exports folder.
#[tauri::command(async)]
pub fn report_export(s: S<'_>, req: ReportExport) -> Res<FileSaved> {
    s.run("report_export", |ctx| {
        gocua_api::report_export(ctx, req, None)
    })
}

/// See [`gocua_api::dossier_queue`].
#[tauri::command]
pub fn dossier_queue(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.run("dossier_queue", |ctx| gocua_api::dossier_queue(ctx, req))
}

/// See [`gocua_api::dossier_handoff`].
#[tauri::command]
pub fn dossier_handoff(s: S<'_>, req: DossierHandoff) -> Res<DossierView> {
    s.run("dossier_handoff", |ctx| {
        gocua_api::dossier_handoff(ctx, req)
    })
}

/// See [`gocua_api::sync_now`].
#[tauri::command]
pub async fn sync_now(s: S<'_>) -> Res<SyncReport> {
    let ctx = s.allowed("sync_now")?;
    gocua_api::sync_now(&ctx)
        .await
        .map_err(|e| s.ui_error(&ctx, e))
}

/// See [`gocua_api::outbox_list`].
#[tauri::command]
pub fn outbox_list(s: S<'_>) -> Res<OutboxDto> {
    s.run("outbox_list", gocua_api::outbox_list)
}

/// See [`gocua_api::outbox_release`].
#[tauri::command]
pub fn outbox_release(s: S<'_>, req: gocua_api::dto::OutboxRelease) -> Res<OutboxDto> {
    s.run("outbox_release", |ctx| gocua_api::outbox_release(ctx, req))
}

/// See [`gocua_api::outbox_retry`].
#[tauri::command]
pub fn outbox_retry(s: S<'_>) -> Res<OutboxDto> {
    s.run("outbox_retry", gocua_api::outbox_retry)
}

/// See [`gocua_api::dossier_export_files`].
#[tauri::command(async)]
pub fn dossier_export_files(s: S<'_>, req: DossierRef) -> Res<FileSaved> {
    s.run("dossier_export_files", |ctx| {
        gocua_api::dossier_export_files(ctx, req)
    })
}

#[cfg(test)]
mod tests {
    /// The handler list, the adapters and gocua-api's access table name the
    /// same commands, and every adapter asks the table about its own name:
    /// no adapter can choose (or forget) a command's rule.
    #[test]
    fn every_registered_command_is_in_the_access_table_under_its_own_name() {
        let lib = include_str!("lib.rs");
        let start = lib.find("generate_handler![").unwrap_or(0);
        let end = lib[start..].find(']').map_or(lib.len(), |e| start + e);
        let mut registered: Vec<&str> = lib[start..end]
            .split("commands::")
            .skip(1)
            .map(|n| n.trim().trim_end_matches(',').trim())
            .collect();
        registered.sort_unstable();
        let mut table: Vec<&str> = gocua_api::access::COMMANDS
            .iter()
            .map(|(n, _)| *n)
            .collect();
        table.sort_unstable();
        assert_eq!(registered, table, "handler list and access table differ");

        let source = include_str!("commands.rs");
        let source = &source[..source.find("#[cfg(test)]").unwrap_or(source.len())];
        let mut adapters = 0;
        for chunk in source.split("#[tauri::command").skip(1) {
            let name = chunk
                .split("fn ")
                .nth(1)
                .and_then(|rest| rest.split('(').next())
                .unwrap_or_default();
            let body = chunk.split("\n}\n").next().unwrap_or_default();
            let asks = format!("s.run(\"{name}\"");
            let asks_async = format!("s.allowed(\"{name}\")");
            assert!(
                body.contains(&asks) || body.contains(&asks_async),
                "adapter {name} does not check its own access rule"
            );
            adapters += 1;
        }
        assert_eq!(adapters, table.len());
    }
}
