// Tests of the @ruv.io/synaptic-neural-wasm addon, run by `tools/bazel test
// //crates/synaptic-neural-wasm:node_test` with the addon's path in ADDON_0.
// Forward passes are recomputed in JavaScript with the same weights.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const act = { relu: (v) => Math.max(0, v), sigmoid: (v) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh, linear: (v) => v };
const dense = (W, b, f) => (x) => W.map((row, i) => act[f](row.reduce((s, w, j) => s + w * x[j], b[i])));
const close = (a, b) => {
  assert.equal(a.length, b.length);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-5, `${a} vs ${b}`));
};

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('dotProduct', () => {
  assert.equal(addon.dotProduct([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]), 6 + 10 + 12 + 12 + 10 + 6);
  assert.equal(addon.dotProduct([], []), 0);
  assert.throws(() => addon.dotProduct([1], [1, 2]), /lengths differ: 1 and 2/);
});

test('forward pass matches JavaScript and survives a JSON round trip', () => {
  const W1 = [[0.5, -0.25, 1], [-1, 0.75, 0.5]];
  const b1 = [0.1, -0.2];
  const W2 = [[1.5, -2], [0.25, 0.5], [-0.5, 1]];
  const b2 = [0, 0.3, -0.1];
  const net = new addon.NeuralNetwork();
  net.addDense(W1, b1, 'tanh');
  net.addDropout(0.5);
  net.addDense(W2, b2, 'sigmoid');
  assert.equal(net.layerCount, 3);

  for (const x of [[1, 2, 3], [-1, 0.5, 0], [0, 0, 0]]) {
    const expected = dense(W2, b2, 'sigmoid')(dense(W1, b1, 'tanh')(x));
    close(net.forward(x), expected);
  }

  const copy = addon.NeuralNetwork.fromJson(net.toJson());
  assert.equal(copy.layerCount, 3);
  assert.deepEqual(copy.forward([1, 2, 3]), net.forward([1, 2, 3]));
});

test('relu and linear', () => {
  // README example: begin
  const net = new addon.NeuralNetwork();
  net.addDense([[1, -1], [-1, 1]], [0, 0], 'relu');
  net.addDense([[2, 3]], [1], 'linear');
  assert.deepEqual(net.forward([5, 2]), [2 * 3 + 3 * 0 + 1]);
  assert.deepEqual(net.forward([2, 5]), [2 * 0 + 3 * 3 + 1]);
  // README example: end
});

test('bad shapes are errors', () => {
  const net = new addon.NeuralNetwork();
  assert.throws(() => net.addDense([[1, 2], [3]], [0, 0], 'relu'), /rows of equal length/);
  assert.throws(() => net.addDense([[1, 2]], [0, 0], 'relu'), /bias has 2 entries, weights have 1 rows/);
  assert.throws(() => net.addDense([[1]], [0], 'softmax'), /unknown activation 'softmax'/);
  net.addDense([[1, 2]], [0], 'relu');
  assert.throws(() => net.forward([1, 2, 3]), /expects 2 inputs, got 3/);
  assert.throws(() => addon.NeuralNetwork.fromJson('{'), /Serialization error/);
});
