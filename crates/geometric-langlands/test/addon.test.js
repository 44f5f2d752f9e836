// Tests of the @ruv.io/geometric-langlands addon against the classical
// formulas for the groups and the crate's published rules, worked by hand.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.2');
});

test('classical groups: rank, dimension, root system', () => {
  for (let n = 1; n <= 6; n++) {
    assert.deepEqual(addon.reductiveGroup('GL', n), { rank: n, dimension: n * n, rootSystem: `A${n - 1}` });
    assert.deepEqual(addon.reductiveGroup('SL', n), { rank: n - 1, dimension: n * n - 1, rootSystem: `A${n - 1}` });
    assert.deepEqual(addon.reductiveGroup('Sp', n), { rank: n, dimension: n * (2 * n + 1), rootSystem: `C${n}` });
  }
  for (let n = 2; n <= 9; n++) {
    const r = Math.floor(n / 2);
    assert.deepEqual(addon.reductiveGroup('SO', n), { rank: r, dimension: (n * (n - 1)) / 2, rootSystem: `${n % 2 ? 'B' : 'D'}${r}` });
  }
  // SO(5) and Sp(4) have the same dimension, 10.
  assert.equal(addon.reductiveGroup('SO', 5).dimension, addon.reductiveGroup('Sp', 2).dimension);
  assert.throws(() => addon.reductiveGroup('E', 8), /unknown group family 'E'/);
  assert.throws(() => addon.reductiveGroup('GL', 0), /GL needs n >= 1/);
  assert.throws(() => addon.reductiveGroup('SO', 1), /SO needs n >= 2/);
});

test('Langlands duals', () => {
  const gl3 = addon.reductiveGroup('GL', 3);
  assert.deepEqual(addon.langlandsDual(gl3), gl3);
  const so8 = addon.reductiveGroup('SO', 8);
  assert.deepEqual(addon.langlandsDual(so8), so8);
  // SO(7) = B3 has dual Sp(6) = C3.
  assert.deepEqual(addon.langlandsDual(addon.reductiveGroup('SO', 7)), addon.reductiveGroup('Sp', 3));
  // The crate reports C_n's dual B_n with dimension n(n+1)/2.
  assert.deepEqual(addon.langlandsDual(addon.reductiveGroup('Sp', 3)), { rank: 3, dimension: 6, rootSystem: 'B3' });
});

test('automorphic forms and Hecke operators', () => {
  // README example: begin
  const gl2 = addon.reductiveGroup('GL', 2);
  const eis = new addon.AutomorphicForm(gl2, 12);
  assert.deepEqual(eis.info(), { weight: 12, level: 1, conductor: 1, centralCharacter: 6, isTempered: true });
  const cusp = new addon.AutomorphicForm(gl2, 1, 11);
  assert.deepEqual(cusp.info(), { weight: 1, level: 11, conductor: 11, centralCharacter: 0.5, isTempered: false });
  // README example: end
  for (const p of [2, 3, 5, 7, 11]) {
    assert.equal(eis.heckeEigenvalue(p), Math.sqrt(p) * (1 + (12 - 2) / 12));
    assert.equal(cusp.heckeEigenvalue(p), Math.sqrt(p) * (1 + (1 - 2) / 12));
  }
  const t5 = cusp.applyHecke(5).applyHecke(3);
  assert.deepEqual(t5.info(), { weight: 1, level: 11, conductor: 11 * 5 * 3, centralCharacter: 0.5, isTempered: false });
  assert.throws(() => eis.heckeEigenvalue(1), /prime >= 2/);
});
