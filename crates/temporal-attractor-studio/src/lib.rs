//! Node.js binding of the `temporal-attractor-studio` crate: the largest
//! Lyapunov exponent of a trajectory from the early divergence of nearest
//! neighbours (VP-tree search with a Theiler window), and the delay embedding
//! that turns a scalar series into such a trajectory.

use napi::{Error, Result, Status};
use napi_derive::napi;
use temporal_attractor_studio::{delay_embed as embed, estimate_lyapunov, FtleParams};

/// Version of the wrapped `temporal-attractor-studio` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, message.to_string())
}

/// Overrides of the crate's defaults (dt 0.01, kFit 12, theiler 20,
/// maxPairs 4000, minInitSep 1e-12).
#[napi(object)]
pub struct LyapunovOptions {
    /// Sampling interval.
    pub dt: Option<f64>,
    /// Early steps the log-divergence slope is fitted over (>= 2).
    pub k_fit: Option<u32>,
    /// Neighbours closer in time than this many samples are skipped.
    pub theiler: Option<u32>,
    /// At most this many reference points (taken at an even stride).
    pub max_pairs: Option<u32>,
    /// Pairs starting closer than this are skipped.
    pub min_init_sep: Option<f64>,
}

#[napi(object)]
pub struct Lyapunov {
    /// Mean slope of ln(d_k / d_0) against time over the pairs.
    pub lambda: f64,
    /// 1 / lambda.
    pub lyapunov_time: f64,
    /// ln 2 / lambda.
    pub doubling_time: f64,
    pub points_used: u32,
    pub dimension: u32,
    pub pairs_found: u32,
}

/// Estimates the largest Lyapunov exponent of a trajectory of states.
#[napi]
pub fn lyapunov_exponent(trajectory: Vec<Vec<f64>>, options: Option<LyapunovOptions>) -> Result<Lyapunov> {
    let defaults = FtleParams::default();
    let o = options.unwrap_or(LyapunovOptions { dt: None, k_fit: None, theiler: None, max_pairs: None, min_init_sep: None });
    if let Some(first) = trajectory.first() {
        if trajectory.iter().any(|s| s.len() != first.len()) {
            return Err(invalid("every state must have the same dimension"));
        }
    }
    if trajectory.iter().flatten().any(|v| !v.is_finite()) {
        return Err(invalid("states must hold finite numbers"));
    }
    let r = estimate_lyapunov(
        &trajectory,
        o.dt.unwrap_or(defaults.dt),
        o.k_fit.map_or(defaults.k_fit, |v| v as usize),
        o.theiler.map_or(defaults.theiler, |v| v as usize),
        o.max_pairs.map_or(defaults.max_pairs, |v| v as usize),
        o.min_init_sep.unwrap_or(defaults.min_init_sep),
    )
    .map_err(invalid)?;
    Ok(Lyapunov {
        lambda: r.lambda,
        lyapunov_time: r.lyapunov_time,
        doubling_time: r.doubling_time,
        points_used: r.points_used as u32,
        dimension: r.dimension as u32,
        pairs_found: r.pairs_found as u32,
    })
}

/// Delay embedding: state i is [x_i, x_(i+tau), ..., x_(i+(m-1)tau)].
#[napi]
pub fn delay_embed(series: Vec<f64>, m: u32, tau: u32) -> Result<Vec<Vec<f64>>> {
    if m == 0 {
        return Err(invalid("the embedding dimension m must be at least 1"));
    }
    if tau == 0 && m > 1 {
        return Err(invalid("the delay tau must be at least 1"));
    }
    embed(&series, m as usize, tau as usize).map_err(invalid)
}
