// Tests of the @ruv.io/neuro-divergent addon, run by `tools/bazel test
// //crates/neuro-divergent:node_test` with the addon's path in ADDON_0.
// Expected values are computed here in plain JavaScript from each function's
// definition.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const near = (got, want, what) => assert.ok(Math.abs(got - want) < 1e-9, `${what}: ${got} != ${want}`);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => sum(xs) / xs.length;
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (i - lo) * (s[hi] - s[lo]);
};

const ACTUAL = [112, 118, 0, 129, 121, 135, 148, 148];
const PREDICTED = [110, 120, 4, 131, 125, 133, 150, 144];

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('error measures', () => {
  // README example: begin
  assert.equal(addon.mae([100, 200, 300, 400], [110, 190, 330, 400]), 12.5);
  assert.equal(addon.mse([100, 200, 300, 400], [110, 190, 330, 400]), 275);
  assert.deepEqual(addon.rollingWindows([1, 2, 3, 4], 3), [[1, 2, 3], [2, 3, 4]]);
  assert.deepEqual(addon.linearInterpolate([1, null, null, 4, null]), [1, 2, 3, 4, null]);
  // README example: end
  const err = ACTUAL.map((a, i) => a - PREDICTED[i]);
  near(addon.mae(ACTUAL, PREDICTED), mean(err.map(Math.abs)), 'mae');
  near(addon.mse(ACTUAL, PREDICTED), mean(err.map((e) => e * e)), 'mse');
  near(addon.rmse(ACTUAL, PREDICTED), Math.sqrt(mean(err.map((e) => e * e))), 'rmse');
  // A zero actual counts as 0 but stays in the mean.
  near(addon.mape(ACTUAL, PREDICTED), mean(err.map((e, i) => (ACTUAL[i] === 0 ? 0 : Math.abs(e / ACTUAL[i]) * 100))), 'mape');
  const sm = err.map((e, i) => {
    const d = (Math.abs(ACTUAL[i]) + Math.abs(PREDICTED[i])) / 2;
    return d === 0 ? 0 : (Math.abs(e) / d) * 100;
  });
  near(addon.smape(ACTUAL, PREDICTED), mean(sm), 'smape');
  assert.throws(() => addon.mae([1, 2], [1]), /same length/);
  assert.throws(() => addon.mse([], []), /empty/);
});

test('statistics', () => {
  const data = [7, 1, 9, 3, 5, 12, 4];
  for (const q of [0, 0.1, 0.25, 0.5, 0.9, 1]) near(addon.quantile(data, q), quantile(data, q), `quantile ${q}`);
  assert.equal(addon.quantile([], 0.5), null);
  assert.equal(addon.quantile(data, 1.5), null);
  assert.throws(() => addon.quantile([1, NaN], 0.5), /NaN/);
  const m = mean(data);
  near(addon.stdDev(data), Math.sqrt(sum(data.map((v) => (v - m) ** 2)) / (data.length - 1)), 'stdDev');
  assert.throws(() => addon.stdDev([1]), /at least 2/);
  const x = [1, 2, 3, 4, 5];
  const y = [2, 4, 5, 4, 5];
  const mx = mean(x);
  const my = mean(y);
  const r =
    sum(x.map((v, i) => (v - mx) * (y[i] - my))) /
    Math.sqrt(sum(x.map((v) => (v - mx) ** 2)) * sum(y.map((v) => (v - my) ** 2)));
  near(addon.correlation(x, y), r, 'correlation');
  assert.equal(addon.correlation(x, [3, 3, 3, 3, 3]), 0);
});

test('lag and window features', () => {
  const data = [10, 20, 30, 40];
  assert.deepEqual(addon.createLags(data, [1, 2]), [
    [null, 10, 20, 30],
    [null, null, 10, 20],
  ]);
  assert.deepEqual(addon.rollingWindows(data, 3), [
    [10, 20, 30],
    [20, 30, 40],
  ]);
  assert.deepEqual(addon.rollingWindows(data, 5), []);
  assert.throws(() => addon.rollingWindows(data, 0), /windowSize/);
});

test('outlier removal by IQR', () => {
  const data = [10, 12, 11, 13, 12, 95, 11, -40, 12];
  const q1 = quantile(data, 0.25);
  const q3 = quantile(data, 0.75);
  const iqr = q3 - q1;
  const kept = data.filter((v) => v >= q1 - 1.5 * iqr && v <= q3 + 1.5 * iqr);
  assert.deepEqual(addon.removeOutliersIqr(data, 1.5), { kept, removed: data.length - kept.length });
  assert.deepEqual(addon.removeOutliersIqr([1, 100, 2], 1.5), { kept: [1, 100, 2], removed: 0 });
  assert.throws(() => addon.removeOutliersIqr([1, 2, NaN, 4], 1.5), /NaN/);
});

test('gap filling', () => {
  const data = [null, 1, null, null, 7, null];
  assert.deepEqual(addon.forwardFill(data), [null, 1, 1, 1, 7, 7]);
  assert.deepEqual(addon.backwardFill(data), [1, 1, 7, 7, 7, null]);
  assert.deepEqual(addon.linearInterpolate(data), [null, 1, 3, 5, 7, null]);
});

test('regular frequency check', () => {
  const day = 86400000;
  const t0 = Date.UTC(2024, 0, 1);
  assert.equal(addon.isRegularFrequency([0, 1, 2, 3].map((i) => t0 + i * day), 1), true);
  // Gaps of 1, 1 and 2 days: mean 4/3 days, so 1 day is 25% off it.
  const uneven = [0, 1, 2, 4].map((i) => t0 + i * day);
  assert.equal(addon.isRegularFrequency(uneven, 20), false);
  assert.equal(addon.isRegularFrequency(uneven, 60), true);
  assert.equal(addon.isRegularFrequency([t0, t0 + 5], 0), true);
});
