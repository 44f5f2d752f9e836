//! Node.js binding of the `midstreamer-neural-solver` crate: build temporal
//! logic formulas (atoms, not/and/or/implies, next, globally, finally, until)
//! and check them against a finite trace of states, each a set of named
//! boolean propositions. Formulas are evaluated at the first state of the
//! trace; a proposition missing from a state is false.

use std::collections::HashMap;

use midstreamer_neural_solver::{
    TemporalFormula, TemporalNeuralSolver, TemporalOperator, TemporalState, VerificationStrictness,
};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `midstreamer-neural-solver` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// An immutable temporal logic formula, built with the static factories.
#[napi]
pub struct Formula {
    inner: TemporalFormula,
}

fn formula(inner: TemporalFormula) -> Formula {
    Formula { inner }
}

#[napi]
impl Formula {
    /// The atomic proposition `name`: true in a state that sets it to true.
    #[napi(factory)]
    pub fn atom(name: String) -> Formula {
        formula(TemporalFormula::atom(name))
    }

    /// The constant `true` or `false`.
    #[napi(factory)]
    pub fn constant(value: bool) -> Formula {
        formula(if value { TemporalFormula::True } else { TemporalFormula::False })
    }

    /// ¬φ.
    #[napi(factory)]
    pub fn not(f: &Formula) -> Formula {
        formula(TemporalFormula::not(f.inner.clone()))
    }

    /// φ ∧ ψ.
    #[napi(factory)]
    pub fn and(left: &Formula, right: &Formula) -> Formula {
        formula(TemporalFormula::and(left.inner.clone(), right.inner.clone()))
    }

    /// φ ∨ ψ.
    #[napi(factory)]
    pub fn or(left: &Formula, right: &Formula) -> Formula {
        formula(TemporalFormula::or(left.inner.clone(), right.inner.clone()))
    }

    /// φ → ψ.
    #[napi(factory)]
    pub fn implies(left: &Formula, right: &Formula) -> Formula {
        formula(TemporalFormula::Binary {
            op: TemporalOperator::Implies,
            left: Box::new(left.inner.clone()),
            right: Box::new(right.inner.clone()),
        })
    }

    /// X φ: φ holds at the next state (false at the last state).
    #[napi(factory)]
    pub fn next(f: &Formula) -> Formula {
        formula(TemporalFormula::next(f.inner.clone()))
    }

    /// G φ: φ holds at this and every later state of the trace.
    #[napi(factory)]
    pub fn globally(f: &Formula) -> Formula {
        formula(TemporalFormula::globally(f.inner.clone()))
    }

    /// F φ: φ holds at this or some later state of the trace.
    #[napi(factory)]
    pub fn finally(f: &Formula) -> Formula {
        formula(TemporalFormula::finally(f.inner.clone()))
    }

    /// φ U ψ: ψ holds at some state from here on, and φ at every state before it.
    #[napi(factory)]
    pub fn until(left: &Formula, right: &Formula) -> Formula {
        formula(TemporalFormula::until(left.inner.clone(), right.inner.clone()))
    }

    /// The crate's debug rendering of the formula, e.g. `Atom("safe")`.
    #[napi]
    pub fn to_string(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// The outcome of checking a formula against the trace.
#[napi(object)]
pub struct Verification {
    pub satisfied: bool,
    /// The formula as the crate renders it.
    pub formula: String,
    /// min(trace length / 100, 1) × 0.7, 0.85 or 0.95 by strictness.
    pub confidence: f64,
}

/// A bounded trace of states and the formulas checked against it.
#[napi]
pub struct TemporalSolver {
    inner: TemporalNeuralSolver,
    next_id: u64,
}

#[napi]
impl TemporalSolver {
    /// Keeps the newest `maxTraceLength` states (default 1000).
    /// `strictness` ("low", "medium" (default) or "high") scales the confidence.
    #[napi(constructor)]
    pub fn new(max_trace_length: Option<u32>, strictness: Option<String>) -> Result<Self> {
        let strictness = match strictness.as_deref().unwrap_or("medium") {
            "low" => VerificationStrictness::Low,
            "medium" => VerificationStrictness::Medium,
            "high" => VerificationStrictness::High,
            other => {
                return Err(Error::new(
                    Status::InvalidArg,
                    format!("unknown strictness '{other}' (expected low, medium or high)"),
                ))
            }
        };
        let max = max_trace_length.unwrap_or(1000);
        if max == 0 {
            return Err(Error::new(Status::InvalidArg, "maxTraceLength must be at least 1"));
        }
        Ok(TemporalSolver {
            inner: TemporalNeuralSolver::new(max as usize, 500, strictness),
            next_id: 0,
        })
    }

    /// Appends a state: an object mapping proposition names to booleans.
    #[napi]
    pub fn add_state(&mut self, propositions: HashMap<String, bool>) {
        let mut state = TemporalState::new(self.next_id, self.next_id);
        self.next_id += 1;
        for (name, value) in propositions {
            state.set_proposition(name, value);
        }
        self.inner.add_state(state);
    }

    /// Number of states in the trace.
    #[napi(getter)]
    pub fn trace_length(&self) -> u32 {
        self.inner.trace_length() as u32
    }

    /// Checks `formula` at the first state; throws on an empty trace.
    #[napi]
    pub fn verify(&self, formula: &Formula) -> Result<Verification> {
        let result = self
            .inner
            .verify(&formula.inner)
            .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))?;
        Ok(Verification {
            satisfied: result.satisfied,
            formula: result.formula,
            confidence: result.confidence,
        })
    }

    /// Removes every state.
    #[napi]
    pub fn clear(&mut self) {
        self.inner.clear_trace();
    }
}
