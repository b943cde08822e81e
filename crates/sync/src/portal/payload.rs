//! What a dossier becomes on the wire: one builder, used by the app when a
//! dossier is queued and by the demo seed behind the sync benchmark, so the
//! benchmark measures what the app sends.

use std::collections::BTreeMap;

use gocua_core::catalogue::{FeeKind, Procedure};
use gocua_protocol::{BoSungNop, HoSoNop, LOAI_LE_PHI, LOAI_PHI, LePhi};

/// The citizen a dossier is for, as the portal names them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Owner<'a> {
    /// Full name.
    pub name: &'a str,
    /// 12-digit personal ID number.
    pub id_number: &'a str,
}

/// `HoSoNop` for a new dossier: our id (the portal de-duplicates by it),
/// the procedure, the citizen, the answers and the online fees. The papers
/// (`TaiLieuNop`) are filled in by the worker once they are uploaded.
pub fn submission(
    dossier_id: &str,
    procedure: &Procedure,
    owner: Owner<'_>,
    answers: BTreeMap<String, String>,
) -> HoSoNop {
    HoSoNop {
        ma_ho_so_noi_bo: dossier_id.to_owned(),
        ma_tthc: procedure
            .ma_tthc
            .clone()
            .unwrap_or_else(|| procedure.code.clone()),
        ten_tthc: procedure.name.vi.clone(),
        // 2: online; 1: a citizen (not an organisation).
        kenh_thuc_hien: 2,
        loai_doi_tuong: 1,
        chu_ho_so: owner.name.to_owned(),
        so_giay_to_chu_ho_so: owner.id_number.to_owned(),
        trich_yeu_ho_so: format!("{} — {}", procedure.name.vi, owner.name),
        // The form's own question, where it asks: 0 at the office, 1 by post.
        hinh_thuc: match answers.get("result_delivery").map(String::as_str) {
            Some("office") => Some(0),
            Some("post") => Some(1),
            _ => None,
        },
        // The office as the form addresses it ("Kính gửi"), else the
        // agency the procedure names.
        co_quan_tiep_nhan: ["recipient", "agency"]
            .iter()
            .filter_map(|k| answers.get(*k))
            .map(|v| v.trim())
            .find(|v| !v.is_empty())
            .unwrap_or(&procedure.agency.vi)
            .to_owned()
            .into(),
        du_lieu_bieu_mau: answers,
        tai_lieu_nop: Vec::new(),
        danh_sach_le_phi: procedure
            .fees
            .iter()
            .filter_map(|f| {
                // Only a lệ phí or a phí is a fee line; a fine or a
                // contribution is paid otherwise.
                let loai = match f.kind? {
                    FeeKind::LePhi => LOAI_LE_PHI,
                    FeeKind::Phi => LOAI_PHI,
                    FeeKind::Other => return None,
                };
                Some(LePhi {
                    ten_phi_le_phi: f.name.vi.clone(),
                    gia: f.online?,
                    loai_phi_le_phi: loai,
                })
            })
            .collect(),
    }
}

/// `BoSungNop` answering a supplement request: the volunteer's note and the
/// answers as they stand (papers filled in by the worker).
pub fn supplement(note: &str, answers: BTreeMap<String, String>) -> BoSungNop {
    BoSungNop {
        noi_dung_bo_sung: note.to_owned(),
        du_lieu_bieu_mau: answers,
        tai_lieu_nop: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submission_names_the_citizen_and_carries_the_online_fees() {
        let pack = gocua_core::catalogue::parse_pack(include_str!(
            "../../../../data/catalogue/vn-national.json"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let p = pack
            .procedures
            .iter()
            .find(|p| p.fees.iter().any(|f| f.online.is_some()))
            .unwrap_or_else(|| panic!("a procedure with an online fee"));
        let answers = BTreeMap::from([("a".to_owned(), "1".to_owned())]);
        let owner = Owner {
            name: "Nguyễn Văn An",
            id_number: "001090123456",
        };
        let s = submission("d-1", p, owner, answers.clone());
        assert_eq!(s.ma_ho_so_noi_bo, "d-1");
        assert_eq!(
            s.ma_tthc,
            p.ma_tthc.clone().unwrap_or_else(|| p.code.clone())
        );
        assert_eq!(
            (s.chu_ho_so.as_str(), s.so_giay_to_chu_ho_so.as_str()),
            (owner.name, owner.id_number)
        );
        assert!(s.trich_yeu_ho_so.ends_with(owner.name));
        assert_eq!(s.du_lieu_bieu_mau, answers);
        assert_eq!(
            s.danh_sach_le_phi.len(),
            p.fees
                .iter()
                .filter(|f| f.online.is_some() && f.kind.is_some_and(|k| k != FeeKind::Other))
                .count()
        );
        assert!(s.tai_lieu_nop.is_empty(), "papers are the worker's");
        assert_eq!(s.hinh_thuc, None, "the form did not ask");
    }

    /// Each fee line says whether it is a lệ phí or a phí, as the pack does;
    /// a fine or a contribution is no fee line; the delivery choice is sent
    /// as HinhThuc.
    #[test]
    fn fees_go_with_their_kind_and_the_delivery_choice_as_hinh_thuc() {
        let pack = gocua_core::catalogue::parse_pack(include_str!(
            "../../../../data/catalogue/vn-national.json"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let mut kinds = std::collections::BTreeSet::new();
        for p in &pack.procedures {
            let s = submission("d", p, Owner::default(), BTreeMap::new());
            let sent: Vec<(&str, u8)> = s
                .danh_sach_le_phi
                .iter()
                .map(|l| (l.ten_phi_le_phi.as_str(), l.loai_phi_le_phi))
                .collect();
            for f in &p.fees {
                let line = sent.iter().find(|(name, _)| *name == f.name.vi);
                match (f.kind, f.online) {
                    (Some(FeeKind::LePhi), Some(_)) => {
                        assert_eq!(line.map(|l| l.1), Some(LOAI_LE_PHI))
                    }
                    (Some(FeeKind::Phi), Some(_)) => assert_eq!(line.map(|l| l.1), Some(LOAI_PHI)),
                    _ => assert!(line.is_none(), "{}: {} is no fee line", p.code, f.name.vi),
                }
                kinds.insert(format!("{:?}", f.kind));
            }
        }
        assert!(
            kinds.len() >= 3,
            "the pack has lệ phí, phí and other charges: {kinds:?}"
        );
        let p = &pack.procedures[0];
        for (answer, want) in [("office", Some(0)), ("post", Some(1)), ("", None)] {
            let answers = BTreeMap::from([("result_delivery".to_owned(), answer.to_owned())]);
            assert_eq!(
                submission("d", p, Owner::default(), answers).hinh_thuc,
                want
            );
        }
    }

    /// The receiving office goes as the form's "Kính gửi" says, and as the
    /// procedure's agency when the form does not say.
    #[test]
    fn the_receiving_office_is_the_forms_kinh_gui_or_the_procedures_agency() {
        let pack = gocua_core::catalogue::parse_pack(include_str!(
            "../../../../data/catalogue/vn-national.json"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let p = &pack.procedures[0];
        let office = |answers: &[(&str, &str)]| {
            let answers = answers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            submission("d", p, Owner::default(), answers).co_quan_tiep_nhan
        };
        assert_eq!(office(&[]), Some(p.agency.vi.clone()));
        assert_eq!(office(&[("recipient", "  ")]), Some(p.agency.vi.clone()));
        assert_eq!(
            office(&[("recipient", " UBND xã Ba Vì ")]).as_deref(),
            Some("UBND xã Ba Vì")
        );
        assert_eq!(
            office(&[("agency", "Công an phường Hoàn Kiếm")]).as_deref(),
            Some("Công an phường Hoàn Kiếm")
        );
    }
}
