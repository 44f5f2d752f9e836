//! Node.js binding of the `daa-economy` crate: its trading engine (balances,
//! market/limit/stop orders, fills on market updates, fees) and its weighted
//! risk assessment.
//!
//! Amounts are exact decimals in the crate, so they cross as strings
//! ("1234.5") rather than as lossy JavaScript numbers.

use std::str::FromStr;

use daa_economy::risk::{RiskCategory, RiskFactor};
use daa_economy::trading::{OrderSide, OrderStatus, OrderType};
use daa_economy::{RiskAssessment, RiskLevel, TradeOrder};
use napi::{Error, Result, Status};
use napi_derive::napi;
use rust_decimal::Decimal;

/// Version of the wrapped `daa-economy` crate.
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

fn decimal(what: &str, s: &str) -> Result<Decimal> {
    Decimal::from_str(s).map_err(|e| invalid(format!("{what} '{s}' is not a decimal: {e}")))
}

/// Without trailing zeros, so "2.50" and "2.5" read the same.
fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

fn level_name(level: &RiskLevel) -> &'static str {
    match level {
        RiskLevel::VeryLow => "veryLow",
        RiskLevel::Low => "low",
        RiskLevel::Medium => "medium",
        RiskLevel::High => "high",
        RiskLevel::VeryHigh => "veryHigh",
        RiskLevel::Critical => "critical",
    }
}

/// The crate's banding of a 0..1 risk score: <= 0.15 veryLow, <= 0.3 low,
/// <= 0.5 medium, <= 0.8 high, <= 0.95 veryHigh, above that critical.
#[napi]
pub fn risk_level_from_score(score: String) -> Result<&'static str> {
    Ok(level_name(&RiskLevel::from_score(decimal("score", &score)?)))
}

#[napi(object)]
pub struct RiskFactorInput {
    pub name: String,
    /// Decimal string.
    pub weight: String,
    /// Decimal string in [0, 1].
    pub score: String,
    /// "market", "liquidity", "credit", "operational", "technical",
    /// "regulatory", "counterparty" or "system".
    pub category: String,
}

#[napi(object)]
pub struct Risk {
    /// Σ weight·score / Σ weight (0 without weight), as a decimal string.
    pub overall_score: String,
    pub risk_level: String,
    /// True from "high" up.
    pub action_required: bool,
    /// The factor names by descending score (ties by name).
    pub top_factors: Vec<String>,
}

fn category(name: &str) -> Result<RiskCategory> {
    Ok(match name {
        "market" => RiskCategory::Market,
        "liquidity" => RiskCategory::Liquidity,
        "credit" => RiskCategory::Credit,
        "operational" => RiskCategory::Operational,
        "technical" => RiskCategory::Technical,
        "regulatory" => RiskCategory::Regulatory,
        "counterparty" => RiskCategory::Counterparty,
        "system" => RiskCategory::SystemRisk,
        other => return Err(invalid(format!("unknown risk category '{other}'"))),
    })
}

/// Combines risk factors into one assessment. A later factor with the same
/// name replaces an earlier one.
#[napi]
pub fn assess_risk(entity: String, factors: Vec<RiskFactorInput>) -> Result<Risk> {
    let mut assessment = RiskAssessment::new(format!("assessment-{entity}"), entity);
    for f in factors {
        let factor = RiskFactor::new(
            f.name,
            String::new(),
            decimal("weight", &f.weight)?,
            decimal("score", &f.score)?,
            category(&f.category)?,
        );
        assessment.add_risk_factor(factor);
    }
    let mut top: Vec<(Decimal, String)> =
        assessment.risk_factors.values().map(|f| (f.score, f.name.clone())).collect();
    top.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(Risk {
        overall_score: text(assessment.overall_score),
        risk_level: level_name(&assessment.risk_level).to_string(),
        action_required: assessment.action_required,
        top_factors: top.into_iter().map(|(_, n)| n).collect(),
    })
}

#[napi(object)]
pub struct OrderInput {
    /// Generated as "order_N" when absent.
    pub id: Option<String>,
    pub symbol: String,
    /// "market", "limit", "stopLoss", "takeProfit" or "trailingStop".
    pub order_type: String,
    /// "buy" or "sell".
    pub side: String,
    pub quantity: String,
    /// Required for limit orders.
    pub price: Option<String>,
    /// Required for stopLoss and takeProfit orders.
    pub stop_price: Option<String>,
}

#[napi(object)]
pub struct OrderState {
    pub id: String,
    pub symbol: String,
    /// "pending", "partiallyFilled", "filled", "cancelled", "rejected" or "expired".
    pub status: String,
    pub quantity: String,
    pub filled_quantity: String,
    pub average_fill_price: String,
}

#[napi(object)]
pub struct Balance {
    pub free: String,
    pub locked: String,
    pub total: String,
}

#[napi(object)]
pub struct TradingStats {
    pub total_orders: u32,
    pub filled_orders: u32,
    pub active_orders: u32,
    pub total_executions: u32,
    /// Σ quantity·price over executions.
    pub total_volume: String,
    pub total_fees: String,
}

fn status_name(status: &OrderStatus) -> &'static str {
    match status {
        OrderStatus::Pending => "pending",
        OrderStatus::PartiallyFilled => "partiallyFilled",
        OrderStatus::Filled => "filled",
        OrderStatus::Cancelled => "cancelled",
        OrderStatus::Rejected => "rejected",
        OrderStatus::Expired => "expired",
    }
}

/// The crate's single-venue trading engine. Buys are paid in "USD" (quantity
/// × limit or last market price is locked when the order is placed); sells
/// lock the symbol's own balance. A fee of feeRate × value is charged in USD
/// on every fill.
#[napi]
pub struct TradingEngine {
    inner: daa_economy::TradingEngine,
}

#[napi]
impl TradingEngine {
    /// `feeRate` is a decimal string (default "0.001").
    #[napi(constructor)]
    pub fn new(fee_rate: Option<String>) -> Result<Self> {
        let mut inner = daa_economy::TradingEngine::new();
        if let Some(rate) = fee_rate {
            inner = inner.with_fee_rate(decimal("feeRate", &rate)?);
        }
        Ok(TradingEngine { inner })
    }

    /// Replaces the asset's balance (all of it free).
    #[napi]
    pub fn set_balance(&mut self, asset: String, amount: String) -> Result<()> {
        let amount = decimal("amount", &amount)?;
        self.inner.set_balance(asset, amount);
        Ok(())
    }

    #[napi]
    pub fn balance(&self, asset: String) -> Option<Balance> {
        let balances = self.inner.get_account_balance().ok()?;
        balances.get(&asset).map(|b| Balance {
            free: text(b.free_balance),
            locked: text(b.locked_balance),
            total: text(b.total_balance),
        })
    }

    #[napi]
    pub fn update_market_price(&mut self, symbol: String, price: String) -> Result<()> {
        let price = decimal("price", &price)?;
        self.inner.update_market_price(symbol, price);
        Ok(())
    }

    /// Validates the order, locks its funds, fills a market order at once
    /// when the symbol has a price, and returns the order id.
    #[napi]
    pub fn place_order(&mut self, order: OrderInput) -> Result<String> {
        let order_type = match order.order_type.as_str() {
            "market" => OrderType::Market,
            "limit" => OrderType::Limit,
            "stopLoss" => OrderType::StopLoss,
            "takeProfit" => OrderType::TakeProfit,
            "trailingStop" => OrderType::TrailingStop,
            other => return Err(invalid(format!("unknown order type '{other}'"))),
        };
        let side = match order.side.as_str() {
            "buy" => OrderSide::Buy,
            "sell" => OrderSide::Sell,
            other => return Err(invalid(format!("unknown side '{other}' (expected buy or sell)"))),
        };
        let mut built = TradeOrder::new(
            order.id.unwrap_or_default(),
            order.symbol,
            order_type,
            side,
            decimal("quantity", &order.quantity)?,
        );
        if let Some(price) = order.price {
            built = built.with_price(decimal("price", &price)?);
        }
        if let Some(stop) = order.stop_price {
            built = built.with_stop_price(decimal("stopPrice", &stop)?);
        }
        self.inner.place_order(built).map_err(fail)
    }

    #[napi]
    pub fn cancel_order(&mut self, id: String) -> Result<()> {
        self.inner.cancel_order(&id).map_err(fail)
    }

    #[napi]
    pub fn order(&self, id: String) -> Option<OrderState> {
        self.inner.get_order(&id).map(|o| OrderState {
            id: o.id.clone(),
            symbol: o.symbol.clone(),
            status: status_name(&o.status).to_string(),
            quantity: text(o.quantity),
            filled_quantity: text(o.filled_quantity),
            average_fill_price: text(o.average_fill_price),
        })
    }

    /// Records a new price and fills the symbol's limit orders it crosses
    /// (buy at or below, sell at or above the limit) and stop-loss orders it
    /// triggers, each at this price. Returns the filled order ids, sorted
    /// (the crate walks its orders in hash order).
    #[napi]
    pub fn process_market_update(&mut self, symbol: String, price: String) -> Result<Vec<String>> {
        let price = decimal("price", &price)?;
        let mut filled = self.inner.process_market_update(symbol, price).map_err(fail)?;
        filled.sort();
        Ok(filled)
    }

    #[napi]
    pub fn stats(&self) -> TradingStats {
        let s = self.inner.get_trading_stats();
        TradingStats {
            total_orders: s.total_orders as u32,
            filled_orders: s.filled_orders as u32,
            active_orders: s.active_orders as u32,
            total_executions: s.total_executions as u32,
            total_volume: text(s.total_volume),
            total_fees: text(s.total_fees),
        }
    }
}
