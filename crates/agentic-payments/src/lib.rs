//! Node.js binding of the `agentic-payments` crate: its Ed25519 agent
//! identities (did:key DIDs, DID documents, signing and verification) and its
//! Byzantine-fault-tolerant weighted quorum.

use agentic_payments::consensus::{Authority, AuthorityId, Quorum as CrateQuorum, QuorumConfig};
use agentic_payments::crypto::{verify_signature, AgentIdentity as CrateIdentity, Signature};
use ed25519_dalek::VerifyingKey;
use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `agentic-payments` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

fn signature(bytes: &[u8]) -> Result<Signature> {
    Signature::from_bytes(bytes).map_err(invalid)
}

fn public_key(bytes: &[u8]) -> Result<VerifyingKey> {
    let bytes: &[u8; 32] = bytes
        .try_into()
        .map_err(|_| invalid(format!("an Ed25519 public key is 32 bytes, got {}", bytes.len())))?;
    VerifyingKey::from_bytes(bytes).map_err(|e| invalid(format!("not an Ed25519 public key: {e}")))
}

/// Checks an Ed25519 signature. A malformed key or signature is an error; a
/// well-formed signature that does not match is `false`.
#[napi]
pub fn verify_signature_bytes(public_key_bytes: Buffer, message: Buffer, signature_bytes: Buffer) -> Result<bool> {
    let key = public_key(&public_key_bytes)?;
    verify_signature(&key, &message, &signature(&signature_bytes)?).map_err(invalid)
}

/// A verification method of a DID document.
#[napi(object)]
pub struct VerificationMethod {
    pub id: String,
    #[napi(js_name = "type")]
    pub type_: String,
    pub controller: String,
    pub public_key_multibase: String,
}

/// The W3C DID document of an identity.
#[napi(object)]
pub struct DidDocument {
    pub id: String,
    pub verification_method: Vec<VerificationMethod>,
    pub authentication: Vec<String>,
    pub assertion_method: Vec<String>,
}

/// An agent's Ed25519 identity. Only made from a given 32-byte secret key:
/// the crate's own generator draws from the OS, which JS can do itself.
#[napi]
pub struct AgentIdentity {
    inner: CrateIdentity,
}

#[napi]
impl AgentIdentity {
    #[napi(factory)]
    pub fn from_secret_key(secret_key: Buffer) -> Result<Self> {
        Ok(AgentIdentity { inner: CrateIdentity::from_bytes(&secret_key).map_err(invalid)? })
    }

    /// `did:key:z` followed by the public key in unpadded base64url.
    #[napi(getter)]
    pub fn did(&self) -> String {
        self.inner.did().to_string()
    }

    #[napi(getter)]
    pub fn public_key(&self) -> Buffer {
        self.inner.verifying_key_bytes().to_vec().into()
    }

    /// The 64-byte signature of `message`.
    #[napi]
    pub fn sign(&self, message: Buffer) -> Result<Buffer> {
        Ok(self.inner.sign(&message).map_err(invalid)?.to_bytes().to_vec().into())
    }

    #[napi]
    pub fn verify(&self, message: Buffer, signature_bytes: Buffer) -> Result<bool> {
        self.inner.verify(&message, &signature(&signature_bytes)?).map_err(invalid)
    }

    #[napi]
    pub fn did_document(&self) -> DidDocument {
        let doc = self.inner.to_did_document();
        DidDocument {
            id: doc.id,
            verification_method: doc
                .verification_method
                .into_iter()
                .map(|m| VerificationMethod {
                    id: m.id,
                    type_: m.type_,
                    controller: m.controller,
                    public_key_multibase: m.public_key_multibase,
                })
                .collect(),
            authentication: doc.authentication,
            assertion_method: doc.assertion_method,
        }
    }
}

/// One voting authority.
#[napi(object)]
pub struct AuthorityInput {
    pub id: String,
    pub weight: u32,
}

/// How a quorum counts; the crate's defaults are a 0.67 threshold, one
/// tolerated fault (so at least four authorities) and weighted votes.
#[napi(object)]
pub struct QuorumOptions {
    pub threshold: Option<f64>,
    pub max_faults: Option<u32>,
    /// Fewest authorities accepted (default 3 * maxFaults + 1).
    pub min_authorities: Option<u32>,
    /// Count each authority's weight (true) or one per authority (false).
    pub use_weights: Option<bool>,
}

/// A weighted BFT quorum over named authorities.
#[napi]
pub struct Quorum {
    inner: CrateQuorum,
}

#[napi]
impl Quorum {
    #[napi(constructor)]
    pub fn new(authorities: Vec<AuthorityInput>, options: Option<QuorumOptions>) -> Result<Self> {
        let options = options.unwrap_or(QuorumOptions {
            threshold: None,
            max_faults: None,
            min_authorities: None,
            use_weights: None,
        });
        let defaults = QuorumConfig::byzantine(options.max_faults.unwrap_or(1) as usize);
        let config = QuorumConfig {
            threshold: options.threshold.unwrap_or(defaults.threshold),
            min_authorities: options.min_authorities.map_or(defaults.min_authorities, |n| n as usize),
            max_faults: defaults.max_faults,
            use_weights: options.use_weights.unwrap_or(defaults.use_weights),
        };
        let authorities = authorities
            .into_iter()
            .map(|a| Authority::new(AuthorityId::from(a.id), a.weight as u64))
            .collect();
        Ok(Quorum { inner: CrateQuorum::new(config, authorities).map_err(invalid)? })
    }

    #[napi(getter)]
    pub fn total_weight(&self) -> f64 {
        self.inner.total_weight() as f64
    }

    /// ceil(totalWeight * threshold).
    #[napi(getter)]
    pub fn required_weight(&self) -> f64 {
        self.inner.required_weight() as f64
    }

    #[napi(getter)]
    pub fn authority_count(&self) -> u32 {
        self.inner.authority_count() as u32
    }

    /// floor((authorityCount - 1) / 3).
    #[napi(getter)]
    pub fn max_byzantine_faults(&self) -> u32 {
        self.inner.max_byzantine_faults() as u32
    }

    #[napi]
    pub fn has_quorum(&self, weight: f64) -> bool {
        self.inner.has_quorum(weight as u64)
    }

    /// The weight the named authorities carry together (unknown names add 0).
    #[napi]
    pub fn weight_of(&self, ids: Vec<String>) -> f64 {
        let ids: Vec<AuthorityId> = ids.into_iter().map(AuthorityId::from).collect();
        self.inner.calculate_weight(ids.iter()) as f64
    }

    /// Whether the named authorities together reach the quorum.
    #[napi]
    pub fn reached_by(&self, ids: Vec<String>) -> bool {
        self.inner.has_quorum(self.weight_of(ids) as u64)
    }

    #[napi]
    pub fn update_weight(&mut self, id: String, weight: u32) -> Result<()> {
        self.inner.update_weight(&AuthorityId::from(id), weight as u64).map_err(invalid)
    }

    #[napi]
    pub fn mark_byzantine(&mut self, id: String) -> Result<()> {
        self.inner.mark_byzantine(&AuthorityId::from(id)).map_err(invalid)
    }

    #[napi(getter)]
    pub fn byzantine_count(&self) -> u32 {
        self.inner.byzantine_count() as u32
    }

    /// Whether the authorities marked Byzantine are within what the quorum tolerates.
    #[napi(getter)]
    pub fn is_fault_tolerant(&self) -> bool {
        self.inner.is_fault_tolerant()
    }
}
