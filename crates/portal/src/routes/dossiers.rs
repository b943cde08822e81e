//! Dossiers: submit (by upload ids and hashes), read one, the change feed,
//! supplements, and the latest catalogue pack.

#[allow(unused_imports)]
use super::*;
use crate::db;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use gocua_protocol::{BoSungNop, ChangesPage, HoSo, HoSoNop};
use rusqlite::Transaction;

/// Checks that every paper refers to a complete upload of this device with the same hash.
pub(super) fn check_papers(
    tx: &Transaction<'_>,
    device: &str,
    papers: &[gocua_protocol::TaiLieuNop],
) -> Result<(), Fail> {
    for p in papers {
        let ok = db::upload_is_complete_with(tx, &p.tep_dinh_kem_id, device, &p.sha256)?;
        if ok != Some(true) {
            return Err(Fail(
                StatusCode::UNPROCESSABLE_ENTITY,
                "upload_incomplete",
                format!(
                    "upload {} is missing, incomplete or of other content",
                    p.tep_dinh_kem_id
                ),
            ));
        }
    }
    Ok(())
}

pub(super) fn load(
    tx: &rusqlite::Connection,
    device: &str,
    code: &str,
) -> Result<Option<HoSo>, Fail> {
    let Some(row) = db::dossier(tx, device, code)? else {
        return Ok(None);
    };
    let nop: HoSoNop = serde_json::from_str(&row.body).map_err(internal)?;
    let supplements = db::supplements(tx, code)?;
    Ok(Some(HoSo {
        ma_ho_so: code.to_owned(),
        ma_ho_so_noi_bo: row.client_id,
        ma_tthc: nop.ma_tthc,
        trang_thai_ho_so: row.status,
        ngay_nop_ho_so: row.submitted_at,
        ngay_tiep_nhan: row.received_at,
        ngay_hen_tra: None,
        tai_lieu_nop: nop.tai_lieu_nop,
        danh_sach_ho_so_bo_sung: supplements,
    }))
}

pub(super) async fn submit(
    State(st): St,
    headers: HeaderMap,
    Json(req): Json<HoSoNop>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    if req.ma_ho_so_noi_bo.trim().is_empty() || req.ma_tthc.trim().is_empty() {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "MaHoSoNoiBo and MaTTHC are required".into(),
        ));
    }
    if req.danh_sach_le_phi.iter().any(|f| f.gia > MAX_FEE) {
        return Err(Fail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("a fee (Gia) is at most {MAX_FEE} đồng"),
        ));
    }
    // Only "yes" is a value of the header; anything else is a mistake, not "no".
    if let Some(v) = headers.get(gocua_protocol::CITIZEN_PRESENT)
        && v.as_bytes() != b"yes"
    {
        return Err(Fail(
            StatusCode::BAD_REQUEST,
            "invalid",
            "Citizen-Present can only be \"yes\"".into(),
        ));
    }
    idempotent(&st, &device, "POST /v1/dossiers", &headers, |tx| {
        // The same client dossier twice (even under another key) is one dossier.
        if let Some(code) = db::code_of_client(tx, &device, &req.ma_ho_so_noi_bo)? {
            let hoso = load(tx, &device, &code)?.ok_or_else(|| internal("dossier vanished"))?;
            return Ok((StatusCode::OK, to_json(&hoso)?));
        }
        if needs_confirmation(st.confirm_every, &req.ma_ho_so_noi_bo)
            && headers
                .get(gocua_protocol::CITIZEN_PRESENT)
                .and_then(|v| v.to_str().ok())
                != Some("yes")
        {
            return Err(Fail(
                StatusCode::PRECONDITION_REQUIRED,
                "citizen_confirmation",
                "this dossier must be confirmed by the citizen (VNeID)".into(),
            ));
        }
        check_papers(tx, &device, &req.tai_lieu_nop)?;
        let now = stamp();
        let n = db::next(tx, "dossier")?;
        let code = format!("GC-{}-{n:06}", &now[2..8]);
        let body = serde_json::to_string(&req).map_err(internal)?;
        db::insert_dossier(tx, &code, &device, &req.ma_ho_so_noi_bo, &body, &now)?;
        st.stats
            .dossiers_stored
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        db::record_change(tx, &device, &code, 1, None, &now)?;
        let hoso = load(tx, &device, &code)?.ok_or_else(|| internal("dossier vanished"))?;
        Ok((StatusCode::CREATED, to_json(&hoso)?))
    })
}

pub(super) async fn dossier(
    State(st): St,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let conn = st.db.lock().map_err(internal)?;
    let hoso = load(&conn, &device, &code)?.ok_or_else(|| {
        Fail(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("no dossier {code}"),
        )
    })?;
    Ok(Json(hoso).into_response())
}

#[derive(serde::Deserialize)]
pub(super) struct ChangesQuery {
    // i64: SQLite's integers; a larger cursor is a bad request, not a 500.
    #[serde(default)]
    changed_since: i64,
    #[serde(default)]
    limit: Option<u32>,
}

pub(super) async fn changes(
    State(st): St,
    headers: HeaderMap,
    Query(q): Query<ChangesQuery>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let limit = q.limit.unwrap_or(200);
    if !(1..=1000).contains(&limit) || q.changed_since < 0 {
        return Err(Fail(
            StatusCode::BAD_REQUEST,
            "invalid",
            "limit must be 1–1000 and changed_since at least 0".into(),
        ));
    }
    let conn = st.db.lock().map_err(internal)?;
    let mut items = db::changes(&conn, &device, q.changed_since, limit + 1)?;
    let more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let cursor = items
        .last()
        .map_or(q.changed_since.unsigned_abs(), |c| c.seq);
    Ok(Json(ChangesPage {
        items,
        cursor,
        more,
    })
    .into_response())
}

pub(super) async fn supplement(
    State(st): St,
    headers: HeaderMap,
    Path(code): Path<String>,
    Json(req): Json<BoSungNop>,
) -> Result<Response, Fail> {
    let device = device(&st, &headers)?;
    let route = format!("POST /v1/dossiers/{code}/supplements");
    idempotent(&st, &device, &route, &headers, |tx| {
        let hoso = load(tx, &device, &code)?.ok_or_else(|| {
            Fail(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no dossier {code}"),
            )
        })?;
        if hoso.trang_thai_ho_so != 5 {
            return Err(Fail(
                StatusCode::CONFLICT,
                "wrong_state",
                format!(
                    "dossier {code} is in state {}, not 5",
                    hoso.trang_thai_ho_so
                ),
            ));
        }
        check_papers(tx, &device, &req.tai_lieu_nop)?;
        let now = stamp();
        let body = db::dossier_body(tx, &code)?.ok_or_else(|| internal("dossier vanished"))?;
        let mut nop: HoSoNop = serde_json::from_str(&body).map_err(internal)?;
        nop.du_lieu_bieu_mau = req.du_lieu_bieu_mau.clone();
        nop.tai_lieu_nop = req.tai_lieu_nop.clone();
        let body = serde_json::to_string(&nop).map_err(internal)?;
        db::answer_supplements(tx, &code, &body, &now)?;
        db::record_change(tx, &device, &code, 4, Some(&req.noi_dung_bo_sung), &now)?;
        let hoso = load(tx, &device, &code)?.ok_or_else(|| internal("dossier vanished"))?;
        Ok((StatusCode::OK, to_json(&hoso)?))
    })
}

pub(super) async fn catalogue(State(st): St) -> Response {
    let body: String = match &st.catalogue {
        Some(pack) => pack.to_string(),
        None => include_str!("../../../../data/catalogue/vn-national.json").to_owned(),
    };
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}
