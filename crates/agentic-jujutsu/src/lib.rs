//! Node.js binding of the `agentic-jujutsu` crate: its model of Jujutsu
//! operations (kinds and what they do to history) and its in-memory
//! operation log with queries and statistics. Running `jj` itself is left
//! out: that spawns an external executable.

use std::collections::HashMap;

use agentic_jujutsu::operations::{JJOperation, JJOperationLog, OperationType};
use napi_derive::napi;

/// Version of the wrapped `agentic-jujutsu` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// What the crate knows about one kind of operation.
#[napi(object)]
pub struct OperationKind {
    /// Canonical name ("Commit", "GitPush", ...; "Unknown" if not recognised).
    #[napi(js_name = "type")]
    pub type_: String,
    pub modifies_history: bool,
    pub is_remote: bool,
    /// Made by jj on its own (working-copy snapshots).
    pub is_automatic: bool,
}

fn kind(t: OperationType) -> OperationKind {
    OperationKind {
        type_: t.as_string(),
        modifies_history: t.modifies_history(),
        is_remote: t.is_remote_operation(),
        is_automatic: t.is_automatic(),
    }
}

/// Classifies an operation name as jj spells it ("commit", "git-fetch",
/// "branch-delete", ...; case-insensitive).
#[napi]
pub fn classify_operation(name: String) -> OperationKind {
    kind(OperationType::from_string(&name))
}

/// An operation to record.
#[napi(object)]
pub struct OperationInput {
    pub command: String,
    /// Operation name as for classifyOperation; "Unknown" when absent.
    #[napi(js_name = "type")]
    pub type_: Option<String>,
    /// jj's operation id; a random UUID when absent.
    pub operation_id: Option<String>,
    pub user: Option<String>,
    pub hostname: Option<String>,
    pub duration_ms: Option<u32>,
    /// Marks the operation failed with this message.
    pub error: Option<String>,
}

/// A recorded operation (its wall-clock timestamp is left out).
#[napi(object)]
pub struct Operation {
    pub operation_id: String,
    #[napi(js_name = "type")]
    pub type_: String,
    pub command: String,
    pub user: String,
    pub hostname: String,
    pub duration_ms: u32,
    pub success: bool,
    pub error: Option<String>,
}

fn operation(op: JJOperation) -> Operation {
    Operation {
        operation_id: op.operation_id,
        type_: op.operation_type.as_string(),
        command: op.command,
        user: op.user,
        hostname: op.hostname,
        duration_ms: op.duration_ms as u32,
        success: op.success,
        error: op.error,
    }
}

fn operations(ops: Vec<JJOperation>) -> Vec<Operation> {
    ops.into_iter().map(operation).collect()
}

/// Totals over the log.
#[napi(object)]
pub struct OperationStatistics {
    pub total: u32,
    pub successful: u32,
    pub failed: u32,
    /// Operations per canonical type name.
    pub by_type: HashMap<String, u32>,
    pub total_duration_ms: f64,
    /// Integer division of the total by the number of operations.
    pub avg_duration_ms: f64,
    pub max_duration_ms: f64,
}

/// A bounded log of operations: past maxEntries the oldest are dropped.
#[napi]
pub struct OperationLog {
    inner: JJOperationLog,
}

#[napi]
impl OperationLog {
    #[napi(constructor)]
    pub fn new(max_entries: u32) -> Self {
        OperationLog { inner: JJOperationLog::new(max_entries as usize) }
    }

    #[napi]
    pub fn add(&self, input: OperationInput) {
        let mut b = JJOperation::builder()
            .command(input.command)
            .operation_type(OperationType::from_string(input.type_.as_deref().unwrap_or("")))
            .user(input.user.unwrap_or_default())
            .hostname(input.hostname.unwrap_or_default())
            .duration_ms(input.duration_ms.unwrap_or(0) as u64);
        if let Some(id) = input.operation_id {
            b = b.operation_id(id);
        }
        if let Some(error) = input.error {
            b = b.failed(error);
        }
        self.inner.add_operation(b.build());
    }

    #[napi(getter)]
    pub fn count(&self) -> u32 {
        self.inner.count() as u32
    }

    /// Most recent first.
    #[napi]
    pub fn recent(&self, limit: u32) -> Vec<Operation> {
        operations(self.inner.get_recent(limit as usize))
    }

    #[napi]
    pub fn by_type(&self, name: String) -> Vec<Operation> {
        operations(self.inner.get_by_type(OperationType::from_string(&name)))
    }

    #[napi]
    pub fn by_user(&self, user: String) -> Vec<Operation> {
        operations(self.inner.filter_by_user(&user))
    }

    /// Operations whose command contains `query`, ignoring case.
    #[napi]
    pub fn search(&self, query: String) -> Vec<Operation> {
        operations(self.inner.search(&query))
    }

    #[napi]
    pub fn failed(&self) -> Vec<Operation> {
        operations(self.inner.failed_operations())
    }

    #[napi]
    pub fn history_modifying(&self) -> Vec<Operation> {
        operations(self.inner.history_modifying_operations())
    }

    #[napi]
    pub fn remote(&self) -> Vec<Operation> {
        operations(self.inner.remote_operations())
    }

    /// Successful / total (0 when empty).
    #[napi(getter)]
    pub fn success_rate(&self) -> f64 {
        self.inner.success_rate()
    }

    /// Mean duration over all operations (0 when empty).
    #[napi(getter)]
    pub fn avg_duration_ms(&self) -> f64 {
        self.inner.avg_duration_ms()
    }

    #[napi]
    pub fn statistics(&self) -> OperationStatistics {
        let s = self.inner.statistics();
        OperationStatistics {
            total: s.total as u32,
            successful: s.successful as u32,
            failed: s.failed as u32,
            by_type: s.by_type.into_iter().map(|(t, n)| (t.as_string(), n as u32)).collect(),
            total_duration_ms: s.total_duration_ms as f64,
            avg_duration_ms: s.avg_duration_ms as f64,
            max_duration_ms: s.max_duration_ms as f64,
        }
    }

    #[napi]
    pub fn clear(&self) {
        self.inner.clear();
    }
}
