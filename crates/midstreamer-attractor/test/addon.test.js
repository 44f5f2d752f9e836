// Checks the analyzer against hand-derived values and against a plain
// JavaScript implementation of the crate's documented arithmetic.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// The crate's analysis, written out independently.
function exponents(points, dim) {
  return Array.from({ length: dim }, (_, d) => {
    let sum = 0;
    let count = 0;
    for (let i = 1; i < points.length; i++) {
      const diff = Math.abs(points[i][d] - points[i - 1][d]);
      if (diff > 1e-10) {
        sum += Math.log(diff);
        count++;
      }
    }
    return count ? sum / count : 0;
  });
}

function periodic(points, dim) {
  const n = points.length;
  if (n < 20) return false;
  for (let lag = 5; lag < Math.floor(n / 4); lag++) {
    let total = 0;
    let count = 0;
    for (let i = 0; i < n - lag; i++)
      for (let d = 0; d < dim; d++) {
        total += Math.abs(points[i][d] - points[i + lag][d]);
        count++;
      }
    if (total / count < 0.1) return true;
  }
  return false;
}

function classify(points, dim) {
  const ex = exponents(points, dim);
  const max = Math.max(...ex);
  let type = 'unknown';
  if (max > 0.1) type = 'strange';
  else if (max > -0.1 && periodic(points, dim)) type = 'limit-cycle';
  else if (max < -0.1) type = 'point';
  return { type, ex, max, stable: ex.every((e) => e < 0), confidence: Math.min(points.length / 100, 1) };
}

function pathStats(points, times) {
  let length = 0;
  let velocity = 0;
  for (let i = 1; i < points.length; i++) {
    const step = Math.sqrt(points[i].reduce((s, x, d) => s + (x - points[i - 1][d]) ** 2, 0));
    length += step;
    const dt = times[i] - times[i - 1];
    if (dt > 0) velocity += step / dt;
  }
  return { length, meanVelocity: points.length > 1 ? velocity / (points.length - 1) : 0 };
}

function close(actual, expected, message) {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${message}: ${actual} vs ${expected}`);
}

function analyzerOf(points, dim, times = points.map((_, i) => i)) {
  const a = new addon.AttractorAnalyzer(dim);
  points.forEach((p, i) => a.addPoint(p, times[i]));
  return a;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
  assert.equal(addon.MIN_POINTS_FOR_ANALYSIS, 100);
});

test('a straight line: exponents are ln of the step sizes', () => {
  const points = Array.from({ length: 150 }, (_, i) => [i, 2 * i]);
  const info = analyzerOf(points, 2).analyze();
  assert.equal(info.dimension, 2);
  assert.equal(info.lyapunovExponents[0], 0); // ln 1
  close(info.lyapunovExponents[1], Math.LN2, 'ln 2');
  close(info.maxLyapunovExponent, Math.LN2, 'max');
  assert.equal(info.attractorType, 'strange'); // max exponent > 0.1
  assert.equal(info.isChaotic, true);
  assert.equal(info.isStable, false);
  assert.equal(info.confidence, 1);
});

test('a decaying sequence is a stable point attractor', () => {
  // Steps 0.5^i for i = 1..33 exceed 1e-10, later ones do not: the exponent
  // is -ln2 * (1 + ... + 33) / 33 = -17 ln 2.
  const points = Array.from({ length: 120 }, (_, i) => [0.5 ** i]);
  const info = analyzerOf(points, 1).analyze();
  close(info.lyapunovExponents[0], -17 * Math.LN2, '-17 ln 2');
  assert.equal(info.attractorType, 'point');
  assert.equal(info.isStable, true);
  assert.equal(info.isChaotic, false);
});

test('an alternating sequence is a limit cycle, a unit ramp is unknown', () => {
  const cycle = Array.from({ length: 100 }, (_, i) => [i % 2]);
  assert.equal(analyzerOf(cycle, 1).analyze().attractorType, 'limit-cycle');
  const ramp = Array.from({ length: 100 }, (_, i) => [i]);
  const info = analyzerOf(ramp, 1).analyze();
  assert.equal(info.attractorType, 'unknown');
  assert.equal(info.isStable, false); // exponent 0 is not negative
});

test('stats: path length and mean velocity of a 3-4-5 walk', () => {
  // README example: begin
  const a = new addon.AttractorAnalyzer(2, 50);
  a.addPoint([0, 0], 0);
  a.addPoint([3, 4], 10);
  a.addPoint([6, 8], 10); // no time passes: adds 0 to the velocity sum
  const s = a.stats();
  assert.equal(s.totalPoints, 3);
  assert.equal(s.dimension, 2);
  assert.equal(s.trajectoryLength, 10);
  assert.equal(s.meanVelocity, 0.25); // (5/10 + 0) / 2
  assert.equal(s.attractor, undefined);
  assert.equal(a.length, 3);
  // README example: end
  a.clear();
  assert.equal(a.length, 0);
  a.addPoint([1, 1], 0); // timestamps start over after clear
});

test('keeps only the newest maxLength points', () => {
  const a = new addon.AttractorAnalyzer(1, 5);
  for (let i = 0; i < 12; i++) a.addPoint([i * i], i);
  assert.equal(a.length, 5);
  // Points 7..11: steps 15, 17, 19, 21.
  assert.equal(a.stats().trajectoryLength, 72);
});

test('bad input is an error, not a crash', () => {
  assert.throws(() => new addon.AttractorAnalyzer(0), /dimension must be at least 1/);
  const a = new addon.AttractorAnalyzer(3);
  assert.throws(() => a.addPoint([1, 2], 0), /expected 3 coordinates, got 2/);
  assert.throws(() => a.addPoint([1, 2, 3], -1), /must not be negative/);
  a.addPoint([1, 2, 3], 5);
  assert.throws(() => a.addPoint([1, 2, 3], 4), /must not decrease/);
  assert.throws(() => a.analyze(), /Insufficient data: need at least 100 points/);
});

test('agrees with the JavaScript analysis on generated random walks', () => {
  let s = 12345;
  const seen = new Set();
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let round = 0; round < 40; round++) {
    const dim = 1 + (round % 3);
    const n = 100 + Math.floor(rand() * 60);
    const scale = [0.01, 0.5, 20][round % 3];
    const points = [];
    const times = [];
    let pos = Array.from({ length: dim }, () => rand());
    let t = 0;
    for (let i = 0; i < n; i++) {
      // Every fourth round steps back and forth by 1: a limit cycle.
      pos = round % 4 === 0 ? pos.map((x) => (i % 2 ? x + 1 : x - 1)) : pos.map((x) => x + (rand() - 0.5) * scale);
      points.push(pos);
      times.push(t);
      t += Math.floor(rand() * 3);
    }
    const a = analyzerOf(points, dim, times);
    const expected = classify(points, dim);
    const info = a.analyze();
    assert.equal(info.attractorType, expected.type, `round ${round}`);
    seen.add(expected.type);
    assert.equal(info.isStable, expected.stable, `round ${round}`);
    assert.equal(info.confidence, expected.confidence);
    expected.ex.forEach((e, d) => close(info.lyapunovExponents[d], e, `round ${round} dim ${d}`));
    const stats = a.stats();
    const path = pathStats(points, times);
    close(stats.trajectoryLength, path.length, `round ${round} length`);
    close(stats.meanVelocity, path.meanVelocity, `round ${round} velocity`);
    assert.equal(stats.attractor.attractorType, expected.type);
  }
  assert.deepEqual([...seen].sort(), ['limit-cycle', 'point', 'strange']);
});
