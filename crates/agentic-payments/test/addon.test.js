// Tests of the @ruv.io/agentic-payments addon, run by `tools/bazel test
// //crates/agentic-payments:node_test` with the addon's path in ADDON_0.
// Ed25519 results are checked against Node's own crypto (RFC 8032 keys from
// the same seeds); quorum arithmetic against the BFT formulas worked out here.
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed.
const nodeKey = (seed) =>
  crypto.createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
const nodePublic = (seed) => crypto.createPublicKey(nodeKey(seed)).export({ format: 'der', type: 'spki' }).subarray(-32);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('RFC 8032 test vector 1: public key and signature of the empty message', () => {
  // README example: begin
  const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
  const id = addon.AgentIdentity.fromSecretKey(seed);
  assert.equal(id.publicKey.toString('hex'), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  assert.equal(
    id.sign(Buffer.alloc(0)).toString('hex'),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  );
  // README example: end
});

test('signatures agree with node:crypto both ways', () => {
  for (let i = 0; i < 5; i++) {
    const seed = crypto.createHash('sha256').update(`agent ${i}`).digest();
    const message = Buffer.from(`pay ${i * 17} units to agent ${i + 1}`);
    const id = addon.AgentIdentity.fromSecretKey(seed);
    assert.deepEqual(id.publicKey, nodePublic(seed));
    const sig = id.sign(message);
    assert.deepEqual(sig, crypto.sign(null, message, nodeKey(seed)));
    assert.ok(crypto.verify(null, message, crypto.createPublicKey(nodeKey(seed)), sig));
    assert.equal(id.verify(message, sig), true);
    assert.equal(addon.verifySignatureBytes(id.publicKey, message, sig), true);

    const tampered = Buffer.from(message);
    tampered[0] ^= 1;
    assert.equal(id.verify(tampered, sig), false);
    assert.equal(addon.verifySignatureBytes(id.publicKey, tampered, sig), false);
  }
});

test('did:key and DID document', () => {
  const seed = Buffer.alloc(32, 7);
  const id = addon.AgentIdentity.fromSecretKey(seed);
  const did = 'did:key:z' + nodePublic(seed).toString('base64url');
  assert.equal(id.did, did);
  assert.deepEqual(id.didDocument(), {
    id: did,
    verificationMethod: [
      { id: did + '#key-1', type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: 'z' + nodePublic(seed).toString('base64url') },
    ],
    authentication: [did + '#key-1'],
    assertionMethod: [did + '#key-1'],
  });
});

test('malformed keys and signatures are errors', () => {
  assert.throws(() => addon.AgentIdentity.fromSecretKey(Buffer.alloc(31)), /Invalid private key: Expected 32 bytes, got 31/);
  const id = addon.AgentIdentity.fromSecretKey(Buffer.alloc(32, 1));
  assert.throws(() => id.verify(Buffer.from('x'), Buffer.alloc(63)), /Invalid signature/);
  assert.throws(() => addon.verifySignatureBytes(Buffer.alloc(5), Buffer.from('x'), Buffer.alloc(64)), /32 bytes, got 5/);
});

test('weighted quorum: required weight is ceil(total * threshold)', () => {
  const weights = [5, 3, 2, 7, 1];
  const authorities = weights.map((weight, i) => ({ id: `a${i}`, weight }));
  const q = new addon.Quorum(authorities);
  const total = weights.reduce((a, b) => a + b, 0);
  assert.equal(q.totalWeight, total);
  assert.equal(q.requiredWeight, Math.ceil(total * 0.67)); // 18 * 0.67 = 12.06 -> 13
  assert.equal(q.requiredWeight, 13);
  assert.equal(q.authorityCount, 5);
  assert.equal(q.maxByzantineFaults, Math.floor((5 - 1) / 3));
  assert.equal(q.hasQuorum(12), false);
  assert.equal(q.hasQuorum(13), true);
  // a0 + a3 = 12 is short; a0 + a3 + a4 = 13 reaches it. Unknown ids add nothing.
  assert.equal(q.weightOf(['a0', 'a3', 'nobody']), 12);
  assert.equal(q.reachedBy(['a0', 'a3']), false);
  assert.equal(q.reachedBy(['a0', 'a3', 'a4']), true);

  q.updateWeight('a4', 10); // total 27, required ceil(18.09) = 19
  assert.equal(q.totalWeight, 27);
  assert.equal(q.requiredWeight, Math.ceil(27 * 0.67));
  assert.throws(() => q.updateWeight('zz', 1), /Authority not found: zz/);
});

test('unweighted quorum and Byzantine tolerance', () => {
  const authorities = Array.from({ length: 7 }, (_, i) => ({ id: `n${i}`, weight: 100 }));
  const q = new addon.Quorum(authorities, { useWeights: false, maxFaults: 2, threshold: 0.75 });
  assert.equal(q.totalWeight, 7);
  assert.equal(q.requiredWeight, Math.ceil(7 * 0.75));
  assert.equal(q.weightOf(['n0', 'n1']), 2);
  assert.equal(q.maxByzantineFaults, 2); // floor(6 / 3)
  q.markByzantine('n0');
  q.markByzantine('n1');
  assert.equal(q.byzantineCount, 2);
  assert.equal(q.isFaultTolerant, true);
  q.markByzantine('n2');
  assert.equal(q.isFaultTolerant, false);
});

test('quorum configuration is validated', () => {
  const four = Array.from({ length: 4 }, (_, i) => ({ id: `x${i}`, weight: 1 }));
  assert.throws(() => new addon.Quorum(four.slice(0, 3)), /Insufficient authorities: need 4, got 3/);
  assert.throws(() => new addon.Quorum(four, { threshold: 0.5 }), /Invalid threshold: 0.5/);
  assert.throws(() => new addon.Quorum(four, { maxFaults: 1, minAuthorities: 3 }), /Insufficient authorities for 1 faults: need 4, got 3/);
});
