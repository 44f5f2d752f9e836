// Tests of the @ruv.io/nt-execution addon: fill reports reconciled against
// expectations, with deviations worked out by hand
// (|fill - mid of range| / mid * 100).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.0');
});

test('a fill as expected is matched', () => {
  // README example: begin
  const rec = new addon.FillReconciler('0.01');
  rec.registerOrder('o1', 'aapl', 100, ['99', '101']);
  const result = JSON.parse(rec.reconcile('o1', { status: 'filled', filledQty: 100, filledAvgPrice: '100.25' }));
  assert.equal(result.status, 'matched');
  assert.deepEqual(result.discrepancies, []);
  // README example: end
  assert.equal(result.orderId, 'o1');
  assert.ok(Math.abs(Date.parse(result.checkedAt) - Date.now()) < 60000);
  assert.equal(rec.pendingCount, 0);
});

test('quantity and price discrepancies', () => {
  const rec = new addon.FillReconciler('0.01');
  rec.registerOrder('o2', 'MSFT', 100, ['99', '101']);
  rec.registerOrder('o3', 'MSFT', 100, ['99', '101']);
  rec.registerOrder('o4', 'TSLA', 10);
  assert.equal(rec.pendingCount, 3);

  // 95 of 100 filled at 103: mid 100, |103 - 100| / 100 * 100 = 3 % > 1 %: error.
  const bad = JSON.parse(rec.reconcile('o2', { status: 'filled', filledQty: 95, filledAvgPrice: '103' }));
  assert.equal(bad.status, 'error');
  assert.deepEqual(bad.discrepancies, [
    { kind: 'quantityMismatch', expected: 100, actual: 95, difference: -5 },
    { kind: 'priceDeviation', expected: '100', actual: '103', deviationPct: '3' },
  ]);

  // 101.5 against the same range: 1.5 % out of range, but within a 5 % maximum... of another reconciler.
  const lenient = new addon.FillReconciler('0.05');
  lenient.registerOrder('o5', 'MSFT', 100, ['99', '101']);
  const warn = JSON.parse(lenient.reconcile('o5', { status: 'filled', filledQty: 100, filledAvgPrice: '101.5' }));
  assert.equal(warn.status, 'warning');
  assert.deepEqual(warn.discrepancies, [{ kind: 'priceDeviation', expected: '100', actual: '101.5', deviationPct: '1.5' }]);

  // A partial fill short of the expected quantity.
  const partial = JSON.parse(rec.reconcile('o3', { status: 'partiallyfilled', filledQty: 40 }));
  assert.equal(partial.status, 'warning');
  assert.deepEqual(partial.discrepancies, [{ kind: 'quantityMismatch', expected: 100, actual: 40, difference: -60 }]);

  // Without a price range, any fill price is accepted.
  assert.equal(JSON.parse(rec.reconcile('o4', { status: 'filled', filledQty: 10, filledAvgPrice: '999' })).status, 'matched');
  assert.equal(rec.pendingCount, 0);
});

test('a fill more than a minute after registration is a timing anomaly', () => {
  const rec = new addon.FillReconciler('0.01');
  rec.registerOrder('late', 'AAPL', 1);
  const r = JSON.parse(rec.reconcile('late', { status: 'filled', filledQty: 1, filledAtMs: Date.now() + 120000 }));
  assert.equal(r.status, 'warning');
  assert.equal(r.discrepancies.length, 1);
  assert.equal(r.discrepancies[0].kind, 'timingAnomaly');
  assert.match(r.discrepancies[0].message, /^Order took 1[12]\d seconds to fill$/);
  rec.registerOrder('prompt', 'AAPL', 1);
  assert.equal(JSON.parse(rec.reconcile('prompt', { status: 'filled', filledQty: 1, filledAtMs: Date.now() })).status, 'matched');
});

test('unregistered orders, bad input, clear', () => {
  const rec = new addon.FillReconciler('0.01');
  assert.deepEqual(
    (({ orderId, status, discrepancies }) => ({ orderId, status, discrepancies }))(JSON.parse(rec.reconcile('nope', { status: 'filled', filledQty: 1 }))),
    { orderId: 'nope', status: 'warning', discrepancies: [] },
  );
  assert.throws(() => new addon.FillReconciler('one percent'), /maxPriceDeviation: 'one percent' is not a decimal/);
  assert.throws(() => rec.registerOrder('x', 'BRK.B', 1), /alphanumeric/);
  assert.throws(() => rec.registerOrder('x', 'A', 1, ['1']), /priceRange must be \[min, max\]/);
  assert.throws(() => rec.registerOrder('x', 'A', 1, ['-1', '1']), /zero midpoint/);
  rec.registerOrder('y', 'A', 1);
  assert.throws(() => rec.reconcile('y', { status: 'done', filledQty: 1 }), /unknown order status 'done'/);
  assert.throws(() => rec.reconcile('y', { status: 'filled', filledQty: 1, filledAvgPrice: 'abc' }), /filledAvgPrice: 'abc'/);
  assert.equal(rec.pendingCount, 1);
  rec.clear();
  assert.equal(rec.pendingCount, 0);
});
