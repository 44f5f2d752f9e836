// Tests of the @ruv.io/ruv-swarm-daa addon, run by `tools/bazel test
// //crates/ruv-swarm-daa:node_test` with the addon's path in ADDON_0.
// Expected patterns follow the crate's adaptation rules, restated here.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.6');
});

test('a new agent has a UUID and the requested pattern', () => {
  const a = new addon.DaaAgent({ pattern: 'convergent' });
  assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(a.pattern, 'convergent');
  assert.equal(new addon.DaaAgent().pattern, 'adaptive');
  assert.notEqual(new addon.DaaAgent().id, new addon.DaaAgent().id);
  assert.throws(() => new addon.DaaAgent({ pattern: 'chaotic' }), /unknown cognitive pattern/);
});

// The crate's rule when the score is below the threshold.
function adaptedPattern(current, score, suggestions) {
  if (score > 0.9) return current;
  if (suggestions.some((s) => s.includes('creative'))) return 'divergent';
  if (suggestions.some((s) => s.includes('systematic'))) return 'systems';
  if (suggestions.some((s) => s.includes('analysis'))) return 'critical';
  return 'adaptive';
}

test('feedback below the threshold changes the pattern', () => {
  const a = new addon.DaaAgent({ pattern: 'convergent', adaptationThreshold: 0.5 });
  // At or above the threshold nothing changes.
  assert.equal(a.adapt({ taskId: 't0', performanceScore: 0.5, suggestions: ['be creative'] }), 'convergent');
  const steps = [
    [0.4, ['try a creative approach']],
    [0.3, ['more systematic please', 'creative too']],
    [0.2, ['deeper analysis']],
    [0.1, []],
  ];
  let expected = 'convergent';
  for (const [score, suggestions] of steps) {
    expected = adaptedPattern(expected, score, suggestions);
    assert.equal(a.adapt({ taskId: 't', performanceScore: score, suggestions }), expected);
    assert.equal(a.pattern, expected);
  }
  assert.equal(a.pattern, 'adaptive');
});

test('evolution follows the mean score of past adaptations', () => {
  // No history: the current pattern.
  assert.equal(new addon.DaaAgent({ pattern: 'lateral' }).evolvePattern(), 'lateral');

  // One adaptation at 0.7 (mean in (0.6, 0.8]): divergent -> lateral.
  const a = new addon.DaaAgent({ pattern: 'systems', adaptationThreshold: 0.75 });
  assert.equal(a.adapt({ taskId: 't', performanceScore: 0.7, suggestions: ['creative'] }), 'divergent');
  assert.equal(a.evolvePattern(), 'lateral');
  assert.equal(a.pattern, 'divergent');

  // Add 0.3: mean 0.5 -> adaptive.
  a.adapt({ taskId: 't', performanceScore: 0.3, suggestions: ['creative'] });
  assert.equal(a.evolvePattern(), 'adaptive');

  // Convergent at mean 0.7 -> adaptive; critical at mean 0.7 -> systems.
  const c = new addon.DaaAgent({ pattern: 'critical', adaptationThreshold: 0.75 });
  c.adapt({ taskId: 't', performanceScore: 0.7, suggestions: ['analysis'] });
  assert.equal(c.pattern, 'critical');
  assert.equal(c.evolvePattern(), 'systems');
});

test('tasks update the running metrics', () => {
  // README example: begin
  const a = new addon.DaaAgent({ pattern: 'systems' });
  assert.deepEqual(a.metrics(), { tasksCompleted: 0, successRate: 0 });
  for (let i = 1; i <= 3; i++) {
    const r = a.processTask({ id: `job-${i}`, description: 'compute', requirements: ['cpu'], priority: 'high' });
    assert.deepEqual(r, { taskId: `job-${i}`, success: true, pattern: 'systems', learnedPatterns: ['autonomous_processing'] });
    assert.deepEqual(a.metrics(), { tasksCompleted: i, successRate: 1 });
  }
  // README example: end
  assert.throws(() => a.processTask({ id: 'x', description: 'y', priority: 'urgent' }), /unknown priority/);
});

test('coordination reaches every peer', () => {
  const a = new addon.DaaAgent();
  const peers = ['p1', 'p2', 'p3'];
  assert.deepEqual(a.coordinateWithPeers(peers), {
    success: true,
    consensusReached: true,
    coordinatedAgents: peers,
    sharedWith: peers,
    confidences: [0.9, 0.9, 0.9],
  });
  assert.deepEqual(a.coordinateWithPeers([]).coordinatedAgents, []);
});
