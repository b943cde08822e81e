//! The command surface, declared once.
//!
//! Every command a window (or a script, through `gocua call`) can run is one
//! line of the `surface!` macro below: its name, request and response types, its
//! access rule and its body. From that one line come
//! - [`COMMANDS`], the table [`check`] consults;
//! - [`call`] / [`call_async`], the one dispatcher (JSON in, JSON out) that
//!   the Tauri adapter and the CLI's `gocua call` use, the access rule
//!   checked first for a window;
//! - the TypeScript client [`typescript_client`] writes into
//!   `crates/api/bindings/commands.ts` (name, request and response types),
//!   which the UI imports instead of typing command names by hand; a test
//!   fails when it is stale.
//!
//! So a new command is added here and nowhere else.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::access::Access;
use crate::document::PrintDocument;
use crate::dto::*;
use crate::{ApiError, Ctx, Result};

/// Who is calling: a window is held to the access table, the CLI (run by
/// whoever holds the database key) is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    /// A window of the desktop app.
    Window,
    /// The `gocua` command line.
    Cli,
}

/// One declared command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// Its name, as the window and `gocua call` say it.
    pub name: &'static str,
    /// Who may call it from a window.
    pub access: Access,
    /// Whether it waits on the network (run on the async runtime).
    pub is_async: bool,
}

fn decode<T: DeserializeOwned>(req: Value) -> Result<T> {
    serde_json::from_value(req).map_err(|e| ApiError::InvalidValue {
        field: "req".into(),
        value: e.to_string(),
    })
}

fn encode<T: Serialize>(value: Result<T>) -> Result<Value> {
    value.and_then(|v| serde_json::to_value(v).map_err(|e| ApiError::Internal(e.to_string())))
}

/// A command's TypeScript signature.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TsSignature {
    name: &'static str,
    request: String,
    response: String,
    /// Exported types the signature names (to import).
    uses: Vec<String>,
}

/// Exports every type a signature names, dependencies included.
struct Exporter<'a> {
    cfg: &'a ts_rs::Config,
    failed: Option<ts_rs::ExportError>,
}

impl ts_rs::TypeVisitor for Exporter<'_> {
    fn visit<T: ts_rs::TS + 'static + ?Sized>(&mut self) {
        // Built-in types (`string`, `number`) have nothing to export.
        if self.failed.is_none()
            && T::output_path().is_some()
            && let Err(e) = T::export_all(self.cfg)
        {
            self.failed = Some(e);
        }
    }
}

/// Collects the names of exported types.
struct Names<'a> {
    cfg: &'a ts_rs::Config,
    uses: Vec<String>,
}

impl ts_rs::TypeVisitor for Names<'_> {
    fn visit<T: ts_rs::TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            self.uses.push(T::ident(self.cfg));
        }
    }
}

fn signature<Req: ts_rs::TS + 'static, Res: ts_rs::TS + 'static>(
    name: &'static str,
    cfg: &ts_rs::Config,
) -> TsSignature {
    // An exported type is imported by its own name; a wrapper (`Array<…>`,
    // `… | null`) by the exported types it wraps.
    let mut names = Names {
        cfg,
        uses: Vec::new(),
    };
    use ts_rs::TypeVisitor as _;
    if Req::output_path().is_some() {
        names.visit::<Req>();
    } else {
        Req::visit_generics(&mut names);
    }
    if Res::output_path().is_some() {
        names.visit::<Res>();
    } else {
        Res::visit_generics(&mut names);
    }
    TsSignature {
        name,
        request: Req::name(cfg),
        response: Res::name(cfg),
        uses: names.uses,
    }
}

fn export<Req: ts_rs::TS + 'static, Res: ts_rs::TS + 'static>(exporter: &mut Exporter<'_>) {
    use ts_rs::TypeVisitor as _;
    if Req::output_path().is_some() {
        exporter.visit::<Req>();
    } else {
        Req::visit_generics(exporter);
    }
    if Res::output_path().is_some() {
        exporter.visit::<Res>();
    } else {
        Res::visit_generics(exporter);
    }
}

macro_rules! surface {
    ($( $kind:ident $name:ident ($req:ty) -> $resp:ty, $access:ident => |$c:ident, $r:ident| $body:expr; )*) => {
        /// Every command, with its rule, in declaration order.
        pub const COMMANDS: &[Command] = &[$(
            Command {
                name: stringify!($name),
                access: Access::$access,
                is_async: surface!(@is_async $kind),
            },
        )*];

        #[allow(unused_variables, clippy::unit_arg, clippy::let_unit_value)]
        fn run(ctx: &Ctx, name: &str, req: Value) -> Option<Result<Value>> {
            match name {
                $( stringify!($name) => surface!(@sync $kind ctx req ($req) |$c, $r| $body), )*
                _ => None,
            }
        }

        #[allow(unused_variables, clippy::unit_arg, clippy::let_unit_value)]
        async fn run_async(ctx: &Ctx, name: &str, req: Value) -> Option<Result<Value>> {
            match name {
                $( stringify!($name) => surface!(@async $kind ctx req ($req) |$c, $r| $body), )*
                _ => None,
            }
        }

        fn signatures(cfg: &ts_rs::Config) -> Vec<TsSignature> {
            vec![$( signature::<$req, $resp>(stringify!($name), cfg), )*]
        }

        fn export_types(exporter: &mut Exporter<'_>) {
            $( export::<$req, $resp>(exporter); )*
        }
    };
    (@is_async sync) => { false };
    (@is_async async) => { true };
    (@sync sync $ctx:ident $value:ident ($t:ty) |$c:ident, $r:ident| $body:expr) => {
        Some(decode::<$t>($value).and_then(|$r| {
            let $c = $ctx;
            encode($body)
        }))
    };
    (@sync async $ctx:ident $value:ident ($t:ty) |$c:ident, $r:ident| $body:expr) => { None };
    (@async async $ctx:ident $value:ident ($t:ty) |$c:ident, $r:ident| $body:expr) => {
        Some(match decode::<$t>($value) {
            Ok($r) => {
                let $c = $ctx;
                encode($body)
            }
            Err(e) => Err(e),
        })
    };
    (@async sync $ctx:ident $value:ident ($t:ty) |$c:ident, $r:ident| $body:expr) => { None };
}

surface! {
    sync app_info(()) -> AppInfo, Anyone => |ctx, req| crate::app_info(ctx);
    sync set_language(SetLanguage) -> AppInfo, Anyone => |ctx, req| crate::set_language(ctx, req);
    sync set_portal_url(SetPortalUrl) -> AppInfo, Lead => |ctx, req| crate::set_portal_url(ctx, req);
    async probe_portal(()) -> ProbeResult, Anyone => |ctx, req| crate::probe_portal(ctx).await;
    sync catalog_search(CatalogSearch) -> Vec<ProcedureHit>, Anyone => |ctx, req| crate::catalog_search(ctx, req);
    sync catalog_show(CatalogShow) -> ProcedureDto, Anyone => |ctx, req| crate::catalog_show(ctx, req);
    sync catalog_packs(()) -> Vec<PackInfo>, Anyone => |ctx, req| crate::catalog_packs(ctx);
    sync catalog_import(CatalogImport) -> PackInfo, Lead => |ctx, req| crate::catalog_import(ctx, req);
    sync units_provinces(()) -> Vec<UnitDto>, Anyone => |ctx, req| crate::units_provinces();
    sync units_communes(UnitsCommunes) -> Vec<UnitDto>, Anyone => |ctx, req| crate::units_communes(req);
    sync units_search(UnitsSearch) -> Vec<CommuneDto>, Anyone => |ctx, req| crate::units_search(req);
    sync units_convert(UnitsConvert) -> ConversionDto, Anyone => |ctx, req| crate::units_convert(req);
    sync cccd_parse(CccdParse) -> CardCheck, Staff => |ctx, req| crate::cccd_parse(ctx, req);
    sync cccd_check(CardDto) -> CardCheck, Staff => |ctx, req| crate::cccd_check(ctx, req);
    sync cccd_problems(CardDto) -> Vec<CardProblem>, Staff => |ctx, req| crate::card::cccd_problems(ctx, req);
    sync citizen_register(CitizenRegister) -> CitizenDto, Staff => |ctx, req| crate::citizen_register(ctx, req);
    sync citizen_list(()) -> Vec<CitizenDto>, Staff => |ctx, req| crate::citizen_list(ctx);
    sync citizen_find(CitizenFind) -> CitizenPage, Staff => |ctx, req| crate::citizen_find(ctx, req);
    sync citizen_show(CitizenShow) -> CitizenDto, Staff => |ctx, req| crate::citizen_show(ctx, req);
    sync consent_withdraw(ConsentWithdraw) -> CitizenDto, Staff => |ctx, req| crate::consent_withdraw(ctx, req);
    sync visit_start(VisitStart) -> VisitDto, Staff => |ctx, req| crate::visit_start(ctx, req);
    sync visit_update(VisitUpdate) -> VisitDto, Staff => |ctx, req| crate::visit_update(ctx, req);
    sync visit_end(VisitEnd) -> VisitDto, Staff => |ctx, req| crate::visit_end(ctx, req);
    sync operator_last(()) -> Option<String>, Staff => |ctx, req| crate::operator_last(ctx);
    sync guides(()) -> Guides, Anyone => |ctx, req| crate::guides(ctx);
    sync consent_receipt(CitizenShow) -> FileSaved, Staff => |ctx, req| crate::consent_receipt(ctx, req);
    sync qr_decode_frame(QrFrame) -> Vec<String>, Staff => |ctx, req| crate::qr_decode_frame(&req);
    sync speak(SpeakRequest) -> Spoken, Anyone => |ctx, req| crate::speech::speak(req);
    sync consent_receipt_print(CitizenShow) -> PrintDocument, Staff => |ctx, req| crate::consent_receipt_print(ctx, req);
    sync dossier_checklist_print(DossierRef) -> PrintDocument, Staff => |ctx, req| crate::dossier_checklist_print(ctx, req);
    sync file_open(FileSaved) -> (), Staff => |ctx, req| crate::exports::file_open(ctx, req);
    sync kiosk_form(KioskForm) -> DossierView, Anyone => |ctx, req| crate::kiosk::kiosk_form(ctx, req);
    sync kiosk_set(KioskSet) -> DossierView, Anyone => |ctx, req| crate::kiosk::kiosk_set(ctx, req);
    sync kiosk_item(KioskItem) -> DossierView, Anyone => |ctx, req| crate::kiosk::kiosk_item(ctx, req);
    sync kiosk_print_out(KioskForm) -> (), Anyone => |ctx, req| crate::kiosk::kiosk_print_out(ctx, req);
    sync operator_list(()) -> Vec<OperatorDto>, Anyone => |ctx, req| crate::operator_list(ctx);
    sync operator_first_lead(OperatorAdd) -> SessionDto, Anyone => |ctx, req| crate::session::first_lead(ctx, req);
    sync session_touch(()) -> SessionDto, Anyone => |ctx, req| crate::session::session_touch(ctx);
    sync operator_add(OperatorAdd) -> OperatorDto, Lead => |ctx, req| crate::operator_add(ctx, req);
    sync operator_reset_pin(OperatorResetPin) -> OperatorDto, Lead => |ctx, req| crate::operator_reset_pin(ctx, req);
    sync operator_remove(OperatorRef) -> Vec<OperatorDto>, Lead => |ctx, req| crate::operator_remove(ctx, req);
    sync session_get(()) -> SessionDto, Anyone => |ctx, req| crate::session::session_get(ctx);
    sync session_unlock(OperatorUnlock) -> SessionDto, Anyone => |ctx, req| crate::session::session_unlock(ctx, req);
    sync session_lock(()) -> SessionDto, Anyone => |ctx, req| crate::session::session_lock(ctx);
    sync kiosk_enter(()) -> SessionDto, Staff => |ctx, req| crate::session::kiosk_enter(ctx);
    sync kiosk_leave(OperatorUnlock) -> SessionDto, Anyone => |ctx, req| crate::session::kiosk_leave(ctx, req);
    sync forms_list(()) -> Vec<FormSummary>, Staff => |ctx, req| crate::forms_list(ctx);
    sync dossier_create(DossierCreate) -> DossierCreated, Staff => |ctx, req| crate::dossier_create(ctx, req);
    sync dossier_list(DossierList) -> DossierPage, Staff => |ctx, req| crate::dossier_list(ctx, req);
    sync dossier_open(DossierRef) -> DossierView, Staff => |ctx, req| crate::dossier_open(ctx, req);
    sync dossier_set(DossierSet) -> DossierView, Staff => |ctx, req| crate::dossier_set(ctx, req);
    sync dossier_item(DossierItem) -> DossierView, Staff => |ctx, req| crate::dossier_item(ctx, req);
    sync dossier_go(DossierGo) -> DossierView, Staff => |ctx, req| crate::dossier_go(ctx, req);
    sync dossier_mark(DossierMark) -> DossierView, Staff => |ctx, req| crate::dossier_mark(ctx, req);
    sync dossier_ready(DossierRef) -> DossierView, Staff => |ctx, req| crate::dossier_ready(ctx, req);
    sync dossier_upgrade(DossierRef) -> DossierView, Staff => |ctx, req| crate::dossier_upgrade(ctx, req);
    sync dossier_delete(DossierRef) -> (), Staff => |ctx, req| crate::dossier_delete(ctx, req);
    sync attachment_add(AttachmentAdd) -> DossierView, Staff => |ctx, req| crate::attachment_add(ctx, req);
    sync attachment_remove(AttachmentRemove) -> DossierView, Staff => |ctx, req| crate::attachment_remove(ctx, req);
    sync attachment_get(AttachmentRemove) -> String, Staff => |ctx, req| crate::attachment_get(ctx, req);
    sync dossier_checklist(DossierRef) -> FileSaved, Staff => |ctx, req| crate::dossier_checklist(ctx, req, None);
    sync report(ReportRequest) -> ReportDto, Staff => |ctx, req| crate::report(ctx, req);
    sync report_export(ReportExport) -> FileSaved, Staff => |ctx, req| crate::report_export(ctx, req, None);
    sync dossier_queue(DossierRef) -> DossierView, Staff => |ctx, req| crate::dossier_queue(ctx, req);
    sync dossier_handoff(DossierHandoff) -> DossierView, Staff => |ctx, req| crate::dossier_handoff(ctx, req);
    async sync_now(()) -> SyncReport, Staff => |ctx, req| crate::sync_now(ctx).await;
    sync outbox_list(()) -> OutboxDto, Staff => |ctx, req| crate::outbox_list(ctx);
    sync outbox_release(OutboxRelease) -> OutboxDto, Staff => |ctx, req| crate::outbox_release(ctx, req);
    sync outbox_retry(()) -> OutboxDto, Staff => |ctx, req| crate::outbox_retry(ctx);
    sync dossier_export_files(DossierRef) -> FileSaved, Staff => |ctx, req| crate::dossier_export_files(ctx, req);
    async hub_join(HubJoin) -> HubStatus, Lead => |ctx, req| crate::hub_join(ctx, req).await;
    sync hub_status(()) -> HubStatus, Staff => |ctx, req| crate::hub_status(ctx);
    async hub_sync(()) -> HubSyncReport, Staff => |ctx, req| crate::hub_sync(ctx).await;
    sync hub_leave(()) -> HubStatus, Lead => |ctx, req| crate::hub_leave(ctx);
    async hub_anchor_check(()) -> Option<HubAnchorCheck>, Staff => |ctx, req| crate::hub::hub_anchor_check(ctx).await;
    sync hub_roster(()) -> Option<HubRosterDto>, Staff => |ctx, req| crate::hub::hub_roster(ctx);
    async hub_devices(()) -> Vec<HubDevice>, Staff => |ctx, req| crate::handover::hub_devices(ctx).await;
    async handover_send(HandoverSendRequest) -> HandoverItem, Staff => |ctx, req| crate::handover::handover_send(ctx, req).await;
    async handover_inbox(()) -> HandoverInbox, Staff => |ctx, req| crate::handover::handover_inbox(ctx).await;
    async handover_accept(HandoverRef) -> DossierView, Staff => |ctx, req| crate::handover::handover_accept(ctx, req).await;
    async handover_decline(HandoverRef) -> HandoverInbox, Staff => |ctx, req| crate::handover::handover_decline(ctx, req).await;
    async handover_reclaim(DossierRef) -> DossierView, Staff => |ctx, req| crate::handover::handover_reclaim(ctx, req).await;
}

/// The declaration of `name`.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The rule of `command`, if it is a declared command.
pub fn access_of(command: &str) -> Option<Access> {
    find(command).map(|c| c.access)
}

/// Refuses `command` unless the session allows it (the table in
/// [`crate::access`]). Unknown commands are refused.
pub fn check(ctx: &Ctx, command: &str) -> Result<()> {
    let Some(access) = access_of(command) else {
        return Err(ApiError::Forbidden("unknown-command".into()));
    };
    crate::access::allows(ctx, access)
}

fn admit(ctx: &Ctx, door: Door, name: &str) -> Result<&'static Command> {
    let Some(command) = find(name) else {
        return Err(ApiError::Forbidden("unknown-command".into()));
    };
    if door == Door::Window {
        crate::access::allows(ctx, command.access)?;
    }
    Ok(command)
}

/// Runs the command `name` with its JSON request (`null` for none) and
/// returns its JSON response. A window is refused what the access table
/// does not allow it; an unknown name is refused. An async command is
/// refused here: run it with [`call_async`].
pub fn call(ctx: &Ctx, door: Door, name: &str, req: Value) -> Result<Value> {
    admit(ctx, door, name)?;
    run(ctx, name, req).unwrap_or_else(|| Err(ApiError::Internal(format!("{name} is async"))))
}

/// Like [`call`], for any command (a synchronous one runs in place).
pub async fn call_async(ctx: &Ctx, door: Door, name: &str, req: Value) -> Result<Value> {
    let command = admit(ctx, door, name)?;
    if !command.is_async {
        return run(ctx, name, req)
            .unwrap_or_else(|| Err(ApiError::Internal(format!("{name} has no body"))));
    }
    run_async(ctx, name, req)
        .await
        .unwrap_or_else(|| Err(ApiError::Internal(format!("{name} has no body"))))
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript client of every command: `client(call)` gives one typed
/// function per command (camelCase), each calling `call(name, req)`.
pub fn typescript_client(cfg: &ts_rs::Config) -> String {
    let signatures = signatures(cfg);
    let mut uses: Vec<&str> = signatures
        .iter()
        .flat_map(|s| s.uses.iter().map(String::as_str))
        .collect();
    uses.sort_unstable();
    uses.dedup();
    let mut ts = String::from(
        "// Generated from gocua-api's command declarations (crates/api/src/surface.rs).\n\
         // Do not edit: `UPDATE_BINDINGS=1 cargo test -p gocua-api --test it bindings` rewrites it.\n",
    );
    for t in &uses {
        ts.push_str(&format!("import type {{ {t} }} from './{t}';\n"));
    }
    ts.push_str(
        "\n/** Runs one command by name with its request (`null` for none). */\n\
         export type Call = <T>(command: string, req: unknown) => Promise<T>;\n\n\
         /** One typed function per command. */\n\
         export function client(call: Call) {\n  return {\n",
    );
    for s in &signatures {
        let (param, arg) = if s.request == "null" {
            (String::new(), "null")
        } else {
            (format!("req: {}", s.request), "req")
        };
        ts.push_str(&format!(
            "    {}: ({param}) => call<{}>('{}', {arg}),\n",
            camel(s.name),
            s.response,
            s.name
        ));
    }
    ts.push_str("  };\n}\n\n/** Every command name. */\nexport type CommandName =\n");
    for (i, s) in signatures.iter().enumerate() {
        let end = if i + 1 == signatures.len() { ";" } else { "" };
        ts.push_str(&format!("  | '{}'{end}\n", s.name));
    }
    ts
}

/// Writes the TypeScript declaration of every type a command names, and
/// the client (`commands.ts`), into `cfg`'s output directory.
pub fn export_typescript(cfg: &ts_rs::Config, dir: &std::path::Path) -> std::io::Result<()> {
    let mut exporter = Exporter { cfg, failed: None };
    export_types(&mut exporter);
    if let Some(e) = exporter.failed {
        return Err(std::io::Error::other(e.to_string()));
    }
    std::fs::write(dir.join("commands.ts"), typescript_client(cfg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CtxOptions;
    use serde_json::json;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    /// The window is held to each command's declared rule through the one
    /// dispatcher; the CLI door is not; unknown names and malformed
    /// requests are refused with their own codes.
    #[test]
    fn the_dispatcher_keeps_each_commands_rule() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        crate::session::first_lead(&ctx, crate::operators::op("Lan", "lead", "480916"))?;
        crate::session::session_lock(&ctx)?;

        let refused = call(&ctx, Door::Window, "citizen_list", Value::Null)
            .err()
            .ok_or("a locked window read citizens")?;
        assert_eq!(refused.code(), crate::ErrorCode::Forbidden);
        assert_eq!(
            call(&ctx, Door::Cli, "citizen_list", Value::Null)?,
            json!([])
        );
        // Anyone may search the catalogue, locked or not.
        let hits = call(
            &ctx,
            Door::Window,
            "catalog_search",
            json!({ "query": "khai sinh", "limit": 2 }),
        )?;
        assert!(hits.as_array().is_some_and(|h| !h.is_empty()));

        let unknown = call(&ctx, Door::Cli, "no_such", Value::Null)
            .err()
            .ok_or("unknown ran")?;
        assert_eq!(unknown.code(), crate::ErrorCode::Forbidden);
        let malformed = call(&ctx, Door::Cli, "catalog_search", json!({ "query": 7 }))
            .err()
            .ok_or("malformed ran")?;
        assert_eq!(malformed.code(), crate::ErrorCode::InvalidValue);
        Ok(())
    }

    #[test]
    fn async_commands_run_through_the_async_door_only() -> TestResult {
        let dir = tempfile::tempdir()?;
        let ctx = Ctx::open(CtxOptions::for_tests(dir.path()))?;
        assert!(find("sync_now").is_some_and(|c| c.is_async));
        assert!(call(&ctx, Door::Cli, "probe_portal", Value::Null).is_err());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        // A synchronous command through the async door runs in place.
        let info = runtime.block_on(call_async(&ctx, Door::Cli, "app_info", Value::Null))?;
        assert_eq!(info["language"], "vi");
        Ok(())
    }

    #[test]
    fn the_client_names_every_command_once() {
        let ts = typescript_client(&ts_rs::Config::new());
        for c in COMMANDS {
            assert_eq!(
                ts.matches(&format!("('{}', ", c.name)).count(),
                1,
                "{}",
                c.name
            );
        }
        assert!(
            ts.contains("dossierSet: (req: DossierSet) => call<DossierView>('dossier_set', req),")
        );
        assert!(ts.contains("appInfo: () => call<AppInfo>('app_info', null),"));
    }
}
