//! The dossier protocol (`/v1/…`): devices, resumable uploads, dossiers in
//! the national HoSo shape, the status feed and supplements. The OpenAPI
//! description is `docs/portal-protocol.openapi.yaml`.
//!
//! Field names follow the national integration platform's HoSo
//! (MaHoSo, MaTTHC, TrangThaiHoSo, TaiLieuNop, DanhSachLePhi,
//! DanhSachHoSoBoSung, HinhThuc …); dates are `yyyyMMddHHmmss` in Vietnam
//! time. **Extensions of this project, with no national counterpart** (do
//! not map them to the national specification): `MaHoSoNoiBo`,
//! `DuLieuBieuMau`, `TaiLieuNop.Sha256`, the change feed `ThayDoi {Seq,
//! NgayCapNhat, NoiDung}`, `DatTrangThai` and `CoQuanTiepNhan` (the
//! receiving office in words, until agency codes are in the catalogue). The values of
//! `LoaiPhiLePhi` (1 lệ phí, 2 phí) are this project's: no national source
//! for them was found.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Header carrying the client's operation id; a retried request with the
/// same key gets the first answer again and changes nothing.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";
/// Header of the offset the server has confirmed for an upload.
pub const UPLOAD_OFFSET: &str = "Upload-Offset";
/// Header a client sends when the citizen is present to confirm a
/// submission (VNeID prompt, OTP to their phone); a portal that needs that
/// answers 428 `citizen_confirmation` without it.
pub const CITIZEN_PRESENT: &str = "Citizen-Present";
/// Header of an upload's total length.
pub const UPLOAD_LENGTH: &str = "Upload-Length";

/// Path of device registration.
pub const DEVICES_PATH: &str = "v1/devices";
/// Path of uploads (`POST`), and prefix of one upload (`HEAD`/`PATCH v1/uploads/{id}`).
pub const UPLOADS_PATH: &str = "v1/uploads";
/// Path of dossiers (`POST`, `GET ?changed_since=`), and prefix of one.
pub const DOSSIERS_PATH: &str = "v1/dossiers";
/// Path of the latest catalogue pack.
pub const CATALOGUE_PATH: &str = "v1/catalogue/latest";

/// Whether `s` is a `yyyyMMddHHmmss` stamp (14 digits, plausible fields).
pub fn is_stamp(s: &str) -> bool {
    let ok = s.len() == 14 && s.bytes().all(|b| b.is_ascii_digit());
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    ok && matches!(num(4..6), Some(1..=12))
        && matches!(num(6..8), Some(1..=31))
        && matches!(num(8..10), Some(0..=23))
        && matches!(num(10..12), Some(0..=59))
        && matches!(num(12..14), Some(0..=59))
}

/// Register this laptop: `POST /v1/devices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRegistration {
    /// A name for support staff ("Tổ CNS xã Tân Lập – máy 2").
    pub device_name: String,
    /// A secret the laptop made once and keeps (64 lower-case hex digits).
    /// Registering again with it — a lost or revoked token, a new portal
    /// URL, a restored backup — gets a new token for the *same* device, so
    /// the portal's de-duplication and uploads carry over. Without it, each
    /// registration is a new device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation_key: Option<String>,
}

/// Whether `key` is a well-formed installation key (64 lower-case hex digits).
pub fn is_installation_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The answer: the bearer token every later request carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceToken {
    /// The device's id at the portal.
    pub device_id: String,
    /// `Authorization: Bearer <token>`.
    pub token: String,
}

/// Start an upload: `POST /v1/uploads` (Idempotency-Key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadCreate {
    /// SHA-256 of the whole file, hex; checked when the last byte arrives.
    pub sha256: String,
    /// Total length in bytes.
    pub size: u64,
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: String,
}

/// An upload as the server sees it (`POST` answer, and `HEAD` headers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadInfo {
    /// Upload id, referenced by `TaiLieuNop.TepDinhKemId`.
    pub id: String,
    /// Bytes confirmed.
    pub offset: u64,
    /// Total length.
    pub size: u64,
    /// All bytes arrived and the hash matched.
    pub complete: bool,
}

/// One paper of a dossier (national TaiLieuNop).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaiLieuNop {
    /// The completed upload's id.
    pub tep_dinh_kem_id: String,
    /// File name.
    pub ten_tep_dinh_kem: String,
    /// Which paper of the procedure (`TP1`, `TP2` … in the procedure's order).
    pub ma_thanh_phan_ho_so: String,
    /// SHA-256 of the file, hex (must match the upload).
    pub sha256: String,
}

/// One fee (national DanhSachLePhi).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LePhi {
    /// What it is for.
    pub ten_phi_le_phi: String,
    /// Amount in đồng (online amount).
    pub gia: u64,
    /// 1 = lệ phí, 2 = phí (this project's values; see the module).
    pub loai_phi_le_phi: u8,
}

/// `LoaiPhiLePhi` of a lệ phí.
pub const LOAI_LE_PHI: u8 = 1;
/// `LoaiPhiLePhi` of a phí.
pub const LOAI_PHI: u8 = 2;

/// A dossier as submitted: `POST /v1/dossiers` (Idempotency-Key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HoSoNop {
    /// The client's own id of the dossier (a UUID): the portal never keeps
    /// two dossiers of one device with the same one.
    pub ma_ho_so_noi_bo: String,
    /// The procedure (MaTTHC, or the app's code until verified).
    #[serde(rename = "MaTTHC")]
    pub ma_tthc: String,
    /// Its name.
    #[serde(rename = "TenTTHC")]
    pub ten_tthc: String,
    /// 2 = online.
    pub kenh_thuc_hien: u8,
    /// 1 = citizen.
    pub loai_doi_tuong: u8,
    /// The applicant's name.
    pub chu_ho_so: String,
    /// The applicant's ID number.
    pub so_giay_to_chu_ho_so: String,
    /// One-line summary.
    pub trich_yeu_ho_so: String,
    /// The form's answers by path.
    pub du_lieu_bieu_mau: BTreeMap<String, String>,
    /// The papers.
    pub tai_lieu_nop: Vec<TaiLieuNop>,
    /// The fees.
    pub danh_sach_le_phi: Vec<LePhi>,
    /// How the result is delivered (national HinhThuc): 0 at the office,
    /// 1 by post; absent when the form does not ask.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hinh_thuc: Option<u8>,
    /// The office the dossier is addressed to, in words: what the form's
    /// "Kính gửi" says, else the procedure's deciding agency. **Extension**:
    /// the national counterpart (`DonViXuLy`) is an agency code, which the
    /// catalogue does not have yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_quan_tiep_nhan: Option<String>,
}

/// A supplement request or answer (national DanhSachHoSoBoSung).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HoSoBoSung {
    /// Its id.
    pub ho_so_bo_sung_id: String,
    /// What the office asks for.
    pub noi_dung_bo_sung: String,
    /// When asked, `yyyyMMddHHmmss`.
    pub ngay_bo_sung: String,
    /// 0 = asked, 1 = answered.
    pub trang_thai_bo_sung: u8,
    /// When answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay_tiep_nhan_bo_sung: Option<String>,
}

/// A dossier at the portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HoSo {
    /// The portal's dossier code.
    pub ma_ho_so: String,
    /// The client's id of it.
    pub ma_ho_so_noi_bo: String,
    /// The procedure.
    #[serde(rename = "MaTTHC")]
    pub ma_tthc: String,
    /// TrangThaiHoSo, 1–10.
    pub trang_thai_ho_so: u8,
    /// When submitted.
    pub ngay_nop_ho_so: String,
    /// When received (state 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay_tiep_nhan: Option<String>,
    /// The promised date of the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay_hen_tra: Option<String>,
    /// The papers as received.
    pub tai_lieu_nop: Vec<TaiLieuNop>,
    /// Supplement requests and answers.
    pub danh_sach_ho_so_bo_sung: Vec<HoSoBoSung>,
}

/// One status change in the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ThayDoi {
    /// Position in the feed (the next cursor is past it).
    pub seq: u64,
    /// The portal's dossier code.
    pub ma_ho_so: String,
    /// The client's id of it.
    pub ma_ho_so_noi_bo: String,
    /// The new TrangThaiHoSo.
    pub trang_thai_ho_so: u8,
    /// When, `yyyyMMddHHmmss`.
    pub ngay_cap_nhat: String,
    /// The office's note (what to supplement, the fee to pay …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noi_dung: Option<String>,
}

/// `GET /v1/dossiers?changed_since=CURSOR`: this device's changes after the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesPage {
    /// Oldest first.
    pub items: Vec<ThayDoi>,
    /// Pass it as `changed_since` next time.
    pub cursor: u64,
    /// More changes wait (ask again at once).
    pub more: bool,
}

/// Answer a supplement request: `POST /v1/dossiers/{MaHoSo}/supplements` (Idempotency-Key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BoSungNop {
    /// What was done.
    pub noi_dung_bo_sung: String,
    /// The answers now.
    pub du_lieu_bieu_mau: BTreeMap<String, String>,
    /// The papers now (new uploads included).
    pub tai_lieu_nop: Vec<TaiLieuNop>,
}

/// Sandbox only: move a dossier to a state, as an office would
/// (`POST /v1/admin/dossiers/{MaHoSo}/status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DatTrangThai {
    /// The new TrangThaiHoSo.
    pub trang_thai_ho_so: u8,
    /// The office's note.
    #[serde(default)]
    pub noi_dung: Option<String>,
}

/// Every error body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Stable code (`unauthorized`, `not_found`, `invalid`, `offset_mismatch`,
    /// `hash_mismatch`, `upload_incomplete`, `wrong_state`).
    pub error_code: String,
    /// For people (English; the app shows its own translation).
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hoso_uses_the_national_field_names() {
        let t = TaiLieuNop {
            tep_dinh_kem_id: "u1".into(),
            ten_tep_dinh_kem: "a.jpg".into(),
            ma_thanh_phan_ho_so: "TP2".into(),
            sha256: "ab".into(),
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"TepDinhKemId":"u1","TenTepDinhKem":"a.jpg","MaThanhPhanHoSo":"TP2","Sha256":"ab"}"#
        );
        let change = ThayDoi {
            seq: 3,
            ma_ho_so: "H22-261125-0001".into(),
            ma_ho_so_noi_bo: "x".into(),
            trang_thai_ho_so: 5,
            ngay_cap_nhat: "20261125101500".into(),
            noi_dung: None,
        };
        let v = serde_json::to_value(&change).unwrap();
        assert_eq!(v["TrangThaiHoSo"], 5);
        assert_eq!(v["MaHoSo"], "H22-261125-0001");
        let nop: serde_json::Value = serde_json::to_value(HoSoNop {
            ma_ho_so_noi_bo: "x".into(),
            ma_tthc: "1.001193".into(),
            ten_tthc: "t".into(),
            kenh_thuc_hien: 2,
            loai_doi_tuong: 1,
            chu_ho_so: "c".into(),
            so_giay_to_chu_ho_so: "0".into(),
            trich_yeu_ho_so: "t".into(),
            du_lieu_bieu_mau: BTreeMap::new(),
            tai_lieu_nop: vec![],
            danh_sach_le_phi: vec![],
            hinh_thuc: Some(1),
            co_quan_tiep_nhan: Some("UBND xã Ba Vì".into()),
        })
        .unwrap();
        assert!(nop.get("MaTTHC").is_some() && nop.get("TenTTHC").is_some());
        assert_eq!(nop["HinhThuc"], 1);
        assert_eq!(nop["CoQuanTiepNhan"], "UBND xã Ba Vì");
    }

    #[test]
    fn stamps() {
        assert!(is_stamp("20261125235959"));
        for bad in [
            "2026112523595",
            "20261325000000",
            "2026112524000x",
            "20261125240000",
        ] {
            assert!(!is_stamp(bad), "{bad}");
        }
    }
}
