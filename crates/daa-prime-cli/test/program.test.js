// Tests of the prime program of @ruv.io/daa-prime-cli, run against each
// platform's build by `tools/bazel test //crates/daa-prime-cli:all`, and
// through `npx prime` from an installed package. `run(args, { input })`
// starts it and returns { status, signal, stdout, stderr }. What it prints is
// fixed text in the crate's src/main.rs; the node ids are UUID v4.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const { run } = require(process.env.PROGRAM_RUN);

test('--help lists the three commands', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Decentralized ML training framework/);
  assert.match(r.stdout, /Usage: prime(\.exe)? <COMMAND>/);
  for (const command of ['trainer', 'coordinator', 'status']) assert.match(r.stdout, new RegExp(`^  ${command} `, 'm'));
});

test('--version is refused: the program defines none (exit status 2 passes through)', () => {
  const r = run(['--version']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /unexpected argument '--version'/);
});

test('no command: usage on stderr, status 2', () => {
  const r = run([]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Usage: prime(\.exe)? <COMMAND>/);
});

test('status names the framework crates', () => {
  const r = run(['status']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.replace(/\r\n/g, '\n').trimEnd().split('\n');
  assert.deepEqual(lines, [
    'Prime system status:',
    '  - System: Ready',
    '  - Version: 0.2.0',
    '  - Framework: Distributed ML with DAA',
    '  - Available crates:',
    ...['core', 'dht', 'trainer', 'coordinator'].map((c) => `    * daa-prime-${c} v0.2.0`),
  ]);
});

test('trainer echoes the id it is given, arguments intact', () => {
  const id = 'node α "1"';
  const r = run(['trainer', '--id', id]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.replace(/\r\n/g, '\n').split('\n')[0], `Starting trainer node: ${id}`);
});

test('coordinator without an id draws a UUID v4', () => {
  const ids = [run(['coordinator']), run(['coordinator', '-i', 'c1'])].map((r) => {
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split(/\r?\n/)[0].replace('Starting coordinator node: ', '');
  });
  assert.match(ids[0], /^coordinator-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(ids[1], 'c1');
});
