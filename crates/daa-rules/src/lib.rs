//! Node.js binding of the `daa-rules` crate: its rule model (conditions over
//! string variables, actions that change them) and the engine that checks a
//! rule's conditions and runs its actions against an execution context.
//!
//! Conditions and actions are given as JSON in the crate's own serde format
//! (externally tagged enums, e.g. `{"GreaterThan": {"field": "amount",
//! "value": 100}}`), so every condition and action type the crate defines can
//! be expressed without a parallel JavaScript schema.

use std::collections::HashMap;

use daa_rules::{ExecutionContext, Rule, RuleAction, RuleCondition, RuleEngine, RuleResult};
use napi::{Error, Result, Status};
use napi_derive::napi;
use serde::Deserialize;

/// Version of the wrapped `daa-rules` crate.
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

/// The parts of a crate `Rule` a caller chooses; timestamps and metadata are
/// filled in by `Rule::new`.
#[derive(Deserialize)]
struct RuleSpec {
    id: String,
    name: String,
    #[serde(default)]
    description: String,
    conditions: Vec<RuleCondition>,
    actions: Vec<RuleAction>,
    #[serde(default)]
    priority: u32,
    #[serde(default = "enabled_by_default")]
    enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

fn parse_rule(json: &str) -> Result<Rule> {
    let spec: RuleSpec = serde_json::from_str(json).map_err(|e| invalid(format!("bad rule JSON: {e}")))?;
    let mut rule = Rule::new(spec.id, spec.name, spec.conditions, spec.actions);
    rule.description = spec.description;
    rule.priority = spec.priority;
    rule.enabled = spec.enabled;
    Ok(rule)
}

fn context(variables: HashMap<String, String>) -> ExecutionContext {
    let mut ctx = ExecutionContext::new();
    for (k, v) in variables {
        ctx.set_variable(k, v);
    }
    ctx
}

/// Checks a rule (JSON `{ id, name, description?, conditions, actions,
/// priority?, enabled? }`) the way the engine does before accepting it:
/// non-empty id, name, conditions and actions, compilable regexes, non-empty
/// logical groups and webhook URLs. Throws the crate's message otherwise.
#[napi]
pub fn validate_rule(rule_json: String) -> Result<()> {
    parse_rule(&rule_json)?.is_valid().map_err(|e| invalid(e.to_string()))
}

/// Evaluates one condition (JSON) against string variables. Numbers compare
/// after parsing the variable as f64; a missing variable makes every
/// condition false except NotEquals (true) and Not of a false one.
#[napi]
pub fn evaluate_condition(condition_json: String, variables: HashMap<String, String>) -> Result<bool> {
    let condition: RuleCondition =
        serde_json::from_str(&condition_json).map_err(|e| invalid(format!("bad condition JSON: {e}")))?;
    let engine = RuleEngine::new();
    futures::executor::block_on(engine.evaluate_condition(&condition, &context(variables))).map_err(fail)
}

#[napi(object)]
pub struct Execution {
    /// "Allow" when every condition held and the actions ran, "Skipped" when
    /// a condition failed or the rule is disabled.
    pub result: String,
    /// The variables after the actions ran.
    pub variables: HashMap<String, String>,
}

/// Validates a rule, then runs it: all conditions must hold, then the
/// actions run in order (SetField and ModifyContext write variables, Abort
/// throws, Log/Notify/Webhook/Custom do nothing observable here).
#[napi]
pub fn execute_rule(rule_json: String, variables: HashMap<String, String>) -> Result<Execution> {
    let rule = parse_rule(&rule_json)?;
    rule.is_valid().map_err(|e| invalid(e.to_string()))?;
    let engine = RuleEngine::new();
    let mut ctx = context(variables);
    let result = futures::executor::block_on(engine.execute_rule(&rule, &mut ctx)).map_err(fail)?;
    let result = match result {
        RuleResult::Allow => "Allow".to_string(),
        RuleResult::Skipped => "Skipped".to_string(),
        other => other.to_string(),
    };
    Ok(Execution { result, variables: ctx.get_variables().clone() })
}
