//! Node.js binding of the `governance` crate: members with roles and
//! reputation-weighted voting power, proposals, votes with delegation,
//! finalization against quorum and threshold, time-locked execution and
//! vetoes.
//!
//! Amounts are `rust_decimal` values in the crate; they cross as decimal
//! strings. Whole proposals and members are returned as JSON through the
//! crate's own serde representation.

use governance::error::GovernanceError;
use governance::types::{ExecutionConfig, GovernanceConfig, ProposalType, Role, VoteType, VotingResults};
use governance::GovernanceSystem;
use napi::{Error, Result, Status};
use napi_derive::napi;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Version of the wrapped `governance` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn gov(e: GovernanceError) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn decimal(field: &str, value: &str) -> Result<Decimal> {
    Decimal::from_str(value.trim()).map_err(|e| invalid(format!("{field}: '{value}' is not a decimal number ({e})")))
}

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

fn json_error(e: serde_json::Error) -> Error {
    Error::from_reason(e.to_string())
}

fn role(name: &str) -> Result<Role> {
    match name {
        "admin" => Ok(Role::Admin),
        "guardian" => Ok(Role::Guardian),
        "member" => Ok(Role::Member),
        "observer" => Ok(Role::Observer),
        other => Err(invalid(format!("unknown role '{other}' (expected admin, guardian, member or observer)"))),
    }
}

fn vote_type(name: &str) -> Result<VoteType> {
    match name {
        "for" => Ok(VoteType::For),
        "against" => Ok(VoteType::Against),
        "abstain" => Ok(VoteType::Abstain),
        other => Err(invalid(format!("unknown vote '{other}' (expected for, against or abstain)"))),
    }
}

/// Governance rules; each defaults to the crate's value.
#[napi(object)]
pub struct GovernanceOptions {
    /// Participation needed, in percent of all effective voting power (default "50").
    pub quorum_percentage: Option<String>,
    /// Approval needed among for + against votes, in percent (default "66").
    pub passing_threshold: Option<String>,
    /// How long a proposal is open for votes (default 7 days).
    pub voting_period_seconds: Option<i64>,
    /// Delay between passing and execution (default 24 hours).
    pub timelock_seconds: Option<i64>,
    /// How long after the timelock a veto is still possible (default 48 hours).
    pub veto_period_seconds: Option<i64>,
}

#[napi(object)]
pub struct VotingStatistics {
    pub total_votes: u32,
    pub total_members: u32,
    pub votes_for: String,
    pub votes_against: String,
    pub votes_abstain: String,
    pub total_voting_power: String,
    pub participation_rate: String,
    pub approval_rate: String,
    pub quorum_reached: bool,
    pub passed: bool,
}

/// A governance body: members, proposals and their votes, kept in memory.
#[napi]
pub struct Governance {
    inner: GovernanceSystem,
}

#[napi]
impl Governance {
    #[napi(constructor)]
    pub fn new(options: Option<GovernanceOptions>) -> Result<Self> {
        let mut config = GovernanceConfig::default();
        if let Some(o) = options {
            let e = ExecutionConfig::default();
            if let Some(q) = o.quorum_percentage {
                config.quorum_percentage = decimal("quorumPercentage", &q)?;
            }
            if let Some(t) = o.passing_threshold {
                config.passing_threshold = decimal("passingThreshold", &t)?;
            }
            if let Some(v) = o.voting_period_seconds {
                config.voting_period_seconds = v;
            }
            config.execution_config = ExecutionConfig {
                timelock_duration_seconds: o.timelock_seconds.unwrap_or(e.timelock_duration_seconds),
                veto_period_seconds: o.veto_period_seconds.unwrap_or(e.veto_period_seconds),
                auto_execute: false,
            };
        }
        Ok(Governance { inner: GovernanceSystem::new(config) })
    }

    /// Adds a member with base reputation 100; voting power must not be negative.
    #[napi]
    pub fn register_member(&self, id: String, role_name: String, voting_power: String) -> Result<()> {
        let power = decimal("votingPower", &voting_power)?;
        self.inner.register_member(id, role(&role_name)?, power).map_err(gov)
    }

    /// Opens a proposal for voting and returns its id. `proposalType` is the
    /// crate's JSON form, e.g. `{"EmergencyAction":{"action":"halt","reason":"..."}}`.
    #[napi]
    pub fn create_proposal(&self, title: String, description: String, proposal_type: String, proposer: String) -> Result<String> {
        let kind: ProposalType =
            serde_json::from_str(&proposal_type).map_err(|e| invalid(format!("invalid proposal type: {e}")))?;
        self.inner.create_proposal(title, description, kind, proposer).map_err(gov)
    }

    /// Casts a vote weighted by the voter's effective power plus the power
    /// of every member who delegated to them.
    #[napi]
    pub fn vote(&self, proposal_id: String, voter_id: String, vote: String, reason: Option<String>) -> Result<()> {
        self.inner.vote(&proposal_id, &voter_id, vote_type(&vote)?, reason).map_err(gov)
    }

    #[napi]
    pub fn delegate(&self, from: String, to: String) -> Result<()> {
        self.inner.delegate(&from, &to).map_err(gov)
    }

    /// Tallies a proposal whose voting period has ended and moves it to
    /// Passed (then time-locked), Rejected, or Expired (no quorum).
    #[napi]
    pub fn finalize_voting(&self, proposal_id: String) -> Result<()> {
        self.inner.finalize_voting(&proposal_id).map_err(gov)
    }

    /// Executes a passed proposal whose timelock has expired and returns the
    /// crate's description of what was done.
    #[napi]
    pub fn execute_proposal(&self, proposal_id: String, executor_id: String) -> Result<String> {
        self.inner.execute_proposal(&proposal_id, &executor_id).map(|r| r.message).map_err(gov)
    }

    #[napi]
    pub fn veto_proposal(&self, proposal_id: String, vetoer_id: String, reason: String) -> Result<()> {
        self.inner.veto_proposal(&proposal_id, &vetoer_id, reason).map_err(gov)
    }

    /// The proposal as JSON (the crate's serde form: state, votes, results, ...).
    #[napi]
    pub fn proposal(&self, proposal_id: String) -> Result<String> {
        serde_json::to_string(&self.inner.get_proposal(&proposal_id).map_err(gov)?).map_err(json_error)
    }

    /// The member as JSON (role, voting power, reputation, counters, delegation).
    #[napi]
    pub fn member(&self, member_id: String) -> Result<String> {
        serde_json::to_string(&self.inner.get_member(&member_id).map_err(gov)?).map_err(json_error)
    }

    /// Vote counts as of the last tally (zero before finalizeVoting), with
    /// the current totals of members and voting power.
    #[napi]
    pub fn voting_statistics(&self, proposal_id: String) -> Result<VotingStatistics> {
        let s = self.inner.get_voting_statistics(&proposal_id).map_err(gov)?;
        Ok(VotingStatistics {
            total_votes: s.total_votes as u32,
            total_members: s.total_members as u32,
            votes_for: text(s.votes_for),
            votes_against: text(s.votes_against),
            votes_abstain: text(s.votes_abstain),
            total_voting_power: text(s.total_voting_power),
            participation_rate: text(s.participation_rate),
            approval_rate: text(s.approval_rate),
            quorum_reached: s.quorum_reached,
            passed: s.passed,
        })
    }

    /// Sum of every member's effective voting power (power x reputation / 100).
    #[napi(getter)]
    pub fn total_voting_power(&self) -> String {
        text(self.inner.members().total_voting_power())
    }

    #[napi(getter)]
    pub fn member_count(&self) -> u32 {
        self.inner.member_count() as u32
    }

    #[napi(getter)]
    pub fn proposal_count(&self) -> u32 {
        self.inner.proposal_count() as u32
    }
}

/// Vote totals to tally, as decimal strings.
#[napi(object)]
pub struct Tally {
    pub votes_for: String,
    pub votes_against: String,
    pub votes_abstain: String,
    pub total_voting_power: String,
    pub quorum_percentage: String,
    pub passing_threshold: String,
}

#[napi(object)]
pub struct TallyResult {
    pub total_votes: String,
    pub participation_rate: String,
    pub approval_rate: String,
    pub quorum_reached: bool,
    pub passed: bool,
}

/// The crate's tally rule on its own: participation = all votes / total
/// power, approval = for / (for + against), both in percent; a proposal
/// passes when both reach their bars.
#[napi]
pub fn tally_votes(tally: Tally) -> Result<TallyResult> {
    let mut r = VotingResults::new();
    r.votes_for = decimal("votesFor", &tally.votes_for)?;
    r.votes_against = decimal("votesAgainst", &tally.votes_against)?;
    r.votes_abstain = decimal("votesAbstain", &tally.votes_abstain)?;
    r.total_voting_power = decimal("totalVotingPower", &tally.total_voting_power)?;
    r.calculate(
        decimal("quorumPercentage", &tally.quorum_percentage)?,
        decimal("passingThreshold", &tally.passing_threshold)?,
    );
    Ok(TallyResult {
        total_votes: text(r.total_votes),
        participation_rate: text(r.participation_rate),
        approval_rate: text(r.approval_rate),
        quorum_reached: r.quorum_reached,
        passed: r.passed,
    })
}
