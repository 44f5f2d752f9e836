// Tests of the @ruv.io/agentic-jujutsu addon, run by `tools/bazel test
// //crates/agentic-jujutsu:node_test` with the addon's path in ADDON_0.
// Expected classifications are jj's operation semantics written out here;
// log queries and statistics are recomputed from the input array in JS.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.1');
});

test('classifyOperation', () => {
  assert.deepEqual(addon.classifyOperation('rebase'), { type: 'Rebase', modifiesHistory: true, isRemote: false, isAutomatic: false });
  assert.deepEqual(addon.classifyOperation('GIT-PUSH'), { type: 'GitPush', modifiesHistory: false, isRemote: true, isAutomatic: false });
  assert.deepEqual(addon.classifyOperation('snapshot'), { type: 'Snapshot', modifiesHistory: false, isRemote: false, isAutomatic: true });
  assert.deepEqual(addon.classifyOperation('branch-delete'), { type: 'BranchDelete', modifiesHistory: false, isRemote: false, isAutomatic: false });
  assert.deepEqual(addon.classifyOperation('frobnicate'), { type: 'Unknown', modifiesHistory: false, isRemote: false, isAutomatic: false });
});

const input = [
  { command: 'jj describe -m "fix"', type: 'describe', user: 'alice', durationMs: 10, operationId: 'op1' },
  { command: 'jj git push', type: 'git-push', user: 'bob', durationMs: 250, operationId: 'op2', error: 'rejected' },
  { command: 'jj rebase -d main', type: 'rebase', user: 'alice', durationMs: 40, operationId: 'op3' },
  { command: 'snapshot working copy', type: 'snapshot', user: 'alice', operationId: 'op4' },
  { command: 'jj git fetch', type: 'git-fetch', user: 'carol', durationMs: 97, operationId: 'op5' },
  { command: 'jj new', type: 'new', user: 'bob', durationMs: 3, operationId: 'op6', error: 'conflict' },
];

test('operation log queries match a JavaScript filter of the input', () => {
  const log = new addon.OperationLog(100);
  for (const op of input) log.add(op);
  const ids = (ops) => ops.map((o) => o.operationId);
  const where = (f) => input.filter(f).map((o) => o.operationId);

  assert.equal(log.count, input.length);
  assert.deepEqual(ids(log.recent(3)), ['op6', 'op5', 'op4']);
  assert.deepEqual(ids(log.byUser('alice')), where((o) => o.user === 'alice'));
  assert.deepEqual(ids(log.search('JJ GIT')), where((o) => o.command.toLowerCase().includes('jj git')));
  assert.deepEqual(ids(log.failed()), where((o) => o.error));
  assert.deepEqual(ids(log.historyModifying()), ['op1', 'op3']);
  assert.deepEqual(ids(log.remote()), ['op2', 'op5']);
  assert.deepEqual(ids(log.byType('Rebase')), ['op3']);
  assert.deepEqual(log.failed()[0], {
    operationId: 'op2', type: 'GitPush', command: 'jj git push', user: 'bob', hostname: '', durationMs: 250, success: false, error: 'rejected',
  });

  const durations = input.map((o) => o.durationMs || 0);
  const total = durations.reduce((a, b) => a + b, 0);
  const failed = input.filter((o) => o.error).length;
  assert.equal(log.successRate, (input.length - failed) / input.length);
  assert.equal(log.avgDurationMs, total / input.length);
  const s = log.statistics();
  assert.equal(s.total, input.length);
  assert.equal(s.successful, input.length - failed);
  assert.equal(s.failed, failed);
  assert.equal(s.totalDurationMs, total);
  assert.equal(s.avgDurationMs, Math.floor(total / input.length));
  assert.equal(s.maxDurationMs, Math.max(...durations));
  assert.deepEqual({ ...s.byType }, { Describe: 1, GitPush: 1, Rebase: 1, Snapshot: 1, GitFetch: 1, New: 1 });

  log.clear();
  assert.equal(log.count, 0);
  assert.equal(log.successRate, 0);
});

test('the log keeps only the newest maxEntries', () => {
  // README example: begin
  const log = new addon.OperationLog(4);
  for (let i = 0; i < 10; i++) log.add({ command: `jj op ${i}`, operationId: `id${i}` });
  assert.equal(log.count, 4);
  assert.deepEqual(log.recent(10).map((o) => o.operationId), ['id9', 'id8', 'id7', 'id6']);
  assert.equal(log.recent(1)[0].type, 'Unknown');
  // README example: end
});
