//! Node.js binding of the `midstreamer-scheduler` crate: a bounded priority
//! queue of tasks with deadlines. Tasks come out highest priority first and,
//! within a priority, earliest deadline first; running a task records whether
//! its deadline had passed. Payloads are strings; nothing runs in the
//! background.

use std::time::Duration;

use midstreamer_scheduler::{Deadline, Priority, RealtimeScheduler, ScheduledTask, SchedulerConfig};
use napi::{Error, Result, Status};
use napi_derive::napi;

/// Version of the wrapped `midstreamer-scheduler` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Longest deadline accepted, in milliseconds (2^32 - 1, about 49 days).
const MAX_DEADLINE_MS: f64 = u32::MAX as f64;

fn priority(name: &str) -> Result<Priority> {
    match name {
        "critical" => Ok(Priority::Critical),
        "high" => Ok(Priority::High),
        "medium" => Ok(Priority::Medium),
        "low" => Ok(Priority::Low),
        "background" => Ok(Priority::Background),
        other => Err(Error::new(
            Status::InvalidArg,
            format!("unknown priority '{other}' (expected critical, high, medium, low or background)"),
        )),
    }
}

fn priority_name(p: Priority) -> &'static str {
    match p {
        Priority::Critical => "critical",
        Priority::High => "high",
        Priority::Medium => "medium",
        Priority::Low => "low",
        Priority::Background => "background",
    }
}

/// Numeric weight of a priority name: critical 100, high 75, medium 50,
/// low 25, background 10.
#[napi]
pub fn priority_value(name: String) -> Result<i32> {
    priority(&name).map(|p| p.as_i32())
}

/// A task taken from the queue.
#[napi(object)]
pub struct Task {
    /// 1 for the first task scheduled, then counting up.
    pub id: f64,
    pub payload: String,
    pub priority: String,
    /// Whether the deadline had passed when the task ran.
    pub deadline_missed: bool,
}

/// Counters kept by the scheduler.
#[napi(object)]
pub struct SchedulerStats {
    pub total_tasks: f64,
    pub completed_tasks: f64,
    pub missed_deadlines: f64,
    pub queue_size: u32,
    /// Time spent running tasks (here: handing out the payload), in ns.
    pub average_latency_ns: f64,
    pub max_latency_ns: f64,
}

/// A priority queue of string tasks with deadlines.
#[napi]
pub struct Scheduler {
    inner: RealtimeScheduler<String>,
}

#[napi]
impl Scheduler {
    /// A scheduler holding at most `maxQueueSize` (default 10000) pending tasks.
    #[napi(constructor)]
    pub fn new(max_queue_size: Option<u32>) -> Self {
        let mut config = SchedulerConfig::default();
        if let Some(max) = max_queue_size {
            config.max_queue_size = max as usize;
        }
        Scheduler { inner: RealtimeScheduler::new(config) }
    }

    /// Queues `payload` with a deadline `deadlineMs` milliseconds from now and
    /// a priority name; returns the task's id. Throws when the queue is full.
    #[napi]
    pub fn schedule(&self, payload: String, deadline_ms: f64, priority_name: String) -> Result<f64> {
        if !(0.0..=MAX_DEADLINE_MS).contains(&deadline_ms) {
            return Err(Error::new(
                Status::InvalidArg,
                format!("deadlineMs must be between 0 and {MAX_DEADLINE_MS}"),
            ));
        }
        let priority = priority(&priority_name)?;
        let deadline = Deadline::from_now(Duration::from_secs_f64(deadline_ms / 1000.0));
        self.inner
            .schedule(payload, deadline, priority)
            .map(|id| id as f64)
            .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))
    }

    /// Takes the most urgent task and runs it (the run only hands the payload
    /// back, and updates the completed, missed-deadline and latency counters),
    /// or returns null when the queue is empty.
    #[napi]
    pub fn run_next(&self) -> Option<Task> {
        let task: ScheduledTask<String> = self.inner.next_task()?;
        let (id, priority) = (task.id as f64, priority_name(task.priority));
        // The crate checks the deadline as it runs the task and counts a miss.
        let missed_before = self.inner.stats().missed_deadlines;
        let mut payload = String::new();
        self.inner.execute_task(task, |p| payload = p);
        let deadline_missed = self.inner.stats().missed_deadlines > missed_before;
        Some(Task { id, payload, priority: priority.to_string(), deadline_missed })
    }

    /// Runs every pending task, most urgent first, and returns them in that order.
    #[napi]
    pub fn drain(&self) -> Vec<Task> {
        std::iter::from_fn(|| self.run_next()).collect()
    }

    /// Number of pending tasks.
    #[napi(getter)]
    pub fn queue_size(&self) -> u32 {
        self.inner.queue_size() as u32
    }

    /// Drops every pending task (counters other than the queue size stay).
    #[napi]
    pub fn clear(&self) {
        self.inner.clear();
    }

    /// Tasks scheduled, run and late so far, the queue size and run latencies.
    #[napi]
    pub fn stats(&self) -> SchedulerStats {
        let s = self.inner.stats();
        SchedulerStats {
            total_tasks: s.total_tasks as f64,
            completed_tasks: s.completed_tasks as f64,
            missed_deadlines: s.missed_deadlines as f64,
            queue_size: s.queue_size as u32,
            average_latency_ns: s.average_latency_ns as f64,
            max_latency_ns: s.max_latency_ns as f64,
        }
    }
}
