//! Node.js binding of the `nanosecond-scheduler` crate: its priority task
//! queue, driven one tick at a time from JavaScript. A scheduled task is
//! identified by a number; `tick()` returns the numbers of the tasks it ran.
//!
//! Times are the crate's `Timestamp`s: on x86_64 the raw CPU time-stamp
//! counter (cycles, which the crate calls nanoseconds), elsewhere nanoseconds.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use napi::{Error, Result, Status};
use napi_derive::napi;
use nanosecond_scheduler::{Config, Priority, Task, Timestamp};

/// Version of the wrapped `nanosecond-scheduler` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

/// The crate's current timestamp (`Timestamp::now()`), in the units a task
/// delay is counted in.
#[napi]
pub fn now() -> f64 {
    Timestamp::now().as_nanos() as f64
}

/// Scheduler settings; every field is optional and defaults to the crate's.
#[napi(object)]
pub struct SchedulerOptions {
    /// Target tick length; consecutive ticks closer than twice this count as
    /// overlapping (default 1000).
    pub tick_rate_ns: Option<f64>,
    /// Most tasks run by one tick (default 100).
    pub max_tasks_per_tick: Option<u32>,
    /// Contraction factor of the strange-loop state (default 0.9).
    pub lipschitz_constant: Option<f64>,
    /// How many recent tick timestamps are kept (default 100).
    pub window_size: Option<u32>,
}

/// Counters of a scheduler, from the crate's `Metrics`.
#[napi(object)]
pub struct SchedulerMetrics {
    pub total_ticks: f64,
    pub total_tasks: f64,
    /// Tick durations, in timestamp units.
    pub avg_tick_time_ns: f64,
    pub min_tick_time_ns: f64,
    pub max_tick_time_ns: f64,
    pub tasks_per_second: f64,
}

/// A `nanosecond_scheduler::Scheduler` whose tasks record their id when run.
/// Nothing runs in the background: tasks run only inside `tick()`.
#[napi]
pub struct Scheduler {
    inner: nanosecond_scheduler::Scheduler,
    fired: Arc<Mutex<Vec<u32>>>,
    scheduled: u64,
}

#[napi]
impl Scheduler {
    #[napi(constructor)]
    pub fn new(options: Option<SchedulerOptions>) -> Result<Self> {
        let defaults = Config::default();
        let options = options.unwrap_or(SchedulerOptions {
            tick_rate_ns: None,
            max_tasks_per_tick: None,
            lipschitz_constant: None,
            window_size: None,
        });
        let tick_rate_ns = match options.tick_rate_ns {
            None => defaults.tick_rate_ns,
            Some(t) if t.is_finite() && t >= 0.0 && t <= 9_007_199_254_740_991.0 => t as u64,
            Some(t) => return Err(invalid(format!("tickRateNs must be a non-negative safe integer, got {t}"))),
        };
        let lipschitz_constant = options.lipschitz_constant.unwrap_or(defaults.lipschitz_constant);
        if !lipschitz_constant.is_finite() {
            return Err(invalid("lipschitzConstant must be a finite number"));
        }
        let config = Config {
            tick_rate_ns,
            max_tasks_per_tick: options.max_tasks_per_tick.map_or(defaults.max_tasks_per_tick, |n| n as usize),
            // Only meaningful with the crate's `parallel` feature, which is off.
            parallel: false,
            lipschitz_constant,
            window_size: options.window_size.map_or(defaults.window_size, |n| n as usize),
        };
        Ok(Scheduler {
            inner: nanosecond_scheduler::Scheduler::new(config),
            fired: Arc::new(Mutex::new(Vec::new())),
            scheduled: 0,
        })
    }

    /// Queues task `id` to become due `delayNs` timestamp units from now
    /// (default 0), with priority "low", "normal" (default), "high" or
    /// "critical". Due tasks run earliest-due first.
    #[napi]
    pub fn schedule(&mut self, id: u32, delay_ns: Option<f64>, priority: Option<String>) -> Result<()> {
        let delay = delay_ns.unwrap_or(0.0);
        // The crate adds the delay to the current timestamp without overflow checks.
        if !delay.is_finite() || delay < 0.0 || delay > 9_007_199_254_740_991.0 {
            return Err(invalid(format!("delayNs must be a non-negative safe integer, got {delay}")));
        }
        let priority = match priority.as_deref() {
            None | Some("normal") => Priority::Normal,
            Some("low") => Priority::Low,
            Some("high") => Priority::High,
            Some("critical") => Priority::Critical,
            Some(other) => {
                return Err(invalid(format!("unknown priority '{other}' (expected low, normal, high or critical)")))
            }
        };
        let fired = Arc::clone(&self.fired);
        let task = Task::new(
            move || fired.lock().unwrap_or_else(|e| e.into_inner()).push(id),
            Duration::from_nanos(delay as u64),
        )
        .with_priority(priority);
        self.inner.schedule(task);
        self.scheduled += 1;
        Ok(())
    }

    /// Runs one scheduler tick and returns the ids of the tasks it ran, in
    /// the order they ran (at most `maxTasksPerTick` of them).
    #[napi]
    pub fn tick(&self) -> Vec<u32> {
        self.inner.tick();
        std::mem::take(&mut *self.fired.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Number of scheduled tasks that have not run yet.
    #[napi(getter)]
    pub fn pending(&self) -> f64 {
        (self.scheduled - self.inner.metrics().total_tasks) as f64
    }

    /// The crate's performance counters.
    #[napi]
    pub fn metrics(&self) -> SchedulerMetrics {
        let m = self.inner.metrics();
        SchedulerMetrics {
            total_ticks: m.total_ticks as f64,
            total_tasks: m.total_tasks as f64,
            avg_tick_time_ns: m.avg_tick_time_ns as f64,
            min_tick_time_ns: m.min_tick_time_ns as f64,
            max_tick_time_ns: m.max_tick_time_ns as f64,
            tasks_per_second: m.tasks_per_second,
        }
    }

    /// Fraction of consecutive recent ticks that started less than two tick
    /// rates apart (0 with fewer than two ticks).
    #[napi]
    pub fn temporal_overlap(&self) -> f64 {
        self.inner.temporal_overlap()
    }

    /// The strange-loop state, updated each tick as s = k·s + (1 − k)·0.5
    /// from s = 0.5, with k the Lipschitz constant.
    #[napi(getter)]
    pub fn strange_loop_state(&self) -> f64 {
        self.inner.strange_loop_state()
    }
}
