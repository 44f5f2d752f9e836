// Recomputes the exchange's fee formula in JS (the closed form in the
// crate's documentation) and checks the ledger's bookkeeping against sums
// kept here.
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const DEFAULTS = {
  fMin: 0.001, fMax: 0.01, fMinVerified: 0.0025, fMaxVerified: 0.005,
  timeConstantSeconds: 90 * 24 * 3600, usageThresholdRuv: 10000,
};
function rate(agent, params = {}) {
  const p = { ...DEFAULTS, ...params };
  const alpha = 1 - Math.exp(-agent.secondsSinceFirstTx / p.timeConstantSeconds);
  const beta = 1 - Math.exp(-agent.monthlyUsageRuv / p.usageThresholdRuv);
  return agent.verified
    ? p.fMinVerified + (p.fMaxVerified - p.fMinVerified) * alpha * (1 - beta)
    : p.fMin + (p.fMax - p.fMin) * alpha * beta;
}
const close = (a, b) => assert.ok(Math.abs(a - b) <= 1e-15 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.4.0');
});

test('fee rates at the corners of the model', () => {
  const newcomer = { verified: false, monthlyUsageRuv: 0, secondsSinceFirstTx: 0 };
  assert.equal(addon.feeRate(newcomer), 0.001);
  assert.equal(addon.feeRate({ ...newcomer, verified: true }), 0.0025);
  // A long-standing heavy unverified user approaches 1%, a verified one
  // with no volume approaches 0.5%, and with heavy volume falls back.
  const years = 10 * 365 * 24 * 3600;
  close(addon.feeRate({ verified: false, monthlyUsageRuv: 1e9, secondsSinceFirstTx: years }), 0.01);
  close(addon.feeRate({ verified: true, monthlyUsageRuv: 0, secondsSinceFirstTx: years }), 0.005);
  close(addon.feeRate({ verified: true, monthlyUsageRuv: 1e9, secondsSinceFirstTx: years }), 0.0025);
});

test('fee rates follow the closed form', () => {
  let s = 99;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < 200; i++) {
    const agent = {
      verified: rnd() < 0.5,
      monthlyUsageRuv: Math.floor(rnd() * 50000),
      secondsSinceFirstTx: Math.floor(rnd() * 3e7),
    };
    close(addon.feeRate(agent), rate(agent));
    const params = { fMin: 0.002, fMax: 0.02, timeConstantSeconds: 86400, usageThresholdRuv: 500 };
    close(addon.feeRate(agent, params), rate(agent, params));
    const amount = Math.floor(rnd() * 1e9);
    const exact = amount * rate(agent);
    if (Math.abs(exact - Math.round(exact)) > 1e-6) {
      assert.equal(addon.feeAmount(amount, agent), Math.floor(exact));
    }
  }
});

test('fee parameters are validated', () => {
  const agent = { verified: false, monthlyUsageRuv: 0, secondsSinceFirstTx: 0 };
  assert.throws(() => addon.feeRate(agent, { fMin: 0 }), /invalid fee parameters: .*f_min/);
  assert.throws(() => addon.feeRate(agent, { fMax: 0.0005 }), /f_max must be greater/);
  assert.throws(() => addon.feeRate(agent, { timeConstantSeconds: 0 }), /time_constant_seconds/);
  assert.throws(() => addon.feeRate({ ...agent, monthlyUsageRuv: -1 }), /monthlyUsageRuv must be a whole number/);
  assert.throws(() => addon.feeAmount(1.5, agent), /amount must be a whole number/);
});

test('account ids are acc_ and 16 hex digits of BLAKE3', () => {
  // BLAKE3("") and BLAKE3("abc") from the BLAKE3 reference vectors.
  assert.equal(addon.accountIdFromPublicKey(Buffer.alloc(0)), 'acc_af1349b9f5f9a1a6');
  assert.equal(addon.accountIdFromPublicKey(Buffer.from('abc')), 'acc_6437b3ac38465133');
  assert.match(addon.accountIdFromPublicKey(crypto.randomBytes(1952)), /^acc_[0-9a-f]{16}$/);
});

test('the ledger mints, burns and keeps the supply', () => {
  const ledger = new addon.Ledger({ maxSupply: 1_000_000 });
  const expected = new Map();
  for (const id of ['carol', 'alice', 'bob']) {
    ledger.createAccount(id);
    expected.set(id, 0);
  }
  assert.deepEqual(ledger.accountIds, ['alice', 'bob', 'carol']);
  assert.throws(() => ledger.createAccount('bob'), /already exists/);

  let s = 5;
  const rnd = (n) => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % n;
  let supply = 0;
  for (let i = 0; i < 300; i++) {
    const id = ['alice', 'bob', 'carol'][rnd(3)];
    const amt = rnd(5000) + 1;
    if (rnd(2)) {
      if (supply + amt <= 1_000_000) {
        ledger.mint(id, amt);
        expected.set(id, expected.get(id) + amt);
        supply += amt;
      } else {
        assert.throws(() => ledger.mint(id, amt),
          new RegExp(`Resource limit exceeded for total_supply: limit 1000000, requested ${supply + amt}`));
      }
    } else if (expected.get(id) >= amt) {
      ledger.burn(id, amt);
      expected.set(id, expected.get(id) - amt);
      supply -= amt;
    } else {
      assert.throws(() => ledger.burn(id, amt),
        new RegExp(`Insufficient balance for account ${id}: required ${amt}, available ${expected.get(id)}`));
    }
  }
  for (const [id, bal] of expected) assert.equal(ledger.balance(id), bal);
  assert.equal(ledger.totalSupply, supply);
  assert.throws(() => ledger.balance('dave'), /Account not found: dave/);
  assert.throws(() => ledger.mint('dave', 1), /Account not found: dave/);
});

test('the ledger charges fees by agent status', () => {
  const ledger = new addon.Ledger();
  ledger.createAccount('agent');
  assert.throws(() => ledger.feeFor('agent', 1000, 0), /Agent status not found/);
  const start = 1_700_000_000;
  ledger.registerAgent('agent', false, start);
  // At the first transaction an unverified agent pays the 0.1% intro rate.
  assert.equal(ledger.feeFor('agent', 1_000_000, start), 1000);
  const later = start + 45 * 24 * 3600;
  ledger.setAgentUsage('agent', 20000);
  const unverified = { verified: false, monthlyUsageRuv: 20000, secondsSinceFirstTx: 45 * 24 * 3600 };
  assert.equal(ledger.feeFor('agent', 1_000_000, later), Math.floor(1_000_000 * rate(unverified)));
  ledger.verifyAgent('agent');
  assert.equal(ledger.feeFor('agent', 1_000_000, later),
    Math.floor(1_000_000 * rate({ ...unverified, verified: true })));
  // A clock before the first transaction counts as no time elapsed.
  assert.equal(ledger.feeFor('agent', 1_000_000, start - 100), 2500);
});

test('README example', () => {
  // README example: begin
  const newcomer = { verified: false, monthlyUsageRuv: 0, secondsSinceFirstTx: 0 };
  assert.equal(addon.feeRate(newcomer), 0.001);
  const ledger = new addon.Ledger({ maxSupply: 1_000_000 });
  ledger.createAccount('alice');
  ledger.mint('alice', 5000);
  ledger.burn('alice', 2000);
  assert.equal(ledger.balance('alice'), 3000);
  assert.equal(ledger.totalSupply, 3000);
  // README example: end
});
