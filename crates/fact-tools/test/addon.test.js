// Tests of the @ruv.io/fact-tools addon, run by `tools/bazel test
// //crates/fact-tools:node_test` with the addon's path in ADDON_0.
// Each template's steps are replayed in JavaScript on the same context.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.0');
});

test('built-in templates', () => {
  assert.deepEqual(addon.templateIds(), ['analysis-basic', 'data-aggregation', 'pattern-detection', 'quick-transform']);
  const t = addon.template('data-aggregation');
  assert.equal(t.id, 'data-aggregation');
  assert.deepEqual(t.steps.map((s) => s.name), ['filter-numbers', 'sum', 'average', 'count']);
  assert.equal(t.name, 'Data Aggregation');
  assert.equal(addon.template('nope'), null);
});

const numbersIn = (v) =>
  typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(numbersIn) : [];
const lowerKeys = (v) =>
  Array.isArray(v) ? v.map(lowerKeys) : v && typeof v === 'object'
    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), lowerKeys(x)])) : v;

test('analysis-basic: lower-cased keys and population statistics', () => {
  const context = { Values: [2, 4, 4, 4, 5, 5, 7, 9], Nested: { X: 10, Label: 'n' } };
  const out = new addon.FactEngine().process('analysis-basic', context);
  assert.equal(out.template_id, 'analysis-basic');
  assert.equal(out.template_name, 'Basic Analysis');
  assert.equal(out.metadata.priority, 'Normal');
  assert.ok(!Number.isNaN(Date.parse(out.metadata.processed_at)));

  const nums = numbersIn(context);
  const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
  const variance = nums.reduce((a, n) => a + (n - mean) ** 2, 0) / nums.length;
  const r = out.result;
  assert.deepEqual(r.original, lowerKeys(context));
  assert.equal(r.analysis.type, 'statistical');
  const m = r.analysis.metrics;
  assert.equal(m.count, nums.length);
  assert.equal(m.sum, nums.reduce((a, b) => a + b, 0));
  assert.ok(Math.abs(m.mean - mean) < 1e-12);
  assert.ok(Math.abs(m.std_dev - Math.sqrt(variance)) < 1e-12);
  assert.equal(m.min, Math.min(...nums));
  assert.equal(m.max, Math.max(...nums));
  assert.equal(r._expanded, true);
});

test('quick-transform drops underscore keys, then lower-cases', () => {
  const out = new addon.FactEngine().process('quick-transform', { _secret: 1, KeepMe: { Inner: 2, _not_dropped: 3 } });
  assert.deepEqual(out.result, { keepme: { inner: 2, _not_dropped: 3 } });
});

test('pattern-detection reports inquiry / data-driven / rule-based keys', () => {
  const out = new addon.FactEngine().process('pattern-detection', { Query: 'q', DATA: [1], rules: [] });
  // The semantic step runs on the pattern step's output, so the patterns
  // sit under original.
  const patterns = out.result.original.analysis.patterns;
  assert.deepEqual(patterns, ['inquiry', 'data-driven', 'rule-based']);
});

test('data-aggregation chains sum -> average -> count', () => {
  const context = { a: 3, b: [4, 5], c: { d: 6 } };
  const out = new addon.FactEngine().process('data-aggregation', context);
  // sum gives { sum: 18 }; average of that object is 18; count of
  // { average: 18 } is one entry.
  assert.deepEqual(out.result, { count: 1 });
});

test('unknown template is an error', () => {
  assert.throws(() => new addon.FactEngine().process('nope', {}), /Template not found: nope/);
});

test('README example', () => {
  // README example: begin
  assert.deepEqual(addon.templateIds(), ['analysis-basic', 'data-aggregation', 'pattern-detection', 'quick-transform']);
  const engine = new addon.FactEngine();
  const out = engine.process('quick-transform', { _secret: 1, KeepMe: { Inner: 2, _not_dropped: 3 } });
  assert.deepEqual(out.result, { keepme: { inner: 2, _not_dropped: 3 } });
  // README example: end
});
