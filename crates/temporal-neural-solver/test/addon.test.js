// Tests of the @ruv.io/temporal-neural-solver addon against JavaScript
// versions of the crate's Kalman filter, Jacobi solver, solver gate and
// PageRank selector (the f32 parts rounded with Math.fround).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);
const fr = Math.fround;

function close(actual, expected, what, tol = 1e-12) {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

// Small dense matrix helpers.
const zeros = (r, c) => Array.from({ length: r }, () => new Array(c).fill(0));
const eye = (n, s = 1) => zeros(n, n).map((row, i) => row.map((_, j) => (i === j ? s : 0)));
const mul = (A, B) => A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
const add = (A, B) => A.map((row, i) => row.map((a, j) => a + B[i][j]));
const subm = (A, B) => A.map((row, i) => row.map((a, j) => a - B[i][j]));
const T = (A) => A[0].map((_, j) => A.map((row) => row[j]));
function inv(A) {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...eye(n)[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const d = M[c][c];
    M[c] = M[c].map((v) => v / d);
    for (let r = 0; r < n; r++) if (r !== c) { const f = M[r][c]; M[r] = M[r].map((v, k) => v - f * M[c][k]); }
  }
  return M.map((row) => row.slice(n));
}

class Kalman {
  constructor(d) {
    this.F = eye(2 * d);
    for (let i = 0; i < d; i++) this.F[i][d + i] = 0.001;
    this.H = zeros(d, 2 * d).map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
    this.x = zeros(2 * d, 1);
    this.P = eye(2 * d, 0.1);
    this.Q = eye(2 * d, 0.001);
    this.R = eye(d, 0.01);
  }
  predict() {
    this.x = mul(this.F, this.x);
    this.P = add(mul(mul(this.F, this.P), T(this.F)), this.Q);
    return mul(this.H, this.x).map((r) => r[0]);
  }
  update(z) {
    const y = subm(z.map((v) => [v]), mul(this.H, this.x));
    const S = add(mul(mul(this.H, this.P), T(this.H)), this.R);
    const K = mul(mul(this.P, T(this.H)), inv(S));
    this.x = add(this.x, mul(K, y));
    this.P = mul(subm(eye(this.x.length), mul(K, this.H)), this.P);
  }
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.2');
});

test('the Kalman filter tracks a JavaScript filter', () => {
  for (const d of [1, 2]) {
    const k = new addon.KalmanFilter(d);
    const js = new Kalman(d);
    for (let step = 0; step < 20; step++) {
      const p = k.predict();
      const q = js.predict();
      p.forEach((v, i) => close(v, q[i], `d=${d} step ${step} [${i}]`, 1e-10));
      const z = Array.from({ length: d }, (_, i) => Math.sin(step * 0.3 + i) * (i + 1));
      k.update(z);
      js.update(z);
    }
  }
  assert.throws(() => new addon.KalmanFilter(2).update([1]), /expected 2 positions, got 1/);
  assert.throws(() => new addon.KalmanFilter(0), /at least 1/);
});

function jacobi(A, b, maxIter, tol) {
  const n = b.length;
  const diag = A.map((row, i) => (row[i] !== 0 ? row[i] : 1));
  const Ax = (x) => A.map((row) => row.reduce((s, a, j) => (a !== 0 ? s + a * x[j] : s), 0));
  const x = b.slice();
  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    const ax = Ax(x);
    const r = b.map((bi, i) => bi - ax[i]);
    iterations = it + 1;
    if (Math.sqrt(r.reduce((s, v) => s + v * v, 0)) < tol) break;
    for (let i = 0; i < n; i++) if (Math.abs(diag[i]) > 1e-10) x[i] += r[i] / diag[i];
  }
  const ax = Ax(x);
  return { solution: x, residualNorm: Math.sqrt(b.reduce((s, bi, i) => s + (bi - ax[i]) ** 2, 0)), iterations };
}

test('Jacobi solver', () => {
  const A = [[4, 1, 0], [1, 5, 2], [0, 2, 6]];
  const b = [1, 2, 3];
  for (const [maxIter, tol] of [[100, 1e-10], [3, 1e-10], [100, 0.1]]) {
    const got = addon.jacobiSolve(A, b, maxIter, tol);
    const want = jacobi(A, b, maxIter, tol);
    assert.equal(got.iterations, want.iterations);
    got.solution.forEach((v, i) => close(v, want.solution[i], `x[${i}]`));
    close(got.residualNorm, want.residualNorm, 'residual', 1e-9);
  }
  // Converged to the exact solution of A x = b.
  const exact = addon.jacobiSolve(A, b, 200, 1e-12).solution;
  const ax = A.map((row) => row.reduce((s, a, j) => s + a * exact[j], 0));
  ax.forEach((v, i) => close(v, b[i], `Ax[${i}]`, 1e-11));
  assert.throws(() => addon.jacobiSolve([[1, 2]], [1], 1, 1), /square matrix matching b/);
});

function certificate(prediction, J, eps = 0.02, maxIter = 100) {
  const n = J.length;
  const m = J[0].length;
  const s = Math.min(n, m);
  const Jf = J.map((row) => row.map(fr));
  // The crate's triplets: identity, then 0.1·J[i][j]·J[j][i] (f32). Entries on
  // the diagonal add up in products, but its Jacobi diagonal keeps the last.
  const A = eye(s);
  const diag = new Array(s).fill(1);
  for (let i = 0; i < s; i++)
    for (let j = 0; j < s; j++) {
      const v = fr(fr(fr(0.1) * Jf[i][j]) * Jf[j][i]);
      if (Math.abs(v) > fr(1e-10)) {
        A[i][j] += v;
        if (i === j) diag[i] = v;
      }
    }
  const b = prediction.slice(0, s).map(fr);
  const Ax = (x) => A.map((row) => row.reduce((t, a, j) => t + a * x[j], 0));
  const x = b.slice();
  let iterations = 0;
  for (let it = 0; it < maxIter; it++) {
    const ax = Ax(x);
    const r = b.map((bi, i) => bi - ax[i]);
    iterations = it + 1;
    if (Math.sqrt(r.reduce((t, v) => t + v * v, 0)) < eps) break;
    for (let i = 0; i < s; i++) if (Math.abs(diag[i]) > 1e-10) x[i] += r[i] / diag[i];
  }
  const ax = Ax(x);
  const res = Math.sqrt(b.reduce((t, bi, i) => t + (bi - ax[i]) ** 2, 0));
  const errorBound = res / Math.max(Math.sqrt(x.reduce((t, v) => t + v * v, 0)), 1);
  return { errorBound, confidence: 1 - Math.min(errorBound, 1), gatePass: errorBound < eps, iterations, computationalWork: iterations * n };
}

function checkCertificate(got, want) {
  assert.equal(got.gatePass, want.gatePass);
  assert.equal(got.iterations, want.iterations);
  assert.equal(got.computationalWork, want.computationalWork);
  close(got.errorBound, want.errorBound, 'error bound', 1e-9);
  close(got.confidence, want.confidence, 'confidence', 1e-9);
}

test('the solver gate certificate', () => {
  const J = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]];
  checkCertificate(addon.verifyPrediction([1, 2, 3], J), certificate([1, 2, 3], J));
  checkCertificate(addon.verifyPrediction([0.3, -0.7, 1.1], J, 1e-6, 5), certificate([0.3, -0.7, 1.1], J, 1e-6, 5));
  // A wide Jacobian (2 outputs, 4 inputs) uses its leading 2x2 block.
  const W = [[1, 0.5, 3, 4], [0.25, 2, 5, 6]];
  checkCertificate(addon.verifyPrediction([1, -1], W, 1e-3), certificate([1, -1], W, 1e-3));
  assert.throws(() => addon.verifyPrediction([1], J), /at least 3 entries/);
});

function pageRank(A, errors, k) {
  const n = A.length;
  const d = fr(0.85);
  let scores = new Array(n).fill(fr(1 / n));
  for (let it = 0; it < 100; it++) {
    const next = new Array(n).fill(fr(fr(1 - d) / n));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        if (A[j][i] > 0) {
          let out = 0;
          for (let q = 0; q < n; q++) out = fr(out + A[j][q]);
          if (out > 0) next[i] = fr(next[i] + fr(fr(fr(d * A[j][i]) * scores[j]) / out));
        }
    for (let i = 0; i < n; i++) next[i] = fr(next[i] * fr(1 + errors[i]));
    let diff = 0;
    for (let i = 0; i < n; i++) diff = fr(diff + Math.abs(fr(next[i] - scores[i])));
    scores = next;
    if (diff < fr(1e-6)) break;
  }
  return scores.map((s, i) => [i, s]).sort((a, b) => b[1] - a[1]).slice(0, k).map(([i]) => i);
}

test('PageRank sample selection', () => {
  // A star into node 0, which links on to node 1, plus a small cycle.
  const A = [
    [0, 1, 0, 0, 0],
    [1, 0, 0, 0, 0],
    [1, 0, 0, 1, 0],
    [1, 0, 0, 0, 1],
    [0, 0, 1, 0, 0],
  ].map((row) => row.map(fr));
  const calm = [0, 0, 0, 0, 0];
  assert.deepEqual(addon.pageRankSelect(A, calm, 5), pageRank(A, calm, 5));
  assert.deepEqual(addon.pageRankSelect(A, calm, 2), [0, 1]);
  assert.deepEqual(addon.pageRankSelect(A, calm, 5), [0, 1, 2, 3, 4]);
  // An error on node 4 lifts it above node 3.
  const noisy = [0, 0, 0, 0, 1];
  assert.deepEqual(addon.pageRankSelect(A, noisy, 5), pageRank(A, noisy, 5));
  assert.deepEqual(addon.pageRankSelect(A, noisy, 4), [0, 1, 2, 4]);
  assert.throws(() => addon.pageRankSelect(A, [0, 0], 1), /one error per node/);
  assert.throws(() => addon.pageRankSelect(A, [0, 0, 0, 0, NaN], 1), /finite/);
});

test('README example', () => {
  // README example: begin
  const A = [[4, 1, 0], [1, 5, 2], [0, 2, 6]];
  const b = [1, 2, 3];
  const { solution } = addon.jacobiSolve(A, b, 200, 1e-12);
  const ax = A.map((row) => row.reduce((s, a, j) => s + a * solution[j], 0));
  ax.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-10));
  // README example: end
});
