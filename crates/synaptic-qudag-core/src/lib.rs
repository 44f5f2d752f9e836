//! Node.js binding of the `synaptic-qudag-core` crate: its DAG of
//! BLAKE3-hashed nodes (each new node references the current tips), the
//! confirmation rules over it, and Ed25519 node signatures.

use std::sync::Arc;

use ed25519_dalek::{SigningKey, VerifyingKey};
use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use synaptic_qudag_core::{crypto, QuDAGConsensus, QuDAGNetwork, QuDAGNode};
use uuid::Uuid;

/// Version of the wrapped `synaptic-qudag-core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

fn key32(bytes: &[u8], what: &str) -> Result<[u8; 32]> {
    bytes.try_into().map_err(|_| invalid(format!("{what} must be 32 bytes, got {}", bytes.len())))
}

/// A node as stored in the DAG.
#[napi(object)]
pub struct DagNode {
    pub id: String,
    pub data: Buffer,
    /// BLAKE3 over id, data, timestamp and parents, hex.
    pub hash: String,
    pub parents: Vec<String>,
    /// Seconds since the Unix epoch when the node was made.
    pub timestamp: f64,
    pub signature: Option<Buffer>,
}

/// A DAG network held in memory.
#[napi]
pub struct DagNetwork {
    network: Arc<QuDAGNetwork>,
    consensus: QuDAGConsensus,
}

#[napi]
impl DagNetwork {
    #[napi(constructor)]
    pub fn new() -> Self {
        let network = Arc::new(QuDAGNetwork::new());
        let consensus = QuDAGConsensus::new(network.clone());
        DagNetwork { network, consensus }
    }

    fn id(id: &str) -> Result<Uuid> {
        Uuid::parse_str(id).map_err(|e| invalid(format!("not a node id: {e}")))
    }

    fn get(&self, id: &str) -> Result<QuDAGNode> {
        self.network.get_node(&Self::id(id)?).ok_or_else(|| invalid(format!("no node {id}")))
    }

    /// Adds a node carrying `data`; its parents are (up to two of) the
    /// current tips. Returns the new node's id.
    #[napi]
    pub fn add(&self, data: Buffer) -> Result<String> {
        let id = futures::executor::block_on(self.network.add_node(QuDAGNode::new(&data))).map_err(invalid)?;
        Ok(id.to_string())
    }

    #[napi(getter)]
    pub fn node_count(&self) -> u32 {
        self.network.node_count() as u32
    }

    /// Nodes no other node references yet (at most ten, newest last).
    #[napi(getter)]
    pub fn tips(&self) -> Vec<String> {
        self.network.get_tips().iter().map(Uuid::to_string).collect()
    }

    #[napi]
    pub fn node(&self, id: String) -> Result<Option<DagNode>> {
        Ok(self.network.get_node(&Self::id(&id)?).map(|n| DagNode {
            id: n.id.to_string(),
            data: n.data.clone().into(),
            hash: n.hash.iter().map(|b| format!("{b:02x}")).collect(),
            parents: n.parents.iter().map(Uuid::to_string).collect(),
            timestamp: n.timestamp as f64,
            signature: n.signature.clone().map(Into::into),
        }))
    }

    /// Whether at least two nodes reference this one.
    #[napi]
    pub fn is_confirmed(&self, id: String) -> Result<bool> {
        Ok(self.consensus.is_confirmed(&Self::id(&id)?))
    }

    /// How many layers of descendants the node has.
    #[napi]
    pub fn confirmation_depth(&self, id: String) -> Result<u32> {
        Ok(self.consensus.confirmation_depth(&Self::id(&id)?) as u32)
    }

    /// Signs a node (over id, data, timestamp and hash) and returns the
    /// signature. The signature is not written back into the DAG: the crate
    /// hands out copies of its nodes.
    #[napi]
    pub fn sign(&self, id: String, secret_key: Buffer) -> Result<Buffer> {
        let mut node = self.get(&id)?;
        let key = SigningKey::from_bytes(&key32(&secret_key, "secret key")?);
        crypto::sign_node(&mut node, &key).map_err(invalid)?;
        Ok(node.signature.unwrap_or_default().into())
    }

    /// Checks `signature` over the node against an Ed25519 public key.
    #[napi]
    pub fn verify(&self, id: String, signature: Buffer, public_key: Buffer) -> Result<bool> {
        let mut node = self.get(&id)?;
        let key = VerifyingKey::from_bytes(&key32(&public_key, "public key")?)
            .map_err(|e| invalid(format!("not an Ed25519 public key: {e}")))?;
        node.signature = Some(signature.to_vec());
        match crypto::verify_node_signature(&node, &key) {
            Ok(valid) => Ok(valid),
            // A well-formed signature that does not verify is a plain "no".
            Err(e) if e.to_string().starts_with("Cryptographic error: Signature verification failed") => Ok(false),
            Err(e) => Err(invalid(e)),
        }
    }
}
