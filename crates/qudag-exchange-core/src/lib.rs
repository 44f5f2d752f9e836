//! Node.js binding of the `qudag-exchange-core` crate: its dynamic fee model
//! for rUv transfers, account ids derived from public keys, and the ledger of
//! balances and agent statuses the fees are computed from.
//!
//! `Ledger::transfer` (and `transfer_with_fee`, which calls it) is left out:
//! it takes a DashMap write guard on the sender and then one on the
//! recipient, so whenever both accounts hash to the same shard the second
//! lock waits for the first forever and would hang the JS thread.

use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use qudag_exchange_core::ledger::LedgerConfig;
use qudag_exchange_core::types::Timestamp;
use qudag_exchange_core::{rUv, AccountId, AgentStatus, FeeModel, FeeModelParams};

/// Version of the wrapped `qudag-exchange-core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn exchange_error(e: qudag_exchange_core::Error) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

fn invalid(message: String) -> Error {
    Error::new(Status::InvalidArg, message)
}

// JS numbers are exact only up to 2^53, so larger amounts are refused
// rather than silently rounded.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

fn amount(value: f64, what: &str) -> Result<u64> {
    if value.is_finite() && value >= 0.0 && value <= MAX_SAFE && value.fract() == 0.0 {
        Ok(value as u64)
    } else {
        Err(invalid(format!(
            "{what} must be a whole number from 0 to 2^53 - 1, not {value}"
        )))
    }
}

/// Parameters of the fee model; each field defaults to the crate's value.
#[napi(object)]
pub struct FeeParams {
    /// Introductory rate for unverified agents (0.001).
    pub f_min: Option<f64>,
    /// Ceiling for unverified agents (0.01).
    pub f_max: Option<f64>,
    /// Floor for verified agents (0.0025).
    pub f_min_verified: Option<f64>,
    /// Ceiling for verified agents (0.005).
    pub f_max_verified: Option<f64>,
    /// T of the phase-in 1 - e^(-t/T), in seconds (90 days).
    pub time_constant_seconds: Option<f64>,
    /// U of the usage scaling 1 - e^(-u/U), in rUv per month (10000).
    pub usage_threshold_ruv: Option<f64>,
}

fn fee_model(params: Option<FeeParams>) -> Result<FeeModel> {
    let mut p = FeeModelParams::default();
    if let Some(o) = params {
        if let Some(v) = o.f_min {
            p.f_min = v;
        }
        if let Some(v) = o.f_max {
            p.f_max = v;
        }
        if let Some(v) = o.f_min_verified {
            p.f_min_verified = v;
        }
        if let Some(v) = o.f_max_verified {
            p.f_max_verified = v;
        }
        if let Some(v) = o.time_constant_seconds {
            p.time_constant_seconds = amount(v, "timeConstantSeconds")?;
        }
        if let Some(v) = o.usage_threshold_ruv {
            p.usage_threshold_ruv = amount(v, "usageThresholdRuv")?;
        }
    }
    FeeModel::with_params(p).map_err(|e| invalid(format!("invalid fee parameters: {e}")))
}

/// Who pays: the fee depends on verification, monthly volume and how long
/// ago the agent's first transaction was.
#[napi(object)]
pub struct Agent {
    pub verified: bool,
    pub monthly_usage_ruv: f64,
    pub seconds_since_first_tx: f64,
}

fn agent_status(agent: &Agent) -> Result<(AgentStatus, Timestamp)> {
    let mut status = if agent.verified {
        AgentStatus::new_verified(Timestamp::new(0), Vec::new())
    } else {
        AgentStatus::new_unverified(Timestamp::new(0))
    };
    status.update_usage(amount(agent.monthly_usage_ruv, "monthlyUsageRuv")?);
    let now = Timestamp::new(amount(agent.seconds_since_first_tx, "secondsSinceFirstTx")?);
    Ok((status, now))
}

/// Fee rate as a fraction. Unverified agents pay
/// fMin + (fMax - fMin)·α·β, rising with time and usage; verified agents pay
/// fMinVerified + (fMaxVerified - fMinVerified)·α·(1 - β), falling with
/// usage; α = 1 - e^(-t/T), β = 1 - e^(-u/U).
#[napi]
pub fn fee_rate(agent: Agent, params: Option<FeeParams>) -> Result<f64> {
    let model = fee_model(params)?;
    let (status, now) = agent_status(&agent)?;
    model
        .calculate_fee_rate(&status, now)
        .map_err(exchange_error)
}

/// Fee in whole rUv on `amount`: the rate times the amount, rounded down.
#[napi]
pub fn fee_amount(amount_ruv: f64, agent: Agent, params: Option<FeeParams>) -> Result<f64> {
    let model = fee_model(params)?;
    let (status, now) = agent_status(&agent)?;
    model
        .calculate_fee_amount(rUv::new(amount(amount_ruv, "amount")?), &status, now)
        .map(|fee| fee.amount() as f64)
        .map_err(exchange_error)
}

/// The account id the exchange gives a public key: "acc_" and the first 16
/// hex digits of its BLAKE3 hash.
#[napi]
pub fn account_id_from_public_key(public_key: Buffer) -> String {
    AccountId::from_public_key(&public_key).as_str().to_string()
}

#[napi(object)]
pub struct LedgerOptions {
    /// Minting beyond this total supply is refused (default 2^53 - 1 here).
    pub max_supply: Option<f64>,
    /// Fee model for `feeFor`; the crate's defaults when absent.
    pub fee: Option<FeeParams>,
}

/// Balances of rUv accounts and the fee status of agents.
#[napi]
pub struct Ledger {
    inner: qudag_exchange_core::Ledger,
}

#[napi]
impl Ledger {
    #[napi(constructor)]
    pub fn new(options: Option<LedgerOptions>) -> Result<Self> {
        let (max_supply, fee) = match options {
            Some(o) => (o.max_supply, o.fee),
            None => (None, None),
        };
        let config = LedgerConfig {
            max_supply: rUv::new(amount(max_supply.unwrap_or(MAX_SAFE), "maxSupply")?),
            ..LedgerConfig::default()
        };
        Ok(Self {
            inner: qudag_exchange_core::Ledger::with_fee_model(config, fee_model(fee)?),
        })
    }

    #[napi(getter)]
    pub fn total_supply(&self) -> f64 {
        self.inner.total_supply().amount() as f64
    }

    /// Every account id, sorted.
    #[napi(getter)]
    pub fn account_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .inner
            .account_ids()
            .iter()
            .map(|id| id.as_str().to_string())
            .collect();
        ids.sort();
        ids
    }

    #[napi]
    pub fn create_account(&mut self, id: String) -> Result<()> {
        self.inner
            .create_account(AccountId::new(id))
            .map_err(exchange_error)
    }

    /// Creates `value` new rUv in account `id`.
    #[napi]
    pub fn mint(&mut self, id: String, value: f64) -> Result<()> {
        let value = rUv::new(amount(value, "amount")?);
        self.inner
            .mint(&AccountId::new(id), value)
            .map_err(exchange_error)
    }

    /// Destroys `value` rUv of account `id`.
    #[napi]
    pub fn burn(&mut self, id: String, value: f64) -> Result<()> {
        let value = rUv::new(amount(value, "amount")?);
        self.inner
            .burn(&AccountId::new(id), value)
            .map_err(exchange_error)
    }

    #[napi]
    pub fn balance(&self, id: String) -> Result<f64> {
        self.inner
            .get_balance(&AccountId::new(id))
            .map(|b| b.amount() as f64)
            .map_err(exchange_error)
    }

    /// Starts fee tracking for `id`, whose first transaction was at
    /// `firstTxSeconds` (any epoch, as long as `feeFor` uses the same).
    #[napi]
    pub fn register_agent(&mut self, id: String, verified: bool, first_tx_seconds: f64) -> Result<()> {
        let first = Timestamp::new(amount(first_tx_seconds, "firstTxSeconds")?);
        self.inner
            .create_agent_status(&AccountId::new(id), verified, first)
            .map_err(exchange_error)
    }

    #[napi]
    pub fn set_agent_usage(&mut self, id: String, monthly_usage_ruv: f64) -> Result<()> {
        let usage = amount(monthly_usage_ruv, "monthlyUsageRuv")?;
        self.inner
            .update_agent_usage(&AccountId::new(id), usage)
            .map_err(exchange_error)
    }

    #[napi]
    pub fn verify_agent(&mut self, id: String) -> Result<()> {
        self.inner
            .verify_agent(&AccountId::new(id), Vec::new())
            .map_err(exchange_error)
    }

    /// The fee agent `id` would pay on `amount` at `nowSeconds`.
    #[napi]
    pub fn fee_for(&self, id: String, value: f64, now_seconds: f64) -> Result<f64> {
        let value = rUv::new(amount(value, "amount")?);
        let now = Timestamp::new(amount(now_seconds, "nowSeconds")?);
        self.inner
            .calculate_fee(&AccountId::new(id), value, now)
            .map(|fee| fee.amount() as f64)
            .map_err(exchange_error)
    }
}
