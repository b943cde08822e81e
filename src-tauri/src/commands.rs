//! Tauri commands: one-line adapters from IPC to gocua-api.
//!
//! Each command takes the managed [`State`], calls the gocua-api function of
//! the same name, and maps its error to an [`ErrorDto`] whose message is
//! translated into the user's current language.

use std::sync::Arc;

use gocua_api::dto::{
    AppInfo, CardCheck, CardDto, CatalogImport, CatalogSearch, CatalogShow, CccdParse, CitizenDto,
    CitizenRegister, CitizenShow, CommuneDto, ConsentWithdraw, ConversionDto, ErrorDto, FileSaved,
    Guides, OperatorDto, OperatorUnlock, PackInfo, ProbeResult, ProcedureDto, ProcedureHit,
    QrFrame, SessionDto, SetLanguage, SetPortalUrl, UnitDto, UnitsCommunes, UnitsConvert,
    UnitsSearch, VisitDto, VisitEnd, VisitStart, VisitUpdate,
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

    /// Like [`State::with`], for commands that touch citizens' data: refused
    /// in kiosk mode and while the app is locked.
    fn staff<T>(&self, body: impl FnOnce(&Ctx) -> gocua_api::Result<T>) -> Res<T> {
        self.with(|ctx| {
            gocua_api::session::require_staff(ctx)?;
            body(ctx)
        })
    }

    /// Runs a command body against the context, translating its error.
    fn with<T>(&self, body: impl FnOnce(&Ctx) -> gocua_api::Result<T>) -> Res<T> {
        let ctx = self.ctx()?;
        body(ctx).map_err(|e| self.ui_error(ctx, e))
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
    s.with(gocua_api::app_info)
}

/// See [`gocua_api::set_language`].
#[tauri::command]
pub fn set_language(s: S<'_>, req: SetLanguage) -> Res<AppInfo> {
    s.with(|ctx| gocua_api::set_language(ctx, req))
}

/// See [`gocua_api::set_portal_url`].
#[tauri::command]
pub fn set_portal_url(s: S<'_>, req: SetPortalUrl) -> Res<AppInfo> {
    s.with(|ctx| gocua_api::set_portal_url(ctx, req))
}

/// See [`gocua_api::probe_portal`].
#[tauri::command]
pub async fn probe_portal(s: S<'_>) -> Res<ProbeResult> {
    let ctx = s.ctx()?.clone();
    gocua_api::probe_portal(&ctx)
        .await
        .map_err(|e| s.ui_error(&ctx, e))
}

/// See [`gocua_api::catalog_search`].
#[tauri::command]
pub fn catalog_search(s: S<'_>, req: CatalogSearch) -> Res<Vec<ProcedureHit>> {
    s.with(|ctx| gocua_api::catalog_search(ctx, req))
}

/// See [`gocua_api::catalog_show`].
#[tauri::command]
pub fn catalog_show(s: S<'_>, req: CatalogShow) -> Res<ProcedureDto> {
    s.with(|ctx| gocua_api::catalog_show(ctx, req))
}

/// See [`gocua_api::catalog_packs`].
#[tauri::command]
pub fn catalog_packs(s: S<'_>) -> Res<Vec<PackInfo>> {
    s.with(gocua_api::catalog_packs)
}

/// See [`gocua_api::catalog_import`].
#[tauri::command]
pub fn catalog_import(s: S<'_>, req: CatalogImport) -> Res<PackInfo> {
    s.with(|ctx| gocua_api::catalog_import(ctx, req))
}

/// See [`gocua_api::units_provinces`].
#[tauri::command]
pub fn units_provinces(s: S<'_>) -> Res<Vec<UnitDto>> {
    s.with(|_| gocua_api::units_provinces())
}

/// See [`gocua_api::units_communes`].
#[tauri::command]
pub fn units_communes(s: S<'_>, req: UnitsCommunes) -> Res<Vec<UnitDto>> {
    s.with(|_| gocua_api::units_communes(req))
}

/// See [`gocua_api::units_search`].
#[tauri::command]
pub fn units_search(s: S<'_>, req: UnitsSearch) -> Res<Vec<CommuneDto>> {
    s.with(|_| gocua_api::units_search(req))
}

/// See [`gocua_api::units_convert`].
#[tauri::command]
pub fn units_convert(s: S<'_>, req: UnitsConvert) -> Res<ConversionDto> {
    s.with(|_| gocua_api::units_convert(req))
}

/// See [`gocua_api::cccd_parse`].
#[tauri::command]
pub fn cccd_parse(s: S<'_>, req: CccdParse) -> Res<CardCheck> {
    s.staff(|ctx| gocua_api::cccd_parse(ctx, req))
}

/// See [`gocua_api::cccd_check`].
#[tauri::command]
pub fn cccd_check(s: S<'_>, req: CardDto) -> Res<CardCheck> {
    s.staff(|ctx| gocua_api::cccd_check(ctx, req))
}

/// See [`gocua_api::citizen_register`].
#[tauri::command]
pub fn citizen_register(s: S<'_>, req: CitizenRegister) -> Res<CitizenDto> {
    s.staff(|ctx| gocua_api::citizen_register(ctx, req))
}

/// See [`gocua_api::citizen_list`].
#[tauri::command]
pub fn citizen_list(s: S<'_>) -> Res<Vec<CitizenDto>> {
    s.staff(gocua_api::citizen_list)
}

/// See [`gocua_api::citizen_show`].
#[tauri::command]
pub fn citizen_show(s: S<'_>, req: CitizenShow) -> Res<CitizenDto> {
    s.staff(|ctx| gocua_api::citizen_show(ctx, req))
}

/// See [`gocua_api::consent_withdraw`].
#[tauri::command]
pub fn consent_withdraw(s: S<'_>, req: ConsentWithdraw) -> Res<CitizenDto> {
    s.staff(|ctx| gocua_api::consent_withdraw(ctx, req))
}

/// See [`gocua_api::visit_start`].
#[tauri::command]
pub fn visit_start(s: S<'_>, req: VisitStart) -> Res<VisitDto> {
    s.staff(|ctx| gocua_api::visit_start(ctx, req))
}

/// See [`gocua_api::visit_update`].
#[tauri::command]
pub fn visit_update(s: S<'_>, req: VisitUpdate) -> Res<VisitDto> {
    s.staff(|ctx| gocua_api::visit_update(ctx, req))
}

/// See [`gocua_api::visit_end`].
#[tauri::command]
pub fn visit_end(s: S<'_>, req: VisitEnd) -> Res<VisitDto> {
    s.staff(|ctx| gocua_api::visit_end(ctx, req))
}

/// See [`gocua_api::operator_last`].
#[tauri::command]
pub fn operator_last(s: S<'_>) -> Res<Option<String>> {
    s.with(gocua_api::operator_last)
}

/// See [`gocua_api::guides`].
#[tauri::command]
pub fn guides(s: S<'_>) -> Res<Guides> {
    s.with(gocua_api::guides)
}

/// See [`gocua_api::consent_receipt`].
#[tauri::command]
pub fn consent_receipt(s: S<'_>, req: CitizenShow) -> Res<FileSaved> {
    s.staff(|ctx| gocua_api::consent_receipt(ctx, req))
}

/// See [`gocua_api::qr_decode_frame`].
#[tauri::command]
pub fn qr_decode_frame(s: S<'_>, req: QrFrame) -> Res<Vec<String>> {
    s.with(|_| gocua_api::qr_decode_frame(&req))
}

/// See [`gocua_api::operator_list`].
#[tauri::command]
pub fn operator_list(s: S<'_>) -> Res<Vec<OperatorDto>> {
    s.with(gocua_api::operator_list)
}

/// See [`gocua_api::operator_unlock`].
#[tauri::command]
pub fn operator_unlock(s: S<'_>, req: OperatorUnlock) -> Res<OperatorDto> {
    s.with(|ctx| gocua_api::operator_unlock(ctx, req))
}

/// See [`gocua_api::session::session_get`].
#[tauri::command]
pub fn session_get(s: S<'_>) -> Res<SessionDto> {
    s.with(gocua_api::session::session_get)
}

/// See [`gocua_api::session::session_unlock`].
#[tauri::command]
pub fn session_unlock(s: S<'_>, req: OperatorUnlock) -> Res<SessionDto> {
    s.with(|ctx| gocua_api::session::session_unlock(ctx, req))
}

/// See [`gocua_api::session::session_lock`].
#[tauri::command]
pub fn session_lock(s: S<'_>) -> Res<SessionDto> {
    s.with(gocua_api::session::session_lock)
}

/// See [`gocua_api::session::kiosk_enter`].
#[tauri::command]
pub fn kiosk_enter(s: S<'_>) -> Res<SessionDto> {
    s.with(gocua_api::session::kiosk_enter)
}

/// See [`gocua_api::session::kiosk_leave`].
#[tauri::command]
pub fn kiosk_leave(s: S<'_>, req: OperatorUnlock) -> Res<SessionDto> {
    s.with(|ctx| gocua_api::session::kiosk_leave(ctx, req))
}

/// See [`gocua_api::forms_list`].
#[tauri::command]
pub fn forms_list(s: S<'_>) -> Res<Vec<FormSummary>> {
    s.with(gocua_api::forms_list)
}

/// See [`gocua_api::dossier_create`].
#[tauri::command]
pub fn dossier_create(s: S<'_>, req: DossierCreate) -> Res<DossierCreated> {
    s.staff(|ctx| gocua_api::dossier_create(ctx, req))
}

/// See [`gocua_api::dossier_list`].
#[tauri::command]
pub fn dossier_list(s: S<'_>, req: DossierList) -> Res<DossierPage> {
    s.staff(|ctx| gocua_api::dossier_list(ctx, req))
}

/// See [`gocua_api::dossier_open`].
#[tauri::command]
pub fn dossier_open(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_open(ctx, req))
}

/// See [`gocua_api::dossier_set`].
#[tauri::command]
pub fn dossier_set(s: S<'_>, req: DossierSet) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_set(ctx, req))
}

/// See [`gocua_api::dossier_item`].
#[tauri::command]
pub fn dossier_item(s: S<'_>, req: DossierItem) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_item(ctx, req))
}

/// See [`gocua_api::dossier_go`].
#[tauri::command]
pub fn dossier_go(s: S<'_>, req: DossierGo) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_go(ctx, req))
}

/// See [`gocua_api::dossier_mark`].
#[tauri::command]
pub fn dossier_mark(s: S<'_>, req: DossierMark) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_mark(ctx, req))
}

/// See [`gocua_api::dossier_ready`].
#[tauri::command]
pub fn dossier_ready(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_ready(ctx, req))
}

/// See [`gocua_api::dossier_upgrade`].
#[tauri::command]
pub fn dossier_upgrade(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_upgrade(ctx, req))
}

/// See [`gocua_api::dossier_delete`].
#[tauri::command]
pub fn dossier_delete(s: S<'_>, req: DossierRef) -> Res<()> {
    s.staff(|ctx| gocua_api::dossier_delete(ctx, req))
}

/// See [`gocua_api::attachment_add`].
#[tauri::command(async)]
pub fn attachment_add(s: S<'_>, req: AttachmentAdd) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::attachment_add(ctx, req))
}

/// See [`gocua_api::attachment_remove`].
#[tauri::command]
pub fn attachment_remove(s: S<'_>, req: AttachmentRemove) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::attachment_remove(ctx, req))
}

/// See [`gocua_api::attachment_get`].
#[tauri::command]
pub fn attachment_get(s: S<'_>, req: AttachmentRemove) -> Res<String> {
    s.staff(|ctx| gocua_api::attachment_get(ctx, req))
}

/// See [`gocua_api::dossier_checklist`]: written to the exports folder.
#[tauri::command(async)]
pub fn dossier_checklist(s: S<'_>, req: DossierRef) -> Res<FileSaved> {
    s.staff(|ctx| gocua_api::dossier_checklist(ctx, req, None))
}

/// See [`gocua_api::report`].
#[tauri::command(async)]
pub fn report(s: S<'_>, req: ReportRequest) -> Res<ReportDto> {
    s.staff(|ctx| gocua_api::report(ctx, req))
}

/// See [`gocua_api::report_export`]: written to the exports folder.
#[tauri::command(async)]
pub fn report_export(s: S<'_>, req: ReportExport) -> Res<FileSaved> {
    s.staff(|ctx| gocua_api::report_export(ctx, req, None))
}

/// See [`gocua_api::dossier_queue`].
#[tauri::command]
pub fn dossier_queue(s: S<'_>, req: DossierRef) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_queue(ctx, req))
}

/// See [`gocua_api::dossier_handoff`].
#[tauri::command]
pub fn dossier_handoff(s: S<'_>, req: DossierHandoff) -> Res<DossierView> {
    s.staff(|ctx| gocua_api::dossier_handoff(ctx, req))
}

/// See [`gocua_api::sync_now`].
#[tauri::command]
pub async fn sync_now(s: S<'_>) -> Res<SyncReport> {
    let ctx = s.ctx()?.clone();
    gocua_api::sync_now(&ctx)
        .await
        .map_err(|e| s.ui_error(&ctx, e))
}

/// See [`gocua_api::outbox_list`].
#[tauri::command]
pub fn outbox_list(s: S<'_>) -> Res<OutboxDto> {
    s.staff(gocua_api::outbox_list)
}

/// See [`gocua_api::outbox_release`].
#[tauri::command]
pub fn outbox_release(s: S<'_>, req: gocua_api::dto::OutboxRelease) -> Res<OutboxDto> {
    s.staff(|ctx| gocua_api::outbox_release(ctx, req))
}

/// See [`gocua_api::outbox_retry`].
#[tauri::command]
pub fn outbox_retry(s: S<'_>) -> Res<OutboxDto> {
    s.staff(gocua_api::outbox_retry)
}

/// See [`gocua_api::dossier_export_files`].
#[tauri::command(async)]
pub fn dossier_export_files(s: S<'_>, req: DossierRef) -> Res<FileSaved> {
    s.staff(|ctx| gocua_api::dossier_export_files(ctx, req))
}
