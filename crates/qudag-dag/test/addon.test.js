// Builds small DAGs and vote sequences and checks them against hashes
// recomputed here (a plain-JS BLAKE3) and against the QR-Avalanche rule
// worked out by hand: final at >= beta positive share, rejected at <= 1 - beta.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// BLAKE3 of up to 1024 bytes (a single chunk), 32-byte digest as hex.
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const PERM = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
const rotr = (x, n) => (x >>> n) | (x << (32 - n));
function compress(cv, m, len, flags) {
  const s = [...cv, IV[0], IV[1], IV[2], IV[3], 0, 0, len, flags];
  const g = (a, b, c, d, x, y) => {
    s[a] = (s[a] + s[b] + x) >>> 0; s[d] = rotr(s[d] ^ s[a], 16);
    s[c] = (s[c] + s[d]) >>> 0; s[b] = rotr(s[b] ^ s[c], 12);
    s[a] = (s[a] + s[b] + y) >>> 0; s[d] = rotr(s[d] ^ s[a], 8);
    s[c] = (s[c] + s[d]) >>> 0; s[b] = rotr(s[b] ^ s[c], 7);
  };
  for (let r = 0; r < 7; r++) {
    g(0, 4, 8, 12, m[0], m[1]); g(1, 5, 9, 13, m[2], m[3]);
    g(2, 6, 10, 14, m[4], m[5]); g(3, 7, 11, 15, m[6], m[7]);
    g(0, 5, 10, 15, m[8], m[9]); g(1, 6, 11, 12, m[10], m[11]);
    g(2, 7, 8, 13, m[12], m[13]); g(3, 4, 9, 14, m[14], m[15]);
    m = PERM.map((i) => m[i]);
  }
  return s.slice(0, 8).map((w, i) => (w ^ s[i + 8]) >>> 0);
}
function blake3(input) {
  assert.ok(input.length <= 1024);
  let cv = IV;
  const blocks = Math.max(1, Math.ceil(input.length / 64));
  for (let b = 0; b < blocks; b++) {
    const block = Buffer.alloc(64);
    const part = input.subarray(b * 64, b * 64 + 64);
    part.copy(block);
    const words = Array.from({ length: 16 }, (_, i) => block.readUInt32LE(4 * i));
    cv = compress(cv, words, part.length, (b === 0 ? 1 : 0) | (b === blocks - 1 ? 2 | 8 : 0));
  }
  const out = Buffer.alloc(32);
  cv.forEach((w, i) => out.writeUInt32LE(w, 4 * i));
  return out.toString('hex');
}
const expectedHash = (payload, parents) =>
  blake3(Buffer.concat([payload, ...parents.map((p) => Buffer.from(p, 'hex'))]));

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.5.0');
});

test('the JS BLAKE3 agrees with the published digests', () => {
  assert.equal(blake3(Buffer.alloc(0)), 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
  assert.equal(blake3(Buffer.from('abc')), '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
});

test('node hashes are BLAKE3 of payload then parent hashes', () => {
  const genesis = addon.nodeHash(Buffer.from('genesis'), []);
  assert.equal(genesis, blake3(Buffer.from('genesis')));
  const a = addon.nodeHash(Buffer.from([1, 2, 3]), [genesis]);
  assert.equal(a, expectedHash(Buffer.from([1, 2, 3]), [genesis]));
  const b = addon.nodeHash(Buffer.alloc(500, 7), [a, genesis]);
  assert.equal(b, expectedHash(Buffer.alloc(500, 7), [a, genesis]));
  // Parent order matters.
  assert.notEqual(addon.nodeHash(Buffer.alloc(500, 7), [genesis, a]), b);
  assert.throws(() => addon.nodeHash(Buffer.alloc(1), ['xyz']), /not a node hash/);
});

test('a diamond-shaped graph', () => {
  const g = new addon.Graph();
  assert.equal(g.size, 0);
  const root = g.addNode(Buffer.from('root'), []);
  const left = g.addNode(Buffer.from('left'), [root]);
  const right = g.addNode(Buffer.from('right'), [root]);
  const join = g.addNode(Buffer.from('join'), [left, right]);
  assert.equal(g.size, 4);
  assert.equal(root, blake3(Buffer.from('root')));
  assert.equal(join, expectedHash(Buffer.from('join'), [left, right]));

  assert.deepEqual(g.children(root), [left, right].sort());
  assert.deepEqual(g.children(left), [join]);
  assert.deepEqual(g.children(right), [join]);
  assert.deepEqual(g.children(join), []);

  const info = g.node(join);
  assert.equal(info.hash, join);
  assert.deepEqual(info.payload, Buffer.from('join'));
  assert.equal(info.state, 'pending');
  assert.deepEqual(info.parents, [left, right]);
  assert.equal(g.node(blake3(Buffer.from('nowhere'))), null);
});

test('the graph refuses duplicates and orphans', () => {
  const g = new addon.Graph();
  const root = g.addNode(Buffer.from('r'), []);
  assert.throws(() => g.addNode(Buffer.from('r'), []), /cannot add node: .*already exists/);
  assert.throws(() => g.addNode(Buffer.from('x'), [blake3(Buffer.from('missing'))]), /cannot add node: .*missing/);
  assert.equal(g.size, 1);
  assert.deepEqual(g.children(root), []);
});

test('node states follow pending -> verified -> final, or to rejected', () => {
  const g = new addon.Graph();
  const a = g.addNode(Buffer.from('a'), []);
  const b = g.addNode(Buffer.from('b'), []);
  assert.throws(() => g.setState(a, 'final'), /cannot change state/);
  g.setState(a, 'verified');
  assert.equal(g.node(a).state, 'verified');
  assert.throws(() => g.setState(a, 'pending'), /cannot change state/);
  g.setState(a, 'final');
  assert.equal(g.node(a).state, 'final');
  assert.throws(() => g.setState(a, 'rejected'), /cannot change state/);
  g.setState(b, 'rejected');
  assert.equal(g.node(b).state, 'rejected');
  assert.throws(() => g.setState(b, 'verified'), /cannot change state/);
  assert.throws(() => g.setState(b, 'sideways'), /state must be/);
});

test('QR-Avalanche tallies votes with the beta rule', () => {
  const av = new addon.QrAvalanche({ beta: 0.75 });
  for (const v of ['a', 'b', 'c']) av.processVertex(v);
  assert.deepEqual(av.tips, ['a', 'b', 'c']);
  assert.equal(av.status('a'), 'pending');
  assert.deepEqual({ ...av.confidence('a') }, { value: 0, positiveVotes: 0, negativeVotes: 0 });
  assert.equal(av.status('nope'), null);
  assert.equal(av.confidence('nope'), null);

  // a: no -> 0 <= 1 - beta: rejected; yes, yes -> 1/2, 2/3: no threshold
  // crossed, so it stays rejected; a third yes -> 3/4 = beta: final.
  av.recordVote('a', 'v1', false);
  assert.equal(av.status('a'), 'rejected');
  assert.deepEqual(av.tips, ['b', 'c']);
  av.recordVote('a', 'v2', true);
  av.recordVote('a', 'v3', true);
  assert.equal(av.status('a'), 'rejected');
  assert.equal(av.confidence('a').value, 2 / 3);
  av.recordVote('a', 'v4', true);
  assert.equal(av.status('a'), 'final');
  assert.deepEqual({ ...av.confidence('a') }, { value: 0.75, positiveVotes: 3, negativeVotes: 1 });

  // b: a single yes -> 1 >= beta: final at once.
  av.recordVote('b', 'v1', true);
  assert.equal(av.status('b'), 'final');
  assert.deepEqual(av.tips, ['c']);

  // Repeating a vote is harmless; reversing it is Byzantine and not counted.
  av.recordVote('c', 'v1', true);
  av.recordVote('c', 'v1', true);
  assert.equal(av.confidence('c').positiveVotes, 1);
  assert.throws(() => av.recordVote('c', 'v1', false), /vote refused: Byzantine/);
  assert.deepEqual(av.byzantineVoters, ['v1']);
  assert.equal(av.confidence('c').negativeVotes, 0);
});

test('QR-Avalanche default beta is 0.8', () => {
  const av = new addon.QrAvalanche();
  av.processVertex('x');
  // no (rejected), then yes until 4 of 5 = 0.8 makes it final.
  av.recordVote('x', 'p', false);
  for (const voter of ['q', 'r', 's']) av.recordVote('x', voter, true);
  assert.equal(av.status('x'), 'rejected');
  av.recordVote('x', 't', true);
  assert.equal(av.status('x'), 'final');

  av.processVertex('y');
  av.recordVote('y', 'p', true);
  assert.equal(av.status('y'), 'final');
  // 1 yes of 5 = 0.2, which is not <= 1 - 0.8 (0.19999999999999996 in
  // doubles): still final; 1 of 6 is.
  for (const voter of ['q', 'r', 's', 't']) av.recordVote('y', voter, false);
  assert.equal(1 - 0.8 < 0.2, true);
  assert.equal(av.status('y'), 'final');
  av.recordVote('y', 'u', false);
  assert.equal(av.status('y'), 'rejected');
});

test('README example', () => {
  // README example: begin
  const g = new addon.Graph();
  const root = g.addNode(Buffer.from('root'), []);
  const left = g.addNode(Buffer.from('left'), [root]);
  const right = g.addNode(Buffer.from('right'), [root]);
  const join = g.addNode(Buffer.from('join'), [left, right]);
  assert.equal(g.size, 4);
  assert.equal(join, addon.nodeHash(Buffer.from('join'), [left, right]));
  assert.deepEqual(g.children(left), [join]);
  assert.equal(g.node(join).state, 'pending');
  // README example: end
});
