//! The portal's base URL, validated once where it enters the app.

use std::fmt;
use std::str::FromStr;

use reqwest::Url;

/// An absolute URL with a host, normalised to end in `/` so that protocol
/// paths join below it (`…/gateway/` + `v1/health`). It is `https`, or plain
/// `http` to this machine only (the sandbox): citizens' data never crosses a
/// network in clear. The one exception is the named training override
/// ([`PortalUrl::parse_insecure`], `GOCUA_ALLOW_INSECURE_PORTAL=1`), which the
/// app shows with a red banner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalUrl(Url);

/// Why a text is not a usable portal URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidPortalUrl {
    /// Not a URL at all.
    #[error("not a URL: {0}")]
    Syntax(String),
    /// A URL, but not http(s).
    #[error("the portal URL must start with http:// or https://")]
    Scheme,
    /// No host name.
    #[error("the portal URL has no host")]
    NoHost,
    /// Carries a query, fragment or password, which would leak into every request.
    #[error("the portal URL must not carry a query, fragment or credentials")]
    Extras,
    /// Plain `http` to another machine: data would cross the network in clear.
    #[error("a portal on another machine must use https://")]
    Insecure,
}

impl InvalidPortalUrl {
    /// A stable short name of the reason (for translated messages).
    pub fn reason(&self) -> &'static str {
        match self {
            InvalidPortalUrl::Syntax(_) => "syntax",
            InvalidPortalUrl::Scheme => "scheme",
            InvalidPortalUrl::NoHost => "no-host",
            InvalidPortalUrl::Extras => "extras",
            InvalidPortalUrl::Insecure => "insecure",
        }
    }
}

impl PortalUrl {
    /// The default for development, training and tests: the sandbox portal on
    /// this machine (see gocua-portal's `--listen` default).
    pub const SANDBOX_DEFAULT: &'static str = "http://127.0.0.1:8787/";

    /// The URL of a protocol path such as `v1/health`.
    pub fn join(&self, path: &str) -> Url {
        let mut url = self.0.clone();
        let base = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{base}/{}", path.trim_start_matches('/')));
        url
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// Whether the host is this machine (`127.0.0.0/8`, `::1`, `localhost`).
    pub fn is_loopback(&self) -> bool {
        let Some(host) = self.0.host_str() else {
            return false;
        };
        match host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
        {
            Ok(ip) => ip.is_loopback(),
            Err(_) => {
                let host = host.to_ascii_lowercase();
                host == "localhost" || host.ends_with(".localhost")
            }
        }
    }

    /// Whether requests to this portal are encrypted (https).
    pub fn is_https(&self) -> bool {
        self.0.scheme() == "https"
    }

    /// Whether data sent here could cross a network in clear: plain `http`
    /// to another machine, possible only through [`PortalUrl::parse_insecure`].
    pub fn is_insecure(&self) -> bool {
        !self.is_https() && !self.is_loopback()
    }

    /// Parses like [`str::parse`] but also accepts plain `http` to another
    /// machine: the named training override (a classroom network with a
    /// sandbox on the trainer's laptop). Never the default.
    pub fn parse_insecure(s: &str) -> Result<Self, InvalidPortalUrl> {
        parse(s, true)
    }
}

fn parse(s: &str, allow_insecure: bool) -> Result<PortalUrl, InvalidPortalUrl> {
    let mut url = Url::parse(s.trim()).map_err(|e| InvalidPortalUrl::Syntax(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(InvalidPortalUrl::Scheme);
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(InvalidPortalUrl::NoHost);
    }
    if url.query().is_some() || url.fragment().is_some() || url.password().is_some() {
        return Err(InvalidPortalUrl::Extras);
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    let parsed = PortalUrl(url);
    if parsed.is_insecure() && !allow_insecure {
        return Err(InvalidPortalUrl::Insecure);
    }
    Ok(parsed)
}

impl Default for PortalUrl {
    fn default() -> Self {
        #[allow(clippy::expect_used)] // a constant checked by a unit test
        PortalUrl::from_str(Self::SANDBOX_DEFAULT).expect("default portal URL is valid")
    }
}

impl FromStr for PortalUrl {
    type Err = InvalidPortalUrl;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s, false)
    }
}

impl fmt::Display for PortalUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[track_caller]
    fn check(input: &str, expect: Result<&str, InvalidPortalUrl>) {
        let got = input.parse::<PortalUrl>().map(|u| u.to_string());
        assert_eq!(
            got.as_deref().map_err(Clone::clone),
            expect,
            "input {input:?}"
        );
    }

    #[test]
    fn parses_and_normalises() {
        check("http://127.0.0.1:8787", Ok("http://127.0.0.1:8787/"));
        check(
            " https://lgsp.example.vn/gw ",
            Ok("https://lgsp.example.vn/gw/"),
        );
        check(
            "https://lgsp.example.vn/gw/",
            Ok("https://lgsp.example.vn/gw/"),
        );
        check("ftp://x", Err(InvalidPortalUrl::Scheme));
        check("http://x/?a=1", Err(InvalidPortalUrl::Extras));
        check("http://u:p@x/", Err(InvalidPortalUrl::Extras));
        check("http://localhost:9/", Ok("http://localhost:9/"));
        check("http://[::1]:9/gw", Ok("http://[::1]:9/gw/"));
        check("http://127.0.0.2:8787", Ok("http://127.0.0.2:8787/"));
        check("http://portal.example.vn", Err(InvalidPortalUrl::Insecure));
        check("http://192.168.1.10:8787", Err(InvalidPortalUrl::Insecure));
        check("HTTP://10.0.0.1/", Err(InvalidPortalUrl::Insecure));
        check(
            "http://127.0.0.1.example.vn/",
            Err(InvalidPortalUrl::Insecure),
        );
        check(
            "https://portal.example.vn",
            Ok("https://portal.example.vn/"),
        );
        assert!(matches!(
            "dichvucong".parse::<PortalUrl>(),
            Err(InvalidPortalUrl::Syntax(_))
        ));
        assert!("http://".parse::<PortalUrl>().is_err());
    }

    #[test]
    fn the_training_override_alone_allows_http_to_another_machine() -> Result<(), InvalidPortalUrl>
    {
        let url = PortalUrl::parse_insecure("http://192.168.1.10:8787")?;
        assert!(url.is_insecure());
        assert!(!PortalUrl::default().is_insecure());
        assert!(!"https://h/".parse::<PortalUrl>()?.is_insecure());
        Ok(())
    }

    #[test]
    fn default_is_the_local_sandbox() {
        assert_eq!(PortalUrl::default().as_str(), PortalUrl::SANDBOX_DEFAULT);
    }

    #[test]
    fn joins_below_the_base_path() -> Result<(), InvalidPortalUrl> {
        let root: PortalUrl = "https://h:1".parse()?;
        assert_eq!(root.join("v1/health").as_str(), "https://h:1/v1/health");
        let nested: PortalUrl = "https://h/gw/api".parse()?;
        assert_eq!(
            nested.join("/v1/health").as_str(),
            "https://h/gw/api/v1/health"
        );
        Ok(())
    }

    proptest! {
        #[test]
        fn parse_never_panics_and_valid_urls_join(s in "\\PC{0,60}") {
            if let Ok(url) = s.parse::<PortalUrl>() {
                prop_assert!(url.as_str().ends_with('/'));
                prop_assert!(!url.is_insecure());
                prop_assert!(url.join("v1/health").as_str().ends_with("/v1/health"));
            }
        }
    }
}
