//! Node.js binding of the `fact-tools` crate: its template registry and the
//! engine that runs a template's steps (normalise, analyse, filter,
//! aggregate) over a JSON context.

use fact_tools::{FactEngine as CrateEngine, TemplateRegistry};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `fact-tools` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Ids of the crate's built-in templates, sorted (its registry is a hash map).
#[napi]
pub fn template_ids() -> Vec<String> {
    let mut ids = TemplateRegistry::new().list();
    ids.sort();
    ids
}

/// One step of a template.
#[napi(object)]
pub struct TemplateStep {
    pub name: String,
    /// The step's operation as the crate serialises it, e.g.
    /// `{ type: "aggregate", ... }`.
    pub operation: serde_json::Value,
}

/// A template's description.
#[napi(object)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    pub description: String,
    pub steps: Vec<TemplateStep>,
    pub tags: Vec<String>,
}

/// A built-in template, or null for an unknown id.
#[napi]
pub fn template(id: String) -> Result<Option<TemplateInfo>> {
    let Some(t) = TemplateRegistry::new().get(&id) else { return Ok(None) };
    let steps = t
        .steps
        .iter()
        .map(|s| {
            Ok(TemplateStep {
                name: s.name.clone(),
                operation: serde_json::to_value(&s.operation).map_err(fail)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Some(TemplateInfo { id: t.id, name: t.name, description: t.description, steps, tags: t.metadata.tags }))
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

/// The processing engine with the built-in templates.
#[napi]
pub struct FactEngine {
    inner: CrateEngine,
    runtime: tokio::runtime::Runtime,
}

#[napi]
impl FactEngine {
    #[napi(constructor)]
    pub fn new() -> Result<Self> {
        // A current-thread runtime with a timer: the engine's steps are
        // synchronous work wrapped in a tokio timeout.
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().map_err(fail)?;
        Ok(FactEngine { inner: CrateEngine::new(), runtime })
    }

    /// Runs template `templateId` over `context`.
    #[napi(ts_return_type = "{ template_id: string; template_name: string; result: unknown; metadata: { processed_at: string; priority: string } }")]
    pub fn process(&self, template_id: String, context: serde_json::Value) -> Result<serde_json::Value> {
        self.runtime.block_on(self.inner.process(&template_id, context)).map_err(|e| {
            let status = match e {
                fact_tools::FactError::TemplateNotFound(_) => Status::InvalidArg,
                _ => Status::GenericFailure,
            };
            Error::new(status, e.to_string())
        })
    }
}
