// Checks a genome's shape against its topology, its JSON round trip and
// validation, and the fitness window, all computed here independently.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.0.2');
});

test('shape follows the topology', () => {
  for (const topology of [[2, 1], [3, 4, 2], [5, 8, 8, 1]]) {
    const dna = new addon.Dna(topology, 'relu');
    let weights = 0;
    for (let i = 1; i < topology.length; i++) weights += topology[i - 1] * topology[i];
    const biases = topology.slice(1).reduce((a, b) => a + b, 0);
    assert.equal(dna.weights.length, weights);
    assert.equal(dna.biases.length, biases);
    assert.ok([...dna.weights, ...dna.biases].every((x) => x >= -1 && x < 1));
    assert.deepEqual(dna.topology, topology);
    assert.equal(dna.activation, 'relu');
  }
});

test('JSON round trip, and validation of what comes back', () => {
  // README example: begin
  const dna = new addon.Dna([3, 2], 'tanh');
  const json = JSON.parse(dna.toJson());
  assert.deepEqual(json.topology, [3, 2]);
  const back = addon.Dna.fromJson(JSON.stringify(json));
  assert.deepEqual(back.weights, dna.weights);
  assert.deepEqual(back.biases, dna.biases);
  // README example: end
  json.weights.pop();
  assert.throws(() => addon.Dna.fromJson(JSON.stringify(json)), /Weight count mismatch: expected 6, got 5/);
  assert.throws(() => addon.Dna.fromJson('{"weights": 1}'), /Serialization/);
  assert.throws(() => new addon.Dna([4], 'relu'), /at least 2 layers/);
});

test('average fitness is the mean of the last ten scores', () => {
  const dna = new addon.Dna([2, 2], 'sigmoid');
  assert.equal(dna.averageFitness(), 0);
  const scores = Array.from({ length: 15 }, (_, i) => i * 0.5);
  for (const s of scores) dna.addFitnessScore(s);
  const last = scores.slice(-10);
  const mean = last.reduce((a, b) => a + b, 0) / last.length;
  assert.ok(Math.abs(dna.averageFitness() - mean) < 1e-5, `${dna.averageFitness()} vs ${mean}`);
});
