//! Node.js binding of the `sublinear` crate: sparse matrices in compressed
//! row storage and its conjugate gradient solver for symmetric positive
//! definite systems.

use napi::{Error, Result, Status};
use napi_derive::napi;
use sublinear_solver::optimized_solver::OptimizedSolverConfig;
use sublinear_solver::{OptimizedConjugateGradientSolver, OptimizedSparseMatrix};

/// Version of the wrapped `sublinear` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

/// `[row, column, value]` entries into the crate's sparse matrix.
fn matrix(entries: &[Vec<f64>], rows: u32, cols: u32) -> Result<OptimizedSparseMatrix> {
    let mut triplets = Vec::with_capacity(entries.len());
    for (k, e) in entries.iter().enumerate() {
        let [r, c, v] = e[..] else {
            return Err(invalid(format!("entry {k} must be [row, column, value]")));
        };
        if r < 0.0 || c < 0.0 || r.fract() != 0.0 || c.fract() != 0.0 || r >= rows as f64 || c >= cols as f64 {
            return Err(invalid(format!("entry {k}: ({r}, {c}) is outside a {rows}x{cols} matrix")));
        }
        triplets.push((r as usize, c as usize, v));
    }
    OptimizedSparseMatrix::from_triplets(triplets, rows as usize, cols as usize).map_err(invalid)
}

/// y = A·x for the sparse `rows`×`cols` matrix A given as `[row, column, value]` entries.
#[napi]
pub fn multiply(entries: Vec<Vec<f64>>, rows: u32, cols: u32, x: Vec<f64>) -> Result<Vec<f64>> {
    if x.len() != cols as usize {
        return Err(invalid(format!("x has {} entries; the matrix has {cols} columns", x.len())));
    }
    let a = matrix(&entries, rows, cols)?;
    let mut y = vec![0.0; rows as usize];
    a.multiply_vector(&x, &mut y);
    Ok(y)
}

/// What the conjugate gradient solver found.
#[napi(object)]
pub struct Solution {
    pub solution: Vec<f64>,
    pub residual_norm: f64,
    pub iterations: u32,
    pub converged: bool,
}

/// Solves A·x = b by conjugate gradient, for a symmetric positive definite
/// `size`×`size` matrix A given as `[row, column, value]` entries.
#[napi]
pub fn solve(
    entries: Vec<Vec<f64>>,
    size: u32,
    b: Vec<f64>,
    tolerance: Option<f64>,
    max_iterations: Option<u32>,
) -> Result<Solution> {
    let a = matrix(&entries, size, size)?;
    let mut config = OptimizedSolverConfig::default();
    if let Some(t) = tolerance {
        config.tolerance = t;
    }
    if let Some(n) = max_iterations {
        config.max_iterations = n as usize;
    }
    let result = OptimizedConjugateGradientSolver::new(config)
        .solve(&a, &b)
        .map_err(invalid)?;
    Ok(Solution {
        solution: result.solution,
        residual_norm: result.residual_norm,
        iterations: result.iterations as u32,
        converged: result.converged,
    })
}
