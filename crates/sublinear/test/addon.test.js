// Checks products exactly and solutions against Gaussian elimination done in
// JavaScript, on fixed and generated symmetric positive definite systems.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function dense(entries, n) {
  const a = Array.from({ length: n }, () => new Array(n).fill(0));
  for (const [r, c, v] of entries) a[r][c] += v;
  return a;
}

function gauss(a, b) {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i][k]) > Math.abs(m[p][k])) p = i;
    [m[k], m[p]] = [m[p], m[k]];
    for (let i = k + 1; i < n; i++) {
      const f = m[i][k] / m[k][k];
      for (let j = k; j <= n; j++) m[i][j] -= f * m[k][j];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  return x;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.3');
});

test('sparse matrix times vector', () => {
  const a = [[0, 0, 4], [0, 1, 1], [1, 0, 1], [1, 1, 3]];
  assert.deepEqual(addon.multiply(a, 2, 2, [1, 2]), [6, 7]);
  assert.deepEqual(addon.multiply([[0, 2, 5]], 2, 3, [1, 1, 2]), [10, 0]);
});

test('solves a small system', () => {
  // README example: begin
  // [4 1; 1 3] x = [1 2]  =>  x = [1/11, 7/11]
  const r = addon.solve([[0, 0, 4], [0, 1, 1], [1, 0, 1], [1, 1, 3]], 2, [1, 2], 1e-12);
  assert.equal(r.converged, true);
  assert.ok(Math.abs(r.solution[0] - 1 / 11) < 1e-9, `${r.solution}`);
  assert.ok(Math.abs(r.solution[1] - 7 / 11) < 1e-9, `${r.solution}`);
  // README example: end
});

test('bad input is an error, not a crash', () => {
  assert.throws(() => addon.multiply([[0, 5, 1]], 2, 2, [1, 1]), /outside a 2x2 matrix/);
  assert.throws(() => addon.multiply([[0, 0]], 2, 2, [1, 1]), /must be \[row, column, value\]/);
  assert.throws(() => addon.multiply([[0, 0, 1]], 2, 2, [1]), /x has 1 entries/);
});

test('agrees with Gaussian elimination on generated systems', () => {
  let s = 42;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 40; round++) {
    const n = 2 + Math.floor(rand() * 10);
    const entries = [];
    const rowSum = new Array(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (rand() < 0.4) {
          const v = rand() * 2 - 1;
          entries.push([i, j, v], [j, i, v]);
          rowSum[i] += Math.abs(v);
          rowSum[j] += Math.abs(v);
        }
    // Strict diagonal dominance with a positive diagonal makes it SPD.
    for (let i = 0; i < n; i++) entries.push([i, i, rowSum[i] + 1 + rand()]);
    const b = Array.from({ length: n }, () => rand() * 10 - 5);
    const expected = gauss(dense(entries, n), b);
    const r = addon.solve(entries, n, b, 1e-12, 1000);
    assert.equal(r.converged, true);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(r.solution[i] - expected[i]) < 1e-7, `n=${n} i=${i}`);
  }
});
