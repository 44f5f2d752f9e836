//! Node.js binding of the `neuro-divergent-training` crate: its evaluation
//! metrics for forecasts (point errors, correlations, quantile loss and the
//! prediction-interval measures) over f64 series.

use napi::{Error, Result, Status};
use napi_derive::napi;
// The metrics module's own names: the loss module has a QuantileLoss too.
use neuro_divergent_training::metrics::{
    CoverageProbability, IntervalScore, Metric, MedianAbsoluteError, PearsonCorrelation, QuantileLoss, Sharpness,
    SpearmanCorrelation, MAE, MAPE, MASE, MSE, R2, RMSE, SMAPE,
};
use neuro_divergent_training::TrainingError;

/// Version of the wrapped `neuro-divergent-training` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn fail(e: TrainingError) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

fn invalid(message: &str) -> Error {
    Error::new(Status::InvalidArg, message.to_string())
}

fn score(metric: impl Metric<f64>, actual: &[f64], predicted: &[f64]) -> Result<f64> {
    metric.calculate(actual, predicted).map_err(fail)
}

/// The crate sorts these with `partial_cmp(..).unwrap()`, which panics on NaN.
fn no_nan(what: &str, values: &[f64]) -> Result<()> {
    match values.iter().any(|v| v.is_nan()) {
        true => Err(invalid(&format!("{what} holds NaN, which has no rank"))),
        false => Ok(()),
    }
}

/// Mean absolute error.
#[napi]
pub fn mae(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    score(MAE::new(), &actual, &predicted)
}

/// Mean squared error.
#[napi]
pub fn mse(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    score(MSE::new(), &actual, &predicted)
}

/// Root mean squared error.
#[napi]
pub fn rmse(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    score(RMSE::new(), &actual, &predicted)
}

/// Mean absolute percentage error, in percent, over the points whose actual
/// value is larger in magnitude than `epsilon` (default 1e-8); NaN when none is.
#[napi]
pub fn mape(actual: Vec<f64>, predicted: Vec<f64>, epsilon: Option<f64>) -> Result<f64> {
    let metric = epsilon.map_or_else(MAPE::new, MAPE::with_epsilon);
    score(metric, &actual, &predicted)
}

/// Symmetric MAPE in percent: 2|a - p| / (|a| + |p|) on average, the
/// denominator at least `epsilon` (default 1e-8).
#[napi]
pub fn smape(actual: Vec<f64>, predicted: Vec<f64>, epsilon: Option<f64>) -> Result<f64> {
    let metric = epsilon.map_or_else(SMAPE::new, SMAPE::with_epsilon);
    score(metric, &actual, &predicted)
}

/// Mean absolute scaled error: the MAE divided by a seasonal naive
/// forecast's MAE (Infinity when that is 0).
#[napi]
pub fn mase(actual: Vec<f64>, predicted: Vec<f64>, seasonal_naive_mae: f64) -> Result<f64> {
    score(MASE::new(seasonal_naive_mae), &actual, &predicted)
}

/// Coefficient of determination, 1 - SSres / SStot (for a constant actual
/// series: 1 on a perfect fit, -Infinity otherwise).
#[napi]
pub fn r2(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    score(R2::new(), &actual, &predicted)
}

/// Pearson correlation (0 when either series is constant).
#[napi]
pub fn pearson(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    score(PearsonCorrelation::new(), &actual, &predicted)
}

/// Spearman rank correlation: Pearson's over the ranks 1..n (ties get
/// distinct ranks in input order).
#[napi]
pub fn spearman(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    no_nan("actual", &actual)?;
    no_nan("predicted", &predicted)?;
    score(SpearmanCorrelation::new(), &actual, &predicted)
}

/// Median of the absolute errors.
#[napi]
pub fn median_absolute_error(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    if actual.is_empty() && predicted.is_empty() {
        return Err(invalid("the median of no errors is undefined"));
    }
    no_nan("actual", &actual)?;
    no_nan("predicted", &predicted)?;
    score(MedianAbsoluteError::new(), &actual, &predicted)
}

/// Quantile (pinball) loss at `quantile`: q * e for e = a - p >= 0, else
/// (q - 1) * e, on average.
#[napi]
pub fn quantile_loss(actual: Vec<f64>, predicted: Vec<f64>, quantile: f64) -> Result<f64> {
    score(QuantileLoss::new(quantile), &actual, &predicted)
}

/// Share of the actual values inside [lower, upper] (bounds included).
#[napi]
pub fn coverage(actual: Vec<f64>, lower: Vec<f64>, upper: Vec<f64>) -> Result<f64> {
    CoverageProbability::new().calculate_interval(&actual, &lower, &upper).map_err(fail)
}

/// Mean width of the intervals [lower, upper].
#[napi]
pub fn sharpness(lower: Vec<f64>, upper: Vec<f64>) -> Result<f64> {
    Sharpness::new().calculate_interval(&lower, &upper).map_err(fail)
}

/// Interval score at level `alpha`: the width, plus 2 / alpha times how far
/// the actual value falls outside, on average.
#[napi]
pub fn interval_score(actual: Vec<f64>, lower: Vec<f64>, upper: Vec<f64>, alpha: f64) -> Result<f64> {
    IntervalScore::new(alpha).calculate_interval(&actual, &lower, &upper).map_err(fail)
}
