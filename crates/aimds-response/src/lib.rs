//! Node.js binding of the `aimds-response` crate: its catalogue of mitigation
//! strategies, the adaptive mitigator that picks one by effectiveness, and the
//! meta-learning engine's bookkeeping (learned rules, optimisation level).

use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use aimds_response::meta_learning::{AttackType, ThreatIncident, ThreatType};
use aimds_response::{FeedbackSignal, MitigationOutcome, MitigationStrategy};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `aimds-response` crate.
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

// The crate's mitigation and learning steps are `async fn`s that only take
// uncontended locks and record log lines, so one poll completes them.
fn run<F: Future>(future: F) -> Result<F::Output> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Ok(value),
        Poll::Pending => Err(fail("the response layer unexpectedly waited on I/O")),
    }
}

#[napi(object)]
pub struct Strategy {
    pub id: String,
    pub name: String,
    pub description: String,
    /// Each action in the crate's serde form, e.g. {"BlockRequest":{"reason":"Threat detected"}}.
    pub actions: Vec<String>,
    /// Applies to threats of at least this severity (0-255).
    pub min_severity: u32,
    pub applicable_threats: Vec<String>,
    pub priority: u32,
}

fn strategy_of(s: MitigationStrategy) -> Result<Strategy> {
    Ok(Strategy {
        actions: s.actions.iter().map(serde_json::to_string).collect::<std::result::Result<_, _>>().map_err(fail)?,
        id: s.id,
        name: s.name,
        description: s.description,
        min_severity: s.min_severity as u32,
        applicable_threats: s.applicable_threats,
        priority: s.priority as u32,
    })
}

/// The crate's built-in strategies, in the order the mitigator considers them
/// (on equal effectiveness the last applicable one wins).
#[napi]
pub fn strategies() -> Result<Vec<Strategy>> {
    [
        MitigationStrategy::block_request(),
        MitigationStrategy::rate_limit(),
        MitigationStrategy::require_verification(),
        MitigationStrategy::alert_human(),
        MitigationStrategy::update_rules(),
        MitigationStrategy::quarantine_source(),
        MitigationStrategy::adaptive_throttle(),
    ]
    .into_iter()
    .map(strategy_of)
    .collect()
}

/// A detected threat.
#[napi(object)]
pub struct Threat {
    pub id: String,
    /// "anomaly" (with score), "attack" (with attack) or "intrusion" (with level).
    pub kind: String,
    pub score: Option<f64>,
    /// "ddos", "sqlInjection", "xss", "csrf", or any other name.
    pub attack: Option<String>,
    pub level: Option<u32>,
    /// 0-255.
    pub severity: u32,
    pub confidence: f64,
}

fn byte(value: u32, what: &str) -> Result<u8> {
    u8::try_from(value).map_err(|_| invalid(format!("{what} must be an integer from 0 to 255")))
}

fn incident_of(t: Threat) -> Result<ThreatIncident> {
    let threat_type = match t.kind.as_str() {
        "anomaly" => ThreatType::Anomaly(t.score.ok_or_else(|| invalid("an anomaly needs score"))?),
        "attack" => ThreatType::Attack(match t.attack.ok_or_else(|| invalid("an attack needs attack"))?.as_str() {
            "ddos" => AttackType::DDoS,
            "sqlInjection" => AttackType::SqlInjection,
            "xss" => AttackType::XSS,
            "csrf" => AttackType::CSRF,
            other => AttackType::Other(other.to_string()),
        }),
        "intrusion" => ThreatType::Intrusion(byte(t.level.ok_or_else(|| invalid("an intrusion needs level"))?, "level")?),
        other => return Err(invalid(format!("unknown threat kind '{other}' (expected anomaly, attack or intrusion)"))),
    };
    Ok(ThreatIncident {
        id: t.id,
        threat_type,
        severity: byte(t.severity, "severity")?,
        confidence: t.confidence,
        timestamp: chrono::Utc::now(),
    })
}

/// What a mitigation did.
#[napi(object)]
pub struct Outcome {
    pub strategy_id: String,
    /// "anomaly", "intrusion" or "attack_<Rust name>" (e.g. "attack_SqlInjection").
    pub threat_type: String,
    pub features: HashMap<String, f64>,
    pub success: bool,
    /// One fresh id per action carried out.
    pub actions_applied: Vec<String>,
    pub duration_ms: f64,
}

fn outcome_of(o: MitigationOutcome) -> Outcome {
    Outcome {
        strategy_id: o.strategy_id,
        threat_type: o.threat_type,
        features: o.features,
        success: o.success,
        actions_applied: o.actions_applied,
        duration_ms: o.duration.as_secs_f64() * 1000.0,
    }
}

fn outcome_from_js(o: Outcome) -> Result<MitigationOutcome> {
    if !(o.duration_ms >= 0.0 && o.duration_ms.is_finite()) {
        return Err(invalid("durationMs must be a finite number >= 0"));
    }
    Ok(MitigationOutcome {
        strategy_id: o.strategy_id,
        threat_type: o.threat_type,
        features: o.features,
        success: o.success,
        actions_applied: o.actions_applied,
        duration: Duration::from_secs_f64(o.duration_ms / 1000.0),
        timestamp: chrono::Utc::now(),
    })
}

#[napi(object)]
pub struct OutcomeAssessment {
    /// 0 on failure; else 0.7 plus up to 0.3 for finishing within a second.
    pub effectiveness_score: f64,
    /// A failed mitigation that already carried out actions must be undone.
    pub requires_rollback: bool,
}

#[napi]
pub fn assess_outcome(outcome: Outcome) -> Result<OutcomeAssessment> {
    let o = outcome_from_js(outcome)?;
    Ok(OutcomeAssessment { effectiveness_score: o.effectiveness_score(), requires_rollback: o.requires_rollback() })
}

/// Chooses, among the strategies whose minimum severity the threat reaches,
/// the one with the best effectiveness (an exponential moving average of
/// reported successes, 0.5 at first).
#[napi]
pub struct AdaptiveMitigator {
    inner: aimds_response::AdaptiveMitigator,
}

#[napi]
impl AdaptiveMitigator {
    #[napi(constructor)]
    pub fn new() -> Self {
        AdaptiveMitigator { inner: aimds_response::AdaptiveMitigator::new() }
    }

    /// Selects a strategy and carries out its actions (they only record the
    /// decision; nothing outside the process is touched).
    #[napi]
    pub fn mitigate(&self, threat: Threat) -> Result<Outcome> {
        let incident = incident_of(threat)?;
        let outcome = run(self.inner.apply_mitigation(&incident))?.map_err(fail)?;
        Ok(outcome_of(outcome))
    }

    /// Moves the strategy's effectiveness 30% of the way to 1 (success) or 0.
    #[napi]
    pub fn update_effectiveness(&mut self, strategy_id: String, success: bool) {
        self.inner.update_effectiveness(&strategy_id, success);
    }

    /// Strategies whose effectiveness is above 0.3.
    #[napi(getter)]
    pub fn active_strategies(&self) -> u32 {
        self.inner.active_strategies_count() as u32
    }
}

#[napi(object)]
pub struct Feedback {
    pub strategy_id: String,
    pub success: bool,
    pub effectiveness_score: f64,
    pub context: Option<String>,
}

/// The meta-learning engine: it keeps one adaptive rule per incident learned,
/// and climbs an optimisation level (0-25) while its tracked outcomes average
/// above 0.75 and it holds at least ten rules.
#[napi]
pub struct MetaLearningEngine {
    inner: aimds_response::MetaLearningEngine,
}

#[napi]
impl MetaLearningEngine {
    #[napi(constructor)]
    pub fn new() -> Self {
        MetaLearningEngine { inner: aimds_response::MetaLearningEngine::new() }
    }

    #[napi]
    pub fn learn_from_incident(&mut self, threat: Threat) -> Result<()> {
        let incident = incident_of(threat)?;
        run(self.inner.learn_from_incident(&incident))
    }

    #[napi]
    pub fn learn_from_outcome(&mut self, outcome: Outcome) -> Result<()> {
        let outcome = outcome_from_js(outcome)?;
        run(self.inner.learn_from_outcome(&outcome))
    }

    /// One optimisation round; returns the optimisation level after it.
    #[napi]
    pub fn optimize(&mut self, feedback: Vec<Feedback>) -> u32 {
        let signals: Vec<FeedbackSignal> = feedback
            .into_iter()
            .map(|f| FeedbackSignal {
                strategy_id: f.strategy_id,
                success: f.success,
                effectiveness_score: f.effectiveness_score,
                timestamp: chrono::Utc::now(),
                context: f.context,
            })
            .collect();
        self.inner.optimize_strategy(&signals);
        self.inner.current_optimization_level() as u32
    }

    #[napi(getter)]
    pub fn learned_patterns(&self) -> u32 {
        self.inner.learned_patterns_count() as u32
    }

    #[napi(getter)]
    pub fn optimization_level(&self) -> u32 {
        self.inner.current_optimization_level() as u32
    }
}
