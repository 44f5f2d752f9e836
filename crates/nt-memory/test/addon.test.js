// Tests of the @ruv.io/nt-memory addon against values worked out here: the
// verdict arithmetic by hand, and the deterministic embedding recomputed
// with an independent SipHash-1-3 and f32 rounding (Math.fround).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const close = (a, b, eps = 1e-6) => assert.ok(Math.abs(a - b) <= eps, `${a} is not within ${eps} of ${b}`);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.0');
});

test('swarm namespaces', () => {
  // README example: begin
  assert.equal(addon.buildNamespace('agent_1', 'position'), 'swarm/agent_1/position');
  assert.deepEqual(addon.parseNamespace('swarm/agent_1/position'), { agentId: 'agent_1', key: 'position' });
  // README example: end
  assert.throws(() => addon.parseNamespace('swarm/only_two'), /Invalid namespace format/);
  assert.throws(() => addon.parseNamespace('wrong/agent/key'), /must start with 'swarm'/);
  const keys = ['swarm/b/k1', 'swarm/a/k2', 'bad', 'swarm/b/k3', 'other/a/k4'];
  assert.deepEqual(addon.namespaceAgents(keys), ['a', 'b']);
  assert.deepEqual(addon.filterByAgent(keys, 'b'), ['swarm/b/k1', 'swarm/b/k3']);
  assert.deepEqual(addon.filterByAgent(keys, 'zz'), []);
});

test('verdicts on predicted against actual outcomes', () => {
  // |100 - 102| / 102 = 1.96 % error: within the default 5 %.
  const ok = addon.judgePredictions([100], [102]);
  assert.equal(ok.verdict, 'correct');
  close(ok.error, 2 / 102, 1e-12);
  close(ok.accuracy, 1 - 2 / 102, 1e-12);
  assert.equal(ok.confidence, 0.1);
  assert.equal(ok.feedback, 'Excellent prediction! Error: 1.96%');
  assert.equal(ok.score, 102);

  // 50 / 150 = 33 % error: very wrong (>= 25 %).
  const bad = addon.judgePredictions([100], [150]);
  assert.equal(bad.verdict, 'veryWrong');
  close(bad.accuracy, 1 - 50 / 150, 1e-12);
  assert.match(bad.feedback, /^Significant prediction error\. Consider retraining\. Error: 33\.33%$/);

  // Pairs in order, extra predictions ignored: errors 10/100 and 0/50, mean 5 %.
  const mixed = addon.judgePredictions([110, 50, 7], [100, 50], { correct: 0.01, veryWrong: 0.5 });
  assert.equal(mixed.verdict, 'incorrect');
  close(mixed.error, 0.05, 1e-12);
  assert.equal(mixed.confidence, 0.2);
  close(mixed.score, 75, 1e-12);

  const none = addon.judgePredictions([], [1, 2]);
  assert.equal(none.verdict, 'insufficient');
  assert.equal(none.error, undefined);
  assert.equal(none.accuracy, 0);
  assert.equal(none.feedback, 'Insufficient data for judgment');
  close(none.score, 1.5, 1e-12);
  assert.equal(addon.judgePredictions([1], []).score, undefined);
});

test('distilled patterns: centroid and cluster strength per agent', () => {
  const trajectories = [
    { agentId: 'a', embeddings: [[1, 0]] },
    { agentId: 'a', embeddings: [[0, 1]] },
    { agentId: 'a', embeddings: [[1, 1]] },
    { agentId: 'b', embeddings: [[1, 0]] },
    { agentId: 'b', embeddings: [[1, 0]] },
  ];
  // Agent b has 2 trajectories, fewer than the default 3.
  const [a] = addon.distillPatterns(trajectories);
  assert.equal(a.agentId, 'a');
  assert.equal(a.trajectoryCount, 3);
  // Mean (2/3, 2/3) normalized; cosines to it: 1/sqrt(2), 1/sqrt(2), 1.
  close(a.centroid[0], Math.SQRT1_2);
  close(a.centroid[1], Math.SQRT1_2);
  close(a.strength, ((2 * Math.SQRT1_2 + 1) / 3 + 1) / 2);
  const both = addon.distillPatterns(trajectories, { minTrajectories: 2 });
  assert.deepEqual(both.map((p) => p.agentId), ['a', 'b']);
  assert.deepEqual(both[1].centroid, [1, 0]);
  assert.equal(both[1].strength, 1);
  assert.throws(() => addon.distillPatterns([{ agentId: 'a', embeddings: [[1, 0], [1, 0, 0]] }]), /trajectories\[0\]\.embeddings\[1\] has 3 values, expected 2/);
});

// SipHash-1-3 with zero keys over the text's bytes and a 0xff terminator
// (how Rust's DefaultHasher hashes a str), then the crate's LCG in f32.
const M = (1n << 64n) - 1n;
const rotl = (x, b) => ((x << BigInt(b)) | (x >> BigInt(64 - b))) & M;
function sipHash13(bytes) {
  let v0 = 0x736f6d6570736575n, v1 = 0x646f72616e646f6dn, v2 = 0x6c7967656e657261n, v3 = 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & M; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
    v2 = (v2 + v3) & M; v3 = rotl(v3, 16); v3 ^= v2;
    v0 = (v0 + v3) & M; v3 = rotl(v3, 21); v3 ^= v0;
    v2 = (v2 + v1) & M; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
  };
  const word = (i, n) => { let m = 0n; for (let k = 0; k < n; k++) m |= BigInt(bytes[i + k]) << BigInt(8 * k); return m; };
  const full = bytes.length - (bytes.length % 8);
  for (let i = 0; i < full; i += 8) { const m = word(i, 8); v3 ^= m; round(); v0 ^= m; }
  const b = (BigInt(bytes.length & 0xff) << 56n) | word(full, bytes.length - full);
  v3 ^= b; round(); v0 ^= b;
  v2 ^= 0xffn; round(); round(); round();
  return v0 ^ v1 ^ v2 ^ v3;
}
function embedding(text, dimension) {
  let h = sipHash13([...Buffer.from(text, 'utf8'), 0xff]);
  const f = Math.fround;
  const e = [];
  for (let i = 0; i < dimension; i++) {
    h = (h * 1103515245n + 12345n) & M;
    e.push(f(f(f(Number((h >> 16n) & 0xffffn) / 65535) * 2) - 1));
  }
  let sum = 0;
  for (const x of e) sum = f(sum + f(x * x));
  const mag = f(Math.sqrt(sum));
  return mag > 0 ? e.map((x) => f(x / mag)) : e;
}

test('deterministic text embeddings', () => {
  for (const [text, dim] of [['test string', 384], ['hello', 8], ['', 3], ['héllo wörld, a longer text of many words', 16]]) {
    assert.deepEqual(addon.embedText(text, dim), embedding(text, dim), `embedding of '${text}'`);
  }
  const e = addon.embedText('AAPL breakout', 64);
  close(Math.hypot(...e), 1, 1e-5);
  assert.deepEqual(addon.embedText('x', 0), []);
});

test('vector metrics in f32', () => {
  close(addon.cosineSimilarity([1, 0, 0], [1, 0, 0]), 1);
  close(addon.cosineSimilarity([1, 0], [0, 1]), 0);
  close(addon.cosineSimilarity([1, 2, 3], [4, 5, 6]), 32 / Math.sqrt(14 * 77));
  assert.equal(addon.cosineSimilarity([1, 2], [1, 2, 3]), 0);
  assert.equal(addon.cosineSimilarity([0, 0], [1, 1]), 0);
  assert.equal(addon.euclideanDistance([0, 0], [3, 4]), 5);
  // Different lengths: f32::MAX.
  assert.equal(addon.euclideanDistance([1], [1, 2]), Math.fround(3.4028234663852886e38));
});

test('hot cache: values, misses, expiry and LRU eviction', () => {
  const cache = new addon.HotCache({ maxEntries: 2 });
  cache.insert('k1', Buffer.from([1, 2, 3]));
  cache.insert('k2', Buffer.from('two'));
  assert.deepEqual([...cache.get('k1')], [1, 2, 3]);
  assert.equal(cache.size, 2);
  // k1 was read after k2 was written, so k2 is the least recently used.
  cache.insert('k3', Buffer.from([3]));
  assert.equal(cache.get('k2'), null);
  assert.deepEqual([...cache.get('k3')], [3]);
  assert.equal(cache.size, 2);
  assert.deepEqual(cache.stats(), { entries: 2, hits: 2, misses: 1, evictions: 1, hitRate: 2 / 3 });
  assert.equal(cache.remove('k1'), true);
  assert.equal(cache.remove('k1'), false);
  assert.equal(cache.size, 1);
  cache.clear();
  assert.equal(cache.size, 0);

  const shortLived = new addon.HotCache({ ttlMs: 1 });
  shortLived.insert('t', Buffer.from([9]));
  const until = Date.now() + 20;
  while (Date.now() < until) { /* let the entry expire */ }
  assert.equal(shortLived.get('t'), null);
  assert.equal(shortLived.size, 0);
  assert.equal(shortLived.hitRate(), 0);
  assert.throws(() => new addon.HotCache({ maxEntries: 0 }), /maxEntries must be at least 1/);
});
