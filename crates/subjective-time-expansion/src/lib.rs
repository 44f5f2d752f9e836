//! Node.js binding of the `subjective-time-expansion` crate: its Φ-proxy
//! (an integrated-information estimate of a cognitive state matrix, from the
//! entropy of its singular values and the spread of its rows) and the
//! catalogue of cognitive patterns that weight it. The agent scheduler, which
//! runs on wall-clock ticks and random draws, is left out.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use nalgebra::DMatrix;
use napi::{Error, Result, Status};
use napi_derive::napi;
use subjective_time_expansion::CognitivePattern;

/// Version of the wrapped `subjective-time-expansion` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

// The Φ measurement is an `async fn` that never awaits anything external, so
// one poll completes it.
fn run<F: Future>(future: F) -> Result<F::Output> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Ok(value),
        Poll::Pending => Err(fail("the measurement unexpectedly waited")),
    }
}

const PATTERNS: [(&str, CognitivePattern); 7] = [
    ("creativeSynthesis", CognitivePattern::CreativeSynthesis),
    ("systemsThinking", CognitivePattern::SystemsThinking),
    ("convergentReasoning", CognitivePattern::ConvergentReasoning),
    ("divergentThinking", CognitivePattern::DivergentThinking),
    ("lateralThinking", CognitivePattern::LateralThinking),
    ("criticalAnalysis", CognitivePattern::CriticalAnalysis),
    ("empatheticReasoning", CognitivePattern::EmpatheticReasoning),
];

fn pattern_of(name: &str) -> Result<CognitivePattern> {
    PATTERNS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).ok_or_else(|| {
        let names: Vec<&str> = PATTERNS.iter().map(|(n, _)| *n).collect();
        invalid(format!("unknown cognitive pattern '{name}' (expected one of {})", names.join(", ")))
    })
}

#[napi(object)]
pub struct PatternInfo {
    pub name: String,
    pub description: String,
    /// Typical cognitive load, [low, high].
    pub load_range: Vec<f64>,
}

/// The seven cognitive patterns, with the crate's descriptions and load ranges.
#[napi]
pub fn cognitive_patterns() -> Vec<PatternInfo> {
    PATTERNS
        .iter()
        .map(|(name, p)| {
            let (low, high) = p.typical_cognitive_load_range();
            PatternInfo { name: name.to_string(), description: p.description().to_string(), load_range: vec![low, high] }
        })
        .collect()
}

#[napi(object)]
pub struct PhiContext {
    /// Task complexity: Φ is scaled by 1 + 0.2·complexity.
    pub complexity: Option<f64>,
    /// Subjective dilation: Φ is scaled by 1 + 0.1·(dilation - 1).
    pub dilation_factor: Option<f64>,
}

#[napi(object)]
pub struct PhiMeasurement {
    /// Φ, clamped to [0, 4] (to [0, 1] without detailed measurement).
    pub phi: f64,
    /// integration / (1 + integration).
    pub integration_level: f64,
    /// 2·(normalised singular-value entropy).
    pub integration: f64,
    /// Mean pairwise row distance / sqrt(rows).
    pub differentiation: f64,
    /// Harmonic balance of integration and differentiation.
    pub complexity: f64,
    pub confidence: f64,
}

/// The Φ-proxy of one cognitive pattern.
#[napi]
pub struct PhiProxy {
    inner: subjective_time_expansion::PhiProxy,
}

#[napi]
impl PhiProxy {
    /// `detailed` (default true) keeps the pattern weighting and the 0-4
    /// range; false turns weighting off and clamps Φ to 0-1.
    #[napi(constructor)]
    pub fn new(pattern: String, detailed: Option<bool>) -> Result<Self> {
        let inner = subjective_time_expansion::PhiProxy::new(detailed.unwrap_or(true), pattern_of(&pattern)?).map_err(fail)?;
        Ok(PhiProxy { inner })
    }

    /// Measures a state matrix (rows = system elements).
    #[napi]
    pub fn measure(&self, state: Vec<Vec<f64>>, context: Option<PhiContext>) -> Result<PhiMeasurement> {
        let rows = state.len();
        let cols = state.first().map_or(0, Vec::len);
        if rows == 0 || cols == 0 {
            return Err(invalid("the state matrix must have at least one row and one column"));
        }
        if state.iter().any(|r| r.len() != cols) {
            return Err(invalid("every row of the state matrix must have the same length"));
        }
        if state.iter().flatten().any(|v| !v.is_finite()) {
            return Err(invalid("the state matrix must hold finite numbers"));
        }
        let matrix = DMatrix::from_fn(rows, cols, |i, j| state[i][j]);
        let context = context.map(|c| {
            let mut map = serde_json::Map::new();
            if let Some(v) = c.complexity {
                map.insert("complexity".into(), v.into());
            }
            if let Some(v) = c.dilation_factor {
                map.insert("dilation_factor".into(), v.into());
            }
            serde_json::Value::Object(map)
        });
        let m = run(self.inner.detailed_phi_measurement(&matrix, context.as_ref()))?.map_err(fail)?;
        Ok(PhiMeasurement {
            phi: m.phi_value,
            integration_level: m.integration_level,
            integration: m.integration,
            differentiation: m.differentiation,
            complexity: m.complexity,
            confidence: m.confidence,
        })
    }
}
