//! Node.js binding of the `ruv-swarm-ml` crate: its time-series
//! preprocessing (scaling, differencing, smoothing), seasonality and trend
//! detection, lag and rolling-window features, and the ensemble combiner that
//! merges several models' forecasts into one with prediction intervals.
//!
//! The crate computes in f32; JavaScript numbers are narrowed on the way in
//! and widened on the way out.

use std::collections::HashMap;

use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_ml::ensemble::{EnsembleConfig, EnsembleForecaster, EnsembleStrategy, OptimizationMetric};
use ruv_swarm_ml::time_series::{FeatureEngineering, TimeSeriesData, TimeSeriesProcessor, TransformationType};

/// Version of the wrapped `ruv-swarm-ml` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn fail(message: String) -> Error {
    Error::new(Status::GenericFailure, message)
}

fn narrow(values: &[f64]) -> Vec<f32> {
    values.iter().map(|&v| v as f32).collect()
}

fn widen(values: &[f32]) -> Vec<f64> {
    values.iter().map(|&v| f64::from(v)).collect()
}

fn series(values: &[f64], timestamps: Vec<f64>) -> TimeSeriesData {
    TimeSeriesData { values: narrow(values), timestamps, frequency: String::new(), unique_id: String::new() }
}

/// A series: values with one timestamp each.
#[napi(object)]
pub struct Series {
    pub values: Vec<f64>,
    pub timestamps: Vec<f64>,
}

fn transformation(name: &str) -> Result<TransformationType> {
    Ok(match name {
        "normalize" => TransformationType::Normalize,
        "standardize" => TransformationType::Standardize,
        "log" => TransformationType::Log,
        "difference" => TransformationType::Difference,
        "movingAverage" => TransformationType::MovingAverage,
        "exponentialSmoothing" => TransformationType::ExponentialSmoothing,
        "boxCox" => TransformationType::BoxCox,
        other => {
            return Err(invalid(format!(
                "unknown transformation '{other}' (expected normalize, standardize, log, difference, movingAverage, exponentialSmoothing or boxCox)"
            )))
        }
    })
}

/// Applies the steps in order, with the crate's fixed parameters: first-order
/// differencing, a 3-point moving average (timestamps re-centred), smoothing
/// with alpha 0.3, Box-Cox with lambda 0 (a log), and min/max or mean/std
/// (population) scaling. Log and Box-Cox shift non-positive data to start at 1.
#[napi]
pub fn transform(input: Series, steps: Vec<String>) -> Result<Series> {
    if input.values.len() != input.timestamps.len() {
        return Err(invalid("values and timestamps must have the same length"));
    }
    let steps = steps.iter().map(|s| transformation(s)).collect::<Result<Vec<_>>>()?;
    let mut processor = TimeSeriesProcessor::new();
    let out = processor.fit_transform(series(&input.values, input.timestamps), steps).map_err(fail)?;
    Ok(Series { values: widen(&out.values), timestamps: out.timestamps })
}

#[napi(object)]
pub struct Seasonality {
    /// trendStrength > 0.3.
    pub has_trend: bool,
    pub has_seasonality: bool,
    /// Lags (below half the length) where the autocorrelation is a local
    /// maximum above 0.3.
    pub seasonal_periods: Vec<u32>,
    /// sqrt(R²) of a least-squares line through the values.
    pub trend_strength: f64,
}

/// Trend and seasonality of evenly spaced values (at least 2 of them).
#[napi]
pub fn detect_seasonality(values: Vec<f64>) -> Result<Seasonality> {
    // The crate's autocorrelation scan underflows (panics) below 2 points.
    if values.len() < 2 {
        return Err(invalid("detectSeasonality needs at least 2 values"));
    }
    let n = values.len();
    let info = TimeSeriesProcessor::new().detect_seasonality(&series(&values, vec![0.0; n]));
    Ok(Seasonality {
        has_trend: info.has_trend,
        has_seasonality: info.has_seasonality,
        seasonal_periods: info.seasonal_periods.into_iter().map(|p| p as u32).collect(),
        trend_strength: f64::from(info.trend_strength),
    })
}

/// For each lag L, values[i - L] for i from L to n - 1; empty when the
/// largest lag is not below the length.
#[napi]
pub fn lag_features(values: Vec<f64>, lags: Vec<u32>) -> Vec<Vec<f64>> {
    let n = values.len();
    let lags: Vec<usize> = lags.into_iter().map(|l| l as usize).collect();
    FeatureEngineering::create_lag_features(&series(&values, vec![0.0; n]), &lags)
        .iter()
        .map(|f| widen(f))
        .collect()
}

/// rolling_mean_W and rolling_std_W (population) for each window W that fits.
#[napi]
pub fn rolling_features(values: Vec<f64>, windows: Vec<u32>) -> HashMap<String, Vec<f64>> {
    let n = values.len();
    let windows: Vec<usize> = windows.into_iter().map(|w| w as usize).collect();
    FeatureEngineering::create_rolling_features(&series(&values, vec![0.0; n]), &windows)
        .into_iter()
        .map(|(k, v)| (k, widen(&v)))
        .collect()
}

#[napi(object)]
pub struct EnsembleOptions {
    /// "average", "weighted" (needs weights summing to 1), "median",
    /// "trimmedMean" (drops floor(models * trim) from each end) or "voting"
    /// (the crate's voting is the median).
    pub strategy: String,
    pub weights: Option<Vec<f64>>,
    /// Fraction in [0, 0.5) for trimmedMean (default 0.1).
    pub trim: Option<f64>,
}

#[napi(object)]
pub struct Interval {
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

#[napi(object)]
pub struct Intervals {
    pub level50: Interval,
    pub level80: Interval,
    pub level95: Interval,
}

#[napi(object)]
pub struct EnsembleForecast {
    pub point_forecast: Vec<f64>,
    /// point ± z·σ with σ the models' spread around the point forecast and z
    /// 0.674, 1.282, 1.96.
    pub intervals: Intervals,
    /// 1 - the mean pairwise Pearson correlation of the models' forecasts.
    pub diversity_score: f64,
    /// σ² averaged over the horizon.
    pub prediction_variance: f64,
}

fn interval((lower, upper): &(Vec<f32>, Vec<f32>)) -> Interval {
    Interval { lower: widen(lower), upper: widen(upper) }
}

/// Combines forecasts (one row per model, all of the same horizon).
#[napi]
pub fn ensemble_predict(predictions: Vec<Vec<f64>>, options: EnsembleOptions) -> Result<EnsembleForecast> {
    let strategy = match options.strategy.as_str() {
        "average" => EnsembleStrategy::SimpleAverage,
        "weighted" => EnsembleStrategy::WeightedAverage,
        "median" => EnsembleStrategy::Median,
        "trimmedMean" => EnsembleStrategy::TrimmedMean(options.trim.unwrap_or(0.1) as f32),
        "voting" => EnsembleStrategy::Voting,
        other => {
            return Err(invalid(format!(
                "unknown strategy '{other}' (expected average, weighted, median, trimmedMean or voting)"
            )))
        }
    };
    let weights = options.weights.as_deref().map(narrow);
    let config = EnsembleConfig {
        strategy,
        // The crate only uses the model names to check the weights' count.
        models: (0..predictions.len()).map(|i| format!("model{i}")).collect(),
        weights,
        meta_learner: None,
        optimization_metric: OptimizationMetric::MSE,
    };
    let forecaster = EnsembleForecaster::new(config).map_err(invalid)?;
    let rows: Vec<Vec<f32>> = predictions.iter().map(|p| narrow(p)).collect();
    let forecast = forecaster.ensemble_predict(&rows).map_err(fail)?;
    Ok(EnsembleForecast {
        point_forecast: widen(&forecast.point_forecast),
        intervals: Intervals {
            level50: interval(&forecast.prediction_intervals.level_50),
            level80: interval(&forecast.prediction_intervals.level_80),
            level95: interval(&forecast.prediction_intervals.level_95),
        },
        diversity_score: f64::from(forecast.ensemble_metrics.diversity_score),
        prediction_variance: f64::from(forecast.ensemble_metrics.prediction_variance),
    })
}
