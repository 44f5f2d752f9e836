//! Node.js binding of the `nt-memory` crate: its L1 hot cache, the
//! ReasoningBank's verdict judge and pattern distiller, its deterministic
//! text embedder and vector metrics, and its `swarm/<agent>/<key>` namespaces.
//!
//! Not exposed: the L2 vector store (an AgentDB server over HTTP), the L3
//! sled store and MemorySystem (which opens both), and the coordination
//! primitives, which wait on tokio timers.

use futures::executor::block_on;
use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use nt_memory::agentdb::embeddings::{cosine_similarity as crate_cosine, euclidean_distance as crate_euclidean, DeterministicEmbedder};
use nt_memory::cache::hot::CacheStats as CrateCacheStats;
use nt_memory::{CacheConfig, EmbeddingProvider, HotCache as CrateHotCache, MemoryDistiller, Namespace, Trajectory, Verdict, VerdictJudge};
use std::time::Duration;

/// Version of the wrapped `nt-memory` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn floats(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&x| x as f32).collect()
}

fn widen(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

#[napi(object)]
pub struct NamespaceParts {
    pub agent_id: String,
    pub key: String,
}

/// Splits a `swarm/<agentId>/<key>` key; anything else is rejected with the
/// crate's message.
#[napi]
pub fn parse_namespace(key: String) -> Result<NamespaceParts> {
    let (_, agent_id, key) = Namespace::parse(&key).map_err(invalid)?;
    Ok(NamespaceParts { agent_id, key })
}

/// `swarm/<agentId>/<key>`
#[napi]
pub fn build_namespace(agent_id: String, key: String) -> String {
    Namespace::build(&agent_id, &key)
}

/// The distinct agents named by the valid keys, sorted.
#[napi]
pub fn namespace_agents(keys: Vec<String>) -> Vec<String> {
    let mut ids: Vec<String> = Namespace::get_agent_ids(&keys).into_iter().collect();
    ids.sort();
    ids
}

/// The keys that belong to the agent, in their order.
#[napi]
pub fn filter_by_agent(keys: Vec<String>, agent_id: String) -> Vec<String> {
    Namespace::filter_by_agent(&keys, &agent_id)
}

/// Tolerances of the verdict judge, as fractions of the actual outcome; the
/// crate's defaults are 0.05 and 0.25.
#[napi(object)]
pub struct JudgeTolerances {
    pub correct: f64,
    pub very_wrong: f64,
}

#[napi(object)]
pub struct VerdictResult {
    /// "correct", "incorrect", "veryWrong" or "insufficient"
    pub verdict: String,
    /// Mean relative error |prediction - outcome| / |outcome| over the pairs;
    /// absent when insufficient.
    pub error: Option<f64>,
    /// 1 - min(error, 1)
    pub accuracy: f64,
    /// pairs / 10, at most 1
    pub confidence: f64,
    pub feedback: String,
    /// Mean of the outcomes (the trajectory's score); absent without outcomes.
    pub score: Option<f64>,
}

/// Judges a trajectory's predicted outcomes against the actual ones, pairing
/// them in order (extra values on either side are ignored).
#[napi]
pub fn judge_predictions(predictions: Vec<f64>, outcomes: Vec<f64>, tolerances: Option<JudgeTolerances>) -> VerdictResult {
    let judge = match tolerances {
        Some(t) => VerdictJudge::with_tolerances(t.correct, t.very_wrong),
        None => VerdictJudge::new(),
    };
    let mut trajectory = Trajectory::new("js".to_string());
    for p in predictions {
        trajectory.add_action("predict".to_string(), serde_json::json!({}), Some(p));
    }
    for o in outcomes {
        trajectory.add_outcome(o);
    }
    let result = judge.judge(&trajectory);
    let (verdict, error) = match result.verdict {
        Verdict::Correct { error } => ("correct", Some(error)),
        Verdict::Incorrect { error } => ("incorrect", Some(error)),
        Verdict::VeryWrong { error } => ("veryWrong", Some(error)),
        Verdict::Insufficient => ("insufficient", None),
    };
    VerdictResult {
        verdict: verdict.to_string(),
        error,
        accuracy: result.accuracy,
        confidence: result.confidence,
        feedback: result.feedback,
        score: trajectory.score(),
    }
}

/// One trajectory for distillation: its agent and the embeddings of its
/// observations.
#[napi(object)]
pub struct TrajectoryEmbeddings {
    pub agent_id: String,
    pub embeddings: Vec<Vec<f64>>,
}

#[napi(object)]
pub struct DistillOptions {
    /// Trajectories an agent needs before a pattern is drawn (crate default 3).
    pub min_trajectories: Option<u32>,
}

#[napi(object)]
pub struct DistilledPattern {
    pub agent_id: String,
    pub trajectory_count: u32,
    /// Unit-length mean of the agent's observation embeddings.
    pub centroid: Vec<f64>,
    /// (mean cosine similarity to the centroid + 1) / 2
    pub strength: f64,
}

/// The ReasoningBank's distillation: per agent with enough trajectories,
/// the centroid of its observation embeddings and how tightly they cluster
/// around it. Sorted by agent.
#[napi]
pub fn distill_patterns(trajectories: Vec<TrajectoryEmbeddings>, options: Option<DistillOptions>) -> Result<Vec<DistilledPattern>> {
    let min = options.and_then(|o| o.min_trajectories).unwrap_or(3) as usize;
    let mut dimension = None;
    let mut built = Vec::with_capacity(trajectories.len());
    for (i, t) in trajectories.iter().enumerate() {
        let mut trajectory = Trajectory::new(t.agent_id.clone());
        for (j, e) in t.embeddings.iter().enumerate() {
            // The crate indexes every embedding by the first one's length.
            match dimension {
                None => dimension = Some(e.len()),
                Some(d) if d != e.len() => {
                    return Err(invalid(format!("trajectories[{i}].embeddings[{j}] has {} values, expected {d}", e.len())))
                }
                _ => {}
            }
            trajectory.add_observation(serde_json::json!({}), Some(floats(e)));
        }
        built.push(trajectory);
    }
    // Compression only adds LZ4 size figures to the metadata, which is not returned.
    let distiller = MemoryDistiller::with_params(false, min, 0.8);
    let mut patterns: Vec<DistilledPattern> = block_on(distiller.distill(&built))
        .into_iter()
        .map(|p| DistilledPattern {
            agent_id: p.metadata["agent_id"].as_str().unwrap_or_default().to_string(),
            trajectory_count: p.trajectory_ids.len() as u32,
            centroid: widen(&p.centroid),
            strength: p.strength,
        })
        .collect();
    patterns.sort_by(|a, b| a.agent_id.cmp(&b.agent_id));
    Ok(patterns)
}

/// The crate's deterministic embedding of a text (for tests and offline
/// use): SipHash of the text seeds a linear congruential sequence, scaled to
/// [-1, 1] and normalized to unit length. f32 values widened to numbers.
#[napi]
pub fn embed_text(text: String, dimension: u32) -> Result<Vec<f64>> {
    let embedder = DeterministicEmbedder::new(dimension as usize);
    let e = block_on(embedder.embed(&text)).map_err(|e| Error::from_reason(e.to_string()))?;
    Ok(widen(&e))
}

/// Cosine similarity in f32; 0 for vectors of different lengths or a zero vector.
#[napi]
pub fn cosine_similarity(a: Vec<f64>, b: Vec<f64>) -> f64 {
    crate_cosine(&floats(&a), &floats(&b)) as f64
}

/// Euclidean distance in f32; the largest f32 for vectors of different lengths.
#[napi]
pub fn euclidean_distance(a: Vec<f64>, b: Vec<f64>) -> f64 {
    crate_euclidean(&floats(&a), &floats(&b)) as f64
}

/// Hot cache settings; the crate's defaults are 100000 entries, one hour,
/// and access tracking on.
#[napi(object)]
pub struct HotCacheOptions {
    pub max_entries: Option<u32>,
    /// Time to live of an entry, from its insertion.
    pub ttl_ms: Option<u32>,
    /// Whether reads refresh an entry for the LRU eviction.
    pub track_access: Option<bool>,
}

#[napi(object)]
pub struct HotCacheStats {
    pub entries: u32,
    pub hits: i64,
    pub misses: i64,
    pub evictions: i64,
    pub hit_rate: f64,
}

impl From<CrateCacheStats> for HotCacheStats {
    fn from(s: CrateCacheStats) -> Self {
        HotCacheStats {
            entries: s.entries as u32,
            hits: s.hits as i64,
            misses: s.misses as i64,
            evictions: s.evictions as i64,
            hit_rate: s.hit_rate,
        }
    }
}

/// The L1 cache: byte values by key, expiring after their time to live, the
/// least recently used entry evicted when full.
#[napi]
pub struct HotCache {
    inner: CrateHotCache,
}

#[napi]
impl HotCache {
    #[napi(constructor)]
    pub fn new(options: Option<HotCacheOptions>) -> Result<Self> {
        let mut config = CacheConfig::default();
        if let Some(o) = options {
            if let Some(n) = o.max_entries {
                if n == 0 {
                    return Err(invalid("maxEntries must be at least 1"));
                }
                config.max_entries = n as usize;
            }
            if let Some(ms) = o.ttl_ms {
                config.ttl = Duration::from_millis(ms as u64);
            }
            if let Some(t) = o.track_access {
                config.track_access = t;
            }
        }
        Ok(HotCache { inner: CrateHotCache::new(config) })
    }

    /// Stores a copy of the bytes, evicting the least recently used entry
    /// first when the cache is full.
    #[napi]
    pub fn insert(&self, key: String, value: Buffer) {
        self.inner.insert(&key, value.to_vec());
    }

    /// The value, or null when absent or expired (a miss).
    #[napi]
    pub fn get(&self, key: String) -> Option<Buffer> {
        self.inner.get(&key).map(|e| e.data.into())
    }

    /// Whether an entry was removed.
    #[napi]
    pub fn remove(&self, key: String) -> bool {
        self.inner.remove(&key).is_some()
    }

    #[napi]
    pub fn clear(&self) {
        self.inner.clear()
    }

    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// hits / (hits + misses), 0 before any read.
    #[napi]
    pub fn hit_rate(&self) -> f64 {
        self.inner.hit_rate()
    }

    #[napi]
    pub fn stats(&self) -> HotCacheStats {
        self.inner.stats().into()
    }
}
