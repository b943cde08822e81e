//! Types of a catalogue pack and its procedures.

use serde::{Deserialize, Serialize};

/// Text in Vietnamese (always) and English (when translated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LocalText {
    /// Vietnamese, the reference.
    pub vi: String,
    /// English, if translated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalText {
    /// The text in `lang`, falling back to Vietnamese.
    pub fn get(&self, lang: crate::Language) -> &str {
        match (lang, &self.en) {
            (crate::Language::En, Some(en)) => en,
            _ => &self.vi,
        }
    }
}

/// A catalogue pack: a versioned set of procedures and search synonyms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Always `"gocua-catalogue"`.
    pub format: String,
    /// The pack format version this file follows (see [`super::PACK_FORMAT_VERSION`]).
    pub format_version: u32,
    /// Which catalogue this is (`vn-national`, or a province's own pack).
    pub pack_id: String,
    /// Increases with every release of this pack; a higher version replaces a lower one.
    pub version: u32,
    /// Release date, `YYYY-MM-DD`.
    pub issued_at: String,
    /// Who compiled it and from what.
    pub source: String,
    /// Colloquial words mapped to the official terms, used by search.
    #[serde(default)]
    pub synonyms: Vec<Synonym>,
    /// Filler words of citizens' questions ("tôi muốn làm … thế nào"), which
    /// count for little in search.
    #[serde(default)]
    pub stop_words: Vec<String>,
    /// The procedures.
    pub procedures: Vec<Procedure>,
    /// The dossier forms, referenced by `procedures[].form_schema`.
    #[serde(default)]
    pub forms: Vec<crate::form::FormSchema>,
}

impl Pack {
    /// The form `id`.
    pub fn form(&self, id: &str) -> Option<&crate::form::FormSchema> {
        self.forms.iter().find(|f| f.id == id)
    }
}

/// "When a citizen says X, the catalogue says Y."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// What people say: "bằng lái", "hộ khẩu", "sổ đỏ".
    pub says: Vec<String>,
    /// The official term: "giấy phép lái xe".
    pub means: String,
}

/// The level of the agency that decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// Cấp xã (commune/ward; after 1 Jul 2025 the only local level below the province).
    Commune,
    /// Cấp tỉnh.
    Province,
    /// Cấp bộ (ministry, national).
    Ministry,
}

/// Where the dossier can be filed online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Cổng Dịch vụ công quốc gia (dichvucong.gov.vn).
    NationalPortal,
    /// The VNeID app.
    Vneid,
    /// The province's own public-service portal.
    ProvincialPortal,
}

/// In what form a paper must be supplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperForm {
    /// Bản chính.
    Original,
    /// Bản sao (chứng thực or from the master register).
    CertifiedCopy,
    /// Bản chính hoặc bản sao.
    OriginalOrCopy,
    /// A form to fill in (tờ khai); online it is the web form itself.
    Declaration,
}

/// One paper of the dossier (thành phần hồ sơ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredDocument {
    /// What it is.
    pub name: LocalText,
    /// Original, copy …
    pub form: PaperForm,
    /// How many.
    #[serde(default = "one")]
    pub count: u32,
    /// Optional: only in some cases (explained in `notes`).
    #[serde(default)]
    pub conditional: bool,
    /// When the dossier's answers decide it: the paper is needed only when
    /// this holds (a field of the procedure's form), and otherwise does not
    /// apply, without the volunteer marking it — the health certificate only
    /// for the licence classes that need one, the authorisation only when an
    /// authorised person files. Only on a conditional paper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_if: Option<crate::form::Condition>,
    /// Conditions and tips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<LocalText>,
    /// The portal can take it from a national database (dân cư, hộ tịch …),
    /// so the citizen need not upload it.
    #[serde(default)]
    pub reusable_from_national_db: bool,
}

fn one() -> u32 {
    1
}

/// One fee or charge, in đồng.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// What it is for (lệ phí …).
    pub name: LocalText,
    /// Lệ phí, phí, or something else (a fine, a contribution); absent:
    /// not said (nothing is sent to the portal as a fee then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<FeeKind>,
    /// Amount when filed in person; `None` when unknown or set locally.
    #[serde(default)]
    pub in_person: Option<u64>,
    /// Amount when filed online; `None` when unknown or set locally.
    #[serde(default)]
    pub online: Option<u64>,
    /// Conditions, local variation, legal basis of the amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<LocalText>,
}

/// What kind of charge a fee is (Luật Phí và lệ phí 2015 tells them apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    /// Lệ phí: charged for a public service of the State.
    LePhi,
    /// Phí: charged to recover the cost of a service.
    Phi,
    /// Neither: a fine, an insurance contribution, several charges in one line.
    Other,
}

impl Fee {
    /// The online discount in đồng, when both amounts are known.
    pub fn online_saving(&self) -> Option<u64> {
        match (self.in_person, self.online) {
            (Some(p), Some(o)) if p > o => Some(p - o),
            _ => None,
        }
    }
}

/// Where one kind of fact of a procedure comes from, and when it was last
/// checked against that source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The legal text or official page (article, decision, URL) — or, for
    /// an unverified fact, where it was compiled from.
    pub source: String,
    /// When someone checked it against that source (`YYYY-MM-DD`); absent:
    /// the fact is unverified, and is shown as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<String>,
}

impl Provenance {
    /// Checked against its source on a known day.
    pub fn is_verified(&self) -> bool {
        self.verified_at.is_some()
    }
}

/// The provenance of each kind of fact of a procedure (pack format 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenances {
    /// The fees and exemptions.
    pub fees: Provenance,
    /// The list of papers.
    pub documents: Provenance,
    /// The time limit.
    pub processing_time: Provenance,
    /// The legal basis.
    pub legal_basis: Provenance,
}

/// A procedure (thủ tục hành chính, TTHC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Our stable code for it: the MaTTHC where known, else a `GC-…` code.
    pub code: String,
    /// The national TTHC code (CSDLQG về TTHC), when verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ma_tthc: Option<String>,
    /// The official name, and an English gloss.
    pub name: LocalText,
    /// Words citizens use for it ("làm giấy khai sinh cho con").
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Lĩnh vực (hộ tịch, cư trú, đường bộ …).
    pub field: LocalText,
    /// The agency that decides.
    pub agency: LocalText,
    /// Its level.
    pub level: AgencyLevel,
    /// Where it can be filed online.
    pub channels: Vec<Channel>,
    /// The papers, in order.
    pub documents: Vec<RequiredDocument>,
    /// Whether the document list was checked against an official source.
    pub documents_verified: bool,
    /// The form schema of the dossier wizard, when one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form_schema: Option<String>,
    /// Fees; empty means free.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// Whether the fees were checked against an official source.
    pub fees_verified: bool,
    /// Who pays nothing.
    #[serde(default)]
    pub exemptions: Vec<LocalText>,
    /// The legal time limit, as people say it.
    pub processing_time: LocalText,
    /// The VNeID level the citizen needs to file online (1 or 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vneid_level: Option<u8>,
    /// Its number among the 25 essential online services (QĐ 06/QĐ-TTg), if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essential_no: Option<u8>,
    /// Where to submit and where to collect the result.
    pub where_to_submit: LocalText,
    /// The steps to follow online.
    #[serde(default)]
    pub steps: Vec<LocalText>,
    /// Laws and decisions it rests on.
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// Where the facts come from.
    pub source: String,
    /// When the facts were last checked (`YYYY-MM-DD`), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<String>,
    /// Each kind of fact's source and date of check (required from pack
    /// format 2; `fees_verified` and `documents_verified` must agree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenances>,
}

impl Procedure {
    /// Whether the time limit was checked against its source.
    pub fn time_verified(&self) -> bool {
        self.provenance
            .as_ref()
            .is_some_and(|p| p.processing_time.is_verified())
    }

    /// Whether the legal basis was checked against its source.
    pub fn legal_basis_verified(&self) -> bool {
        self.provenance
            .as_ref()
            .is_some_and(|p| p.legal_basis.is_verified())
    }

    /// True for the 25 essential services, which are online-only since 1 Oct 2025.
    pub fn is_essential(&self) -> bool {
        self.essential_no.is_some()
    }
}
