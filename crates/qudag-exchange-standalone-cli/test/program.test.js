// Tests of the qudag-exchange-cli program of @ruv.io/qudag-exchange-standalone-cli,
// run against each platform's build by `tools/bazel test
// //crates/qudag-exchange-standalone-cli:all`, and through npx from an
// installed package. `run(args, { input })` starts it and returns { status,
// signal, stdout, stderr }. Expected lines are the crate's src/main.rs
// format strings applied by hand to the arguments given.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { run } = require(process.env.PROGRAM_RUN);

const lines = (r) => r.stdout.replace(/\r\n/g, '\n').trimEnd().split('\n');

test('--version prints the crate version', () => {
  const r = run(['--version']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'qudag-exchange-cli 0.3.1');
});

test('--help lists the commands', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Quantum-secure resource exchange with rUv tokens/);
  for (const command of ['create-account', 'balance', 'transfer', 'node', 'network', 'business-plan']) {
    assert.match(r.stdout, new RegExp(`^  ${command} `, 'm'), command);
  }
});

test('a missing argument is refused with status 2', () => {
  const r = run(['create-account']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--name <NAME>/);
});

test('single-agent split: each share as a percentage with one decimal', () => {
  const r = run(['business-plan', 'configure', 'single-agent', '0.85', '0.125']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(lines(r), [
    'Configuring single-agent payout split:',
    // 0.85 · 100 = 85.0; 0.125 · 100 = 12.5
    '  Agent: 85.0%',
    '  Infrastructure: 12.5%',
    'Single-agent split updated successfully.',
  ]);
});

test('a split over 100% is refused (status 0, as the crate prints and returns)', () => {
  const r = run(['business-plan', 'configure', 'plugin-enhanced', '0.5', '0.4', '0.2']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(lines(r), ['Error: Total percentages cannot exceed 100%']);
});

test('the system fee is capped at 10%', () => {
  assert.deepEqual(lines(run(['business-plan', 'configure', 'system-fee', '0.2'])), [
    'Error: System fee percentage must be between 0.0 and 0.1 (10% max)',
  ]);
  // 0.0125 · 100 with four decimals
  assert.equal(lines(run(['business-plan', 'configure', 'system-fee', '0.0125']))[0], 'Setting system fee to 1.2500%');
});

test('an account name arrives intact', () => {
  const name = 'alice "α" b';
  const r = run(['create-account', '--name', name]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(lines(r), [`Creating account: ${name}`, 'Account created successfully!']);
});
