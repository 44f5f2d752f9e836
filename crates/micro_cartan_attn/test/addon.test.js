// Checks Cartan matrices against their textbook forms and invariants: A_n's
// tridiagonal matrix and determinant n + 1, B_n as the transpose of C_n with
// determinant 2, D_4 symmetric with determinant 4, and the algebra dimensions.
// The crate enumerates roots whenever it builds a matrix; unoptimised (as in
// a fastbuild) that takes about a second for each rank 2 or rank 4 matrix and
// well under 0.1 s for ranks 1 and 3, so the test stays with the cheap ranks
// and the one D_4 it needs.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function det(m) {
  const a = m.map((r) => [...r]);
  let d = 1;
  for (let k = 0; k < a.length; k++) {
    let p = k;
    for (let i = k + 1; i < a.length; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
    if (Math.abs(a[p][k]) < 1e-12) return 0;
    if (p !== k) [a[p], a[k], d] = [a[k], a[p], -d];
    d *= a[k][k];
    for (let i = k + 1; i < a.length; i++) {
      const f = a[i][k] / a[k][k];
      for (let j = k; j < a.length; j++) a[i][j] -= f * a[k][j];
    }
  }
  return d;
}

const round = (m) => m.map((r) => r.map((x) => Math.round(x * 1000) / 1000 + 0));

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.0');
  assert.equal(addon.MAX_RANK, 4);
});

test('A_n is tridiagonal with 2 and -1', () => {
  for (const n of [1, 3]) {
    const c = addon.cartan('A', n);
    const want = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? -1 : 0)),
    );
    assert.equal(c.rank, n);
    assert.deepEqual(round(c.matrix), want);
    assert.equal(c.algebraDimension, n * (n + 2));
    assert.ok(Math.abs(det(c.matrix) - (n + 1)) < 1e-3, `det A_${n}`);
  }
});

test('B_3 is the transpose of C_3, and both have determinant 2', () => {
  // Simple roots e1 - e2, e2 - e3 and the short e3: C[1][2] =
  // 2(α2·α3)/(α3·α3) = -2 and C[2][1] = 2(α3·α2)/(α2·α2) = -1.
  const bn = addon.cartan('B', 3);
  const b = round(bn.matrix);
  assert.deepEqual(b, [
    [2, -1, 0],
    [-1, 2, -2],
    [0, -1, 2],
  ]);
  const c = round(addon.cartan('C', 3).matrix);
  assert.deepEqual(b, c[0].map((_, j) => c.map((row) => row[j])));
  assert.notDeepEqual(b, c);
  assert.ok(Math.abs(det(b) - 2) < 1e-3, 'det B_3');
  assert.ok(Math.abs(det(c) - 2) < 1e-3, 'det C_3');
  assert.equal(bn.algebraDimension, 3 * (2 * 3 + 1));
});

test('D_4 is symmetric with determinant 4', () => {
  const c = addon.cartan('D', 4);
  const d = round(c.matrix);
  assert.deepEqual(d, d[0].map((_, j) => d.map((row) => row[j])));
  assert.ok(Math.abs(det(d) - 4) < 1e-3);
  assert.equal(c.algebraDimension, 28);
});

test('unknown types and ranks are errors', () => {
  assert.throws(() => addon.cartan('Z', 2), /unknown Cartan type 'Z'/);
  assert.throws(() => addon.cartan('A', 0), /Invalid A_n parameter/);
  assert.throws(() => addon.cartan('A', 5), /rank 5 is above 4/);
});

test('README example', () => {
  // README example: begin
  const a3 = addon.cartan('A', 3);
  assert.equal(a3.rank, 3);
  assert.equal(a3.algebraDimension, 15);
  // Rounded, since the crate works in floating point (and + 0 turns -0 into 0).
  assert.deepEqual(a3.matrix.map((row) => row.map((x) => Math.round(x) + 0)), [
    [2, -1, 0],
    [-1, 2, -1],
    [0, -1, 2],
  ]);
  // README example: end
});
