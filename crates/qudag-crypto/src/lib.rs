//! Node.js binding of the `qudag-crypto` crate: ML-DSA-65 signatures, HQC
//! public-key encryption at its three security levels, and quantum
//! fingerprints (a 64-byte BLAKE3 digest signed with a fresh ML-DSA key).
//!
//! The crate's ML-KEM-768 returns random bytes in place of keys, ciphertexts
//! and shared secrets (decapsulation does not recover the encapsulated
//! secret), so it is left out.

use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use qudag_crypto::ml_dsa::{
    ML_DSA_PUBLIC_KEY_SIZE, ML_DSA_SECRET_KEY_SIZE, ML_DSA_SIGNATURE_SIZE,
};
use qudag_crypto::{hqc, Fingerprint as CrateFingerprint, MlDsaKeyPair as CrateKeyPair, MlDsaPublicKey};

/// Version of the wrapped `qudag-crypto` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

fn failed(message: String) -> Error {
    Error::new(Status::GenericFailure, message)
}

fn public_key(bytes: &[u8]) -> Result<MlDsaPublicKey> {
    MlDsaPublicKey::from_bytes(bytes)
        .map_err(|e| invalid(format!("not an ML-DSA-65 public key: {e}")))
}

/// Sizes in bytes of ML-DSA-65 (security level 3) keys and signatures.
#[napi(object)]
pub struct MlDsaSizes {
    pub public_key: u32,
    pub secret_key: u32,
    /// The largest signature; signatures are at most this long.
    pub signature: u32,
}

/// Sizes of ML-DSA-65 keys and signatures.
#[napi]
pub fn ml_dsa_sizes() -> MlDsaSizes {
    MlDsaSizes {
        public_key: ML_DSA_PUBLIC_KEY_SIZE as u32,
        secret_key: ML_DSA_SECRET_KEY_SIZE as u32,
        signature: ML_DSA_SIGNATURE_SIZE as u32,
    }
}

/// An ML-DSA-65 signing key pair, freshly generated from the system's
/// random source.
#[napi]
pub struct MlDsaKeyPair {
    inner: CrateKeyPair,
}

#[napi]
impl MlDsaKeyPair {
    #[napi(constructor)]
    pub fn new() -> Result<Self> {
        let inner = CrateKeyPair::generate(&mut rand::thread_rng())
            .map_err(|e| failed(format!("ML-DSA key generation failed: {e}")))?;
        Ok(Self { inner })
    }

    #[napi(getter)]
    pub fn public_key(&self) -> Buffer {
        self.inner.public_key().to_vec().into()
    }

    #[napi(getter)]
    pub fn secret_key(&self) -> Buffer {
        self.inner.secret_key().to_vec().into()
    }

    /// The detached signature of `message`.
    #[napi]
    pub fn sign(&self, message: Buffer) -> Result<Buffer> {
        let signature = self
            .inner
            .sign(&message, &mut rand::thread_rng())
            .map_err(|e| failed(format!("ML-DSA signing failed: {e}")))?;
        Ok(signature.into())
    }
}

/// Whether `signature` is an ML-DSA-65 signature of `message` under
/// `publicKey`. Throws only when `publicKey` is not a public key.
#[napi]
pub fn ml_dsa_verify(public_key_bytes: Buffer, message: Buffer, signature: Buffer) -> Result<bool> {
    let key = public_key(&public_key_bytes)?;
    Ok(key.verify(&message, &signature).is_ok())
}

fn level(bits: u32) -> Result<hqc::SecurityParameter> {
    match bits {
        128 => Ok(hqc::SecurityParameter::Hqc128),
        192 => Ok(hqc::SecurityParameter::Hqc192),
        256 => Ok(hqc::SecurityParameter::Hqc256),
        _ => Err(invalid(format!("HQC security level must be 128, 192 or 256, not {bits}"))),
    }
}

/// Sizes in bytes of an HQC parameter set's keys and KEM ciphertext.
#[napi(object)]
pub struct HqcSizes {
    pub public_key: u32,
    pub secret_key: u32,
    /// The KEM part of every `hqcEncrypt` result.
    pub kem_ciphertext: u32,
}

/// Sizes of HQC-128, -192 or -256 keys and KEM ciphertexts.
#[napi]
pub fn hqc_sizes(level_bits: u32) -> Result<HqcSizes> {
    let params = hqc::Parameters::new(level(level_bits)?);
    Ok(HqcSizes {
        public_key: params.public_key_len() as u32,
        secret_key: params.secret_key_len() as u32,
        kem_ciphertext: params.ciphertext_len() as u32,
    })
}

#[napi(object)]
pub struct HqcKeyPair {
    pub public_key: Buffer,
    pub secret_key: Buffer,
}

/// A fresh HQC key pair at security level 128, 192 or 256.
#[napi]
pub fn hqc_keypair(level_bits: u32) -> Result<HqcKeyPair> {
    let scheme = hqc::Hqc::new(level(level_bits)?);
    let (pk, sk) = scheme
        .generate_keypair(&mut rand::thread_rng())
        .map_err(|e| failed(format!("HQC key generation failed: {e}")))?;
    Ok(HqcKeyPair {
        public_key: pk.as_bytes().into(),
        secret_key: sk.as_bytes().into(),
    })
}

/// Encrypts `message` (at most 65536 bytes) to `publicKey`: the message
/// length (4 bytes, little-endian), the HQC KEM ciphertext, then the message
/// XORed with BLAKE3("HQC-KEY-DERIVATION" || shared secret), a 32-byte key
/// that repeats over longer messages, so those are not kept secret.
#[napi]
pub fn hqc_encrypt(level_bits: u32, public_key_bytes: Buffer, message: Buffer) -> Result<Buffer> {
    let security = level(level_bits)?;
    let pk = hqc::PublicKey::from_bytes_with_params(&public_key_bytes, security)
        .map_err(|_| invalid(format!("not an HQC-{level_bits} public key")))?;
    let ct = hqc::Hqc::new(security)
        .encrypt(&message, &pk, &mut rand::thread_rng())
        .map_err(|e| invalid(format!("HQC encryption failed: {e}")))?;
    Ok(ct.as_bytes().into())
}

/// Decrypts an `hqcEncrypt` result with `secretKey`. Throws when HQC rejects
/// the KEM part (another key, altered bytes); the message part is not
/// authenticated, so altering it gives other bytes, not an error.
#[napi]
pub fn hqc_decrypt(level_bits: u32, secret_key_bytes: Buffer, ciphertext: Buffer) -> Result<Buffer> {
    let security = level(level_bits)?;
    let sk = hqc::SecretKey::from_bytes_with_params(&secret_key_bytes, security)
        .map_err(|_| invalid(format!("not an HQC-{level_bits} secret key")))?;
    let ct = hqc::Ciphertext::from_bytes_with_params(&ciphertext, security)
        .map_err(|_| invalid(format!("not an HQC-{level_bits} ciphertext (too short)")))?;
    // pqcrypto-hqc panics when HQC's decapsulation rejects the ciphertext
    // (its re-encryption check fails: another key, altered bytes); that is
    // this call's answer, so it becomes an error rather than an abort.
    let outcome = std::panic::catch_unwind(|| hqc::Hqc::new(security).decrypt(&ct, &sk));
    match outcome {
        Ok(Ok(message)) => Ok(message.into()),
        Ok(Err(e)) => Err(failed(format!("HQC decryption failed: {e}"))),
        Err(_) => Err(failed(format!(
            "HQC decryption failed: the HQC-{level_bits} ciphertext was rejected (another key, or altered)"
        ))),
    }
}

/// A quantum fingerprint of some data: its 64-byte BLAKE3 digest (extended
/// output) signed with a fresh ML-DSA-65 key.
#[napi]
pub struct Fingerprint {
    inner: CrateFingerprint,
    public_key: Vec<u8>,
}

#[napi]
impl Fingerprint {
    #[napi(constructor)]
    pub fn new(data: Buffer) -> Result<Self> {
        let (inner, key) = CrateFingerprint::generate(&data, &mut rand::thread_rng())
            .map_err(|e| failed(format!("fingerprint generation failed: {e}")))?;
        Ok(Self {
            inner,
            public_key: key.as_bytes().to_vec(),
        })
    }

    /// The 64-byte BLAKE3 digest of the data.
    #[napi(getter)]
    pub fn data(&self) -> Buffer {
        self.inner.data().to_vec().into()
    }

    #[napi(getter)]
    pub fn signature(&self) -> Buffer {
        self.inner.signature().to_vec().into()
    }

    /// The ML-DSA-65 public key the digest was signed with.
    #[napi(getter)]
    pub fn public_key(&self) -> Buffer {
        self.public_key.clone().into()
    }

    /// Whether the signature over the digest verifies under `publicKey`.
    #[napi]
    pub fn verify(&self, public_key_bytes: Buffer) -> Result<bool> {
        let key = public_key(&public_key_bytes)?;
        Ok(self.inner.verify(&key).is_ok())
    }
}
