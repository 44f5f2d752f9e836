// Checks every algorithm against plain JavaScript implementations of the
// same definitions, on fixed and generated sequences.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function table(n, m, fill) {
  return Array.from({ length: n + 1 }, () => new Array(m + 1).fill(fill));
}

function levenshtein(a, b) {
  const d = table(a.length, b.length, 0);
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function lcsDistance(a, b) {
  const d = table(a.length, b.length, 0);
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = a[i - 1] === b[j - 1] ? d[i - 1][j - 1] + 1 : Math.max(d[i - 1][j], d[i][j - 1]);
  return a.length + b.length - 2 * d[a.length][b.length];
}

function dtw(a, b) {
  if (!a.length || !b.length) return a.length + b.length;
  const d = table(a.length, b.length, Infinity);
  d[0][0] = 0;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = (a[i - 1] === b[j - 1] ? 0 : 1) + Math.min(d[i - 1][j - 1], d[i - 1][j], d[i][j - 1]);
  return d[a.length][b.length];
}

function mismatch(a, b) {
  let sum = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) sum++;
  return Math.sqrt(sum);
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('known distances', () => {
  // README example: begin
  const kitten = [...'kitten'];
  const sitting = [...'sitting'];
  assert.equal(addon.compare(kitten, sitting, 'edit').distance, 3);
  assert.equal(addon.compare(kitten, sitting, 'lcs').distance, 5); // LCS "ittn"
  assert.equal(addon.compare(['a', 'b'], ['a', 'b'], 'dtw').distance, 0);
  assert.deepEqual(addon.compare(['a', 'b'], ['a', 'b'], 'dtw').alignment, [[0, 0], [1, 1]]);
  assert.equal(addon.compare(['a', 'b', 'c', 'd'], ['x', 'b', 'y', 'd'], 'euclidean').distance, Math.SQRT2);
  // README example: end
  assert.equal(addon.compare(['a'], ['a'], 'edit').alignment, undefined);
});

test('equally long pairs are not confused with each other', () => {
  assert.equal(addon.compare(['a', 'b'], ['a', 'b'], 'edit').distance, 0);
  assert.equal(addon.compare(['a', 'b'], ['c', 'd'], 'edit').distance, 2);
});

test('unknown algorithm is an error naming it', () => {
  assert.throws(() => addon.compare(['a'], ['b'], 'cosine'), /unknown algorithm 'cosine'/);
});

test('agrees with the JavaScript definitions on generated sequences', () => {
  let s = 7;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const seq = () => Array.from({ length: Math.floor(rand() * 12) }, () => 'abc'[Math.floor(rand() * 3)]);
  for (let round = 0; round < 300; round++) {
    const a = seq();
    const b = seq();
    assert.equal(addon.compare(a, b, 'edit').distance, levenshtein(a, b), `edit ${a} ${b}`);
    assert.equal(addon.compare(a, b, 'lcs').distance, lcsDistance(a, b), `lcs ${a} ${b}`);
    assert.equal(addon.compare(a, b, 'dtw').distance, dtw(a, b), `dtw ${a} ${b}`);
    assert.equal(addon.compare(a, b, 'euclidean').distance, mismatch(a, b), `euclidean ${a} ${b}`);
  }
});
