//! Signed catalogue packs.
//!
//! A pack that travels (from the portal, on a USB stick, from a province's
//! hub) is wrapped in an envelope that says who vouches for it:
//!
//! ```json
//! { "gocua_signed_pack": 1,
//!   "key": "<ed25519 public key, 64 hex digits>",
//!   "signature": "<ed25519 signature of the payload's UTF-8 bytes, base64>",
//!   "payload": "<the pack JSON, as one string>" }
//! ```
//!
//! The app trusts the project's publisher keys ([`PUBLISHER_KEYS`], shipped
//! in the binary) and keys a team lead added; anything else is refused, and
//! an unsigned pack is only ever installed from a file, by a lead who says
//! so. The pack shipped inside the app needs no envelope: it is part of the
//! signed program itself.

use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

/// The Gõ Cửa project's publisher keys (ed25519, hex). The matching secret
/// key never enters the repository; packs are signed with
/// `gocua catalog sign` on the publisher's own machine.
pub const PUBLISHER_KEYS: &[&str] =
    &["ad6e62a7eff6580c6e68dadce64a31718753c6c166b4328da385fdf523c3c392"];

/// The marker and version of the envelope.
const ENVELOPE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    gocua_signed_pack: u32,
    key: String,
    signature: String,
    payload: String,
}

/// What a pack file is.
#[derive(Debug, PartialEq, Eq)]
pub enum PackFile<'a> {
    /// A signed envelope whose signature holds, by `key`.
    Signed {
        /// The pack JSON.
        payload: String,
        /// The signer's public key (hex).
        key: String,
    },
    /// A bare pack, vouched for by no one.
    Unsigned(&'a str),
}

/// Why a pack is not trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// The envelope is malformed (bad hex, base64 or lengths).
    #[error("malformed signed pack: {0}")]
    Malformed(String),
    /// Signed, but not by a key this laptop trusts.
    #[error("signed by a key this laptop does not trust")]
    UnknownKey,
    /// The signature does not match the payload: changed after signing.
    #[error("the signature does not match the pack")]
    BadSignature,
}

impl SignatureError {
    /// A stable code for translations.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureError::Malformed(_) => "malformed",
            SignatureError::UnknownKey => "unknown-key",
            SignatureError::BadSignature => "bad-signature",
        }
    }
}

/// Parses a 64-hex-digit ed25519 public key.
pub fn parse_public_key(hex: &str) -> Result<VerifyingKey, SignatureError> {
    let bytes = crate::hex::decode::<32>(hex.trim())
        .ok_or_else(|| SignatureError::Malformed("public key: 64 hex digits expected".into()))?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| SignatureError::Malformed("not an ed25519 public key".into()))
}

/// Reads a pack file: a signed envelope (checked against `trusted`, hex
/// public keys) or a bare pack. A byte-order mark is ignored.
pub fn open<'a>(text: &'a str, trusted: &[String]) -> Result<PackFile<'a>, SignatureError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Only a JSON object whose first key is the marker is an envelope.
    let head = text.trim_start();
    if !(head.starts_with('{') && head[1..].trim_start().starts_with("\"gocua_signed_pack\"")) {
        return Ok(PackFile::Unsigned(text));
    }
    let env: Envelope =
        serde_json::from_str(text).map_err(|e| SignatureError::Malformed(e.to_string()))?;
    if env.gocua_signed_pack != ENVELOPE_VERSION {
        return Err(SignatureError::Malformed(format!(
            "envelope version {}",
            env.gocua_signed_pack
        )));
    }
    let key = parse_public_key(&env.key)?;
    let key_hex = crate::hex::encode(key.as_bytes());
    if !trusted
        .iter()
        .any(|t| t.trim().eq_ignore_ascii_case(&key_hex))
    {
        return Err(SignatureError::UnknownKey);
    }
    let sig = base64::engine::general_purpose::STANDARD
        .decode(env.signature.trim())
        .map_err(|e| SignatureError::Malformed(format!("signature: {e}")))?;
    let sig = Signature::from_slice(&sig)
        .map_err(|_| SignatureError::Malformed("signature: 64 bytes expected".into()))?;
    key.verify_strict(env.payload.as_bytes(), &sig)
        .map_err(|_| SignatureError::BadSignature)?;
    Ok(PackFile::Signed {
        payload: env.payload,
        key: key_hex,
    })
}

/// The trusted keys: the publisher's, then `added` (a lead's).
pub fn trusted_keys(added: impl IntoIterator<Item = String>) -> Vec<String> {
    PUBLISHER_KEYS
        .iter()
        .map(|k| (*k).to_owned())
        .chain(added)
        .collect()
}

/// A signing key from its 32 secret bytes (hex).
pub fn signing_key(secret_hex: &str) -> Result<SigningKey, SignatureError> {
    let bytes = crate::hex::decode::<32>(secret_hex.trim())
        .ok_or_else(|| SignatureError::Malformed("secret key: 64 hex digits expected".into()))?;
    Ok(SigningKey::from_bytes(&bytes))
}

/// A signing key from 32 secret bytes (fresh randomness, for a new key).
pub fn signing_key_from_bytes(secret: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(secret)
}

/// The public key (hex) of a signing key.
pub fn public_hex(key: &SigningKey) -> String {
    crate::hex::encode(key.verifying_key().as_bytes())
}

/// The secret (hex) of a signing key, to write to the publisher's key file.
pub fn secret_hex(key: &SigningKey) -> String {
    crate::hex::encode(&key.to_bytes())
}

/// Wraps `payload` (a pack's JSON) in a signed envelope.
pub fn sign(payload: &str, key: &SigningKey) -> String {
    let sig = key.sign(payload.as_bytes());
    let env = Envelope {
        gocua_signed_pack: ENVELOPE_VERSION,
        key: public_hex(key),
        signature: base64::engine::general_purpose::STANDARD.encode(sig.to_bytes()),
        payload: payload.to_owned(),
    };
    // An envelope of strings cannot fail to serialise.
    serde_json::to_string_pretty(&env).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    #[test]
    fn a_signed_pack_opens_only_with_a_trusted_key_and_unchanged() {
        let k = key(1);
        let text = sign("{\"pack_id\":\"x\"}", &k);
        let trusted = vec![public_hex(&k)];
        assert_eq!(
            open(&text, &trusted),
            Ok(PackFile::Signed {
                payload: "{\"pack_id\":\"x\"}".into(),
                key: public_hex(&k)
            })
        );
        assert_eq!(
            open(&text, &[public_hex(&key(2))]),
            Err(SignatureError::UnknownKey)
        );
        let changed = text.replace("pack_id", "pack_ix");
        assert_eq!(open(&changed, &trusted), Err(SignatureError::BadSignature));
        // Another key's envelope cannot borrow a trusted key's name.
        let forged =
            sign("{\"pack_id\":\"x\"}", &key(2)).replace(&public_hex(&key(2)), &public_hex(&k));
        assert_eq!(open(&forged, &trusted), Err(SignatureError::BadSignature));
        // With a byte-order mark, as Notepad saves it.
        assert!(matches!(
            open(&format!("\u{feff}{text}"), &trusted),
            Ok(PackFile::Signed { .. })
        ));
    }

    #[test]
    fn a_bare_pack_is_unsigned_and_a_broken_envelope_malformed() {
        assert_eq!(
            open("{\"pack_id\": \"x\"}", &[]),
            Ok(PackFile::Unsigned("{\"pack_id\": \"x\"}"))
        );
        for bad in [
            "{\"gocua_signed_pack\": 1}",
            "{\"gocua_signed_pack\": 2, \"key\": \"\", \"signature\": \"\", \"payload\": \"\"}",
            "{ \"gocua_signed_pack\": 1, \"key\": \"zz\", \"signature\": \"\", \"payload\": \"\"}",
        ] {
            assert!(
                matches!(open(bad, &[]), Err(SignatureError::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_publisher_keys_are_ed25519_keys() {
        for k in PUBLISHER_KEYS {
            assert!(parse_public_key(k).is_ok(), "{k}");
        }
    }

    proptest! {
        #[test]
        fn open_never_panics(s in "\\PC{0,300}") {
            let _ = open(&s, &[]);
            let _ = open(&format!("{{\"gocua_signed_pack\":{s}"), &[]);
        }

        #[test]
        fn any_payload_round_trips(payload in "\\PC{0,200}", seed in any::<u8>()) {
            let k = key(seed);
            let text = sign(&payload, &k);
            prop_assert_eq!(
                open(&text, &[public_hex(&k)]),
                Ok(PackFile::Signed { payload, key: public_hex(&k) })
            );
        }
    }
}
