// Tests of the @ruv.io/aimds-analysis addon: anomaly scores recomputed in
// JavaScript from the crate's exponent estimate, and LTL verdicts from a
// plain finite-trace evaluator.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// The leading exponent: mean ln|Δx| over the first coordinate, skipping
// steps below 1e-10, over the last 1000 points.
function leadingExponent(points) {
  const p = points.slice(-1000);
  let sum = 0;
  let count = 0;
  for (let i = 1; i < p.length; i++) {
    const d = Math.abs(p[i][0] - p[i - 1][0]);
    if (d > 1e-10) {
      sum += Math.log(d);
      count++;
    }
  }
  return count ? sum / count : 0;
}

function expectedScore(baselines, points, threshold) {
  const base = baselines.map(leadingExponent).reduce((a, b) => a + b, 0) / baselines.length;
  const dev = Math.abs(leadingExponent(points) - base);
  const score = Math.abs(base) > 1e-10 ? Math.min(dev / Math.abs(base), 1) : 0;
  const isAnomalous = score > threshold;
  const confidence = isAnomalous ? (score - threshold) / (1 - threshold) : 1 - score / threshold;
  return { score, isAnomalous, confidence: Math.min(Math.max(confidence, 0), 1) };
}

const line = (n, step) => Array.from({ length: n }, (_, i) => [i * step, Math.sin(i)]);

function close(actual, expected) {
  assert.equal(actual.isAnomalous, expected.isAnomalous);
  for (const k of ['score', 'confidence'])
    assert.ok(Math.abs(actual[k] - expected[k]) < 1e-12, `${k}: ${actual[k]} vs ${expected[k]}`);
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('without a baseline every sequence is normal', () => {
  const a = new addon.BehavioralAnalyzer(2);
  assert.equal(a.dimensions, 2);
  assert.equal(a.baselineCount, 0);
  assert.equal(a.threshold, 0.75);
  assert.deepEqual(a.analyze(line(120, 7).flat()), { score: 0, isAnomalous: false, confidence: 1 });
});

test('scores deviation of the leading exponent from the baseline', () => {
  const a = new addon.BehavioralAnalyzer(2);
  const baselines = [line(150, 2), line(150, 3)];
  a.trainBaseline(baselines.map((s) => s.flat()));
  assert.equal(a.baselineCount, 2);

  const near = line(200, 4);
  const far = line(1200, 20); // longer than the analyzer's 1000-point window
  close(a.analyze(near.flat()), expectedScore(baselines, near, 0.75));
  assert.equal(a.analyze(near.flat()).isAnomalous, false);
  close(a.analyze(far.flat()), expectedScore(baselines, far, 0.75));
  assert.equal(a.analyze(far.flat()).isAnomalous, true);

  a.threshold = 0.5;
  assert.equal(a.threshold, 0.5);
  close(a.analyze(near.flat()), expectedScore(baselines, near, 0.5));
  assert.equal(a.analyze(near.flat()).isAnomalous, true);
  a.threshold = 7;
  assert.equal(a.threshold, 1);
});

test('bad sequences are errors', () => {
  const a = new addon.BehavioralAnalyzer(2);
  assert.throws(() => a.analyze([]), /Invalid input: Empty sequence/);
  assert.throws(() => a.analyze(new Array(15).fill(1)), /Sequence length 15 not divisible by dimensions 2/);
  assert.throws(() => a.analyze(line(50, 1).flat()), /Temporal attractor error/);
  assert.throws(() => a.trainBaseline([]), /No training sequences/);
  assert.throws(() => new addon.BehavioralAnalyzer(0), /at least 1/);
});

// Finite-trace LTL, evaluated from position 0; past the end nothing holds.
function holds(f, trace, pos = 0) {
  if (pos >= trace.length) return false;
  switch (f[0]) {
    case 'atom': return trace[pos][f[1]] === true;
    case 'not': return !holds(f[1], trace, pos);
    case 'and': return holds(f[1], trace, pos) && holds(f[2], trace, pos);
    case 'or': return holds(f[1], trace, pos) || holds(f[2], trace, pos);
    case 'G': for (let i = pos; i < trace.length; i++) if (!holds(f[1], trace, i)) return false; return true;
    case 'F': for (let i = pos; i < trace.length; i++) if (holds(f[1], trace, i)) return true; return false;
  }
  throw new Error(f[0]);
}

function build(f) {
  const L = addon.LtlFormula;
  switch (f[0]) {
    case 'atom': return L.atom(f[1]);
    case 'not': return L.not(build(f[1]));
    case 'and': return L.and(build(f[1]), build(f[2]));
    case 'or': return L.or(build(f[1]), build(f[2]));
    case 'G': return L.globally(build(f[1]));
    case 'F': return L.finally(build(f[1]));
  }
  throw new Error(f[0]);
}

test('LTL verdicts match a JavaScript evaluator on every small trace', () => {
  const formulas = [
    ['atom', 'a'],
    ['G', ['atom', 'a']],
    ['F', ['atom', 'b']],
    ['G', ['or', ['not', ['atom', 'a']], ['F', ['atom', 'b']]]],
    ['and', ['F', ['atom', 'a']], ['G', ['not', ['atom', 'b']]]],
    ['F', ['G', ['atom', 'a']]],
  ];
  // Every trace of length 0..3 over {a, b}.
  const states = [{}, { a: true }, { b: true }, { a: true, b: true }, { a: false, b: true }];
  const traces = [[]];
  for (let len = 1; len <= 3; len++)
    for (let n = 0; n < states.length ** len; n++) {
      const t = [];
      for (let k = 0, m = n; k < len; k++, m = Math.floor(m / states.length)) t.push(states[m % states.length]);
      traces.push(t);
    }
  for (const f of formulas) {
    const formula = build(f);
    for (const t of traces) {
      const expected = holds(f, t);
      assert.equal(addon.checkLtl(formula, t), expected, `${JSON.stringify(f)} on ${JSON.stringify(t)}`);
      let cex = null;
      if (!expected) {
        cex = t;
        for (let i = 1; i <= t.length; i++) if (!holds(f, t.slice(0, i))) { cex = t.slice(0, i); break; }
      }
      assert.deepEqual(addon.ltlCounterexample(formula, t), cex);
    }
  }
});

test('parse and the serde form', () => {
  // README example: begin
  assert.equal(addon.LtlFormula.parse('G F done').toJson(), '{"Globally":{"Finally":{"Atom":"done"}}}');
  assert.equal(addon.LtlFormula.parse('  authenticated ').toJson(), '{"Atom":"authenticated"}');
  const f = addon.LtlFormula.and(addon.LtlFormula.atom('x'), addon.LtlFormula.not(addon.LtlFormula.atom('y')));
  assert.equal(f.toJson(), '{"And":[{"Atom":"x"},{"Not":{"Atom":"y"}}]}');
  const g = addon.LtlFormula.parse('G ok');
  assert.equal(addon.checkLtl(g, [{ ok: true }, { ok: true }]), true);
  assert.deepEqual(addon.ltlCounterexample(g, [{ ok: true }, { ok: false }, { ok: true }]), [{ ok: true }, { ok: false }]);
  // README example: end
});

test('threat assessment combines behaviour and policy', () => {
  const anomalous = { score: 0.8, isAnomalous: true, confidence: 0.9 };
  const normal = { score: 0.3, isAnomalous: false, confidence: 0.9 };
  assert.deepEqual(addon.assessThreat(normal, true), { isThreat: false, threatLevel: 0 });
  const level = (s, failed) => s * 0.6 + (failed ? 1 : 0) * 0.4;
  assert.deepEqual(addon.assessThreat(anomalous, false), { isThreat: true, threatLevel: level(0.8, true) });
  assert.deepEqual(addon.assessThreat(anomalous, true), { isThreat: true, threatLevel: level(0.8, false) });
  assert.deepEqual(addon.assessThreat(normal, false), { isThreat: true, threatLevel: level(0.3, true) });
});
