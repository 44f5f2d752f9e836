//! Node.js binding of the `claude-parser` crate: the Claude Code CLI
//! stream-json event format, and the per-stream metrics its parser collects.

use std::collections::HashMap;

use claude_parser::{ClaudeStreamEvent, ClaudeStreamParser};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `claude-parser` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Parses one stream-json line (the CLI's bare JSON, or an SSE `data: `
/// line) into the event the crate understands, re-serialised, so JS sees the
/// crate's normalised form: a `type` tag, known fields only, absent
/// optionals as null.
#[napi(ts_return_type = "Record<string, unknown> & { type: string }")]
pub fn parse_event(line: String) -> Result<serde_json::Value> {
    let json = line.strip_prefix("data: ").unwrap_or(&line);
    let event: ClaudeStreamEvent = serde_json::from_str(json)
        .map_err(|e| Error::new(Status::InvalidArg, format!("not a Claude stream event: {e}")))?;
    serde_json::to_value(&event).map_err(|e| Error::new(Status::GenericFailure, e.to_string()))
}

/// What a whole stream added up to. Only the counts: the crate's durations
/// are wall-clock times of the parse and its rates estimates.
#[napi(object)]
pub struct StreamSummary {
    /// Lines parsed as events.
    pub event_count: u32,
    /// Non-blank lines the parser could not read as an event (it skips them).
    pub skipped_lines: u32,
    /// Events per `type`.
    pub event_types: HashMap<String, u32>,
    /// `tool_use` events per tool name.
    pub tool_invocations: HashMap<String, u32>,
    pub thinking_sequences: u32,
    pub thinking_tokens: f64,
    pub average_thinking_tokens: f64,
    /// From the last `usage` event.
    pub input_tokens: f64,
    pub output_tokens: f64,
    pub total_tokens: f64,
    pub total_errors: u32,
    pub recoverable_errors: u32,
    /// `error` events per `error_type`.
    pub error_types: HashMap<String, u32>,
}

fn event_type(event: &ClaudeStreamEvent) -> String {
    serde_json::to_value(event)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default()
}

/// Runs the crate's stream parser over `text` (newline-separated events).
#[napi]
pub fn parse_stream(text: String) -> Result<StreamSummary> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
    let mut parser = ClaudeStreamParser::new();
    let metrics = runtime
        .block_on(parser.parse_stream(text.as_bytes()))
        .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
    let export = parser.export_training_data();

    let mut event_types = HashMap::new();
    for event in &export.events {
        *event_types.entry(event_type(event)).or_insert(0u32) += 1;
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let event_count = export.metadata.event_count;
    let thinking = &metrics.thinking_metrics;
    let errors = &metrics.error_metrics;
    Ok(StreamSummary {
        event_count: event_count as u32,
        skipped_lines: lines.saturating_sub(event_count) as u32,
        event_types,
        tool_invocations: metrics
            .tool_invocations
            .iter()
            .map(|(name, m)| (name.clone(), m.invocation_count as u32))
            .collect(),
        thinking_sequences: thinking.total_sequences as u32,
        thinking_tokens: thinking.total_tokens as f64,
        average_thinking_tokens: thinking.average_tokens_per_sequence,
        input_tokens: metrics.token_usage.input_tokens as f64,
        output_tokens: metrics.token_usage.output_tokens as f64,
        total_tokens: metrics.token_usage.total_tokens as f64,
        total_errors: errors.total_errors as u32,
        recoverable_errors: errors.recoverable_errors as u32,
        error_types: errors.error_types.iter().map(|(k, v)| (k.clone(), *v as u32)).collect(),
    })
}
