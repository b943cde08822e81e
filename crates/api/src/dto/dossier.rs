//! Dossiers: the forms, the list, the whole view the wizard shows, and the
//! edits it sends.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
    pub state: DossierState,
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
    /// A group of states or one state; absent = all.
    #[serde(default)]
    pub state: Option<DossierFilter>,
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
    pub kind: FieldType,
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
    /// Date: the year alone or month and year are accepted too.
    pub partial_date: bool,
    /// A helper field: printed and handed off inside this official field.
    pub fold_into: Option<String>,
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
    pub status: TaskStatus,
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
    /// The field as people read it (`Họ tên`, `Con 2 – Họ tên`), in the
    /// interface language.
    pub label: String,
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
    /// The form's answers decide whether it is needed: when they say it is
    /// not, it does not apply and cannot be marked; when they say it is, the
    /// volunteer may still mark it as not applying (consent written on the
    /// form itself, say).
    pub by_answers: bool,
    /// Conditions and tips.
    pub notes: Option<LocalTextDto>,
    /// `attached`, `form` (the wizard is this paper), `national_db` (the
    /// portal takes it from a national database), `not_applicable`, `later`
    /// (the citizen brings it later) or `missing`.
    pub status: PaperStatus,
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
    pub state: DossierState,
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
    /// Every answer as people read it, by path (an address by its field's
    /// path): option labels, Có/Không, dd/mm/yyyy dates, phone numbers and
    /// communes by name, in the interface language. The check-answers page
    /// shows these, each field apart.
    pub shown: std::collections::BTreeMap<String, String>,
    /// The same, as the official template has them: each helper field's
    /// answer ("Chỗ ở mới: …") written inside the official field it folds
    /// into, and left out on its own. The hand-off and the printed checklist
    /// show these.
    pub official: std::collections::BTreeMap<String, String>,
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
    pub mark: Option<PaperMark>,
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

/// A self-service form at the kiosk: the procedure and the answers so far,
/// held by the window only (nothing is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KioskForm {
    /// The procedure.
    pub procedure_code: String,
    /// The answers so far.
    pub answers: AnswersDto,
}

/// One answer of a self-service form changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KioskSet {
    /// The form as it was.
    pub form: KioskForm,
    /// Answer path.
    pub path: String,
    /// Text as typed.
    pub value: String,
}

/// An item added to (or removed from) a group of a self-service form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KioskItem {
    /// The form as it was.
    pub form: KioskForm,
    /// The group field.
    pub group: String,
    /// The item to remove; absent = add one.
    pub remove: Option<u32>,
}
