// Drives the scheduler tick by tick: due tasks run earliest first, at most
// maxTasksPerTick per tick, far-future tasks wait, and the counters and the
// strange-loop state follow the crate's update rules (reimplemented here).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// Busy-waits until the crate's clock has passed `t`.
function waitUntil(t) {
  while (addon.now() <= t);
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.1');
});

test('the clock moves forward', () => {
  const a = addon.now();
  const b = addon.now();
  assert.ok(Number.isFinite(a) && a > 0);
  assert.ok(b >= a);
});

test('tasks due now run on the next tick, in the order scheduled', () => {
  // README example: begin
  const s = new addon.Scheduler();
  assert.deepEqual(s.tick(), []);
  for (const id of [7, 3, 11, 5]) s.schedule(id);
  assert.equal(s.pending, 4);
  assert.deepEqual(s.tick(), [7, 3, 11, 5]);
  assert.equal(s.pending, 0);
  assert.deepEqual(s.tick(), []);
  // README example: end
  const m = s.metrics();
  assert.equal(m.totalTicks, 3);
  assert.equal(m.totalTasks, 4);
  assert.ok(m.minTickTimeNs <= m.maxTickTimeNs);
});

test('maxTasksPerTick limits each tick', () => {
  const s = new addon.Scheduler({ maxTasksPerTick: 2 });
  for (let id = 1; id <= 5; id++) s.schedule(id, 0, ['low', 'normal', 'high', 'critical', undefined][id - 1]);
  assert.deepEqual(s.tick(), [1, 2]);
  assert.deepEqual(s.tick(), [3, 4]);
  assert.deepEqual(s.tick(), [5]);
  assert.deepEqual(s.tick(), []);
  assert.equal(s.metrics().totalTasks, 5);
});

test('a task waits until its delay has passed', () => {
  const s = new addon.Scheduler();
  // About 3 days of cycles: never due while the test runs.
  s.schedule(1, 1e15);
  const delay = 2e7; // 5-20 ms of cycles
  // Task 2 becomes due somewhere in (before + delay, after + delay).
  const before = addon.now();
  s.schedule(2, delay);
  const after = addon.now();
  s.schedule(3);
  const first = s.tick();
  if (addon.now() < before + delay) {
    // Task 2 was certainly not due when that tick ran.
    assert.deepEqual(first, [3]);
    assert.equal(s.pending, 2);
    waitUntil(after + delay);
    assert.deepEqual(s.tick(), [2]);
  } else {
    // A very slow machine: the tick itself may have reached task 2's time
    // (and task 2 may even have become due before task 3 was scheduled).
    waitUntil(after + delay);
    const rest = first.length === 2 ? [] : s.tick();
    assert.deepEqual([...first, ...rest].sort(), [2, 3]);
  }
  assert.equal(s.pending, 1);
  assert.deepEqual(s.tick(), []);
});

test('temporal overlap of consecutive ticks', () => {
  assert.equal(new addon.Scheduler().temporalOverlap(), 0);
  // Every pair of ticks is closer than 2e15 units, none closer than 0.
  const wide = new addon.Scheduler({ tickRateNs: 1e15, windowSize: 4 });
  const none = new addon.Scheduler({ tickRateNs: 0 });
  wide.tick();
  assert.equal(wide.temporalOverlap(), 0); // one tick: nothing to compare
  for (let i = 0; i < 9; i++) {
    wide.tick();
    none.tick();
  }
  assert.equal(wide.temporalOverlap(), 1);
  assert.equal(none.temporalOverlap(), 0);
});

test('strange-loop state follows s = k*s + (1 - k)*0.5', () => {
  for (const k of [0.9, 0.3, 1.7]) {
    const s = new addon.Scheduler({ lipschitzConstant: k });
    let expected = 0.5;
    assert.equal(s.strangeLoopState, expected);
    for (let i = 0; i < 20; i++) {
      s.tick();
      expected = k * expected + (1 - k) * 0.5;
      assert.ok(Math.abs(s.strangeLoopState - expected) < 1e-12, `k=${k} tick ${i}`);
    }
    assert.ok(Math.abs(s.strangeLoopState - 0.5) < 1e-9);
  }
});

test('bad arguments are errors, not crashes', () => {
  const s = new addon.Scheduler();
  assert.throws(() => s.schedule(1, -5), /delayNs must be a non-negative/);
  assert.throws(() => s.schedule(1, Infinity), /delayNs must be a non-negative/);
  assert.throws(() => s.schedule(1, 0, 'urgent'), /unknown priority 'urgent'/);
  assert.throws(() => new addon.Scheduler({ tickRateNs: -1 }), /tickRateNs must be/);
  assert.throws(() => new addon.Scheduler({ lipschitzConstant: NaN }), /lipschitzConstant/);
  assert.equal(s.pending, 0);
});
