// Tests of the @ruv.io/ruv-swarm-mcp addon, run by `tools/bazel test
// //crates/ruv-swarm-mcp:node_test` with the addon's path in ADDON_0.
// Expected tool definitions are copied by hand from the crate's tool list.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.0');
});

test('the catalog lists the ten swarm tools, sorted', () => {
  const tools = JSON.parse(addon.listTools());
  const names = [
    'ruv-swarm.spawn', 'ruv-swarm.orchestrate', 'ruv-swarm.query', 'ruv-swarm.monitor', 'ruv-swarm.optimize',
    'ruv-swarm.memory.store', 'ruv-swarm.memory.get', 'ruv-swarm.task.create', 'ruv-swarm.workflow.execute',
    'ruv-swarm.agent.list',
  ];
  assert.deepEqual(tools.map((t) => t.name), [...names].sort());
  // Parameter types across the catalog, counted from the crate's list.
  const counts = {};
  for (const t of tools) for (const p of t.parameters) counts[p.type] = (counts[p.type] || 0) + 1;
  assert.deepEqual(counts, { string: 15, boolean: 5, object: 4, integer: 3, array: 1, any: 1 });
  for (const t of tools) {
    assert.equal(typeof t.description, 'string');
    assert.ok(!('handler' in t));
    for (const p of t.parameters) {
      assert.ok(['string', 'integer', 'boolean', 'object', 'array', 'any'].includes(p.type), `${t.name}.${p.name}: ${p.type}`);
    }
  }
});

test('tool definitions carry types, defaults and enumerations', () => {
  assert.deepEqual(JSON.parse(addon.getTool('ruv-swarm.spawn')), {
    name: 'ruv-swarm.spawn',
    description: 'Spawn a new agent in the swarm',
    parameters: [
      {
        name: 'agent_type', description: 'Type of agent to spawn', type: 'string', required: true,
        enum_values: ['researcher', 'coder', 'analyst', 'tester', 'reviewer', 'documenter'],
      },
      { name: 'name', description: 'Optional name for the agent', type: 'string', required: false },
      { name: 'capabilities', description: 'Agent capabilities configuration', type: 'object', required: false, default: {} },
    ],
  });
  const orchestrate = JSON.parse(addon.getTool('ruv-swarm.orchestrate'));
  const byName = Object.fromEntries(orchestrate.parameters.map((p) => [p.name, p]));
  assert.deepEqual(Object.keys(byName), ['objective', 'strategy', 'mode', 'max_agents', 'parallel']);
  assert.equal(byName.objective.required, true);
  assert.equal(byName.strategy.default, 'development');
  assert.deepEqual(byName.mode.enum_values, ['centralized', 'distributed', 'hierarchical', 'mesh', 'hybrid']);
  assert.equal(byName.mode.default, 'hierarchical');
  assert.deepEqual([byName.max_agents.type, byName.max_agents.default], ['integer', 5]);
  assert.deepEqual([byName.parallel.type, byName.parallel.default], ['boolean', true]);
  assert.equal(addon.getTool('ruv-swarm.nope'), null);
});

test('JSON-RPC envelopes', () => {
  assert.deepEqual(JSON.parse(addon.successResponse('7', '{"tools": []}')), { jsonrpc: '2.0', result: { tools: [] }, id: 7 });
  assert.deepEqual(JSON.parse(addon.successResponse(undefined, 'null')), { jsonrpc: '2.0', result: null });
  assert.deepEqual(JSON.parse(addon.errorResponse('"req-1"', -32601, 'Method not found: x')), {
    jsonrpc: '2.0', error: { code: -32601, message: 'Method not found: x' }, id: 'req-1',
  });
  assert.throws(() => addon.successResponse('{', '1'), /bad id JSON/);
  assert.throws(() => addon.successResponse('1', 'nope'), /bad result JSON/);
});

test('README example', () => {
  // README example: begin
  const tools = JSON.parse(addon.listTools());
  assert.equal(tools.length, 10);
  const spawn = JSON.parse(addon.getTool('ruv-swarm.spawn'));
  assert.equal(spawn.description, 'Spawn a new agent in the swarm');
  assert.deepEqual(spawn.parameters.map((p) => p.name), ['agent_type', 'name', 'capabilities']);
  assert.deepEqual(JSON.parse(addon.successResponse('7', '{"tools": []}')), { jsonrpc: '2.0', result: { tools: [] }, id: 7 });
  // README example: end
});
