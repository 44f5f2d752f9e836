//! Node.js binding of the `synaptic-neural-wasm` crate: its feed-forward
//! network of dense and dropout layers (f32, inference), JSON save/load, and
//! its unrolled dot product.

use napi::{Error, Result, Status};
use napi_derive::napi;
use ndarray::{Array1, Array2};
use synaptic_neural_wasm::{simd, Activation, Layer, LayerType, NeuralNetwork as CrateNetwork};

/// Version of the wrapped `synaptic-neural-wasm` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

/// Sum of a[i] * b[i] in f32, four lanes at a time.
#[napi]
pub fn dot_product(a: Vec<f64>, b: Vec<f64>) -> Result<f64> {
    // The crate asserts equal lengths; check first so JS gets an error, not an abort.
    if a.len() != b.len() {
        return Err(invalid(format!("lengths differ: {} and {}", a.len(), b.len())));
    }
    let a: Vec<f32> = a.iter().map(|&x| x as f32).collect();
    let b: Vec<f32> = b.iter().map(|&x| x as f32).collect();
    Ok(simd::dot_product_simd(&a, &b) as f64)
}

/// A feed-forward network evaluated in f32.
#[napi]
pub struct NeuralNetwork {
    inner: CrateNetwork,
}

#[napi]
impl NeuralNetwork {
    #[napi(constructor)]
    pub fn new() -> Self {
        NeuralNetwork { inner: CrateNetwork::new() }
    }

    /// Loads a network saved by toJson.
    #[napi(factory)]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(NeuralNetwork { inner: CrateNetwork::from_json(&json).map_err(invalid)? })
    }

    #[napi]
    pub fn to_json(&self) -> Result<String> {
        self.inner.to_json().map_err(invalid)
    }

    /// Appends a dense layer: output = activation(weights · input + bias),
    /// `weights` one row per output.
    #[napi]
    pub fn add_dense(&mut self, weights: Vec<Vec<f64>>, bias: Vec<f64>, activation: String) -> Result<()> {
        let activation = match activation.as_str() {
            "relu" => Activation::ReLU,
            "sigmoid" => Activation::Sigmoid,
            "tanh" => Activation::Tanh,
            "linear" => Activation::Linear,
            other => return Err(invalid(format!("unknown activation '{other}' (relu, sigmoid, tanh or linear)"))),
        };
        let outputs = weights.len();
        let inputs = weights.first().map_or(0, Vec::len);
        if outputs == 0 || inputs == 0 || weights.iter().any(|row| row.len() != inputs) {
            return Err(invalid("weights must be a non-empty matrix with rows of equal length"));
        }
        if bias.len() != outputs {
            return Err(invalid(format!("bias has {} entries, weights have {outputs} rows", bias.len())));
        }
        let flat: Vec<f32> = weights.iter().flatten().map(|&w| w as f32).collect();
        let w = Array2::from_shape_vec((outputs, inputs), flat).map_err(invalid)?;
        self.inner.add_layer(Layer {
            layer_type: LayerType::Dense { input_size: inputs, output_size: outputs },
            activation,
            weights: Some(w),
            bias: Some(Array1::from_vec(bias.iter().map(|&b| b as f32).collect())),
        });
        Ok(())
    }

    /// Appends a dropout layer (the identity at inference).
    #[napi]
    pub fn add_dropout(&mut self, rate: f64) {
        self.inner.add_layer(Layer {
            layer_type: LayerType::Dropout { rate: rate as f32 },
            activation: Activation::Linear,
            weights: None,
            bias: None,
        });
    }

    #[napi(getter)]
    pub fn layer_count(&self) -> u32 {
        self.inner.layer_count() as u32
    }

    #[napi]
    pub fn forward(&self, input: Vec<f64>) -> Result<Vec<f64>> {
        // ndarray panics on a shape mismatch; check against each dense layer.
        let mut width = input.len();
        for layer in self.layer_shapes() {
            if let Some((i, o)) = layer {
                if i != width {
                    return Err(invalid(format!("a layer expects {i} inputs, got {width}")));
                }
                width = o;
            }
        }
        let x = Array1::from_vec(input.iter().map(|&v| v as f32).collect());
        let y = self.inner.forward(&x.view()).map_err(invalid)?;
        Ok(y.iter().map(|&v| v as f64).collect())
    }
}

impl NeuralNetwork {
    fn layer_shapes(&self) -> Vec<Option<(usize, usize)>> {
        // The crate keeps its layers private; its JSON form lists them.
        let json: serde_json::Value = serde_json::from_str(&self.inner.to_json().unwrap_or_default()).unwrap_or_default();
        json["layers"]
            .as_array()
            .map(|layers| {
                layers
                    .iter()
                    .map(|l| {
                        let d = &l["weights"]["dim"];
                        d.as_array().map(|d| (d[1].as_u64().unwrap_or(0) as usize, d[0].as_u64().unwrap_or(0) as usize))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}
