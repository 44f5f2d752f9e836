//! Node.js binding of the `qudag-dag` crate: its content-addressed DAG of
//! nodes (BLAKE3 hashes, parent edges, the node state machine) and the
//! QR-Avalanche vote tracker that decides when a vertex is final.
//!
//! The crate's `Dag`/`DAGConsensus` front ends build a tokio runtime inside
//! every call; the synchronous `Graph` and `QRAvalanche` underneath hold the
//! same logic without that, so those are what is bound.

use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use qudag_dag::{ConsensusStatus, Node, NodeState, QRAvalancheConfig, VertexId};

/// Version of the wrapped `qudag-dag` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

fn parse_hash(hex: &str) -> Result<blake3::Hash> {
    blake3::Hash::from_hex(hex)
        .map_err(|e| invalid(format!("not a node hash (64 hex digits): {hex:?}: {e}")))
}

fn parse_hashes(hexes: &[String]) -> Result<Vec<blake3::Hash>> {
    hexes.iter().map(|h| parse_hash(h)).collect()
}

fn hex(hash: &blake3::Hash) -> String {
    hash.to_hex().to_string()
}

fn state_name(state: NodeState) -> &'static str {
    match state {
        NodeState::Pending => "pending",
        NodeState::Verified => "verified",
        NodeState::Final => "final",
        NodeState::Rejected => "rejected",
    }
}

/// The hash a node with this payload and these parents gets (BLAKE3 of the
/// payload followed by each parent's 32 hash bytes, in the order given).
#[napi]
pub fn node_hash(payload: Buffer, parents: Vec<String>) -> Result<String> {
    let node = Node::new(payload.to_vec(), parse_hashes(&parents)?);
    Ok(hex(&node.hash()))
}

#[napi(object)]
pub struct NodeInfo {
    pub hash: String,
    pub payload: Buffer,
    /// "pending", "verified", "final" or "rejected".
    pub state: String,
    pub parents: Vec<String>,
}

/// A DAG of nodes; a node can only be added once all its parents are in.
#[napi]
pub struct Graph {
    inner: qudag_dag::Graph,
}

#[napi]
impl Graph {
    #[napi(constructor)]
    pub fn new() -> Self {
        Self {
            inner: qudag_dag::Graph::new(),
        }
    }

    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Adds a node and returns its hash; adding the same payload and parents
    /// twice, or naming a parent that is not in the graph, is an error.
    #[napi]
    pub fn add_node(&self, payload: Buffer, parents: Vec<String>) -> Result<String> {
        let node = Node::new(payload.to_vec(), parse_hashes(&parents)?);
        let hash = node.hash();
        self.inner
            .add_node(node)
            .map_err(|e| invalid(format!("cannot add node: {e}")))?;
        Ok(hex(&hash))
    }

    #[napi]
    pub fn node(&self, hash: String) -> Result<Option<NodeInfo>> {
        let h = parse_hash(&hash)?;
        Ok(self.inner.get_node(&h).map(|node| NodeInfo {
            hash: hex(&node.hash()),
            payload: node.payload().to_vec().into(),
            state: state_name(node.state()).to_string(),
            parents: node.parents().iter().map(hex).collect(),
        }))
    }

    /// Hashes of the nodes that name `hash` as a parent, sorted.
    #[napi]
    pub fn children(&self, hash: String) -> Result<Vec<String>> {
        let h = parse_hash(&hash)?;
        let mut children: Vec<String> = self
            .inner
            .get_edges(&h)
            .map(|edges| edges.iter().map(|e| hex(&e.to())).collect())
            .unwrap_or_default();
        children.sort();
        Ok(children)
    }

    /// Moves a node along pending → verified → final (or to rejected from
    /// pending or verified); any other transition is an error.
    #[napi]
    pub fn set_state(&self, hash: String, state: String) -> Result<()> {
        let h = parse_hash(&hash)?;
        let new_state = match state.as_str() {
            "pending" => NodeState::Pending,
            "verified" => NodeState::Verified,
            "final" => NodeState::Final,
            "rejected" => NodeState::Rejected,
            other => {
                return Err(invalid(format!(
                    "state must be pending, verified, final or rejected, not {other:?}"
                )))
            }
        };
        self.inner
            .update_node_state(&h, new_state)
            .map_err(|e| invalid(format!("cannot change state: {e}")))
    }
}

#[napi(object)]
pub struct AvalancheOptions {
    /// Share of positive votes at which a vertex becomes final (default 0.8);
    /// at or below 1 - beta it is rejected.
    pub beta: Option<f64>,
    pub alpha: Option<f64>,
    pub query_sample_size: Option<u32>,
    pub max_rounds: Option<u32>,
    pub finality_threshold: Option<f64>,
}

#[napi(object)]
pub struct ConfidenceInfo {
    /// positiveVotes / (positiveVotes + negativeVotes), 0 before any vote.
    pub value: f64,
    pub positive_votes: u32,
    pub negative_votes: u32,
}

fn vertex_id(id: &str) -> VertexId {
    VertexId::from_bytes(id.as_bytes().to_vec())
}

fn id_string(id: &VertexId) -> String {
    String::from_utf8_lossy(id.as_bytes()).into_owned()
}

fn sorted_ids<'a>(ids: impl Iterator<Item = &'a VertexId>) -> Vec<String> {
    let mut out: Vec<String> = ids.map(id_string).collect();
    out.sort();
    out
}

/// QR-Avalanche's per-vertex vote tally: votes move a vertex's confidence,
/// and a voter that changes its vote is recorded as Byzantine.
#[napi]
pub struct QrAvalanche {
    inner: qudag_dag::QRAvalanche,
}

#[napi]
impl QrAvalanche {
    #[napi(constructor)]
    pub fn new(options: Option<AvalancheOptions>) -> Self {
        let mut config = QRAvalancheConfig::default();
        if let Some(o) = options {
            if let Some(v) = o.beta {
                config.beta = v;
            }
            if let Some(v) = o.alpha {
                config.alpha = v;
            }
            if let Some(v) = o.query_sample_size {
                config.query_sample_size = v as usize;
            }
            if let Some(v) = o.max_rounds {
                config.max_rounds = v as usize;
            }
            if let Some(v) = o.finality_threshold {
                config.finality_threshold = v;
            }
        }
        Self {
            inner: qudag_dag::QRAvalanche::with_config(config),
        }
    }

    /// Starts tracking a vertex: pending, a tip, confidence 0.
    #[napi]
    pub fn process_vertex(&mut self, id: String) -> Result<()> {
        self.inner
            .process_vertex(vertex_id(&id))
            .map(|_| ())
            .map_err(|e| invalid(format!("cannot process vertex: {e}")))
    }

    /// Records `voter`'s vote on `vertex`. A voter that contradicts its
    /// earlier vote throws (and is listed in `byzantineVoters`).
    #[napi]
    pub fn record_vote(&mut self, vertex: String, voter: String, vote: bool) -> Result<()> {
        self.inner
            .record_vote(vertex_id(&vertex), vertex_id(&voter), vote)
            .map_err(|e| Error::new(Status::GenericFailure, format!("vote refused: {e}")))
    }

    /// "pending", "accepted", "rejected" or "final"; null for an unknown vertex.
    #[napi]
    pub fn status(&self, id: String) -> Option<String> {
        self.inner.vertices.get(&vertex_id(&id)).map(|s| {
            match s {
                ConsensusStatus::Pending => "pending",
                ConsensusStatus::Accepted => "accepted",
                ConsensusStatus::Rejected => "rejected",
                ConsensusStatus::Final => "final",
            }
            .to_string()
        })
    }

    #[napi]
    pub fn confidence(&self, id: String) -> Option<ConfidenceInfo> {
        self.inner
            .get_confidence(&vertex_id(&id))
            .map(|c| ConfidenceInfo {
                value: c.value,
                positive_votes: c.positive_votes as u32,
                negative_votes: c.negative_votes as u32,
            })
    }

    /// Vertices still undecided (neither final nor rejected), sorted.
    #[napi(getter)]
    pub fn tips(&self) -> Vec<String> {
        sorted_ids(self.inner.tips.iter())
    }

    #[napi(getter)]
    pub fn byzantine_voters(&self) -> Vec<String> {
        sorted_ids(self.inner.voting_record.byzantine_voters.iter())
    }
}
