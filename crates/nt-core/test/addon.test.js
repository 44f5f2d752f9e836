// Tests of the @ruv.io/nt-core addon against values worked out by hand from
// the definitions (typical price = (H + L + C) / 3, spread = ask - bid, ...).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.0');
});

test('symbols are upper-cased and must be alphanumeric', () => {
  assert.equal(addon.normalizeSymbol('aapl'), 'AAPL');
  assert.equal(addon.normalizeSymbol('Brk2'), 'BRK2');
  assert.throws(() => addon.normalizeSymbol(''), /empty/);
  assert.throws(() => addon.normalizeSymbol('BRK.B'), /alphanumeric/);
});

test('a direction maps to the side that acts on it', () => {
  assert.equal(addon.sideForDirection('long'), 'buy');
  assert.equal(addon.sideForDirection('short'), 'sell');
  assert.equal(addon.sideForDirection('neutral'), 'sell');
  assert.throws(() => addon.sideForDirection('up'), /unknown direction/);
});

test('bar statistics', () => {
  // (105 + 95 + 103) / 3 = 101, range 105 - 95 = 10, close above open.
  assert.deepEqual(addon.barStats({ open: '100', high: '105', low: '95', close: '103' }), {
    typicalPrice: '101',
    range: '10',
    bullish: true,
    bearish: false,
  });
  // (100.20 + 99.50 + 99.60) / 3 = 299.30 / 3 = 99.7666..., a repeating decimal.
  const s = addon.barStats({ open: '99.90', high: '100.20', low: '99.50', close: '99.60' });
  assert.equal(s.range, '0.7');
  assert.equal(s.bullish, false);
  assert.equal(s.bearish, true);
  assert.match(s.typicalPrice, /^99\.7666666666666666666666666\d*$/);
  assert.ok(Math.abs(Number(s.typicalPrice) - 299.3 / 3) < 1e-12);
  const flat = addon.barStats({ open: '5', high: '5', low: '5', close: '5' });
  assert.equal(flat.bullish || flat.bearish, false);
  assert.throws(() => addon.barStats({ open: 'x', high: '1', low: '1', close: '1' }), /open: 'x' is not a decimal/);
});

test('order book top of book', () => {
  const q = addon.orderBookQuote(
    [['99.95', '100'], ['99.90', '200']],
    [['100.05', '150'], ['100.10', '250']],
  );
  // spread 100.05 - 99.95 = 0.10, mid (99.95 + 100.05) / 2 = 100.00
  assert.equal(q.bestBid, '99.95');
  assert.equal(q.bestAsk, '100.05');
  assert.equal(q.spread, '0.1');
  assert.equal(q.midPrice, '100');
  const oneSided = addon.orderBookQuote([['10.5', '1']], []);
  assert.equal(oneSided.bestBid, '10.5');
  assert.ok(oneSided.bestAsk == null && oneSided.spread == null && oneSided.midPrice == null);
  assert.throws(() => addon.orderBookQuote([['1']], []), /bids\[0\] must be \[price, volume\]/);
});

test('position value and unrealized P&L', () => {
  // README example: begin
  assert.deepEqual(addon.positionValues({ quantity: '100', avgEntryPrice: '100', currentPrice: '105' }), {
    marketValue: '10500',
    costBasis: '10000',
    unrealizedPnl: '500',
  });
  // Short 10 at 50.50, now 48.25: value -482.5, basis -505, gain (48.25 - 50.50) * -10 = 22.5.
  assert.deepEqual(addon.positionValues({ quantity: '-10', avgEntryPrice: '50.50', currentPrice: '48.25' }), {
    marketValue: '-482.5',
    costBasis: '-505',
    unrealizedPnl: '22.5',
  });
  // Decimal arithmetic: 0.1 * 3 is exactly 0.3 (a double would give 0.30000000000000004).
  assert.equal(addon.positionValues({ quantity: '3', avgEntryPrice: '0.1', currentPrice: '0.1' }).marketValue, '0.3');
  // README example: end
});

const sampleToml = `
[server]
host = "0.0.0.0"
port = 9000
enable_https = false
max_request_size = 2048
request_timeout_secs = 10

[broker]
name = "paper"
api_url = "https://example.com/api"
ws_url = "wss://example.com/ws"
api_key = "key"
api_secret = "secret"
paper_trading = true
connection_timeout_secs = 5
max_retry_attempts = 2

[[strategies]]
id = "m1"
strategy_type = "momentum"
symbols = ["AAPL", "MSFT"]
enabled = true
parameters = { lookback = 20 }

[risk]
max_position_size = 0.25
max_daily_loss = 0.05
max_drawdown = 0.2
max_leverage = 2.0
default_stop_loss = 0.02
default_take_profit = 0.05
max_sector_concentration = 0.3
enable_circuit_breakers = true
circuit_breaker_cooldown_secs = 600

[database]
database_type = "sqlite"
connection_url = "sqlite::memory:"
max_connections = 4
connection_timeout_secs = 30

[logging]
level = "debug"
format = "json"
enable_file_logging = false
max_log_file_size = 1048576
log_file_count = 3
`;

test('a TOML configuration is parsed, validated and returned as JSON', () => {
  const cfg = JSON.parse(addon.parseAppConfig(sampleToml, 'toml'));
  assert.equal(cfg.server.port, 9000);
  assert.equal(cfg.broker.name, 'paper');
  assert.equal('api_key' in cfg.broker, false);
  assert.equal('api_secret' in cfg.broker, false);
  assert.deepEqual(cfg.strategies[0].symbols, ['AAPL', 'MSFT']);
  assert.deepEqual(cfg.strategies[0].parameters, { lookback: 20 });
  assert.equal(cfg.risk.max_leverage, 2);
  assert.equal(cfg.logging.log_file_count, 3);
});

test('configurations breaking the rules are rejected', () => {
  // Ports below 1024, leverage above 10 and invalid URLs fail validation.
  assert.throws(() => addon.parseAppConfig(sampleToml.replace('port = 9000', 'port = 80'), 'toml'), /validation failed.*port/s);
  assert.throws(() => addon.parseAppConfig(sampleToml.replace('max_leverage = 2.0', 'max_leverage = 11.0'), 'toml'), /validation failed/);
  assert.throws(() => addon.parseAppConfig(sampleToml.replace('https://example.com/api', 'not a url'), 'toml'), /validation failed/);
  assert.throws(() => addon.parseAppConfig(sampleToml.replace('api_key = "key"', ''), 'toml'), /invalid TOML configuration.*api_key/s);
  assert.throws(() => addon.parseAppConfig('{}', 'yaml'), /unknown format/);
});

test('the default configuration round-trips through JSON', () => {
  const cfg = JSON.parse(addon.defaultAppConfig());
  assert.equal(cfg.server.host, '127.0.0.1');
  assert.equal(cfg.server.port, 8080);
  assert.equal(cfg.broker.paper_trading, true);
  assert.equal(cfg.risk.max_position_size, 0.1);
  assert.equal(cfg.risk.max_leverage, 1);
  assert.deepEqual(cfg.strategies, []);
  // The secrets are required on input (empty is allowed) but never written out.
  const withSecrets = structuredClone(cfg);
  withSecrets.broker.api_key = '';
  withSecrets.broker.api_secret = '';
  assert.deepEqual(JSON.parse(addon.parseAppConfig(JSON.stringify(withSecrets), 'json')), cfg);
});
