// Tests of the @ruv.io/ruv-swarm-ml addon, run by `tools/bazel test
// //crates/ruv-swarm-ml:node_test` with the addon's path in ADDON_0.
// Every expected value is recomputed here in double precision from the
// formulas; the crate works in f32, hence the tolerances.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function close(actual, expected, tol = 1e-4, what = '') {
  assert.equal(actual.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const mean = (xs) => sum(xs) / xs.length;

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.5');
});

test('transformations follow their definitions', () => {
  const values = [3, 7, 1, 9, 4, 6, 2];
  const timestamps = values.map((_, i) => 100 + i);
  const min = Math.min(...values);
  const max = Math.max(...values);

  let r = addon.transform({ values, timestamps }, ['normalize']);
  close(r.values, values.map((x) => (x - min) / (max - min)), 1e-6, 'normalize');
  assert.deepEqual(r.timestamps, timestamps);

  const m = mean(values);
  const sd = Math.sqrt(sum(values.map((x) => (x - m) ** 2)) / values.length);
  r = addon.transform({ values, timestamps }, ['standardize']);
  close(r.values, values.map((x) => (x - m) / sd), 1e-5, 'standardize');

  r = addon.transform({ values, timestamps }, ['difference']);
  close(r.values, values.slice(1).map((x, i) => x - values[i]), 0, 'difference');
  assert.deepEqual(r.timestamps, timestamps.slice(1));

  r = addon.transform({ values, timestamps }, ['movingAverage']);
  const ma = [];
  for (let i = 0; i + 3 <= values.length; i++) ma.push((values[i] + values[i + 1] + values[i + 2]) / 3);
  close(r.values, ma, 1e-6, 'movingAverage');
  assert.deepEqual(r.timestamps, timestamps.slice(1, 1 + ma.length));

  r = addon.transform({ values, timestamps }, ['exponentialSmoothing']);
  const es = [values[0]];
  for (let i = 1; i < values.length; i++) es.push(0.3 * values[i] + 0.7 * es[i - 1]);
  close(r.values, es, 1e-6, 'exponentialSmoothing');

  r = addon.transform({ values, timestamps }, ['log']);
  close(r.values, values.map(Math.log), 1e-6, 'log');

  // Non-positive data is shifted so that its minimum becomes 1.
  const withZero = [-2, 0, 3];
  r = addon.transform({ values: withZero, timestamps: [0, 1, 2] }, ['boxCox']);
  close(r.values, withZero.map((x) => Math.log(x + 3)), 1e-6, 'boxCox');

  // Steps compose left to right.
  r = addon.transform({ values, timestamps }, ['difference', 'difference']);
  const d1 = values.slice(1).map((x, i) => x - values[i]);
  close(r.values, d1.slice(1).map((x, i) => x - d1[i]), 0, 'second difference');
  assert.deepEqual(r.timestamps, timestamps.slice(2));
});

test('transformation errors', () => {
  assert.throws(() => addon.transform({ values: [1], timestamps: [0] }, ['difference']), /Not enough data points/);
  assert.throws(() => addon.transform({ values: [1, 2], timestamps: [0, 1] }, ['movingAverage']), /Invalid window size/);
  assert.throws(() => addon.transform({ values: [1, 2], timestamps: [0] }, []), /same length/);
  assert.throws(() => addon.transform({ values: [1], timestamps: [0] }, ['fourier']), /unknown transformation 'fourier'/);
});

function autocorrelation(values, maxLag) {
  const n = values.length;
  const m = mean(values);
  const v = sum(values.map((x) => (x - m) ** 2)) / n;
  const out = [];
  for (let lag = 0; lag < Math.min(maxLag, n); lag++) {
    let c = 0;
    for (let i = 0; i < n - lag; i++) c += (values[i] - m) * (values[i + lag] - m);
    out.push(c / (n - lag) / v);
  }
  return out;
}

function trendStrength(values) {
  const n = values.length;
  const xm = (n - 1) / 2;
  const ym = mean(values);
  let num = 0;
  let den = 0;
  values.forEach((y, i) => {
    num += (i - xm) * (y - ym);
    den += (i - xm) ** 2;
  });
  const slope = num / den;
  const intercept = ym - slope * xm;
  let res = 0;
  let tot = 0;
  values.forEach((y, i) => {
    res += (y - (slope * i + intercept)) ** 2;
    tot += (y - ym) ** 2;
  });
  return Math.sqrt(Math.max(0, 1 - res / tot));
}

test('seasonality of a sine and trend of a line', () => {
  const sine = Array.from({ length: 64 }, (_, i) => Math.sin((2 * Math.PI * i) / 8));
  const acf = autocorrelation(sine, 32);
  const peaks = [];
  for (let i = 1; i < acf.length - 1; i++) if (acf[i] > acf[i - 1] && acf[i] > acf[i + 1] && acf[i] > 0.3) peaks.push(i);
  assert.deepEqual(peaks, [8, 16, 24]);
  const s = addon.detectSeasonality(sine);
  assert.deepEqual(s.seasonalPeriods, peaks);
  assert.ok(s.hasSeasonality);
  assert.ok(Math.abs(s.trendStrength - trendStrength(sine)) < 1e-3);

  const noisyLine = Array.from({ length: 20 }, (_, i) => 2 * i + (i % 3) - 1);
  const t = addon.detectSeasonality(noisyLine);
  assert.ok(Math.abs(t.trendStrength - trendStrength(noisyLine)) < 1e-4);
  assert.equal(t.hasTrend, trendStrength(noisyLine) > 0.3);
  assert.ok(t.hasTrend);
  assert.throws(() => addon.detectSeasonality([1]), /at least 2 values/);
});

test('lag and rolling features', () => {
  const values = [1, 4, 2, 8, 5, 7];
  assert.deepEqual(addon.lagFeatures(values, [1, 2]), [
    [1, 4, 2, 8, 5],
    [1, 4, 2, 8],
  ]);
  assert.deepEqual(addon.lagFeatures(values, [6]), []);

  const f = addon.rollingFeatures(values, [3, 10]);
  assert.deepEqual(Object.keys(f).sort(), ['rolling_mean_3', 'rolling_std_3']);
  const means = [];
  const stds = [];
  for (let i = 0; i + 3 <= values.length; i++) {
    const w = values.slice(i, i + 3);
    const m = mean(w);
    means.push(m);
    stds.push(Math.sqrt(sum(w.map((x) => (x - m) ** 2)) / 3));
  }
  close(f.rolling_mean_3, means, 1e-6, 'rolling mean');
  close(f.rolling_std_3, stds, 1e-5, 'rolling std');
});

const forecasts = [
  [1, 2, 3],
  [2, 4, 6],
  [3, 3, 3],
  [10, 0, 5],
];
const column = (j) => forecasts.map((row) => row[j]);

function pearson(a, b) {
  const ma = mean(a);
  const mb = mean(b);
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    c += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return va === 0 || vb === 0 ? 0 : c / Math.sqrt(va * vb);
}

test('ensemble strategies combine forecasts column by column', () => {
  const avg = [0, 1, 2].map((j) => mean(column(j)));
  const r = addon.ensemblePredict(forecasts, { strategy: 'average' });
  close(r.pointForecast, avg, 1e-6, 'average');

  // Intervals: point ± z·σ, σ the population spread around the point.
  for (const [level, z] of [['level50', 0.674], ['level80', 1.282], ['level95', 1.96]]) {
    const sigma = [0, 1, 2].map((j) => Math.sqrt(mean(column(j).map((x) => (x - avg[j]) ** 2))));
    close(r.intervals[level].lower, avg.map((p, j) => p - z * sigma[j]), 1e-5, `${level} lower`);
    close(r.intervals[level].upper, avg.map((p, j) => p + z * sigma[j]), 1e-5, `${level} upper`);
  }
  const variance = mean([0, 1, 2].map((j) => mean(column(j).map((x) => (x - avg[j]) ** 2))));
  assert.ok(Math.abs(r.predictionVariance - variance) < 1e-4);
  const corrs = [];
  for (let i = 0; i < forecasts.length; i++) for (let k = i + 1; k < forecasts.length; k++) corrs.push(pearson(forecasts[i], forecasts[k]));
  assert.ok(Math.abs(r.diversityScore - (1 - mean(corrs))) < 1e-5);

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  close(addon.ensemblePredict(forecasts, { strategy: 'median' }).pointForecast, [0, 1, 2].map((j) => median(column(j))), 1e-6, 'median');
  close(addon.ensemblePredict(forecasts, { strategy: 'voting' }).pointForecast, [0, 1, 2].map((j) => median(column(j))), 1e-6, 'voting');

  // trim 0.25 of 4 models: drop the lowest and the highest of each column.
  const trimmed = [0, 1, 2].map((j) => mean([...column(j)].sort((a, b) => a - b).slice(1, 3)));
  close(addon.ensemblePredict(forecasts, { strategy: 'trimmedMean', trim: 0.25 }).pointForecast, trimmed, 1e-6, 'trimmed');

  const weights = [0.1, 0.2, 0.3, 0.4];
  const weighted = [0, 1, 2].map((j) => sum(column(j).map((x, i) => x * weights[i])));
  close(addon.ensemblePredict(forecasts, { strategy: 'weighted', weights }).pointForecast, weighted, 1e-5, 'weighted');
});

test('ensemble errors', () => {
  assert.throws(() => addon.ensemblePredict(forecasts, { strategy: 'weighted', weights: [0.5, 0.5, 0.5, 0.5] }), /sum to 1.0/);
  assert.throws(() => addon.ensemblePredict(forecasts, { strategy: 'weighted', weights: [1] }), /Number of weights/);
  assert.throws(() => addon.ensemblePredict([[1, 2], [1]], { strategy: 'average' }), /same horizon/);
  assert.throws(() => addon.ensemblePredict([], { strategy: 'average' }), /No predictions/);
  assert.throws(() => addon.ensemblePredict(forecasts, { strategy: 'trimmedMean', trim: 0.6 }), /between 0 and 0.5/);
  assert.throws(() => addon.ensemblePredict(forecasts, { strategy: 'stacking' }), /unknown strategy/);
});

test('README example', () => {
  // README example: begin
  const series = { values: [3, 7, 1, 9], timestamps: [100, 101, 102, 103] };
  const diff = addon.transform(series, ['difference']);
  assert.deepEqual(diff.values, [4, -6, 8]);
  assert.deepEqual(diff.timestamps, [101, 102, 103]);
  assert.deepEqual(addon.lagFeatures([1, 4, 2, 8, 5, 7], [1, 2]), [
    [1, 4, 2, 8, 5],
    [1, 4, 2, 8],
  ]);
  // README example: end
});
