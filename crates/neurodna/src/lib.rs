//! Node.js binding of the `neurodna` crate: the genome of a neural network
//! (topology, weights, biases, activation), its JSON form, its validation and
//! its fitness history.

use napi::{Error, Result, Status};
use napi_derive::napi;
use neurodna::NeuralDNA;

/// Version of the wrapped `neurodna` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

/// A network genome: one weight per connection between consecutive layers,
/// one bias per neuron after the input layer, all drawn from [-1, 1).
#[napi]
pub struct Dna {
    inner: NeuralDNA,
}

#[napi]
impl Dna {
    #[napi(constructor)]
    pub fn new(topology: Vec<u32>, activation: String) -> Result<Self> {
        let inner = NeuralDNA::new(topology.iter().map(|&n| n as usize).collect(), &activation);
        inner.validate().map_err(invalid)?;
        Ok(Dna { inner })
    }

    /// A genome from its JSON form, validated.
    #[napi(factory)]
    pub fn from_json(json: String) -> Result<Self> {
        let inner = NeuralDNA::from_json(&json).map_err(invalid)?;
        inner.validate().map_err(invalid)?;
        Ok(Dna { inner })
    }

    #[napi]
    pub fn to_json(&self) -> Result<String> {
        self.inner.to_json().map_err(invalid)
    }

    #[napi(getter)]
    pub fn topology(&self) -> Vec<u32> {
        self.inner.topology.iter().map(|&n| n as u32).collect()
    }

    #[napi(getter)]
    pub fn activation(&self) -> String {
        self.inner.activation.clone()
    }

    #[napi(getter)]
    pub fn weights(&self) -> Vec<f64> {
        self.inner.weights.iter().map(|&w| w as f64).collect()
    }

    #[napi(getter)]
    pub fn biases(&self) -> Vec<f64> {
        self.inner.biases.iter().map(|&b| b as f64).collect()
    }

    /// Records a fitness score; the last ten are kept.
    #[napi]
    pub fn add_fitness_score(&mut self, score: f64) {
        self.inner.add_fitness_score(score as f32);
    }

    /// Mean of the kept fitness scores (0 when there are none).
    #[napi]
    pub fn average_fitness(&self) -> f64 {
        self.inner.average_fitness() as f64
    }
}
