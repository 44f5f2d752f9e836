// Tests of the @ruv.io/daa-rules addon, run by `tools/bazel test
// //crates/daa-rules:node_test` with the addon's path in ADDON_0.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const cond = (c) => JSON.stringify(c);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.1');
});

test('leaf conditions', () => {
  const vars = { status: 'active', amount: '250.5', email: 'ops@example.org', tier: 'gold' };
  const cases = [
    [{ Equals: { field: 'status', value: 'active' } }, true],
    [{ Equals: { field: 'status', value: 'closed' } }, false],
    [{ Equals: { field: 'missing', value: '' } }, false],
    [{ NotEquals: { field: 'status', value: 'closed' } }, true],
    [{ NotEquals: { field: 'missing', value: 'x' } }, true],
    [{ GreaterThan: { field: 'amount', value: 250 } }, true],
    [{ GreaterThan: { field: 'amount', value: 250.5 } }, false],
    [{ LessThan: { field: 'amount', value: 251 } }, true],
    [{ LessThan: { field: 'status', value: 1e9 } }, false], // not a number
    [{ Matches: { field: 'email', pattern: '^[^@]+@[^@]+\\.[a-z]+$' } }, true],
    [{ Matches: { field: 'tier', pattern: '^silver$' } }, false],
    [{ Exists: { field: 'tier' } }, true],
    [{ Exists: { field: 'nope' } }, false],
    [{ In: { field: 'tier', values: ['silver', 'gold'] } }, true],
    [{ In: { field: 'tier', values: ['bronze'] } }, false],
    [{ Custom: { condition_type: 'x', parameters: {} } }, false],
  ];
  for (const [c, expected] of cases) assert.equal(addon.evaluateCondition(cond(c), vars), expected, JSON.stringify(c));
});

test('logical conditions compose like JavaScript booleans', () => {
  const vars = { a: '1', b: '2' };
  const T = { Equals: { field: 'a', value: '1' } };
  const F = { Equals: { field: 'b', value: '1' } };
  const ev = (c) => addon.evaluateCondition(cond(c), vars);
  for (const [x, xv] of [[T, true], [F, false]]) {
    for (const [y, yv] of [[T, true], [F, false]]) {
      assert.equal(ev({ And: { conditions: [x, y] } }), xv && yv);
      assert.equal(ev({ Or: { conditions: [x, y] } }), xv || yv);
    }
    assert.equal(ev({ Not: { condition: x } }), !xv);
  }
  assert.equal(ev({ Not: { condition: { Or: { conditions: [F, { And: { conditions: [T, T] } }] } } } }), false);
});

const rule = (overrides = {}) =>
  JSON.stringify({
    id: 'r1',
    name: 'large payments need review',
    conditions: [{ GreaterThan: { field: 'amount', value: 1000 } }, { NotEquals: { field: 'reviewed', value: 'yes' } }],
    actions: [
      { SetField: { field: 'state', value: 'review' } },
      { ModifyContext: { modifications: { queue: 'finance', amount: '0' } } },
      { Log: { level: 'Info', message: 'queued' } },
    ],
    ...overrides,
  });

test('executing a rule applies its actions only when every condition holds', () => {
  const hit = addon.executeRule(rule(), { amount: '5000' });
  assert.equal(hit.result, 'Allow');
  assert.deepEqual(hit.variables, { amount: '0', state: 'review', queue: 'finance' });

  const miss = addon.executeRule(rule(), { amount: '5000', reviewed: 'yes' });
  assert.equal(miss.result, 'Skipped');
  assert.deepEqual(miss.variables, { amount: '5000', reviewed: 'yes' });

  const disabled = addon.executeRule(rule({ enabled: false }), { amount: '5000' });
  assert.equal(disabled.result, 'Skipped');
  assert.deepEqual(disabled.variables, { amount: '5000' });

  assert.throws(
    () => addon.executeRule(rule({ actions: [{ Abort: { reason: 'frozen account' } }] }), { amount: '5000' }),
    /Execution aborted: frozen account/,
  );
});

test('validation rejects malformed rules', () => {
  addon.validateRule(rule());
  assert.throws(() => addon.validateRule(rule({ id: '' })), /Rule ID cannot be empty/);
  assert.throws(() => addon.validateRule(rule({ name: '' })), /Rule name cannot be empty/);
  assert.throws(() => addon.validateRule(rule({ conditions: [] })), /at least one condition/);
  assert.throws(() => addon.validateRule(rule({ actions: [] })), /at least one action/);
  assert.throws(() => addon.validateRule(rule({ conditions: [{ Matches: { field: 'x', pattern: '(' } }] })), /Invalid regex pattern/);
  assert.throws(() => addon.validateRule(rule({ conditions: [{ Or: { conditions: [] } }] })), /at least one sub-condition/);
  assert.throws(
    () => addon.validateRule(rule({ actions: [{ Webhook: { url: '', method: 'POST', headers: {}, body: '' } }] })),
    /Webhook URL cannot be empty/,
  );
  assert.throws(() => addon.executeRule(rule({ id: '' }), {}), /Rule ID cannot be empty/);
  assert.throws(() => addon.validateRule('{"id": 1}'), /bad rule JSON/);
  assert.throws(() => addon.evaluateCondition('{"Bogus": {}}', {}), /bad condition JSON/);
});

test('README example', () => {
  // README example: begin
  const vars = { status: 'active', amount: '250.5', email: 'ops@example.org', tier: 'gold' };
  const condition = { GreaterThan: { field: 'amount', value: 250 } };
  assert.equal(addon.evaluateCondition(JSON.stringify(condition), vars), true);
  const rule = JSON.stringify({
    id: 'r1',
    name: 'large payments need review',
    conditions: [{ GreaterThan: { field: 'amount', value: 1000 } }, { NotEquals: { field: 'reviewed', value: 'yes' } }],
    actions: [
      { SetField: { field: 'state', value: 'review' } },
      { ModifyContext: { modifications: { queue: 'finance', amount: '0' } } },
      { Log: { level: 'Info', message: 'queued' } },
    ],
  });
  const hit = addon.executeRule(rule, { amount: '5000' });
  assert.equal(hit.result, 'Allow');
  assert.deepEqual(hit.variables, { amount: '0', state: 'review', queue: 'finance' });
  // README example: end
});
