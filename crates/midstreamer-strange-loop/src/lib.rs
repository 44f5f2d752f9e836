//! Node.js binding of the `midstreamer-strange-loop` crate: meta-learning
//! over levels, where the patterns found at one level are the data of the
//! next, up to a maximum depth.

use midstreamer_strange_loop::{MetaKnowledge, MetaLevel, StrangeLoop as Inner, StrangeLoopConfig};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `midstreamer-strange-loop` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A pattern learned at a level.
#[napi(object)]
pub struct Knowledge {
    pub level: u32,
    pub pattern: String,
    pub confidence: f64,
}

/// Totals over every level.
#[napi(object)]
pub struct Summary {
    pub total_levels: u32,
    pub total_knowledge: u32,
    pub total_modifications: u32,
    pub safety_violations: u32,
    pub learning_iterations: f64,
}

fn knowledge(k: MetaKnowledge) -> Knowledge {
    Knowledge { level: k.level.level() as u32, pattern: k.pattern, confidence: k.confidence }
}

/// The learner. Every pair of equal items in the data given to a level is a
/// pattern of that level; all patterns of a level so far are then learned
/// from at the next level, up to `maxMetaDepth` (default 3).
#[napi]
pub struct StrangeLoop {
    inner: Inner,
}

#[napi]
impl StrangeLoop {
    #[napi(constructor)]
    pub fn new(max_meta_depth: Option<u32>) -> Self {
        let mut config = StrangeLoopConfig::default();
        if let Some(depth) = max_meta_depth {
            config.max_meta_depth = depth as usize;
        }
        StrangeLoop { inner: Inner::new(config) }
    }

    /// Learns from `data` at `level` (and above); returns the patterns found at `level`.
    #[napi]
    pub fn learn(&mut self, level: u32, data: Vec<String>) -> Result<Vec<Knowledge>> {
        let found = self
            .inner
            .learn_at_level(MetaLevel(level as usize), &data)
            .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?;
        Ok(found.into_iter().map(knowledge).collect())
    }

    /// Every pattern learned at `level` so far.
    #[napi]
    pub fn knowledge_at(&self, level: u32) -> Vec<Knowledge> {
        self.inner
            .get_knowledge_at_level(MetaLevel(level as usize))
            .into_iter()
            .map(knowledge)
            .collect()
    }

    #[napi]
    pub fn summary(&self) -> Summary {
        let s = self.inner.get_summary();
        Summary {
            total_levels: s.total_levels as u32,
            total_knowledge: s.total_knowledge as u32,
            total_modifications: s.total_modifications as u32,
            safety_violations: s.safety_violations as u32,
            learning_iterations: s.learning_iterations as f64,
        }
    }

    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}
