//! The ID card, citizens, their consents and visits, guides and webcam frames.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The facts of an ID card, as the card and the QR code state them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardDto {
    /// 12-digit personal ID number.
    pub id: String,
    /// Old ID (CMND), 9 or 12 digits, if any.
    pub old_id: Option<String>,
    /// Full name.
    pub name: String,
    /// `YYYY-MM-DD`; `YYYY` or `YYYY-MM` when the card gives only the year
    /// or the month and year of birth.
    pub birth_date: String,
    /// As on the card: "Nam" or "Nữ".
    pub sex: String,
    /// Address as printed.
    pub address: String,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
    /// The volunteer checked the card with the citizen and confirmed it
    /// reads so: a number whose province, century/sex or year digits do not
    /// match (a birth registered abroad, a card with a data error) is
    /// accepted; nothing else is.
    #[serde(default)]
    pub confirmed: bool,
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
    pub purpose: ConsentPurpose,
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
    pub purpose: ConsentPurpose,
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
    pub vneid_outcome: VneidOutcome,
    /// Why blocked / notes.
    pub vneid_note: Option<String>,
    /// `not_attempted`, `logged_in`, `linked_old_account`, `blocked`.
    pub portal_outcome: PortalOutcome,
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
    /// The ID number as lists show it ("001••••••456").
    pub cccd_masked: String,
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

/// Request: find citizens by name (diacritics optional) or ID number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenFind {
    /// Words that must all appear in the name or the ID number; empty = all.
    #[serde(default)]
    pub query: String,
    /// Page size (default 50, at most 200).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Rows to skip.
    #[serde(default)]
    pub offset: Option<u32>,
}

/// One citizen in a list: enough to tell people apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenSummary {
    /// 12-digit ID number (to open the citizen; not for display).
    pub cccd: String,
    /// The ID number as lists show it ("001••••••456").
    pub cccd_masked: String,
    /// Full name.
    pub name: String,
    /// Birth date, `yyyy-mm-dd` (or `yyyy`, `yyyy-mm` when only that is
    /// known).
    pub birth_date: String,
}

/// A page of citizens, most recently stored first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CitizenPage {
    /// This page.
    pub items: Vec<CitizenSummary>,
    /// How many match in all.
    pub total: u32,
    /// Whether more follow.
    pub more: bool,
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
    pub purpose: ConsentPurpose,
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
    pub vneid_outcome: VneidOutcome,
    /// Note (the reason when blocked).
    pub vneid_note: Option<String>,
    /// Portal outcome.
    pub portal_outcome: PortalOutcome,
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

/// A problem of a card typed by hand, for the field it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CardProblem {
    /// `id`, `old_id`, `name`, `birth_date`, `sex`, `address` or `issue_date`.
    pub field: String,
    /// The volunteer may accept it after checking the card with the citizen
    /// (see [`CardDto::confirmed`]).
    pub overridable: bool,
    /// What is wrong and how to put it right, in the interface language.
    pub message: String,
}
