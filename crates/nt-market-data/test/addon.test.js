// Tests of the @ruv.io/nt-market-data addon against values worked out by
// hand from the definitions (mid = (bid + ask) / 2, spread = ask - bid, ...)
// and Polygon messages written here.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.0');
});

test('quote mid price, spread and spread in basis points', () => {
  // README example: begin
  // mid (150 + 150.10) / 2 = 150.05, spread 0.10, 0.10 / 150.05 * 10000 = 6.664...
  const q = addon.quoteStats({ bid: '150.00', ask: '150.10' });
  assert.equal(q.midPrice, '150.05');
  assert.equal(q.spread, '0.1');
  assert.ok(Math.abs(Number(q.spreadBps) - (0.1 / 150.05) * 10000) < 1e-9);
  // README example: end
  // 99 / 101: mid 100, spread 2, 2 / 100 * 10000 = 200 bps exactly.
  assert.deepEqual(addon.quoteStats({ bid: '99', ask: '101' }), { midPrice: '100', spread: '2', spreadBps: '200' });
  // A crossed quote has a negative spread.
  assert.equal(addon.quoteStats({ bid: '10.5', ask: '10.4' }).spread, '-0.1');
  assert.throws(() => addon.quoteStats({ bid: '0', ask: '0' }), /mid price is zero/);
  assert.throws(() => addon.quoteStats({ bid: 'x', ask: '1' }), /bid: 'x' is not a decimal/);
});

test('bar typical price and range', () => {
  // (152 + 149 + 151) / 3 = 150.666..., range 152 - 149 = 3.
  const s = addon.barStats({ open: '150', high: '152.00', low: '149.00', close: '151.00' });
  assert.equal(s.range, '3');
  assert.match(s.typicalPrice, /^150\.6666666666666666666666666\d*$/);
  assert.deepEqual(addon.barStats({ open: '1', high: '12', low: '6', close: '9' }), { typicalPrice: '9', range: '6' });
  assert.throws(() => addon.barStats({ open: '1', high: '?', low: '1', close: '1' }), /high: '\?' is not a decimal/);
});

test('timeframe codes', () => {
  assert.equal(addon.timeframeCode('Minute1'), '1Min');
  assert.equal(addon.timeframeCode('Minute5'), '5Min');
  assert.equal(addon.timeframeCode('Minute15'), '15Min');
  assert.equal(addon.timeframeCode('Hour1'), '1Hour');
  assert.equal(addon.timeframeCode('Day1'), '1Day');
  assert.throws(() => addon.timeframeCode('Week1'), /unknown timeframe 'Week1'/);
});

test('Polygon WebSocket messages decode into typed events', () => {
  const message = JSON.stringify([
    { ev: 'status', status: 'auth_success', message: 'authenticated' },
    { ev: 'T', sym: 'AAPL', t: 1700000000000, p: 189.5, s: 100, c: [12, 37], x: 4 },
    { ev: 'Q', sym: 'MSFT', t: 1700000000001, bp: 370.1, ap: 370.2, bs: 3, as: 5, bx: 11, ax: 12 },
    { ev: 'AM', sym: 'TSLA', s: 1700000000000, e: 1700000060000, o: 240, h: 242.5, l: 239, c: 241.25, v: 12000, vw: 240.9 },
    { ev: 'L2', sym: 'NVDA', t: 1700000000002, b: [{ p: 480.1, s: 10 }], a: [{ p: 480.3, s: 7 }, { p: 480.4, s: 9 }] },
  ]);
  const events = JSON.parse(addon.decodePolygonEvents(message));
  assert.deepEqual(events, [
    { type: 'status', status: 'auth_success', message: 'authenticated' },
    { type: 'trade', symbol: 'AAPL', timestamp: 1700000000000, price: 189.5, size: 100, conditions: [12, 37], exchange: 4 },
    {
      type: 'quote', symbol: 'MSFT', timestamp: 1700000000001, bidPrice: 370.1, askPrice: 370.2,
      bidSize: 3, askSize: 5, bidExchange: 11, askExchange: 12,
    },
    {
      type: 'aggregateBar', symbol: 'TSLA', startTimestamp: 1700000000000, endTimestamp: 1700000060000,
      open: 240, high: 242.5, low: 239, close: 241.25, volume: 12000, vwap: 240.9,
    },
    { type: 'level2', symbol: 'NVDA', timestamp: 1700000000002, bids: [{ price: 480.1, size: 10 }], asks: [{ price: 480.3, size: 7 }, { price: 480.4, size: 9 }] },
  ]);
  // A trade without conditions decodes with none.
  assert.deepEqual(JSON.parse(addon.decodePolygonEvents('[{"ev":"T","sym":"A","t":1,"p":2,"s":3,"x":1}]'))[0].conditions, []);
  assert.deepEqual(JSON.parse(addon.decodePolygonEvents('[]')), []);
});

test('malformed Polygon messages are rejected', () => {
  assert.throws(() => addon.decodePolygonEvents('[{"ev":"T","sym":"AAPL","t":1,"s":1,"x":1}]'), /missing field `p`/);
  assert.throws(() => addon.decodePolygonEvents('[{"ev":"XQ"}]'), /unknown variant `XQ`/);
  assert.throws(() => addon.decodePolygonEvents('{"ev":"status"}'), /not a Polygon event array/);
  assert.throws(() => addon.decodePolygonEvents('not json'), /not a Polygon event array/);
});

test('the health checker counts failures per provider', () => {
  const h = new addon.HealthChecker();
  assert.equal(h.isHealthy('alpaca'), true);
  assert.equal(h.failureCount('alpaca'), 0);
  h.markUnhealthy('alpaca');
  h.markUnhealthy('alpaca');
  assert.equal(h.isHealthy('alpaca'), false);
  assert.equal(h.failureCount('alpaca'), 2);
  assert.equal(h.isHealthy('polygon'), true);
  h.markHealthy('alpaca');
  assert.equal(h.isHealthy('alpaca'), true);
  assert.equal(h.failureCount('alpaca'), 0);
});
