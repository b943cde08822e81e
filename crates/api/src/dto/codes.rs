//! The closed sets that cross to TypeScript as unions of their spellings,
//! with their conversions from and to the core types.

#[allow(unused_imports)]
use super::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
        /// Sent to another laptop of the team, waiting for it to accept.
        HandingOver = "handing_over",
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

impl From<DossierStateCode> for gocua_core::dossier::DossierState {
    fn from(s: DossierStateCode) -> Self {
        use DossierStateCode as C;
        use gocua_core::dossier::{DossierState as S, PortalStatus as P};
        match s {
            C::Draft => S::Draft,
            C::Ready => S::Ready,
            C::Queued => S::Queued,
            C::Sending => S::Sending,
            C::SupplementDraft => S::SupplementDraft,
            C::HandingOver => S::HandingOver,
            C::Portal1 => S::Portal(P::New),
            C::Portal2 => S::Portal(P::Received),
            C::Portal3 => S::Portal(P::Refused),
            C::Portal4 => S::Portal(P::Processing),
            C::Portal5 => S::Portal(P::NeedsSupplement),
            C::Portal6 => S::Portal(P::NeedsPayment),
            C::Portal7 => S::Portal(P::Withdrawn),
            C::Portal8 => S::Portal(P::Stopped),
            C::Portal9 => S::Portal(P::Processed),
            C::Portal10 => S::Portal(P::Returned),
        }
    }
}

code! {
    /// Groups of states the dossier list is filtered by.
    DossierGroupCode {
        /// Still to be finished here: draft, ready, supplement draft.
        Open = "open",
        /// With the portal (any TrangThaiHoSo).
        Sent = "sent",
        /// Every state.
        All = "all",
    }
}

/// What the dossier list is filtered by: a group of states or one state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum DossierFilter {
    /// A group of states.
    Group(DossierGroupCode),
    /// One state.
    State(DossierStateCode),
}

impl std::str::FromStr for DossierFilter {
    type Err = crate::ApiError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse()
            .map(DossierFilter::Group)
            .or_else(|_| s.parse().map(DossierFilter::State))
            .map_err(|_| crate::ApiError::InvalidValue {
                field: "state".into(),
                value: s.to_owned(),
            })
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
            S::HandingOver => Self::HandingOver,
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

code! {
    /// The offline voices that read aloud (espeak-ng's).
    SpeechVoiceCode {
        /// Vietnamese, Northern.
        North = "north",
        /// Vietnamese, Central.
        Central = "central",
        /// Vietnamese, Southern.
        South = "south",
        /// English.
        English = "english",
    }
}

code! {
    /// Where a hand-over is.
    HandoverStateCode {
        /// Waiting for the receiver.
        Sent = "sent",
        /// The receiver took it.
        Accepted = "accepted",
        /// The receiver declined it (the sender has it back).
        Declined = "declined",
        /// The sender took it back.
        Reclaimed = "reclaimed",
    }
}
