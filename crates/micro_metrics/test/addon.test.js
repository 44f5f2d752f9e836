// Tests of the @ruv.io/micro_metrics addon, run by `tools/bazel test
// //crates/micro_metrics:node_test` with the addon's path in ADDON_0.
// Expected statistics are computed here from the raw samples.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const near = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

function defaultBuckets() {
  const b = [];
  for (let v = 1000; v <= 1e9; v = Math.floor(v * 1.5)) b.push(v);
  b.push(Infinity);
  return b;
}

// The histogram's reading: the first bucket whose cumulative count reaches
// floor(n * p).
function histPercentile(bounds, samples, p) {
  if (samples.length === 0) return 0;
  const target = Math.floor(samples.length * p);
  const counts = bounds.map(() => 0);
  for (const s of samples) counts[bounds.findIndex((b) => s <= b)]++;
  let cum = 0;
  for (let i = 0; i < counts.length; i++) {
    cum += counts[i];
    if (cum >= target) return bounds[i];
  }
  return bounds[bounds.length - 1];
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const popStd = (xs) => {
  if (xs.length <= 1) return 0;
  const m = mean(xs);
  return Math.sqrt(Math.max(xs.reduce((a, x) => a + x * x, 0) / xs.length - m * m, 0));
};

const SAMPLES = [1200, 800, 5_000, 5_063, 2_250, 2_251, 40_000, 1_000, 7_000_000, 2_000_000_000];

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.0');
});

test('default histogram buckets and counts', () => {
  const h = new addon.TimingHistogram();
  const bounds = defaultBuckets();
  assert.deepEqual(h.buckets, bounds);
  assert.deepEqual(h.buckets.slice(0, 6), [1000, 1500, 2250, 3375, 5062, 7593]);
  for (const s of SAMPLES) h.record(s);
  const counts = bounds.map(() => 0);
  for (const s of SAMPLES) counts[bounds.findIndex((b) => s <= b)]++;
  assert.deepEqual(h.counts, counts);
  assert.equal(h.counts[h.counts.length - 1], 1); // 2 s is past the last bound (1 s)
  assert.equal(h.count, SAMPLES.length);
  near(h.mean, mean(SAMPLES), 'mean');
  near(h.stdDev, popStd(SAMPLES), 'stdDev');
  for (const p of [0, 0.25, 0.5, 0.9, 0.95, 1]) {
    assert.equal(h.percentile(p), histPercentile(bounds, SAMPLES, p), `p${p}`);
  }
  assert.equal(h.percentile(1), Infinity);
  h.reset();
  assert.equal(h.count, 0);
  assert.equal(h.mean, 0);
  assert.equal(h.percentile(0.5), 0);
  assert.ok(h.counts.every((c) => c === 0));
});

test('custom buckets are sorted and closed with an open bucket', () => {
  // README example: begin
  const h = new addon.TimingHistogram([100, 10, 1000]);
  assert.deepEqual(h.buckets, [10, 100, 1000, Infinity]);
  for (const s of [5, 10, 11, 100, 500, 5000]) h.record(s);
  assert.deepEqual(h.counts, [2, 2, 1, 1]);
  assert.equal(h.percentile(0.5), 100); // floor(6 * 0.5) = 3 samples reached in the second bucket
  // README example: end
  assert.equal(h.stdDev, popStd([5, 10, 11, 100, 500, 5000]));
  assert.throws(() => h.record(-1), /whole number/);
  assert.throws(() => h.record(1.5), /whole number/);
  assert.throws(() => h.percentile(2), /percentile must be in \[0, 1\]/);
});

test('profiler: per-operation histograms and moving averages', () => {
  const p = new addon.PerformanceProfiler(3);
  const parse = [1000, 2000, 3000, 4000, 10000];
  const render = [500_000, 700_000];
  for (const d of parse) p.record('parse', d);
  for (const d of render) p.record('render', d);
  assert.deepEqual(p.operations(), ['parse', 'render']);
  assert.equal(p.movingAverage('parse'), mean(parse.slice(-3)));
  assert.equal(p.movingAverage('render'), mean(render));
  assert.equal(p.movingAverage('nothing'), null);
  assert.equal(p.stats('nothing'), null);
  const s = p.stats('parse');
  const bounds = defaultBuckets();
  assert.equal(s.operation, 'parse');
  assert.equal(s.totalSamples, 5);
  near(s.meanNs, mean(parse), 'mean');
  near(s.stdDevNs, popStd(parse), 'std');
  assert.equal(s.movingAvgNs, mean(parse.slice(-3)));
  assert.equal(s.p50Ns, histPercentile(bounds, parse, 0.5));
  assert.equal(s.p95Ns, histPercentile(bounds, parse, 0.95));
  assert.equal(s.p99Ns, histPercentile(bounds, parse, 0.99));
  assert.deepEqual(p.allStats().map((x) => x.operation), ['parse', 'render']);
  p.resetOperation('parse');
  assert.equal(p.stats('parse').totalSamples, 0);
  assert.equal(p.movingAverage('parse'), 0);
  p.reset();
  assert.deepEqual(p.operations(), []);
  // Default buffer: 100 samples.
  const q = new addon.PerformanceProfiler();
  for (let i = 1; i <= 150; i++) q.record('x', i);
  assert.equal(q.movingAverage('x'), mean(Array.from({ length: 100 }, (_, i) => i + 51)));
});

test('collector: counters, operations, memory, agents', () => {
  const c = new addon.MetricsCollector();
  assert.equal(c.active, true);
  c.incrementCounter('hits');
  c.incrementCounter('hits');
  c.addCounter('bytes', 512);
  assert.equal(c.getCounter('hits'), 2);
  assert.equal(c.getCounter('missing'), 0);

  const durations = [300, 100, 200, 1000, 401];
  for (const d of durations) c.recordOperation('query', d);
  assert.deepEqual(c.counterNames(), ['bytes', 'hits', 'query_operations', 'query_total_time_ns']);
  const total = durations.reduce((a, b) => a + b, 0);
  assert.equal(c.getCounter('query_total_time_ns'), total);

  c.recordAllocation(1000);
  c.recordAllocation(500);
  c.recordDeallocation(1200);
  c.recordDeallocation(1000); // floors at 0
  c.trackAgent(7, true);
  c.trackAgent(7, false);
  c.trackAgent(7, true);
  c.trackAgent(2, false);

  const snap = c.snapshot();
  // Every counter adds to the total, the time counter included.
  assert.equal(snap.totalOperations, 2 + 512 + durations.length + total);
  assert.deepEqual(snap.counters, { hits: 2, bytes: 512, query_operations: 5, query_total_time_ns: total });
  assert.equal(snap.memoryUsage, 0);
  assert.equal(snap.peakMemoryUsage, 1500);
  assert.equal(snap.totalAllocations, 2);
  assert.equal(snap.totalDeallocations, 2);
  assert.equal(snap.activeAgents, 2);

  const q = snap.operationStats.query;
  const avg = Math.floor(total / durations.length);
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.round(p * (sorted.length - 1))];
  assert.deepEqual(Object.keys(snap.operationStats), ['query']);
  assert.equal(q.count, 5);
  assert.equal(q.totalNs, total);
  assert.equal(q.minNs, 100);
  assert.equal(q.maxNs, 1000);
  assert.equal(q.avgNs, avg);
  near(q.stdDevNs, Math.sqrt(durations.reduce((a, x) => a + (x - avg) ** 2, 0) / durations.length), 'op std');
  assert.equal(q.p50Ns, rank(0.5));
  assert.equal(q.p95Ns, rank(0.95));
  assert.equal(q.p99Ns, rank(0.99));

  assert.deepEqual(c.agentMetrics(), [
    { id: 2, successRate: 0, totalOperations: 1, successfulOperations: 0, failedOperations: 1 },
    { id: 7, successRate: Math.fround(2 / 3), totalOperations: 3, successfulOperations: 2, failedOperations: 1 },
  ]);

  c.active = false;
  c.incrementCounter('hits');
  assert.equal(c.getCounter('hits'), 2);
  assert.equal(c.snapshot().totalOperations, 0);
  c.active = true;
  c.reset();
  assert.deepEqual(c.counterNames(), []);
  assert.deepEqual(c.agentMetrics(), []);
  assert.throws(() => c.addCounter('x', -3), /value must be a whole number/);
});
