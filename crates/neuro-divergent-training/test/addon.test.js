// Tests of the @ruv.io/neuro-divergent-training addon, run by `tools/bazel test
// //crates/neuro-divergent-training:node_test` with the addon's path in ADDON_0.
// Every expected value is computed here in plain JavaScript from the metric's
// definition.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const near = (got, want, what) => assert.ok(Math.abs(got - want) < 1e-12, `${what}: ${got} != ${want}`);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => sum(xs) / xs.length;
const pearson = (x, y) => {
  const mx = mean(x);
  const my = mean(y);
  const cov = mean(x.map((v, i) => (v - mx) * (y[i] - my)));
  const sx = Math.sqrt(mean(x.map((v) => (v - mx) ** 2)));
  const sy = Math.sqrt(mean(y.map((v) => (v - my) ** 2)));
  return cov / (sx * sy);
};

const ACTUAL = [112, 118, 132, 129, 121, 135, 148, 148];
const PREDICTED = [110, 120, 128, 131, 125, 133, 150, 144];
const ERR = ACTUAL.map((a, i) => a - PREDICTED[i]);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('point errors', () => {
  // README example: begin
  const actual = [100, 200, 300, 400];
  const predicted = [110, 190, 330, 400];
  assert.equal(addon.mae(actual, predicted), 12.5); // (10 + 10 + 30 + 0) / 4
  assert.equal(addon.mse(actual, predicted), 275); // (100 + 100 + 900 + 0) / 4
  assert.equal(addon.mape(actual, predicted), 6.25); // (10% + 5% + 10% + 0%) / 4
  assert.equal(addon.mase(actual, predicted, 25), 0.5); // MAE over a naive forecast's MAE
  // README example: end
  near(addon.mae(ACTUAL, PREDICTED), mean(ERR.map(Math.abs)), 'mae');
  near(addon.mse(ACTUAL, PREDICTED), mean(ERR.map((e) => e * e)), 'mse');
  near(addon.rmse(ACTUAL, PREDICTED), Math.sqrt(mean(ERR.map((e) => e * e))), 'rmse');
  near(addon.mape(ACTUAL, PREDICTED), 100 * mean(ERR.map((e, i) => Math.abs(e / ACTUAL[i]))), 'mape');
  const sm = ACTUAL.map((a, i) => (2 * Math.abs(a - PREDICTED[i])) / (Math.abs(a) + Math.abs(PREDICTED[i])));
  near(addon.smape(ACTUAL, PREDICTED), 100 * mean(sm), 'smape');
  assert.equal(addon.mase(ACTUAL, PREDICTED, 0), Infinity);
  assert.throws(() => addon.mse([1, 2], [1]), /Training data error: Dimension mismatch/);
});

test('MAPE leaves out actual values near zero; SMAPE floors the denominator', () => {
  // Only the points with |actual| > epsilon count.
  near(addon.mape([0, 50, 200], [5, 40, 220]), (20 + 10) / 2, 'mape without the zero');
  near(addon.mape([0.5, 50], [1, 40], 1), 20, 'mape with epsilon 1');
  assert.ok(Number.isNaN(addon.mape([0, 0], [1, 2])));
  // |0| + |0| is floored to epsilon, and 2 * 0 / epsilon is 0.
  assert.equal(addon.smape([0, 10], [0, 30]), 100 * ((2 * 20) / 40 / 2));
});

test('R², Pearson and Spearman', () => {
  const m = mean(ACTUAL);
  const r2 = 1 - sum(ERR.map((e) => e * e)) / sum(ACTUAL.map((a) => (a - m) ** 2));
  near(addon.r2(ACTUAL, PREDICTED), r2, 'r2');
  assert.equal(addon.r2([3, 3], [3, 3]), 1);
  assert.equal(addon.r2([3, 3], [3, 4]), -Infinity);
  near(addon.pearson(ACTUAL, PREDICTED), pearson(ACTUAL, PREDICTED), 'pearson');
  near(addon.pearson([1, 2, 3], [2, 4, 6]), 1, 'pearson of a line');
  assert.equal(addon.pearson([1, 1, 1], [1, 2, 3]), 0);
  // Spearman on distinct values: Pearson over their ranks.
  const x = [10, 30, 20, 50, 40];
  const y = [1.5, 2.5, 4, 3, 9];
  const rank = (v) => v.map((a) => [...v].sort((p, q) => p - q).indexOf(a) + 1);
  near(addon.spearman(x, y), pearson(rank(x), rank(y)), 'spearman');
  near(addon.spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1, 'spearman of a monotone map');
  assert.throws(() => addon.spearman([1, NaN], [1, 2]), /actual holds NaN/);
});

test('median absolute error and quantile loss', () => {
  const abs = ERR.map(Math.abs).sort((a, b) => a - b);
  assert.equal(addon.medianAbsoluteError(ACTUAL, PREDICTED), (abs[3] + abs[4]) / 2);
  assert.equal(addon.medianAbsoluteError([1, 2, 3], [2, 2, 7]), 1);
  assert.throws(() => addon.medianAbsoluteError([], []), /median of no errors/);
  assert.throws(() => addon.medianAbsoluteError([NaN], [1]), /actual holds NaN/);
  for (const q of [0.1, 0.5, 0.9]) {
    const want = mean(ERR.map((e) => (e >= 0 ? q * e : (q - 1) * e)));
    near(addon.quantileLoss(ACTUAL, PREDICTED, q), want, `quantile loss at ${q}`);
  }
});

test('prediction intervals: coverage, sharpness, interval score', () => {
  const actual = [10, 20, 30, 40];
  const lower = [8, 21, 25, 30];
  const upper = [12, 26, 30, 38];
  assert.equal(addon.coverage(actual, lower, upper), 2 / 4); // 10 and 30 (a bound) are inside
  assert.equal(addon.sharpness(lower, upper), (4 + 5 + 5 + 8) / 4);
  const alpha = 0.2;
  const want = mean(actual.map((a, i) => {
    const below = a < lower[i] ? (2 / alpha) * (lower[i] - a) : 0;
    const above = a > upper[i] ? (2 / alpha) * (a - upper[i]) : 0;
    return upper[i] - lower[i] + below + above;
  }));
  near(addon.intervalScore(actual, lower, upper, alpha), want, 'interval score');
  assert.throws(() => addon.coverage([1], [0, 0], [2]), /Dimension mismatch/);
});
