//! The team hub client: the hub's certificate pinned by the fingerprint the
//! enrolment code carried, every request after enrolment signed with the
//! device's ed25519 key (`gocua_protocol::hub::signed_message`).

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use ed25519_dalek::{Signer as _, SigningKey};
use gocua_protocol::hub::{
    Enrol, Enrolled, HUB_DEVICE, HUB_SERVICE, HUB_SIGNATURE, HUB_TIME, HandoverMail, HandoverSend,
    HandoverStatus, HubError, HubHealth, SyncBatch, SyncReceipt, TeamDevice, signed_message,
};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};

/// Why a hub request did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HubFailure {
    /// No answer, or a 5xx: try again at the next sync.
    #[error("the hub cannot be reached: {0}")]
    Unreachable(String),
    /// The hub answered with a certificate other than the pinned one.
    #[error("the hub's certificate does not match the enrolment code")]
    WrongCertificate,
    /// The team lead revoked this laptop.
    #[error("this laptop was revoked by the team lead")]
    Revoked,
    /// This laptop's clock is more than five minutes from the hub's.
    #[error("this laptop's clock is too far from the hub's")]
    ClockSkew,
    /// The enrolment code is unknown, used or expired.
    #[error("the enrolment code is unknown, used or expired")]
    CodeInvalid,
    /// The hand-over was already decided otherwise: its state.
    #[error("the hand-over was already {0}")]
    HandoverClosed(gocua_core::handover::HandoverState),
    /// The hub refused the request (4xx).
    #[error("the hub refused ({code}): {message}")]
    Refused {
        /// Its error code.
        code: String,
        /// Its message.
        message: String,
    },
}

impl HubFailure {
    /// The stable reason code people are shown (`error-hub`).
    pub fn reason(&self) -> &'static str {
        match self {
            HubFailure::Unreachable(_) => "unreachable",
            HubFailure::WrongCertificate => "wrong-certificate",
            HubFailure::Revoked => "revoked",
            HubFailure::ClockSkew => "clock",
            HubFailure::CodeInvalid => "code-invalid",
            HubFailure::HandoverClosed(_) => "handover-closed",
            HubFailure::Refused { .. } => "refused",
        }
    }
}

/// A server certificate verifier that accepts exactly one certificate: the
/// one whose SHA-256 the enrolment code carried. Signatures are still
/// checked, so only the holder of that certificate's key can answer.
#[derive(Debug)]
struct Pinned {
    fingerprint: String,
    provider: Arc<CryptoProvider>,
}

const WRONG_CERTIFICATE: &str = "gocua: certificate does not match the pinned fingerprint";

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let seen = gocua_core::hex::encode(&Sha256::digest(end_entity.as_ref()));
        if seen == self.fingerprint {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(WRONG_CERTIFICATE.into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A client of one hub.
#[derive(Clone)]
pub struct HubClient {
    http: reqwest::Client,
    base: String,
    device: Option<(String, Arc<SigningKey>)>,
}

impl std::fmt::Debug for HubClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

fn error_text(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

impl HubClient {
    /// A client of the hub at `url` (`https://…`) whose certificate must
    /// have SHA-256 `fingerprint` (lowercase hex).
    pub fn new(url: &str, fingerprint: &str, timeout: Duration) -> Result<Self, HubFailure> {
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| HubFailure::Unreachable(e.to_string()))?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Pinned {
                fingerprint: fingerprint.to_ascii_lowercase(),
                provider,
            }))
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(timeout)
            .connect_timeout(timeout)
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("gocua/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| HubFailure::Unreachable(error_text(&e)))?;
        Ok(HubClient {
            http,
            base: url.trim_end_matches('/').to_owned(),
            device: None,
        })
    }

    /// The same client, signing as `device_id` with `secret`.
    pub fn signed(mut self, device_id: &str, secret: &[u8; 32]) -> Self {
        self.device = Some((
            device_id.to_owned(),
            Arc::new(SigningKey::from_bytes(secret)),
        ));
        self
    }

    async fn request<T: serde::de::DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<T, HubFailure> {
        let mut req = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json");
        if let Some((id, key)) = &self.device {
            let time = time::OffsetDateTime::now_utc().unix_timestamp();
            let digest = gocua_core::hex::encode(&Sha256::digest(&body));
            let signature =
                key.sign(signed_message(method.as_str(), path, time, &digest).as_bytes());
            req = req
                .header(HUB_DEVICE, id)
                .header(HUB_TIME, time.to_string())
                .header(
                    HUB_SIGNATURE,
                    base64::engine::general_purpose::STANDARD.encode(signature.to_bytes()),
                );
        }
        let resp = req.body(body).send().await.map_err(|e| {
            let text = error_text(&e);
            if text.contains(WRONG_CERTIFICATE) {
                HubFailure::WrongCertificate
            } else {
                HubFailure::Unreachable(text)
            }
        })?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| HubFailure::Unreachable(error_text(&e)))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes)
                .map_err(|e| HubFailure::Unreachable(format!("unreadable answer: {e}")));
        }
        let error: Option<HubError> = serde_json::from_slice(&bytes).ok();
        let (code, message) = error
            .map(|e| (e.code, e.message))
            .unwrap_or_else(|| (status.as_u16().to_string(), status.to_string()));
        Err(match code.as_str() {
            "revoked" => HubFailure::Revoked,
            "clock_skew" => HubFailure::ClockSkew,
            "enrolment_invalid" => HubFailure::CodeInvalid,
            "handover_closed" => match message.parse() {
                Ok(state) => HubFailure::HandoverClosed(state),
                Err(_) => HubFailure::Refused { code, message },
            },
            _ if status.is_server_error() || status.as_u16() == 429 => {
                HubFailure::Unreachable(message)
            }
            _ => HubFailure::Refused { code, message },
        })
    }

    /// `GET /healthz`: true when it is a hub.
    pub async fn health(&self) -> Result<HubHealth, HubFailure> {
        let h: HubHealth = self
            .request(reqwest::Method::GET, "/healthz", Vec::new())
            .await?;
        if h.service != HUB_SERVICE {
            return Err(HubFailure::Refused {
                code: "not_a_hub".into(),
                message: h.service,
            });
        }
        Ok(h)
    }

    /// `POST /v1/enrol`.
    pub async fn enrol(&self, req: &Enrol) -> Result<Enrolled, HubFailure> {
        let body = serde_json::to_vec(req).map_err(|e| HubFailure::Unreachable(e.to_string()))?;
        self.request(reqwest::Method::POST, "/v1/enrol", body).await
    }

    /// `POST /v1/sync` (signed).
    pub async fn sync(&self, batch: &SyncBatch) -> Result<SyncReceipt, HubFailure> {
        let body = serde_json::to_vec(batch).map_err(|e| HubFailure::Unreachable(e.to_string()))?;
        self.request(reqwest::Method::POST, "/v1/sync", body).await
    }
}

impl HubClient {
    /// `GET /v1/catalogue` (signed): the province's newest signed packs.
    pub async fn catalogue(&self) -> Result<Vec<gocua_protocol::hub::PublishedPack>, HubFailure> {
        self.request(reqwest::Method::GET, "/v1/catalogue", Vec::new())
            .await
    }

    /// `GET /v1/guides` (signed): the province's newest signed guides.
    pub async fn guides(&self) -> Result<Option<gocua_protocol::hub::PublishedGuides>, HubFailure> {
        self.request(reqwest::Method::GET, "/v1/guides", Vec::new())
            .await
    }

    /// `GET /v1/roster` (signed): the team's roster, signed by the province.
    pub async fn roster(&self) -> Result<Option<gocua_protocol::hub::PublishedRoster>, HubFailure> {
        self.request(reqwest::Method::GET, "/v1/roster", Vec::new())
            .await
    }

    /// `GET /v1/anchors` (signed): every anchor the hub holds for this
    /// device, oldest first.
    pub async fn anchors(&self) -> Result<Vec<gocua_protocol::hub::Anchor>, HubFailure> {
        self.request(reqwest::Method::GET, "/v1/anchors", Vec::new())
            .await
    }
}

impl HubClient {
    /// `GET /v1/team/devices` (signed): the team's other laptops.
    pub async fn team_devices(&self) -> Result<Vec<TeamDevice>, HubFailure> {
        self.request(reqwest::Method::GET, "/v1/team/devices", Vec::new())
            .await
    }

    /// `POST /v1/handovers` (signed): a sealed draft for another laptop.
    pub async fn handover_send(&self, req: &HandoverSend) -> Result<HandoverStatus, HubFailure> {
        let body = serde_json::to_vec(req).map_err(|e| HubFailure::Unreachable(e.to_string()))?;
        self.request(reqwest::Method::POST, "/v1/handovers", body)
            .await
    }

    /// `GET /v1/handovers` (signed): hand-overs to and from this laptop not
    /// finished with.
    pub async fn handover_mail(&self) -> Result<HandoverMail, HubFailure> {
        self.request(reqwest::Method::GET, "/v1/handovers", Vec::new())
            .await
    }

    /// `POST /v1/handovers/{id}/{action}` (signed): `accept`, `decline`,
    /// `reclaim` or `done`.
    pub async fn handover_act(&self, id: &str, action: &str) -> Result<HandoverStatus, HubFailure> {
        self.request(
            reqwest::Method::POST,
            &format!("/v1/handovers/{id}/{action}"),
            Vec::new(),
        )
        .await
    }
}

/// A new device key: 32 random bytes.
pub fn new_device_key() -> Result<[u8; 32], getrandom::Error> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret)?;
    Ok(secret)
}

/// The public half of a device key, base64.
pub fn public_key(secret: &[u8; 32]) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(SigningKey::from_bytes(secret).verifying_key().to_bytes())
}
