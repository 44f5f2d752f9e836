//! Node.js binding of the `nano-consciousness` crate: its activation
//! functions and its spike-timing-dependent plasticity model (synapses whose
//! weights move with the relative timing of pre- and post-synaptic spikes,
//! with metaplasticity and homeostatic scaling). Spike times are given
//! explicitly, so every run is reproducible; the crate's neural networks,
//! which start from random weights, are left out.

use std::time::Duration;

use nano_consciousness::plasticity::Synapse as CrateSynapse;
use nano_consciousness::{ActivationFunction, NanoTimestamp, PlasticityManager, STDPConfig, SpikeEvent};
use napi::{Error, Result, Status};
use napi_derive::napi;
use ndarray::Array1;

/// Version of the wrapped `nano-consciousness` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn activation_of(name: &str, alpha: Option<f64>) -> Result<ActivationFunction> {
    Ok(match name {
        "sigmoid" => ActivationFunction::Sigmoid,
        "tanh" => ActivationFunction::Tanh,
        "relu" => ActivationFunction::ReLU,
        "leakyRelu" => ActivationFunction::LeakyReLU(alpha.unwrap_or(0.01)),
        "linear" => ActivationFunction::Linear,
        other => {
            return Err(invalid(format!("unknown activation '{other}' (expected sigmoid, tanh, relu, leakyRelu or linear)")))
        }
    })
}

/// f(x) for "sigmoid", "tanh", "relu", "leakyRelu" (slope `alpha`, default
/// 0.01) or "linear".
#[napi]
pub fn activate(name: String, x: f64, alpha: Option<f64>) -> Result<f64> {
    Ok(activation_of(&name, alpha)?.apply(x))
}

/// f'(x) for the same activations.
#[napi]
pub fn activation_derivative(name: String, x: f64, alpha: Option<f64>) -> Result<f64> {
    Ok(activation_of(&name, alpha)?.derivative(x))
}

/// Numerically stable softmax (shifted by the maximum).
#[napi]
pub fn softmax(values: Vec<f64>) -> Vec<f64> {
    ActivationFunction::softmax(&Array1::from(values)).to_vec()
}

/// STDP parameters; absent fields take the crate's defaults.
#[napi(object)]
pub struct StdpOptions {
    /// Potentiation time constant in ms (20).
    pub tau_positive: Option<f64>,
    /// Depression time constant in ms (20).
    pub tau_negative: Option<f64>,
    /// Potentiation amplitude (0.01).
    pub a_positive: Option<f64>,
    /// Depression amplitude (0.0105).
    pub a_negative: Option<f64>,
    pub max_weight: Option<f64>,
    pub min_weight: Option<f64>,
    pub learning_rate: Option<f64>,
    pub homeostatic_scaling: Option<bool>,
    pub metaplasticity: Option<bool>,
}

#[napi(object)]
pub struct SynapseState {
    pub pre: u32,
    pub post: u32,
    pub weight: f64,
    pub eligibility_trace: f64,
    pub metaplastic_state: f64,
    pub homeostatic_factor: f64,
    pub spike_count_pre: u32,
    pub spike_count_post: u32,
}

fn synapse_state(s: &CrateSynapse) -> SynapseState {
    SynapseState {
        pre: s.pre_neuron as u32,
        post: s.post_neuron as u32,
        weight: s.weight,
        eligibility_trace: s.eligibility_trace,
        metaplastic_state: s.metaplastic_state,
        homeostatic_factor: s.homeostatic_factor,
        spike_count_pre: s.spike_count_pre as u32,
        spike_count_post: s.spike_count_post as u32,
    }
}

#[napi(object)]
pub struct PlasticityStats {
    pub total_synapses: u32,
    pub average_weight: f64,
    pub weight_variance: f64,
    /// Weights more than one standard deviation above the mean.
    pub strong_synapses: u32,
    pub weak_synapses: u32,
    pub average_metaplasticity: f64,
    pub average_homeostatic_factor: f64,
    /// Mean spikes per second over the last second, per neuron that fired.
    pub network_firing_rate: f64,
    pub spike_count: u32,
    /// Spikes in the last ten seconds / 10.
    pub plasticity_activity: f64,
}

/// A network of plastic synapses driven by timed spikes.
#[napi]
pub struct Plasticity {
    inner: PlasticityManager,
    last_spike_ns: u128,
}

#[napi]
impl Plasticity {
    /// `historySize` (default 1000) bounds the spike history the firing rates
    /// are counted from.
    #[napi(constructor)]
    pub fn new(options: Option<StdpOptions>, history_size: Option<u32>) -> Self {
        let d = STDPConfig::default();
        let config = match options {
            None => d,
            Some(o) => STDPConfig {
                tau_positive: o.tau_positive.unwrap_or(d.tau_positive),
                tau_negative: o.tau_negative.unwrap_or(d.tau_negative),
                a_positive: o.a_positive.unwrap_or(d.a_positive),
                a_negative: o.a_negative.unwrap_or(d.a_negative),
                max_weight: o.max_weight.unwrap_or(d.max_weight),
                min_weight: o.min_weight.unwrap_or(d.min_weight),
                learning_rate: o.learning_rate.unwrap_or(d.learning_rate),
                homeostatic_scaling: o.homeostatic_scaling.unwrap_or(d.homeostatic_scaling),
                metaplasticity: o.metaplasticity.unwrap_or(d.metaplasticity),
            },
        };
        Plasticity { inner: PlasticityManager::new(config, history_size.unwrap_or(1000) as usize), last_spike_ns: 0 }
    }

    /// Connects `pre` to `post` (replacing any synapse between them).
    #[napi]
    pub fn add_synapse(&mut self, pre: u32, post: u32, weight: f64) {
        self.inner.add_synapse(pre as usize, post as usize, weight, Duration::from_millis(1));
    }

    #[napi]
    pub fn remove_synapse(&mut self, pre: u32, post: u32) -> bool {
        self.inner.remove_synapse(pre as usize, post as usize).is_some()
    }

    /// Records a spike of `neuron` at `timeNs` nanoseconds and applies STDP
    /// to every synapse into or out of it. Times must not go backwards.
    #[napi]
    pub fn spike(&mut self, neuron: u32, time_ns: f64, amplitude: Option<f64>) -> Result<()> {
        if !(time_ns >= 0.0 && time_ns.fract() == 0.0 && time_ns <= 9_007_199_254_740_991.0) {
            return Err(invalid("timeNs must be a whole number of nanoseconds >= 0"));
        }
        let t = time_ns as u128;
        // The crate subtracts timestamps unsigned; an earlier spike after a
        // later one would underflow.
        if t < self.last_spike_ns {
            return Err(invalid(format!("spike at {t} ns is earlier than the previous one at {} ns", self.last_spike_ns)));
        }
        self.last_spike_ns = t;
        self.inner.record_spike(SpikeEvent {
            neuron_id: neuron as usize,
            timestamp: NanoTimestamp::from_nanos(t),
            amplitude: amplitude.unwrap_or(1.0),
        });
        Ok(())
    }

    #[napi]
    pub fn synapse(&self, pre: u32, post: u32) -> Option<SynapseState> {
        self.inner.get_synapse(pre as usize, post as usize).map(synapse_state)
    }

    /// Spikes of the neuron within the second before the latest spike.
    #[napi]
    pub fn firing_rate(&self, neuron: u32) -> f64 {
        self.inner.get_firing_rate(neuron as usize)
    }

    /// Nudges every synapse's homeostatic factor toward the 10 Hz target
    /// rate of its post-synaptic neuron.
    #[napi]
    pub fn apply_homeostatic_scaling(&mut self) {
        self.inner.apply_homeostatic_scaling();
    }

    #[napi]
    pub fn stats(&self) -> PlasticityStats {
        let m = self.inner.calculate_plasticity_metrics();
        PlasticityStats {
            total_synapses: m.total_synapses as u32,
            average_weight: m.average_weight,
            weight_variance: m.weight_variance,
            strong_synapses: m.strong_synapses as u32,
            weak_synapses: m.weak_synapses as u32,
            average_metaplasticity: m.average_metaplasticity,
            average_homeostatic_factor: m.average_homeostatic_factor,
            network_firing_rate: m.network_firing_rate,
            spike_count: m.spike_count as u32,
            plasticity_activity: m.plasticity_activity,
        }
    }

    /// Weights as an n×n matrix indexed [post][pre].
    #[napi]
    pub fn weight_matrix(&self, neurons: u32) -> Vec<Vec<f64>> {
        self.inner.export_weight_matrix(neurons as usize).outer_iter().map(|row| row.to_vec()).collect()
    }
}
