//! Node.js binding of the `ruv-swarm-ml-training` crate: its stream-json
//! data loader (agent performance events -> sliding-window sequences of
//! features, each labelled with the next event's metrics), the forecasts of
//! its LSTM, TCN and N-BEATS models, and the evaluator that scores them on the
//! last 20% of a dataset and picks the best.
//!
//! The crate's models are its own closed-form stand-ins (no weights are
//! learnt), so predictions are deterministic and cheap.

use std::collections::HashMap;

use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_ml_training::{
    DatasetMetadata, LSTMModel, ModelEvaluator, NBEATSModel, NeuroDivergentModel, StackType, StreamDataLoader,
    StreamEvent, TCNModel, TimeSeriesSequence, TrainingDataset,
};

/// Version of the wrapped `ruv-swarm-ml-training` crate.
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

/// The models as the crate's training pipeline configures them.
fn model(name: &str) -> Result<Box<dyn NeuroDivergentModel>> {
    Ok(match name {
        "lstm" => Box::new(LSTMModel::new(128, 2)),
        "tcn" => Box::new(TCNModel::new(vec![64, 64, 64], 3)),
        "nbeats" => Box::new(NBEATSModel::new(vec![StackType::Trend, StackType::Seasonality, StackType::Generic], 4)),
        other => return Err(invalid(format!("unknown model '{other}' (expected lstm, tcn or nbeats)"))),
    })
}

/// Loads events and orders the sequences by agent id: the crate groups
/// agents in a HashMap, whose order changes from run to run, and the
/// evaluator's validation split depends on that order.
fn load(events_json: &str, sequence_length: u32) -> Result<TrainingDataset> {
    if sequence_length == 0 {
        return Err(invalid("sequenceLength must be at least 1"));
    }
    let events: Vec<StreamEvent> =
        serde_json::from_str(events_json).map_err(|e| invalid(format!("bad stream-json events: {e}")))?;
    let loader = StreamDataLoader::new(events.len().max(1), sequence_length as usize);
    let dataset = futures::executor::block_on(loader.load_from_stream(events.into_iter())).map_err(fail)?;
    let mut pairs: Vec<(TimeSeriesSequence, Vec<f64>)> = dataset.sequences.into_iter().zip(dataset.labels).collect();
    pairs.sort_by(|a, b| a.0.agent_id.cmp(&b.0.agent_id));
    let (sequences, labels) = pairs.into_iter().unzip();
    let mut agents = dataset.metadata.agents;
    agents.sort();
    Ok(TrainingDataset { sequences, labels, metadata: DatasetMetadata { agents, ..dataset.metadata } })
}

/// One training sample.
#[napi(object)]
pub struct Sample {
    pub agent_id: String,
    pub timestamps: Vec<f64>,
    /// One row of 13 features per event: latency, tokens/s, memory, cpu,
    /// success rate; prompt tokens, response tokens, quality, response/prompt
    /// ratio (zeros without prompt data); hour, day of week, and the crate's
    /// sin(hour)·2π/24 and cos(hour)·2π/24.
    pub features: Vec<Vec<f64>>,
    /// The next event's [latency, tokens/s, success rate].
    pub label: Vec<f64>,
}

#[napi(object)]
pub struct Dataset {
    pub total_samples: u32,
    pub feature_count: u32,
    pub sequence_length: u32,
    /// Every agent seen, sorted.
    pub agents: Vec<String>,
    /// Sorted by agent id, each agent's windows in event order.
    pub samples: Vec<Sample>,
}

/// Turns a JSON array of the crate's StreamEvent records (snake_case fields:
/// timestamp, agent_id, event_type, performance_metrics, prompt_data) into
/// sliding windows of `sequenceLength` events per agent; an agent with n
/// events gives n - sequenceLength windows.
#[napi]
pub fn build_dataset(events_json: String, sequence_length: u32) -> Result<Dataset> {
    let dataset = load(&events_json, sequence_length)?;
    Ok(Dataset {
        total_samples: dataset.metadata.total_samples as u32,
        feature_count: dataset.metadata.feature_count as u32,
        sequence_length: dataset.metadata.sequence_length as u32,
        agents: dataset.metadata.agents,
        samples: dataset
            .sequences
            .into_iter()
            .zip(dataset.labels)
            .map(|(s, label)| Sample {
                agent_id: s.agent_id,
                timestamps: s.timestamps.into_iter().map(|t| t as f64).collect(),
                features: s.features,
                label,
            })
            .collect(),
    })
}

/// A model's forecast of [latency, tokens/s, success rate] from a window of
/// feature rows (each with at least the 5 performance features).
#[napi]
pub fn predict(model_name: String, features: Vec<Vec<f64>>) -> Result<Vec<f64>> {
    let model = model(&model_name)?;
    let width = features.first().map_or(0, Vec::len);
    if width < 5 || features.iter().any(|row| row.len() != width) {
        return Err(invalid("features must be a non-empty list of equally long rows of at least 5 numbers"));
    }
    let sequence = TimeSeriesSequence { timestamps: Vec::new(), features, agent_id: String::new() };
    model.predict(&sequence).map_err(fail)
}

/// The hyperparameters the crate's pipeline gives the model.
#[napi]
pub fn hyperparameters(model_name: String) -> Result<HashMap<String, f64>> {
    Ok(model(&model_name)?.get_hyperparameters())
}

#[napi(object)]
pub struct ModelScore {
    pub model: String,
    /// MSE, MAE, R2, LatencyAccuracy (share within 10 ms) and
    /// SuccessRatePrediction (share within 0.05).
    pub scores: HashMap<String, f64>,
}

#[napi(object)]
pub struct Evaluation {
    /// The crate's model name ("LSTM", "TCN" or "N-BEATS").
    pub best_model: String,
    pub scores: Vec<ModelScore>,
}

/// Scores the three models on the last 20% of the dataset `buildDataset`
/// would return, and picks the best by the crate's composite score
/// (R2 + accuracies - MSE - MAE, over 5).
#[napi]
pub fn evaluate_models(events_json: String, sequence_length: u32) -> Result<Evaluation> {
    let dataset = load(&events_json, sequence_length)?;
    if dataset.sequences.is_empty() {
        return Err(invalid("the events give no sequences: every agent needs more than sequenceLength events"));
    }
    let models = vec![model("lstm")?, model("tcn")?, model("nbeats")?];
    let result = ModelEvaluator::new().evaluate_and_select(models, &dataset).map_err(fail)?;
    Ok(Evaluation {
        best_model: result.best_model,
        scores: result.all_scores.into_iter().map(|s| ModelScore { model: s.model_name, scores: s.scores }).collect(),
    })
}
