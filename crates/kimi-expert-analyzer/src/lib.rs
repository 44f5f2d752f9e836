//! Node.js binding of the `kimi-expert-analyzer` crate's library: the expert
//! analyzer that rates each Kimi-K2 expert domain (parameters, complexity,
//! efficiency, memory), distills the experts that meet a quality threshold
//! and sums up what it has analyzed.
//!
//! The crate's command-line program (clap, tokio, file output) is not part
//! of the library and not bound.

use kimi_expert_analyzer as kea;
use kea::{AnalysisConfig, DistillationConfig, ExpertDomain, OutputFormat};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `kimi-expert-analyzer` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

const DOMAINS: [(&str, ExpertDomain); 6] = [
    ("Reasoning", ExpertDomain::Reasoning),
    ("Coding", ExpertDomain::Coding),
    ("Language", ExpertDomain::Language),
    ("Mathematics", ExpertDomain::Mathematics),
    ("ToolUse", ExpertDomain::ToolUse),
    ("Context", ExpertDomain::Context),
];

fn parse_domain(name: &str) -> Result<ExpertDomain> {
    DOMAINS.iter().find(|(n, _)| *n == name).map(|(_, d)| d.clone()).ok_or_else(|| {
        let known: Vec<&str> = DOMAINS.iter().map(|(n, _)| *n).collect();
        Error::new(
            Status::InvalidArg,
            format!("unknown expert domain '{name}' (one of {})", known.join(", ")),
        )
    })
}

fn domain_index(d: &ExpertDomain) -> usize {
    DOMAINS.iter().position(|(_, x)| x == d).unwrap_or(DOMAINS.len())
}

fn domain_name(d: &ExpertDomain) -> String {
    DOMAINS.get(domain_index(d)).map(|(n, _)| (*n).to_string()).unwrap_or_else(|| format!("{d:?}"))
}

/// The expert domains, in the crate's order.
#[napi]
pub fn domains() -> Vec<&'static str> {
    DOMAINS.iter().map(|(n, _)| *n).collect()
}

#[napi(object)]
pub struct ExpertMetrics {
    pub domain: String,
    pub parameter_count: u32,
    pub complexity_score: f64,
    pub efficiency_rating: f64,
    /// Bytes: 4 per parameter.
    pub memory_usage: u32,
}

#[napi(object)]
pub struct DistilledExpert {
    pub domain: String,
    /// The expert's parameter count, capped at the target size.
    pub optimized_size: u32,
    pub performance_score: f64,
    pub wasm_compatible: bool,
}

#[napi(object)]
pub struct AnalysisSummary {
    pub total_experts: u32,
    pub total_parameters: u32,
    pub average_efficiency: f64,
    pub memory_footprint: u32,
}

#[napi(object)]
pub struct DistillOptions {
    /// Default 50000.
    pub target_size: Option<u32>,
    /// Experts rated below this are left out; default 0.8.
    pub quality_threshold: Option<f64>,
}

/// Analyzes expert domains one at a time; analyzing a domain again
/// replaces its entry.
#[napi]
pub struct ExpertAnalyzer {
    inner: kea::ExpertAnalyzer,
}

#[napi]
impl ExpertAnalyzer {
    #[napi(constructor)]
    pub fn new() -> Self {
        // The configuration only names an output format for the command-line
        // program; the analysis does not read it.
        let config = AnalysisConfig { max_experts: 6, compression_level: 9, output_format: OutputFormat::Json };
        ExpertAnalyzer { inner: kea::ExpertAnalyzer::new(config) }
    }

    #[napi]
    pub fn analyze_expert(&mut self, domain: String) -> Result<ExpertMetrics> {
        let m = self
            .inner
            .analyze_expert(parse_domain(&domain)?)
            .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
        Ok(ExpertMetrics {
            domain: domain_name(&m.domain),
            parameter_count: m.parameter_count as u32,
            complexity_score: m.complexity_score,
            efficiency_rating: m.efficiency_rating,
            memory_usage: m.memory_usage as u32,
        })
    }

    /// The analyzed experts whose efficiency reaches the threshold, in
    /// domain order.
    #[napi]
    pub fn distill_experts(&self, options: Option<DistillOptions>) -> Result<Vec<DistilledExpert>> {
        let defaults = DistillationConfig::default();
        let config = match options {
            None => defaults,
            Some(o) => DistillationConfig {
                target_size: o.target_size.map(|n| n as usize).unwrap_or(defaults.target_size),
                quality_threshold: o.quality_threshold.unwrap_or(defaults.quality_threshold),
                optimization_passes: defaults.optimization_passes,
            },
        };
        let mut experts = self
            .inner
            .distill_experts(config)
            .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
        // The crate walks a hash map; domain order makes the answer stable.
        experts.sort_by_key(|e| domain_index(&e.domain));
        Ok(experts
            .into_iter()
            .map(|e| DistilledExpert {
                domain: domain_name(&e.domain),
                optimized_size: e.optimized_size as u32,
                performance_score: e.performance_score,
                wasm_compatible: e.wasm_compatible,
            })
            .collect())
    }

    #[napi]
    pub fn summary(&self) -> AnalysisSummary {
        let s = self.inner.get_summary();
        AnalysisSummary {
            total_experts: s.total_experts as u32,
            total_parameters: s.total_parameters as u32,
            average_efficiency: s.average_efficiency,
            memory_footprint: s.memory_footprint as u32,
        }
    }
}
