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

/// The national catalogue's pack id: only the project's publisher keys may
/// sign it.
pub const NATIONAL_PACK_ID: &str = "vn-national";

/// How far a new version of a pack may be ahead of the installed one: a
/// version far beyond it (say 4,294,967,295) would make every genuine later
/// release "not newer" for ever.
pub const MAX_VERSION_STEP: u32 = 100;

/// What a trusted key may sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyScope {
    /// The project's publisher keys, shipped in the app: any pack.
    Publisher,
    /// A key a team lead added: any pack but the national catalogue.
    Lead,
    /// A team hub's key, learned when joining it: the packs of its team's
    /// province (`vn-<code>` or `vn-<code>-…`), its guides and roster.
    Province(String),
    /// A team hub's key whose province the hub did not say (an older hub):
    /// its guides and roster, no pack.
    Hub,
}

impl KeyScope {
    /// Whether a key of this scope may sign the pack `pack_id`.
    pub fn may_sign_pack(&self, pack_id: &str) -> bool {
        match self {
            KeyScope::Publisher => true,
            KeyScope::Lead => pack_id != NATIONAL_PACK_ID,
            KeyScope::Province(p) => pack_id
                .strip_prefix("vn-")
                .and_then(|rest| rest.strip_prefix(p.as_str()))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-')),
            KeyScope::Hub => false,
        }
    }

    /// Whether it was learned from a team hub (leaving the hub forgets it).
    pub fn is_hub(&self) -> bool {
        matches!(self, KeyScope::Province(_) | KeyScope::Hub)
    }
}

impl std::fmt::Display for KeyScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyScope::Publisher => f.write_str("publisher"),
            KeyScope::Lead => f.write_str("lead"),
            KeyScope::Province(p) => write!(f, "province:{p}"),
            KeyScope::Hub => f.write_str("hub"),
        }
    }
}

impl std::str::FromStr for KeyScope {
    type Err = crate::spelling::UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "publisher" => Ok(KeyScope::Publisher),
            "lead" => Ok(KeyScope::Lead),
            "hub" => Ok(KeyScope::Hub),
            _ => s
                .strip_prefix("province:")
                .filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .map(|p| KeyScope::Province(p.to_owned()))
                .ok_or_else(|| crate::spelling::UnknownValue(s.to_owned())),
        }
    }
}

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
        /// What that key may sign.
        scope: KeyScope,
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
/// public keys with what each may sign) or a bare pack. A byte-order mark
/// is ignored.
pub fn open<'a>(
    text: &'a str,
    trusted: &[(String, KeyScope)],
) -> Result<PackFile<'a>, SignatureError> {
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
    let Some((_, scope)) = trusted
        .iter()
        .find(|(t, _)| t.trim().eq_ignore_ascii_case(&key_hex))
    else {
        return Err(SignatureError::UnknownKey);
    };
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
        scope: scope.clone(),
    })
}

/// The trusted keys: the publisher's, then `added` (a lead's or a hub's),
/// each with what it may sign.
pub fn trusted_keys(
    added: impl IntoIterator<Item = (String, KeyScope)>,
) -> Vec<(String, KeyScope)> {
    PUBLISHER_KEYS
        .iter()
        .map(|k| ((*k).to_owned(), KeyScope::Publisher))
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
        let trusted = vec![(public_hex(&k), KeyScope::Lead)];
        assert_eq!(
            open(&text, &trusted),
            Ok(PackFile::Signed {
                payload: "{\"pack_id\":\"x\"}".into(),
                key: public_hex(&k),
                scope: KeyScope::Lead,
            })
        );
        assert_eq!(
            open(&text, &[(public_hex(&key(2)), KeyScope::Publisher)]),
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
    fn a_key_signs_only_the_packs_its_scope_owns() {
        let hanoi = KeyScope::Province("01".into());
        for (scope, pack, may) in [
            (KeyScope::Publisher, NATIONAL_PACK_ID, true),
            (KeyScope::Lead, NATIONAL_PACK_ID, false),
            (KeyScope::Lead, "vn-79", true),
            (hanoi.clone(), NATIONAL_PACK_ID, false),
            (hanoi.clone(), "vn-01", true),
            (hanoi.clone(), "vn-01-giao-thong", true),
            (hanoi.clone(), "vn-79", false),
            (hanoi.clone(), "vn-011", false),
            (hanoi.clone(), "vn-0", false),
            (KeyScope::Hub, "vn-01", false),
        ] {
            assert_eq!(scope.may_sign_pack(pack), may, "{scope} signing {pack}");
        }
        for scope in [KeyScope::Lead, KeyScope::Hub, hanoi, KeyScope::Publisher] {
            assert_eq!(scope.to_string().parse::<KeyScope>(), Ok(scope.clone()));
        }
        assert!("province:1".parse::<KeyScope>().is_err());
        assert!("province:01x".parse::<KeyScope>().is_err());
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
                open(&text, &[(public_hex(&k), KeyScope::Hub)]),
                Ok(PackFile::Signed { payload, key: public_hex(&k), scope: KeyScope::Hub })
            );
        }
    }
}
