// Tests of the temporal-compare program of @ruv.io/temporal-compare, run
// against each platform's build by `tools/bazel test
// //crates/temporal-compare:all`, and through npx from an installed package.
// `run(args, { input })` starts it and returns { status, signal, stdout,
// stderr }.
//
// Its data is a seeded synthetic series (ChaCha-based StdRng, normal noise),
// so the baseline's results are the same on every platform for the same
// arguments: the figures below are what the linux-x64-gnu build printed, and
// every other platform's build must print them to the digit. The baseline predicts each
// next value by the last one in the window, so its error is the series' own
// one-step change; small and positive.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { run } = require(process.env.PROGRAM_RUN);

const fields = (r) =>
  Object.fromEntries(
    r.stdout
      .replace(/\r\n/g, '\n')
      .trim()
      .split('\n')
      .map((line) => line.split('=')),
  );

test('--help lists its options and backends', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: temporal-compare(\.exe)? \[OPTIONS\]/);
  for (const option of ['--window', '--n', '--seed', '--backend', '--hidden', '--epochs', '--lr', '--classify']) {
    assert.ok(r.stdout.includes(option), option);
  }
  assert.match(r.stdout, /mlp-opt/);
});

test('--version is refused: the program defines none', () => {
  const r = run(['--version']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unexpected argument '--version'/);
});

test('an unknown backend is refused with the possible values', () => {
  const r = run(['--backend', 'oracle']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /invalid value 'oracle'/);
  assert.match(r.stderr, /baseline/);
});

test('the baseline: error and accuracy of the last value as the prediction', () => {
  const r = run(['--backend', 'baseline', '--n', '2000', '--seed', '7']);
  assert.equal(r.status, 0, r.stderr);
  const out = fields(r);
  assert.deepEqual(Object.keys(out), ['baseline_mse_test', 'baseline_acc_test']);
  assert.match(out.baseline_mse_test, /^\d\.\d{6}$/);
  assert.match(out.baseline_acc_test, /^[01]\.\d{4}$/);
  assert.ok(Number(out.baseline_mse_test) > 0 && Number(out.baseline_mse_test) < 2, out.baseline_mse_test);
  assert.deepEqual(out, BASELINE_SEED_7);
  // The seed is the data: the same seed, the same figures; another, others.
  assert.deepEqual(fields(run(['--backend', 'baseline', '--n', '2000', '--seed', '7'])), out);
  assert.notDeepEqual(fields(run(['--backend', 'baseline', '--n', '2000', '--seed', '8'])), out);
});

// The MLP starts from weights drawn from the thread's own random generator,
// not the seed, so its figures vary from run to run: only their form and
// range are known.
test('an MLP trains on the series and reports its errors', () => {
  const r = run(['--n', '2000', '--seed', '7', '--epochs', '4', '--backend', 'mlp']);
  assert.equal(r.status, 0, r.stderr);
  const mlp = fields(r);
  assert.deepEqual(Object.keys(mlp), ['mlp_mse_val', 'mlp_mse_test']);
  for (const value of Object.values(mlp)) {
    assert.match(value, /^\d+\.\d{6}$/);
    assert.ok(Number(value) > 0 && Number(value) < 2, value);
  }
});

// What the linux-x64-gnu build printed (see above).
const BASELINE_SEED_7 = { baseline_mse_test: '0.108112', baseline_acc_test: '0.6467' };
