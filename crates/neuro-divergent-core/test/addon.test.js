// Tests of the @ruv.io/neuro-divergent-core addon, run by `tools/bazel test
// //crates/neuro-divergent-core:node_test` with the addon's path in ADDON_0.
// Expected datasets are grouped here in plain JavaScript from the rows.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const DAY = 86400000;
const T0 = Date.UTC(2024, 0, 1);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('groups a frame by series', () => {
  // README example: begin
  const dataset = addon.toDataset({
    uniqueId: ['b', 'a', 'b', 'a', 'a'],
    ds: [0, 0, 1, 1, 2].map((d) => Date.UTC(2024, 0, 1 + d)),
    y: [10, 1, 20, 2, 3],
  });
  assert.deepEqual(
    dataset.series.map((s) => [s.id, s.values]),
    [
      ['a', [1, 2, 3]],
      ['b', [10, 20]],
    ],
  );
  assert.equal(dataset.nObservations, 5);
  assert.equal(dataset.avgSeriesLength, 2.5);
  // README example: end
});

test('dataset matches a grouping done in JavaScript', () => {
  const ids = [];
  const ds = [];
  const y = [];
  const region = [];
  const lengths = { north: 7, south: 3, east: 5 };
  Object.entries(lengths).forEach(([id, n], k) => {
    for (let i = 0; i < n; i++) {
      ids.push(id);
      ds.push(T0 + (i + k) * DAY);
      y.push(Math.sin(i + k) * 100);
      region.push(k + 0.5);
    }
  });
  const dataset = addon.toDataset({ uniqueId: ids, ds, y, staticFeatures: { region, zone: region.map((r) => -r) } });
  const want = [...new Set(ids)].sort().map((id) => {
    const rows = ids.flatMap((v, i) => (v === id ? [i] : []));
    return {
      id,
      timestamps: rows.map((i) => ds[i]),
      values: rows.map((i) => y[i]),
      staticFeatures: [region[rows[0]], -region[rows[0]]],
    };
  });
  assert.deepEqual(dataset, {
    staticFeatureNames: ['region', 'zone'],
    series: want,
    nSeries: 3,
    nObservations: ids.length,
    avgSeriesLength: ids.length / 3,
    minSeriesLength: 3,
    maxSeriesLength: 7,
    start: Math.min(...want.map((s) => s.timestamps[0])),
    end: Math.max(...want.map((s) => s.timestamps.at(-1))),
  });
});

test('empty frames and validation', () => {
  const empty = { uniqueId: [], ds: [], y: [] };
  const dataset = addon.toDataset(empty);
  assert.equal(dataset.nSeries, 0);
  assert.equal(dataset.start, undefined);
  assert.equal(dataset.end, undefined);
  assert.deepEqual(addon.validateFrame(empty), {
    isValid: false,
    errors: [{ code: 'EMPTY_DATASET', message: 'Dataset contains no rows' }],
    warnings: [],
    qualityScore: 70,
  });
  const ok = addon.validateFrame({ uniqueId: ['a'], ds: [T0], y: [1] });
  assert.deepEqual(ok, { isValid: true, errors: [], warnings: [], qualityScore: 100 });
});

test('rejects columns of different lengths', () => {
  assert.throws(() => addon.toDataset({ uniqueId: ['a', 'a'], ds: [T0], y: [1, 2] }), /ds has 1 values but uniqueId has 2/);
  assert.throws(
    () => addon.toDataset({ uniqueId: ['a'], ds: [T0], y: [1], staticFeatures: { size: [] } }),
    /staticFeatures.size has 0 values/,
  );
  assert.throws(() => addon.toDataset({ uniqueId: ['a'], ds: [T0], y: [1], staticFeatures: { y: [1] } }), /y/);
});
