//! Node.js binding of the `leanr-rag-gateway` crate: its policy-checked RAG
//! gateway (deny lists, PII masking, proof certificates, an audit log) and
//! its cost-aware lane router. The crate simulates retrieval and generation:
//! nothing here calls a network service.

use leanr_rag_gateway::policy::PolicyEngine;
use leanr_rag_gateway::{CostAwareRouter, Policy, RagQuery};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `leanr-rag-gateway` crate.
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

/// A whole number of milliseconds from JS.
fn millis(name: &str, value: i64) -> Result<u64> {
    u64::try_from(value).map_err(|_| invalid(format!("{name} must not be negative, got {value}")))
}

/// Replaces SSNs (ddd-dd-dddd), runs of 16 digits and e-mail-like words with
/// "[REDACTED]", as the gateway does to every answer. The crate's e-mail pass
/// splits on whitespace and rejoins the words with single spaces.
#[napi]
pub fn mask_pii(text: String) -> Result<String> {
    PolicyEngine::new(vec![Policy::mask_pii()]).mask_pii(&text).map_err(fail)
}

/// The lane the router picks for a request.
#[napi(object)]
pub struct Route {
    /// "local", "cloud_fast" or "cloud_cheap".
    pub lane: String,
    pub provider: String,
    pub latency_p99_ms: f64,
    #[napi(js_name = "costPer1kTokens")]
    pub cost_per_1k_tokens: f64,
    pub availability: f64,
    /// Cost of the 500 tokens the router assumes per request.
    pub estimated_cost: f64,
    pub estimated_latency_ms: f64,
}

/// Picks, among the lanes whose p99 latency is within `latencySlaMs` and whose
/// cost for 500 tokens is within `costBudgetUsd`, the one with the lowest
/// cost per availability. Throws when no lane qualifies.
#[napi]
pub fn select_lane(latency_sla_ms: i64, cost_budget_usd: f64) -> Result<Route> {
    let sla = millis("latencySlaMs", latency_sla_ms)?;
    let decision = CostAwareRouter::new().select_lane(sla, cost_budget_usd).map_err(fail)?;
    Ok(Route {
        lane: decision.lane.name,
        provider: decision.lane.provider,
        latency_p99_ms: decision.lane.latency_p99_ms as f64,
        cost_per_1k_tokens: decision.lane.cost_per_1k_tokens,
        availability: decision.lane.availability,
        estimated_cost: decision.estimated_cost,
        estimated_latency_ms: decision.estimated_latency as f64,
    })
}

/// Who may use a gateway, and whether answers are PII-masked.
#[napi(object)]
pub struct GatewayPolicies {
    pub allow_users: Option<Vec<String>>,
    /// Requests from these users are blocked.
    pub deny_users: Option<Vec<String>>,
    pub mask_pii: Option<bool>,
}

/// A question for the gateway.
#[napi(object)]
pub struct Query {
    pub question: String,
    pub sources: Vec<String>,
    pub user_id: String,
    /// Latency SLA in ms (default 150).
    pub latency_sla: Option<i64>,
    /// Cost budget in USD (default 0.01).
    pub cost_budget: Option<f64>,
}

#[napi(object)]
pub struct Citation {
    pub source: String,
    pub excerpt: String,
    pub relevance_score: f64,
}

/// The certificate the gateway attaches to an answer.
#[napi(object)]
pub struct Proof {
    /// e.g. "PolicyRespected".
    pub kind: String,
    pub claims: Vec<String>,
    /// Unix time in seconds.
    pub verified_at: f64,
    /// Hex hash of the answer.
    pub proof_hash: String,
    /// The crate's `verify()`: true when there is at least one claim.
    pub verified: bool,
}

#[napi(object)]
pub struct ResponseMetrics {
    pub latency_ms: f64,
    pub cost_usd: f64,
    pub tokens_used: u32,
    pub lane_used: String,
}

/// A gateway answer.
#[napi(object)]
pub struct Response {
    pub answer: String,
    pub citations: Vec<Citation>,
    pub proof: Proof,
    pub metrics: ResponseMetrics,
}

/// A `RagGateway` with its own audit log.
#[napi]
pub struct RagGateway {
    inner: leanr_rag_gateway::RagGateway,
}

#[napi]
impl RagGateway {
    #[napi(constructor)]
    pub fn new(policies: Option<GatewayPolicies>) -> Self {
        let mut list = Vec::new();
        if let Some(p) = policies {
            list.extend(p.allow_users.unwrap_or_default().iter().map(|u| Policy::allow_user(u)));
            list.extend(p.deny_users.unwrap_or_default().iter().map(|u| Policy::deny_user(u)));
            if p.mask_pii.unwrap_or(false) {
                list.push(Policy::mask_pii());
            }
        }
        RagGateway { inner: leanr_rag_gateway::RagGateway::new(list) }
    }

    /// Checks the policies, routes, answers (simulated), masks PII and
    /// certifies the answer; every call is logged. Throws on a policy
    /// violation or when no lane meets the SLA and budget.
    #[napi]
    pub fn process(&mut self, query: Query) -> Result<Response> {
        let latency_sla = query.latency_sla.map(|v| millis("latencySla", v)).transpose()?;
        let r = self
            .inner
            .process(RagQuery {
                question: query.question,
                sources: query.sources,
                user_id: query.user_id,
                latency_sla,
                cost_budget: query.cost_budget,
            })
            .map_err(fail)?;
        Ok(Response {
            answer: r.answer,
            citations: r
                .citations
                .into_iter()
                .map(|c| Citation { source: c.source, excerpt: c.excerpt, relevance_score: c.relevance_score })
                .collect(),
            proof: Proof {
                kind: format!("{:?}", r.proof.kind),
                verified: r.proof.verify(),
                claims: r.proof.claims,
                verified_at: r.proof.verified_at as f64,
                proof_hash: r.proof.proof_hash,
            },
            metrics: ResponseMetrics {
                latency_ms: r.metrics.latency_ms as f64,
                cost_usd: r.metrics.cost_usd,
                tokens_used: r.metrics.tokens_used as u32,
                lane_used: r.metrics.lane_used,
            },
        })
    }

    /// Requests answered so far.
    #[napi(getter)]
    pub fn success_count(&self) -> u32 {
        self.inner.audit_log().success_count() as u32
    }

    /// Requests blocked by a policy so far.
    #[napi(getter)]
    pub fn blocked_count(&self) -> u32 {
        self.inner.audit_log().blocked_count() as u32
    }

    /// The audit log as the crate's text report, one line per request.
    #[napi]
    pub fn compliance_report(&self) -> Result<String> {
        self.inner.audit_log().export_compliance_report().map_err(fail)
    }
}
