//! Node.js binding of the `neuro-divergent-core` crate: its time series
//! frame (a polars data frame with a unique_id / ds / y schema) turned into
//! the crate's per-series dataset, and the frame's validation report.

use std::collections::HashMap;

use napi::{Error, Result, Status};
use napi_derive::napi;
use neuro_divergent_core::{
    DataFrame, DataType, NamedFrom, NeuroDivergentError, Series, TimeSeriesDataFrame, TimeSeriesSchema, TimeUnit,
};

/// Version of the wrapped `neuro-divergent-core` crate.
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

/// Rows of a long-format time series table, one array per column, all of the
/// same length.
#[napi(object)]
pub struct TimeSeriesFrame {
    /// Series identifier of each row (the `unique_id` column).
    pub unique_id: Vec<String>,
    /// Time of each row in milliseconds since the Unix epoch (the `ds`
    /// column).
    pub ds: Vec<i64>,
    /// Target value of each row (the `y` column).
    pub y: Vec<f64>,
    /// Static feature columns by name; the crate takes each series' first
    /// value.
    pub static_features: Option<HashMap<String, Vec<f64>>>,
}

/// One series of a [`TimeSeriesDataset`].
#[napi(object)]
pub struct SeriesData {
    /// Its identifier.
    pub id: String,
    /// Its times in milliseconds since the Unix epoch, in row order.
    pub timestamps: Vec<i64>,
    /// Its target values, in row order.
    pub values: Vec<f64>,
    /// Its static features, in the order of `staticFeatureNames`.
    pub static_features: Vec<f64>,
}

/// The crate's dataset built from a frame, with its metadata.
#[napi(object)]
pub struct TimeSeriesDataset {
    /// Static feature names, sorted.
    pub static_feature_names: Vec<String>,
    /// The series, sorted by id.
    pub series: Vec<SeriesData>,
    /// Number of series.
    pub n_series: u32,
    /// Number of rows over all series.
    pub n_observations: u32,
    /// Mean rows per series (0 without series).
    pub avg_series_length: f64,
    /// Fewest rows of a series (0 without series).
    pub min_series_length: u32,
    /// Most rows of a series.
    pub max_series_length: u32,
    /// Earliest first time of a series, ms since the epoch; absent without series.
    pub start: Option<i64>,
    /// Latest last time of a series, ms since the epoch; absent without series.
    pub end: Option<i64>,
}

/// One finding of [`validate_frame`].
#[napi(object)]
pub struct ValidationIssue {
    /// Machine-readable code, e.g. `EMPTY_DATASET`.
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// The crate's validation report of a frame.
#[napi(object)]
pub struct ValidationReport {
    /// True when no error was found.
    pub is_valid: bool,
    /// Errors found.
    pub errors: Vec<ValidationIssue>,
    /// Warnings found.
    pub warnings: Vec<ValidationIssue>,
    /// Data quality score from 0 to 100.
    pub quality_score: f64,
}

/// Names of the static features, sorted so columns come in a fixed order.
fn feature_names(frame: &TimeSeriesFrame) -> Vec<String> {
    let mut names: Vec<String> = frame.static_features.iter().flat_map(|f| f.keys().cloned()).collect();
    names.sort();
    names
}

/// Builds the polars frame and the crate's schema over it.
fn to_frame(frame: &TimeSeriesFrame) -> Result<(TimeSeriesDataFrame<f64>, Vec<String>)> {
    let rows = frame.unique_id.len();
    let names = feature_names(frame);
    let mut lengths = vec![("ds".to_string(), frame.ds.len()), ("y".to_string(), frame.y.len())];
    if let Some(features) = &frame.static_features {
        lengths.extend(names.iter().map(|n| (format!("staticFeatures.{n}"), features[n].len())));
    }
    if let Some((name, len)) = lengths.iter().find(|(_, len)| *len != rows) {
        return Err(invalid(format!("{name} has {len} values but uniqueId has {rows}")));
    }
    // The crate reads the ds column's integers as microseconds.
    let micros = frame
        .ds
        .iter()
        .map(|&ms| ms.checked_mul(1000).ok_or_else(|| invalid(format!("ds value {ms} is out of range"))))
        .collect::<Result<Vec<i64>>>()?;
    let polars = |e: neuro_divergent_core::PolarsError| invalid(e.to_string());
    let ds = Series::new("ds", micros)
        .cast(&DataType::Datetime(TimeUnit::Microseconds, None))
        .map_err(polars)?;
    let mut columns = vec![Series::new("unique_id", frame.unique_id.clone()), ds, Series::new("y", frame.y.clone())];
    if let Some(features) = &frame.static_features {
        columns.extend(names.iter().map(|n| Series::new(n, features[n].clone())));
    }
    let df = DataFrame::new(columns).map_err(polars)?;
    let schema = TimeSeriesSchema::new("unique_id", "ds", "y").with_static_features(names.clone());
    Ok((TimeSeriesDataFrame::from_polars(df, schema).map_err(fail)?, names))
}

/// Groups the rows of a frame by series, as the crate's `to_dataset` does,
/// with the dataset's metadata.
#[napi]
pub fn to_dataset(frame: TimeSeriesFrame) -> Result<TimeSeriesDataset> {
    let (df, names) = to_frame(&frame)?;
    let dataset = df.to_dataset().map_err(fail)?;
    let mut ids = dataset.unique_ids.clone();
    // polars' unique() gives ids in hash order.
    ids.sort();
    let statics = dataset.static_features.unwrap_or_default();
    let series = ids
        .into_iter()
        .map(|id| {
            let data = &dataset.series_data[&id];
            SeriesData {
                timestamps: data.timestamps.iter().map(|t| t.timestamp_millis()).collect(),
                values: data.target_values.clone(),
                static_features: statics.get(&id).cloned().unwrap_or_default(),
                id,
            }
        })
        .collect();
    let meta = &dataset.metadata;
    let some = meta.n_series > 0;
    Ok(TimeSeriesDataset {
        static_feature_names: names,
        series,
        n_series: meta.n_series as u32,
        n_observations: meta.n_observations as u32,
        avg_series_length: meta.avg_series_length,
        min_series_length: meta.min_series_length as u32,
        max_series_length: meta.max_series_length as u32,
        start: some.then(|| meta.time_range.0.timestamp_millis()),
        end: some.then(|| meta.time_range.1.timestamp_millis()),
    })
}

/// The crate's validation of a frame: an empty frame is an `EMPTY_DATASET`
/// error costing 30 quality points.
#[napi]
pub fn validate_frame(frame: TimeSeriesFrame) -> Result<ValidationReport> {
    let (df, _) = to_frame(&frame)?;
    let report = df.validate().map_err(fail)?;
    Ok(ValidationReport {
        is_valid: report.is_valid,
        errors: report
            .errors
            .into_iter()
            .map(|e| ValidationIssue { code: e.code, message: e.message })
            .collect(),
        warnings: report
            .warnings
            .into_iter()
            .map(|w| ValidationIssue { code: w.code, message: w.message })
            .collect(),
        quality_score: report.quality_score,
    })
}
