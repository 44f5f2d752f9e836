//! Node.js binding of the `ruv-fann` crate: fully connected feed-forward
//! networks, their weights and their forward pass.

use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `ruv-fann` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// A feed-forward network: an input layer, hidden layers and an output layer,
/// each but the last with a bias neuron, fully connected, weights drawn from
/// [-0.1, 0.1]. In this version of the crate a neuron's value is its weighted
/// sum (`run` applies no activation function).
#[napi]
pub struct Network {
    inner: ruv_fann::Network<f64>,
}

#[napi]
impl Network {
    /// `layerSizes`: neurons per layer, input first, output last (at least two layers).
    #[napi(constructor)]
    pub fn new(layer_sizes: Vec<u32>) -> Result<Self> {
        if layer_sizes.len() < 2 || layer_sizes.contains(&0) {
            return Err(Error::new(
                Status::InvalidArg,
                "layerSizes needs at least an input and an output layer, none empty",
            ));
        }
        let sizes: Vec<usize> = layer_sizes.iter().map(|&n| n as usize).collect();
        Ok(Network { inner: ruv_fann::Network::new(&sizes) })
    }

    #[napi(getter)]
    pub fn num_inputs(&self) -> u32 {
        self.inner.num_inputs() as u32
    }

    #[napi(getter)]
    pub fn num_outputs(&self) -> u32 {
        self.inner.num_outputs() as u32
    }

    #[napi(getter)]
    pub fn total_connections(&self) -> u32 {
        self.inner.total_connections() as u32
    }

    /// Every connection weight: layer by layer, neuron by neuron, one weight
    /// per neuron of the previous layer (its bias neuron last).
    #[napi]
    pub fn get_weights(&self) -> Vec<f64> {
        self.inner.get_weights()
    }

    #[napi]
    pub fn set_weights(&mut self, weights: Vec<f64>) -> Result<()> {
        self.inner
            .set_weights(&weights)
            .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))
    }

    /// The output layer's values for `inputs`.
    #[napi]
    pub fn run(&mut self, inputs: Vec<f64>) -> Result<Vec<f64>> {
        if inputs.len() != self.inner.num_inputs() {
            return Err(Error::new(
                Status::InvalidArg,
                format!("expected {} inputs, got {}", self.inner.num_inputs(), inputs.len()),
            ));
        }
        Ok(self.inner.run(&inputs))
    }
}
