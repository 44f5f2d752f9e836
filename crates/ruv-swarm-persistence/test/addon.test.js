// Tests of the @ruv.io/ruv-swarm-persistence addon, run by `tools/bazel test
// //crates/ruv-swarm-persistence:node_test` with the addon's path in ADDON_0.
// Records are the crate's serde models, written here with fixed timestamps
// so that every ordering can be worked out by hand.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const at = (s) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();
const unix = (s) => Date.UTC(2024, 0, 1, 0, 0, s) / 1000;

const agent = (id, status, s) => ({
  id, name: `agent ${id}`, agent_type: 'worker', status, capabilities: ['compute'], metadata: { zone: 'eu' },
  heartbeat: at(s), created_at: at(s), updated_at: at(s),
});

const task = (id, priority, s) => ({
  id, task_type: 'compute', priority, status: 'pending', assigned_to: null, payload: { n: s }, result: null, error: null,
  retry_count: 0, max_retries: 2, dependencies: [], created_at: at(s), updated_at: at(s), started_at: null, completed_at: null,
});

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.5');
});

test('agents round-trip and list newest first', () => {
  const store = new addon.MemoryStore();
  store.storeAgent(JSON.stringify(agent('a', 'active', 1)));
  store.storeAgent(JSON.stringify(agent('b', 'idle', 2)));
  store.storeAgent(JSON.stringify(agent('c', 'active', 3)));
  const got = JSON.parse(store.getAgent('b'));
  assert.equal(got.status, 'idle');
  assert.deepEqual(got.metadata, { zone: 'eu' });
  assert.equal(new Date(got.created_at).getTime(), Date.parse(at(2)));
  assert.equal(store.getAgent('zz'), null);
  assert.deepEqual(store.listAgents().map((j) => JSON.parse(j).id), ['c', 'b', 'a']);
  assert.deepEqual(store.listAgentsByStatus('active').map((j) => JSON.parse(j).id), ['c', 'a']);

  store.updateAgent(JSON.stringify(agent('b', 'busy', 2)));
  assert.deepEqual(store.listAgentsByStatus('busy').map((j) => JSON.parse(j).id), ['b']);
  store.deleteAgent('a');
  assert.throws(() => store.deleteAgent('a'), /Not found: Agent a not found/);
  assert.throws(() => store.updateAgent(JSON.stringify(agent('q', 'idle', 9))), /Agent q not found/);
  assert.throws(() => store.storeAgent('{"id": "x"}'), /bad agent JSON/);
  assert.equal(store.storageSize(), 2 * 1024);
});

test('pending tasks queue by priority then age, and are claimed once', () => {
  const store = new addon.MemoryStore();
  store.storeTask(JSON.stringify(task('t1', 'low', 1)));
  store.storeTask(JSON.stringify(task('t2', 'critical', 5)));
  store.storeTask(JSON.stringify(task('t3', 'high', 3)));
  store.storeTask(JSON.stringify(task('t4', 'high', 2)));
  assert.deepEqual(store.pendingTasks().map((j) => JSON.parse(j).id), ['t2', 't4', 't3', 't1']);

  assert.equal(store.claimTask('t2', 'w1'), true);
  assert.equal(store.claimTask('t2', 'w2'), false);
  assert.equal(store.claimTask('nope', 'w1'), false);
  assert.equal(store.claimTask('t1', 'w1'), true);
  const t2 = JSON.parse(store.getTask('t2'));
  assert.equal(t2.status, 'assigned');
  assert.equal(t2.assigned_to, 'w1');
  assert.deepEqual(store.tasksByAgent('w1').map((j) => JSON.parse(j).id), ['t2', 't1']);
  assert.deepEqual(store.pendingTasks().map((j) => JSON.parse(j).id), ['t4', 't3']);

  // max_retries 2: the first failure re-queues, the second is final.
  assert.equal(store.failTask('t1', 'timeout'), 'pending');
  let t1 = JSON.parse(store.getTask('t1'));
  assert.equal(t1.assigned_to, null);
  assert.equal(t1.retry_count, 1);
  assert.equal(t1.error, 'timeout');
  assert.equal(store.failTask('t1', 'timeout again'), 'failed');
  t1 = JSON.parse(store.getTask('t1'));
  assert.equal(t1.retry_count, 2);

  assert.equal(store.completeTask('t2', '{"answer": 42}'), 'completed');
  assert.deepEqual(JSON.parse(store.getTask('t2')).result, { answer: 42 });
  assert.throws(() => store.completeTask('zz', 'null'), /Task zz not found/);
});

test('events get sequence numbers and filter by agent, type and time', () => {
  const store = new addon.MemoryStore();
  const ev = (id, type, agentId, s) => ({
    id, event_type: type, agent_id: agentId, task_id: null, payload: {}, metadata: {}, timestamp: at(s), sequence: 999,
  });
  store.storeEvent(JSON.stringify(ev('e1', 'start', 'a', 10)));
  store.storeEvent(JSON.stringify(ev('e2', 'stop', 'a', 30)));
  store.storeEvent(JSON.stringify(ev('e3', 'start', 'b', 20)));
  store.storeEvent(JSON.stringify(ev('e4', 'start', 'a', 40)));
  const byAgent = store.eventsByAgent('a', 2).map((j) => JSON.parse(j));
  assert.deepEqual(byAgent.map((e) => [e.id, e.sequence]), [['e4', 4], ['e2', 2]]);
  assert.deepEqual(store.eventsByType('start', 10).map((j) => JSON.parse(j).id), ['e4', 'e3', 'e1']);
  assert.deepEqual(store.eventsSince(unix(20)).map((j) => JSON.parse(j).id), ['e2', 'e4']);
});

test('messages between agents and read state', () => {
  const store = new addon.MemoryStore();
  const msg = (id, from, to, s) => ({
    id, from_agent: from, to_agent: to, message_type: 'chat', content: { s }, priority: 'normal', read: false, created_at: at(s), read_at: null,
  });
  store.storeMessage(JSON.stringify(msg('m1', 'a', 'b', 1)));
  store.storeMessage(JSON.stringify(msg('m2', 'b', 'a', 2)));
  store.storeMessage(JSON.stringify(msg('m3', 'a', 'c', 3)));
  store.storeMessage(JSON.stringify(msg('m4', 'c', 'b', 4)));
  assert.deepEqual(store.messagesBetween('a', 'b', 10).map((j) => JSON.parse(j).id), ['m2', 'm1']);
  assert.deepEqual(store.unreadMessages('b').map((j) => JSON.parse(j).id), ['m1', 'm4']);
  store.markMessageRead('m1');
  assert.deepEqual(store.unreadMessages('b').map((j) => JSON.parse(j).id), ['m4']);
  assert.throws(() => store.markMessageRead('m9'), /Message m9 not found/);
});

test('metrics aggregate to per-agent means within the window', () => {
  const store = new addon.MemoryStore();
  const metric = (id, agentId, value, s, type = 'latency', unit = 'ms') => ({
    id, metric_type: type, agent_id: agentId, value, unit, tags: {}, timestamp: at(s),
  });
  store.storeMetric(JSON.stringify(metric('1', 'a', 10, 1)));
  store.storeMetric(JSON.stringify(metric('2', 'a', 20, 2)));
  store.storeMetric(JSON.stringify(metric('3', 'a', 90, 50))); // outside the window
  store.storeMetric(JSON.stringify(metric('4', 'b', 7, 3)));
  store.storeMetric(JSON.stringify(metric('5', 'b', 1, 3, 'cpu', '%')));
  assert.deepEqual(store.metricsByAgent('a', 'latency').map((j) => JSON.parse(j).value), [10, 20, 90]);
  const agg = store.aggregatedMetrics('latency', unix(0), unix(10)).map((j) => JSON.parse(j));
  assert.deepEqual(
    agg.map((m) => [m.agent_id, m.metric_type, m.value, m.unit, m.tags.count]),
    [['a', 'latency', 15, 'ms', '2'], ['b', 'latency', 7, 'ms', '1']],
  );
});

test('query builder writes the SQL', () => {
  assert.equal(addon.buildQuery({ table: 'agents' }), 'SELECT * FROM agents');
  assert.equal(
    addon.buildQuery({
      table: 'tasks',
      whereEq: [['status', 'pending'], ['task_type', 'compute']],
      whereLike: [['name', 'job-%']],
      whereGt: [{ field: 'priority', value: 1 }],
      orderBy: 'created_at',
      descending: true,
      limit: 10,
      offset: 20,
    }),
    "SELECT * FROM tasks WHERE status = 'pending' AND task_type = 'compute' AND name LIKE 'job-%' AND priority > 1 ORDER BY created_at DESC LIMIT 10 OFFSET 20",
  );
  assert.equal(addon.buildQuery({ table: 't', orderBy: 'x' }), 'SELECT * FROM t ORDER BY x ASC');
  assert.throws(() => addon.buildQuery({ table: 't', whereEq: [['only-field']] }), /\[field, value\]/);
});

test('README example', () => {
  // README example: begin
  const store = new addon.MemoryStore();
  const created = '2024-01-01T00:00:01.000Z';
  const task = {
    id: 't1', task_type: 'compute', priority: 'high', status: 'pending', assigned_to: null, payload: { n: 1 },
    result: null, error: null, retry_count: 0, max_retries: 2, dependencies: [],
    created_at: created, updated_at: created, started_at: null, completed_at: null,
  };
  store.storeTask(JSON.stringify(task));
  assert.equal(store.claimTask('t1', 'w1'), true);
  assert.equal(JSON.parse(store.getTask('t1')).assigned_to, 'w1');
  assert.equal(addon.buildQuery({ table: 'agents' }), 'SELECT * FROM agents');
  // README example: end
});
