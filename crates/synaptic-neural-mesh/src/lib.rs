//! Node.js binding of the `synaptic-neural-mesh` crate: its mesh of agents
//! with capabilities, the rule that assigns a submitted task to an agent,
//! and the mesh statistics.

use napi::{Error, Result, Status};
use napi_derive::napi;
use synaptic_neural_mesh::{Agent, AgentStatus, Capabilities, NeuralMesh as CrateMesh, TaskRequirements};
use uuid::Uuid;

/// Version of the wrapped `synaptic-neural-mesh` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, e.to_string())
}

fn parse_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|e| invalid(format!("not an agent id: {e}")))
}

/// A new agent; absent capabilities take the crate's defaults (compute 1,
/// 1 GiB, ["general"], 10 ms).
#[napi(object)]
pub struct AgentInput {
    pub name: String,
    pub compute_power: Option<f64>,
    pub memory_available: Option<f64>,
    pub specializations: Option<Vec<String>>,
    pub latency_ms: Option<f64>,
}

#[napi(object)]
pub struct AgentInfo {
    pub id: String,
    pub name: String,
    /// "Active", "Idle", "Busy" or "Offline".
    pub status: String,
    pub compute_power: f64,
    pub memory_available: f64,
    pub specializations: Vec<String>,
    pub latency_ms: f64,
}

fn info(a: Agent) -> AgentInfo {
    let status = match a.status {
        AgentStatus::Active => "Active",
        AgentStatus::Idle => "Idle",
        AgentStatus::Busy => "Busy",
        AgentStatus::Offline => "Offline",
    };
    AgentInfo {
        id: a.id.to_string(),
        name: a.name,
        status: status.to_string(),
        compute_power: a.capabilities.compute_power,
        memory_available: a.capabilities.memory_available as f64,
        specializations: a.capabilities.specializations,
        latency_ms: a.capabilities.latency_ms,
    }
}

#[napi(object)]
pub struct TaskRequirementsInput {
    pub min_compute_power: f64,
    pub min_memory: f64,
    pub required_specializations: Vec<String>,
    pub max_latency_ms: f64,
}

#[napi(object)]
pub struct MeshStats {
    pub total_agents: u32,
    /// Agents active or busy.
    pub active_agents: u32,
    pub total_tasks: u32,
    pub completed_tasks: u32,
    /// Nodes in the mesh's QuDAG (one per agent added).
    pub dag_nodes: u32,
}

/// An in-memory mesh of agents.
#[napi]
pub struct NeuralMesh {
    inner: CrateMesh,
}

#[napi]
impl NeuralMesh {
    #[napi(constructor)]
    pub fn new() -> Self {
        NeuralMesh { inner: CrateMesh::new() }
    }

    /// Adds an idle agent and returns its id.
    #[napi]
    pub fn add_agent(&self, input: AgentInput) -> Result<String> {
        let defaults = Capabilities::default();
        let mut agent = Agent::new(input.name);
        agent.capabilities = Capabilities {
            compute_power: input.compute_power.unwrap_or(defaults.compute_power),
            memory_available: input.memory_available.map_or(defaults.memory_available, |m| m as usize),
            specializations: input.specializations.unwrap_or(defaults.specializations),
            latency_ms: input.latency_ms.unwrap_or(defaults.latency_ms),
        };
        let id = futures::executor::block_on(self.inner.add_agent(agent)).map_err(invalid)?;
        Ok(id.to_string())
    }

    #[napi]
    pub fn remove_agent(&self, id: String) -> Result<()> {
        futures::executor::block_on(self.inner.remove_agent(&parse_id(&id)?)).map_err(invalid)
    }

    #[napi]
    pub fn agent(&self, id: String) -> Result<Option<AgentInfo>> {
        Ok(self.inner.get_agent(&parse_id(&id)?).map(info))
    }

    /// All agents, sorted by name (the crate keeps them in a hash map).
    #[napi]
    pub fn agents(&self) -> Vec<AgentInfo> {
        let mut all: Vec<AgentInfo> = self.inner.list_agents().into_iter().map(info).collect();
        all.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        all
    }

    /// Submits a task; it is assigned at once if an agent qualifies.
    /// Returns the task id.
    #[napi]
    pub fn submit_task(&self, name: String, requirements: TaskRequirementsInput) -> Result<String> {
        let requirements = TaskRequirements {
            min_compute_power: requirements.min_compute_power,
            min_memory: requirements.min_memory as usize,
            required_specializations: requirements.required_specializations,
            max_latency_ms: requirements.max_latency_ms,
        };
        let id = futures::executor::block_on(self.inner.submit_task(name, requirements)).map_err(invalid)?;
        Ok(id.to_string())
    }

    #[napi]
    pub fn stats(&self) -> MeshStats {
        let s = self.inner.get_stats();
        MeshStats {
            total_agents: s.total_agents as u32,
            active_agents: s.active_agents as u32,
            total_tasks: s.total_tasks as u32,
            completed_tasks: s.completed_tasks as u32,
            dag_nodes: s.dag_nodes as u32,
        }
    }
}
