//! Node.js binding of the `neuro-divergent-models` crate: its forecasting
//! utilities (error measures, softmax and products, min-max and z-score
//! scaling, sliding windows, train/validation splits and a moving-average
//! seasonal decomposition) over f64 series.

use napi::{Error, Result, Status};
use napi_derive::napi;
use neuro_divergent_models::utils::{math, preprocessing, timeseries};
use neuro_divergent_models::NeuroDivergentError;

/// Version of the wrapped `neuro-divergent-models` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn fail(e: NeuroDivergentError) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

/// Mean squared error of `predicted` against `actual` (same length).
#[napi]
pub fn mse(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::mse(&actual, &predicted).map_err(fail)
}

/// Mean absolute error of `predicted` against `actual` (same length).
#[napi]
pub fn mae(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::mae(&actual, &predicted).map_err(fail)
}

/// Root mean squared error of `predicted` against `actual` (same length).
#[napi]
pub fn rmse(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::rmse(&actual, &predicted).map_err(fail)
}

/// Softmax of `inputs` (shifted by their maximum): positive, summing to 1.
#[napi]
pub fn softmax(inputs: Vec<f64>) -> Result<Vec<f64>> {
    // The crate reads inputs[0] unchecked.
    if inputs.is_empty() {
        return Err(Error::new(Status::InvalidArg, "softmax of no inputs".to_string()));
    }
    Ok(math::softmax(&inputs))
}

/// Dot product of two vectors of the same length.
#[napi]
pub fn dot_product(a: Vec<f64>, b: Vec<f64>) -> Result<f64> {
    math::dot_product(&a, &b).map_err(fail)
}

/// Product of two matrices given as rows (`a`'s columns = `b`'s rows).
#[napi]
pub fn matrix_multiply(a: Vec<Vec<f64>>, b: Vec<Vec<f64>>) -> Result<Vec<Vec<f64>>> {
    math::matrix_multiply(&a, &b).map_err(fail)
}

/// Every window of `windowSize` consecutive values, starting every
/// `stepSize` values; a window that would run past the end is left out.
#[napi]
pub fn sliding_windows(data: Vec<f64>, window_size: u32, step_size: u32) -> Result<Vec<Vec<f64>>> {
    if step_size == 0 {
        return Err(Error::new(Status::InvalidArg, "stepSize must be at least 1".to_string()));
    }
    Ok(timeseries::create_sliding_windows(&data, window_size as usize, step_size as usize))
}

#[napi(object)]
pub struct Split {
    pub train: Vec<f64>,
    pub validation: Vec<f64>,
}

/// The series cut in two at `(1 - validationSplit) * length` (rounded
/// down): the earlier part to train on, the rest to validate.
#[napi]
pub fn train_validation_split(data: Vec<f64>, validation_split: f64) -> Result<Split> {
    let (train, validation) = timeseries::train_validation_split(&data, validation_split).map_err(fail)?;
    Ok(Split { train, validation })
}

#[napi(object)]
pub struct Decomposition {
    /// The centred moving average over `period` values (fewer at the ends).
    pub trend: Vec<f64>,
    /// Each value minus its trend.
    pub seasonal: Vec<f64>,
}

/// Splits a series into a moving-average trend and what is left.
#[napi]
pub fn seasonal_decompose(data: Vec<f64>, period: u32) -> Result<Decomposition> {
    let (trend, seasonal) = timeseries::simple_seasonal_decompose(&data, period as usize).map_err(fail)?;
    Ok(Decomposition { trend, seasonal })
}

/// Scales values linearly so that the fitted minimum and maximum map to
/// `min` and `max` (default 0 and 1).
#[napi]
pub struct MinMaxScaler {
    inner: preprocessing::MinMaxScaler<f64>,
}

#[napi]
impl MinMaxScaler {
    #[napi(constructor)]
    pub fn new(min: Option<f64>, max: Option<f64>) -> Self {
        let scaler = preprocessing::MinMaxScaler::new();
        let inner = match (min, max) {
            (None, None) => scaler,
            (lo, hi) => scaler.with_range(lo.unwrap_or(0.0), hi.unwrap_or(1.0)),
        };
        MinMaxScaler { inner }
    }

    /// Learns the minimum and maximum of `data` (not empty).
    #[napi]
    pub fn fit(&mut self, data: Vec<f64>) -> Result<()> {
        self.inner.fit(&data).map_err(fail)
    }

    #[napi]
    pub fn transform(&self, data: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.transform(&data).map_err(fail)
    }

    #[napi]
    pub fn inverse_transform(&self, data: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.inverse_transform(&data).map_err(fail)
    }

    #[napi]
    pub fn fit_transform(&mut self, data: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.fit_transform(&data).map_err(fail)
    }
}

/// Z-score scaling: subtracts the fitted mean and divides by the fitted
/// population standard deviation.
#[napi]
pub struct StandardScaler {
    inner: preprocessing::StandardScaler<f64>,
}

#[napi]
impl StandardScaler {
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        StandardScaler { inner: preprocessing::StandardScaler::new() }
    }

    /// Learns the mean and standard deviation of `data` (not empty).
    #[napi]
    pub fn fit(&mut self, data: Vec<f64>) -> Result<()> {
        self.inner.fit(&data).map_err(fail)
    }

    #[napi]
    pub fn transform(&self, data: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.transform(&data).map_err(fail)
    }

    #[napi]
    pub fn inverse_transform(&self, data: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.inverse_transform(&data).map_err(fail)
    }

    #[napi]
    pub fn fit_transform(&mut self, data: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.fit_transform(&data).map_err(fail)
    }
}
