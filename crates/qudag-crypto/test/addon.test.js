// Checks ML-DSA-65 and HQC against their parameter sets' published sizes and
// their own inverses (a signature verifies, an altered one does not; a
// ciphertext decrypts), and fingerprints against published BLAKE3 digests.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// BLAKE3 of the empty input and of "abc", from the BLAKE3 reference.
const BLAKE3_EMPTY = 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262';
const BLAKE3_ABC = '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85';

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.5.1');
});

test('ML-DSA-65 keys and signatures have the FIPS 204 sizes', () => {
  assert.deepEqual(addon.mlDsaSizes(), { publicKey: 1952, secretKey: 4032, signature: 3309 });
  const keys = new addon.MlDsaKeyPair();
  assert.equal(keys.publicKey.length, 1952);
  assert.equal(keys.secretKey.length, 4032);
  assert.equal(keys.sign(Buffer.from('message')).length, 3309);
  assert.notDeepEqual(new addon.MlDsaKeyPair().publicKey, keys.publicKey);
});

test('ML-DSA signatures verify, and fail for another message, key or signature', () => {
  const keys = new addon.MlDsaKeyPair();
  const message = Buffer.from('transfer 10 rUv to alice');
  const signature = keys.sign(message);
  assert.equal(addon.mlDsaVerify(keys.publicKey, message, signature), true);
  assert.equal(addon.mlDsaVerify(keys.publicKey, Buffer.from('transfer 99 rUv to alice'), signature), false);
  assert.equal(addon.mlDsaVerify(new addon.MlDsaKeyPair().publicKey, message, signature), false);
  const tampered = Buffer.from(signature);
  tampered[100] ^= 1;
  assert.equal(addon.mlDsaVerify(keys.publicKey, message, tampered), false);
  assert.equal(addon.mlDsaVerify(keys.publicKey, message, Buffer.alloc(10)), false);
  // Signing an empty and a long message works too.
  const long = Buffer.alloc(100000, 7);
  assert.equal(addon.mlDsaVerify(keys.publicKey, long, keys.sign(long)), true);
  assert.equal(addon.mlDsaVerify(keys.publicKey, Buffer.alloc(0), keys.sign(Buffer.alloc(0))), true);
  assert.throws(() => addon.mlDsaVerify(Buffer.alloc(32), message, signature), /not an ML-DSA-65 public key/);
});

test('HQC keys and KEM ciphertexts have the parameter sets\' published sizes', () => {
  assert.deepEqual(addon.hqcSizes(128), { publicKey: 2249, secretKey: 2305, kemCiphertext: 4433 });
  assert.deepEqual(addon.hqcSizes(192), { publicKey: 4522, secretKey: 4586, kemCiphertext: 8978 });
  assert.deepEqual(addon.hqcSizes(256), { publicKey: 7245, secretKey: 7317, kemCiphertext: 14421 });
  assert.throws(() => addon.hqcSizes(512), /must be 128, 192 or 256, not 512/);
});

test('HQC encryption round-trips at every level', () => {
  const message = Buffer.from('post-quantum hello, longer than one 32-byte key block');
  for (const level of [128, 192, 256]) {
    const sizes = addon.hqcSizes(level);
    const { publicKey, secretKey } = addon.hqcKeypair(level);
    assert.equal(publicKey.length, sizes.publicKey);
    assert.equal(secretKey.length, sizes.secretKey);
    const ciphertext = addon.hqcEncrypt(level, publicKey, message);
    assert.equal(ciphertext.length, 4 + sizes.kemCiphertext + message.length);
    assert.equal(ciphertext.readUInt32LE(0), message.length);
    assert.notDeepEqual(ciphertext.subarray(4 + sizes.kemCiphertext), message);
    assert.deepEqual(addon.hqcDecrypt(level, secretKey, ciphertext), message);
    // A fresh encapsulation every time.
    assert.notDeepEqual(addon.hqcEncrypt(level, publicKey, message), ciphertext);
  }
});

test('HQC rejects another key or an altered KEM part; the message part is not authenticated', () => {
  const message = Buffer.from('secret');
  const { publicKey, secretKey } = addon.hqcKeypair(128);
  const ciphertext = addon.hqcEncrypt(128, publicKey, message);
  // A rejection is a panic in the crate, which becomes an exception where
  // panics unwind; Windows addons are built with panic=abort (no unwinder
  // there), so there a rejected ciphertext ends the process and is not tried.
  if (process.platform !== 'win32') {
    assert.throws(() => addon.hqcDecrypt(128, addon.hqcKeypair(128).secretKey, ciphertext), /ciphertext was rejected/);
    const tampered = Buffer.from(ciphertext);
    tampered[10] ^= 1;
    assert.throws(() => addon.hqcDecrypt(128, secretKey, tampered), /ciphertext was rejected/);
  }
  // Still usable after a rejection.
  assert.deepEqual(addon.hqcDecrypt(128, secretKey, ciphertext), message);
  const flipped = Buffer.from(ciphertext);
  flipped[flipped.length - 1] ^= 1;
  const opened = addon.hqcDecrypt(128, secretKey, flipped);
  assert.equal(opened[opened.length - 1], message[message.length - 1] ^ 1);
  assert.throws(() => addon.hqcEncrypt(128, Buffer.alloc(5), message), /not an HQC-128 public key/);
  assert.throws(() => addon.hqcEncrypt(192, publicKey, message), /not an HQC-192 public key/);
  assert.throws(() => addon.hqcDecrypt(128, secretKey, Buffer.alloc(8)), /too short/);
  assert.throws(() => addon.hqcEncrypt(128, publicKey, Buffer.alloc(65537)), /Message too long/);
});

test('fingerprints are signed 64-byte BLAKE3 digests', () => {
  const empty = new addon.Fingerprint(Buffer.alloc(0));
  assert.equal(empty.data.length, 64);
  // The first 32 bytes of BLAKE3's extended output are its 32-byte hash.
  assert.equal(empty.data.subarray(0, 32).toString('hex'), BLAKE3_EMPTY);
  const abc = new addon.Fingerprint(Buffer.from('abc'));
  assert.equal(abc.data.subarray(0, 32).toString('hex'), BLAKE3_ABC);
  assert.equal(abc.verify(abc.publicKey), true);
  assert.equal(abc.verify(empty.publicKey), false);
  assert.equal(addon.mlDsaVerify(abc.publicKey, abc.data, abc.signature), true);
});

test('README example', () => {
  // README example: begin
  const keys = new addon.MlDsaKeyPair();
  const message = Buffer.from('hello');
  const signature = keys.sign(message);
  assert.equal(addon.mlDsaVerify(keys.publicKey, message, signature), true);

  const { publicKey, secretKey } = addon.hqcKeypair(256);
  const sealed = addon.hqcEncrypt(256, publicKey, message);
  assert.equal(addon.hqcDecrypt(256, secretKey, sealed).toString(), 'hello');
  // README example: end
});
