//! Node.js binding of the `temporal-neural-solver` crate: its deterministic
//! building blocks — the constant-velocity Kalman filter that supplies the
//! prior, the solver gate that certifies a prediction, the Jacobi/Neumann
//! solver behind it, and the error-weighted PageRank sample selector. (The
//! crate's neural layers start from random weights and are left out.)

use nalgebra::DVector;
use napi::{Error, Result, Status};
use napi_derive::napi;
use ndarray::{Array1, Array2};
use temporal_neural_solver::solver_integration::{NeumannSolver, SparseMatrix};
use temporal_neural_solver::{PageRankSelector, SolverGate};

/// Version of the wrapped `temporal-neural-solver` crate.
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

fn rows_of<T: Copy>(rows: &[Vec<T>], what: &str) -> Result<(usize, usize, Vec<T>)> {
    let n = rows.len();
    let m = rows.first().map_or(0, Vec::len);
    if rows.iter().any(|r| r.len() != m) {
        return Err(invalid(format!("every row of {what} must have the same length")));
    }
    Ok((n, m, rows.iter().flatten().copied().collect()))
}

/// The crate's constant-velocity Kalman filter: positions are measured,
/// velocities inferred, with a 1 ms step.
#[napi]
pub struct KalmanFilter {
    inner: temporal_neural_solver::KalmanFilter,
    dimensions: usize,
}

#[napi]
impl KalmanFilter {
    #[napi(constructor)]
    pub fn new(dimensions: u32) -> Result<Self> {
        if dimensions == 0 {
            return Err(invalid("dimensions must be at least 1"));
        }
        Ok(KalmanFilter { inner: temporal_neural_solver::KalmanFilter::new(dimensions as usize), dimensions: dimensions as usize })
    }

    /// Advances one step and returns the predicted positions.
    #[napi]
    pub fn predict(&mut self) -> Vec<f64> {
        self.inner.predict().iter().copied().collect()
    }

    /// Corrects the state with measured positions.
    #[napi]
    pub fn update(&mut self, positions: Vec<f64>) -> Result<()> {
        if positions.len() != self.dimensions {
            return Err(invalid(format!("expected {} positions, got {}", self.dimensions, positions.len())));
        }
        self.inner.update(&DVector::from_vec(positions)).map_err(fail)
    }
}

#[napi(object)]
pub struct JacobiSolution {
    pub solution: Vec<f64>,
    /// ||b - Ax|| after the last step.
    pub residual_norm: f64,
    pub iterations: u32,
}

/// Solves Ax = b by Jacobi steps from x = b until ||b - Ax|| < tolerance or
/// maxIterations; zero entries of A are skipped.
#[napi]
pub fn jacobi_solve(matrix: Vec<Vec<f64>>, b: Vec<f64>, max_iterations: u32, tolerance: f64) -> Result<JacobiSolution> {
    let (n, m, flat) = rows_of(&matrix, "the matrix")?;
    if n != m || n != b.len() {
        return Err(invalid(format!("need a square matrix matching b: got {n}x{m} and {} entries", b.len())));
    }
    let triplets =
        flat.iter().enumerate().filter(|(_, v)| **v != 0.0).map(|(k, v)| (k / n, k % n, *v)).collect();
    let result = NeumannSolver::new(max_iterations as usize, tolerance).solve(&SparseMatrix::from_triplets(triplets, n, n), &b);
    Ok(JacobiSolution { solution: result.solution, residual_norm: result.residual_norm, iterations: result.iterations as u32 })
}

#[napi(object)]
pub struct Certificate {
    /// Residual of (I + 0.1·J∘Jᵀ) x = prediction, relative to max(1, ||x||).
    pub error_bound: f64,
    pub confidence: f64,
    /// errorBound < epsilon.
    pub gate_pass: bool,
    pub iterations: u32,
    pub computational_work: u32,
}

/// The crate's solver gate: certifies a prediction (f32) against the
/// network's Jacobian (rows = outputs, f32).
#[napi]
pub fn verify_prediction(
    prediction: Vec<f64>,
    jacobian: Vec<Vec<f64>>,
    epsilon: Option<f64>,
    max_iterations: Option<u32>,
) -> Result<Certificate> {
    let (n, m, flat) = rows_of(&jacobian, "the Jacobian")?;
    if n == 0 || m == 0 {
        return Err(invalid("the Jacobian must not be empty"));
    }
    if prediction.len() < n.min(m) {
        return Err(invalid(format!("the prediction needs at least {} entries", n.min(m))));
    }
    let jacobian = Array2::from_shape_vec((n, m), flat.into_iter().map(|v| v as f32).collect()).map_err(fail)?;
    let prediction: Array1<f32> = prediction.into_iter().map(|v| v as f32).collect();
    // The budget argument is stored but never consulted by the crate.
    let gate = SolverGate::new(epsilon.unwrap_or(0.02), max_iterations.unwrap_or(100) as usize, 200_000);
    let c = gate.verify(&prediction, &jacobian).map_err(fail)?;
    Ok(Certificate {
        error_bound: c.error_bound,
        confidence: c.confidence,
        gate_pass: c.gate_pass,
        iterations: c.iterations as u32,
        computational_work: c.computational_work as u32,
    })
}

/// Indices of the k highest PageRank scores (damping 0.85, each round's
/// scores multiplied by 1 + the sample's error), computed in f32.
#[napi]
pub fn page_rank_select(adjacency: Vec<Vec<f64>>, errors: Vec<f64>, k: u32) -> Result<Vec<u32>> {
    let (n, m, flat) = rows_of(&adjacency, "the adjacency matrix")?;
    if n != m || n != errors.len() {
        return Err(invalid(format!("need a square adjacency matrix with one error per node: got {n}x{m} and {} errors", errors.len())));
    }
    if n == 0 {
        return Ok(Vec::new());
    }
    // The crate sorts scores with partial_cmp(..).unwrap(): a NaN would panic.
    if flat.iter().chain(&errors).any(|v| !v.is_finite()) {
        return Err(invalid("adjacency weights and errors must be finite numbers"));
    }
    let adjacency = Array2::from_shape_vec((n, n), flat.into_iter().map(|v| v as f32).collect()).map_err(fail)?;
    let errors: Array1<f32> = errors.into_iter().map(|v| v as f32).collect();
    let picked = PageRankSelector::new().select_samples(&adjacency, &errors, k as usize);
    Ok(picked.into_iter().map(|i| i as u32).collect())
}
