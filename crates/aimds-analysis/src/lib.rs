//! Node.js binding of the `aimds-analysis` crate: behavioural anomaly scoring
//! against a trained baseline (Lyapunov exponents of the trajectory), the
//! linear-temporal-logic checker over finite traces, and the rule that
//! combines a behavioural score and a policy verdict into a threat level.

use std::collections::HashMap;
use std::time::Duration;

use aimds_analysis::{AnomalyScore, FullAnalysis, LTLChecker, LTLFormula, Trace, VerificationResult};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `aimds-analysis` crate.
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

#[napi(object)]
pub struct Anomaly {
    /// Relative deviation of the leading Lyapunov exponent from the
    /// baseline's mean, capped at 1.
    pub score: f64,
    pub is_anomalous: bool,
    pub confidence: f64,
}

impl From<AnomalyScore> for Anomaly {
    fn from(s: AnomalyScore) -> Self {
        Anomaly { score: s.score, is_anomalous: s.is_anomalous, confidence: s.confidence }
    }
}

/// Scores behaviour sequences (flattened points of `dimensions` numbers, at
/// least 100 points) against a baseline trained on normal sequences.
#[napi]
pub struct BehavioralAnalyzer {
    inner: aimds_analysis::BehavioralAnalyzer,
    dimensions: usize,
    // The crate fits attractors on tokio's blocking pool, so its async
    // methods need a runtime; a current-thread one keeps that to one thread.
    runtime: tokio::runtime::Runtime,
}

#[napi]
impl BehavioralAnalyzer {
    #[napi(constructor)]
    pub fn new(dimensions: u32) -> Result<Self> {
        if dimensions == 0 {
            return Err(invalid("dimensions must be at least 1"));
        }
        let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(fail)?;
        let inner = aimds_analysis::BehavioralAnalyzer::new(dimensions as usize).map_err(fail)?;
        Ok(BehavioralAnalyzer { inner, dimensions: dimensions as usize, runtime })
    }

    #[napi(getter)]
    pub fn dimensions(&self) -> u32 {
        self.dimensions as u32
    }

    /// Replaces the baseline with one attractor per sequence.
    #[napi]
    pub fn train_baseline(&self, sequences: Vec<Vec<f64>>) -> Result<()> {
        self.runtime.block_on(self.inner.train_baseline(sequences)).map_err(fail)
    }

    /// Without a baseline every sequence counts as normal (it is taken to be
    /// training data).
    #[napi]
    pub fn analyze(&self, sequence: Vec<f64>) -> Result<Anomaly> {
        let score = self.runtime.block_on(self.inner.analyze_behavior(&sequence)).map_err(fail)?;
        Ok(score.into())
    }

    /// Deviation above which a sequence is anomalous (0.75 at first).
    #[napi(getter)]
    pub fn threshold(&self) -> f64 {
        self.inner.threshold()
    }

    /// Clamped to [0, 1].
    #[napi(setter)]
    pub fn set_threshold(&self, threshold: f64) {
        self.inner.set_threshold(threshold);
    }

    #[napi(getter)]
    pub fn baseline_count(&self) -> u32 {
        self.inner.baseline_count() as u32
    }
}

/// A formula of the crate's LTL fragment: atoms, not, and, or, G, F.
#[napi]
pub struct LtlFormula {
    inner: LTLFormula,
}

fn wrap(inner: LTLFormula) -> LtlFormula {
    LtlFormula { inner }
}

fn boxed(f: &LtlFormula) -> Box<LTLFormula> {
    Box::new(f.inner.clone())
}

#[napi]
impl LtlFormula {
    /// The crate's simplified syntax: leading "G " and "F " prefixes, the rest
    /// one atom ("G F done" is G(F(done))).
    #[napi(factory)]
    pub fn parse(text: String) -> Result<Self> {
        LTLFormula::parse(&text).map(wrap).map_err(|e| invalid(e.to_string()))
    }

    #[napi(factory)]
    pub fn atom(name: String) -> Self {
        wrap(LTLFormula::Atom(name))
    }

    #[napi(factory)]
    pub fn not(f: &LtlFormula) -> Self {
        wrap(LTLFormula::Not(boxed(f)))
    }

    #[napi(factory)]
    pub fn and(a: &LtlFormula, b: &LtlFormula) -> Self {
        wrap(LTLFormula::And(boxed(a), boxed(b)))
    }

    #[napi(factory)]
    pub fn or(a: &LtlFormula, b: &LtlFormula) -> Self {
        wrap(LTLFormula::Or(boxed(a), boxed(b)))
    }

    #[napi(factory)]
    pub fn globally(f: &LtlFormula) -> Self {
        wrap(LTLFormula::Globally(boxed(f)))
    }

    #[napi(factory, js_name = "finally")]
    pub fn eventually(f: &LtlFormula) -> Self {
        wrap(LTLFormula::Finally(boxed(f)))
    }

    /// The crate's serde form, e.g. {"Globally":{"Atom":"x"}}, so formulas can
    /// be stored and handed to the Rust services.
    #[napi]
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(&self.inner).map_err(fail)
    }
}

fn trace_of(states: Vec<HashMap<String, bool>>) -> Trace {
    Trace { propositions: states }
}

/// Whether the formula holds at the first state of the trace. Atoms missing
/// from a state are false; an empty trace satisfies nothing.
#[napi]
pub fn check_ltl(formula: &LtlFormula, trace: Vec<HashMap<String, bool>>) -> bool {
    LTLChecker::new().check_formula(&formula.inner, &trace_of(trace))
}

/// The shortest prefix of the trace on which the formula fails, or null when
/// it holds.
#[napi]
pub fn ltl_counterexample(formula: &LtlFormula, trace: Vec<HashMap<String, bool>>) -> Option<Vec<HashMap<String, bool>>> {
    LTLChecker::new().generate_counterexample(&formula.inner, &trace_of(trace)).map(|t| t.propositions)
}

#[napi(object)]
pub struct ThreatAssessment {
    pub is_threat: bool,
    /// 0 when no threat; else 0.6 × behavioural score + 0.4 × (policy failed).
    pub threat_level: f64,
}

/// Combines a behavioural score and a policy verdict the way the crate's
/// analysis engine does.
#[napi]
pub fn assess_threat(behavior: Anomaly, policy_verified: bool) -> ThreatAssessment {
    let analysis = FullAnalysis {
        behavior: AnomalyScore { score: behavior.score, is_anomalous: behavior.is_anomalous, confidence: behavior.confidence },
        policy: if policy_verified { VerificationResult::verified() } else { VerificationResult::failed(Vec::new()) },
        duration: Duration::ZERO,
    };
    ThreatAssessment { is_threat: analysis.is_threat(), threat_level: analysis.threat_level() }
}
