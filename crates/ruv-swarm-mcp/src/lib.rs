//! Node.js binding of the `ruv-swarm-mcp` crate: the Model Context Protocol
//! tool catalog its server advertises (names, descriptions, typed parameters
//! with defaults and enumerations) and its JSON-RPC 2.0 response envelopes.
//!
//! The server itself (axum over WebSocket, with tokio timers in its request
//! handlers) is not exposed: JavaScript MCP servers and clients can use the
//! catalog and envelopes directly.

use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_mcp::tools::{register_tools, ToolRegistry};
use ruv_swarm_mcp::McpResponse;

/// Version of the wrapped `ruv-swarm-mcp` crate.
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

fn registry() -> ToolRegistry {
    let registry = ToolRegistry::new();
    register_tools(&registry);
    registry
}

/// The tools the crate registers, as a JSON array sorted by name (the
/// registry is a hash map). Each is `{ name, description, parameters: [{
/// name, description, type, required, default?, enum_values? }] }`.
#[napi]
pub fn list_tools() -> Result<String> {
    let mut tools = registry().list_tools();
    tools.sort_by(|a, b| a.name.cmp(&b.name));
    serde_json::to_string(&tools).map_err(fail)
}

/// One tool's definition as JSON, or null for an unknown name.
#[napi]
pub fn get_tool(name: String) -> Result<Option<String>> {
    registry().get(&name).map(|t| serde_json::to_string(&t).map_err(fail)).transpose()
}

fn parse_id(id_json: Option<String>) -> Result<Option<serde_json::Value>> {
    id_json
        .map(|j| serde_json::from_str(&j).map_err(|e| invalid(format!("bad id JSON: {e}"))))
        .transpose()
}

/// A JSON-RPC 2.0 success envelope; `idJson` and `resultJson` are JSON
/// text (an absent id is left out, as for a notification).
#[napi]
pub fn success_response(id_json: Option<String>, result_json: String) -> Result<String> {
    let result = serde_json::from_str(&result_json).map_err(|e| invalid(format!("bad result JSON: {e}")))?;
    serde_json::to_string(&McpResponse::success(parse_id(id_json)?, result)).map_err(fail)
}

/// A JSON-RPC 2.0 error envelope (e.g. -32601 for an unknown method, as the
/// crate's server answers).
#[napi]
pub fn error_response(id_json: Option<String>, code: i32, message: String) -> Result<String> {
    serde_json::to_string(&McpResponse::error(parse_id(id_json)?, code, message)).map_err(fail)
}
