// Tests of the @ruv.io/nano-consciousness addon: activations by their
// definitions, and STDP replayed by a JavaScript model of the crate's rules.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function close(actual, expected, what, tol = 1e-12) {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('activations and their derivatives', () => {
  const sig = (x) => 1 / (1 + Math.exp(-x));
  for (const x of [-3, -0.5, 0, 0.25, 2]) {
    close(addon.activate('sigmoid', x), sig(x), `sigmoid(${x})`);
    close(addon.activationDerivative('sigmoid', x), sig(x) * (1 - sig(x)), `sigmoid'(${x})`);
    close(addon.activate('tanh', x), Math.tanh(x), `tanh(${x})`);
    close(addon.activationDerivative('tanh', x), 1 - Math.tanh(x) ** 2, `tanh'(${x})`);
    assert.equal(addon.activate('relu', x), Math.max(x, 0));
    assert.equal(addon.activationDerivative('relu', x), x > 0 ? 1 : 0);
    assert.equal(addon.activate('leakyRelu', x, 0.2), x > 0 ? x : 0.2 * x);
    assert.equal(addon.activate('leakyRelu', x), x > 0 ? x : 0.01 * x);
    assert.equal(addon.activationDerivative('leakyRelu', x, 0.2), x > 0 ? 1 : 0.2);
    assert.equal(addon.activate('linear', x), x);
    assert.equal(addon.activationDerivative('linear', x), 1);
  }
  assert.throws(() => addon.activate('swish', 1), /unknown activation 'swish'/);
});

test('softmax', () => {
  const v = [1, 2, 3, 1000];
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  addon.softmax(v).forEach((p, i) => close(p, e[i] / s, `p[${i}]`));
  assert.deepEqual(addon.softmax([5, 5]), [0.5, 0.5]);
});

// The crate's STDP rules, written out.
class Model {
  constructor(cfg = {}, historySize = 1000) {
    this.c = {
      tauP: 20, tauN: 20, aP: 0.01, aN: 0.0105, max: 2, min: 0, lr: 1, homeo: true, meta: true,
      ...cfg,
    };
    this.syn = new Map();
    this.history = [];
    this.historySize = historySize;
    this.rates = new Map();
  }
  add(pre, post, w) {
    this.syn.set(`${pre},${post}`, { pre, post, w, trace: 0, meta: 1, homeo: 1, cpre: 0, cpost: 0, lastPre: null, lastPost: null });
  }
  stdp(s) {
    if (s.lastPre === null || s.lastPost === null) return;
    const c = this.c;
    const dt = s.lastPost >= s.lastPre ? (s.lastPost - s.lastPre) / 1e6 : -((s.lastPre - s.lastPost) / 1e6);
    const change = dt > 0 ? c.aP * Math.exp(-dt / c.tauP) : -c.aN * Math.exp(dt / c.tauN);
    let f = c.meta ? change * s.meta : change;
    f = c.homeo ? f * s.homeo : f;
    s.w = Math.min(Math.max(s.w + c.lr * f, c.min), c.max);
    if (c.meta) {
      const theta = 1 + 0.1 * (s.cpre + s.cpost);
      s.meta *= Math.abs(change) > theta ? 1.01 : 0.999;
      s.meta = Math.min(Math.max(s.meta, 0.1), 2);
    }
    s.trace *= 0.99;
  }
  spike(n, t) {
    this.history.push([n, t]);
    if (this.history.length > this.historySize) this.history.shift();
    for (const s of this.syn.values())
      if (s.pre === n) { s.lastPre = t; s.cpre++; s.trace += 0.1; this.stdp(s); }
    for (const s of this.syn.values())
      if (s.post === n) { s.lastPost = t; s.cpost++; this.stdp(s); }
    const start = Math.max(t - 1e9, 0);
    const counts = new Map();
    for (const [m, u] of this.history) if (u >= start) counts.set(m, (counts.get(m) || 0) + 1);
    for (const [m, k] of counts) this.rates.set(m, k);
  }
  homeostasis() {
    if (!this.c.homeo) return;
    for (const s of this.syn.values()) {
      const rate = this.rates.get(s.post) || 0;
      s.homeo = Math.min(Math.max(s.homeo + 0.001 * ((10 - rate) / 3600), 0.1), 10);
    }
  }
  stats() {
    const all = [...this.syn.values()];
    const n = all.length;
    const avg = all.reduce((a, s) => a + s.w, 0) / n;
    const v = all.reduce((a, s) => a + (s.w - avg) ** 2, 0) / n;
    const last = this.history[this.history.length - 1][1];
    return {
      totalSynapses: n,
      averageWeight: avg,
      weightVariance: v,
      strongSynapses: all.filter((s) => s.w > avg + Math.sqrt(v)).length,
      weakSynapses: all.filter((s) => s.w < avg - Math.sqrt(v)).length,
      averageMetaplasticity: all.reduce((a, s) => a + s.meta, 0) / n,
      averageHomeostaticFactor: all.reduce((a, s) => a + s.homeo, 0) / n,
      networkFiringRate: [...this.rates.values()].reduce((a, b) => a + b, 0) / Math.max(this.rates.size, 1),
      spikeCount: this.history.length,
      plasticityActivity: this.history.filter(([, u]) => u >= Math.max(last - 1e10, 0)).length / 10,
    };
  }
}

function compareSynapses(p, m) {
  for (const s of m.syn.values()) {
    const got = p.synapse(s.pre, s.post);
    const what = `${s.pre}->${s.post}`;
    close(got.weight, s.w, `${what} weight`);
    close(got.eligibilityTrace, s.trace, `${what} trace`);
    close(got.metaplasticState, s.meta, `${what} meta`);
    close(got.homeostaticFactor, s.homeo, `${what} homeo`);
    assert.equal(got.spikeCountPre, s.cpre);
    assert.equal(got.spikeCountPost, s.cpost);
  }
}

test('pre-before-post potentiates, post-before-pre depresses', () => {
  const p = new addon.Plasticity();
  p.addSynapse(0, 1, 0.5);
  p.spike(0, 0);
  p.spike(1, 5_000_000); // 5 ms later
  close(p.synapse(0, 1).weight, 0.5 + 0.01 * Math.exp(-5 / 20), 'LTP');
  p.spike(0, 15_000_000); // pre 10 ms after the last post
  assert.ok(p.synapse(0, 1).weight < 0.5 + 0.01 * Math.exp(-5 / 20));
  assert.equal(p.synapse(1, 0), null);
});

test('a spike train matches the JavaScript model', () => {
  const cfgs = [{}, { metaplasticity: false, learningRate: 3, maxWeight: 0.8 }];
  for (const cfg of cfgs) {
    const p = new addon.Plasticity(cfg, 40);
    const m = new Model({ meta: cfg.metaplasticity ?? true, lr: cfg.learningRate ?? 1, max: cfg.maxWeight ?? 2 }, 40);
    const edges = [[0, 1, 0.5], [1, 2, 0.7], [2, 0, 0.2], [0, 2, 1.5], [3, 1, 0.05]];
    for (const [a, b, w] of edges) { p.addSynapse(a, b, w); m.add(a, b, w); }
    let t = 0;
    for (let k = 0; k < 60; k++) {
      const neuron = (k * 7 + (k >> 2)) % 4;
      t += 1_000_000 * (1 + ((k * 13) % 9)); // 1-9 ms apart
      if (k === 40) t += 2_000_000_000; // a two-second pause
      p.spike(neuron, t);
      m.spike(neuron, t);
      if (k % 10 === 9) { p.applyHomeostaticScaling(); m.homeostasis(); }
    }
    compareSynapses(p, m);
    for (let n = 0; n < 4; n++) assert.equal(p.firingRate(n), m.rates.get(n) || 0, `rate of ${n}`);
    const got = p.stats();
    const want = m.stats();
    for (const k of Object.keys(want)) close(got[k], want[k], k, 1e-9);
    const w = p.weightMatrix(3);
    assert.equal(w[1][0], p.synapse(0, 1).weight);
    assert.equal(w[0][2], p.synapse(2, 0).weight);
    assert.equal(w[0][0], 0);
    assert.equal(w.length, 3);
  }
});

test('spike times must be whole and must not go backwards', () => {
  const p = new addon.Plasticity();
  p.spike(0, 10);
  assert.throws(() => p.spike(0, 5), /earlier than the previous one/);
  assert.throws(() => p.spike(0, 1.5), /whole number/);
  p.addSynapse(0, 1, 1);
  assert.equal(p.removeSynapse(0, 1), true);
  assert.equal(p.removeSynapse(0, 1), false);
});

test('README example', () => {
  // README example: begin
  assert.equal(addon.activate('relu', -3), 0);
  assert.deepEqual(addon.softmax([5, 5]), [0.5, 0.5]);
  const plasticity = new addon.Plasticity();
  plasticity.addSynapse(0, 1, 0.5);
  plasticity.spike(0, 0);
  plasticity.spike(1, 5_000_000); // 5 ms later: pre before post strengthens the synapse
  const expected = 0.5 + 0.01 * Math.exp(-5 / 20);
  assert.ok(Math.abs(plasticity.synapse(0, 1).weight - expected) < 1e-12);
  // README example: end
});
