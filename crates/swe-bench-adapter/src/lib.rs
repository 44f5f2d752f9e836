//! Node.js binding of the `swe-bench-adapter` crate: its difficulty scoring
//! and filtering of SWE-Bench instances, the prompts it writes for them, the
//! parser that collects metrics from an agent's output, and its patch
//! comparison.
//!
//! Not exposed: loading instances from a directory, evaluating patches (git
//! and the test command in a sandbox), benchmarking (which times a command),
//! and the adapter that ties them to a SQLite store. Instances cross as JSON
//! in the crate's serde format (snake_case fields; difficulty "Easy",
//! "Medium", "Hard" or "Expert").

use napi::{Error, Result, Status};
use napi_derive::napi;
use swe_bench_adapter::loader::{InstanceFilter, InstanceMetrics};
use swe_bench_adapter::{
    ClaudePromptGenerator, DifficultyLevel, EvalConfig, MetricsCollector as CrateCollector, PatchEvaluator, PromptConfig,
    PromptTemplate, SWEBenchInstance, StreamMetrics as CrateStreamMetrics, StreamParser,
};

/// Version of the wrapped `swe-bench-adapter` crate.
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

fn instance(json: &str) -> Result<SWEBenchInstance> {
    serde_json::from_str(json).map_err(|e| invalid(format!("bad instance JSON: {e}")))
}

fn difficulty(name: &str) -> Result<DifficultyLevel> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| invalid(format!("unknown difficulty '{name}' (expected Easy, Medium, Hard or Expert)")))
}

/// What a fix to an instance involves.
#[napi(object)]
pub struct Metrics {
    pub files_changed: u32,
    pub lines_changed: u32,
    pub test_count: u32,
    pub dependencies: u32,
    /// 0 to 1
    pub complexity_score: f64,
    pub domain_specific: bool,
    pub requires_external_api: bool,
}

#[napi(object)]
pub struct Difficulty {
    /// 0 to 100
    pub score: u32,
    /// "Easy" (score up to 25), "Medium" (50), "Hard" (75) or "Expert"
    pub level: String,
    /// Scheduling priority, 1 (Easy) to 4 (Expert)
    pub priority: u32,
}

/// The crate's difficulty score of an instance: points for files, lines and
/// tests, the complexity score times 15, and 5 each for domain-specific
/// work, an external API and more than 5 dependencies.
#[napi]
pub fn difficulty_of(metrics: Metrics) -> Difficulty {
    let m = InstanceMetrics {
        files_changed: metrics.files_changed as usize,
        lines_changed: metrics.lines_changed as usize,
        test_count: metrics.test_count as usize,
        dependencies: metrics.dependencies as usize,
        complexity_score: metrics.complexity_score,
        domain_specific: metrics.domain_specific,
        requires_external_api: metrics.requires_external_api,
    };
    let level = DifficultyLevel::from_metrics(&m);
    Difficulty { score: m.calculate_difficulty_score(), level: level.to_string(), priority: level.priority() as u32 }
}

/// Criteria of the crate's instance filter; all given ones must hold.
#[napi(object)]
pub struct Filter {
    pub difficulty: Option<String>,
    /// A substring of the repository name.
    pub repo: Option<String>,
    pub min_files: Option<u32>,
    pub max_files: Option<u32>,
    /// At least one must occur in the title or description.
    pub keywords: Option<Vec<String>>,
}

/// Whether an instance (JSON) passes the filter.
#[napi]
pub fn instance_matches(instance_json: String, filter: Filter) -> Result<bool> {
    let filter = InstanceFilter {
        difficulty: filter.difficulty.as_deref().map(difficulty).transpose()?,
        repo: filter.repo,
        min_files: filter.min_files.map(|n| n as usize),
        max_files: filter.max_files.map(|n| n as usize),
        keywords: filter.keywords.unwrap_or_default(),
    };
    Ok(filter.matches(&instance(&instance_json)?))
}

#[napi(object)]
pub struct PromptOptions {
    /// Token budget (crate default 4000; a token is taken as 4 bytes). A
    /// longer prompt keeps its leading sections within 90 % of it and says it
    /// was truncated.
    pub max_tokens: Option<u32>,
    /// Whether the test commands and test patch are included (default true).
    pub include_test_hints: Option<bool>,
}

#[napi(object)]
pub struct Prompt {
    pub content: String,
    /// content bytes / 4
    pub token_count: u32,
    /// "Simple", "Standard", "Detailed" or "Expert", after the difficulty
    pub template: String,
    pub instance_id: String,
}

/// The prompt the crate writes for a coding agent to solve an instance
/// (JSON): the template for its difficulty, the issue, test commands and
/// patch, hints, and constraints.
#[napi]
pub fn generate_prompt(instance_json: String, options: Option<PromptOptions>) -> Result<Prompt> {
    let mut config = PromptConfig::default();
    if let Some(o) = options {
        if let Some(n) = o.max_tokens {
            config.max_tokens = n as usize;
        }
        if let Some(t) = o.include_test_hints {
            config.include_test_hints = t;
        }
    }
    let p = ClaudePromptGenerator::new(config).generate_prompt(&instance(&instance_json)?).map_err(fail)?;
    let template = match p.template_used {
        PromptTemplate::Simple => "Simple".to_string(),
        PromptTemplate::Standard => "Standard".to_string(),
        PromptTemplate::Detailed => "Detailed".to_string(),
        PromptTemplate::Expert => "Expert".to_string(),
        PromptTemplate::Custom(name) => name,
    };
    Ok(Prompt { content: p.content, token_count: p.token_count as u32, template, instance_id: p.instance_id })
}

#[napi(object)]
pub struct FileOperations {
    pub reads: u32,
    pub writes: u32,
    pub creates: u32,
    pub deletes: u32,
}

#[napi(object)]
pub struct StreamMetrics {
    /// From a "tokens: N" line, else output bytes / 4.
    pub total_tokens: u32,
    /// Lines mentioning a tool or function call.
    pub tool_calls: u32,
    /// Tool-call lines naming Read/read_file, Write/write_file,
    /// Create/create_file or Delete/delete_file.
    pub file_operations: FileOperations,
    /// Lines mentioning an error, exception or failure (the text after
    /// "error:" when present).
    pub errors: Vec<String>,
    /// Lines mentioning a warning or deprecation (the text after "warning:"
    /// when present).
    pub warnings: Vec<String>,
}

impl From<CrateStreamMetrics> for StreamMetrics {
    fn from(m: CrateStreamMetrics) -> Self {
        StreamMetrics {
            total_tokens: m.total_tokens as u32,
            tool_calls: m.tool_calls as u32,
            file_operations: FileOperations {
                reads: m.file_operations.reads as u32,
                writes: m.file_operations.writes as u32,
                creates: m.file_operations.creates as u32,
                deletes: m.file_operations.deletes as u32,
            },
            errors: m.errors,
            warnings: m.warnings,
        }
    }
}

/// Metrics of one agent output, line by line.
#[napi]
pub fn parse_stream(output: String) -> Result<StreamMetrics> {
    StreamParser::new().parse_stream(&output).map(Into::into).map_err(fail)
}

#[napi(object)]
pub struct MetricsSummary {
    pub total_tokens: u32,
    pub total_tool_calls: u32,
    /// Per tool call; 0 without any.
    pub avg_tokens_per_call: f64,
    pub file_operation_ratio: f64,
    pub error_rate: f64,
    /// "reads", "writes", "creates" or "deletes" (the first of those on a
    /// tie), or "none".
    pub most_common_operation: String,
}

/// The crate's metrics collector: stream metrics summed over outputs.
#[napi]
pub struct MetricsCollector {
    inner: CrateCollector,
}

#[napi]
impl MetricsCollector {
    #[napi(constructor)]
    pub fn new() -> Self {
        MetricsCollector { inner: CrateCollector::new() }
    }

    /// Parses one output, adds it to the totals and returns its own metrics.
    #[napi]
    pub fn add(&mut self, output: String) -> Result<StreamMetrics> {
        self.inner.parse_stream(&output).map(Into::into).map_err(fail)
    }

    #[napi]
    pub fn summary(&self) -> MetricsSummary {
        let s = self.inner.get_summary();
        MetricsSummary {
            total_tokens: s.total_tokens as u32,
            total_tool_calls: s.total_tool_calls as u32,
            avg_tokens_per_call: s.avg_tokens_per_call,
            file_operation_ratio: s.file_operation_ratio,
            error_rate: s.error_rate,
            most_common_operation: s.most_common_operation,
        }
    }

    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset()
    }
}

#[napi(object)]
pub struct PatchComparison {
    /// 1 - changed lines / the longer patch's lines (1 for two empty patches)
    pub similarity: f64,
    pub additions: u32,
    pub deletions: u32,
    pub total_changes: u32,
}

/// Line diff of two patches, as the crate's evaluator compares a generated
/// patch with a reference one.
#[napi]
pub fn compare_patches(a: String, b: String) -> PatchComparison {
    let c = PatchEvaluator::new(EvalConfig::default()).compare_patches(&a, &b);
    PatchComparison {
        similarity: c.similarity,
        additions: c.additions as u32,
        deletions: c.deletions as u32,
        total_changes: c.total_changes as u32,
    }
}
