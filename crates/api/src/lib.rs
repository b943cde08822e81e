//! gocua-api — the one command surface of Gõ Cửa.
//!
//! Every action the product offers is a function here of the shape
//! `fn(&Ctx, Req) -> Result<Res, ApiError>` (async when it touches the
//! network), declared once in [`surface`] with its access rule. The desktop
//! shell (src-tauri) runs them through the one dispatcher
//! [`surface::call`], the `gocua` CLI calls the same functions (and any of
//! them by name with `gocua call`), and tests call them directly — so
//! whatever the app can do, the CLI and the tests can too.
//!
//! The request/response types in [`dto`] are the IPC boundary: they derive
//! serde and ts-rs, and their TypeScript declarations are generated into
//! `crates/api/bindings/` with the typed command client (committed; a test
//! fails when they are stale). Errors carry a stable [`ErrorCode`] plus
//! arguments; hosts turn them into translated text with gocua-i18n. This
//! crate words text itself only where it builds what people read whole:
//! printed documents, the view's state labels and form problems, the queue's
//! failure wording and the report's exports, all through gocua-i18n.
//!
//! Depends on gocua-core, gocua-store, gocua-sync, gocua-i18n and
//! gocua-documents. Never on Tauri, and never on a wire crate (gocua-protocol):
//! what crosses a wire is gocua-sync's to say.

#![deny(missing_docs)]

pub mod access;
mod app;
pub mod attach;
mod audit;
pub mod background;
pub mod backup;
mod card;
pub mod catalogue;
mod citizen;
pub mod clock;
mod ctx;
pub mod data_dir;
pub mod demo;
pub mod document;
mod documents;
mod dossier;
pub mod dto;
mod error;
mod exports;
pub mod guides;
pub mod handover;
pub mod hub;
pub mod keys;
pub mod kiosk;
mod operators;
pub use gocua_documents::pdf;
mod printer;
pub mod qr;
pub mod report;
pub mod retention;
pub mod session;
pub mod speech;
pub mod surface;
pub mod sync;
pub mod units;
mod visit;

pub use app::*;
pub use card::{cccd_check, cccd_parse};
pub use catalogue::{
    catalog_import, catalog_keygen, catalog_keys, catalog_packs, catalog_search, catalog_show,
    catalog_sign, catalog_trust_key,
};
pub use citizen::{
    citizen_erase, citizen_export, citizen_find, citizen_list, citizen_register, citizen_show,
    consent_withdraw,
};
pub use citizen::{consent_receipt, consent_receipt_print};
pub use ctx::{Ctx, CtxOptions, PASSPHRASE_ENV_VAR};
pub use documents::checklist::{dossier_checklist, dossier_checklist_print};
pub use dossier::{
    attachment_add, attachment_get, attachment_remove, display_value, dossier_create,
    dossier_delete, dossier_go, dossier_item, dossier_list, dossier_mark, dossier_open,
    dossier_ready, dossier_set, dossier_upgrade, forms_list,
};
pub use error::{ApiError, ErrorCode, Result};
pub use guides::guides;
pub use hub::{hub_join, hub_leave, hub_status, hub_sync};
pub use operators::{
    operator_add, operator_list, operator_remove, operator_reset_pin, operator_unlock,
};
pub use qr::qr_decode_frame;
pub use report::{report, report_export};
pub use sync::{
    dossier_export_files, dossier_handoff, dossier_queue, outbox_list, outbox_release,
    outbox_retry, sync_now,
};
pub use units::{units_communes, units_convert, units_provinces, units_search};
pub use visit::{operator_last, visit_end, visit_start, visit_update};

/// Writes the TypeScript declarations of every IPC type into `dir`: every
/// type a declared command names (see [`surface`]), the command client
/// `commands.ts`, and the types of the CLI-only reports.
pub fn export_bindings(
    dir: &std::path::Path,
) -> std::result::Result<(), Box<dyn std::error::Error>> {
    use ts_rs::TS as _;
    // Ids are SQLite rowids, far below 2^53: plain numbers in JSON and TS.
    let cfg = ts_rs::Config::new()
        .with_out_dir(dir)
        .with_large_int("number");
    surface::export_typescript(&cfg, dir)?;
    dto::ErrorDto::export_all(&cfg)?;
    dto::AuditReport::export_all(&cfg)?;
    dto::PurgeReport::export_all(&cfg)?;
    dto::TrustKey::export_all(&cfg)?;
    dto::TrustedKeyDto::export_all(&cfg)?;
    Ok(())
}
