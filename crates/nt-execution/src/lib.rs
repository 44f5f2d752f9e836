//! Node.js binding of the `nt-execution` crate's fill reconciliation:
//! checking what a broker reports for an order (status, filled quantity,
//! average fill price, fill time) against what was expected when it was
//! placed.
//!
//! The broker and data-provider clients (Alpaca, IBKR, Polygon, CCXT,
//! Questrade, OANDA, Lime, Alpha Vantage, NewsAPI, Yahoo Finance, the Odds
//! API), the order manager and the router all place or fetch orders over the
//! network and are not exposed. The crate's reconciler fetches the order
//! through its BrokerClient trait; here that trait answers with the report
//! the caller already holds. Prices cross as decimal strings (the crate uses
//! rust_decimal).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures::executor::block_on;
use napi::{Error, Result, Status};
use napi_derive::napi;
use nt_execution::fill_reconciliation::{Discrepancy, FillReconciler as CrateReconciler, ReconciliationStatus};
use nt_execution::{
    Account, BrokerClient, BrokerError, HealthStatus, OrderFilter, OrderRequest, OrderResponse, OrderStatus, Position,
    Symbol,
};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// Version of the wrapped `nt-execution` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn decimal(field: &str, value: &str) -> Result<Decimal> {
    Decimal::from_str(value.trim()).map_err(|e| invalid(format!("{field}: '{value}' is not a decimal number ({e})")))
}

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

fn status_name(status: OrderStatus) -> String {
    serde_json::to_value(status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// A broker that knows one order: the report passed to reconcile().
struct ReportedOrder(OrderResponse);

fn not_offered<T>() -> nt_execution::Result<T> {
    Err(BrokerError::Unavailable("only the reported order is known".to_string()))
}

#[async_trait]
impl BrokerClient for ReportedOrder {
    async fn get_account(&self) -> nt_execution::Result<Account> {
        not_offered()
    }
    async fn get_positions(&self) -> nt_execution::Result<Vec<Position>> {
        not_offered()
    }
    async fn place_order(&self, _order: OrderRequest) -> nt_execution::Result<OrderResponse> {
        not_offered()
    }
    async fn cancel_order(&self, _order_id: &str) -> nt_execution::Result<()> {
        not_offered()
    }
    async fn get_order(&self, order_id: &str) -> nt_execution::Result<OrderResponse> {
        if order_id == self.0.order_id {
            Ok(self.0.clone())
        } else {
            Err(BrokerError::OrderNotFound(order_id.to_string()))
        }
    }
    async fn list_orders(&self, _filter: OrderFilter) -> nt_execution::Result<Vec<OrderResponse>> {
        not_offered()
    }
    async fn health_check(&self) -> nt_execution::Result<HealthStatus> {
        Ok(HealthStatus::Healthy)
    }
}

/// What the broker reports for an order.
#[napi(object)]
pub struct OrderReport {
    /// The crate's status names: "pending", "accepted", "partiallyfilled",
    /// "filled", "cancelled", "rejected" or "expired".
    pub status: String,
    pub filled_qty: u32,
    /// Average fill price, a decimal string.
    pub filled_avg_price: Option<String>,
    /// When the order filled, in milliseconds since the Unix epoch.
    pub filled_at_ms: Option<f64>,
}

fn discrepancy_json(d: &Discrepancy) -> Value {
    match d {
        Discrepancy::QuantityMismatch { expected, actual, difference } => {
            json!({ "kind": "quantityMismatch", "expected": expected, "actual": actual, "difference": difference })
        }
        Discrepancy::PriceDeviation { expected, actual, deviation_pct } => json!({
            "kind": "priceDeviation", "expected": text(*expected), "actual": text(*actual), "deviationPct": text(*deviation_pct),
        }),
        Discrepancy::StatusMismatch { expected, actual } => {
            json!({ "kind": "statusMismatch", "expected": status_name(*expected), "actual": status_name(*actual) })
        }
        Discrepancy::TimingAnomaly { message } => json!({ "kind": "timingAnomaly", "message": message }),
    }
}

/// The crate's fill reconciler. Orders are registered with what is expected
/// of them, then reconciled once against the broker's report: a filled
/// quantity other than expected (or short of it for a partial fill), an
/// average price outside the expected range, and a fill more than a minute
/// after registration are discrepancies. A result is "matched" without any,
/// "error" when a price deviates by more than the maximum deviation, and
/// "warning" otherwise.
#[napi]
pub struct FillReconciler {
    inner: CrateReconciler,
}

#[napi]
impl FillReconciler {
    /// `maxPriceDeviation` is a fraction, as a decimal string ("0.01" = 1 %).
    #[napi(constructor)]
    pub fn new(max_price_deviation: String) -> Result<Self> {
        let max = decimal("maxPriceDeviation", &max_price_deviation)?;
        Ok(FillReconciler { inner: CrateReconciler::new(max) })
    }

    /// Expects `expectedQty` to fill, at an average price within
    /// `[min, max]` (decimal strings) when a range is given. The symbol must
    /// be alphanumeric; it is upper-cased.
    #[napi]
    pub fn register_order(
        &self,
        order_id: String,
        symbol: String,
        expected_qty: u32,
        price_range: Option<Vec<String>>,
    ) -> Result<()> {
        let symbol = Symbol::new(symbol).map_err(invalid)?;
        let range = match price_range.as_deref() {
            None => None,
            Some([min, max]) => {
                let (min, max) = (decimal("priceRange[0]", min)?, decimal("priceRange[1]", max)?);
                // The deviation is taken relative to the range's midpoint.
                if (min + max).is_zero() {
                    return Err(invalid("priceRange must not have a zero midpoint"));
                }
                Some((min, max))
            }
            Some(_) => return Err(invalid("priceRange must be [min, max]")),
        };
        self.inner.register_order(order_id, symbol, expected_qty, range);
        Ok(())
    }

    /// Reconciles a registered order against the broker's report and forgets
    /// it. Returns JSON: `{ orderId, status, discrepancies, checkedAt }`, each
    /// discrepancy with a `kind` ("quantityMismatch", "priceDeviation",
    /// "statusMismatch", "timingAnomaly"), prices as decimal strings. An order
    /// never registered gives "warning" with no discrepancies, as in the crate.
    #[napi]
    pub fn reconcile(&self, order_id: String, report: OrderReport) -> Result<String> {
        let status: OrderStatus = serde_json::from_value(Value::String(report.status.clone())).map_err(|_| {
            invalid(format!(
                "unknown order status '{}' (expected pending, accepted, partiallyfilled, filled, cancelled, rejected or expired)",
                report.status
            ))
        })?;
        let filled_avg_price = report.filled_avg_price.as_deref().map(|p| decimal("filledAvgPrice", p)).transpose()?;
        let filled_at = match report.filled_at_ms {
            None => None,
            Some(ms) => Some(
                DateTime::<Utc>::from_timestamp_millis(ms as i64)
                    .filter(|_| ms.is_finite())
                    .ok_or_else(|| invalid(format!("filledAtMs: {ms} is not a representable time")))?,
            ),
        };
        let broker = ReportedOrder(OrderResponse {
            order_id: order_id.clone(),
            client_order_id: String::new(),
            status,
            filled_qty: report.filled_qty,
            filled_avg_price,
            submitted_at: Utc::now(),
            filled_at,
        });
        let result = block_on(self.inner.reconcile(&order_id, &broker)).map_err(|e| Error::from_reason(e.to_string()))?;
        let status = match result.status {
            ReconciliationStatus::Matched => "matched",
            ReconciliationStatus::Warning => "warning",
            ReconciliationStatus::Error => "error",
        };
        let out = json!({
            "orderId": result.order_id,
            "status": status,
            "discrepancies": result.discrepancies.iter().map(discrepancy_json).collect::<Vec<_>>(),
            "checkedAt": result.checked_at.to_rfc3339(),
        });
        serde_json::to_string(&out).map_err(|e| Error::from_reason(e.to_string()))
    }

    /// Registered orders not yet reconciled.
    #[napi(getter)]
    pub fn pending_count(&self) -> u32 {
        self.inner.pending_count() as u32
    }

    #[napi]
    pub fn clear(&self) {
        self.inner.clear()
    }
}
