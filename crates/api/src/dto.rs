//! IPC data-transfer types: the JSON the UI sends and receives.
//!
//! Each derives ts-rs; `crates/api/bindings/*.ts` is generated from them.
//! Domain types from gocua-core are converted at this boundary rather than
//! exposed directly, so the wire shape is deliberate.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ErrorCode;

/// The field an unknown spelling is reported against: `ReportFormatCode` →
/// `report_format`.
fn field_name(type_name: &str) -> String {
    let base = type_name.strip_suffix("Code").unwrap_or(type_name);
    let mut out = String::new();
    for (i, c) in base.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A closed set that crosses to TypeScript as a union of its spellings.
macro_rules! code {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Its spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::ApiError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    crate::ApiError::InvalidValue {
                        field: field_name(stringify!($name)),
                        value: s.to_owned(),
                    }
                })
            }
        }

        /// Compares with a spelling (tests, logs).
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

code! {
    /// Where a dossier is: the local states, then the portal's TrangThaiHoSo.
    DossierStateCode {
        /// Being filled in.
        Draft = "draft",
        /// Complete and checked.
        Ready = "ready",
        /// In the outbox.
        Queued = "queued",
        /// Being sent.
        Sending = "sending",
        /// Reopened for a supplement.
        SupplementDraft = "supplement_draft",
        /// 1 Mới đăng ký.
        Portal1 = "portal_1",
        /// 2 Được tiếp nhận.
        Portal2 = "portal_2",
        /// 3 Không được tiếp nhận.
        Portal3 = "portal_3",
        /// 4 Đang xử lý.
        Portal4 = "portal_4",
        /// 5 Yêu cầu bổ sung.
        Portal5 = "portal_5",
        /// 6 Yêu cầu nghĩa vụ tài chính.
        Portal6 = "portal_6",
        /// 7 Rút hồ sơ.
        Portal7 = "portal_7",
        /// 8 Dừng xử lý.
        Portal8 = "portal_8",
        /// 9 Đã xử lý xong.
        Portal9 = "portal_9",
        /// 10 Đã trả kết quả.
        Portal10 = "portal_10",
    }
}

impl From<gocua_core::dossier::DossierState> for DossierStateCode {
    fn from(s: gocua_core::dossier::DossierState) -> Self {
        use gocua_core::dossier::{DossierState as S, PortalStatus as P};
        match s {
            S::Draft => Self::Draft,
            S::Ready => Self::Ready,
            S::Queued => Self::Queued,
            S::Sending => Self::Sending,
            S::SupplementDraft => Self::SupplementDraft,
            S::Portal(p) => match p {
                P::New => Self::Portal1,
                P::Received => Self::Portal2,
                P::Refused => Self::Portal3,
                P::Processing => Self::Portal4,
                P::NeedsSupplement => Self::Portal5,
                P::NeedsPayment => Self::Portal6,
                P::Withdrawn => Self::Portal7,
                P::Stopped => Self::Portal8,
                P::Processed => Self::Portal9,
                P::Returned => Self::Portal10,
            },
        }
    }
}

code! {
    /// What an outbox operation sends.
    OpKindCode {
        /// A new dossier.
        Submit = "submit",
        /// A supplement.
        Supplement = "supplement",
    }
}

impl From<gocua_core::outbox::OpKind> for OpKindCode {
    fn from(k: gocua_core::outbox::OpKind) -> Self {
        match k {
            gocua_core::outbox::OpKind::Submit => Self::Submit,
            gocua_core::outbox::OpKind::Supplement => Self::Supplement,
        }
    }
}

code! {
    /// Where an outbox operation is.
    OpStateCode {
        /// Waiting for its next attempt.
        Pending = "pending",
        /// Delivered.
        Done = "done",
        /// Set aside.
        Quarantined = "quarantined",
    }
}

impl From<gocua_core::outbox::OpState> for OpStateCode {
    fn from(s: gocua_core::outbox::OpState) -> Self {
        match s {
            gocua_core::outbox::OpState::Pending => Self::Pending,
            gocua_core::outbox::OpState::Done => Self::Done,
            gocua_core::outbox::OpState::Quarantined => Self::Quarantined,
        }
    }
}

code! {
    /// What an operator may do.
    RoleCode {
        /// A volunteer.
        Volunteer = "volunteer",
        /// A team lead.
        Lead = "lead",
        /// A self-service kiosk.
        Kiosk = "kiosk",
    }
}

impl From<gocua_core::operator::Role> for RoleCode {
    fn from(r: gocua_core::operator::Role) -> Self {
        match r {
            gocua_core::operator::Role::Volunteer => Self::Volunteer,
            gocua_core::operator::Role::Lead => Self::Lead,
            gocua_core::operator::Role::Kiosk => Self::Kiosk,
        }
    }
}

impl From<RoleCode> for gocua_core::operator::Role {
    fn from(r: RoleCode) -> Self {
        match r {
            RoleCode::Volunteer => Self::Volunteer,
            RoleCode::Lead => Self::Lead,
            RoleCode::Kiosk => Self::Kiosk,
        }
    }
}

code! {
    /// How far a section (task) is.
    TaskStatusCode {
        /// Nothing answered yet.
        NotStarted = "not_started",
        /// Some answers, or some problems.
        InProgress = "in_progress",
        /// Every visible answer is there and valid.
        Completed = "completed",
    }
}

impl From<gocua_core::form::TaskStatus> for TaskStatusCode {
    fn from(s: gocua_core::form::TaskStatus) -> Self {
        match s {
            gocua_core::form::TaskStatus::NotStarted => Self::NotStarted,
            gocua_core::form::TaskStatus::InProgress => Self::InProgress,
            gocua_core::form::TaskStatus::Completed => Self::Completed,
        }
    }
}

code! {
    /// Where a dossier's paper stands (see `gocua_core::dossier::PaperStatus`).
    PaperStatusCode {
        /// Attached.
        Attached = "attached",
        /// The declaration form itself.
        Form = "form",
        /// From a national database.
        NationalDb = "national_db",
        /// Does not apply.
        NotApplicable = "not_applicable",
        /// Coming later (still missing for filing).
        Later = "later",
        /// Not there.
        Missing = "missing",
    }
}

impl From<gocua_core::dossier::PaperStatus> for PaperStatusCode {
    fn from(s: gocua_core::dossier::PaperStatus) -> Self {
        use gocua_core::dossier::PaperStatus as P;
        match s {
            P::Attached => Self::Attached,
            P::Form => Self::Form,
            P::NationalDb => Self::NationalDb,
            P::NotApplicable => Self::NotApplicable,
            P::Later => Self::Later,
            P::Missing => Self::Missing,
        }
    }
}

impl From<PaperStatusCode> for gocua_core::dossier::PaperStatus {
    fn from(s: PaperStatusCode) -> Self {
        match s {
            PaperStatusCode::Attached => Self::Attached,
            PaperStatusCode::Form => Self::Form,
            PaperStatusCode::NationalDb => Self::NationalDb,
            PaperStatusCode::NotApplicable => Self::NotApplicable,
            PaperStatusCode::Later => Self::Later,
            PaperStatusCode::Missing => Self::Missing,
        }
    }
}

code! {
    /// A volunteer's mark on a paper that is not attached.
    PaperMarkCode {
        /// Does not apply (conditional papers only).
        NotApplicable = "not_applicable",
        /// Coming later.
        Later = "later",
    }
}

impl From<PaperMarkCode> for gocua_core::dossier::PaperMark {
    fn from(m: PaperMarkCode) -> Self {
        match m {
            PaperMarkCode::NotApplicable => Self::NotApplicable,
            PaperMarkCode::Later => Self::Later,
        }
    }
}

code! {
    /// The kind of a form field.
    FieldKindCode {
        /// One line of text.
        Text = "text",
        /// A number.
        Number = "number",
        /// A date.
        Date = "date",
        /// One of the options.
        Choice = "choice",
        /// Có / Không.
        YesNo = "yes_no",
        /// A phone number.
        Phone = "phone",
        /// A 12-digit ID number.
        Cccd = "cccd",
        /// A 2025 commune and the street line.
        Address = "address",
        /// A repeatable group.
        Group = "group",
    }
}

impl From<gocua_core::form::FieldType> for FieldKindCode {
    fn from(t: gocua_core::form::FieldType) -> Self {
        use gocua_core::form::FieldType as F;
        match t {
            F::Text => Self::Text,
            F::Number => Self::Number,
            F::Date => Self::Date,
            F::Choice => Self::Choice,
            F::YesNo => Self::YesNo,
            F::Phone => Self::Phone,
            F::Cccd => Self::Cccd,
            F::Address => Self::Address,
            F::Group => Self::Group,
        }
    }
}

code! {
    /// What changed in a newer version of a form.
    ChangeKindCode {
        /// A field was added.
        Added = "added",
        /// A field was removed.
        Removed = "removed",
        /// A field changed.
        Changed = "changed",
    }
}

code! {
    /// Where the VNeID help ended.
    VneidOutcomeCode {
        /// Not part of this visit.
        NotAttempted = "not_attempted",
        /// Level 1 registered.
        Level1 = "level1",
        /// Level 2 set up.
        Level2 = "level2",
        /// Could not continue.
        Blocked = "blocked",
    }
}

code! {
    /// Where the portal-login help ended.
    PortalOutcomeCode {
        /// Not part of this visit.
        NotAttempted = "not_attempted",
        /// Logged in with VNeID.
        LoggedIn = "logged_in",
        /// An old account linked to VNeID.
        LinkedOldAccount = "linked_old_account",
        /// Could not continue.
        Blocked = "blocked",
    }
}

code! {
    /// A report file format.
    ReportFormatCode {
        /// Excel.
        Xlsx = "xlsx",
        /// Comma-separated values.
        Csv = "csv",
        /// A printable PDF.
        Pdf = "pdf",
        /// The figures as JSON (scripts).
        Json = "json",
    }
}

impl From<gocua_core::visit::VneidOutcome> for VneidOutcomeCode {
    fn from(v: gocua_core::visit::VneidOutcome) -> Self {
        use gocua_core::visit::VneidOutcome as V;
        match v {
            V::NotAttempted => Self::NotAttempted,
            V::Level1 => Self::Level1,
            V::Level2 => Self::Level2,
            V::Blocked => Self::Blocked,
        }
    }
}

impl From<VneidOutcomeCode> for gocua_core::visit::VneidOutcome {
    fn from(v: VneidOutcomeCode) -> Self {
        match v {
            VneidOutcomeCode::NotAttempted => Self::NotAttempted,
            VneidOutcomeCode::Level1 => Self::Level1,
            VneidOutcomeCode::Level2 => Self::Level2,
            VneidOutcomeCode::Blocked => Self::Blocked,
        }
    }
}

impl From<gocua_core::visit::PortalOutcome> for PortalOutcomeCode {
    fn from(v: gocua_core::visit::PortalOutcome) -> Self {
        use gocua_core::visit::PortalOutcome as V;
        match v {
            V::NotAttempted => Self::NotAttempted,
            V::LoggedIn => Self::LoggedIn,
            V::LinkedOldAccount => Self::LinkedOldAccount,
            V::Blocked => Self::Blocked,
        }
    }
}

impl From<PortalOutcomeCode> for gocua_core::visit::PortalOutcome {
    fn from(v: PortalOutcomeCode) -> Self {
        match v {
            PortalOutcomeCode::NotAttempted => Self::NotAttempted,
            PortalOutcomeCode::LoggedIn => Self::LoggedIn,
            PortalOutcomeCode::LinkedOldAccount => Self::LinkedOldAccount,
            PortalOutcomeCode::Blocked => Self::Blocked,
        }
    }
}

code! {
    /// What a citizen may consent to (PDP Law 91/2025 Art. 9: one choice each).
    PurposeCode {
        /// Keep the profile.
        Profile = "profile",
        /// Prepare and submit dossiers.
        Dossiers = "dossiers",
        /// Contact by phone.
        Contact = "contact",
        /// Photograph papers.
        DocumentImages = "document_images",
    }
}

impl From<gocua_core::visit::ConsentPurpose> for PurposeCode {
    fn from(p: gocua_core::visit::ConsentPurpose) -> Self {
        use gocua_core::visit::ConsentPurpose as P;
        match p {
            P::Profile => Self::Profile,
            P::Dossiers => Self::Dossiers,
            P::Contact => Self::Contact,
            P::DocumentImages => Self::DocumentImages,
        }
    }
}

impl From<PurposeCode> for gocua_core::visit::ConsentPurpose {
    fn from(p: PurposeCode) -> Self {
        match p {
            PurposeCode::Profile => Self::Profile,
            PurposeCode::Dossiers => Self::Dossiers,
            PurposeCode::Contact => Self::Contact,
            PurposeCode::DocumentImages => Self::DocumentImages,
        }
    }
}

/// An interface language, as the UI names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LanguageCode {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl From<gocua_core::Language> for LanguageCode {
    fn from(l: gocua_core::Language) -> Self {
        match l {
            gocua_core::Language::Vi => LanguageCode::Vi,
            gocua_core::Language::En => LanguageCode::En,
        }
    }
}

impl From<LanguageCode> for gocua_core::Language {
    fn from(l: LanguageCode) -> Self {
        match l {
            LanguageCode::Vi => gocua_core::Language::Vi,
            LanguageCode::En => gocua_core::Language::En,
        }
    }
}

/// Facts about this installation, for the about box and support staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppInfo {
    /// The app's version.
    pub version: String,
    /// The data directory in use.
    pub data_dir: String,
    /// The database file.
    pub database: String,
    /// The database schema version.
    pub schema_version: i32,
    /// The portal dossiers are sent to.
    pub portal_url: String,
    /// Whether `portal_url` is the built-in sandbox default (not chosen by anyone).
    pub portal_url_is_default: bool,
    /// Whether data sent to `portal_url` would cross a network in clear
    /// (only under the training override): the app shows a red banner.
    pub portal_insecure: bool,
    /// The interface language.
    pub language: LanguageCode,
    /// The version of the consent text shown to citizens.
    pub consent_text_version: String,
}

/// Whether the portal can be reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectivityDto {
    /// The portal answered as a portal.
    Online,
    /// Nothing answered in time.
    Offline,
    /// Something answered that is not a compatible portal.
    Incompatible,
}

impl From<gocua_core::Connectivity> for ConnectivityDto {
    fn from(c: gocua_core::Connectivity) -> Self {
        match c {
            gocua_core::Connectivity::Online => ConnectivityDto::Online,
            gocua_core::Connectivity::Offline => ConnectivityDto::Offline,
            gocua_core::Connectivity::Incompatible => ConnectivityDto::Incompatible,
        }
    }
}

/// The outcome of a connectivity probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProbeResult {
    /// The URL that was probed.
    pub portal_url: String,
    /// What the probe found.
    pub connectivity: ConnectivityDto,
}

/// Request: change the interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetLanguage {
    /// A language code such as `vi` or `en`. Text, not an enum, so that a bad
    /// value gets a translated error instead of a deserialisation failure.
    pub language: String,
}

/// Request: change the portal URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetPortalUrl {
    /// An absolute http(s) URL; empty to go back to the default.
    pub url: String,
}

/// An error as it crosses to the UI: a stable code and a translated message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorDto {
    /// What went wrong, for code to branch on.
    pub code: ErrorCode,
    /// What went wrong, for people, in the current language.
    pub message: String,
}

/// Text in Vietnamese and, when translated, English. The UI picks the
/// language, so switching needs no new request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LocalTextDto {
    /// Vietnamese (reference).
    pub vi: String,
    /// English, if translated.
    pub en: Option<String>,
}

impl From<gocua_core::catalogue::LocalText> for LocalTextDto {
    fn from(t: gocua_core::catalogue::LocalText) -> Self {
        LocalTextDto { vi: t.vi, en: t.en }
    }
}

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

/// An administrative unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitDto {
    /// GSO code.
    pub code: String,
    /// Official name with its type.
    pub name: String,
}

/// A commune with its province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommuneDto {
    /// The commune (xã, phường, đặc khu).
    pub commune: UnitDto,
    /// Its province.
    pub province: UnitDto,
}

/// Request: the communes of a province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsCommunes {
    /// Province code.
    pub province: String,
}

/// Request: find communes by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsSearch {
    /// Name, with or without diacritics.
    pub query: String,
    /// At most this many (default 10).
    pub limit: Option<u32>,
}

/// Request: convert an old address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitsConvert {
    /// The address as printed, e.g. "Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh".
    pub address: String,
}

/// An old address in the new units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConversionDto {
    /// House number, street, hamlet: what came before the units.
    pub line: String,
    /// The old units recognised (ward, district, province).
    pub old: Vec<UnitDto>,
    /// The new commune(s); several when the old ward was split, likeliest first.
    pub new: Vec<CommuneDto>,
    /// The address was already in the new form.
    pub already_new: bool,
}

/// The facts of an ID card, as the card and the QR code state them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardDto {
    /// 12-digit personal ID number.
    pub id: String,
    /// Old 9-digit ID (CMND), if any.
    pub old_id: Option<String>,
    /// Full name.
    pub name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// As on the card: "Nam" or "Nữ".
    pub sex: String,
    /// Address as printed.
    pub address: String,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
}

/// Request: read a scanned QR text. Nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CccdParse {
    /// The text the scanner or camera produced.
    pub text: String,
}

/// A card read and checked, before consent: nothing of it is stored yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardCheck {
    /// The card's facts.
    pub card: CardDto,
    /// The address converted to the 2025 units, when recognised.
    pub address: Option<ConversionDto>,
    /// This ID number is already stored (the same citizen as before).
    pub known_citizen: bool,
}

/// A consent decision for one purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentDecision {
    /// `profile`, `dossiers`, `contact` or `document_images`.
    pub purpose: PurposeCode,
    /// Ticked by the citizen.
    pub granted: bool,
}

/// Request: store a citizen with their consent decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenRegister {
    /// The visit during which this happens, if any.
    pub visit: Option<i64>,
    /// The card (re-validated here).
    pub card: CardDto,
    /// The commune (2025 units) the volunteer confirmed for the address.
    pub commune: Option<String>,
    /// One decision per purpose shown; `profile` must be granted.
    pub consents: Vec<ConsentDecision>,
}

/// A consent as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentDto {
    /// The purpose.
    pub purpose: PurposeCode,
    /// Granted or refused.
    pub granted: bool,
    /// Version of the consent text.
    pub text_version: String,
    /// Who recorded it.
    pub operator: String,
    /// When (RFC 3339).
    pub given_at: String,
    /// When withdrawn.
    pub withdrawn_at: Option<String>,
}

/// A visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitDto {
    /// Id.
    pub id: i64,
    /// The citizen's ID number, once registered.
    pub citizen_cccd: Option<String>,
    /// The volunteer.
    pub operator: String,
    /// Where (commune code).
    pub place_commune: Option<String>,
    /// Start (RFC 3339).
    pub started_at: String,
    /// End (RFC 3339).
    pub ended_at: Option<String>,
    /// `not_attempted`, `level1`, `level2`, `blocked`.
    pub vneid_outcome: VneidOutcomeCode,
    /// Why blocked / notes.
    pub vneid_note: Option<String>,
    /// `not_attempted`, `logged_in`, `linked_old_account`, `blocked`.
    pub portal_outcome: PortalOutcomeCode,
    /// Why blocked / notes.
    pub portal_note: Option<String>,
    /// JSON object: guide id → ticked step ids.
    pub guide_progress: String,
    /// 1–5.
    pub satisfaction: Option<u8>,
    /// The procedures of the dossiers started during the visit.
    pub dossiers: Vec<String>,
}

/// A citizen in full: card facts, consents and visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenDto {
    /// 12-digit ID number.
    pub cccd: String,
    /// Full name.
    pub name: String,
    /// The card's facts.
    pub card: CardDto,
    /// Confirmed commune (2025 units), code and name.
    pub commune: Option<CommuneDto>,
    /// When first stored.
    pub created_at: String,
    /// Every consent decision, oldest first.
    pub consents: Vec<ConsentDto>,
    /// Visits, newest first.
    pub visits: Vec<VisitDto>,
}

/// Request: a citizen by ID number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenShow {
    /// 12-digit ID number.
    pub cccd: String,
}

/// Request: withdraw a consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentWithdraw {
    /// 12-digit ID number.
    pub cccd: String,
    /// The purpose.
    pub purpose: PurposeCode,
}

/// Request: start a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitStart {
    /// The volunteer's name (remembered for next time).
    pub operator: String,
    /// Where (commune code), if chosen.
    pub place_commune: Option<String>,
}

/// Request: save what was done during a visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitUpdate {
    /// The visit.
    pub id: i64,
    /// VNeID outcome.
    pub vneid_outcome: VneidOutcomeCode,
    /// Note (the reason when blocked).
    pub vneid_note: Option<String>,
    /// Portal outcome.
    pub portal_outcome: PortalOutcomeCode,
    /// Note (the reason when blocked).
    pub portal_note: Option<String>,
    /// JSON object: guide id → ticked step ids.
    pub guide_progress: String,
}

/// Request: end a visit with the citizen's rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VisitEnd {
    /// The visit.
    pub id: i64,
    /// 1–5.
    pub satisfaction: u8,
}

/// One step of a guide, ticked by the volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct GuideStep {
    /// Stable id, stored in the visit's progress.
    pub id: String,
    /// What to do.
    pub text: LocalTextDto,
}

/// A step-by-step guide (VNeID, portal login …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: LocalTextDto,
    /// When and for whom.
    pub intro: LocalTextDto,
    /// The steps.
    pub steps: Vec<GuideStep>,
}

/// A choice in a troubleshooting tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TreeOption {
    /// What the volunteer picks.
    pub label: LocalTextDto,
    /// The node it leads to.
    pub next: String,
}

/// A node of a troubleshooting tree: a question with options, or advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TreeNode {
    /// Stable id.
    pub id: String,
    /// The question or the problem.
    pub text: LocalTextDto,
    /// Choices (a question node).
    #[serde(default)]
    pub options: Vec<TreeOption>,
    /// What to do (an advice node).
    #[serde(default)]
    pub advice: Vec<LocalTextDto>,
    /// Suggested outcome when this is where it ends (`blocked`).
    #[serde(default)]
    pub outcome: Option<String>,
}

/// A troubleshooting tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Tree {
    /// Stable id.
    pub id: String,
    /// Title.
    pub title: LocalTextDto,
    /// The first node.
    pub root: String,
    /// All nodes.
    pub nodes: Vec<TreeNode>,
}

/// All guide content: `data/guides/guides.json`, or `guides.json` in the data
/// directory when present (corrections without a rebuild).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Guides {
    /// Always `gocua-guides`.
    pub format: String,
    /// 1.
    pub format_version: u32,
    /// Step-by-step guides.
    pub guides: Vec<Guide>,
    /// Troubleshooting trees.
    pub trees: Vec<Tree>,
}

/// A file written for the user (export, receipt, printable checklist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileSaved {
    /// Where it was written.
    pub path: String,
}

/// One camera frame as 8-bit luma (row-major), base64-encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QrFrame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height` bytes of luma, base64.
    pub luma_base64: String,
}

/// The result of verifying the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditReport {
    /// True when every row links to the one before and matches its hash.
    pub intact: bool,
    /// Rows checked (when intact).
    pub rows: u64,
    /// The first broken row.
    pub broken_seq: Option<i64>,
    /// `gap`, `link` or `hash`.
    pub reason: Option<String>,
}

/// Request: add an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorAdd {
    /// Display name.
    pub name: String,
    /// `volunteer`, `lead` or `kiosk`.
    pub role: RoleCode,
    /// 6–12 digits.
    pub pin: String,
}

/// Request: unlock as an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorUnlock {
    /// Display name.
    pub name: String,
    /// The PIN.
    pub pin: String,
}

/// An operator (never with the PIN hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorDto {
    /// Display name.
    pub name: String,
    /// `volunteer`, `lead` or `kiosk`.
    pub role: RoleCode,
    /// When added.
    pub created_at: String,
}

/// What a retention purge did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurgeReport {
    /// The retention period applied.
    pub retention_days: u32,
    /// Citizens purged (or that would be).
    pub citizens: u32,
    /// Finished dossiers of no stored citizen purged (or that would be); a
    /// citizen's dossiers go with the citizen.
    pub dossiers: u32,
    /// Drafts of no stored citizen, never sent and untouched for the period.
    pub drafts: u32,
    /// Visits whose free-text notes were cleared (outcomes stay for reports).
    pub visit_notes: u32,
    /// Nothing was changed.
    pub dry_run: bool,
}

/// The desktop session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionDto {
    /// The unlocked operator, if any.
    pub operator: Option<OperatorDto>,
    /// Kiosk (self-service) mode.
    pub kiosk: bool,
    /// Nobody is unlocked (and not in kiosk mode): show the lock screen,
    /// or the first-lead screen when `needs_first_lead`.
    pub locked: bool,
    /// A new installation: the first team lead must be set up before anything else.
    pub needs_first_lead: bool,
    /// Idle seconds before the window locks (or, in a kiosk, wipes).
    pub idle_seconds: u32,
}

/// Request: a lead sets a new PIN for an operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorResetPin {
    /// The operator's name.
    pub name: String,
    /// The new PIN, 6–12 digits.
    pub pin: String,
}

/// Request: one operator by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperatorRef {
    /// The operator's name.
    pub name: String,
}

/// A procedure's dossier form, as `gocua forms list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormSummary {
    /// The procedure.
    pub procedure_code: String,
    /// Its name (Vietnamese).
    pub name: String,
    /// The form schema id.
    pub schema_id: String,
    /// The form schema version.
    pub version: u32,
    /// How many fields a volunteer may fill.
    pub fields: u32,
}

/// Start a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierCreate {
    /// The procedure.
    pub procedure_code: String,
    /// The citizen it is for (12-digit ID number).
    pub citizen: Option<String>,
    /// The visit it is started in.
    pub visit: Option<i64>,
    /// Start it even if the citizen has an open dossier for the procedure.
    pub force: bool,
    /// For a dossier with no stored citizen: the purposes the citizen agreed
    /// to (`dossiers` is required, `document_images` allows photos of
    /// papers), recorded on the dossier. Ignored when `citizen` is given:
    /// the citizen's own consents apply.
    #[serde(default)]
    pub consent: Vec<ConsentPurposeCode>,
}

/// A purpose a dossier without a stored citizen can be consented to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurposeCode {
    /// Prepare and submit the dossier on the citizen's behalf.
    Dossiers,
    /// Photograph papers for the dossier.
    DocumentImages,
}

impl From<ConsentPurposeCode> for gocua_core::visit::ConsentPurpose {
    fn from(c: ConsentPurposeCode) -> Self {
        match c {
            ConsentPurposeCode::Dossiers => gocua_core::visit::ConsentPurpose::Dossiers,
            ConsentPurposeCode::DocumentImages => gocua_core::visit::ConsentPurpose::DocumentImages,
        }
    }
}

/// The dossier started, or the open dossiers that look like duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DossierCreated {
    /// The new dossier (absent when duplicates were found and `force` was false).
    pub dossier: Option<DossierView>,
    /// The citizen's open dossiers for the same procedure.
    pub duplicates: Vec<DossierSummary>,
}

/// One line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierSummary {
    /// UUID.
    pub id: String,
    /// The procedure.
    pub procedure_code: String,
    /// Its name (Vietnamese).
    pub procedure_name: String,
    /// The citizen's name.
    pub citizen_name: Option<String>,
    /// The citizen's ID number.
    pub citizen_cccd: Option<String>,
    /// State spelling (`draft`, `ready`, `portal_2` …).
    pub state: DossierStateCode,
    /// The state in words, in the interface language.
    pub state_label: String,
    /// MaHoSo, once the portal has it.
    pub portal_code: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// Which dossiers to list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct DossierList {
    /// Words to find in the citizen's name or ID number, or the procedure
    /// (diacritics optional).
    #[serde(default)]
    pub query: String,
    /// `open` (draft, ready, supplement), `sent` (with the portal), or one
    /// state spelling; absent = all.
    #[serde(default)]
    pub state: Option<String>,
    /// Only this citizen's (12-digit ID number).
    #[serde(default)]
    pub citizen: Option<String>,
    /// Page size (default 50, at most 200).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Rows to skip.
    #[serde(default)]
    pub offset: Option<u32>,
}

/// A page of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierPage {
    /// The dossiers.
    pub items: Vec<DossierSummary>,
    /// Whether more follow.
    pub more: bool,
}

/// Refers to a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierRef {
    /// UUID.
    pub id: String,
}

/// One choice of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChoiceDto {
    /// Stored value.
    pub value: String,
    /// Label.
    pub label: LocalTextDto,
}

/// One field, as the wizard draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldDto {
    /// Field id (a sub-field's id inside its group).
    pub id: String,
    /// `text`, `number`, `date`, `choice`, `yes_no`, `phone`, `cccd`, `address`, `group`.
    pub kind: FieldKindCode,
    /// Label.
    pub label: LocalTextDto,
    /// Help.
    pub hint: Option<LocalTextDto>,
    /// Must be answered.
    pub required: bool,
    /// Choice options.
    pub options: Vec<ChoiceDto>,
    /// Text limit.
    pub max_length: Option<u32>,
    /// Group sub-fields.
    pub fields: Vec<FieldDto>,
    /// Group: fewest items.
    pub min_items: u32,
    /// Group: most items.
    pub max_items: u32,
    /// Group: what an item is called.
    pub item_label: Option<LocalTextDto>,
}

/// One page of the wizard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PageDto {
    /// Page id (also its place in the URL).
    pub id: String,
    /// Heading (the question).
    pub title: LocalTextDto,
    /// Help.
    pub hint: Option<LocalTextDto>,
    /// Part of this dossier, given the answers so far.
    pub visible: bool,
    /// Its fields.
    pub fields: Vec<FieldDto>,
}

/// One task of the task list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SectionDto {
    /// Section id.
    pub id: String,
    /// Task name.
    pub title: LocalTextDto,
    /// `not_started`, `in_progress` or `completed`.
    pub status: TaskStatusCode,
    /// Part of this dossier, given the answers so far.
    pub visible: bool,
    /// Its pages.
    pub pages: Vec<PageDto>,
}

/// A problem with one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IssueDto {
    /// The answer's path (`child_name`, `members[1].member_id`).
    pub path: String,
    /// The page it is on.
    pub page: String,
    /// Stable code (`required`, `not-a-date` …).
    pub code: String,
    /// The message, in the interface language.
    pub message: String,
}

/// The answers of a dossier: text by path, and items per group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct AnswersDto {
    /// Path → text as typed.
    pub values: std::collections::BTreeMap<String, String>,
    /// Group id → number of items.
    pub items: std::collections::BTreeMap<String, u32>,
}

/// A stored attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentDto {
    /// Row id.
    pub id: i64,
    /// File name.
    pub name: String,
    /// MIME type.
    pub mime: String,
    /// Bytes.
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
}

/// One paper of the dossier, with what is done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocumentDto {
    /// Index in the procedure's list.
    pub index: u32,
    /// What it is.
    pub name: LocalTextDto,
    /// `original`, `certified_copy`, `original_or_copy`, `declaration`.
    pub form: PaperFormDto,
    /// How many.
    pub count: u32,
    /// Needed only in some cases.
    pub conditional: bool,
    /// Conditions and tips.
    pub notes: Option<LocalTextDto>,
    /// `attached`, `form` (the wizard is this paper), `national_db` (the
    /// portal takes it from a national database), `not_applicable`, `later`
    /// (the citizen brings it later) or `missing`.
    pub status: PaperStatusCode,
    /// The files attached.
    pub attachments: Vec<AttachmentDto>,
}

/// What changed in the form since the draft was started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangeDto {
    /// `added`, `removed` or `changed`.
    pub kind: ChangeKindCode,
    /// Field path.
    pub path: String,
    /// Its label.
    pub label: LocalTextDto,
    /// Added fields: must be answered.
    pub required: bool,
}

/// Everything the wizard shows of one dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DossierView {
    /// UUID.
    pub id: String,
    /// The procedure.
    pub procedure_code: String,
    /// Its name.
    pub procedure_name: LocalTextDto,
    /// The form's title.
    pub title: LocalTextDto,
    /// State spelling.
    pub state: DossierStateCode,
    /// The state in words.
    pub state_label: String,
    /// Whether answers can change.
    pub editable: bool,
    /// Increases with every saved change.
    pub revision: i64,
    /// Where the volunteer was (page id, `tasks`, `documents`, `check`).
    pub position: String,
    /// The citizen.
    pub citizen: Option<CitizenRefDto>,
    /// The form version the draft uses.
    pub schema_version: u32,
    /// The tasks, pages and fields.
    pub sections: Vec<SectionDto>,
    /// The answers.
    pub answers: AnswersDto,
    /// Paths of sub-fields hidden by their item's answers (`kids[1].adopt_date`).
    pub hidden: Vec<String>,
    /// Every problem, in form order.
    pub issues: Vec<IssueDto>,
    /// The papers.
    pub documents: Vec<DocumentDto>,
    /// A newer version of the form exists: what changed.
    pub changes: Vec<ChangeDto>,
    /// That newer version.
    pub newer_version: Option<u32>,
    /// MaHoSo, once the portal has it.
    pub portal_code: Option<String>,
    /// The communes named in the answers, by code (for the pickers and the
    /// check-answers page).
    pub places: std::collections::BTreeMap<String, CommuneDto>,
    /// What the office asked for, when it requested a supplement.
    pub supplement_note: Option<String>,
}

/// The citizen a dossier is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenRefDto {
    /// Name.
    pub name: String,
    /// ID number.
    pub cccd: String,
}

/// Autosave one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierSet {
    /// UUID.
    pub id: String,
    /// Answer path.
    pub path: String,
    /// Text as typed.
    pub value: String,
}

/// Add an item to a group, or remove one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierItem {
    /// UUID.
    pub id: String,
    /// The group field.
    pub group: String,
    /// The item to remove; absent = add one.
    pub remove: Option<u32>,
}

/// Remember where the volunteer is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierGo {
    /// UUID.
    pub id: String,
    /// Page id, `tasks`, `documents` or `check`.
    pub position: String,
}

/// Mark a paper `not_applicable` or `later`, or clear the mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierMark {
    /// UUID.
    pub id: String,
    /// Paper index.
    pub document: u32,
    /// `not_applicable`, `later`, or absent to clear.
    pub mark: Option<PaperMarkCode>,
}

/// Attach a file (photo or PDF) to a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentAdd {
    /// Dossier UUID.
    pub id: String,
    /// Paper index.
    pub document: u32,
    /// The file's name, if it had one.
    pub name: Option<String>,
    /// The bytes, base64.
    pub data_base64: String,
}

/// Remove an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AttachmentRemove {
    /// Dossier UUID.
    pub id: String,
    /// Attachment id.
    pub attachment: i64,
}

/// Which report: a month (`YYYY-MM`) or a date range, optionally one
/// volunteer's or one commune's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct ReportRequest {
    /// `YYYY-MM`; ignored when `from` and `to` are given.
    #[serde(default)]
    pub month: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<String>,
    /// Last day (inclusive), `YYYY-MM-DD`.
    #[serde(default)]
    pub to: Option<String>,
    /// Only this volunteer's visits and dossiers.
    #[serde(default)]
    pub operator: Option<String>,
    /// Only visits (and their dossiers) in this commune (GSO code).
    #[serde(default)]
    pub commune: Option<String>,
}

/// Dossiers of one procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportProcedure {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Started.
    pub dossiers: u32,
    /// Of which reached the portal.
    pub online: u32,
}

/// Dossiers in one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportState {
    /// State spelling.
    pub state: DossierStateCode,
    /// In words.
    pub label: String,
    /// How many.
    pub dossiers: u32,
}

/// One day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Visits.
    pub visits: u32,
    /// Dossiers started.
    pub dossiers: u32,
}

/// One volunteer or commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportGroup {
    /// Volunteer name or commune code.
    pub key: String,
    /// What to show (the commune's name).
    pub name: String,
    /// Visits.
    pub visits: u32,
    /// Citizens served.
    pub citizens: u32,
    /// Dossiers started.
    pub dossiers: u32,
    /// VNeID accounts helped.
    pub vneid: u32,
}

/// The team's figures for a period (definitions in `gocua_core::report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportDto {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// The volunteer filter, if any.
    pub operator: Option<String>,
    /// The commune filter, if any (code).
    pub commune: Option<String>,
    /// Visits.
    pub visits: u32,
    /// Citizens served.
    pub citizens_served: u32,
    /// VNeID level 1 accounts helped.
    pub vneid_level1: u32,
    /// VNeID level 2 set up.
    pub vneid_level2: u32,
    /// VNeID help blocked.
    pub vneid_blocked: u32,
    /// Portal logins set up.
    pub portal_logins: u32,
    /// Dossiers started.
    pub dossiers: u32,
    /// Of which reached the portal.
    pub dossiers_online: u32,
    /// Percent.
    pub online_rate: Option<f64>,
    /// Known online fees of the dossiers sent, in đồng.
    pub fees_online: u64,
    /// Dossiers sent whose online fee is unknown.
    pub fees_unknown: u32,
    /// Ratings 1–5.
    pub ratings: Vec<u32>,
    /// Share of 4 and 5, percent.
    pub satisfied_rate: Option<f64>,
    /// Average rating.
    pub average_rating: Option<f64>,
    /// Minutes per dossier.
    pub minutes_per_dossier: Option<f64>,
    /// Citizens per volunteer per day.
    pub citizens_per_volunteer_day: Option<f64>,
    /// Per procedure, most first.
    pub by_procedure: Vec<ReportProcedure>,
    /// Per state.
    pub by_state: Vec<ReportState>,
    /// Every day.
    pub by_day: Vec<ReportDay>,
    /// Per volunteer.
    pub by_volunteer: Vec<ReportGroup>,
    /// Per commune.
    pub by_commune: Vec<ReportGroup>,
    /// The volunteers of the period (for the filter).
    pub volunteers: Vec<String>,
    /// The communes of the period (for the filter).
    pub communes: Vec<ReportGroup>,
}

/// Export a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportExport {
    /// Which report.
    pub report: ReportRequest,
    /// `xlsx`, `csv`, `pdf` or `json`.
    pub format: ReportFormatCode,
}

/// One operation of the outbox, as the queue screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxItem {
    /// Operation id (its Idempotency-Key).
    pub id: String,
    /// The dossier.
    pub dossier: String,
    /// Its procedure.
    pub procedure_name: String,
    /// Its citizen.
    pub citizen_name: Option<String>,
    /// `submit` or `supplement`.
    pub kind: OpKindCode,
    /// `pending`, `done` or `quarantined`.
    pub state: OpStateCode,
    /// Needs the citizen present (shown apart).
    pub needs_citizen: bool,
    /// Attempts so far.
    pub attempts: u32,
    /// When the next attempt is due (RFC 3339).
    pub next_attempt_at: String,
    /// Why the last attempt failed, in plain words.
    pub last_error: Option<String>,
    /// Attachment bytes to send.
    pub bytes_total: u64,
    /// Of which the portal confirmed.
    pub bytes_confirmed: u64,
}

/// The outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxDto {
    /// Unfinished operations first, then the last ones sent.
    pub items: Vec<OutboxItem>,
    /// Operations waiting.
    pub pending: u32,
    /// Operations set aside.
    pub quarantined: u32,
    /// Operations held until the citizen is present.
    pub needs_citizen: u32,
    /// Dossiers waiting for a supplement.
    pub supplements: u32,
}

/// What one sync pass did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncReport {
    /// Operations delivered.
    pub sent: u32,
    /// Attempts that failed and will be retried.
    pub retried: u32,
    /// Operations set aside.
    pub quarantined: u32,
    /// Status changes applied.
    pub changes: u32,
    /// Dossiers that now need a supplement.
    pub supplements: u32,
    /// The portal could not be reached at all.
    pub offline: bool,
}

/// The citizen is present: send an operation that needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxRelease {
    /// The operation.
    pub id: String,
}

/// Record the dossier code the real portal gave for a dossier submitted by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DossierHandoff {
    /// The dossier.
    pub id: String,
    /// MaHoSo as the portal printed it.
    pub portal_code: String,
}
