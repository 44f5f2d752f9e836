//! Node.js binding of the `nt-market-data` crate: the arithmetic of its
//! quote and bar types, its bar timeframes, the decoder of Polygon's
//! WebSocket event format, and its provider health checker.
//!
//! The REST, WebSocket and provider clients (Alpaca, Polygon) are not
//! exposed: each needs a network peer. Prices are `rust_decimal` values in the
//! crate, so they cross as decimal strings; results are normalized (no
//! trailing zeros).

use chrono::{DateTime, Utc};
use futures::executor::block_on;
use napi::{Error, Result, Status};
use napi_derive::napi;
use nt_market_data::aggregator::HealthChecker as CrateHealthChecker;
use nt_market_data::polygon::PolygonEvent;
use nt_market_data::{Bar, Quote, Timeframe};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// Version of the wrapped `nt-market-data` crate.
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

// The computations never look at the symbol or the time; the crate's
// structs just require them.
fn epoch() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

/// Bid and ask prices, as decimal strings.
#[napi(object)]
pub struct QuotePrices {
    pub bid: String,
    pub ask: String,
}

#[napi(object)]
pub struct QuoteStats {
    /// (bid + ask) / 2
    pub mid_price: String,
    /// ask - bid
    pub spread: String,
    /// spread / mid price in basis points (x 10000)
    pub spread_bps: String,
}

/// Mid price, spread and spread in basis points of a quote, as the crate's
/// Quote computes them. A quote whose mid price is zero has no spread in
/// basis points and is rejected.
#[napi]
pub fn quote_stats(quote: QuotePrices) -> Result<QuoteStats> {
    let quote = Quote {
        symbol: String::new(),
        timestamp: epoch(),
        bid: decimal("bid", &quote.bid)?,
        ask: decimal("ask", &quote.ask)?,
        bid_size: 0,
        ask_size: 0,
    };
    // rust_decimal panics on division by zero.
    if quote.mid_price().is_zero() {
        return Err(invalid("the quote's mid price is zero, so its spread in basis points is undefined"));
    }
    Ok(QuoteStats {
        mid_price: text(quote.mid_price()),
        spread: text(quote.spread()),
        spread_bps: text(quote.spread_bps()),
    })
}

/// Prices of one OHLC bar, as decimal strings.
#[napi(object)]
pub struct BarPrices {
    pub open: String,
    pub high: String,
    pub low: String,
    pub close: String,
}

#[napi(object)]
pub struct BarStats {
    /// (high + low + close) / 3
    pub typical_price: String,
    /// high - low
    pub range: String,
}

/// Typical price and range of a bar, as the crate's Bar computes them.
#[napi]
pub fn bar_stats(bar: BarPrices) -> Result<BarStats> {
    let bar = Bar {
        symbol: String::new(),
        timestamp: epoch(),
        open: decimal("open", &bar.open)?,
        high: decimal("high", &bar.high)?,
        low: decimal("low", &bar.low)?,
        close: decimal("close", &bar.close)?,
        volume: 0,
    };
    Ok(BarStats {
        typical_price: text(bar.typical_price()),
        range: text(bar.range()),
    })
}

/// The provider code of a bar timeframe ("1Min", "5Min", "15Min", "1Hour",
/// "1Day"), by the crate's name for it: "Minute1", "Minute5", "Minute15",
/// "Hour1" or "Day1".
#[napi]
pub fn timeframe_code(timeframe: String) -> Result<String> {
    let tf: Timeframe = serde_json::from_value(Value::String(timeframe.clone())).map_err(|_| {
        invalid(format!("unknown timeframe '{timeframe}' (expected Minute1, Minute5, Minute15, Hour1 or Day1)"))
    })?;
    Ok(tf.as_str().to_string())
}

fn event_json(event: PolygonEvent) -> Value {
    match event {
        PolygonEvent::Status { status, message } => json!({ "type": "status", "status": status, "message": message }),
        PolygonEvent::Trade { symbol, timestamp, price, size, conditions, exchange } => json!({
            "type": "trade", "symbol": symbol, "timestamp": timestamp, "price": price, "size": size,
            "conditions": conditions, "exchange": exchange,
        }),
        PolygonEvent::Quote { symbol, timestamp, bid_price, ask_price, bid_size, ask_size, bid_exchange, ask_exchange } => json!({
            "type": "quote", "symbol": symbol, "timestamp": timestamp, "bidPrice": bid_price, "askPrice": ask_price,
            "bidSize": bid_size, "askSize": ask_size, "bidExchange": bid_exchange, "askExchange": ask_exchange,
        }),
        PolygonEvent::AggregateBar { symbol, start_timestamp, end_timestamp, open, high, low, close, volume, vwap } => json!({
            "type": "aggregateBar", "symbol": symbol, "startTimestamp": start_timestamp, "endTimestamp": end_timestamp,
            "open": open, "high": high, "low": low, "close": close, "volume": volume, "vwap": vwap,
        }),
        PolygonEvent::Level2 { symbol, timestamp, bids, asks } => {
            let levels = |levels: Vec<nt_market_data::polygon::PriceLevel>| -> Vec<Value> {
                levels.into_iter().map(|l| json!({ "price": l.price, "size": l.size })).collect()
            };
            json!({ "type": "level2", "symbol": symbol, "timestamp": timestamp, "bids": levels(bids), "asks": levels(asks) })
        }
    }
}

/// Decodes one message of Polygon's WebSocket feed (a JSON array of flat
/// events keyed by "ev": "status", "T", "Q", "AM", "L2") with the crate's
/// decoder, which checks each event's required fields. Returns the events as
/// JSON with descriptive names: `type` ("status", "trade", "quote",
/// "aggregateBar", "level2") and camelCase fields.
#[napi]
pub fn decode_polygon_events(message: String) -> Result<String> {
    let events: Vec<PolygonEvent> =
        serde_json::from_str(&message).map_err(|e| invalid(format!("not a Polygon event array: {e}")))?;
    let out: Vec<Value> = events.into_iter().map(event_json).collect();
    serde_json::to_string(&out).map_err(|e| Error::from_reason(e.to_string()))
}

/// The crate's circuit breaker for data providers: a provider is healthy
/// until marked unhealthy, counts its failures, and is healthy again when
/// marked so or 30 seconds after its last failure.
#[napi]
pub struct HealthChecker {
    inner: CrateHealthChecker,
}

#[napi]
impl HealthChecker {
    #[napi(constructor)]
    pub fn new() -> Self {
        HealthChecker { inner: CrateHealthChecker::new() }
    }

    /// True for a provider never marked, or recovered.
    #[napi]
    pub fn is_healthy(&self, provider: String) -> bool {
        block_on(self.inner.is_healthy(&provider))
    }

    /// Healthy again, failure count back to zero.
    #[napi]
    pub fn mark_healthy(&self, provider: String) {
        block_on(self.inner.mark_healthy(&provider))
    }

    /// One more failure; the provider is unhealthy.
    #[napi]
    pub fn mark_unhealthy(&self, provider: String) {
        block_on(self.inner.mark_unhealthy(&provider))
    }

    #[napi]
    pub fn failure_count(&self, provider: String) -> u32 {
        self.inner.get_failure_count(&provider)
    }
}
