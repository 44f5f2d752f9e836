// Checks the order tasks come out in against a plain JavaScript sort by
// (priority descending, deadline ascending), and the scheduler's counters.
// Deadlines in one test differ by whole seconds, so the order cannot depend
// on how long scheduling itself takes.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const WEIGHT = { critical: 100, high: 75, medium: 50, low: 25, background: 10 };

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.1');
});

test('priority weights', () => {
  for (const [name, weight] of Object.entries(WEIGHT)) assert.equal(addon.priorityValue(name), weight);
  assert.throws(() => addon.priorityValue('urgent'), /unknown priority 'urgent'/);
});

test('highest priority first, then earliest deadline', () => {
  // README example: begin
  const s = new addon.Scheduler();
  assert.equal(s.schedule('low', 1000, 'low'), 1);
  assert.equal(s.schedule('high-late', 9000, 'high'), 2);
  assert.equal(s.schedule('critical', 5000, 'critical'), 3);
  assert.equal(s.schedule('high-soon', 2000, 'high'), 4);
  assert.equal(s.queueSize, 4);
  const first = s.runNext();
  assert.deepEqual(first, { id: 3, payload: 'critical', priority: 'critical', deadlineMissed: false });
  assert.deepEqual(s.drain().map((t) => t.payload), ['high-soon', 'high-late', 'low']);
  assert.equal(s.runNext(), null);
  assert.equal(s.queueSize, 0);
  // README example: end
});

test('counters: scheduled, completed and missed deadlines', () => {
  const s = new addon.Scheduler();
  s.schedule('late', 0, 'medium'); // due now: past by the time it runs
  s.schedule('on time', 60000, 'medium');
  s.schedule('pending', 60000, 'background');
  const late = s.runNext();
  assert.equal(late.payload, 'late');
  assert.equal(late.deadlineMissed, true);
  assert.equal(s.runNext().deadlineMissed, false);
  const stats = s.stats();
  assert.equal(stats.totalTasks, 3);
  assert.equal(stats.completedTasks, 2);
  assert.equal(stats.missedDeadlines, 1);
  assert.equal(stats.queueSize, 1);
  assert.ok(stats.maxLatencyNs >= stats.averageLatencyNs);
  s.clear();
  assert.equal(s.queueSize, 0);
  assert.equal(s.stats().queueSize, 0);
  assert.equal(s.stats().totalTasks, 3);
});

test('a full queue and bad arguments are errors', () => {
  const s = new addon.Scheduler(2);
  s.schedule('a', 1000, 'low');
  s.schedule('b', 1000, 'low');
  assert.throws(() => s.schedule('c', 1000, 'low'), /Task queue full/);
  s.runNext();
  assert.equal(s.schedule('c', 1000, 'low'), 3); // room again; ids keep counting
  assert.throws(() => s.schedule('x', -1, 'low'), /deadlineMs must be between 0/);
  assert.throws(() => s.schedule('x', NaN, 'low'), /deadlineMs must be between 0/);
  assert.throws(() => s.schedule('x', 10, 'soon'), /unknown priority 'soon'/);
});

test('agrees with a JavaScript sort on generated task sets', () => {
  let seed = 4242;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const names = Object.keys(WEIGHT);
  for (let round = 0; round < 30; round++) {
    const n = 1 + Math.floor(rand() * 40);
    // Distinct deadlines, whole seconds apart, in random order.
    const seconds = Array.from({ length: n }, (_, i) => i + 1);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [seconds[i], seconds[j]] = [seconds[j], seconds[i]];
    }
    const tasks = seconds.map((sec, i) => ({ payload: `t${i}`, deadline: sec * 1000, priority: names[Math.floor(rand() * 5)] }));
    const s = new addon.Scheduler();
    tasks.forEach((t, i) => assert.equal(s.schedule(t.payload, t.deadline, t.priority), i + 1));
    const expected = [...tasks].sort((a, b) => WEIGHT[b.priority] - WEIGHT[a.priority] || a.deadline - b.deadline);
    const got = s.drain();
    assert.deepEqual(got.map((t) => t.payload), expected.map((t) => t.payload), `round ${round}`);
    assert.deepEqual(got.map((t) => t.priority), expected.map((t) => t.priority));
    assert.deepEqual(got.map((t) => t.id), expected.map((t) => tasks.indexOf(t) + 1));
    assert.equal(s.stats().completedTasks, n);
    assert.equal(s.stats().missedDeadlines, 0);
  }
});
