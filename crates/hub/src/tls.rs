//! The hub's certificate: the files given, or a self-signed one made at
//! first start and kept in the data directory. Laptops pin its SHA-256
//! fingerprint (carried by the enrolment code), so a self-signed
//! certificate is as safe as one from an authority.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// A certificate and its key, as PEM files.
#[derive(Debug, Clone)]
pub struct CertFiles {
    /// The certificate chain (PEM).
    pub cert: PathBuf,
    /// The private key (PEM).
    pub key: PathBuf,
}

/// The given files, else `hub-cert.pem`/`hub-key.pem` in `dir`, made now
/// (self-signed, for `names`) when they do not exist.
pub fn ensure(given: Option<CertFiles>, dir: &Path, names: &[String]) -> Result<CertFiles> {
    if let Some(files) = given {
        return Ok(files);
    }
    let files = CertFiles {
        cert: dir.join("hub-cert.pem"),
        key: dir.join("hub-key.pem"),
    };
    if files.cert.exists() && files.key.exists() {
        return Ok(files);
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::Internal(format!("{}: {e}", dir.display())))?;
    let certified = rcgen::generate_simple_self_signed(names.to_vec())
        .map_err(|e| Error::Internal(format!("self-signed certificate: {e}")))?;
    write_private(&files.key, certified.signing_key.serialize_pem().as_bytes())?;
    std::fs::write(&files.cert, certified.cert.pem())
        .map_err(|e| Error::Internal(format!("{}: {e}", files.cert.display())))?;
    tracing::info!(cert = %files.cert.display(), "made a self-signed certificate");
    Ok(files)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))?;
    f.write_all(bytes)
        .map_err(|e| Error::Internal(format!("{}: {e}", path.display())))
}

/// SHA-256 (lowercase hex) of the first certificate in a PEM file: what
/// laptops pin.
pub fn fingerprint(cert: &Path) -> Result<String> {
    let pem = std::fs::read_to_string(cert)
        .map_err(|e| Error::Internal(format!("{}: {e}", cert.display())))?;
    let der = first_der(&pem)
        .ok_or_else(|| Error::Internal(format!("{}: no certificate", cert.display())))?;
    Ok(gocua_core::hex::encode(&Sha256::digest(der)))
}

fn first_der(pem: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    let start = pem.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let end = start + pem[start..].find("-----END CERTIFICATE-----")?;
    let body: String = pem[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(body).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_signed_certificate_is_made_once_and_its_fingerprint_is_stable() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
        let names = vec!["localhost".to_owned()];
        let a = ensure(None, dir.path(), &names)?;
        let fa = fingerprint(&a.cert)?;
        assert_eq!(fa.len(), 64);
        let b = ensure(None, dir.path(), &names)?;
        assert_eq!(
            fingerprint(&b.cert)?,
            fa,
            "the second start reuses the certificate"
        );
        Ok(())
    }
}
