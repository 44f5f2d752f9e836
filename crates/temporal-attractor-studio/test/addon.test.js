// Tests of the @ruv.io/temporal-attractor-studio addon: the Lyapunov estimate
// recomputed in JavaScript with a brute-force nearest-neighbour search.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const dist = (a, b) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;

function lyapunov(traj, { dt = 0.01, kFit = 12, theiler = 20, maxPairs = 4000, minInitSep = 1e-12 } = {}) {
  const n = traj.length;
  const N = n - kFit;
  const t = Array.from({ length: kFit }, (_, k) => (k + 1) * dt);
  const tMean = mean(t);
  const varT = t.reduce((s, tk) => s + (tk - tMean) ** 2, 0);
  const stride = Math.max(1, Math.floor(N / Math.max(maxPairs, 1)));
  const slopes = [];
  for (let i = 0; i < N; i += stride) {
    let best = -1;
    let d0 = Infinity;
    for (let j = 0; j < N; j++) {
      if (Math.abs(i - j) <= theiler) continue;
      const d = dist(traj[i], traj[j]);
      if (d < d0) { d0 = d; best = j; }
    }
    if (best < 0 || d0 <= minInitSep) continue;
    const y = t.map((_, k) => Math.log(Math.max(dist(traj[i + k + 1], traj[best + k + 1]), 1e-300) / d0));
    const yMean = mean(y);
    const slope = t.reduce((s, tk, k) => s + (tk - tMean) * (y[k] - yMean), 0) / varT;
    if (Number.isFinite(slope)) slopes.push(slope);
  }
  const lambda = mean(slopes);
  return { lambda, lyapunovTime: 1 / lambda, doublingTime: Math.LN2 / lambda, pointsUsed: n, dimension: traj[0].length, pairsFound: slopes.length };
}

function check(got, want) {
  assert.equal(got.pairsFound, want.pairsFound);
  assert.equal(got.pointsUsed, want.pointsUsed);
  assert.equal(got.dimension, want.dimension);
  for (const k of ['lambda', 'lyapunovTime', 'doublingTime'])
    assert.ok(Math.abs(got[k] - want[k]) <= 1e-9 * Math.max(1, Math.abs(want[k])), `${k}: ${got[k]} vs ${want[k]}`);
}

// The Hénon map and the logistic map: chaotic, with no exactly tied distances.
function henon(n) {
  const out = [];
  let x = 0.1, y = 0.3;
  for (let i = 0; i < n + 100; i++) {
    [x, y] = [1 - 1.4 * x * x + y, 0.3 * x];
    if (i >= 100) out.push([x, y]);
  }
  return out;
}
function logistic(n) {
  const out = [];
  let x = 0.2345;
  for (let i = 0; i < n; i++) { out.push(x); x = 3.9 * x * (1 - x); }
  return out;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('delay embedding', () => {
  // README example: begin
  const s = [1, 2, 3, 4, 5, 6, 7];
  assert.deepEqual(addon.delayEmbed(s, 3, 2), [[1, 3, 5], [2, 4, 6], [3, 5, 7]]);
  assert.deepEqual(addon.delayEmbed(s, 2, 1).length, 6);
  assert.deepEqual(addon.delayEmbed([4, 5], 1, 1), [[4], [5]]);
  assert.deepEqual(addon.delayEmbed([1, 2, 3], 3, 1), [[1, 2, 3]]);
  // README example: end
  assert.throws(() => addon.delayEmbed([1, 2], 3, 1), /series too short for embedding/);
  assert.throws(() => addon.delayEmbed(s, 0, 1), /at least 1/);
});

test('Lyapunov exponent of the Hénon map matches a brute-force search', () => {
  const traj = henon(400);
  const got = addon.lyapunovExponent(traj);
  check(got, lyapunov(traj));
  assert.ok(got.lambda > 0, 'chaotic: positive exponent');
  const opts = { dt: 1, kFit: 4, theiler: 5, maxPairs: 50 };
  check(addon.lyapunovExponent(traj, opts), lyapunov(traj, opts));
});

test('Lyapunov exponent of an embedded logistic series', () => {
  const embedded = addon.delayEmbed(logistic(500), 3, 1);
  const opts = { dt: 1, kFit: 5, theiler: 3 };
  const got = addon.lyapunovExponent(embedded, opts);
  check(got, lyapunov(embedded, opts));
  assert.equal(got.dimension, 3);
  assert.equal(got.pointsUsed, 498);
});

test('bad input is an error', () => {
  assert.throws(() => addon.lyapunovExponent([]), /empty trajectory/);
  assert.throws(() => addon.lyapunovExponent(henon(10)), /not enough points/);
  assert.throws(() => addon.lyapunovExponent(henon(50), { kFit: 1 }), /k-fit must be >= 2/);
  assert.throws(() => addon.lyapunovExponent(henon(50), { dt: 0 }), /dt must be > 0/);
  assert.throws(() => addon.lyapunovExponent(henon(50), { theiler: 1000 }), /no valid pairs found/);
  assert.throws(() => addon.lyapunovExponent([[1, 2], [3]]), /same dimension/);
});
