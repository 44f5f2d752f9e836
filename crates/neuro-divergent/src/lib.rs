//! Node.js binding of the `neuro-divergent` crate: its utilities over f64
//! series (error measures, statistics, lag and window features, outlier
//! removal, gap filling and a regularity check).

use napi::{Error, Result, Status};
use napi_derive::napi;
use neuro_divergent::utils::{math, preprocessing, time};
use neuro_divergent::NeuroDivergentError;
use neuro_divergent::core::{DateTime, Utc};

/// Version of the wrapped `neuro-divergent` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn fail(e: NeuroDivergentError) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

fn invalid(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

/// Mean absolute error.
#[napi]
pub fn mae(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::mae(&actual, &predicted).map_err(fail)
}

/// Mean squared error.
#[napi]
pub fn mse(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::mse(&actual, &predicted).map_err(fail)
}

/// Root mean squared error.
#[napi]
pub fn rmse(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::rmse(&actual, &predicted).map_err(fail)
}

/// Mean absolute percentage error in percent; points whose actual value is 0
/// count as 0 but still count in the mean.
#[napi]
pub fn mape(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::mape(&actual, &predicted).map_err(fail)
}

/// Symmetric MAPE in percent: |a - p| / ((|a| + |p|) / 2) on average, 0 where
/// both are 0.
#[napi]
pub fn smape(actual: Vec<f64>, predicted: Vec<f64>) -> Result<f64> {
    math::smape(&actual, &predicted).map_err(fail)
}

/// Quantile `q` (0..=1) of `data`, linearly interpolated between the sorted
/// values at q * (n - 1); null for empty data or q outside 0..=1.
#[napi]
pub fn quantile(data: Vec<f64>, q: f64) -> Result<Option<f64>> {
    let sorted = sorted(data, "data")?;
    Ok(math::quantile(&sorted, q))
}

/// Sample standard deviation (n - 1 in the denominator); needs 2 values.
#[napi]
pub fn std_dev(data: Vec<f64>) -> Result<f64> {
    math::std_dev(&data).map_err(fail)
}

/// Pearson correlation of two series of equal length (at least 2); 0 when
/// either is constant.
#[napi]
pub fn correlation(x: Vec<f64>, y: Vec<f64>) -> Result<f64> {
    math::correlation(&x, &y).map_err(fail)
}

/// One array per lag: the series shifted by that many steps, null where no
/// earlier value exists.
#[napi]
pub fn create_lags(data: Vec<f64>, lags: Vec<u32>) -> Vec<Vec<Option<f64>>> {
    let lags: Vec<usize> = lags.into_iter().map(|l| l as usize).collect();
    time::create_lags(&data, &lags)
}

/// Every window of `windowSize` consecutive values, ending at each index
/// from windowSize - 1 on.
#[napi]
pub fn rolling_windows(data: Vec<f64>, window_size: u32) -> Result<Vec<Vec<f64>>> {
    // A window of 0 would make the crate slice past the end of the data.
    if window_size == 0 {
        return Err(invalid("windowSize must be at least 1".to_string()));
    }
    Ok(time::rolling_windows(&data, window_size as usize))
}

/// Result of [`remove_outliers_iqr`].
#[napi(object)]
pub struct OutlierRemoval {
    /// The values within [Q1 - k * IQR, Q3 + k * IQR], in their order.
    pub kept: Vec<f64>,
    /// How many values were dropped.
    pub removed: u32,
}

/// Drops values outside [Q1 - multiplier * IQR, Q3 + multiplier * IQR]
/// (quartiles interpolated as in `quantile`); fewer than 4 values are kept
/// as they are.
#[napi]
pub fn remove_outliers_iqr(data: Vec<f64>, multiplier: f64) -> Result<OutlierRemoval> {
    sorted(data.clone(), "data")?;
    let mut kept = data;
    let removed = preprocessing::remove_outliers_iqr(&mut kept, multiplier).map_err(fail)?;
    Ok(OutlierRemoval { kept, removed: removed as u32 })
}

/// Fills each null with the last value before it; leading nulls stay.
#[napi]
pub fn forward_fill(data: Vec<Option<f64>>) -> Vec<Option<f64>> {
    let mut data = data;
    preprocessing::forward_fill(&mut data);
    data
}

/// Fills each null with the next value after it; trailing nulls stay.
#[napi]
pub fn backward_fill(data: Vec<Option<f64>>) -> Vec<Option<f64>> {
    let mut data = data;
    preprocessing::backward_fill(&mut data);
    data
}

/// Fills runs of nulls between two values on the straight line joining
/// them; leading and trailing nulls stay.
#[napi]
pub fn linear_interpolate(data: Vec<Option<f64>>) -> Vec<Option<f64>> {
    let mut data = data;
    preprocessing::linear_interpolate(&mut data);
    data
}

/// Whether every gap between consecutive timestamps (milliseconds since the
/// Unix epoch, ascending, compared in whole seconds) is within
/// `tolerancePct` percent of the mean gap; true for fewer than 3 timestamps.
#[napi]
pub fn is_regular_frequency(timestamps: Vec<i64>, tolerance_pct: f64) -> Result<bool> {
    let times = timestamps
        .iter()
        .map(|&ms| {
            DateTime::<Utc>::from_timestamp_millis(ms)
                .ok_or_else(|| invalid(format!("timestamp {ms} is out of range")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(time::is_regular_frequency(&times, tolerance_pct))
}

/// The crate sorts with `partial_cmp`, which leaves NaN in no defined place.
fn sorted(mut data: Vec<f64>, what: &str) -> Result<Vec<f64>> {
    if data.iter().any(|v| v.is_nan()) {
        return Err(invalid(format!("{what} holds NaN, which has no order")));
    }
    data.sort_by(f64::total_cmp);
    Ok(data)
}
