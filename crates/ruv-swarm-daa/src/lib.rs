//! Node.js binding of the `ruv-swarm-daa` crate: its standard autonomous
//! agent, which processes tasks with a cognitive pattern, changes pattern when
//! feedback falls below its adaptation threshold, proposes an evolved pattern
//! from its adaptation history, and keeps running task metrics.
//!
//! The crate's agent methods are async but await only in-memory locks, so
//! they are run to completion on the calling thread.

use std::collections::HashMap;

use futures::executor::block_on;
use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_daa::{CognitivePattern, DAAAgent, Feedback, Priority, StandardDAAAgent, Task};

/// Version of the wrapped `ruv-swarm-daa` crate.
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

fn pattern(name: &str) -> Result<CognitivePattern> {
    Ok(match name {
        "convergent" => CognitivePattern::Convergent,
        "divergent" => CognitivePattern::Divergent,
        "lateral" => CognitivePattern::Lateral,
        "systems" => CognitivePattern::Systems,
        "critical" => CognitivePattern::Critical,
        "adaptive" => CognitivePattern::Adaptive,
        other => {
            return Err(invalid(format!(
                "unknown cognitive pattern '{other}' (expected convergent, divergent, lateral, systems, critical or adaptive)"
            )))
        }
    })
}

fn pattern_name(p: &CognitivePattern) -> &'static str {
    match p {
        CognitivePattern::Convergent => "convergent",
        CognitivePattern::Divergent => "divergent",
        CognitivePattern::Lateral => "lateral",
        CognitivePattern::Systems => "systems",
        CognitivePattern::Critical => "critical",
        CognitivePattern::Adaptive => "adaptive",
    }
}

#[napi(object)]
pub struct AgentOptions {
    /// Default "adaptive".
    pub pattern: Option<String>,
    /// Feedback scoring below this changes the pattern (default 0.1).
    pub adaptation_threshold: Option<f64>,
    /// Default 0.001.
    pub learning_rate: Option<f64>,
}

#[napi(object)]
pub struct FeedbackInput {
    pub task_id: String,
    pub performance_score: f64,
    /// Words the crate looks for, in this order: "creative" (-> divergent),
    /// "systematic" (-> systems), "analysis" (-> critical); otherwise adaptive.
    pub suggestions: Vec<String>,
}

#[napi(object)]
pub struct TaskInput {
    pub id: String,
    pub description: String,
    pub requirements: Option<Vec<String>>,
    /// "low", "medium" (default), "high" or "critical".
    pub priority: Option<String>,
}

#[napi(object)]
pub struct TaskOutcome {
    pub task_id: String,
    pub success: bool,
    /// The pattern the task was processed with.
    pub pattern: String,
    pub learned_patterns: Vec<String>,
}

#[napi(object)]
pub struct AgentMetrics {
    pub tasks_completed: u32,
    /// Running mean of task successes.
    pub success_rate: f64,
}

#[napi(object)]
pub struct Coordination {
    pub success: bool,
    pub consensus_reached: bool,
    pub coordinated_agents: Vec<String>,
    /// One knowledge record per peer: (peer id, confidence).
    pub shared_with: Vec<String>,
    pub confidences: Vec<f64>,
}

/// The crate's StandardDAAAgent.
#[napi]
pub struct DaaAgent {
    inner: StandardDAAAgent,
}

#[napi]
impl DaaAgent {
    #[napi(constructor)]
    pub fn new(options: Option<AgentOptions>) -> Result<Self> {
        let mut builder = StandardDAAAgent::builder();
        if let Some(o) = options {
            if let Some(p) = o.pattern {
                builder = builder.with_cognitive_pattern(pattern(&p)?);
            }
            if let Some(t) = o.adaptation_threshold {
                builder = builder.with_adaptation_threshold(t);
            }
            if let Some(r) = o.learning_rate {
                builder = builder.with_learning_rate(r);
            }
        }
        Ok(DaaAgent { inner: block_on(builder.build()).map_err(fail)? })
    }

    /// A random UUID given at construction.
    #[napi(getter)]
    pub fn id(&self) -> String {
        self.inner.id().to_string()
    }

    #[napi(getter)]
    pub fn pattern(&self) -> &'static str {
        pattern_name(self.inner.cognitive_pattern())
    }

    /// Applies feedback; returns the pattern afterwards (unchanged unless the
    /// score is below the adaptation threshold).
    #[napi]
    pub fn adapt(&mut self, feedback: FeedbackInput) -> Result<&'static str> {
        // Built through serde so the binding needs no chrono of its own; the
        // timestamp is not used by the adaptation.
        let feedback: Feedback = serde_json::from_value(serde_json::json!({
            "source": "node",
            "task_id": feedback.task_id,
            "performance_score": feedback.performance_score,
            "suggestions": feedback.suggestions,
            "context": {},
            "timestamp": "1970-01-01T00:00:00Z",
        }))
        .map_err(fail)?;
        block_on(self.inner.adapt_strategy(&feedback)).map_err(fail)?;
        Ok(self.pattern())
    }

    /// The pattern the crate would evolve to from the scores of past
    /// adaptations: the current one without history or when their mean is
    /// above 0.8; above 0.6 convergent -> adaptive, divergent -> lateral,
    /// others -> systems; otherwise adaptive. Does not change the agent.
    #[napi]
    pub fn evolve_pattern(&mut self) -> Result<&'static str> {
        let evolved = block_on(self.inner.evolve_cognitive_pattern()).map_err(fail)?;
        Ok(pattern_name(&evolved))
    }

    #[napi]
    pub fn process_task(&mut self, task: TaskInput) -> Result<TaskOutcome> {
        let priority = match task.priority.as_deref().unwrap_or("medium") {
            "low" => Priority::Low,
            "medium" => Priority::Medium,
            "high" => Priority::High,
            "critical" => Priority::Critical,
            other => return Err(invalid(format!("unknown priority '{other}' (expected low, medium, high or critical)"))),
        };
        let task = Task {
            id: task.id,
            description: task.description,
            requirements: task.requirements.unwrap_or_default(),
            priority,
            deadline: None,
            context: HashMap::new(),
        };
        let result = block_on(self.inner.process_task_autonomously(&task)).map_err(fail)?;
        Ok(TaskOutcome {
            task_id: result.task_id,
            success: result.success,
            pattern: self.pattern().to_string(),
            learned_patterns: result.learned_patterns,
        })
    }

    #[napi]
    pub fn metrics(&self) -> Result<AgentMetrics> {
        let m = block_on(self.inner.get_metrics()).map_err(fail)?;
        Ok(AgentMetrics { tasks_completed: m.tasks_completed, success_rate: m.success_rate })
    }

    /// The crate's simulated coordination: every peer is reached and gets one
    /// knowledge record.
    #[napi]
    pub fn coordinate_with_peers(&self, peers: Vec<String>) -> Result<Coordination> {
        let r = block_on(self.inner.coordinate_with_peers(&peers)).map_err(fail)?;
        Ok(Coordination {
            success: r.success,
            consensus_reached: r.consensus_reached,
            coordinated_agents: r.coordinated_agents,
            shared_with: r
                .shared_knowledge
                .iter()
                .map(|k| k.content.get("peer_id").and_then(|v| v.as_str()).unwrap_or_default().to_string())
                .collect(),
            confidences: r.shared_knowledge.iter().map(|k| k.confidence).collect(),
        })
    }
}
