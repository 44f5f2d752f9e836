// Checks the network's shape and its forward pass against a JavaScript
// forward pass over the same weights.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// Weighted sums layer by layer; every layer but the last gets a bias of 1.
function forward(sizes, weights, inputs) {
  let prev = [...inputs, 1];
  let w = 0;
  for (let l = 1; l < sizes.length; l++) {
    const next = [];
    for (let i = 0; i < sizes[l]; i++) {
      let sum = 0;
      for (let j = 0; j < prev.length; j++) sum += prev[j] * weights[w++];
      next.push(sum);
    }
    prev = l < sizes.length - 1 ? [...next, 1] : next;
  }
  assert.equal(w, weights.length);
  return prev;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.6');
});

test('shape of a 2-3-1 network', () => {
  const net = new addon.Network([2, 3, 1]);
  assert.equal(net.numInputs, 2);
  assert.equal(net.numOutputs, 1);
  assert.equal(net.totalConnections, 3 * 3 + 1 * 4);
  const weights = net.getWeights();
  assert.equal(weights.length, 13);
  assert.ok(weights.every((w) => w >= -0.1 && w <= 0.1));
});

test('forward pass with chosen weights', () => {
  // README example: begin
  const net = new addon.Network([2, 1]);
  net.setWeights([0.5, -2, 3]); // 0.5·x0 − 2·x1 + 3·bias
  assert.deepEqual(net.run([4, 1]), [3]);
  // README example: end
});

test('errors name what is wrong', () => {
  assert.throws(() => new addon.Network([3]), /at least an input and an output layer/);
  const net = new addon.Network([2, 2]);
  assert.throws(() => net.setWeights([1, 2]), /6/);
  assert.throws(() => net.run([1]), /expected 2 inputs, got 1/);
});

test('agrees with a JavaScript forward pass on generated networks', () => {
  let s = 99;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let round = 0; round < 50; round++) {
    const sizes = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => 1 + Math.floor(rand() * 5));
    const net = new addon.Network(sizes);
    const weights = net.getWeights().map(() => rand() * 2 - 1);
    net.setWeights(weights);
    assert.deepEqual(net.getWeights(), weights);
    const inputs = Array.from({ length: sizes[0] }, () => rand() * 4 - 2);
    const got = net.run(inputs);
    const want = forward(sizes, weights, inputs);
    assert.equal(got.length, want.length);
    for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-12, `${sizes}: ${got} vs ${want}`);
  }
});
