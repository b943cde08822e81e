//! The procedure catalogue: packs, search hits, a procedure with its papers
//! and fees, trusted publisher keys.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Request: install a catalogue pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CatalogImport {
    /// The pack file's text: a signed envelope, or a bare pack.
    pub json: String,
    /// A lead vouches for an unsigned pack file (never from the portal).
    #[serde(default)]
    pub allow_unsigned: bool,
}

/// Trust a key to sign catalogue packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustKey {
    /// ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// Whose key.
    pub name: String,
}

/// A key whose signed packs this laptop installs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrustedKeyDto {
    /// ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// Whose key.
    pub name: String,
    /// The project's own key, shipped in the app.
    pub publisher: bool,
    /// When a lead added it (`None` for the publisher's).
    pub added_at: Option<String>,
}

/// An installed catalogue pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackInfo {
    /// Which catalogue.
    pub pack_id: String,
    /// Its version.
    pub version: u32,
    /// Release date.
    pub issued_at: String,
    /// Who compiled it.
    pub source: String,
    /// SHA-256 of the file, hex.
    pub sha256: String,
    /// Number of procedures.
    pub procedures: u32,
    /// False when exactly this pack was already installed.
    pub newly_installed: bool,
}

impl PackInfo {
    pub(crate) fn from_installed(p: gocua_store::InstalledPack, newly_installed: bool) -> Self {
        PackInfo {
            pack_id: p.pack_id,
            version: p.version,
            issued_at: p.issued_at,
            source: p.source,
            sha256: p.sha256,
            procedures: p.procedures,
            newly_installed,
        }
    }
}

/// Request: search the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CatalogSearch {
    /// What the citizen said, as typed.
    pub query: String,
    /// At most this many results (default 10, at most 100).
    pub limit: Option<u32>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProcedureHit {
    /// Procedure code.
    pub code: String,
    /// Its name.
    pub name: LocalTextDto,
    /// Its field.
    pub field: LocalTextDto,
    /// One of the 25 essential services.
    pub essential: bool,
    /// Relevance, comparable within one search only.
    pub score: f32,
}

/// Request: one procedure by code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CatalogShow {
    /// Procedure code.
    pub code: String,
}

/// Agency level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevelDto {
    /// Commune.
    Commune,
    /// Province.
    Province,
    /// Ministry.
    Ministry,
}

/// Online channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChannelDto {
    /// dichvucong.gov.vn.
    NationalPortal,
    /// The VNeID app.
    Vneid,
    /// The provincial portal.
    ProvincialPortal,
}

/// How a paper is supplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaperFormDto {
    /// Original.
    Original,
    /// Certified copy.
    CertifiedCopy,
    /// Original or copy.
    OriginalOrCopy,
    /// A form to fill in.
    Declaration,
}

impl From<gocua_core::catalogue::PaperForm> for PaperFormDto {
    fn from(f: gocua_core::catalogue::PaperForm) -> Self {
        use gocua_core::catalogue::PaperForm;
        match f {
            PaperForm::Original => Self::Original,
            PaperForm::CertifiedCopy => Self::CertifiedCopy,
            PaperForm::OriginalOrCopy => Self::OriginalOrCopy,
            PaperForm::Declaration => Self::Declaration,
        }
    }
}

/// One required paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequiredDocumentDto {
    /// What it is.
    pub name: LocalTextDto,
    /// Original, copy …
    pub form: PaperFormDto,
    /// How many.
    pub count: u32,
    /// Only in some cases.
    pub conditional: bool,
    /// Conditions and tips.
    pub notes: Option<LocalTextDto>,
    /// The portal can take it from a national database.
    pub reusable_from_national_db: bool,
}

/// One fee, in đồng; `None` amounts are unknown ("chưa xác minh").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeDto {
    /// What it is for.
    pub name: LocalTextDto,
    /// In person.
    pub in_person: Option<u32>,
    /// Online.
    pub online: Option<u32>,
    /// Online saving, when both amounts are known.
    pub online_saving: Option<u32>,
    /// Conditions.
    pub notes: Option<LocalTextDto>,
}

/// A procedure in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProcedureDto {
    /// Code.
    pub code: String,
    /// National TTHC code, when known.
    pub ma_tthc: Option<String>,
    /// Name.
    pub name: LocalTextDto,
    /// Field.
    pub field: LocalTextDto,
    /// Deciding agency.
    pub agency: LocalTextDto,
    /// Its level.
    pub level: AgencyLevelDto,
    /// Online channels.
    pub channels: Vec<ChannelDto>,
    /// Papers.
    pub documents: Vec<RequiredDocumentDto>,
    /// Papers checked against an official source.
    pub documents_verified: bool,
    /// Fees (empty: free).
    pub fees: Vec<FeeDto>,
    /// Fees checked against an official source.
    pub fees_verified: bool,
    /// The time limit checked against an official source.
    pub time_verified: bool,
    /// The legal basis checked against an official source.
    pub legal_basis_verified: bool,
    /// Exemptions.
    pub exemptions: Vec<LocalTextDto>,
    /// Time limit.
    pub processing_time: LocalTextDto,
    /// VNeID level needed.
    pub vneid_level: Option<u8>,
    /// Number among the 25 essential services.
    pub essential_no: Option<u8>,
    /// Where to submit.
    pub where_to_submit: LocalTextDto,
    /// Steps online.
    pub steps: Vec<LocalTextDto>,
    /// Legal basis.
    pub legal_basis: Vec<String>,
    /// Source of the facts.
    pub source: String,
    /// Last checked.
    pub verified_at: Option<String>,
    /// Form schema of the wizard, when one exists.
    pub form_schema: Option<String>,
}

fn amount(v: Option<u64>) -> Option<u32> {
    v.and_then(|v| u32::try_from(v).ok())
}

impl From<gocua_core::catalogue::Procedure> for ProcedureDto {
    fn from(p: gocua_core::catalogue::Procedure) -> Self {
        use gocua_core::catalogue::{AgencyLevel, Channel};
        let (time_verified, legal_basis_verified) = (p.time_verified(), p.legal_basis_verified());
        ProcedureDto {
            code: p.code,
            ma_tthc: p.ma_tthc,
            name: p.name.into(),
            field: p.field.into(),
            agency: p.agency.into(),
            level: match p.level {
                AgencyLevel::Commune => AgencyLevelDto::Commune,
                AgencyLevel::Province => AgencyLevelDto::Province,
                AgencyLevel::Ministry => AgencyLevelDto::Ministry,
            },
            channels: p
                .channels
                .into_iter()
                .map(|c| match c {
                    Channel::NationalPortal => ChannelDto::NationalPortal,
                    Channel::Vneid => ChannelDto::Vneid,
                    Channel::ProvincialPortal => ChannelDto::ProvincialPortal,
                })
                .collect(),
            documents: p
                .documents
                .into_iter()
                .map(|d| RequiredDocumentDto {
                    name: d.name.into(),
                    form: d.form.into(),
                    count: d.count,
                    conditional: d.conditional,
                    notes: d.notes.map(Into::into),
                    reusable_from_national_db: d.reusable_from_national_db,
                })
                .collect(),
            documents_verified: p.documents_verified,
            fees: p
                .fees
                .into_iter()
                .map(|f| FeeDto {
                    online_saving: amount(f.online_saving()),
                    name: f.name.into(),
                    in_person: amount(f.in_person),
                    online: amount(f.online),
                    notes: f.notes.map(Into::into),
                })
                .collect(),
            fees_verified: p.fees_verified,
            time_verified,
            legal_basis_verified,
            exemptions: p.exemptions.into_iter().map(Into::into).collect(),
            processing_time: p.processing_time.into(),
            vneid_level: p.vneid_level,
            essential_no: p.essential_no,
            where_to_submit: p.where_to_submit.into(),
            steps: p.steps.into_iter().map(Into::into).collect(),
            legal_basis: p.legal_basis,
            source: p.source,
            verified_at: p.verified_at,
            form_schema: p.form_schema,
        }
    }
}
