//! Node.js binding of the `aimds-core` crate: the AIMDS configuration (its
//! defaults and its JSON form) and the error taxonomy the other AIMDS layers
//! share (message, severity, whether a retry makes sense).

use std::time::Duration;

use aimds_core::config::{AnalysisConfig, DetectionConfig, ResponseConfig, SystemConfig};
use aimds_core::error::ErrorSeverity;
use aimds_core::{AimdsConfig, AimdsError};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `aimds-core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

// JavaScript has no Duration; milliseconds keep sub-second parts as fractions.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[napi(object)]
pub struct DetectionSettings {
    pub pattern_matching_enabled: bool,
    pub sanitization_enabled: bool,
    pub confidence_threshold: f64,
    pub max_pattern_complexity: u32,
    pub cache_size: u32,
}

#[napi(object)]
pub struct AnalysisSettings {
    pub behavioral_analysis_enabled: bool,
    pub policy_verification_enabled: bool,
    pub ltl_checking_enabled: bool,
    pub threat_score_threshold: f64,
    pub max_temporal_window_ms: f64,
}

#[napi(object)]
pub struct ResponseSettings {
    pub meta_learning_enabled: bool,
    pub adaptive_responses_enabled: bool,
    pub auto_mitigation_enabled: bool,
    pub learning_rate: f64,
    pub response_timeout_ms: f64,
}

#[napi(object)]
pub struct SystemSettings {
    pub max_concurrent_requests: u32,
    pub request_timeout_ms: f64,
    pub enable_metrics: bool,
    pub enable_tracing: bool,
    pub log_level: String,
}

/// An `AimdsConfig` with its durations as milliseconds.
#[napi(object)]
pub struct Config {
    pub detection: DetectionSettings,
    pub analysis: AnalysisSettings,
    pub response: ResponseSettings,
    pub system: SystemSettings,
}

// usize fields above u32::MAX cannot come from a sane config; saturate rather
// than wrap so an absurd value stays visibly absurd.
fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn to_js(c: &AimdsConfig) -> Config {
    let DetectionConfig { pattern_matching_enabled, sanitization_enabled, confidence_threshold, max_pattern_complexity, cache_size } =
        c.detection.clone();
    let AnalysisConfig {
        behavioral_analysis_enabled,
        policy_verification_enabled,
        ltl_checking_enabled,
        threat_score_threshold,
        max_temporal_window,
    } = c.analysis.clone();
    let ResponseConfig { meta_learning_enabled, adaptive_responses_enabled, auto_mitigation_enabled, learning_rate, response_timeout } =
        c.response.clone();
    let SystemConfig { max_concurrent_requests, request_timeout, enable_metrics, enable_tracing, log_level } = c.system.clone();
    Config {
        detection: DetectionSettings {
            pattern_matching_enabled,
            sanitization_enabled,
            confidence_threshold,
            max_pattern_complexity: u32_of(max_pattern_complexity),
            cache_size: u32_of(cache_size),
        },
        analysis: AnalysisSettings {
            behavioral_analysis_enabled,
            policy_verification_enabled,
            ltl_checking_enabled,
            threat_score_threshold,
            max_temporal_window_ms: ms(max_temporal_window),
        },
        response: ResponseSettings {
            meta_learning_enabled,
            adaptive_responses_enabled,
            auto_mitigation_enabled,
            learning_rate,
            response_timeout_ms: ms(response_timeout),
        },
        system: SystemSettings {
            max_concurrent_requests: u32_of(max_concurrent_requests),
            request_timeout_ms: ms(request_timeout),
            enable_metrics,
            enable_tracing,
            log_level,
        },
    }
}

/// The configuration every AIMDS layer starts from.
#[napi]
pub fn default_config() -> Config {
    to_js(&AimdsConfig::default())
}

/// Reads a configuration in the crate's own JSON form, so files written for
/// the Rust services load unchanged; absent sections take their defaults.
#[napi]
pub fn parse_config(json: String) -> Result<Config> {
    let config: AimdsConfig = serde_json::from_str(&json).map_err(|e| invalid(format!("invalid AIMDS configuration: {e}")))?;
    Ok(to_js(&config))
}

/// An error of the AIMDS taxonomy, named by its kind.
#[napi(object)]
pub struct ErrorSpec {
    /// detection, analysis, response, configuration, validation, internal,
    /// io, timeout or externalService.
    pub kind: String,
    /// The error's text (for externalService: the service's message).
    pub detail: Option<String>,
    /// For timeout: after how many milliseconds.
    pub timeout_ms: Option<f64>,
    /// For externalService: which service failed.
    pub service: Option<String>,
}

#[napi(object)]
pub struct ErrorDescription {
    pub message: String,
    /// "low", "medium", "high" or "critical".
    pub severity: String,
    pub retryable: bool,
}

/// Lets JavaScript callers classify failures exactly as the Rust layers do:
/// the message they would log, how severe it counts, and whether to retry.
#[napi]
pub fn describe_error(spec: ErrorSpec) -> Result<ErrorDescription> {
    let detail = spec.detail.unwrap_or_default();
    let error = match spec.kind.as_str() {
        "detection" => AimdsError::Detection(detail),
        "analysis" => AimdsError::Analysis(detail),
        "response" => AimdsError::Response(detail),
        "configuration" => AimdsError::Configuration(detail),
        "validation" => AimdsError::Validation(detail),
        "internal" => AimdsError::Internal(detail),
        "io" => AimdsError::Io(std::io::Error::other(detail)),
        "timeout" => {
            let ms = spec.timeout_ms.ok_or_else(|| invalid("a timeout error needs timeoutMs"))?;
            if !(ms >= 0.0 && ms.is_finite()) {
                return Err(invalid("timeoutMs must be a finite number >= 0"));
            }
            AimdsError::Timeout(ms as u64)
        }
        "externalService" => AimdsError::ExternalService {
            service: spec.service.ok_or_else(|| invalid("an externalService error needs service"))?,
            message: detail,
        },
        other => {
            return Err(invalid(format!(
                "unknown error kind '{other}' (expected detection, analysis, response, configuration, validation, internal, io, timeout or externalService)"
            )))
        }
    };
    let severity = match error.severity() {
        ErrorSeverity::Low => "low",
        ErrorSeverity::Medium => "medium",
        ErrorSeverity::High => "high",
        ErrorSeverity::Critical => "critical",
    };
    Ok(ErrorDescription { message: error.to_string(), severity: severity.to_string(), retryable: error.is_retryable() })
}
