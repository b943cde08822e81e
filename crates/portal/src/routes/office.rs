//! The simulated office (admin routes and the timer): list what the portal
//! holds, move a dossier on, forget devices.

#[allow(unused_imports)]
use super::*;
use crate::AppState;
use crate::db;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use gocua_protocol::{DatTrangThai, HoSoNop};
use rusqlite::Transaction;

/// Sandbox only: every dossier as (MaHoSo, client id, TrangThaiHoSo), for
/// trainers and for tests that count what arrived.
pub(super) async fn all_dossiers(State(st): St) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    Ok(Json(db::all_dossiers(&conn)?).into_response())
}

/// The papers of a dossier as the portal holds them: for each, its
/// component code and the SHA-256 and length of the bytes actually stored
/// (sandbox only: a benchmark checks every photo arrived whole).
pub(super) async fn dossier_papers(
    State(st): St,
    Path(code): Path<String>,
) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    let body = db::dossier_body(&conn, &code)?
        .ok_or_else(|| Fail(StatusCode::NOT_FOUND, "not_found", code.clone()))?;
    let nop: HoSoNop = serde_json::from_str(&body).map_err(internal)?;
    let mut out = Vec::new();
    for p in &nop.tai_lieu_nop {
        let (hash, len) = db::stored_hash(&conn, &p.tep_dinh_kem_id)?;
        out.push((p.ma_thanh_phan_ho_so.clone(), hash, len));
    }
    Ok(Json(out).into_response())
}

/// Every device's token stops working, as when a portal revokes tokens or
/// is restored from an old backup (sandbox only). Devices and their
/// installation keys stay.
pub(super) async fn forget_devices(State(st): St) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    Ok(Json(db::revoke_all_tokens(&conn)?).into_response())
}

/// Forgets the uploads no dossier names yet (sandbox only): a portal
/// restored from an older backup, or one that expired them.
pub(super) async fn forget_uploads(State(st): St) -> Result<Response, Fail> {
    let conn = st.db.lock().map_err(internal)?;
    Ok(Json(db::forget_unattached_uploads(&conn)?).into_response())
}

/// Moves a dossier to `status` as an office would (sandbox only).
pub(crate) fn move_to(
    tx: &Transaction<'_>,
    code: &str,
    status: u8,
    note: Option<&str>,
) -> Result<(), Fail> {
    let device = db::dossier_device(tx, code)?.ok_or_else(|| {
        Fail(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no dossier {code}"),
        )
    })?;
    let now = stamp();
    db::set_status(tx, code, status, &now)?;
    if status == 5 {
        let id = format!("bs-{}", random_hex(6)?);
        let note = note.unwrap_or("Bổ sung giấy tờ theo yêu cầu của cơ quan giải quyết");
        db::ask_supplement(tx, &id, code, note, &now)?;
    }
    db::record_change(tx, &device, code, status, note, &now)?;
    Ok(())
}

pub(super) async fn set_status(
    State(st): St,
    Path(code): Path<String>,
    Json(req): Json<DatTrangThai>,
) -> Result<Response, Fail> {
    if !(1..=10).contains(&req.trang_thai_ho_so) {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "TrangThaiHoSo is 1–10".into(),
        ));
    }
    let mut conn = st.db.lock().map_err(internal)?;
    let tx = conn.transaction()?;
    move_to(&tx, &code, req.trang_thai_ho_so, req.noi_dung.as_deref())?;
    tx.commit()?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// One tick of the automatic office: 1 → 2 → 4 → (5 once, for every
/// `supplement_every`-th dossier) → 9 → 10.
pub(crate) fn advance(st: &AppState, supplement_every: u32) -> Result<(), String> {
    let mut conn = st.db.lock().map_err(|e| e.to_string())?;
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    use gocua_core::dossier::PortalStatus as P;
    let moving = [P::New, P::Received, P::Processing, P::Processed].map(P::code);
    let rows = db::dossiers_in(&tx, &moving).map_err(|e| e.to_string())?;
    for (code, status, rowid, supplements) in rows {
        let next = match P::from_code(status) {
            Some(P::New) => P::Received,
            Some(P::Received) => P::Processing,
            Some(P::Processing)
                if supplement_every > 0
                    && rowid % i64::from(supplement_every) == 0
                    && supplements == 0 =>
            {
                P::NeedsSupplement
            }
            Some(P::Processing) => P::Processed,
            _ => P::Returned,
        };
        move_to(&tx, &code, next.code(), None).map_err(|f| f.2)?;
    }
    tx.commit().map_err(|e| e.to_string())
}
