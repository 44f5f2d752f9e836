// Loads the built addon and checks it against a plain JavaScript search over
// the same bytes, for fixed cases and for many generated ones.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// Every (overlapping) byte offset of pattern in text, computed independently.
function naiveAll(text, pattern) {
  const t = Buffer.from(text);
  const p = Buffer.from(pattern);
  const hits = [];
  for (let i = 0; i + p.length <= t.length; i++) {
    if (t.subarray(i, i + p.length).equals(p)) hits.push(i);
  }
  return hits;
}

// A deterministic generator, so a failure can be replayed.
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
  assert.equal(addon.MAX_PATTERN_LENGTH, 64);
});

test('find and count on known text', () => {
  // README example: begin
  assert.equal(addon.find('The quick brown fox', 'fox'), 16);
  assert.equal(addon.find('no match here', 'fox'), null);
  assert.equal(addon.find('anything', ''), 0);
  assert.equal(addon.count('aaaa', 'aa'), 3);
  // Offsets are in bytes: 'é' is two bytes in UTF-8.
  assert.equal(addon.find('café bar', 'bar'), 6);
  assert.equal(addon.find(Buffer.from([0, 1, 2, 255, 3]), Buffer.from([255, 3])), 3);
  // README example: end
});

test('Searcher finds every overlapping match', () => {
  const s = new addon.Searcher('aba');
  assert.equal(s.patternLength, 3);
  assert.deepEqual(s.findAllIn('abababa'), [0, 2, 4]);
  assert.equal(s.countIn('abababa'), 3);
  assert.equal(s.existsIn('xxabaxx'), true);
  assert.equal(s.existsIn('xxabxx'), false);
});

test('empty patterns are rejected with an error, not a crash', () => {
  assert.throws(() => new addon.Searcher(''), /pattern must not be empty/);
  assert.throws(() => addon.count('abc', ''), /pattern must not be empty/);
});

test('agrees with a naive search on generated inputs', () => {
  const rand = lcg(20261125);
  const alphabet = 'abc';
  const word = (n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
  for (let round = 0; round < 500; round++) {
    const text = word(Math.floor(rand() * 200));
    // Patterns past 64 bytes take the crate's fallback path; cover both.
    const pattern = word(1 + Math.floor(rand() * (round % 10 === 0 ? 80 : 6)));
    const expected = naiveAll(text, pattern);
    assert.equal(addon.find(text, pattern), expected.length ? expected[0] : null, `find(${text}, ${pattern})`);
    assert.equal(addon.count(text, pattern), expected.length, `count(${text}, ${pattern})`);
    assert.deepEqual(new addon.Searcher(pattern).findAllIn(text), expected, `findAllIn(${text}, ${pattern})`);
  }
});
