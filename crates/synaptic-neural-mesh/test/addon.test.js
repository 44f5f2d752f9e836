// Tests of the @ruv.io/synaptic-neural-mesh addon, run by `tools/bazel test
// //crates/synaptic-neural-mesh:node_test` with the addon's path in ADDON_0.
// Which agent takes a task is worked out by hand from the rule: idle,
// meets every requirement, lowest latency.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('agents get default capabilities', () => {
  // README example: begin
  const mesh = new addon.NeuralMesh();
  const id = mesh.addAgent({ name: 'plain' });
  assert.deepEqual(mesh.agent(id), {
    id, name: 'plain', status: 'Idle', computePower: 1, memoryAvailable: 1024 ** 3, specializations: ['general'], latencyMs: 10,
  });
  // README example: end
  assert.equal(mesh.agent('00000000-0000-4000-8000-000000000000'), null);
  assert.throws(() => mesh.agent('x'), /not an agent id/);
});

test('tasks go to the fastest qualifying idle agent', () => {
  const mesh = new addon.NeuralMesh();
  const ids = {};
  for (const a of [
    { name: 'a-slow-vision', computePower: 4, specializations: ['vision', 'general'], latencyMs: 50 },
    { name: 'b-fast-vision', computePower: 4, specializations: ['vision'], latencyMs: 5 },
    { name: 'c-fast-weak', computePower: 0.5, specializations: ['vision'], latencyMs: 1 },
    { name: 'd-nlp', computePower: 8, specializations: ['nlp'], latencyMs: 2 },
  ]) ids[a.name] = mesh.addAgent(a);
  const status = () => Object.fromEntries(mesh.agents().map((a) => [a.name, a.status]));
  const vision = { minComputePower: 2, minMemory: 1024, requiredSpecializations: ['vision'], maxLatencyMs: 100 };

  // c is too weak, d lacks vision: b (5 ms) beats a (50 ms).
  mesh.submitTask('t1', vision);
  assert.deepEqual(status(), { 'a-slow-vision': 'Idle', 'b-fast-vision': 'Busy', 'c-fast-weak': 'Idle', 'd-nlp': 'Idle' });
  // b is busy now, so a takes the next one.
  mesh.submitTask('t2', vision);
  assert.equal(status()['a-slow-vision'], 'Busy');
  // Nobody left: the task stays pending.
  mesh.submitTask('t3', vision);
  // Latency cap excludes nobody relevant; nlp needs d.
  mesh.submitTask('t4', { minComputePower: 1, minMemory: 0, requiredSpecializations: ['nlp'], maxLatencyMs: 1 });
  assert.equal(status()['d-nlp'], 'Idle'); // 2 ms > 1 ms cap
  mesh.submitTask('t5', { minComputePower: 1, minMemory: 0, requiredSpecializations: ['nlp'], maxLatencyMs: 2 });
  assert.equal(status()['d-nlp'], 'Busy');

  assert.deepEqual({ ...mesh.stats() }, { totalAgents: 4, activeAgents: 3, totalTasks: 5, completedTasks: 0, dagNodes: 4 });

  mesh.removeAgent(ids['c-fast-weak']);
  assert.equal(mesh.agent(ids['c-fast-weak']), null);
  assert.equal(mesh.stats().totalAgents, 3);
  assert.equal(mesh.stats().dagNodes, 4);
});
