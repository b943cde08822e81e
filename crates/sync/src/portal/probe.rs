//! The connectivity probe: can the configured portal be reached right now?
//!
//! One `GET {portal}/v1/health` with a short timeout. Anything but a
//! compatible health answer means we must not try to sync: no answer is
//! [`Connectivity::Offline`]; an answer that is not our protocol (a hotel
//! Wi-Fi login page, a wrong URL) is [`Connectivity::Incompatible`].

use std::time::Duration;

use gocua_core::Connectivity;
use gocua_protocol::{HEALTH_PATH, Health};

use crate::PortalUrl;

/// How long one probe may take. Village connections are slow, but a volunteer
/// should not stare at a spinner either.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(4);

/// Probes portals over one reusable HTTP client.
#[derive(Debug, Clone)]
pub struct Prober {
    client: reqwest::Client,
}

impl Prober {
    /// A prober whose requests give up after `timeout`.
    pub fn new(timeout: Duration) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .user_agent(concat!("gocua/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Prober { client })
    }

    /// Probes `portal` once.
    pub async fn probe(&self, portal: &PortalUrl) -> Connectivity {
        let url = portal.join(HEALTH_PATH);
        let response = match self.client.get(url).send().await {
            Ok(r) => r,
            Err(e) => {
                tracing::debug!(error = %e, "portal probe: no answer");
                return Connectivity::Offline;
            }
        };
        if !response.status().is_success() {
            tracing::debug!(status = %response.status(), "portal probe: not a health answer");
            return match response.status().is_server_error() {
                true => Connectivity::Offline,
                false => Connectivity::Incompatible,
            };
        }
        let body = match super::client::read_capped(response, 64 * 1024).await {
            Ok(body) => body,
            Err(_) => return Connectivity::Offline,
        };
        match serde_json::from_slice::<Health>(&body) {
            Ok(h) if h.is_compatible() => Connectivity::Online,
            Ok(h) => {
                tracing::debug!(service = %h.service, protocol = h.protocol, "portal probe: incompatible");
                Connectivity::Incompatible
            }
            Err(e) => {
                tracing::debug!(error = %e, "portal probe: body is not a health answer");
                Connectivity::Incompatible
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn prober() -> Prober {
        #[allow(clippy::expect_used)]
        Prober::new(Duration::from_millis(800)).expect("client builds")
    }

    #[tokio::test]
    async fn online_when_the_sandbox_answers() -> TestResult {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url: PortalUrl = format!("http://{}", listener.local_addr()?).parse()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(gocua_portal::launch(listener, async {
            let _ = stopped.await;
        }));

        assert_eq!(prober().probe(&url).await, Connectivity::Online);

        let _ = stop.send(());
        server.await??;
        Ok(())
    }

    #[tokio::test]
    async fn offline_when_nothing_listens() -> TestResult {
        // Bind then drop: the port is free and refuses connections.
        let addr = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await?
            .local_addr()?;
        let url: PortalUrl = format!("http://{addr}").parse()?;
        assert_eq!(prober().probe(&url).await, Connectivity::Offline);
        Ok(())
    }

    #[tokio::test]
    async fn offline_when_the_server_never_answers() -> TestResult {
        // Accepts the connection but never writes a byte.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url: PortalUrl = format!("http://{}", listener.local_addr()?).parse()?;
        let hold = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((sock, _)) = listener.accept().await {
                held.push(sock);
            }
        });
        assert_eq!(prober().probe(&url).await, Connectivity::Offline);
        hold.abort();
        Ok(())
    }

    #[tokio::test]
    async fn incompatible_when_something_else_answers() -> TestResult {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // A captive-portal-like server: 200 with an HTML page for every request.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url: PortalUrl = format!("http://{}", listener.local_addr()?).parse()?;
        let serve = tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let mut buf = [0u8; 1024];
                let _ = sock.read(&mut buf).await;
                let body = "<html>Wi-Fi login</html>";
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = sock.write_all(reply.as_bytes()).await;
            }
        });
        assert_eq!(prober().probe(&url).await, Connectivity::Incompatible);
        serve.abort();
        Ok(())
    }
}
