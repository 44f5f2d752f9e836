// Tests of the @ruv.io/subjective-time-expansion addon: Φ recomputed in
// JavaScript from the crate's formulas, on matrices whose singular values are
// known in closed form.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const baseline = {
  creativeSynthesis: 0.15, systemsThinking: 0.12, divergentThinking: 0.13, lateralThinking: 0.1,
  convergentReasoning: 0.08, criticalAnalysis: 0.09, empatheticReasoning: 0.11,
};
const weight = {
  creativeSynthesis: 1.2, systemsThinking: 1.1, convergentReasoning: 0.9, divergentThinking: 1.15,
  lateralThinking: 1.05, criticalAnalysis: 0.95, empatheticReasoning: 1.0,
};

// Singular values: |d| of a diagonal matrix; for a 2x2, the square roots of
// the eigenvalues of AᵀA.
function singularValues(A) {
  if (A.length === 2 && A[0].length === 2) {
    const [[a, b], [c, d]] = A;
    const p = a * a + c * c, q = a * b + c * d, r = b * b + d * d;
    const mean = (p + r) / 2, disc = Math.sqrt(((p - r) / 2) ** 2 + q * q);
    return [Math.sqrt(mean + disc), Math.sqrt(Math.max(mean - disc, 0))];
  }
  return A.map((row, i) => Math.abs(row[i]));
}

function phi(pattern, A, { detailed = true, context } = {}) {
  const sv = singularValues(A);
  const total = sv.reduce((s, v) => s + v, 0);
  let integration = 0;
  if (total >= 1e-10) {
    const entropy = sv.map((v) => v / total).filter((p) => p > 1e-10).reduce((s, p) => s - p * Math.log(p), 0);
    const maxEntropy = Math.log(Math.min(A.length, A[0].length));
    integration = (maxEntropy > 0 ? entropy / maxEntropy : 0) * 2;
  }
  const n = A.length;
  let differentiation = 0;
  if (n >= 2) {
    let total = 0, pairs = 0;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        total += Math.sqrt(A[i].reduce((s, v, k) => s + (v - A[j][k]) ** 2, 0));
        pairs++;
      }
    differentiation = total / pairs / Math.sqrt(n);
  }
  const complexity = (2 * integration * differentiation) / (integration + differentiation + 1e-10);
  let value = baseline[pattern] + integration * differentiation * (1 + complexity) * 2;
  if (detailed) value *= weight[pattern];
  if (context) {
    if (context.complexity !== undefined) value *= 1 + context.complexity * 0.2;
    if (context.dilationFactor !== undefined) value *= 1 + (context.dilationFactor - 1) * 0.1;
  }
  value = Math.min(Math.max(value, 0), detailed ? 4 : 1);
  const stability = value > 0.1 && value < 3 ? 1 - Math.min(Math.abs(value - 1.5) / 1.5, 1) : 0.3;
  const norm = Math.sqrt(A.flat().reduce((s, v) => s + v * v, 0));
  return {
    phi: value,
    integrationLevel: Math.min(integration / (1 + integration), 1),
    integration,
    differentiation,
    complexity,
    confidence: 0.7 + (norm > 1e-10 ? 1 : 0) * 0.2 + stability * 0.1,
  };
}

function check(got, want, what) {
  for (const k of Object.keys(want))
    assert.ok(Math.abs(got[k] - want[k]) <= 1e-9 * Math.max(1, Math.abs(want[k])), `${what} ${k}: ${got[k]} vs ${want[k]}`);
}

const diag = (...d) => d.map((v, i) => d.map((_, j) => (i === j ? v : 0)));

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.2');
});

test('the cognitive patterns', () => {
  const patterns = addon.cognitivePatterns();
  assert.deepEqual(patterns.map((p) => p.name), Object.keys(weight));
  assert.deepEqual(patterns[0], {
    name: 'creativeSynthesis',
    description: 'Combines diverse perspectives for innovative solutions',
    loadRange: [0.6, 0.9],
  });
  assert.deepEqual(patterns[3].loadRange, [0.7, 1.0]);
});

test('Φ of diagonal and 2x2 states matches the formulas', () => {
  const states = [diag(0.5, 0.5, 0.5, 0.5), diag(1, 0.2, 0.05), diag(2, 0, 0), [[1, 2], [3, 4]], [[0.3, -0.1], [0.2, 0.4]]];
  for (const pattern of Object.keys(weight)) {
    const proxy = new addon.PhiProxy(pattern);
    for (const A of states) check(proxy.measure(A), phi(pattern, A), `${pattern} ${JSON.stringify(A)}`);
  }
  // A uniform diagonal spreads its singular values evenly: integration 2.
  const m = new addon.PhiProxy('systemsThinking').measure(diag(0.5, 0.5, 0.5, 0.5));
  assert.ok(Math.abs(m.integration - 2) < 1e-12);
  assert.ok(Math.abs(m.differentiation - Math.SQRT1_2 / 2) < 1e-12);
});

test('context scaling, clamping and the plain mode', () => {
  const A = [[1, 2], [3, 4]];
  const context = { complexity: 0.5, dilationFactor: 3 };
  check(new addon.PhiProxy('lateralThinking').measure(A, context), phi('lateralThinking', A, { context }), 'context');
  check(new addon.PhiProxy('lateralThinking').measure(A, { complexity: 0.25 }), phi('lateralThinking', A, { context: { complexity: 0.25 } }), 'complexity only');
  check(new addon.PhiProxy('criticalAnalysis', false).measure(A), phi('criticalAnalysis', A, { detailed: false }), 'plain');
  // Widely spread rows push Φ to the ceiling.
  const big = diag(100, 1);
  assert.equal(new addon.PhiProxy('creativeSynthesis').measure([[100, 0], [0, 90]]).phi, 4);
  assert.equal(new addon.PhiProxy('creativeSynthesis', false).measure([[100, 0], [0, 90]]).phi, 1);
  check(new addon.PhiProxy('creativeSynthesis').measure(big), phi('creativeSynthesis', big), 'big');
  // The zero state: only the pattern baseline (times its weight) remains.
  const zero = new addon.PhiProxy('divergentThinking').measure([[0, 0], [0, 0]]);
  assert.ok(Math.abs(zero.phi - 0.13 * 1.15) < 1e-15);
  assert.equal(zero.integration, 0);
});

test('bad input is an error', () => {
  assert.throws(() => new addon.PhiProxy('dreaming'), /unknown cognitive pattern 'dreaming'/);
  const p = new addon.PhiProxy('systemsThinking');
  assert.throws(() => p.measure([]), /at least one row/);
  assert.throws(() => p.measure([[1, 2], [3]]), /same length/);
  assert.throws(() => p.measure([[NaN]]), /finite/);
});

test('README example', () => {
  // README example: begin
  const patterns = addon.cognitivePatterns();
  assert.equal(patterns.length, 7);
  assert.deepEqual(patterns[0], {
    name: 'creativeSynthesis',
    description: 'Combines diverse perspectives for innovative solutions',
    loadRange: [0.6, 0.9],
  });
  // The zero state: only the pattern's baseline (times its weight) remains.
  const zero = new addon.PhiProxy('divergentThinking').measure([[0, 0], [0, 0]]);
  assert.ok(Math.abs(zero.phi - 0.13 * 1.15) < 1e-15);
  assert.equal(zero.integration, 0);
  // README example: end
});
