//! The life of a dossier: local states, then the portal's own TrangThaiHoSo.
//!
//! Local: `draft → ready → queued → sending`. Once the portal has it, the
//! state is its TrangThaiHoSo code (1–10). A supplement request (5) reopens
//! it as a `supplement_draft`, which is made ready and queued again. A
//! draft handed to another laptop of the team waits `handing_over`, locked,
//! until the receiver accepts it (then it leaves this laptop) or the sender
//! takes it back (a draft again). Every
//! transition is decided here by [`next`]; nothing else changes a state.

use std::fmt;
use std::str::FromStr;

/// TrangThaiHoSo: the national portal's dossier states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PortalStatus {
    /// 1 Mới đăng ký (chờ tiếp nhận).
    New = 1,
    /// 2 Được tiếp nhận.
    Received = 2,
    /// 3 Không được tiếp nhận.
    Refused = 3,
    /// 4 Đang xử lý.
    Processing = 4,
    /// 5 Yêu cầu bổ sung giấy tờ.
    NeedsSupplement = 5,
    /// 6 Yêu cầu thực hiện nghĩa vụ tài chính.
    NeedsPayment = 6,
    /// 7 Công dân yêu cầu rút hồ sơ.
    Withdrawn = 7,
    /// 8 Dừng xử lý.
    Stopped = 8,
    /// 9 Đã xử lý xong.
    Processed = 9,
    /// 10 Đã trả kết quả.
    Returned = 10,
}

impl PortalStatus {
    /// All ten, in code order.
    pub const ALL: [PortalStatus; 10] = [
        PortalStatus::New,
        PortalStatus::Received,
        PortalStatus::Refused,
        PortalStatus::Processing,
        PortalStatus::NeedsSupplement,
        PortalStatus::NeedsPayment,
        PortalStatus::Withdrawn,
        PortalStatus::Stopped,
        PortalStatus::Processed,
        PortalStatus::Returned,
    ];

    /// The TrangThaiHoSo code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// From a TrangThaiHoSo code.
    pub fn from_code(code: u8) -> Option<Self> {
        Self::ALL.get(usize::from(code).checked_sub(1)?).copied()
    }

    /// Nothing more will happen to the dossier.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            PortalStatus::Refused
                | PortalStatus::Withdrawn
                | PortalStatus::Stopped
                | PortalStatus::Returned
        )
    }
}

/// Where a dossier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DossierState {
    /// Being filled in.
    Draft,
    /// Complete and checked; can be sent or handed off.
    Ready,
    /// Waiting in the outbox for a connection.
    Queued,
    /// Being sent now.
    Sending,
    /// The portal has it, in this state.
    Portal(PortalStatus),
    /// Reopened to answer a supplement request.
    SupplementDraft,
    /// Sent to another laptop of the team, waiting for it to accept:
    /// nothing can change it here meanwhile.
    HandingOver,
}

/// What can happen to a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// An answer or attachment changed.
    Edit,
    /// Every answer and document is there.
    MarkReady,
    /// Put in the outbox, to be sent by the worker.
    Queue,
    /// Filed by the volunteer on the real portal (guided hand-off); the
    /// portal's code was recorded, and the portal has it as new (state 1).
    HandedOff,
    /// The worker took it.
    StartSending,
    /// The attempt failed; it waits for the next.
    SendFailed,
    /// The portal reported this state (accepting it, or later).
    PortalReports(PortalStatus),
    /// Sealed for another laptop of the team (hand-over through the hub).
    HandOver,
    /// The hand-over was taken back, or the receiver declined it.
    Reclaim,
    /// The citizen withdrew the `dossiers` consent: what has not reached the
    /// portal goes back to a draft (its outbox operation is cancelled).
    ConsentWithdrawn,
}

impl DossierState {
    /// The states in which answers can change.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            DossierState::Draft | DossierState::Ready | DossierState::SupplementDraft
        )
    }

    /// Nothing more will happen to it (the portal refused, stopped or
    /// returned it, or the citizen withdrew it).
    pub fn is_final(self) -> bool {
        matches!(self, DossierState::Portal(s) if s.is_final())
    }

    /// Every state, in order.
    pub fn all() -> impl Iterator<Item = DossierState> {
        [
            DossierState::Draft,
            DossierState::Ready,
            DossierState::Queued,
            DossierState::Sending,
            DossierState::SupplementDraft,
            DossierState::HandingOver,
        ]
        .into_iter()
        .chain(PortalStatus::ALL.map(DossierState::Portal))
    }
}

/// A transition that is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{event:?} is not possible in state {from}")]
pub struct NotAllowed {
    /// The state.
    pub from: DossierState,
    /// The event.
    pub event: Event,
}

/// The state after `event`, or why it cannot happen.
pub fn next(from: DossierState, event: Event) -> Result<DossierState, NotAllowed> {
    use DossierState as S;
    use Event as E;
    let to = match (from, event) {
        (S::Draft | S::Ready, E::Edit) => S::Draft,
        (S::SupplementDraft, E::Edit) => S::SupplementDraft,
        (S::Draft | S::SupplementDraft, E::MarkReady) => S::Ready,
        (S::Ready, E::Queue) => S::Queued,
        (S::Ready, E::HandedOff) => S::Portal(PortalStatus::New),
        (S::Queued, E::StartSending) => S::Sending,
        (S::Sending, E::SendFailed) => S::Queued,
        (S::Sending, E::PortalReports(s)) => S::Portal(s),
        (S::Portal(p), E::PortalReports(s)) if !p.is_final() => match s {
            PortalStatus::NeedsSupplement => S::SupplementDraft,
            s => S::Portal(s),
        },
        (S::SupplementDraft, E::PortalReports(s)) if s != PortalStatus::NeedsSupplement => {
            S::Portal(s)
        }
        (S::Draft | S::Ready, E::HandOver) => S::HandingOver,
        (S::HandingOver, E::Reclaim) => S::Draft,
        (S::Draft | S::Ready | S::Queued | S::Sending, E::ConsentWithdrawn) => S::Draft,
        (S::SupplementDraft, E::ConsentWithdrawn) => S::SupplementDraft,
        _ => return Err(NotAllowed { from, event }),
    };
    Ok(to)
}

impl fmt::Display for DossierState {
    /// The stored spelling: `draft`, `ready`, `queued`, `sending`,
    /// `supplement_draft`, `portal_1` … `portal_10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DossierState::Draft => f.write_str("draft"),
            DossierState::Ready => f.write_str("ready"),
            DossierState::Queued => f.write_str("queued"),
            DossierState::Sending => f.write_str("sending"),
            DossierState::SupplementDraft => f.write_str("supplement_draft"),
            DossierState::HandingOver => f.write_str("handing_over"),
            DossierState::Portal(s) => write!(f, "portal_{}", s.code()),
        }
    }
}

/// A spelling that is not a state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown dossier state {0:?}")]
pub struct UnknownState(pub String);

impl FromStr for DossierState {
    type Err = UnknownState;
    fn from_str(s: &str) -> Result<Self, UnknownState> {
        Ok(match s {
            "draft" => DossierState::Draft,
            "ready" => DossierState::Ready,
            "queued" => DossierState::Queued,
            "sending" => DossierState::Sending,
            "supplement_draft" => DossierState::SupplementDraft,
            "handing_over" => DossierState::HandingOver,
            _ => s
                .strip_prefix("portal_")
                .and_then(|c| c.parse().ok())
                .and_then(PortalStatus::from_code)
                .map(DossierState::Portal)
                .ok_or_else(|| UnknownState(s.to_owned()))?,
        })
    }
}

/// What the volunteer said about a paper that is not attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperMark {
    /// Does not apply to this citizen (conditional papers only).
    NotApplicable,
    /// The citizen will bring it later.
    Later,
}

/// Where a dossier's paper stands. The one rule the view, the checklist,
/// the hand-off and the completeness check share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaperStatus {
    /// A photo or PDF is attached.
    Attached,
    /// It is the declaration form itself: the dossier's answers fill it.
    Form,
    /// The office takes it from a national database (it need not be brought).
    NationalDb,
    /// Marked as not applying (conditional papers only).
    NotApplicable,
    /// Marked as coming later: still missing for filing.
    Later,
    /// Not there.
    Missing,
}

spelled!(PaperMark: UnknownValue { NotApplicable = "not_applicable", Later = "later" });
spelled!(PaperStatus: UnknownValue {
    Attached = "attached",
    Form = "form",
    NationalDb = "national_db",
    NotApplicable = "not_applicable",
    Later = "later",
    Missing = "missing"
});

use crate::spelling::UnknownValue;

impl PaperStatus {
    /// The status of a paper: `declaration` (it is the form),
    /// `from_national_db`, `conditional` come from the procedure.
    pub fn of(
        attached: bool,
        declaration: bool,
        from_national_db: bool,
        conditional: bool,
        mark: Option<PaperMark>,
    ) -> PaperStatus {
        if attached {
            PaperStatus::Attached
        } else if declaration {
            PaperStatus::Form
        } else if from_national_db {
            PaperStatus::NationalDb
        } else {
            match mark {
                Some(PaperMark::NotApplicable) if conditional => PaperStatus::NotApplicable,
                Some(PaperMark::Later) => PaperStatus::Later,
                _ => PaperStatus::Missing,
            }
        }
    }

    /// Whether the dossier cannot be filed without it yet.
    pub fn is_missing(self) -> bool {
        matches!(self, PaperStatus::Missing | PaperStatus::Later)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paper_is_missing_until_attached_supplied_otherwise_or_rightly_marked() {
        use PaperStatus as P;
        let of = |attached, mark| P::of(attached, false, false, false, mark);
        assert_eq!(of(true, Some(PaperMark::Later)), P::Attached);
        assert_eq!(of(false, None), P::Missing);
        assert_eq!(of(false, Some(PaperMark::Later)), P::Later);
        // Only a conditional paper can be marked as not applying.
        assert_eq!(of(false, Some(PaperMark::NotApplicable)), P::Missing);
        assert_eq!(
            P::of(false, false, false, true, Some(PaperMark::NotApplicable)),
            P::NotApplicable
        );
        assert_eq!(P::of(false, true, false, false, None), P::Form);
        assert_eq!(P::of(false, false, true, false, None), P::NationalDb);
        let missing: Vec<bool> = [
            P::Attached,
            P::Form,
            P::NationalDb,
            P::NotApplicable,
            P::Later,
            P::Missing,
        ]
        .map(P::is_missing)
        .to_vec();
        assert_eq!(missing, [false, false, false, false, true, true]);
    }

    fn all_states() -> Vec<DossierState> {
        let mut v = vec![
            DossierState::Draft,
            DossierState::Ready,
            DossierState::Queued,
            DossierState::Sending,
            DossierState::SupplementDraft,
            DossierState::HandingOver,
        ];
        v.extend(PortalStatus::ALL.map(DossierState::Portal));
        v
    }

    fn all_events() -> Vec<Event> {
        let mut v = vec![
            Event::Edit,
            Event::MarkReady,
            Event::Queue,
            Event::HandedOff,
            Event::StartSending,
            Event::SendFailed,
            Event::ConsentWithdrawn,
            Event::HandOver,
            Event::Reclaim,
        ];
        v.extend(PortalStatus::ALL.map(Event::PortalReports));
        v
    }

    /// Every (state, event) pair, against the rules written out once more
    /// in words.
    #[test]
    fn every_transition_is_as_designed() {
        for from in all_states() {
            for event in all_events() {
                let got = next(from, event).ok();
                let want = match (from, event) {
                    (DossierState::Draft, Event::Edit) | (DossierState::Ready, Event::Edit) => {
                        Some(DossierState::Draft)
                    }
                    (DossierState::SupplementDraft, Event::Edit) => Some(from),
                    (DossierState::Draft, Event::MarkReady)
                    | (DossierState::SupplementDraft, Event::MarkReady) => {
                        Some(DossierState::Ready)
                    }
                    (DossierState::Ready, Event::Queue) => Some(DossierState::Queued),
                    // Filed on the real portal by hand: only what is ready.
                    (DossierState::Ready, Event::HandedOff) => {
                        Some(DossierState::Portal(PortalStatus::New))
                    }
                    (DossierState::Queued, Event::StartSending) => Some(DossierState::Sending),
                    (DossierState::Sending, Event::SendFailed) => Some(DossierState::Queued),
                    (DossierState::Sending, Event::PortalReports(s)) => {
                        Some(DossierState::Portal(s))
                    }
                    (DossierState::Portal(p), Event::PortalReports(s)) => {
                        if p.is_final() {
                            None
                        } else if s == PortalStatus::NeedsSupplement {
                            Some(DossierState::SupplementDraft)
                        } else {
                            Some(DossierState::Portal(s))
                        }
                    }
                    (DossierState::SupplementDraft, Event::PortalReports(s)) => {
                        (s != PortalStatus::NeedsSupplement).then_some(DossierState::Portal(s))
                    }
                    // Withdrawn consent: nothing more goes to the portal;
                    // what is already there stays where it is.
                    (
                        DossierState::Draft
                        | DossierState::Ready
                        | DossierState::Queued
                        | DossierState::Sending,
                        Event::ConsentWithdrawn,
                    ) => Some(DossierState::Draft),
                    (DossierState::SupplementDraft, Event::ConsentWithdrawn) => Some(from),
                    // Only a draft of this laptop's own is handed over (not
                    // one the portal asked to supplement: the portal's
                    // account is the filer's); it comes back as a draft.
                    (DossierState::Draft | DossierState::Ready, Event::HandOver) => {
                        Some(DossierState::HandingOver)
                    }
                    (DossierState::HandingOver, Event::Reclaim) => Some(DossierState::Draft),
                    _ => None,
                };
                assert_eq!(got, want, "{from} + {event:?}");
            }
        }
    }

    #[test]
    fn states_round_trip_through_their_spelling() {
        for s in all_states() {
            assert_eq!(s.to_string().parse::<DossierState>(), Ok(s));
        }
        for bad in ["", "portal_0", "portal_11", "Draft", "portal_x"] {
            assert!(bad.parse::<DossierState>().is_err(), "{bad}");
        }
    }

    #[test]
    fn only_drafts_and_ready_dossiers_are_editable() {
        let editable: Vec<_> = all_states()
            .into_iter()
            .filter(|s| s.is_editable())
            .collect();
        assert_eq!(
            editable,
            [
                DossierState::Draft,
                DossierState::Ready,
                DossierState::SupplementDraft
            ]
        );
    }
}
