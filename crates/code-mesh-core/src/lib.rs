//! Node.js binding of the `code-mesh-core` crate's offline parts: its
//! permission manager (levels per resource and operation, per-user grants,
//! and path, size, time, network and resource constraints) and its utility
//! functions for strings, durations, byte sizes, hashes, URLs, shell
//! arguments and identifiers.
//!
//! The LLM providers, authentication, tools (which read files and run
//! commands), sessions and storage are not exposed: they call remote APIs or
//! work on the local file system and home directory.

use code_mesh_core::permission::{Permission, PermissionConstraint, PermissionContext, PermissionLevel};
use code_mesh_core::utils;
use code_mesh_core::PermissionManager as CrateManager;
use napi::bindgen_prelude::{Buffer, Either};
use napi::{Error, Result, Status};
use napi_derive::napi;
use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// Version of the wrapped `code-mesh-core` crate.
#[napi]
pub fn version() -> &'static str {
    code_mesh_core::VERSION
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn level(name: &str) -> Result<PermissionLevel> {
    PermissionLevel::from_str(name).map_err(|e| invalid(e.to_string()))
}

/// What a check asks: who, on what, and the operation's parameters (a JSON
/// object; the constraints read `path`, `size`, `duration`, `network`,
/// `host`, `memory_mb` and `cpu_percent`).
#[napi(object)]
pub struct PermissionRequest {
    pub user_id: String,
    pub session_id: Option<String>,
    /// Relative `path` parameters are taken from here.
    pub working_dir: Option<String>,
    pub resource: String,
    pub operation: String,
    /// The caller's level when the user has no grant for the resource
    /// (default "restricted").
    pub level: Option<String>,
    pub params: Option<String>,
}

fn context(request: PermissionRequest) -> Result<PermissionContext> {
    let mut ctx = PermissionContext::new(
        request.user_id,
        request.session_id.unwrap_or_default(),
        PathBuf::from(request.working_dir.unwrap_or_default()),
        request.resource,
        request.operation,
    );
    if let Some(l) = request.level {
        ctx = ctx.with_level(level(&l)?);
    }
    if let Some(p) = request.params {
        let params: HashMap<String, serde_json::Value> =
            serde_json::from_str(&p).map_err(|e| invalid(format!("params must be a JSON object: {e}")))?;
        ctx.params = params;
    }
    Ok(ctx)
}

/// The crate's permission manager. Levels, lowest first: "none", "read",
/// "restricted", "standard", "elevated", "admin". An operation requires the
/// level of its permission (resource and operation, then `*` wildcards,
/// then the default level); a user has the level granted for the resource
/// (or `*`), else the request's own.
#[napi]
pub struct PermissionManager {
    inner: CrateManager,
}

#[napi]
impl PermissionManager {
    /// An empty manager whose operations require `defaultLevel`.
    #[napi(constructor)]
    pub fn new(default_level: String) -> Result<Self> {
        Ok(PermissionManager { inner: CrateManager::new(level(&default_level)?) })
    }

    /// The crate's defaults: file read needs "read"; file write "standard",
    /// at most 10 MiB; bash execute "elevated", at most 300 s, no network;
    /// web fetch "standard", not to localhost or 127.0.0.1; anything else
    /// "restricted".
    #[napi(factory)]
    pub fn with_defaults() -> Self {
        PermissionManager { inner: CrateManager::with_defaults() }
    }

    /// Adds a permission, JSON in the crate's format: `{ resource, operation,
    /// level, constraints: [{ type: "path_constraint", allowed, denied } |
    /// { type: "size_constraint", max_size } | { type: "time_constraint",
    /// max_duration } | { type: "network_constraint", allowed,
    /// allowed_hosts, denied_hosts } | { type: "resource_constraint",
    /// max_memory_mb, max_cpu_percent }] }`.
    #[napi]
    pub fn add_permission(&mut self, permission_json: String) -> Result<()> {
        let p: Permission =
            serde_json::from_str(&permission_json).map_err(|e| invalid(format!("bad permission JSON: {e}")))?;
        self.inner.add_permission(p.resource.clone(), p.operation.clone(), p);
        Ok(())
    }

    /// Grants a user a level on a resource (or `*` for all).
    #[napi]
    pub fn set_user_level(&mut self, user_id: String, resource: String, level_name: String) -> Result<()> {
        self.inner.set_user_permission(user_id, resource, level(&level_name)?);
        Ok(())
    }

    /// A constraint (JSON, as in addPermission) every check applies.
    #[napi]
    pub fn add_global_constraint(&mut self, constraint_json: String) -> Result<()> {
        let c: PermissionConstraint =
            serde_json::from_str(&constraint_json).map_err(|e| invalid(format!("bad constraint JSON: {e}")))?;
        self.inner.add_global_constraint(c);
        Ok(())
    }

    /// False when the user's level is below the required one; throws with
    /// the constraint's reason when a constraint is broken.
    #[napi]
    pub fn check(&self, request: PermissionRequest) -> Result<bool> {
        self.inner.check_permission(&context(request)?).map_err(fail)
    }

    /// Like check(), but a level too low throws "Permission denied for
    /// operation ... on resource ...".
    #[napi]
    pub fn enforce(&self, request: PermissionRequest) -> Result<()> {
        self.inner.enforce_permission(&context(request)?).map_err(fail)
    }
}

/// Cuts a string to at most `maxLen` bytes, the last three being "...".
#[napi]
pub fn truncate(s: String, max_len: u32) -> Result<String> {
    let max_len = max_len as usize;
    // The crate slices bytes, which panics inside a multi-byte character.
    if s.len() > max_len && max_len > 3 && !s.is_char_boundary(max_len - 3) {
        return Err(invalid(format!("byte {} is inside a character of the string", max_len - 3)));
    }
    Ok(utils::string::truncate(&s, max_len))
}

/// Backslash-escapes `\`, `"`, newline, carriage return and tab.
#[napi]
pub fn escape_json(s: String) -> String {
    utils::string::escape_json(&s)
}

/// Replaces `/ \ ? % * : | " < >` and control characters with `_`.
#[napi]
pub fn sanitize_filename(s: String) -> String {
    utils::string::sanitize_filename(&s)
}

/// `camelCase` to `camel_case`.
#[napi]
pub fn camel_to_snake(s: String) -> String {
    utils::string::camel_to_snake(&s)
}

#[napi(object)]
pub struct ContextLine {
    /// 1-based
    pub number: u32,
    pub text: String,
}

/// The lines within `context` of the 0-based line `index`, numbered from 1.
#[napi]
pub fn extract_context(content: String, index: u32, context: u32) -> Result<Vec<ContextLine>> {
    let lines = content.lines().count();
    let (index, context) = (index as usize, context as usize);
    // The crate's slice would start past its end.
    if index.saturating_sub(context) > lines {
        return Err(invalid(format!("line {index} is beyond the content's {lines} lines")));
    }
    Ok(utils::string::extract_context(&content, index, context)
        .into_iter()
        .map(|(number, text)| ContextLine { number: number as u32, text: text.to_string() })
        .collect())
}

/// "42s", "3m 5s", "2h 10m" or "1d 4h" (whole seconds).
#[napi]
pub fn format_duration(ms: f64) -> Result<String> {
    if !(ms.is_finite() && ms >= 0.0) {
        return Err(invalid(format!("{ms} is not a duration in milliseconds")));
    }
    Ok(utils::time::format_duration(Duration::from_millis(ms as u64)))
}

/// Milliseconds in "90", "250ms", "30s", "5m", "2h" or "1d" (a bare number
/// is seconds).
#[napi]
pub fn parse_duration(s: String) -> Result<f64> {
    utils::time::parse_duration(&s).map(|d| d.as_millis() as f64).map_err(|e| invalid(e.to_string()))
}

fn whole_bytes(bytes: f64) -> Result<u64> {
    if bytes.is_finite() && bytes >= 0.0 && bytes.fract() == 0.0 && bytes <= 9007199254740991.0 {
        Ok(bytes as u64)
    } else {
        Err(invalid(format!("{bytes} is not a whole number of bytes")))
    }
}

/// "512 B", "1.5 KB", ... "TB", in powers of 1024 with one decimal.
#[napi]
pub fn format_bytes(bytes: f64) -> Result<String> {
    Ok(utils::memory::format_bytes(whole_bytes(bytes)?))
}

/// Bytes in "2048", "1.5KB", "10 MB", "1GB", "2TB" (powers of 1024,
/// case-insensitive, fractions truncated).
#[napi]
pub fn parse_bytes(s: String) -> Result<f64> {
    utils::memory::parse_bytes(&s).map(|b| b as f64).map_err(|e| invalid(e.to_string()))
}

/// SHA-256 of the bytes (a string as UTF-8), in lowercase hex.
#[napi]
pub fn sha256(content: Either<String, Buffer>) -> String {
    match content {
        Either::A(s) => utils::hash::sha256_string(&s),
        Either::B(b) => utils::hash::sha256(&b),
    }
}

/// Whether the text parses as an absolute URL.
#[napi]
pub fn is_valid_url(s: String) -> bool {
    utils::url::is_valid_url(&s)
}

/// The URL's host.
#[napi]
pub fn extract_domain(url: String) -> Result<String> {
    utils::url::extract_domain(&url).map_err(|e| invalid(e.to_string()))
}

/// `path` resolved against the base URL, as a browser resolves a link.
#[napi]
pub fn join_url(base: String, path: String) -> Result<String> {
    utils::url::join_path(&base, &path).map_err(|e| invalid(e.to_string()))
}

/// The argument quoted for the platform's shell when it needs it: single
/// quotes on Unix (for whitespace, quotes, `\ | & ; < > ( ) $` and
/// backquotes), double quotes on Windows (for spaces and double quotes).
#[napi]
pub fn escape_shell_arg(arg: String) -> String {
    utils::process::escape_shell_arg(&arg)
}

/// `local@domain.tld` with the usual characters.
#[napi]
pub fn is_valid_email(s: String) -> bool {
    utils::validation::is_valid_email(&s)
}

/// At least 10 characters, alphanumeric, `-` or `_`.
#[napi]
pub fn is_valid_api_key(s: String) -> bool {
    utils::validation::is_valid_api_key(&s)
}

/// 1 to 256 bytes, alphanumeric, `-` or `_`.
#[napi]
pub fn is_valid_session_id(s: String) -> bool {
    utils::validation::is_valid_session_id(&s)
}

/// 1 to 100 bytes, alphanumeric, `-`, `_`, `/` or `.`.
#[napi]
pub fn is_valid_model_name(s: String) -> bool {
    utils::validation::is_valid_model_name(&s)
}
