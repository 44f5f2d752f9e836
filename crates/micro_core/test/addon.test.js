// Checks vector operations and the standard root space's projection against
// the same arithmetic in JavaScript (the crate works in 32-bit floats).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
const pad = (v) => [...v, ...new Array(32 - v.length).fill(0)];

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.0');
  assert.equal(addon.ROOT_DIMENSION, 32);
});

test('dot, magnitude and normalize', () => {
  assert.equal(addon.dot([1, 2, 3], [4, 5, 6]), 32);
  assert.equal(addon.magnitude([3, 4]), 5);
  assert.deepEqual(addon.normalize([3, 4]), pad([0.6000000238418579, 0.800000011920929]));
  assert.deepEqual(addon.normalize([]), pad([]));
});

test('projection onto the standard root space scales by sqrt(2)', () => {
  const input = Array.from({ length: 40 }, (_, i) => i - 20);
  const got = addon.project(input);
  assert.equal(got.length, 32);
  for (let i = 0; i < 32; i++) close(got[i], Math.SQRT2 * input[i], `component ${i}`);
  const back = addon.embed(got, 8);
  for (let i = 0; i < 8; i++) close(back[i], 2 * input[i], `embedded ${i}`);
});

test('over-long vectors are rejected', () => {
  assert.throws(() => addon.dot(new Array(33).fill(1), [1]), /at most 32 components, got 33/);
});

test('agrees with JavaScript arithmetic on generated vectors', () => {
  let s = 5;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 100; round++) {
    const a = Array.from({ length: Math.floor(rand() * 33) }, () => rand() * 10 - 5);
    const b = Array.from({ length: Math.floor(rand() * 33) }, () => rand() * 10 - 5);
    const dot = pad(a).reduce((sum, x, i) => sum + x * pad(b)[i], 0);
    close(addon.dot(a, b), dot, 'dot');
    const mag = Math.sqrt(pad(a).reduce((sum, x) => sum + x * x, 0));
    close(addon.magnitude(a), mag, 'magnitude');
    if (mag > 0) close(addon.magnitude(addon.normalize(a)), 1, 'unit length');
  }
});

test('README example', () => {
  // README example: begin
  assert.equal(addon.dot([1, 2, 3], [4, 5, 6]), 32);
  assert.equal(addon.magnitude([3, 4]), 5);
  // Vectors come back in the 32-dimensional root space, as 32-bit floats.
  const unit = addon.normalize([3, 4]);
  assert.equal(unit.length, addon.ROOT_DIMENSION);
  assert.deepEqual(unit.slice(0, 2), [0.6000000238418579, 0.800000011920929]);
  // README example: end
});
