// Tests of the @ruv.io/neuro-divergent-models addon, run by `tools/bazel test
// //crates/neuro-divergent-models:node_test` with the addon's path in ADDON_0.
// Every expected value is computed here in plain JavaScript.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const close = (got, want, what) => {
  assert.equal(got.length, want.length, `${what}: length`);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) < 1e-12, `${what}[${i}]: ${g} != ${want[i]}`));
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => sum(xs) / xs.length;

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('error measures', () => {
  // README example: begin
  const actual = [3, -0.5, 2, 7];
  const predicted = [2.5, 0, 2, 8];
  assert.equal(addon.mae(actual, predicted), 0.5); // (0.5 + 0.5 + 0 + 1) / 4
  assert.equal(addon.mse(actual, predicted), 0.375); // (0.25 + 0.25 + 0 + 1) / 4
  assert.equal(addon.rmse(actual, predicted), Math.sqrt(0.375));
  // README example: end
  const a = [1.5, 2.25, -3, 10, 0.125];
  const p = [1, 2, -2.5, 12, 0];
  const d = a.map((x, i) => x - p[i]);
  assert.ok(Math.abs(addon.mae(a, p) - mean(d.map(Math.abs))) < 1e-12);
  assert.ok(Math.abs(addon.mse(a, p) - mean(d.map((x) => x * x))) < 1e-12);
  assert.throws(() => addon.mse([1, 2], [1]), /Dimension mismatch: expected 2, got 1/);
});

test('softmax and products', () => {
  const x = [1, 2, 3, -1];
  const e = x.map((v) => Math.exp(v - 3));
  close(addon.softmax(x), e.map((v) => v / sum(e)), 'softmax');
  assert.ok(Math.abs(sum(addon.softmax([1000, 1000, 1000])) - 1) < 1e-12);
  assert.throws(() => addon.softmax([]), /softmax of no inputs/);
  assert.equal(addon.dotProduct([1, 2, 3], [4, -5, 6]), 4 - 10 + 18);
  assert.deepEqual(addon.matrixMultiply([[1, 2], [3, 4], [5, 6]], [[7, 8, 9], [10, 11, 12]]), [
    [27, 30, 33],
    [61, 68, 75],
    [95, 106, 117],
  ]);
  assert.throws(() => addon.matrixMultiply([[1, 2]], [[1, 2]]), /Dimension mismatch: expected 2, got 1/);
});

test('sliding windows and the train/validation split', () => {
  const series = [1, 2, 3, 4, 5, 6, 7];
  assert.deepEqual(addon.slidingWindows(series, 3, 2), [[1, 2, 3], [3, 4, 5], [5, 6, 7]]);
  assert.deepEqual(addon.slidingWindows(series, 3, 3), [[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(addon.slidingWindows(series, 8, 1), []);
  assert.throws(() => addon.slidingWindows(series, 3, 0), /stepSize must be at least 1/);
  // floor((1 - 0.3) * 7) = 4 values to train on.
  assert.deepEqual(addon.trainValidationSplit(series, 0.3), { train: [1, 2, 3, 4], validation: [5, 6, 7] });
  assert.deepEqual(addon.trainValidationSplit(series, 0), { train: series, validation: [] });
  assert.throws(() => addon.trainValidationSplit(series, 1), /Validation split must be in range \[0, 1\)/);
});

test('seasonal decomposition: centred moving average and remainder', () => {
  const data = [10, 12, 9, 14, 11, 13, 8, 15];
  const period = 4;
  const trend = data.map((_, i) => mean(data.slice(Math.max(0, i - period / 2), Math.min(data.length, i + period / 2 + 1))));
  const { trend: t, seasonal: s } = addon.seasonalDecompose(data, period);
  close(t, trend, 'trend');
  close(s, data.map((v, i) => v - trend[i]), 'seasonal');
  assert.throws(() => addon.seasonalDecompose(data, 0), /Invalid period 0 for data length 8/);
});

test('min-max scaling into a range and back', () => {
  const data = [4, 8, 6, 2];
  const scaler = new addon.MinMaxScaler();
  close(scaler.fitTransform(data), data.map((v) => (v - 2) / 6), 'to [0, 1]');
  close(scaler.inverseTransform([0, 0.5, 1]), [2, 5, 8], 'back');
  const wide = new addon.MinMaxScaler(-1, 1);
  wide.fit(data);
  close(wide.transform([2, 5, 8, 11]), [-1, 0, 1, 2], 'to [-1, 1]');
  assert.throws(() => new addon.MinMaxScaler().transform([1]), /Scaler has not been fitted/);
  assert.throws(() => new addon.MinMaxScaler().fit([]), /Cannot fit scaler on empty data/);
});

test('z-score scaling with the population standard deviation', () => {
  const data = [2, 4, 4, 4, 5, 5, 7, 9]; // mean 5, population sd 2
  const scaler = new addon.StandardScaler();
  close(scaler.fitTransform(data), data.map((v) => (v - 5) / 2), 'z-scores');
  close(scaler.inverseTransform([-1.5, 0, 2]), [2, 5, 9], 'back');
  const flat = new addon.StandardScaler();
  flat.fit([3, 3, 3]);
  close(flat.transform([3, 4]), [0, 0], 'zero spread');
});
