// Checks learning against a JavaScript model of the same rules: a pattern for
// every pair of equal items, and each level's accumulated patterns learned
// from again at the next level, up to the maximum depth.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

class Model {
  constructor(maxDepth = 3) {
    this.maxDepth = maxDepth;
    this.levels = new Map();
    this.iterations = 0;
  }
  learn(level, data) {
    if (level > this.maxDepth) throw new Error(`depth ${level}`);
    this.iterations++;
    const found = [];
    for (let i = 0; i < data.length; i++)
      for (let j = i + 1; j < data.length; j++) if (data[i] === data[j]) found.push(data[i]);
    found.splice(100);
    this.levels.set(level, [...(this.levels.get(level) ?? []), ...found]);
    if (level < this.maxDepth && this.levels.has(level)) this.learn(level + 1, this.levels.get(level));
    return found;
  }
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('patterns are the pairs of equal items, learned again one level up', () => {
  // README example: begin
  const loop = new addon.StrangeLoop(2);
  const found = loop.learn(0, ['a', 'b', 'a', 'c', 'a']);
  // a appears three times: three pairs.
  assert.deepEqual(found.map((k) => k.pattern), ['a', 'a', 'a']);
  assert.ok(found.every((k) => k.level === 0 && k.confidence === 0.8));
  assert.deepEqual(loop.knowledgeAt(1).map((k) => k.pattern), ['a', 'a', 'a']);
  assert.deepEqual(loop.knowledgeAt(2).map((k) => k.pattern), ['a', 'a', 'a']);
  assert.deepEqual(loop.summary(), {
    totalLevels: 3,
    totalKnowledge: 9,
    totalModifications: 0,
    safetyViolations: 0,
    learningIterations: 3,
  });
  // README example: end
  loop.reset();
  assert.equal(loop.summary().totalKnowledge, 0);
});

test('learning above the maximum depth is an error', () => {
  assert.throws(() => new addon.StrangeLoop(1).learn(2, ['x']), /2/);
});

test('agrees with the JavaScript model on generated data', () => {
  let s = 3;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 30; round++) {
    const loop = new addon.StrangeLoop(3);
    const model = new Model(3);
    for (let call = 0; call < 3; call++) {
      const data = Array.from({ length: Math.floor(rand() * 8) }, () => 'xyz'[Math.floor(rand() * 3)]);
      assert.deepEqual(loop.learn(0, data).map((k) => k.pattern), model.learn(0, data));
    }
    for (let level = 0; level <= 3; level++)
      assert.deepEqual(loop.knowledgeAt(level).map((k) => k.pattern), model.levels.get(level) ?? [], `level ${level}`);
    assert.equal(loop.summary().learningIterations, model.iterations);
  }
});
