//! Node.js binding of the `kimi-fann-core` crate: its six micro-expert
//! domains (keyword patterns and network shapes), the hashed feature
//! extractor and pattern matcher that route text to a domain, and the
//! runtime that routes a query to an expert and answers it.
//!
//! The crate is written for wasm-bindgen; only the parts that never call
//! into a browser (console, timers) are bound, since those imports abort
//! outside a wasm32 host.

use napi::{Error, Result, Status};
use napi_derive::napi;
use kimi_fann_core::optimized_features::{OptimizedFeatureExtractor, OptimizedPatternMatcher};
use kimi_fann_core::{ExpertDomain, KimiRuntime as CrateRuntime, ProcessingConfig};

/// Version of the wrapped `kimi-fann-core` crate.
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
    DOMAINS.iter().find(|(n, _)| *n == name).map(|(_, d)| *d).ok_or_else(|| {
        let known: Vec<&str> = DOMAINS.iter().map(|(n, _)| *n).collect();
        Error::new(
            Status::InvalidArg,
            format!("unknown expert domain '{name}' (one of {})", known.join(", ")),
        )
    })
}

// The crate's extractor and matcher cut text into 4-byte windows with string
// slicing, which panics inside a multi-byte character.
fn ascii(text: &str) -> Result<()> {
    if text.is_ascii() {
        Ok(())
    } else {
        Err(Error::new(
            Status::InvalidArg,
            "text must be ASCII: the crate cuts it into byte windows",
        ))
    }
}

/// The expert domains, in the crate's order.
#[napi]
pub fn domains() -> Vec<&'static str> {
    DOMAINS.iter().map(|(n, _)| *n).collect()
}

/// The keywords that mark text as belonging to `domain`.
#[napi]
pub fn domain_patterns(domain: String) -> Result<Vec<&'static str>> {
    Ok(parse_domain(&domain)?.domain_patterns())
}

#[napi(object)]
pub struct NeuralConfig {
    pub input_size: u32,
    pub hidden_layers: Vec<u32>,
    pub output_size: u32,
    /// 'SigmoidSymmetric' | 'ReLU' | 'Linear'
    pub activation: String,
    /// A 32-bit float in the crate, widened here.
    pub learning_rate: f64,
}

/// The network shape the crate gives `domain`'s expert.
#[napi]
pub fn neural_config(domain: String) -> Result<NeuralConfig> {
    let c = parse_domain(&domain)?.neural_config();
    Ok(NeuralConfig {
        input_size: c.input_size,
        hidden_layers: c.hidden_layers,
        output_size: c.output_size,
        activation: c.activation_func,
        learning_rate: c.learning_rate as f64,
    })
}

/// The feature vector `domain`'s expert computes for `text`: keyword score,
/// word count, length, mean word length, vowel/consonant/digit/punctuation
/// shares, 4-gram score, 16 vocabulary-embedding slots, then filler.
/// `inputSize` defaults to the domain's network input size; the crate caps
/// it at 256, and a shorter vector keeps only the leading entries.
#[napi]
pub fn extract_features(domain: String, text: String, input_size: Option<u32>) -> Result<Vec<f64>> {
    let d = parse_domain(&domain)?;
    ascii(&text)?;
    let size = input_size.unwrap_or_else(|| d.neural_config().input_size) as usize;
    let mut extractor = OptimizedFeatureExtractor::new(d, size);
    Ok(extractor.extract_features(&text).into_iter().map(f64::from).collect())
}

#[napi(object)]
pub struct DomainScores {
    pub reasoning: f64,
    pub coding: f64,
    pub language: f64,
    pub mathematics: f64,
    pub tool_use: f64,
    pub context: f64,
}

/// Per domain, the share of its keywords that occur as words in `text`
/// (capped at 1), with 0.8 added for Mathematics when the text holds
/// arithmetic (a digit plus an operator or an arithmetic word).
#[napi]
pub fn domain_scores(text: String) -> Result<DomainScores> {
    ascii(&text)?;
    let mut matcher = OptimizedPatternMatcher::new();
    let scores = matcher.calculate_domain_scores(&text);
    let get = |d: ExpertDomain| scores.get(&d).copied().unwrap_or(0.0) as f64;
    Ok(DomainScores {
        reasoning: get(ExpertDomain::Reasoning),
        coding: get(ExpertDomain::Coding),
        language: get(ExpertDomain::Language),
        mathematics: get(ExpertDomain::Mathematics),
        tool_use: get(ExpertDomain::ToolUse),
        context: get(ExpertDomain::Context),
    })
}

/// The runtime: one expert per domain; each query goes to the expert whose
/// keywords match best, or to a consensus of the best three for long,
/// multi-domain or "analyze"/"complex" queries.
#[napi]
pub struct KimiRuntime {
    inner: CrateRuntime,
}

#[napi]
impl KimiRuntime {
    /// `preset`: 'default' (6 experts), 'neural' (6), or 'pattern' (3); the
    /// crate only reports the number in its answers.
    #[napi(constructor)]
    pub fn new(preset: Option<String>) -> Result<Self> {
        let config = match preset.as_deref().unwrap_or("default") {
            "default" => ProcessingConfig::new(),
            "neural" => ProcessingConfig::new_neural_optimized(),
            "pattern" => ProcessingConfig::new_pattern_optimized(),
            other => {
                return Err(Error::new(
                    Status::InvalidArg,
                    format!("unknown preset '{other}' (default, neural or pattern)"),
                ))
            }
        };
        Ok(KimiRuntime { inner: CrateRuntime::new(config) })
    }

    /// The answer, followed by bracketed notes: the expert network's output
    /// statistics (these vary between runs: the crate's mock training
    /// perturbs weights with an unseeded generator), the routing, and the
    /// query count and mode.
    // A consensus answer quotes each expert's first 97 bytes, which can fall
    // inside a multi-byte character of a canned answer and panic; the panic
    // becomes a JS error instead of aborting the process.
    #[napi(catch_unwind)]
    pub fn process(&mut self, query: String) -> Result<String> {
        ascii(&query)?;
        Ok(self.inner.process(&query))
    }

    /// Forces consensus for every query when on.
    #[napi]
    pub fn set_consensus_mode(&mut self, enabled: bool) {
        self.inner.set_consensus_mode(enabled);
    }
}
