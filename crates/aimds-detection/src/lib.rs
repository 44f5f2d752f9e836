//! Node.js binding of the `aimds-detection` crate: the fast-path threat
//! detectors of AIMDS (known-pattern and regex matching with a DTW temporal
//! score, PII detection and masking, input sanitisation).

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aimds_core::{ThreatSeverity, ThreatType};
use aimds_detection::{PiiType, ThreatPriority};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `aimds-detection` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

// The crate's detectors are `async fn`s that never wait on anything, so a
// single poll finishes them; no runtime is needed.
fn run<F: Future>(future: F) -> Result<F::Output> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => Ok(value),
        Poll::Pending => Err(fail("the detector unexpectedly waited on I/O")),
    }
}

fn severity_name(s: ThreatSeverity) -> &'static str {
    match s {
        ThreatSeverity::Low => "low",
        ThreatSeverity::Medium => "medium",
        ThreatSeverity::High => "high",
        ThreatSeverity::Critical => "critical",
    }
}

fn threat_type_name(t: &ThreatType) -> &'static str {
    match t {
        ThreatType::PromptInjection => "promptInjection",
        ThreatType::JailbreakAttempt => "jailbreakAttempt",
        ThreatType::DataExfiltration => "dataExfiltration",
        ThreatType::ModelManipulation => "modelManipulation",
        ThreatType::PolicyViolation => "policyViolation",
        ThreatType::BehavioralAnomaly => "behavioralAnomaly",
        ThreatType::Unknown => "unknown",
    }
}

// The crate reports byte offsets into the UTF-8 text; JavaScript strings are
// indexed in UTF-16 code units.
fn utf16_index(text: &str, byte: usize) -> u32 {
    text[..byte].encode_utf16().count() as u32
}

/// The priority the detection scheduler gives a threat of this severity
/// (1 for "low" up to 4 for "critical").
#[napi]
pub fn threat_priority(severity: String) -> Result<u32> {
    let severity = match severity.as_str() {
        "low" => ThreatSeverity::Low,
        "medium" => ThreatSeverity::Medium,
        "high" => ThreatSeverity::High,
        "critical" => ThreatSeverity::Critical,
        other => return Err(invalid(format!("unknown severity '{other}' (expected low, medium, high or critical)"))),
    };
    Ok(ThreatPriority::from(severity) as u32)
}

#[napi(object)]
pub struct Detection {
    /// "low", "medium", "high" or "critical".
    pub severity: String,
    /// "promptInjection", "jailbreakAttempt" or "unknown" for these detectors.
    pub threat_type: String,
    pub confidence: f64,
    /// BLAKE3 of the UTF-8 input, hex.
    pub input_hash: String,
    /// "pattern_<n>" per known-phrase hit, "regex_<n>" per matching regex.
    pub matched_patterns: Vec<String>,
    /// Best 1 / (1 + DTW distance) against the crate's threat phrases.
    pub temporal_score: f64,
    /// Input length in UTF-8 bytes.
    pub input_length: u32,
}

/// The crate's pattern matcher with its built-in threat phrases and regexes.
#[napi]
pub struct PatternMatcher {
    inner: aimds_detection::PatternMatcher,
}

#[napi]
impl PatternMatcher {
    #[napi(constructor)]
    pub fn new() -> Result<Self> {
        Ok(PatternMatcher { inner: aimds_detection::PatternMatcher::new().map_err(fail)? })
    }

    /// Scores one input; results are cached by the input's hash.
    #[napi(js_name = "match")]
    pub fn match_patterns(&self, input: String) -> Result<Detection> {
        let result = run(self.inner.match_patterns(&input))?.map_err(fail)?;
        Ok(Detection {
            severity: severity_name(result.severity).to_string(),
            threat_type: threat_type_name(&result.threat_type).to_string(),
            confidence: result.confidence,
            input_hash: result.input_hash,
            matched_patterns: result.matched_patterns,
            temporal_score: result.context["temporal_score"].as_f64().unwrap_or(0.0),
            input_length: result.context["input_length"].as_u64().unwrap_or(0) as u32,
        })
    }
}

#[napi(object)]
pub struct PiiFound {
    /// email, phoneNumber, socialSecurity, creditCard, ipAddress, apiKey,
    /// awsKey or privateKey.
    #[napi(js_name = "type")]
    pub kind: String,
    /// UTF-16 offsets, so `input.slice(start, end)` is the match.
    pub start: u32,
    pub end: u32,
    pub masked_value: String,
}

#[napi(object)]
pub struct Sanitized {
    pub content: String,
    /// One line per pattern removed or neutralised.
    pub modifications: Vec<String>,
    pub is_safe: bool,
}

/// The crate's sanitiser: PII detection, control-character stripping and
/// removal or neutralisation of script and instruction-override patterns.
#[napi]
pub struct Sanitizer {
    inner: aimds_detection::Sanitizer,
}

#[napi]
impl Sanitizer {
    #[napi(constructor)]
    pub fn new() -> Self {
        Sanitizer { inner: aimds_detection::Sanitizer::new() }
    }

    /// Every PII match, grouped by kind in the crate's order (email first).
    #[napi]
    pub fn detect_pii(&self, input: String) -> Vec<PiiFound> {
        self.inner
            .detect_pii(&input)
            .into_iter()
            .map(|m| PiiFound {
                kind: match m.pii_type {
                    PiiType::Email => "email",
                    PiiType::PhoneNumber => "phoneNumber",
                    PiiType::SocialSecurity => "socialSecurity",
                    PiiType::CreditCard => "creditCard",
                    PiiType::IpAddress => "ipAddress",
                    PiiType::ApiKey => "apiKey",
                    PiiType::AwsKey => "awsKey",
                    PiiType::PrivateKey => "privateKey",
                }
                .to_string(),
                start: utf16_index(&input, m.start),
                end: utf16_index(&input, m.end),
                masked_value: m.masked_value,
            })
            .collect()
    }

    /// Drops control characters other than newline and tab.
    #[napi]
    pub fn normalize_encoding(&self, input: String) -> String {
        self.inner.normalize_encoding(&input)
    }

    #[napi]
    pub fn sanitize(&self, input: String) -> Result<Sanitized> {
        let out = run(self.inner.sanitize(&input))?.map_err(fail)?;
        Ok(Sanitized { content: out.sanitized_content, modifications: out.modifications, is_safe: out.is_safe })
    }
}
