//! Node.js binding of the `qvm-scheduler` crate's circuit front end: OpenQASM 3
//! programs parsed into its circuit representation, and what they contain.

use napi::{Error, Result, Status};
use napi_derive::napi;
use qvm_scheduler::QuantumCircuit;

/// Version of the wrapped `qvm-scheduler` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// What a parsed circuit holds.
#[napi(object)]
pub struct CircuitSummary {
    pub num_qubits: u32,
    pub num_classical: u32,
    /// Gates, measurements, resets and barriers, in program order.
    pub operations: u32,
    pub two_qubit_gates: u32,
    /// [control, target] of every two-qubit gate, in program order.
    pub interactions: Vec<Vec<u32>>,
    /// Qubits that some operation touches, ascending.
    pub used_qubits: Vec<u32>,
}

/// Parses an OpenQASM 3 program (`qubit[n] q; bit[m] c; h q[0]; cx q[0], q[1];
/// c[0] = measure q[0];` and so on).
#[napi]
pub fn parse_qasm(source: String) -> Result<CircuitSummary> {
    let circuit = QuantumCircuit::from_qasm(&source)
        .map_err(|e| Error::new(Status::InvalidArg, format!("not a circuit: {e}")))?;
    Ok(CircuitSummary {
        num_qubits: circuit.num_qubits as u32,
        num_classical: circuit.num_classical as u32,
        operations: circuit.operations.len() as u32,
        two_qubit_gates: circuit.two_qubit_gate_count() as u32,
        interactions: circuit
            .two_qubit_interactions()
            .into_iter()
            .map(|(c, t)| vec![c.index() as u32, t.index() as u32])
            .collect(),
        used_qubits: circuit.used_qubits().into_iter().map(|q| q.index() as u32).collect(),
    })
}
