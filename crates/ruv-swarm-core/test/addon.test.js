// Tests of the @ruv.io/ruv-swarm-core addon, run by `tools/bazel test
// //crates/ruv-swarm-core:node_test` with the addon's path in ADDON_0.
// Expected graphs are built here from the definitions of each topology.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.6');
});

// Undirected edge set -> sorted neighbour lists.
function neighbourLists(agents, edges) {
  const map = Object.fromEntries(agents.map((a) => [a, new Set()]));
  for (const [x, y] of edges) {
    map[x].add(y);
    map[y].add(x);
  }
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, [...v].sort()]));
}

function checkGraph(topology, agents, edges) {
  const expected = neighbourLists(agents, edges);
  for (const a of agents) assert.deepEqual(topology.neighbors(a), expected[a], `neighbours of ${a}`);
  assert.equal(topology.connectionCount(), edges.length);
}

test('mesh connects every pair', () => {
  const agents = ['a', 'b', 'c', 'd', 'e'];
  const edges = [];
  for (let i = 0; i < agents.length; i++) for (let j = i + 1; j < agents.length; j++) edges.push([agents[i], agents[j]]);
  const t = addon.Topology.mesh(agents);
  assert.equal(t.kind, 'mesh');
  checkGraph(t, agents, edges);
  assert.equal(edges.length, 10); // 5 choose 2
  assert.ok(t.isFullyConnected());
  assert.equal(t.neighbors('zz'), null);
});

test('star connects the centre to each leaf', () => {
  const t = addon.Topology.star('hub', ['x', 'y', 'z']);
  assert.equal(t.kind, 'star');
  checkGraph(t, ['hub', 'x', 'y', 'z'], [['hub', 'x'], ['hub', 'y'], ['hub', 'z']]);
  assert.ok(t.areConnected('x', 'hub'));
  assert.ok(!t.areConnected('x', 'y'));
});

test('pipeline links neighbours in order, and adds directed edges', () => {
  const agents = ['s1', 's2', 's3', 's4'];
  const t = addon.Topology.pipeline(agents);
  assert.equal(t.kind, 'pipeline');
  checkGraph(t, agents, [['s1', 's2'], ['s2', 's3'], ['s3', 's4']]);
  t.addConnection('s4', 's1');
  assert.ok(t.areConnected('s4', 's1'));
  assert.ok(!t.areConnected('s1', 's4'));
});

test('custom graph: connectivity, removal and groups', () => {
  const t = new addon.Topology('custom');
  t.addConnection('a', 'b');
  t.addConnection('c', 'd');
  assert.ok(!t.isFullyConnected());
  t.addConnection('b', 'c');
  assert.ok(t.isFullyConnected());
  checkGraph(t, ['a', 'b', 'c', 'd'], [['a', 'b'], ['c', 'd'], ['b', 'c']]);
  t.removeConnection('c', 'b');
  assert.ok(!t.areConnected('b', 'c'));
  assert.ok(!t.isFullyConnected());
  assert.equal(t.connectionCount(), 2);
  t.addToGroup('left', 'a');
  t.addToGroup('left', 'b');
  assert.deepEqual(t.group('left'), ['a', 'b']);
  assert.equal(t.group('right'), null);
  assert.throws(() => new addon.Topology('ring'), /unknown topology 'ring'/);
});

test('cognitive patterns pair up', () => {
  const pairs = [['convergent', 'divergent'], ['lateral', 'systems'], ['critical', 'abstract']];
  for (const [x, y] of pairs) {
    assert.equal(addon.complementPattern(x), y);
    assert.equal(addon.complementPattern(y), x);
  }
  assert.throws(() => addon.complementPattern('chaotic'), /unknown cognitive pattern/);
});

test('a mesh swarm connects agents as they register', () => {
  // README example: begin
  const swarm = new addon.Swarm();
  const n = 6;
  for (let i = 0; i < n; i++) swarm.registerAgent(`agent-${i}`, ['compute']);
  assert.deepEqual(swarm.metrics(), {
    totalAgents: n,
    activeAgents: n,
    queuedTasks: 0,
    assignedTasks: 0,
    totalConnections: (n * (n - 1)) / 2,
  });
  swarm.unregisterAgent('agent-0');
  assert.equal(swarm.metrics().totalConnections, ((n - 1) * (n - 2)) / 2);
  // README example: end
  assert.throws(() => swarm.unregisterAgent('agent-0'), /Agent not found: agent-0/);
});

test('least-loaded distribution balances tasks and respects capabilities', () => {
  const swarm = new addon.Swarm({ strategy: 'leastLoaded' });
  swarm.registerAgent('cpu-1', ['compute']);
  swarm.registerAgent('cpu-2', ['compute']);
  swarm.registerAgent('gpu', ['compute', 'gpu']);
  swarm.setAgentStatus('gpu', 'offline');
  for (let i = 0; i < 4; i++) swarm.submitTask({ id: `t${i}`, taskType: 'compute', requiredCapabilities: ['compute'] });
  swarm.submitTask({ id: 'render', taskType: 'render', priority: 'high', requiredCapabilities: ['gpu'] });

  const first = swarm.distributeTasks();
  // The only gpu agent is offline, so 'render' stays queued; the four
  // compute tasks go two and two to the running cpu agents.
  assert.deepEqual(first.map((a) => a.taskId).sort(), ['t0', 't1', 't2', 't3']);
  const perAgent = {};
  for (const a of first) perAgent[a.agentId] = (perAgent[a.agentId] || 0) + 1;
  assert.deepEqual(perAgent, { 'cpu-1': 2, 'cpu-2': 2 });
  assert.equal(swarm.metrics().queuedTasks, 1);
  assert.equal(swarm.metrics().activeAgents, 2);
  assert.deepEqual(swarm.agentStatuses(), { 'cpu-1': 'running', 'cpu-2': 'running', gpu: 'offline' });

  swarm.setAgentStatus('gpu', 'running');
  assert.deepEqual(swarm.distributeTasks(), [{ taskId: 'render', agentId: 'gpu' }]);
  assert.equal(swarm.metrics().assignedTasks, 5);
  assert.equal(swarm.metrics().queuedTasks, 0);
});

test('limits and bad options are errors', () => {
  const swarm = new addon.Swarm({ maxAgents: 2 });
  swarm.registerAgent('a', []);
  swarm.registerAgent('b', []);
  assert.throws(() => swarm.registerAgent('c', []), /Resource exhausted: agent slots/);
  assert.throws(() => swarm.setAgentStatus('nobody', 'idle'), /Agent not found: nobody/);
  assert.throws(() => swarm.setAgentStatus('a', 'sleepy'), /unknown agent status/);
  assert.throws(() => swarm.submitTask({ id: 'x', taskType: 'y', priority: 'urgent' }), /unknown priority/);
  assert.throws(() => new addon.Swarm({ strategy: 'fastest' }), /unknown strategy/);
});
