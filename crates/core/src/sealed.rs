//! Sealed envelopes for handing a draft dossier from one laptop of a team
//! to another through the hub, which relays them but cannot read them.
//!
//! The payload is encrypted to the receiving device's key and signed by the
//! sending device's key — the same ed25519 keys the devices sign their hub
//! requests with, so no second key has to be registered or trusted. The
//! receiver's ed25519 public key is converted to its X25519 (Montgomery)
//! form, as libsodium's `crypto_sign_ed25519_pk_to_curve25519` and age's
//! ssh-ed25519 recipients do (the joint security of that use is shown in
//! <https://eprint.iacr.org/2021/509>); each envelope has a fresh ephemeral
//! X25519 key, HKDF-SHA256 derives a one-time ChaCha20-Poly1305 key, and the
//! envelope's id, sender and receiver are bound as associated data, so an
//! envelope cannot be replayed under another id or to another device.
//!
//! Pure: the caller passes the ephemeral secret (32 random bytes).

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use curve25519_dalek::montgomery::MontgomeryPoint;
pub use ed25519_dalek::SigningKey;
use ed25519_dalek::{Signature, Signer as _, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The only envelope version.
pub const SEALED_VERSION: u8 = 1;
const CONTEXT: &[u8] = b"gocua-handover-v1";

/// A sealed envelope, as sent through the hub (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    /// [`SEALED_VERSION`].
    pub v: u8,
    /// The hand-over's id.
    pub id: String,
    /// The sending device's id at the hub.
    pub from: String,
    /// The receiving device's id at the hub.
    pub to: String,
    /// The ephemeral X25519 public key (base64, 32 bytes).
    pub ephemeral: String,
    /// ChaCha20-Poly1305 ciphertext with its tag (base64).
    pub ciphertext: String,
    /// The sender's ed25519 signature over all of the above (base64).
    pub signature: String,
}

/// Why an envelope could not be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// A public key is not a usable ed25519 key.
    #[error("the device key is not a usable ed25519 public key")]
    BadKey,
    /// Not an envelope of this version.
    #[error("not a hand-over envelope: {0}")]
    Malformed(String),
    /// The signature is not the sender's: forged or changed on the way.
    #[error("the envelope is not signed by the sending device")]
    Forged,
    /// Signed, but it does not decrypt with this device's key.
    #[error("the envelope cannot be opened with this device's key")]
    NotForThisDevice,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

fn verifying_key(public: &[u8; 32]) -> Result<VerifyingKey, SealError> {
    let key = VerifyingKey::from_bytes(public).map_err(|_| SealError::BadKey)?;
    if key.is_weak() {
        return Err(SealError::BadKey);
    }
    Ok(key)
}

/// Length-prefixed parts, so that no two different envelopes read the same.
fn framed(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = CONTEXT.to_vec();
    for p in parts {
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
        out.extend_from_slice(p);
    }
    out
}

/// The one-time key of an envelope, from the shared secret and both public
/// halves.
fn aead_key(
    shared: &MontgomeryPoint,
    ephemeral: &MontgomeryPoint,
    recipient: &MontgomeryPoint,
) -> Result<ChaCha20Poly1305, SealError> {
    // A low-order point gives an all-zero secret that anyone knows.
    if shared.as_bytes().iter().all(|b| *b == 0) {
        return Err(SealError::BadKey);
    }
    let salt = [ephemeral.as_bytes().as_slice(), recipient.as_bytes()].concat();
    let mut key = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(Some(&salt), shared.as_bytes())
        .expand(CONTEXT, &mut key)
        .map_err(|_| SealError::BadKey)?;
    ChaCha20Poly1305::new_from_slice(&key).map_err(|_| SealError::BadKey)
}

/// Encrypts `payload` to the device `to` (ed25519 public key `recipient`)
/// and signs it as device `from` with `sender`. `ephemeral_secret` must be
/// 32 fresh random bytes.
pub fn seal(
    payload: &[u8],
    id: &str,
    from: &str,
    sender: &SigningKey,
    to: &str,
    recipient: &[u8; 32],
    ephemeral_secret: [u8; 32],
) -> Result<Sealed, SealError> {
    let recipient = verifying_key(recipient)?.to_montgomery();
    let ephemeral = MontgomeryPoint::mul_base_clamped(ephemeral_secret);
    let shared = recipient.mul_clamped(ephemeral_secret);
    let aad = framed(&[id.as_bytes(), from.as_bytes(), to.as_bytes()]);
    // The key is used once, so a fixed nonce is safe.
    let ciphertext = aead_key(&shared, &ephemeral, &recipient)?
        .encrypt(
            Nonce::from_slice(&[0u8; 12]),
            Payload {
                msg: payload,
                aad: &aad,
            },
        )
        .map_err(|_| SealError::BadKey)?;
    let signature = sender.sign(&signed_part(
        id,
        from,
        to,
        ephemeral.as_bytes(),
        &ciphertext,
    ));
    Ok(Sealed {
        v: SEALED_VERSION,
        id: id.to_owned(),
        from: from.to_owned(),
        to: to.to_owned(),
        ephemeral: b64().encode(ephemeral.as_bytes()),
        ciphertext: b64().encode(ciphertext),
        signature: b64().encode(signature.to_bytes()),
    })
}

fn signed_part(id: &str, from: &str, to: &str, ephemeral: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    Sha256::digest(framed(&[
        id.as_bytes(),
        from.as_bytes(),
        to.as_bytes(),
        ephemeral,
        ciphertext,
    ]))
    .to_vec()
}

/// The envelope's parts, decoded, once its signature by `sender` (its
/// ed25519 public key) is checked: what the hub checks before relaying.
pub fn verify(sealed: &Sealed, sender: &[u8; 32]) -> Result<([u8; 32], Vec<u8>), SealError> {
    if sealed.v != SEALED_VERSION {
        return Err(SealError::Malformed(format!("version {}", sealed.v)));
    }
    let bytes = |field: &str, text: &str| {
        b64()
            .decode(text)
            .map_err(|_| SealError::Malformed(format!("{field} is not base64")))
    };
    let ephemeral: [u8; 32] = bytes("ephemeral", &sealed.ephemeral)?
        .try_into()
        .map_err(|_| SealError::Malformed("ephemeral is not 32 bytes".into()))?;
    let ciphertext = bytes("ciphertext", &sealed.ciphertext)?;
    let signature: [u8; 64] = bytes("signature", &sealed.signature)?
        .try_into()
        .map_err(|_| SealError::Malformed("signature is not 64 bytes".into()))?;
    verifying_key(sender)?
        .verify_strict(
            &signed_part(
                &sealed.id,
                &sealed.from,
                &sealed.to,
                &ephemeral,
                &ciphertext,
            ),
            &Signature::from_bytes(&signature),
        )
        .map_err(|_| SealError::Forged)?;
    Ok((ephemeral, ciphertext))
}

/// Checks the sender's signature (`sender`: its ed25519 public key) and
/// decrypts with this device's key `own`.
pub fn open(sealed: &Sealed, own: &SigningKey, sender: &[u8; 32]) -> Result<Vec<u8>, SealError> {
    let (ephemeral, ciphertext) = verify(sealed, sender)?;
    let ephemeral = MontgomeryPoint(ephemeral);
    let recipient = own.verifying_key().to_montgomery();
    let shared = ephemeral.mul_clamped(own.to_scalar_bytes());
    let aad = framed(&[
        sealed.id.as_bytes(),
        sealed.from.as_bytes(),
        sealed.to.as_bytes(),
    ]);
    aead_key(&shared, &ephemeral, &recipient)?
        .decrypt(
            Nonce::from_slice(&[0u8; 12]),
            Payload {
                msg: &ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| SealError::NotForThisDevice)
}

/// Reads an envelope from its JSON text.
pub fn parse(text: &str) -> Result<Sealed, SealError> {
    let sealed: Sealed =
        serde_json::from_str(text).map_err(|e| SealError::Malformed(e.to_string()))?;
    if sealed.v != SEALED_VERSION {
        return Err(SealError::Malformed(format!("version {}", sealed.v)));
    }
    Ok(sealed)
}

impl Sealed {
    /// Its JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(n: u8) -> SigningKey {
        SigningKey::from_bytes(&[n; 32])
    }

    fn sealed(payload: &[u8]) -> Sealed {
        seal(
            payload,
            "h1",
            "dev-a",
            &key(1),
            "dev-b",
            key(2).verifying_key().as_bytes(),
            [9; 32],
        )
        .expect("sealed")
    }

    #[test]
    fn the_receiver_opens_what_the_sender_sealed_and_no_one_else_can() {
        let s = sealed("Nguyễn Văn An, 001203004567".as_bytes());
        assert!(!s.to_json().contains("Nguy"));
        assert!(!s.ciphertext.contains("001203004567"));
        let opened = open(&s, &key(2), key(1).verifying_key().as_bytes()).expect("opened");
        assert_eq!(opened, "Nguyễn Văn An, 001203004567".as_bytes());
        // The sender itself, the hub (any other key): cannot.
        assert_eq!(
            open(&s, &key(1), key(1).verifying_key().as_bytes()),
            Err(SealError::NotForThisDevice)
        );
        assert_eq!(
            open(&s, &key(3), key(1).verifying_key().as_bytes()),
            Err(SealError::NotForThisDevice)
        );
    }

    #[test]
    fn a_changed_or_forged_envelope_is_refused() {
        let s = sealed(b"answers");
        let sender = key(1).verifying_key().to_bytes();
        let mut other_id = s.clone();
        other_id.id = "h2".into();
        assert_eq!(open(&other_id, &key(2), &sender), Err(SealError::Forged));
        let mut other_to = s.clone();
        other_to.to = "dev-c".into();
        assert_eq!(open(&other_to, &key(2), &sender), Err(SealError::Forged));
        // Someone else (the hub) sealing to the receiver in the sender's name.
        let forged = seal(
            b"x",
            "h1",
            "dev-a",
            &key(7),
            "dev-b",
            key(2).verifying_key().as_bytes(),
            [5; 32],
        )
        .expect("sealed");
        assert_eq!(open(&forged, &key(2), &sender), Err(SealError::Forged));
        let mut flipped = s.clone();
        let mut c = b64().decode(&s.ciphertext).expect("b64");
        c[0] ^= 1;
        flipped.ciphertext = b64().encode(c);
        assert_eq!(open(&flipped, &key(2), &sender), Err(SealError::Forged));
    }

    #[test]
    fn two_envelopes_of_the_same_payload_differ() {
        let a = sealed(b"same");
        let b = seal(
            b"same",
            "h1",
            "dev-a",
            &key(1),
            "dev-b",
            key(2).verifying_key().as_bytes(),
            [10; 32],
        )
        .expect("sealed");
        assert_ne!(a.ciphertext, b.ciphertext);
    }

    #[test]
    fn a_weak_or_invalid_recipient_key_is_refused() {
        // The identity point: a weak (small-order) key.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            seal(b"x", "h", "a", &key(1), "b", &identity, [1; 32]),
            Err(SealError::BadKey)
        );
    }

    #[test]
    fn envelopes_round_trip_through_json() {
        let s = sealed(b"x");
        assert_eq!(parse(&s.to_json()), Ok(s));
        assert!(matches!(parse("{}"), Err(SealError::Malformed(_))));
        let mut v2 = sealed(b"x");
        v2.v = 2;
        assert!(matches!(parse(&v2.to_json()), Err(SealError::Malformed(_))));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn parsing_never_panics(text in ".{0,400}") {
            let _ = parse(&text);
        }

        #[test]
        fn opening_any_envelope_never_panics(
            eph in "[A-Za-z0-9+/=]{0,60}",
            ct in "[A-Za-z0-9+/=]{0,80}",
            sig in "[A-Za-z0-9+/=]{0,100}",
        ) {
            let s = Sealed { v: 1, id: "h".into(), from: "a".into(), to: "b".into(),
                ephemeral: eph, ciphertext: ct, signature: sig };
            prop_assert!(open(&s, &key(2), key(1).verifying_key().as_bytes()).is_err());
        }

        #[test]
        fn any_payload_survives_the_trip(payload in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let s = sealed(&payload);
            prop_assert_eq!(open(&s, &key(2), key(1).verifying_key().as_bytes()), Ok(payload));
        }
    }
}
