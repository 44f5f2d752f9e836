//! Node.js binding of the `ruv-swarm-persistence` crate: its in-memory
//! storage backend (agents, tasks with priority queueing and claiming,
//! sequenced events, messages, metrics with aggregation), the task model's
//! retry lifecycle, and its SQL query builder.
//!
//! Records cross as JSON in the crate's own serde format (snake_case fields,
//! RFC 3339 timestamps), so what JavaScript stores is exactly the crate's
//! model. The SQLite backend is not exposed: it is a file-backed pool, and
//! this package offers nothing that needs a database file.

use futures::executor::block_on;
use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_persistence::models::{AgentModel, EventModel, MessageModel, MetricModel, TaskModel, TaskStatus};
use ruv_swarm_persistence::{MemoryStorage, QueryBuilder, Storage};

/// Version of the wrapped `ruv-swarm-persistence` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn fail(e: impl std::fmt::Display) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

// Macros rather than generic helpers: naming serde's traits would need
// serde itself as a direct dependency.
macro_rules! parse {
    ($what:literal, $json:expr) => {
        serde_json::from_str($json).map_err(|e| invalid(format!("bad {} JSON: {e}", $what)))
    };
}

macro_rules! dump {
    ($value:expr) => {
        serde_json::to_string($value).map_err(fail)
    };
}

macro_rules! dump_all {
    ($values:expr) => {
        $values.iter().map(|v| dump!(v)).collect::<Result<Vec<String>>>()
    };
}

fn task_status_name(status: &TaskStatus) -> &'static str {
    match status {
        TaskStatus::Pending => "pending",
        TaskStatus::Assigned => "assigned",
        TaskStatus::Running => "running",
        TaskStatus::Completed => "completed",
        TaskStatus::Failed => "failed",
        TaskStatus::Cancelled => "cancelled",
    }
}

/// The crate's MemoryStorage. Every method takes and returns JSON strings of
/// the crate's models.
#[napi]
pub struct MemoryStore {
    inner: MemoryStorage,
}

#[napi]
impl MemoryStore {
    #[napi(constructor)]
    pub fn new() -> Self {
        MemoryStore { inner: MemoryStorage::new() }
    }

    #[napi]
    pub fn store_agent(&self, agent_json: String) -> Result<()> {
        let agent: AgentModel = parse!("agent", &agent_json)?;
        block_on(self.inner.store_agent(&agent)).map_err(fail)
    }

    #[napi]
    pub fn get_agent(&self, id: String) -> Result<Option<String>> {
        block_on(self.inner.get_agent(&id)).map_err(fail)?.as_ref().map(|v| dump!(v)).transpose()
    }

    /// Throws "Not found: Agent <id> not found" for an unknown agent.
    #[napi]
    pub fn update_agent(&self, agent_json: String) -> Result<()> {
        let agent: AgentModel = parse!("agent", &agent_json)?;
        block_on(self.inner.update_agent(&agent)).map_err(fail)
    }

    #[napi]
    pub fn delete_agent(&self, id: String) -> Result<()> {
        block_on(self.inner.delete_agent(&id)).map_err(fail)
    }

    /// Newest created_at first.
    #[napi]
    pub fn list_agents(&self) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.list_agents()).map_err(fail)?)
    }

    /// `status` as stored: "initializing", "active", "idle", "busy", "paused",
    /// "error" or "shutdown". Newest first.
    #[napi]
    pub fn list_agents_by_status(&self, status: String) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.list_agents_by_status(&status)).map_err(fail)?)
    }

    #[napi]
    pub fn store_task(&self, task_json: String) -> Result<()> {
        let task: TaskModel = parse!("task", &task_json)?;
        block_on(self.inner.store_task(&task)).map_err(fail)
    }

    #[napi]
    pub fn get_task(&self, id: String) -> Result<Option<String>> {
        block_on(self.inner.get_task(&id)).map_err(fail)?.as_ref().map(|v| dump!(v)).transpose()
    }

    /// Pending tasks, highest priority first, then oldest first.
    #[napi]
    pub fn pending_tasks(&self) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_pending_tasks()).map_err(fail)?)
    }

    /// Tasks assigned to the agent, highest priority first, then oldest first.
    #[napi]
    pub fn tasks_by_agent(&self, agent_id: String) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_tasks_by_agent(&agent_id)).map_err(fail)?)
    }

    /// Assigns a pending task to the agent; false when the task is unknown or
    /// no longer pending.
    #[napi]
    pub fn claim_task(&self, task_id: String, agent_id: String) -> Result<bool> {
        block_on(self.inner.claim_task(&task_id, &agent_id)).map_err(fail)
    }

    fn with_task(&self, id: &str, change: impl FnOnce(&mut TaskModel)) -> Result<String> {
        let mut task = block_on(self.inner.get_task(id))
            .map_err(fail)?
            .ok_or_else(|| fail(format!("Not found: Task {id} not found")))?;
        change(&mut task);
        block_on(self.inner.update_task(&task)).map_err(fail)?;
        Ok(task_status_name(&task.status).to_string())
    }

    /// Marks the task completed with a result (JSON); returns the new status.
    #[napi]
    pub fn complete_task(&self, task_id: String, result_json: String) -> Result<String> {
        let result: serde_json::Value = parse!("result", &result_json)?;
        self.with_task(&task_id, |t| t.complete(result))
    }

    /// Records a failure: the task goes back to "pending" (unassigned) until
    /// its retry count reaches max_retries, then it is "failed".
    #[napi]
    pub fn fail_task(&self, task_id: String, error: String) -> Result<String> {
        self.with_task(&task_id, |t| t.fail(error))
    }

    /// Stores the event with the next sequence number (1, 2, ...), whatever
    /// sequence the JSON carries.
    #[napi]
    pub fn store_event(&self, event_json: String) -> Result<()> {
        let event: EventModel = parse!("event", &event_json)?;
        block_on(self.inner.store_event(&event)).map_err(fail)
    }

    /// The agent's newest `limit` events, newest first.
    #[napi]
    pub fn events_by_agent(&self, agent_id: String, limit: u32) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_events_by_agent(&agent_id, limit as usize)).map_err(fail)?)
    }

    /// The newest `limit` events of the type, newest first.
    #[napi]
    pub fn events_by_type(&self, event_type: String, limit: u32) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_events_by_type(&event_type, limit as usize)).map_err(fail)?)
    }

    /// Events strictly after the Unix time (seconds), in storage order.
    #[napi]
    pub fn events_since(&self, unix_seconds: i64) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_events_since(unix_seconds)).map_err(fail)?)
    }

    #[napi]
    pub fn store_message(&self, message_json: String) -> Result<()> {
        let message: MessageModel = parse!("message", &message_json)?;
        block_on(self.inner.store_message(&message)).map_err(fail)
    }

    /// Messages either way between two agents, newest first, at most `limit`.
    #[napi]
    pub fn messages_between(&self, agent1: String, agent2: String, limit: u32) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_messages_between(&agent1, &agent2, limit as usize)).map_err(fail)?)
    }

    #[napi]
    pub fn unread_messages(&self, agent_id: String) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_unread_messages(&agent_id)).map_err(fail)?)
    }

    #[napi]
    pub fn mark_message_read(&self, message_id: String) -> Result<()> {
        block_on(self.inner.mark_message_read(&message_id)).map_err(fail)
    }

    #[napi]
    pub fn store_metric(&self, metric_json: String) -> Result<()> {
        let metric: MetricModel = parse!("metric", &metric_json)?;
        block_on(self.inner.store_metric(&metric)).map_err(fail)
    }

    #[napi]
    pub fn metrics_by_agent(&self, agent_id: String, metric_type: String) -> Result<Vec<String>> {
        dump_all!(&block_on(self.inner.get_metrics_by_agent(&agent_id, &metric_type)).map_err(fail)?)
    }

    /// One metric per (agent, unit) with the mean value of the type's metrics
    /// timestamped within [start, end] (Unix seconds), the count in
    /// tags.count. Sorted by agent id then unit (the crate groups in a HashMap).
    #[napi]
    pub fn aggregated_metrics(&self, metric_type: String, start: i64, end: i64) -> Result<Vec<String>> {
        let mut metrics = block_on(self.inner.get_aggregated_metrics(&metric_type, start, end)).map_err(fail)?;
        metrics.sort_by(|a, b| (&a.agent_id, &a.unit).cmp(&(&b.agent_id, &b.unit)));
        dump_all!(&metrics)
    }

    /// The crate's estimate: 1024 bytes per stored record.
    #[napi]
    pub fn storage_size(&self) -> Result<f64> {
        Ok(block_on(self.inner.get_storage_size()).map_err(fail)? as f64)
    }
}

#[napi(object)]
pub struct Query {
    pub table: String,
    /// [field, value] pairs for `field = 'value'`.
    pub where_eq: Option<Vec<Vec<String>>>,
    /// [field, pattern] pairs for `field LIKE 'pattern'`.
    pub where_like: Option<Vec<Vec<String>>>,
    pub where_gt: Option<Vec<QueryGt>>,
    pub order_by: Option<String>,
    pub descending: Option<bool>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[napi(object)]
pub struct QueryGt {
    pub field: String,
    pub value: i64,
}

fn pairs(list: Option<Vec<Vec<String>>>, what: &str) -> Result<Vec<(String, String)>> {
    list.unwrap_or_default()
        .into_iter()
        .map(|p| match <[String; 2]>::try_from(p) {
            Ok([a, b]) => Ok((a, b)),
            Err(_) => Err(invalid(format!("each {what} entry must be [field, value]"))),
        })
        .collect()
}

/// The SQL the crate's QueryBuilder writes: conditions joined with AND in the
/// order equality, LIKE, greater-than. Values are pasted in unescaped, as the
/// crate does, so this is for trusted input only.
#[napi]
pub fn build_query(query: Query) -> Result<String> {
    let mut b = QueryBuilder::<()>::new(&query.table);
    for (f, v) in pairs(query.where_eq, "whereEq")? {
        b = b.where_eq(&f, &v);
    }
    for (f, p) in pairs(query.where_like, "whereLike")? {
        b = b.where_like(&f, &p);
    }
    for gt in query.where_gt.unwrap_or_default() {
        b = b.where_gt(&gt.field, gt.value);
    }
    if let Some(field) = query.order_by {
        b = b.order_by(&field, query.descending.unwrap_or(false));
    }
    if let Some(limit) = query.limit {
        b = b.limit(limit as usize);
    }
    if let Some(offset) = query.offset {
        b = b.offset(offset as usize);
    }
    Ok(b.build())
}
