//! The team hub protocol (laptop ↔ `gocua-hub`), described for other
//! implementers in `docs/hub-protocol.openapi.yaml`.
//!
//! After enrolment every request carries three headers: the device id, the
//! time, and an ed25519 signature over [`signed_message`]; the hub checks it
//! against the public key the laptop registered. Report events are
//! pseudonymous: procedure and commune codes, states, outcomes, ratings, days
//! and minutes, with citizens and volunteers as salted hashes — never names,
//! ID numbers or answers.

use serde::{Deserialize, Serialize};

/// Header: the device's id at the hub.
pub const HUB_DEVICE: &str = "x-gocua-device";
/// Header: seconds since the Unix epoch when the request was signed.
pub const HUB_TIME: &str = "x-gocua-time";
/// Header: base64 ed25519 signature of [`signed_message`].
pub const HUB_SIGNATURE: &str = "x-gocua-signature";
/// How far a request's time may be from the hub's clock, in seconds.
pub const HUB_CLOCK_SKEW: i64 = 300;
/// The `service` of the hub's `/healthz`.
pub const HUB_SERVICE: &str = "gocua-hub";
/// Most events in one batch.
pub const HUB_BATCH_MAX: usize = 1000;

/// What a device signs: method, path, time and the body's SHA-256 (hex), one
/// per line, after a fixed prefix.
pub fn signed_message(method: &str, path: &str, time: i64, body_sha256_hex: &str) -> String {
    format!("gocua-hub-v1\n{method}\n{path}\n{time}\n{body_sha256_hex}")
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubHealth {
    /// Always [`HUB_SERVICE`].
    pub service: String,
    /// The hub's version.
    pub version: String,
    /// Whether its database answers.
    pub database: bool,
}

/// `POST /v1/enrol`: a laptop presents the enrolment code's secret and its
/// new public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrol {
    /// The secret from the enrolment code.
    pub secret: String,
    /// The device's ed25519 public key (base64, 32 bytes).
    pub public_key: String,
    /// A name for the laptop, shown to the team lead.
    pub name: String,
    /// The app version.
    pub app_version: String,
    /// The laptop's installation secret at this hub (64 hex digits), made
    /// once and kept through leaving and joining again: a laptop that joins
    /// again with it is the same device, so its records replace, never add.
    /// Absent from laptops older than it (each join is then a new device).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation: Option<String>,
}

/// The answer to [`Enrol`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolled {
    /// The device's id at the hub.
    pub device_id: String,
    /// The team.
    pub team_id: String,
    /// Its name.
    pub team_name: String,
    /// The province's content-signing key (ed25519, base64).
    pub province_key: String,
    /// Salt of volunteer pseudonyms, shared by the team's laptops (base64).
    pub team_salt: String,
    /// The hub knew this laptop already (by its installation secret): it is
    /// the same device as before, now in this team.
    #[serde(default)]
    pub known: bool,
    /// The team's province (2 digits): the province key signs only that
    /// province's catalogue packs (`vn-<code>`, `vn-<code>-…`). Absent from
    /// older hubs, whose key then signs no pack on the laptop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
}

/// A visit as the report counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFacts {
    /// The citizen's pseudonym on this device, absent for a person who did
    /// not consent to be stored.
    pub citizen: Option<String>,
    /// The volunteer's pseudonym in the team.
    pub operator: String,
    /// 2025 commune code of the place.
    pub commune: Option<String>,
    /// Day it started, in Vietnam (`YYYY-MM-DD`).
    pub day: String,
    /// Its length, once ended.
    pub minutes: Option<u32>,
    /// Where the VNeID help ended (`not_attempted`, `level1`, …).
    pub vneid: VneidOutcome,
    /// Where the portal-login help ended.
    pub portal: PortalOutcome,
    /// Rating 1–5.
    pub rating: Option<u8>,
    /// Dossiers started in it.
    pub dossiers: u32,
}

/// A dossier as the report counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierFacts {
    /// Procedure code.
    pub procedure_code: String,
    /// Procedure name (catalogue text).
    pub procedure_name: String,
    /// Where it is (`draft`, `queued`, `portal_4`, …).
    pub state: DossierState,
    /// Day it was started, in Vietnam.
    pub day: String,
    /// The volunteer's pseudonym in the team.
    pub operator: String,
    /// Commune code of its visit.
    pub commune: Option<String>,
    /// The catalogue's online fee, when known.
    pub online_fee: Option<u64>,
}

/// What a record is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Facts {
    /// A visit.
    Visit(VisitFacts),
    /// A dossier.
    Dossier(DossierFacts),
    /// A visit that is gone (erased with its citizen, purged).
    VisitGone,
    /// A dossier that is gone.
    DossierGone,
}

/// One report event: record `record` at revision `rev` is now `facts`. The
/// hub keeps the highest revision of each record; `id` (derived from device,
/// record and revision) makes a re-sent event a duplicate it recognises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportEvent {
    /// UUID, the event's idempotency key.
    pub id: String,
    /// The record's id on the device (opaque to the hub).
    pub record: String,
    /// Revision: grows with every change of any record on the device.
    pub rev: i64,
    /// The record now.
    pub facts: Facts,
}

/// The head of the device's audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Sequence number of the last row.
    pub seq: i64,
    /// Its hash (hex).
    pub hash: String,
}

/// The most rows a laptop's audit chain may grow between two anchors the
/// hub keeps (a day's work is a few hundred): a larger step is refused, so
/// a device cannot post a far-off position that every later anchor of the
/// honest chain would then fail to extend.
pub const ANCHOR_STEP_MAX: i64 = 100_000;

/// `POST /v1/sync`: a batch of events, with what the lead's dashboard shows
/// of the laptop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncBatch {
    /// The events (at most [`HUB_BATCH_MAX`]).
    pub events: Vec<ReportEvent>,
    /// Records still waiting after this batch.
    pub queue_depth: u64,
    /// The app version.
    pub app_version: String,
    /// The audit chain's head, when there is one.
    pub anchor: Option<Anchor>,
    /// This laptop's own hash at the newest position the hub anchored before
    /// (`None` when the hub held none): a new anchor is kept only when it
    /// extends the chain the hub already holds, so a chain rewritten with
    /// the database key cannot outrun its anchors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor_since: Option<Anchor>,
}

/// The answer to [`SyncBatch`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReceipt {
    /// Events stored now.
    pub stored: u32,
    /// Events the hub already had.
    pub duplicates: u32,
    /// The newest anchor the hub holds for this device.
    pub anchor: Option<Anchor>,
}

/// `GET /v1/catalogue`: the newest catalogue pack of each pack id the
/// province published, signed with the province's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedPack {
    /// Which catalogue.
    pub pack_id: String,
    /// Its version.
    pub version: u32,
    /// The signed envelope (JSON text), installed like any signed pack.
    pub signed: String,
}

/// `GET /v1/guides`: the newest guides the province published (signed
/// envelope whose payload is a `gocua-guides` file), or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedGuides {
    /// Grows with each publication.
    pub version: i64,
    /// The signed envelope (JSON text).
    pub signed: String,
}

/// `GET /v1/team/devices`: another laptop of the asking device's team, to
/// hand a draft to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDevice {
    /// Its id at the hub.
    pub device_id: String,
    /// Its name, as its volunteer gave it.
    pub name: String,
    /// Its ed25519 public key (base64): hand-overs are sealed to it.
    pub public_key: String,
    /// Its last contact (RFC 3339), if any.
    pub last_seen_at: Option<String>,
}

/// The largest sealed hand-over envelope the hub relays (its JSON text):
/// a draft with a dozen photos of papers.
pub const HANDOVER_MAX: usize = 48 * 1024 * 1024;

/// Days a hand-over waits for its receiver: after that the hub takes it
/// back for the sender (`reclaimed`) and drops the envelope, so that no
/// citizen's sealed draft waits at the hub for ever.
pub const HANDOVER_EXPIRY_DAYS: i32 = 14;

/// `POST /v1/handovers`: a draft sealed for another laptop of the team
/// (`gocua_core::sealed`). Sending the same id again changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverSend {
    /// The hand-over's id (UUID), chosen by the sender.
    pub id: String,
    /// The receiving device.
    pub to_device: String,
    /// The sealed envelope (JSON text), whose id, sender and receiver are
    /// these.
    pub envelope: String,
}

use gocua_core::dossier::DossierState;
/// Where a hand-over is: core's state, spelt on the wire as it is stored.
pub use gocua_core::handover::HandoverState;
use gocua_core::operator::Role;
use gocua_core::visit::{PortalOutcome, VneidOutcome};

/// A hand-over's state, as the hub holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverStatus {
    /// Its id.
    pub id: String,
    /// Its state.
    pub state: HandoverState,
}

/// A hand-over to the asking device that it has not finished with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverIncoming {
    /// Its id.
    pub id: String,
    /// The sending device.
    pub from_device: String,
    /// Its name.
    pub from_name: String,
    /// Its ed25519 public key (base64), which signed the envelope.
    pub from_key: String,
    /// When it was sent (RFC 3339).
    pub sent_at: String,
    /// `sent`, or `accepted` when this device accepted it but has not said
    /// it imported it yet.
    pub state: HandoverState,
    /// The sealed envelope.
    pub envelope: String,
}

/// A hand-over from the asking device, decided, that it has not finished with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverOutcome {
    /// Its id.
    pub id: String,
    /// The receiving device's name.
    pub to_name: String,
    /// Its state.
    pub state: HandoverState,
}

/// `GET /v1/handovers`: what waits for the asking device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverMail {
    /// Hand-overs to it.
    pub incoming: Vec<HandoverIncoming>,
    /// Its own hand-overs, decided or still waiting.
    pub outgoing: Vec<HandoverOutcome>,
}

/// A volunteer of the team, as the lead keeps the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterMember {
    /// Their name.
    pub name: String,
    /// `lead` or `volunteer` (a laptop refuses a roster with any other).
    pub role: Role,
}

/// The payload of a signed roster: whose team, which version, who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    /// Always `gocua-roster`.
    pub format: String,
    /// The team it is of (a laptop refuses another team's).
    pub team_id: String,
    /// Grows with each change.
    pub version: i64,
    /// The volunteers, by name.
    pub members: Vec<RosterMember>,
}

/// The `format` of a [`Roster`].
pub const ROSTER_FORMAT: &str = "gocua-roster";

/// `GET /v1/roster`: the asking device's team roster, signed with the
/// province's key (a signed envelope whose payload is a [`Roster`]), or none
/// while the lead has not written one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRoster {
    /// Its version.
    pub version: i64,
    /// The signed envelope (JSON text).
    pub signed: String,
}

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubError {
    /// Stable code: `bad_request`, `unauthorized`, `clock_skew`, `revoked`,
    /// `enrolment_invalid`, `not_found`, `handover_closed` (a hand-over
    /// already decided otherwise; the message is its state), `unavailable`,
    /// `internal`.
    pub code: String,
    /// Technical message.
    pub message: String,
}

/// What a team lead hands to a laptop to join the hub: the hub's address, a
/// one-time secret and the SHA-256 fingerprint of the hub's certificate,
/// written as `GC1-` and base64url of a small JSON object (fits in a QR code
/// and survives being typed or pasted with spaces and line breaks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentCode {
    /// The hub's base URL (`https://host:port`).
    #[serde(rename = "u")]
    pub url: String,
    /// The one-time secret.
    #[serde(rename = "s")]
    pub secret: String,
    /// SHA-256 of the hub certificate (DER), lowercase hex.
    #[serde(rename = "f")]
    pub fingerprint: String,
}

/// The prefix of an enrolment code's text.
pub const ENROLMENT_PREFIX: &str = "GC1-";

/// Why a text is not an enrolment code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeProblem {
    /// It does not start with [`ENROLMENT_PREFIX`].
    Prefix,
    /// Its body is not base64url of the expected JSON.
    Body,
    /// The URL is not `https://…`, or the fingerprint not 64 hex digits, or
    /// the secret empty.
    Field,
}

impl std::fmt::Display for CodeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CodeProblem::Prefix => "not an enrolment code (it should start with GC1-)",
            CodeProblem::Body => "the enrolment code is damaged or incomplete",
            CodeProblem::Field => "the enrolment code holds an invalid field",
        })
    }
}

impl std::error::Error for CodeProblem {}

impl EnrolmentCode {
    /// The code as text.
    pub fn to_text(&self) -> String {
        use base64::Engine as _;
        // Serialising three strings cannot fail.
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!(
            "{ENROLMENT_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
        )
    }

    /// Reads a code as typed, pasted or scanned: white space anywhere is
    /// ignored, the prefix's letters may be in either case.
    pub fn parse(text: &str) -> Result<EnrolmentCode, CodeProblem> {
        use base64::Engine as _;
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let body = match compact.get(..ENROLMENT_PREFIX.len()) {
            Some(p) if p.eq_ignore_ascii_case(ENROLMENT_PREFIX) => {
                &compact[ENROLMENT_PREFIX.len()..]
            }
            _ => return Err(CodeProblem::Prefix),
        };
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body.trim_end_matches('='))
            .map_err(|_| CodeProblem::Body)?;
        let code: EnrolmentCode = serde_json::from_slice(&json).map_err(|_| CodeProblem::Body)?;
        let hex =
            |s: &str| s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !code.url.starts_with("https://")
            || code.url.len() <= "https://".len()
            || code.secret.is_empty()
            || !hex(&code.fingerprint)
        {
            return Err(CodeProblem::Field);
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn code() -> EnrolmentCode {
        EnrolmentCode {
            url: "https://10.0.0.5:8443".into(),
            secret: "c2VjcmV0LXNlY3JldA".into(),
            fingerprint: "ab".repeat(32),
        }
    }

    #[test]
    fn a_code_reads_back_as_written_even_typed_with_spaces() {
        let text = code().to_text();
        assert_eq!(EnrolmentCode::parse(&text), Ok(code()));
        let spaced: String = text
            .chars()
            .enumerate()
            .flat_map(|(i, c)| if i % 5 == 4 { vec![c, ' '] } else { vec![c] })
            .collect();
        assert_eq!(EnrolmentCode::parse(&format!("  {spaced}\n")), Ok(code()));
        assert_eq!(
            EnrolmentCode::parse(&text.replacen("GC1-", "gc1-", 1)),
            Ok(code())
        );
    }

    #[test]
    fn damaged_codes_say_how() {
        assert_eq!(EnrolmentCode::parse("hello"), Err(CodeProblem::Prefix));
        assert_eq!(EnrolmentCode::parse("GC1-!!!"), Err(CodeProblem::Body));
        let text = code().to_text();
        assert_eq!(
            EnrolmentCode::parse(&text[..text.len() - 6]),
            Err(CodeProblem::Body)
        );
        let mut plain = code();
        plain.url = "http://10.0.0.5".into();
        assert_eq!(
            EnrolmentCode::parse(&plain.to_text()),
            Err(CodeProblem::Field)
        );
        let mut short = code();
        short.fingerprint = "abc".into();
        assert_eq!(
            EnrolmentCode::parse(&short.to_text()),
            Err(CodeProblem::Field)
        );
    }

    proptest! {
        #[test]
        fn parsing_any_text_never_panics(s in ".{0,200}") {
            let _ = EnrolmentCode::parse(&s);
        }

        #[test]
        fn every_valid_code_round_trips(host in "[a-z0-9.-]{1,40}", secret in "[A-Za-z0-9_-]{1,60}",
                                        fp in "[0-9a-f]{64}") {
            let c = EnrolmentCode { url: format!("https://{host}"), secret, fingerprint: fp };
            prop_assert_eq!(EnrolmentCode::parse(&c.to_text()), Ok(c));
        }
    }
}
