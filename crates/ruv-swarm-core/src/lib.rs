//! Node.js binding of the `ruv-swarm-core` crate: its agent topologies
//! (mesh, star, pipeline, or built edge by edge), the swarm orchestrator that
//! hands queued tasks to capable agents, and the cognitive patterns.
//!
//! Agents are the crate's `DynamicAgent`s: an id, a capability list and a
//! status. Processing a task is not part of the crate's orchestrator (it only
//! records assignments), so nothing here runs JavaScript callbacks.

use std::collections::HashMap;

use napi::{Error, Result, Status};
use napi_derive::napi;
use ruv_swarm_core::agent::{AgentStatus, DynamicAgent};
use ruv_swarm_core::{
    CognitivePattern, DistributionStrategy, Priority, Task, TopologyType,
};

/// Version of the wrapped `ruv-swarm-core` crate.
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

fn cognitive_pattern(name: &str) -> Result<CognitivePattern> {
    Ok(match name {
        "convergent" => CognitivePattern::Convergent,
        "divergent" => CognitivePattern::Divergent,
        "lateral" => CognitivePattern::Lateral,
        "systems" => CognitivePattern::Systems,
        "critical" => CognitivePattern::Critical,
        "abstract" => CognitivePattern::Abstract,
        other => {
            return Err(invalid(format!(
                "unknown cognitive pattern '{other}' (expected convergent, divergent, lateral, systems, critical or abstract)"
            )))
        }
    })
}

fn cognitive_pattern_name(pattern: CognitivePattern) -> &'static str {
    match pattern {
        CognitivePattern::Convergent => "convergent",
        CognitivePattern::Divergent => "divergent",
        CognitivePattern::Lateral => "lateral",
        CognitivePattern::Systems => "systems",
        CognitivePattern::Critical => "critical",
        CognitivePattern::Abstract => "abstract",
    }
}

/// The pattern the crate pairs with `pattern` when it diversifies a swarm's
/// thinking styles.
#[napi]
pub fn complement_pattern(pattern: String) -> Result<&'static str> {
    Ok(cognitive_pattern_name(cognitive_pattern(&pattern)?.complement()))
}

fn topology_type(name: &str) -> Result<TopologyType> {
    Ok(match name {
        "mesh" => TopologyType::Mesh,
        "hierarchical" => TopologyType::Hierarchical,
        "clustered" => TopologyType::Clustered,
        "pipeline" => TopologyType::Pipeline,
        "star" => TopologyType::Star,
        "custom" => TopologyType::Custom,
        other => {
            return Err(invalid(format!(
                "unknown topology '{other}' (expected mesh, hierarchical, clustered, pipeline, star or custom)"
            )))
        }
    })
}

fn topology_type_name(kind: TopologyType) -> &'static str {
    match kind {
        TopologyType::Mesh => "mesh",
        TopologyType::Hierarchical => "hierarchical",
        TopologyType::Clustered => "clustered",
        TopologyType::Pipeline => "pipeline",
        TopologyType::Star => "star",
        TopologyType::Custom => "custom",
    }
}

/// A graph of agent ids. Edges are undirected except in a pipeline, where
/// `addConnection` only adds `from -> to`.
#[napi]
pub struct Topology {
    inner: ruv_swarm_core::Topology,
}

#[napi]
impl Topology {
    /// An empty topology of the given kind.
    #[napi(constructor)]
    pub fn new(kind: String) -> Result<Self> {
        Ok(Topology { inner: ruv_swarm_core::Topology::new(topology_type(&kind)?) })
    }

    /// Every agent connected to every other.
    #[napi(factory)]
    pub fn mesh(agents: Vec<String>) -> Self {
        Topology { inner: ruv_swarm_core::Topology::mesh(&agents) }
    }

    /// `center` connected to each agent, the agents only to `center`.
    #[napi(factory)]
    pub fn star(center: String, agents: Vec<String>) -> Self {
        Topology { inner: ruv_swarm_core::Topology::star(center, &agents) }
    }

    /// Each agent connected to the one before and the one after it.
    #[napi(factory)]
    pub fn pipeline(agents: Vec<String>) -> Self {
        Topology { inner: ruv_swarm_core::Topology::pipeline(&agents) }
    }

    #[napi(getter)]
    pub fn kind(&self) -> &'static str {
        topology_type_name(self.inner.topology_type)
    }

    #[napi]
    pub fn add_connection(&mut self, from: String, to: String) {
        self.inner.add_connection(from, to);
    }

    #[napi]
    pub fn remove_connection(&mut self, from: String, to: String) {
        self.inner.remove_connection(&from, &to);
    }

    /// The agent's neighbours, sorted (the crate keeps them in a hash set);
    /// null for an agent the topology does not know.
    #[napi]
    pub fn neighbors(&self, agent: String) -> Option<Vec<String>> {
        self.inner.get_neighbors(&agent).map(|set| {
            let mut list: Vec<String> = set.iter().cloned().collect();
            list.sort();
            list
        })
    }

    #[napi]
    pub fn are_connected(&self, from: String, to: String) -> bool {
        self.inner.are_connected(&from, &to)
    }

    /// The crate's count: the sum of all neighbour-set sizes halved, i.e. the
    /// number of undirected edges.
    #[napi]
    pub fn connection_count(&self) -> u32 {
        self.inner.connection_count() as u32
    }

    /// Whether every agent with an entry is reachable from one of them.
    #[napi]
    pub fn is_fully_connected(&self) -> bool {
        self.inner.is_fully_connected()
    }

    #[napi]
    pub fn add_to_group(&mut self, group: String, agent: String) {
        self.inner.add_to_group(group, agent);
    }

    /// The group's members in the order they were added; null for an unknown group.
    #[napi]
    pub fn group(&self, name: String) -> Option<Vec<String>> {
        self.inner.get_group(&name).cloned()
    }
}

/// How to build a swarm.
#[napi(object)]
pub struct SwarmOptions {
    /// "mesh" (default), "star", "pipeline", "hierarchical", "clustered" or "custom".
    /// Only mesh and star connect agents as they register.
    pub topology: Option<String>,
    /// "leastLoaded" (default), "roundRobin", "random", "priority" or
    /// "capabilityBased".
    pub strategy: Option<String>,
    /// At most this many agents (default 100).
    pub max_agents: Option<u32>,
}

/// A task to queue.
#[napi(object)]
pub struct TaskOptions {
    pub id: String,
    pub task_type: String,
    /// "low", "normal" (default), "high" or "critical".
    pub priority: Option<String>,
    /// Only agents with all of these capabilities take the task.
    pub required_capabilities: Option<Vec<String>>,
}

/// One task handed to one agent.
#[napi(object)]
pub struct Assignment {
    pub task_id: String,
    pub agent_id: String,
}

#[napi(object)]
pub struct SwarmMetrics {
    pub total_agents: u32,
    /// Agents whose status is "running".
    pub active_agents: u32,
    pub queued_tasks: u32,
    pub assigned_tasks: u32,
    pub total_connections: u32,
}

fn strategy(name: &str) -> Result<DistributionStrategy> {
    Ok(match name {
        "leastLoaded" => DistributionStrategy::LeastLoaded,
        "roundRobin" => DistributionStrategy::RoundRobin,
        "random" => DistributionStrategy::Random,
        "priority" => DistributionStrategy::Priority,
        "capabilityBased" => DistributionStrategy::CapabilityBased,
        other => {
            return Err(invalid(format!(
                "unknown strategy '{other}' (expected leastLoaded, roundRobin, random, priority or capabilityBased)"
            )))
        }
    })
}

fn priority(name: &str) -> Result<Priority> {
    Ok(match name {
        "low" => Priority::Low,
        "normal" => Priority::Normal,
        "high" => Priority::High,
        "critical" => Priority::Critical,
        other => return Err(invalid(format!("unknown priority '{other}' (expected low, normal, high or critical)"))),
    })
}

fn agent_status(name: &str) -> Result<AgentStatus> {
    Ok(match name {
        "idle" => AgentStatus::Idle,
        "running" => AgentStatus::Running,
        "busy" => AgentStatus::Busy,
        "offline" => AgentStatus::Offline,
        "error" => AgentStatus::Error,
        other => {
            return Err(invalid(format!("unknown agent status '{other}' (expected idle, running, busy, offline or error)")))
        }
    })
}

fn agent_status_name(status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::Idle => "idle",
        AgentStatus::Running => "running",
        AgentStatus::Busy => "busy",
        AgentStatus::Offline => "offline",
        AgentStatus::Error => "error",
    }
}

/// The crate's orchestrator: agents register (starting as "running"), tasks
/// queue up, and `distributeTasks` assigns each queued task to a running
/// agent that has all its required capabilities.
#[napi]
pub struct Swarm {
    inner: ruv_swarm_core::Swarm,
}

#[napi]
impl Swarm {
    #[napi(constructor)]
    pub fn new(options: Option<SwarmOptions>) -> Result<Self> {
        let mut config = ruv_swarm_core::SwarmConfig::default();
        if let Some(options) = options {
            if let Some(kind) = options.topology {
                config.topology_type = topology_type(&kind)?;
            }
            if let Some(name) = options.strategy {
                config.distribution_strategy = strategy(&name)?;
            }
            if let Some(max) = options.max_agents {
                config.max_agents = max as usize;
            }
        }
        Ok(Swarm { inner: ruv_swarm_core::Swarm::new(config) })
    }

    /// Adds an agent; an error once the swarm holds `maxAgents`.
    #[napi]
    pub fn register_agent(&mut self, id: String, capabilities: Vec<String>) -> Result<()> {
        self.inner.register_agent(DynamicAgent::new(id, capabilities)).map_err(fail)
    }

    #[napi]
    pub fn unregister_agent(&mut self, id: String) -> Result<()> {
        self.inner.unregister_agent(&id).map_err(fail)
    }

    /// Only "running" agents are given tasks.
    #[napi]
    pub fn set_agent_status(&mut self, id: String, status: String) -> Result<()> {
        let status = agent_status(&status)?;
        let agent = self
            .inner
            .get_agent_mut(&id)
            .ok_or_else(|| fail(format!("Agent not found: {id}")))?;
        agent.set_status(status);
        Ok(())
    }

    #[napi]
    pub fn agent_statuses(&self) -> HashMap<String, &'static str> {
        self.inner
            .agent_statuses()
            .into_iter()
            .map(|(id, status)| (id, agent_status_name(status)))
            .collect()
    }

    #[napi]
    pub fn submit_task(&mut self, task: TaskOptions) -> Result<()> {
        let mut built = Task::new(task.id, task.task_type);
        if let Some(name) = task.priority {
            built = built.with_priority(priority(&name)?);
        }
        for capability in task.required_capabilities.unwrap_or_default() {
            built = built.require_capability(capability);
        }
        self.inner.submit_task(built).map_err(fail)
    }

    /// Assigns what it can, newest task first (the crate pops its queue);
    /// tasks no running agent can take stay queued.
    #[napi]
    pub fn distribute_tasks(&mut self) -> Result<Vec<Assignment>> {
        let assignments = futures::executor::block_on(self.inner.distribute_tasks()).map_err(fail)?;
        Ok(assignments
            .into_iter()
            .map(|(task, agent)| Assignment { task_id: task.0, agent_id: agent })
            .collect())
    }

    #[napi]
    pub fn metrics(&self) -> SwarmMetrics {
        let m = self.inner.metrics();
        SwarmMetrics {
            total_agents: m.total_agents as u32,
            active_agents: m.active_agents as u32,
            queued_tasks: m.queued_tasks as u32,
            assigned_tasks: m.assigned_tasks as u32,
            total_connections: m.total_connections as u32,
        }
    }
}
