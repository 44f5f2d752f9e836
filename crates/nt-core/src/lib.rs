//! Node.js binding of the `nt-core` crate: its financial primitives (symbols,
//! bars, order books, positions) and its validated application configuration.
//!
//! Prices and volumes are `rust_decimal` values in the crate, so they cross
//! into JavaScript as decimal strings: a JS number would lose the exactness
//! the crate chose decimals for. Results are normalized (no trailing zeros),
//! so equal amounts always print the same.

use chrono::{DateTime, Utc};
use napi::{Error, Result, Status};
use napi_derive::napi;
use nt_core::config::AppConfig;
use nt_core::types::{Bar, Direction, OrderBook, Position, Side, Symbol};
use rust_decimal::Decimal;
use std::str::FromStr;
use validator::Validate;

/// Version of the wrapped `nt-core` crate.
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

// The computations below never look at the symbol or the time; the crate's
// structs just require them.
fn placeholder_symbol() -> Symbol {
    Symbol::new("X").expect("a valid symbol")
}

fn epoch() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

/// The crate's canonical form of a ticker: upper-cased, and rejected when
/// empty or not purely ASCII alphanumeric.
#[napi]
pub fn normalize_symbol(symbol: String) -> Result<String> {
    Symbol::new(symbol).map(|s| s.as_str().to_string()).map_err(invalid)
}

/// The order side the crate uses to act on a signal direction (neutral
/// means closing, hence a sell).
#[napi]
pub fn side_for_direction(direction: String) -> Result<String> {
    let direction = match direction.as_str() {
        "long" => Direction::Long,
        "short" => Direction::Short,
        "neutral" => Direction::Neutral,
        other => return Err(invalid(format!("unknown direction '{other}' (expected long, short or neutral)"))),
    };
    Ok(Side::from(direction).to_string())
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
    pub bullish: bool,
    pub bearish: bool,
}

#[napi]
pub fn bar_stats(bar: BarPrices) -> Result<BarStats> {
    let bar = Bar {
        symbol: placeholder_symbol(),
        timestamp: epoch(),
        open: decimal("open", &bar.open)?,
        high: decimal("high", &bar.high)?,
        low: decimal("low", &bar.low)?,
        close: decimal("close", &bar.close)?,
        volume: Decimal::ZERO,
    };
    Ok(BarStats {
        typical_price: text(bar.typical_price()),
        range: text(bar.range()),
        bullish: bar.is_bullish(),
        bearish: bar.is_bearish(),
    })
}

#[napi(object)]
pub struct Quote {
    pub best_bid: Option<String>,
    pub best_ask: Option<String>,
    pub spread: Option<String>,
    pub mid_price: Option<String>,
}

fn levels(side: &str, levels: Vec<Vec<String>>) -> Result<Vec<(Decimal, Decimal)>> {
    levels
        .iter()
        .enumerate()
        .map(|(i, level)| match &level[..] {
            [price, volume] => Ok((decimal(&format!("{side}[{i}] price"), price)?, decimal(&format!("{side}[{i}] volume"), volume)?)),
            _ => Err(invalid(format!("{side}[{i}] must be [price, volume]"))),
        })
        .collect()
}

/// Top of book as the crate reads it: the first level of each side is the
/// best one (the crate does not sort), and spread and mid need both sides.
#[napi]
pub fn order_book_quote(bids: Vec<Vec<String>>, asks: Vec<Vec<String>>) -> Result<Quote> {
    let book = OrderBook {
        symbol: placeholder_symbol(),
        timestamp: epoch(),
        bids: levels("bids", bids)?,
        asks: levels("asks", asks)?,
    };
    Ok(Quote {
        best_bid: book.best_bid().map(text),
        best_ask: book.best_ask().map(text),
        spread: book.spread().map(text),
        mid_price: book.mid_price().map(text),
    })
}

/// A position, as decimal strings; a negative quantity is a short.
#[napi(object)]
pub struct PositionInput {
    pub quantity: String,
    pub avg_entry_price: String,
    pub current_price: String,
}

#[napi(object)]
pub struct PositionValues {
    pub market_value: String,
    pub cost_basis: String,
    pub unrealized_pnl: String,
}

#[napi]
pub fn position_values(position: PositionInput) -> Result<PositionValues> {
    let quantity = decimal("quantity", &position.quantity)?;
    let current = decimal("currentPrice", &position.current_price)?;
    let mut p = Position {
        symbol: placeholder_symbol(),
        quantity,
        avg_entry_price: decimal("avgEntryPrice", &position.avg_entry_price)?,
        current_price: current,
        unrealized_pnl: Decimal::ZERO,
        side: if quantity.is_sign_negative() { Side::Sell } else { Side::Buy },
    };
    // The crate computes the P&L only when a price arrives.
    p.update_price(current);
    Ok(PositionValues {
        market_value: text(p.market_value()),
        cost_basis: text(p.cost_basis()),
        unrealized_pnl: text(p.unrealized_pnl),
    })
}

/// Parses an application configuration (the crate's file formats, given as
/// text so no file system is involved), checks it against the crate's
/// validation rules, and returns it as JSON. The broker's key and secret are
/// required in the input but, as in the crate, never written out.
#[napi]
pub fn parse_app_config(text: String, format: String) -> Result<String> {
    let config: AppConfig = match format.as_str() {
        "toml" => toml::from_str(&text).map_err(|e| invalid(format!("invalid TOML configuration: {e}")))?,
        "json" => serde_json::from_str(&text).map_err(|e| invalid(format!("invalid JSON configuration: {e}")))?,
        other => return Err(invalid(format!("unknown format '{other}' (expected toml or json)"))),
    };
    config
        .validate()
        .map_err(|e| invalid(format!("configuration validation failed: {e}")))?;
    serde_json::to_string(&config).map_err(|e| Error::from_reason(e.to_string()))
}

/// The crate's default configuration (paper trading, no leverage), as JSON.
#[napi]
pub fn default_app_config() -> Result<String> {
    serde_json::to_string(&AppConfig::default_test_config()).map_err(|e| Error::from_reason(e.to_string()))
}
