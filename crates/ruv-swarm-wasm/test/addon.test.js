// Tests of the @ruv.io/ruv-swarm-wasm addon, run by `tools/bazel test
// //crates/ruv-swarm-wasm:node_test` with the addon's path in ADDON_0.
// Expected values are computed here in double precision; the kernels work in
// f32, hence the tolerances.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function close(actual, expected, tol = 1e-5, what = '') {
  assert.equal(actual.length, expected.length, `${what} length`);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: ${actual[i]} vs ${e}`));
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.5');
});

test('vector kernels over full chunks and the remainder', () => {
  const a = [1, 2, 3, 4, 5, 6, 7, 0.5, -2];
  const b = [9, 8, 7, 6, 5, 4, 3, 2, 1];
  const dot = a.reduce((s, x, i) => s + x * b[i], 0);
  assert.ok(Math.abs(addon.dotProduct(a, b) - dot) < 1e-4);
  close(addon.vectorAdd(a, b), a.map((x, i) => x + b[i]), 1e-6, 'add');
  close(addon.vectorScale(a, -1.5), a.map((x) => x * -1.5), 1e-6, 'scale');
  assert.deepEqual(addon.vectorAdd([], []), []);
  assert.throws(() => addon.dotProduct([1, 2], [1]), /differ in length \(2 and 1\)/);
});

test('activations: fast approximations on 4-lane chunks, exact on the rest', () => {
  const v = [-12, -1, 0.5, 3, 0.25, -0.75];
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
  const fastSigmoid = (x) => {
    const c = clamp(x, -10, 10);
    return clamp((2.484 + c) / (4.968 + Math.abs(c)), 0, 1);
  };
  const fastTanh = (x) => {
    const c = clamp(x, -5, 5);
    return clamp(c / (1 + Math.abs(c)), -1, 1);
  };
  const sig = (x) => 1 / (1 + Math.exp(-x));
  close(addon.applyActivation(v, 'sigmoid'), [...v.slice(0, 4).map(fastSigmoid), ...v.slice(4).map(sig)], 1e-6, 'sigmoid');
  close(addon.applyActivation(v, 'tanh'), [...v.slice(0, 4).map(fastTanh), ...v.slice(4).map(Math.tanh)], 1e-6, 'tanh');
  close(addon.applyActivation(v, 'relu'), v.map((x) => Math.max(0, x)), 0, 'relu');
  close(addon.applyActivation(v, 'linear'), v, 0, 'linear');
  // The approximation is visibly not the logistic function:
  assert.ok(Math.abs(addon.applyActivation([0, 0, 0, 0], 'sigmoid')[0] - 0.5) < 1e-6);
  assert.ok(Math.abs(addon.applyActivation([1, 1, 1, 1], 'sigmoid')[0] - sig(1)) > 0.01);
  assert.throws(() => addon.applyActivation(v, 'softmax'), /unknown activation 'softmax'/);
});

function matmul(a, b, m, k, n) {
  const out = new Array(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j] += a[i * k + p] * b[p * n + j];
  return out;
}

test('matrix kernels', () => {
  const m = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]; // 3 x 5
  const v = [1, -1, 2, -2, 0.5];
  close(addon.matrixVectorMultiply(m, v, 3, 5), matmul(m, v, 3, 5, 1), 1e-6, 'mv');
  const b = [1, 0, 2, 1, -1, 3, 0.5, 2, 4, 1]; // 5 x 2
  close(addon.matrixMultiply(m, b, 3, 5, 2), matmul(m, b, 3, 5, 2), 1e-6, 'mm');
  assert.throws(() => addon.matrixVectorMultiply(m, v, 5, 3), /5x3 matrix needs 15 values and a vector of 3/);
  assert.throws(() => addon.matrixMultiply(m, b, 3, 5, 3), /B 15/);
});

test('network forward pass with the crate weight layout', () => {
  const layers = [2, 3, 1];
  // weights[offset + from * targets + to]
  const w1 = [0.5, -1, 0.25, 1.5, 0.75, -0.5]; // 2 -> 3
  const w2 = [1, -2, 0.5]; // 3 -> 1
  for (const [name, f] of [
    ['tanh', Math.tanh],
    ['sigmoid', (x) => 1 / (1 + Math.exp(-x))],
    ['leakyRelu', (x) => (x > 0 ? x : 0.01 * x)],
    ['gaussian', (x) => Math.exp(-x * x)],
  ]) {
    const net = new addon.NeuralNetwork(layers, name);
    assert.deepEqual(net.weights, new Array(9).fill(0));
    net.setWeights([...w1, ...w2]);
    const x = [0.8, -0.3];
    const h = [0, 1, 2].map((to) => f(x[0] * w1[0 * 3 + to] + x[1] * w1[1 * 3 + to]));
    const y = [f(h[0] * w2[0] + h[1] * w2[1] + h[2] * w2[2])];
    close(net.run(x), y, 1e-6, name);
  }
  const net = new addon.NeuralNetwork(layers, 'linear');
  assert.throws(() => net.setWeights([1, 2]), /expected 9 weights, got 2/);
  assert.throws(() => net.run([1]), /expected 2 inputs/);
  assert.throws(() => new addon.NeuralNetwork([3], 'linear'), /at least two/);
  assert.throws(() => new addon.NeuralNetwork([2, 1], 'softplus'), /unknown activation/);
});

test('memory pool hands out, zeroes and reuses blocks', () => {
  const pool = new addon.MemoryPool(8, 2);
  const a = pool.allocate();
  const b = pool.allocate();
  assert.deepEqual(a, Buffer.alloc(8));
  assert.ok(b);
  assert.equal(pool.allocate(), null);
  a.fill(7);
  pool.deallocate(a);
  pool.deallocate(Buffer.alloc(3)); // wrong size: dropped
  assert.equal(pool.availableBlocks, 1);
  assert.deepEqual(pool.allocate(), Buffer.alloc(8));
  assert.equal(pool.memoryUsage, 16);
  assert.deepEqual(pool.metrics(), { totalBlocks: 2, freeBlocks: 0, blockSize: 8, reuseCount: 1 });
});

test('README example', () => {
  // README example: begin
  assert.equal(addon.dotProduct([1, 2, 3], [4, 5, 6]), 32);
  assert.deepEqual(addon.vectorAdd([1, 2, 3], [4, 5, 6]), [5, 7, 9]);
  const pool = new addon.MemoryPool(8, 2); // two blocks of 8 bytes
  assert.deepEqual(pool.allocate(), Buffer.alloc(8));
  // README example: end
});
