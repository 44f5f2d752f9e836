//! Node.js binding of the `nt-features` crate: streaming technical
//! indicators (SMA, EMA, RSI, MACD, Bollinger bands), feature normalizers and
//! the crate's deterministic hash embeddings.
//!
//! Indicator prices are `rust_decimal` values in the crate, so they cross as
//! decimal strings (a JS number would round them); results are normalized
//! decimal strings. Normalizers and embeddings work on floats, as the crate
//! does.

use napi::bindgen_prelude::{Buffer, Either};
use napi::{Error, Result, Status};
use napi_derive::napi;
use nt_features::{
    hash_embed as crate_hash_embed, EmbeddingGenerator, FeatureError, FeatureNormalizer as CrateNormalizer,
    IndicatorConfig, NormalizationMethod, TechnicalIndicators as CrateIndicators,
};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Version of the wrapped `nt-features` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn feature_error(e: FeatureError) -> Error {
    match e {
        FeatureError::InvalidParameter(_) => invalid(e.to_string()),
        _ => Error::new(Status::GenericFailure, e.to_string()),
    }
}

fn decimal(value: &str) -> Result<Decimal> {
    Decimal::from_str(value.trim()).map_err(|e| invalid(format!("'{value}' is not a decimal number ({e})")))
}

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

/// Indicator periods; each defaults to the crate's value (20, 12, 14, 12,
/// 26, 9, 20 and 2.0 standard deviations).
#[napi(object)]
pub struct IndicatorOptions {
    pub sma_period: Option<u32>,
    pub ema_period: Option<u32>,
    pub rsi_period: Option<u32>,
    pub macd_fast: Option<u32>,
    pub macd_slow: Option<u32>,
    pub macd_signal: Option<u32>,
    pub bb_period: Option<u32>,
    pub bb_std_dev: Option<f64>,
}

#[napi(object)]
pub struct Macd {
    pub macd: String,
    /// Always "0": the crate does not compute a signal line yet.
    pub signal: String,
    pub histogram: String,
}

#[napi(object)]
pub struct BollingerBands {
    pub upper: String,
    pub middle: String,
    pub lower: String,
}

/// A rolling price window and the indicators computed over it. The window
/// keeps the last max(smaPeriod, macdSlow) prices, as the crate does.
#[napi]
pub struct TechnicalIndicators {
    inner: CrateIndicators,
}

#[napi]
impl TechnicalIndicators {
    #[napi(constructor)]
    pub fn new(options: Option<IndicatorOptions>) -> Result<Self> {
        let d = IndicatorConfig::default();
        let config = match options {
            None => d,
            Some(o) => IndicatorConfig {
                sma_period: o.sma_period.map_or(d.sma_period, |v| v as usize),
                ema_period: o.ema_period.map_or(d.ema_period, |v| v as usize),
                rsi_period: o.rsi_period.map_or(d.rsi_period, |v| v as usize),
                macd_fast: o.macd_fast.map_or(d.macd_fast, |v| v as usize),
                macd_slow: o.macd_slow.map_or(d.macd_slow, |v| v as usize),
                macd_signal: o.macd_signal.map_or(d.macd_signal, |v| v as usize),
                bb_period: o.bb_period.map_or(d.bb_period, |v| v as usize),
                bb_std_dev: o.bb_std_dev.unwrap_or(d.bb_std_dev),
            },
        };
        // A zero period would divide by zero inside the crate.
        for (name, value) in [
            ("smaPeriod", config.sma_period),
            ("emaPeriod", config.ema_period),
            ("rsiPeriod", config.rsi_period),
            ("macdFast", config.macd_fast),
            ("macdSlow", config.macd_slow),
            ("macdSignal", config.macd_signal),
            ("bbPeriod", config.bb_period),
        ] {
            if value == 0 {
                return Err(invalid(format!("{name} must be at least 1")));
            }
        }
        if !config.bb_std_dev.is_finite() {
            return Err(invalid("bbStdDev must be a finite number"));
        }
        Ok(TechnicalIndicators { inner: CrateIndicators::new(config) })
    }

    /// Appends a price (a decimal string) to the window.
    #[napi]
    pub fn add_price(&mut self, price: String) -> Result<()> {
        self.inner.add_price(decimal(&price)?);
        Ok(())
    }

    /// Mean of the last smaPeriod prices.
    #[napi]
    pub fn sma(&self) -> Result<String> {
        self.inner.sma().map(text).map_err(feature_error)
    }

    /// Relative strength index (0 to 100) over the last rsiPeriod changes,
    /// with simple (not Wilder-smoothed) averages.
    #[napi]
    pub fn rsi(&self) -> Result<String> {
        self.inner.rsi().map(text).map_err(feature_error)
    }

    /// EMA(macdFast) - EMA(macdSlow) over the window.
    #[napi]
    pub fn macd(&self) -> Result<Macd> {
        let (macd, signal, histogram) = self.inner.macd().map_err(feature_error)?;
        Ok(Macd { macd: text(macd), signal: text(signal), histogram: text(histogram) })
    }

    /// The SMA plus and minus bbStdDev population standard deviations of the
    /// last bbPeriod prices (the square root is taken in f64).
    #[napi]
    pub fn bollinger_bands(&self) -> Result<BollingerBands> {
        let (upper, middle, lower) = self.inner.bollinger_bands().map_err(feature_error)?;
        Ok(BollingerBands { upper: text(upper), middle: text(middle), lower: text(lower) })
    }

    /// Exponential moving average of `prices`, seeded with the SMA of the
    /// first `period` prices (independent of the window).
    #[napi]
    pub fn ema(&self, prices: Vec<String>, period: u32) -> Result<String> {
        if period == 0 {
            return Err(invalid("period must be at least 1"));
        }
        let prices = prices.iter().map(|p| decimal(p)).collect::<Result<Vec<_>>>()?;
        self.inner.ema(&prices, period as usize).map(text).map_err(feature_error)
    }
}

/// Scales values with statistics fitted on a sample: "minmax" to [0, 1],
/// "zscore" by mean and population standard deviation, "robust" by median
/// and interquartile range.
#[napi]
pub struct FeatureNormalizer {
    inner: CrateNormalizer,
}

#[napi]
impl FeatureNormalizer {
    #[napi(constructor)]
    pub fn new(method: String) -> Result<Self> {
        let method = match method.as_str() {
            "minmax" => NormalizationMethod::MinMax,
            "zscore" => NormalizationMethod::ZScore,
            "robust" => NormalizationMethod::Robust,
            other => return Err(invalid(format!("unknown method '{other}' (expected minmax, zscore or robust)"))),
        };
        Ok(FeatureNormalizer { inner: CrateNormalizer::new(method) })
    }

    #[napi]
    pub fn fit(&mut self, data: Vec<f64>) -> Result<()> {
        // The crate's robust fit sorts with partial_cmp().unwrap(), which
        // panics on NaN.
        if data.iter().any(|v| v.is_nan()) {
            return Err(invalid("data must not contain NaN"));
        }
        self.inner.fit(&data).map_err(feature_error)
    }

    #[napi]
    pub fn transform(&self, value: f64) -> Result<f64> {
        self.inner.transform(value).map_err(feature_error)
    }

    #[napi]
    pub fn transform_batch(&self, values: Vec<f64>) -> Result<Vec<f64>> {
        self.inner.transform_batch(&values).map_err(feature_error)
    }

    #[napi]
    pub fn inverse_transform(&self, value: f64) -> Result<f64> {
        self.inner.inverse_transform(value).map_err(feature_error)
    }
}

fn widen(v: Vec<f32>) -> Vec<f64> {
    v.into_iter().map(f64::from).collect()
}

fn narrow(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&x| x as f32).collect()
}

/// The crate's hash embedding: component i is SeaHash(i as u64 LE ++ data)
/// mapped to [-1, 1] as an f32, so equal inputs give equal vectors.
#[napi]
pub fn hash_embed(data: Either<String, Buffer>, dimension: u32) -> Vec<f64> {
    let bytes: &[u8] = match &data {
        Either::A(s) => s.as_bytes(),
        Either::B(b) => b.as_ref(),
    };
    widen(crate_hash_embed(bytes, dimension as usize))
}

/// One market observation, as the crate embeds it.
#[napi(object)]
pub struct Observation {
    pub symbol: String,
    /// Microseconds since the epoch (a safe integer).
    pub timestamp_us: i64,
    pub price: f64,
    pub volume: f64,
    pub spread: f64,
}

/// Embedding of an observation: hashEmbed over timestampUs (i64 LE), the
/// symbol's UTF-8, then price, volume and spread (f64 LE).
#[napi]
pub fn embed_observation(dimension: u32, observation: Observation) -> Vec<f64> {
    let g = EmbeddingGenerator::new(dimension as usize);
    widen(g.embed_observation(
        &observation.symbol,
        observation.timestamp_us,
        observation.price,
        observation.volume,
        observation.spread,
    ))
}

/// Cosine similarity in f32 (inputs are rounded to f32, as the crate's
/// embeddings are); 0 for vectors of different length or zero norm.
#[napi]
pub fn cosine_similarity(a: Vec<f64>, b: Vec<f64>) -> f64 {
    f64::from(EmbeddingGenerator::new(0).cosine_similarity(&narrow(&a), &narrow(&b)))
}

/// Euclidean distance in f32; for vectors of different length the crate
/// returns f32::MAX (about 3.4e38), passed through as is.
#[napi]
pub fn euclidean_distance(a: Vec<f64>, b: Vec<f64>) -> f64 {
    f64::from(EmbeddingGenerator::new(0).euclidean_distance(&narrow(&a), &narrow(&b)))
}
