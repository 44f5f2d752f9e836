//! Node.js binding of the `ruv-swarm-wasm` crate: its SIMD (f32x4) vector
//! and matrix kernels, its activation functions (with the crate's fast
//! approximations on full 4-lane chunks), its small feed-forward network and
//! its block memory pool, compiled natively.
//!
//! Only the parts that are plain Rust are exposed: the crate's orchestrator,
//! benchmarks and random weights call into the browser (js-sys), which
//! panics outside WebAssembly.

use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_wasm::{ActivationFunction, MemoryPool as CratePool, SimdMatrixOps, SimdVectorOps, WasmNeuralNetwork};

/// Version of the wrapped `ruv-swarm-wasm` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn narrow(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&x| x as f32).collect()
}

fn widen(v: Vec<f32>) -> Vec<f64> {
    v.into_iter().map(f64::from).collect()
}

// The crate answers a size mismatch with 0 or an empty vector; a JavaScript
// caller gets an error instead.
fn same_length(a: &[f64], b: &[f64]) -> Result<()> {
    if a.len() != b.len() {
        return Err(invalid(format!("vectors differ in length ({} and {})", a.len(), b.len())));
    }
    Ok(())
}

#[napi]
pub fn dot_product(a: Vec<f64>, b: Vec<f64>) -> Result<f64> {
    same_length(&a, &b)?;
    Ok(f64::from(SimdVectorOps::new().dot_product(&narrow(&a), &narrow(&b))))
}

#[napi]
pub fn vector_add(a: Vec<f64>, b: Vec<f64>) -> Result<Vec<f64>> {
    same_length(&a, &b)?;
    Ok(widen(SimdVectorOps::new().vector_add(&narrow(&a), &narrow(&b))))
}

#[napi]
pub fn vector_scale(v: Vec<f64>, scalar: f64) -> Vec<f64> {
    widen(SimdVectorOps::new().vector_scale(&narrow(&v), scalar as f32))
}

/// "relu", "sigmoid", "tanh" or "linear". Sigmoid and tanh use the crate's
/// approximations on each full chunk of 4 values — (2.484 + x) / (4.968 +
/// |x|) and x / (1 + |x|), clamped, with x clamped to ±10 and ±5 — and the
/// exact functions on the 0-3 values left over.
#[napi]
pub fn apply_activation(v: Vec<f64>, activation: String) -> Result<Vec<f64>> {
    if !matches!(activation.as_str(), "relu" | "sigmoid" | "tanh" | "linear") {
        return Err(invalid(format!("unknown activation '{activation}' (expected relu, sigmoid, tanh or linear)")));
    }
    Ok(widen(SimdVectorOps::new().apply_activation(&narrow(&v), &activation)))
}

/// Row-major `rows` x `cols` matrix times a vector of `cols`.
#[napi]
pub fn matrix_vector_multiply(matrix: Vec<f64>, vector: Vec<f64>, rows: u32, cols: u32) -> Result<Vec<f64>> {
    let (rows, cols) = (rows as usize, cols as usize);
    if matrix.len() != rows * cols || vector.len() != cols {
        return Err(invalid(format!(
            "a {rows}x{cols} matrix needs {} values and a vector of {cols} (got {} and {})",
            rows * cols,
            matrix.len(),
            vector.len()
        )));
    }
    Ok(widen(SimdMatrixOps::new().matrix_vector_multiply(&narrow(&matrix), &narrow(&vector), rows, cols)))
}

/// Row-major A (aRows x aCols) times B (aCols x bCols).
#[napi]
pub fn matrix_multiply(a: Vec<f64>, b: Vec<f64>, a_rows: u32, a_cols: u32, b_cols: u32) -> Result<Vec<f64>> {
    let (m, k, n) = (a_rows as usize, a_cols as usize, b_cols as usize);
    if a.len() != m * k || b.len() != k * n {
        return Err(invalid(format!(
            "A must have {} values and B {} (got {} and {})",
            m * k,
            k * n,
            a.len(),
            b.len()
        )));
    }
    Ok(widen(SimdMatrixOps::new().matrix_multiply(&narrow(&a), &narrow(&b), m, k, n)))
}

fn activation(name: &str) -> Result<ActivationFunction> {
    Ok(match name {
        "linear" => ActivationFunction::Linear,
        "sigmoid" => ActivationFunction::Sigmoid,
        "symmetricSigmoid" => ActivationFunction::SymmetricSigmoid,
        "tanh" => ActivationFunction::Tanh,
        "relu" => ActivationFunction::ReLU,
        "leakyRelu" => ActivationFunction::LeakyReLU,
        "swish" => ActivationFunction::Swish,
        "gaussian" => ActivationFunction::Gaussian,
        "elliot" => ActivationFunction::Elliot,
        "symmetricElliot" => ActivationFunction::SymmetricElliot,
        "sine" => ActivationFunction::Sine,
        "cosine" => ActivationFunction::Cosine,
        "sinSymmetric" => ActivationFunction::SinSymmetric,
        "cosSymmetric" => ActivationFunction::CosSymmetric,
        "thresholdSymmetric" => ActivationFunction::ThresholdSymmetric,
        "threshold" => ActivationFunction::Threshold,
        "stepSymmetric" => ActivationFunction::StepSymmetric,
        "step" => ActivationFunction::Step,
        other => return Err(invalid(format!("unknown activation '{other}'"))),
    })
}

/// The crate's fully connected network: weights start at 0, biases stay 0
/// (the crate has no way to set them), every layer uses the same activation.
#[napi]
pub struct NeuralNetwork {
    inner: WasmNeuralNetwork,
    weight_count: usize,
    inputs: usize,
}

#[napi]
impl NeuralNetwork {
    /// `layers` lists the neuron counts, inputs first (at least 2 layers).
    #[napi(constructor)]
    pub fn new(layers: Vec<u32>, activation_name: String) -> Result<Self> {
        if layers.len() < 2 || layers.contains(&0) {
            return Err(invalid("layers needs at least two non-zero sizes"));
        }
        let layers: Vec<usize> = layers.into_iter().map(|l| l as usize).collect();
        let weight_count = layers.windows(2).map(|w| w[0] * w[1]).sum();
        Ok(NeuralNetwork {
            inner: WasmNeuralNetwork::new(&layers, activation(&activation_name)?),
            weight_count,
            inputs: layers[0],
        })
    }

    /// Layer by layer, for each source neuron its weights to every target
    /// neuron (index = offset + from * targets + to).
    #[napi]
    pub fn set_weights(&mut self, weights: Vec<f64>) -> Result<()> {
        // The crate silently ignores a wrong count.
        if weights.len() != self.weight_count {
            return Err(invalid(format!("expected {} weights, got {}", self.weight_count, weights.len())));
        }
        self.inner.set_weights(&weights);
        Ok(())
    }

    #[napi(getter)]
    pub fn weights(&self) -> Vec<f64> {
        self.inner.get_weights()
    }

    /// Forward pass. The weighted sums are taken in f32 (the crate's SIMD
    /// kernel), the activation in f64.
    #[napi]
    pub fn run(&self, inputs: Vec<f64>) -> Result<Vec<f64>> {
        if inputs.len() != self.inputs {
            return Err(invalid(format!("expected {} inputs, got {}", self.inputs, inputs.len())));
        }
        Ok(self.inner.run(&inputs))
    }
}

#[napi(object)]
pub struct PoolMetrics {
    pub total_blocks: u32,
    pub free_blocks: u32,
    pub block_size: u32,
    pub reuse_count: u32,
}

/// The crate's block pool: up to maxBlocks zeroed blocks of blockSize
/// bytes; returned blocks are zeroed and handed out again first.
#[napi]
pub struct MemoryPool {
    inner: CratePool,
}

#[napi]
impl MemoryPool {
    #[napi(constructor)]
    pub fn new(block_size: u32, max_blocks: u32) -> Self {
        MemoryPool { inner: CratePool::new(block_size as usize, max_blocks as usize) }
    }

    /// A block, or null once maxBlocks are out and none was returned.
    #[napi]
    pub fn allocate(&mut self) -> Option<Buffer> {
        self.inner.allocate().map(Buffer::from)
    }

    /// Takes a block back (ignored unless it has the pool's block size).
    #[napi]
    pub fn deallocate(&mut self, block: Buffer) {
        self.inner.deallocate(block.to_vec());
    }

    #[napi(getter)]
    pub fn available_blocks(&self) -> u32 {
        self.inner.available_blocks() as u32
    }

    /// Bytes handed out so far (blocks ever allocated × block size).
    #[napi(getter)]
    pub fn memory_usage(&self) -> f64 {
        self.inner.memory_usage() as f64
    }

    #[napi]
    pub fn metrics(&self) -> PoolMetrics {
        let m = self.inner.get_metrics();
        PoolMetrics {
            total_blocks: m.total_blocks,
            free_blocks: m.free_blocks,
            block_size: m.block_size,
            reuse_count: m.reuse_count,
        }
    }
}
