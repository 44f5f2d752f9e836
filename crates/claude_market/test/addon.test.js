// Tests of the @ruv.io/claude_market addon, run by `tools/bazel test
// //crates/claude_market:node_test` with the addon's path in ADDON_0.
// Balances are tracked alongside in JavaScript.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// libp2p peer ids: base58btc of the identity multihash (0x00, length 0x24)
// of a protobuf Ed25519 public key (0x08 0x01 0x12 0x20 + 32 bytes).
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes) {
  let n = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}
const peerId = (fill) => base58([0x00, 0x24, 0x08, 0x01, 0x12, 0x20, ...Buffer.alloc(32, fill)]);
const ALICE = peerId(1);
const BOB = peerId(2);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.1');
});

test('credit, debit, lock and unlock keep available + locked = total', () => {
  const w = new addon.Wallet();
  const model = { available: 0, locked: 0 };
  const check = (b) => {
    assert.equal(b.owner, ALICE);
    assert.equal(b.available, model.available);
    assert.equal(b.locked, model.locked);
    assert.equal(b.total, model.available + model.locked);
  };
  check(w.balance(ALICE));
  model.available += 1000;
  check(w.credit(ALICE, 1000));
  model.available -= 250;
  check(w.debit(ALICE, 250));
  model.available -= 300;
  model.locked += 300;
  check(w.lock(ALICE, 300));
  model.available += 100;
  model.locked -= 100;
  check(w.unlock(ALICE, 100));
  check(w.balance(ALICE));
  assert.equal(w.balance(BOB).total, 0);
});

test('overdrawing is an error and changes nothing', () => {
  const w = new addon.Wallet();
  w.credit(BOB, 50);
  assert.throws(() => w.debit(BOB, 51), /Insufficient balance: required 51, available 50/);
  assert.throws(() => w.lock(BOB, 60), /Insufficient balance/);
  assert.equal(w.balance(BOB).available, 50);
  assert.throws(() => w.balance('not-a-peer'), /not a peer id/);
});

test('tokens held in escrow stay in the total', () => {
  // README example: begin
  const wallet = new addon.Wallet();
  const alice = '12D3KooW9tHTtS3inCZiYykw4u5G4frbjVFqhkmJX12gSNCVeH3e'; // a libp2p peer id
  wallet.credit(alice, 1000);
  wallet.lock(alice, 300); // into escrow
  const { available, locked, total } = wallet.balance(alice);
  assert.deepEqual([available, locked, total], [700, 300, 1000]);
  // README example: end
  assert.equal(alice, ALICE);
});
