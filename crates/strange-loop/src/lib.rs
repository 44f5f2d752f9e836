//! Node.js binding of the `strange-loop` crate: its temporal attractors
//! (Lorenz, Rössler, Chua), integrated with fourth-order Runge-Kutta.

use napi::{Error, Result, Status};
use napi_derive::napi;
use strange_loop::strange_attractor::{AttractorConfig, AttractorType, TemporalAttractor};
use strange_loop::Vector3D;

/// Version of the wrapped `strange-loop` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// How to build an attractor.
#[napi(object)]
pub struct AttractorOptions {
    /// "lorenz" (sigma, rho, beta), "rossler" (a, b, c) or "chua" (alpha, beta, gamma).
    pub kind: String,
    pub parameters: Vec<f64>,
    /// Initial [x, y, z]; [1, 1, 1] when absent.
    pub initial: Option<Vec<f64>>,
    /// Time step in nanoseconds.
    pub dt_ns: u32,
    /// A step that leaves the ball of this radius is an error (default 1e6).
    pub max_deviation: Option<f64>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn point(v: Vector3D) -> Vec<f64> {
    vec![v.x, v.y, v.z]
}

/// An attractor integrated step by step with a fixed-step RK4.
#[napi]
pub struct Attractor {
    inner: TemporalAttractor,
}

#[napi]
impl Attractor {
    #[napi(constructor)]
    pub fn new(options: AttractorOptions) -> Result<Self> {
        let [a, b, c] = options.parameters[..] else {
            return Err(invalid("parameters must be three numbers"));
        };
        let attractor_type = match options.kind.as_str() {
            "lorenz" => AttractorType::Lorenz { sigma: a, rho: b, beta: c },
            "rossler" => AttractorType::Rossler { a, b, c },
            "chua" => AttractorType::Chua { alpha: a, beta: b, gamma: c },
            other => return Err(invalid(format!("unknown attractor '{other}' (expected lorenz, rossler or chua)"))),
        };
        let config = AttractorConfig {
            attractor_type,
            dt_ns: options.dt_ns as u64,
            steps_per_frame: 1,
            // Fixed steps: the same inputs give the same trajectory.
            adaptive_stepping: false,
            tolerance: 1e-6,
            max_deviation: options.max_deviation.unwrap_or(1e6),
        };
        let inner = match options.initial.as_deref() {
            None => TemporalAttractor::new(config),
            Some(&[x, y, z]) => TemporalAttractor::with_initial_state(config, Vector3D::new(x, y, z)),
            Some(_) => return Err(invalid("initial must be [x, y, z]")),
        }
        .map_err(|e| invalid(e.to_string()))?;
        Ok(Attractor { inner })
    }

    /// The current [x, y, z].
    #[napi(getter)]
    pub fn state(&self) -> Vec<f64> {
        point(self.inner.state())
    }

    /// Nanoseconds integrated so far.
    #[napi(getter)]
    pub fn time_ns(&self) -> f64 {
        self.inner.time_ns() as f64
    }

    /// Advances `count` steps and returns the state after each.
    #[napi]
    pub fn step(&mut self, count: u32) -> Result<Vec<Vec<f64>>> {
        let states = self.inner.step_multiple(count as usize).map_err(fail)?;
        Ok(states.into_iter().map(point).collect())
    }
}
