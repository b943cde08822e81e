//! The portal client: one method per protocol request, every failure
//! classified as "try again later", "refused for good", or "resume from
//! this offset".

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use gocua_core::outbox::FailureKind;
use gocua_protocol::{
    BoSungNop, ChangesPage, DeviceRegistration, DeviceToken, ErrorBody, HoSo, HoSoNop,
    IDEMPOTENCY_KEY, UPLOAD_OFFSET, UploadCreate, UploadInfo,
};
use reqwest::{Method, StatusCode};

use crate::PortalUrl;

/// Why a request did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// No answer, a broken answer, 5xx, 429: try again (after `after`, when
    /// the portal said). The request may or may not have been processed.
    #[error("try again later: {reason}")]
    Retry {
        /// The portal's Retry-After.
        after: Option<Duration>,
        /// What happened (technical).
        reason: String,
        /// Its kind: `Timeout`, `Offline` or `Busy`.
        cause: FailureKind,
    },
    /// The portal refused the request for good (4xx): retrying the same
    /// request will not help.
    #[error("refused ({status} {code}): {reason}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// The protocol's error code.
        code: String,
        /// Its message.
        reason: String,
    },
    /// The portal does not know this laptop's token (a sandbox that was
    /// reset, a token revoked): register again, then retry.
    #[error("the portal does not know this device")]
    Unauthorized,
    /// The portal needs the citizen present to confirm (VNeID, OTP).
    #[error("the citizen must be present: {reason}")]
    NeedsCitizen {
        /// The portal's message.
        reason: String,
    },
    /// An upload is elsewhere than the client thought: resume from `offset`.
    #[error("upload offset is {offset}")]
    Offset {
        /// The offset the portal confirmed.
        offset: u64,
    },
}

impl SendError {
    fn transport(e: reqwest::Error) -> Self {
        let (cause, reason) = if e.is_timeout() {
            (FailureKind::Timeout, "timed out".into())
        } else if e.is_connect() {
            (FailureKind::Offline, "cannot connect".into())
        } else {
            (FailureKind::Offline, format!("connection broken: {e}"))
        };
        SendError::Retry {
            after: None,
            reason,
            cause,
        }
    }

    /// Try again later: the portal's answer was unreadable or incomplete.
    pub(crate) fn garbled(reason: impl Into<String>) -> Self {
        SendError::Retry {
            after: None,
            reason: reason.into(),
            cause: FailureKind::Busy,
        }
    }

    /// The kind of this failure, stored beside its text.
    pub fn kind(&self) -> FailureKind {
        match self {
            SendError::Retry { cause, .. } => *cause,
            SendError::Refused { .. }
            | SendError::Unauthorized
            | SendError::NeedsCitizen { .. }
            | SendError::Offset { .. } => FailureKind::Refused,
        }
    }
}

/// A portal client of one device.
#[derive(Debug, Clone)]
pub struct PortalClient {
    http: reqwest::Client,
    base: PortalUrl,
    token: Option<String>,
    sent: Arc<AtomicU64>,
}

/// An answer read in full.
struct Answer {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
}

impl PortalClient {
    /// A client of `base` whose requests give up after `timeout`.
    pub fn new(base: PortalUrl, timeout: Duration) -> Result<Self, reqwest::Error> {
        // No redirects: a 307/308 would re-send a dossier's body to whatever
        // host the answer names. https-only for an https base, so nothing
        // can downgrade a request to plain http.
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("gocua/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .https_only(base.is_https())
            .build()?;
        Ok(PortalClient {
            http,
            base,
            token: None,
            sent: Arc::default(),
        })
    }

    /// The same client, carrying `token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Request bytes this client tried to send (bodies, failed attempts included).
    pub fn bytes_attempted(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        build: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Result<Answer, SendError> {
        self.call_capped(method, path, key, MAX_ANSWER_BYTES, build)
            .await
    }

    async fn call_capped(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        cap: usize,
        build: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Result<Answer, SendError> {
        // A query (`?changed_since=`) is set as a query, not escaped into the path.
        let (path, query) = path
            .split_once('?')
            .map_or((path, None), |(p, q)| (p, Some(q)));
        let mut url = self.base.join(path);
        url.set_query(query);
        let mut req = self.http.request(method, url);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(k) = key {
            req = req.header(IDEMPOTENCY_KEY, k);
        }
        let req = build(req).build().map_err(SendError::transport)?;
        let len = req.body().and_then(|b| b.as_bytes()).map_or(0, <[u8]>::len);
        self.sent.fetch_add(len as u64, Ordering::Relaxed);
        let resp = self.http.execute(req).await.map_err(SendError::transport)?;
        let status = resp.status();
        let headers = resp.headers().clone();
        // The whole answer or nothing: a cut answer is no answer, and an
        // answer larger than `cap` is refused before it fills the memory.
        let body = read_capped(resp, cap).await?;
        if status.is_success() {
            return Ok(Answer {
                status,
                headers,
                body,
            });
        }
        let error: Option<ErrorBody> = serde_json::from_slice(&body).ok();
        let reason = error
            .as_ref()
            .map_or_else(|| status.to_string(), |e| e.message.clone());
        if status == StatusCode::TOO_MANY_REQUESTS
            || status.is_server_error()
            || status == StatusCode::REQUEST_TIMEOUT
        {
            let after = headers
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Err(SendError::Retry {
                after,
                reason,
                cause: FailureKind::Busy,
            });
        }
        if status == StatusCode::UNAUTHORIZED {
            return Err(SendError::Unauthorized);
        }
        if status == StatusCode::PRECONDITION_REQUIRED {
            return Err(SendError::NeedsCitizen { reason });
        }
        if status == StatusCode::CONFLICT
            && let Some(offset) = offset_of(&headers)
        {
            return Err(SendError::Offset { offset });
        }
        Err(SendError::Refused {
            status: status.as_u16(),
            code: error.map(|e| e.error_code).unwrap_or_default(),
            reason,
        })
    }

    fn json<T: serde::de::DeserializeOwned>(a: &Answer) -> Result<T, SendError> {
        serde_json::from_slice(&a.body)
            .map_err(|e| SendError::garbled(format!("unreadable answer ({}): {e}", a.status)))
    }

    /// `POST /v1/devices`.
    pub async fn register(
        &self,
        device_name: &str,
        installation_key: Option<&str>,
    ) -> Result<DeviceToken, SendError> {
        let body = DeviceRegistration {
            device_name: device_name.to_owned(),
            installation_key: installation_key.map(str::to_owned),
        };
        let a = self
            .call(Method::POST, gocua_protocol::DEVICES_PATH, None, |r| {
                r.json(&body)
            })
            .await?;
        Self::json(&a)
    }

    /// `POST /v1/uploads`.
    pub async fn create_upload(
        &self,
        key: &str,
        req: &UploadCreate,
    ) -> Result<UploadInfo, SendError> {
        let a = self
            .call(Method::POST, gocua_protocol::UPLOADS_PATH, Some(key), |r| {
                r.json(req)
            })
            .await?;
        Self::json(&a)
    }

    /// `HEAD /v1/uploads/{id}`: the confirmed offset.
    pub async fn upload_offset(&self, id: &str) -> Result<u64, SendError> {
        let a = self
            .call(
                Method::HEAD,
                &format!("{}/{id}", gocua_protocol::UPLOADS_PATH),
                None,
                |r| r,
            )
            .await?;
        offset_of(&a.headers).ok_or_else(|| SendError::garbled("no Upload-Offset"))
    }

    /// `PATCH /v1/uploads/{id}`: sends `chunk` at `offset`; the new confirmed offset.
    pub async fn patch_upload(
        &self,
        id: &str,
        offset: u64,
        chunk: Vec<u8>,
    ) -> Result<u64, SendError> {
        let a = self
            .call(
                Method::PATCH,
                &format!("{}/{id}", gocua_protocol::UPLOADS_PATH),
                None,
                |r| {
                    r.header(UPLOAD_OFFSET, offset.to_string())
                        .header(
                            reqwest::header::CONTENT_TYPE,
                            "application/offset+octet-stream",
                        )
                        .body(chunk)
                },
            )
            .await?;
        offset_of(&a.headers).ok_or_else(|| SendError::garbled("no Upload-Offset"))
    }

    /// `POST /v1/dossiers` (with the citizen's confirmation when `citizen_present`).
    pub async fn submit(
        &self,
        key: &str,
        dossier: &HoSoNop,
        citizen_present: bool,
    ) -> Result<HoSo, SendError> {
        let a = self
            .call(
                Method::POST,
                gocua_protocol::DOSSIERS_PATH,
                Some(key),
                |r| {
                    let r = r.json(dossier);
                    if citizen_present {
                        r.header(gocua_protocol::CITIZEN_PRESENT, "yes")
                    } else {
                        r
                    }
                },
            )
            .await?;
        Self::json(&a)
    }

    /// `POST /v1/dossiers/{code}/supplements`.
    pub async fn supplement(
        &self,
        key: &str,
        code: &str,
        answer: &BoSungNop,
    ) -> Result<HoSo, SendError> {
        let path = format!(
            "{}/{}/supplements",
            gocua_protocol::DOSSIERS_PATH,
            encode_segment(code)
        );
        let a = self
            .call(Method::POST, &path, Some(key), |r| r.json(answer))
            .await?;
        Self::json(&a)
    }

    /// `GET /v1/catalogue/latest`: the pack as JSON text (validated by the caller).
    pub async fn latest_catalogue(&self) -> Result<String, SendError> {
        let a = self
            .call_capped(
                Method::GET,
                gocua_protocol::CATALOGUE_PATH,
                None,
                MAX_PACK_BYTES,
                |r| r,
            )
            .await?;
        String::from_utf8(a.body.to_vec())
            .map_err(|e| SendError::garbled(format!("catalogue is not UTF-8: {e}")))
    }

    /// `GET /v1/dossiers?changed_since=`.
    pub async fn changes(&self, cursor: u64) -> Result<ChangesPage, SendError> {
        let path = format!("{}?changed_since={cursor}", gocua_protocol::DOSSIERS_PATH);
        let a = self.call(Method::GET, &path, None, |r| r).await?;
        Self::json(&a)
    }
}

/// `segment` percent-encoded as one URL path segment (`/`, `.` and `?` included).
fn encode_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The largest protocol answer read (JSON answers are a few kilobytes).
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;
/// The largest catalogue pack read from the portal.
pub const MAX_PACK_BYTES: usize = 32 * 1024 * 1024;

/// Reads a whole answer body, refusing one larger than `cap`.
pub(crate) async fn read_capped(
    mut resp: reqwest::Response,
    cap: usize,
) -> Result<bytes::Bytes, SendError> {
    // Not "refused": the request may have been processed, so it is retried
    // (with backoff) under the same idempotency key.
    let too_big = || SendError::garbled(format!("the answer is larger than {cap} bytes"));
    if resp.content_length().is_some_and(|n| n > cap as u64) {
        return Err(too_big());
    }
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await.map_err(SendError::transport)? {
        if body.len() + chunk.len() > cap {
            return Err(too_big());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn offset_of(h: &reqwest::header::HeaderMap) -> Option<u64> {
    h.get(UPLOAD_OFFSET)?.to_str().ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    /// A one-shot server: answers the first request with `answer`, then
    /// counts how many more connections arrive within half a second.
    async fn one_answer(
        answer: Vec<u8>,
    ) -> Result<(PortalUrl, tokio::task::JoinHandle<usize>), Box<dyn std::error::Error>> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url: PortalUrl = format!("http://{}/", listener.local_addr()?).parse()?;
        let server = tokio::spawn(async move {
            if let Ok((mut socket, _)) = listener.accept().await {
                let mut buf = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut buf).await;
                let _ = socket.write_all(&answer).await;
                let _ = socket.shutdown().await;
            }
            let mut more = 0;
            while let Ok(Ok(_)) =
                tokio::time::timeout(Duration::from_millis(500), listener.accept()).await
            {
                more += 1;
            }
            more
        });
        Ok((url, server))
    }

    #[tokio::test]
    async fn a_redirect_is_not_followed() -> Result<(), Box<dyn std::error::Error>> {
        let (url, server) = one_answer(
            b"HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .to_vec(),
        )
        .await?;
        let client = PortalClient::new(url, Duration::from_secs(2))?;
        let answer = client.register("laptop", None).await;
        assert!(
            matches!(answer, Err(SendError::Refused { status: 307, .. })),
            "{answer:?}"
        );
        assert_eq!(server.await?, 0, "the redirect was followed");
        Ok(())
    }

    #[tokio::test]
    async fn an_answer_larger_than_the_cap_is_not_read() -> Result<(), Box<dyn std::error::Error>> {
        let mut answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            MAX_ANSWER_BYTES + 1
        )
        .into_bytes();
        answer.extend(std::iter::repeat_n(b' ', MAX_ANSWER_BYTES + 1));
        let (url, server) = one_answer(answer).await?;
        let client = PortalClient::new(url, Duration::from_secs(2))?;
        let answer = client.register("laptop", None).await;
        assert!(
            matches!(&answer, Err(SendError::Retry { reason, .. }) if reason.contains("larger than")),
            "{answer:?}"
        );
        let _ = server.await?;
        Ok(())
    }

    #[test]
    fn codes_go_into_a_path_as_one_segment() {
        assert_eq!(encode_segment("G22.1-2026/0001"), "G22%2E1-2026%2F0001");
        assert!(crate::is_portal_code("000.00.31.H47-241201-0001"));
        // Dots and slashes are allowed in codes, and harmless once encoded.
        assert_eq!(encode_segment("../x"), "%2E%2E%2Fx");
        assert!(!crate::is_portal_code("ab?cd=ef"));
        assert!(!crate::is_portal_code(&"a".repeat(41)));
    }
}
