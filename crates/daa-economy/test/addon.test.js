// Tests of the @ruv.io/daa-economy addon, run by `tools/bazel test
// //crates/daa-economy:node_test` with the addon's path in ADDON_0.
// Balances are worked out by hand in the comments, fee rate 0.1%.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.1');
});

test('risk bands', () => {
  const cases = [
    ['0', 'veryLow'], ['0.15', 'veryLow'], ['0.16', 'low'], ['0.3', 'low'], ['0.31', 'medium'], ['0.5', 'medium'],
    ['0.8', 'high'], ['0.95', 'veryHigh'], ['0.96', 'critical'], ['1', 'critical'],
  ];
  for (const [score, level] of cases) assert.equal(addon.riskLevelFromScore(score), level, score);
  assert.throws(() => addon.riskLevelFromScore('abc'), /not a decimal/);
});

test('risk assessment is the weight-averaged score', () => {
  const factors = [
    { name: 'volatility', weight: '2', score: '0.5', category: 'market' },
    { name: 'default', weight: '1', score: '0.8', category: 'credit' },
    { name: 'outage', weight: '1', score: '0.1', category: 'operational' },
  ];
  // (2·0.5 + 0.8 + 0.1) / 4 = 1.9 / 4
  let r = addon.assessRisk('fund', factors);
  assert.equal(r.overallScore, '0.475');
  assert.equal(r.riskLevel, 'medium');
  assert.equal(r.actionRequired, false);
  // + 4·0.9: 5.5 / 8
  r = addon.assessRisk('fund', [...factors, { name: 'bug', weight: '4', score: '0.9', category: 'technical' }]);
  assert.equal(r.overallScore, '0.6875');
  assert.equal(r.riskLevel, 'high');
  assert.equal(r.actionRequired, true);
  assert.deepEqual(r.topFactors, ['bug', 'default', 'volatility', 'outage']);
  assert.equal(addon.assessRisk('empty', []).overallScore, '0');
  assert.throws(() => addon.assessRisk('x', [{ name: 'a', weight: '1', score: '1', category: 'weather' }]), /unknown risk category/);
});

test('limit orders fill when the market crosses them', () => {
  // README example: begin
  const e = new addon.TradingEngine();
  e.setBalance('USD', '10000');
  e.setBalance('BTC', '2');

  const sell = e.placeOrder({ symbol: 'BTC', orderType: 'limit', side: 'sell', quantity: '1', price: '50000' });
  assert.equal(sell, 'order_1');
  assert.deepEqual(e.balance('BTC'), { free: '1', locked: '1', total: '2' });

  // A buy locks quantity × limit = 6000 USD.
  const buy = e.placeOrder({ symbol: 'ETH', orderType: 'limit', side: 'buy', quantity: '2', price: '3000' });
  assert.equal(buy, 'order_2');
  assert.deepEqual(e.balance('USD'), { free: '4000', locked: '6000', total: '10000' });

  // Sell fills at 51000: +51000 - 51 fee USD, BTC 2 -> 1.
  assert.deepEqual(e.processMarketUpdate('BTC', '51000'), ['order_1']);
  assert.deepEqual(e.order('order_1'), {
    id: 'order_1', symbol: 'BTC', status: 'filled', quantity: '1', filledQuantity: '1', averageFillPrice: '51000',
  });
  assert.deepEqual(e.balance('BTC'), { free: '1', locked: '0', total: '1' });
  assert.deepEqual(e.balance('USD'), { free: '54949', locked: '6000', total: '60949' });
  // README example: end

  // 3100 is above the buy limit: nothing fills.
  assert.deepEqual(e.processMarketUpdate('ETH', '3100'), []);
  assert.equal(e.order('order_2').status, 'pending');

  // Fill at 2900: cost 5800 + 5.8 fee = 5805.8, unlocked then paid.
  assert.deepEqual(e.processMarketUpdate('ETH', '2900'), ['order_2']);
  assert.deepEqual(e.balance('USD'), { free: '54949', locked: '194.2', total: '55143.2' });
  assert.deepEqual(e.balance('ETH'), { free: '2', locked: '0', total: '2' });

  assert.deepEqual(e.stats(), {
    totalOrders: 2, filledOrders: 2, activeOrders: 0, totalExecutions: 2, totalVolume: '56800', totalFees: '56.8',
  });

  // A market sell fills at once at the last price, 51000: 0.5 BTC for 25500 - 25.5.
  const market = e.placeOrder({ symbol: 'BTC', orderType: 'market', side: 'sell', quantity: '0.5' });
  assert.equal(e.order(market).status, 'filled');
  assert.deepEqual(e.balance('BTC'), { free: '0.5', locked: '0', total: '0.5' });
  assert.equal(e.balance('USD').total, '80617.7');
});

test('stop-loss, cancellation and rejections', () => {
  const e = new addon.TradingEngine('0');
  e.setBalance('SOL', '10');
  const stop = e.placeOrder({ id: 'stop-1', symbol: 'SOL', orderType: 'stopLoss', side: 'sell', quantity: '10', stopPrice: '90' });
  assert.equal(stop, 'stop-1');
  assert.deepEqual(e.processMarketUpdate('SOL', '95'), []);
  assert.deepEqual(e.processMarketUpdate('SOL', '89'), ['stop-1']);
  assert.deepEqual(e.balance('USD'), { free: '890', locked: '0', total: '890' });

  e.setBalance('SOL', '1');
  const id = e.placeOrder({ symbol: 'SOL', orderType: 'limit', side: 'sell', quantity: '1', price: '200' });
  e.cancelOrder(id);
  assert.equal(e.order(id).status, 'cancelled');
  assert.throws(() => e.cancelOrder(id), /cannot be cancelled/);
  assert.throws(() => e.cancelOrder('nope'), /Order nope not found/);
  assert.equal(e.order('nope'), null);

  assert.throws(() => e.placeOrder({ symbol: 'SOL', orderType: 'limit', side: 'sell', quantity: '0', price: '1' }), /quantity must be positive/);
  assert.throws(() => e.placeOrder({ symbol: 'SOL', orderType: 'limit', side: 'sell', quantity: '1' }), /must have a price/);
  assert.throws(() => e.placeOrder({ symbol: 'SOL', orderType: 'stopLoss', side: 'sell', quantity: '1' }), /must have a stop price/);
  assert.throws(() => e.placeOrder({ symbol: 'SOL', orderType: 'limit', side: 'buy', quantity: '1000', price: '1000' }), /Insufficient funds: required 1000000, available 890/);
  assert.throws(() => e.placeOrder({ symbol: 'DOGE', orderType: 'limit', side: 'sell', quantity: '5', price: '1' }), /Insufficient funds: required 5, available 0/);
  assert.throws(() => e.placeOrder({ symbol: 'SOL', orderType: 'iceberg', side: 'sell', quantity: '1' }), /unknown order type/);
  assert.equal(e.balance('XRP'), null);
});
