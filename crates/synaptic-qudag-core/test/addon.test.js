// Tests of the @ruv.io/synaptic-qudag-core addon, run by `tools/bazel test
// //crates/synaptic-qudag-core:node_test` with the addon's path in ADDON_0.
// The DAG shape is worked out by hand from the tip rule; signatures are
// checked with node:crypto over the message the crate signs.
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const nodeKey = (seed) =>
  crypto.createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
const publicOf = (seed) => crypto.createPublicKey(nodeKey(seed)).export({ format: 'der', type: 'spki' }).subarray(-32);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('sequential adds form a chain through the single tip', () => {
  // README example: begin
  const dag = new addon.DagNetwork();
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push(dag.add(Buffer.from(`block ${i}`)));
  assert.equal(dag.nodeCount, 5);
  assert.equal(new Set(ids).size, 5);
  assert.deepEqual(dag.tips, [ids[4]]);
  // README example: end
  for (let i = 0; i < 5; i++) {
    const n = dag.node(ids[i]);
    assert.equal(n.id, ids[i]);
    assert.equal(n.data.toString(), `block ${i}`);
    assert.deepEqual(n.parents, i === 0 ? [] : [ids[i - 1]]);
    assert.match(n.hash, /^[0-9a-f]{64}$/);
    assert.ok(Math.abs(n.timestamp - Date.now() / 1000) < 600);
    // Each node is referenced by exactly one child: never two confirmations.
    assert.equal(dag.isConfirmed(ids[i]), false);
    // Layers of descendants: everything after it in the chain.
    assert.equal(dag.confirmationDepth(ids[i]), 4 - i);
  }
  assert.equal(dag.node('00000000-0000-4000-8000-000000000000'), null);
  assert.throws(() => dag.node('nope'), /not a node id/);
});

test('node signatures agree with node:crypto', () => {
  const dag = new addon.DagNetwork();
  dag.add(Buffer.from('genesis'));
  const id = dag.add(Buffer.from('payload'));
  const n = dag.node(id);
  const seed = crypto.createHash('sha256').update('qudag signer').digest();
  const sig = dag.sign(id, seed);

  const ts = Buffer.alloc(8);
  ts.writeBigUInt64LE(BigInt(n.timestamp));
  const message = Buffer.concat([Buffer.from(id.replace(/-/g, ''), 'hex'), n.data, ts, Buffer.from(n.hash, 'hex')]);
  assert.deepEqual(sig, crypto.sign(null, message, nodeKey(seed)));

  assert.equal(dag.verify(id, sig, publicOf(seed)), true);
  const other = crypto.createHash('sha256').update('someone else').digest();
  assert.equal(dag.verify(id, sig, publicOf(other)), false);
  assert.throws(() => dag.verify(id, sig.subarray(0, 10), publicOf(seed)), /Invalid signature length/);
  assert.throws(() => dag.sign(id, Buffer.alloc(3)), /secret key must be 32 bytes, got 3/);
});
