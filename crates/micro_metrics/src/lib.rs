//! Node.js binding of the `micro_metrics` crate: its timing histogram, the
//! per-operation profiler built on it, and the metrics collector's counters,
//! operation statistics, memory and agent tracking.
//!
//! Durations and sizes are passed in by the caller rather than measured, so
//! every figure is reproducible; readings of the clock (uptime, timestamps)
//! are left out.

use std::collections::HashMap;

use micro_metrics::timing::{OperationStatistics as CrateOperationStatistics, PerformanceProfiler as CrateProfiler, TimingHistogram as CrateHistogram};
use micro_metrics::{MetricsCollector as CrateCollector, TimingInfo};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `micro_metrics` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

// The crate keeps these as u64 and sums them without overflow checks; JS
// numbers are exact only up to 2^53 - 1.
fn whole(what: &str, value: f64) -> Result<u64> {
    if value.fract() == 0.0 && (0.0..=9_007_199_254_740_991.0).contains(&value) {
        Ok(value as u64)
    } else {
        Err(Error::new(
            Status::InvalidArg,
            format!("{what} must be a whole number from 0 to 2^53 - 1, got {value}"),
        ))
    }
}

// The last bucket of every histogram is open-ended (u64::MAX in the crate).
fn bound(v: u64) -> f64 {
    if v == u64::MAX {
        f64::INFINITY
    } else {
        v as f64
    }
}

fn fraction(p: f64) -> Result<f64> {
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(Error::new(Status::InvalidArg, format!("percentile must be in [0, 1], got {p}")))
    }
}

/// A histogram of durations in nanoseconds. Percentiles are bucket upper
/// bounds.
#[napi]
pub struct TimingHistogram {
    inner: CrateHistogram,
}

#[napi]
impl TimingHistogram {
    /// `buckets`: upper bounds in ns (sorted by the crate; an open-ended
    /// last bucket is added). Default: from 1 µs up to 1 s, each 1.5 times
    /// the one before (rounded down).
    #[napi(constructor)]
    pub fn new(buckets: Option<Vec<f64>>) -> Result<Self> {
        let inner = match buckets {
            None => CrateHistogram::new(),
            Some(b) => {
                let b = b.iter().map(|&v| whole("bucket bound", v)).collect::<Result<Vec<_>>>()?;
                CrateHistogram::with_buckets(b)
            }
        };
        Ok(TimingHistogram { inner })
    }

    #[napi]
    pub fn record(&mut self, duration_ns: f64) -> Result<()> {
        self.inner.record(whole("duration", duration_ns)?);
        Ok(())
    }

    #[napi(getter)]
    pub fn count(&self) -> f64 {
        self.inner.count() as f64
    }

    #[napi(getter)]
    pub fn mean(&self) -> f64 {
        self.inner.mean()
    }

    /// Population standard deviation (0 for fewer than two samples).
    #[napi(getter)]
    pub fn std_dev(&self) -> f64 {
        self.inner.std_dev()
    }

    /// Upper bound of the first bucket at which the cumulative count reaches
    /// floor(count × p); Infinity for the open-ended bucket.
    #[napi]
    pub fn percentile(&self, p: f64) -> Result<f64> {
        Ok(bound(self.inner.percentile(fraction(p)?)))
    }

    /// Bucket upper bounds, the last one Infinity.
    #[napi(getter)]
    pub fn buckets(&self) -> Vec<f64> {
        self.inner.buckets().iter().map(|&v| bound(v)).collect()
    }

    /// Samples per bucket.
    #[napi(getter)]
    pub fn counts(&self) -> Vec<f64> {
        self.inner.counts().iter().map(|&v| v as f64).collect()
    }

    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}

#[napi(object)]
pub struct OperationStatistics {
    pub operation: String,
    pub total_samples: f64,
    pub mean_ns: f64,
    pub std_dev_ns: f64,
    /// Mean of the most recent samples (see the profiler's buffer size).
    pub moving_avg_ns: f64,
    pub p50_ns: f64,
    pub p95_ns: f64,
    pub p99_ns: f64,
}

fn js_stats(s: CrateOperationStatistics) -> OperationStatistics {
    OperationStatistics {
        operation: s.operation,
        total_samples: s.total_samples as f64,
        mean_ns: s.mean_ns,
        std_dev_ns: s.std_dev_ns,
        moving_avg_ns: s.moving_avg_ns,
        p50_ns: bound(s.p50_ns),
        p95_ns: bound(s.p95_ns),
        p99_ns: bound(s.p99_ns),
    }
}

/// Durations per named operation: a default histogram each, plus a moving
/// average over the most recent samples.
#[napi]
pub struct PerformanceProfiler {
    inner: CrateProfiler,
}

#[napi]
impl PerformanceProfiler {
    /// `maxRecentSamples`: how many recent samples the moving average
    /// covers (default 100).
    #[napi(constructor)]
    pub fn new(max_recent_samples: Option<u32>) -> Self {
        let inner = match max_recent_samples {
            Some(n) => CrateProfiler::with_sample_buffer_size(n as usize),
            None => CrateProfiler::new(),
        };
        PerformanceProfiler { inner }
    }

    #[napi]
    pub fn record(&mut self, operation: String, duration_ns: f64) -> Result<()> {
        self.inner.record(&operation, whole("duration", duration_ns)?);
        Ok(())
    }

    /// Operation names, sorted.
    #[napi]
    pub fn operations(&self) -> Vec<String> {
        self.inner.get_operations()
    }

    /// null for an operation never recorded.
    #[napi]
    pub fn moving_average(&self, operation: String) -> Option<f64> {
        self.inner.get_moving_average(&operation)
    }

    /// null for an operation never recorded.
    #[napi]
    pub fn stats(&self, operation: String) -> Option<OperationStatistics> {
        self.inner.get_stats(&operation).map(js_stats)
    }

    /// Every operation's statistics, sorted by name.
    #[napi]
    pub fn all_stats(&self) -> Vec<OperationStatistics> {
        self.inner.get_all_stats().into_iter().map(js_stats).collect()
    }

    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
    }

    /// Empties one operation's histogram and samples (it stays listed).
    #[napi]
    pub fn reset_operation(&mut self, operation: String) {
        self.inner.reset_operation(&operation);
    }
}

#[napi(object)]
pub struct OperationStats {
    pub count: f64,
    pub total_ns: f64,
    pub min_ns: f64,
    pub max_ns: f64,
    /// Integer mean (rounded down).
    pub avg_ns: f64,
    /// Spread of the kept samples around the integer mean.
    pub std_dev_ns: f64,
    /// Nearest-rank percentiles over the kept samples.
    pub p50_ns: f64,
    pub p95_ns: f64,
    pub p99_ns: f64,
}

#[napi(object)]
pub struct MetricsSnapshot {
    /// Sum of every counter.
    pub total_operations: f64,
    pub memory_usage: f64,
    pub peak_memory_usage: f64,
    pub total_allocations: f64,
    pub total_deallocations: f64,
    pub active_agents: u32,
    pub counters: HashMap<String, f64>,
    pub operation_stats: HashMap<String, OperationStats>,
}

#[napi(object)]
pub struct AgentMetrics {
    pub id: u32,
    /// A 32-bit float in the crate, widened here.
    pub success_rate: f64,
    pub total_operations: f64,
    pub successful_operations: f64,
    pub failed_operations: f64,
}

/// Counters, per-operation durations, memory and agent activity, all fed by
/// the caller.
#[napi]
pub struct MetricsCollector {
    inner: CrateCollector,
}

#[napi]
impl MetricsCollector {
    #[napi(constructor)]
    pub fn new() -> Self {
        MetricsCollector { inner: CrateCollector::new() }
    }

    /// While inactive, every recording call is ignored.
    #[napi(getter)]
    pub fn active(&self) -> bool {
        self.inner.active
    }

    #[napi(setter)]
    pub fn set_active(&mut self, active: bool) {
        self.inner.active = active;
    }

    #[napi]
    pub fn increment_counter(&mut self, name: String) {
        self.inner.increment_counter(&name);
    }

    #[napi]
    pub fn add_counter(&mut self, name: String, value: f64) -> Result<()> {
        self.inner.add_counter(&name, whole("value", value)?);
        Ok(())
    }

    /// 0 for a counter never touched.
    #[napi]
    pub fn get_counter(&self, name: String) -> f64 {
        self.inner.get_counter(&name) as f64
    }

    /// Counter names, sorted.
    #[napi]
    pub fn counter_names(&self) -> Vec<String> {
        let mut names = self.inner.get_counter_names();
        names.sort();
        names
    }

    /// Records one run of `operation`; also bumps the counters
    /// `<operation>_operations` and `<operation>_total_time_ns`.
    #[napi]
    pub fn record_operation(&mut self, operation: String, duration_ns: f64) -> Result<()> {
        let elapsed_ns = whole("duration", duration_ns)?;
        self.inner.record_operation(&operation, TimingInfo { label: operation.clone(), elapsed_ns });
        Ok(())
    }

    #[napi]
    pub fn track_agent(&mut self, agent_id: u32, success: bool) {
        self.inner.track_agent(agent_id, success);
    }

    #[napi]
    pub fn record_allocation(&mut self, size: f64) -> Result<()> {
        self.inner.record_allocation(whole("size", size)? as usize);
        Ok(())
    }

    /// Current usage never drops below 0.
    #[napi]
    pub fn record_deallocation(&mut self, size: f64) -> Result<()> {
        self.inner.record_deallocation(whole("size", size)? as usize);
        Ok(())
    }

    /// Everything collected so far (an inactive collector reports zeros).
    #[napi]
    pub fn snapshot(&mut self) -> MetricsSnapshot {
        let m = self.inner.collect();
        MetricsSnapshot {
            total_operations: m.total_operations as f64,
            memory_usage: m.memory_usage as f64,
            peak_memory_usage: m.peak_memory_usage as f64,
            total_allocations: m.total_allocations as f64,
            total_deallocations: m.total_deallocations as f64,
            active_agents: m.active_agents,
            counters: m.counters.into_iter().map(|(k, v)| (k, v as f64)).collect(),
            operation_stats: m
                .operation_stats
                .into_iter()
                .map(|(k, s)| {
                    let stats = OperationStats {
                        count: s.count as f64,
                        total_ns: s.total_ns as f64,
                        min_ns: s.min_ns as f64,
                        max_ns: s.max_ns as f64,
                        avg_ns: s.avg_ns as f64,
                        std_dev_ns: s.std_dev_ns,
                        p50_ns: s.p50() as f64,
                        p95_ns: s.p95() as f64,
                        p99_ns: s.p99() as f64,
                    };
                    (k, stats)
                })
                .collect(),
        }
    }

    /// Per agent, sorted by id.
    #[napi]
    pub fn agent_metrics(&self) -> Vec<AgentMetrics> {
        let mut agents: Vec<AgentMetrics> = self
            .inner
            .get_agent_metrics()
            .into_iter()
            .map(|a| AgentMetrics {
                id: a.id,
                success_rate: a.success_rate as f64,
                total_operations: a.total_operations as f64,
                successful_operations: a.successful_operations as f64,
                failed_operations: a.failed_operations as f64,
            })
            .collect();
        agents.sort_by_key(|a| a.id);
        agents
    }

    /// Clears counters, operations, memory and agents.
    #[napi]
    pub fn reset(&mut self) {
        self.inner.reset();
    }
}
