//! Node.js binding of the `midstreamer-attractor` crate: feed a trajectory of
//! points in phase space to an analyzer, then ask for its per-dimension
//! Lyapunov-style exponents, the kind of attractor they suggest, and summary
//! statistics (path length, mean velocity).

use midstreamer_attractor::{AttractorAnalyzer as Analyzer, AttractorInfo, AttractorType, PhasePoint};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `midstreamer-attractor` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Points the crate needs on the trajectory before it will analyze it.
#[napi]
pub const MIN_POINTS_FOR_ANALYSIS: u32 = 100;

/// What the analyzer concluded about a trajectory.
#[napi(object)]
pub struct Attractor {
    /// "point", "limit-cycle", "strange" or "unknown".
    pub attractor_type: String,
    pub dimension: u32,
    /// Per dimension: mean of ln|Δx| over the steps where |Δx| > 1e-10.
    pub lyapunov_exponents: Vec<f64>,
    /// The largest exponent (ignoring NaN), or absent when there are none.
    pub max_lyapunov_exponent: Option<f64>,
    /// True when every exponent is negative.
    pub is_stable: bool,
    /// True for a strange (chaotic) attractor.
    pub is_chaotic: bool,
    /// min(points / 100, 1).
    pub confidence: f64,
}

/// Summary statistics of the current trajectory.
#[napi(object)]
pub struct TrajectoryStats {
    pub total_points: u32,
    pub dimension: u32,
    /// Mean over consecutive pairs of (Euclidean step length / time step);
    /// steps with no time difference add 0.
    pub mean_velocity: f64,
    /// Sum of the Euclidean step lengths.
    pub trajectory_length: f64,
    /// The analysis, when there are at least 100 points.
    pub attractor: Option<Attractor>,
}

fn attractor(info: AttractorInfo) -> Attractor {
    let attractor_type = match info.attractor_type {
        AttractorType::PointAttractor => "point",
        AttractorType::LimitCycle => "limit-cycle",
        AttractorType::StrangeAttractor => "strange",
        AttractorType::Unknown => "unknown",
    };
    Attractor {
        attractor_type: attractor_type.to_string(),
        dimension: info.dimension as u32,
        max_lyapunov_exponent: info.max_lyapunov_exponent(),
        is_stable: info.is_stable,
        is_chaotic: info.is_chaotic(),
        confidence: info.confidence,
        lyapunov_exponents: info.lyapunov_exponents,
    }
}

/// A bounded trajectory in a phase space of fixed dimension, and its analysis.
#[napi]
pub struct AttractorAnalyzer {
    inner: Analyzer,
    dimension: u32,
    last_timestamp: Option<i64>,
}

#[napi]
impl AttractorAnalyzer {
    /// `dimension` coordinates per point; only the newest `maxLength` points
    /// (default 10000) are kept.
    #[napi(constructor)]
    pub fn new(dimension: u32, max_length: Option<u32>) -> Result<Self> {
        if dimension == 0 {
            return Err(Error::new(Status::InvalidArg, "dimension must be at least 1"));
        }
        let max_length = max_length.unwrap_or(10_000);
        if max_length == 0 {
            return Err(Error::new(Status::InvalidArg, "maxLength must be at least 1"));
        }
        Ok(AttractorAnalyzer {
            inner: Analyzer::new(dimension as usize, max_length as usize),
            dimension,
            last_timestamp: None,
        })
    }

    /// Appends a point. Its length must equal the dimension, and timestamps
    /// must be non-negative integers that never decrease.
    #[napi]
    pub fn add_point(&mut self, coordinates: Vec<f64>, timestamp: i64) -> Result<()> {
        if coordinates.len() != self.dimension as usize {
            return Err(Error::new(
                Status::InvalidArg,
                format!("expected {} coordinates, got {}", self.dimension, coordinates.len()),
            ));
        }
        if timestamp < 0 {
            return Err(Error::new(Status::InvalidArg, "timestamp must not be negative"));
        }
        // The crate subtracts consecutive timestamps as unsigned integers.
        if self.last_timestamp.is_some_and(|last| timestamp < last) {
            return Err(Error::new(Status::InvalidArg, "timestamps must not decrease"));
        }
        self.inner
            .add_point(PhasePoint::new(coordinates, timestamp as u64))
            .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?;
        self.last_timestamp = Some(timestamp);
        Ok(())
    }

    /// Number of points currently on the trajectory.
    #[napi(getter)]
    pub fn length(&self) -> u32 {
        self.inner.trajectory_length() as u32
    }

    /// Analyzes the trajectory; throws when it has fewer than 100 points.
    #[napi]
    pub fn analyze(&self) -> Result<Attractor> {
        self.inner
            .analyze()
            .map(attractor)
            .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))
    }

    /// Path length, mean velocity and (from 100 points on) the analysis.
    #[napi]
    pub fn stats(&self) -> TrajectoryStats {
        let summary = self.inner.get_trajectory_stats();
        TrajectoryStats {
            total_points: summary.total_points as u32,
            dimension: summary.dimension as u32,
            mean_velocity: summary.mean_velocity,
            trajectory_length: summary.trajectory_length,
            attractor: summary.attractor_info.map(attractor),
        }
    }

    /// Removes every point.
    #[napi]
    pub fn clear(&mut self) {
        self.inner.clear();
        self.last_timestamp = None;
    }
}
