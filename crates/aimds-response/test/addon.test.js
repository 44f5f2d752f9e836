// Tests of the @ruv.io/aimds-response addon: strategy choice replayed by a
// JavaScript model of the crate's selection rule, and the learning engine's
// level rule worked through by hand.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const catalogue = [
  ['block_request', 7, '{"BlockRequest":{"reason":"Threat detected"}}'],
  ['rate_limit', 5, '{"RateLimitUser":{"duration":{"secs":300,"nanos":0}}}'],
  ['require_verification', 4, '{"RequireVerification":{"challenge_type":"Captcha"}}'],
  ['alert_human', 8, '{"AlertHuman":{"priority":"High"}}'],
  ['update_rules', 3, '{"UpdateRules":{"new_patterns":[]}}'],
  ['quarantine_source', 9, '{"BlockRequest":{"reason":"Source quarantined"}}'],
  ['adaptive_throttle', 3, '{"RateLimitUser":{"duration":{"secs":60,"nanos":0}}}'],
];

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('the strategy catalogue', () => {
  const got = addon.strategies();
  assert.deepEqual(got.map((s) => [s.id, s.minSeverity, s.actions[0]]), catalogue);
  const block = got[0];
  assert.equal(block.name, 'Block Request');
  assert.deepEqual(block.applicableThreats, ['attack', 'intrusion']);
  assert.equal(block.priority, 9);
  assert.ok(got.every((s) => s.actions.length === 1));
});

test('selection follows effectiveness, last strategy on ties', () => {
  const m = new addon.AdaptiveMitigator();
  const score = Object.fromEntries(catalogue.map(([id]) => [id, 0.5]));
  const pick = (severity) => {
    let best = null;
    for (const [id, min] of catalogue) if (severity >= min && (best === null || score[id] >= score[best])) best = id;
    return best;
  };
  const update = (id, ok) => {
    m.updateEffectiveness(id, ok);
    if (id in score) score[id] = 0.3 * (ok ? 1 : 0) + (1 - 0.3) * score[id];
  };
  const active = () => Object.values(score).filter((s) => s > 0.3).length;

  const threat = (severity) => ({ id: `t${severity}`, kind: 'anomaly', score: 0.9, severity, confidence: 0.8 });
  assert.equal(m.mitigate(threat(7)).strategyId, 'adaptive_throttle');
  assert.equal(m.activeStrategies, 7);

  const plan = [
    ['block_request', true], ['adaptive_throttle', false], ['adaptive_throttle', false], ['rate_limit', true],
    ['rate_limit', true], ['block_request', false], ['unknown_strategy', true], ['quarantine_source', true],
    ['update_rules', true], ['update_rules', true], ['update_rules', true], ['alert_human', false],
  ];
  for (const [id, ok] of plan) {
    update(id, ok);
    for (const severity of [3, 4, 5, 7, 8, 9, 200])
      assert.equal(m.mitigate(threat(severity)).strategyId, pick(severity), `after ${id}/${ok}, severity ${severity}`);
    assert.equal(m.activeStrategies, active());
  }
  assert.equal(m.activeStrategies, 6); // adaptive_throttle fell to 0.245
});

test('mitigation outcome fields', () => {
  const m = new addon.AdaptiveMitigator();
  const cases = [
    [{ id: 'a', kind: 'attack', attack: 'sqlInjection', severity: 9, confidence: 0.7 }, 'attack_SqlInjection'],
    [{ id: 'b', kind: 'attack', attack: 'bots', severity: 9, confidence: 0.7 }, 'attack_Other("bots")'],
    [{ id: 'c', kind: 'attack', attack: 'ddos', severity: 9, confidence: 0.7 }, 'attack_DDoS'],
    [{ id: 'd', kind: 'intrusion', level: 3, severity: 5, confidence: 0.25 }, 'intrusion'],
  ];
  for (const [t, threatType] of cases) {
    const o = m.mitigate(t);
    assert.equal(o.threatType, threatType);
    assert.deepEqual(o.features, { severity: t.severity, confidence: t.confidence });
    assert.equal(o.success, true);
    assert.equal(o.actionsApplied.length, 1);
    assert.match(o.actionsApplied[0], uuid);
    assert.ok(o.durationMs >= 0);
  }
  assert.throws(() => m.mitigate({ id: 'e', kind: 'anomaly', score: 0.1, severity: 2, confidence: 1 }), /Strategy not found: No applicable strategies found/);
  assert.throws(() => m.mitigate({ id: 'f', kind: 'meteor', severity: 5, confidence: 1 }), /unknown threat kind 'meteor'/);
  assert.throws(() => m.mitigate({ id: 'g', kind: 'anomaly', severity: 5, confidence: 1 }), /needs score/);
  assert.throws(() => m.mitigate({ id: 'h', kind: 'intrusion', level: 300, severity: 5, confidence: 1 }), /level must be an integer from 0 to 255/);
});

test('outcome assessment', () => {
  const base = { strategyId: 's', threatType: 'anomaly', features: {}, actionsApplied: ['x'] };
  const eff = (ms) => 0.7 + 0.3 * (1 - Math.min(Math.floor(ms) / 1000, 1));
  for (const ms of [0, 250, 250.9, 999, 5000])
    assert.deepEqual(addon.assessOutcome({ ...base, success: true, durationMs: ms }), { effectivenessScore: eff(ms), requiresRollback: false }, `${ms} ms`);
  assert.deepEqual(addon.assessOutcome({ ...base, success: false, durationMs: 1 }), { effectivenessScore: 0, requiresRollback: true });
  assert.deepEqual(addon.assessOutcome({ ...base, actionsApplied: [], success: false, durationMs: 1 }), { effectivenessScore: 0, requiresRollback: false });
  assert.throws(() => addon.assessOutcome({ ...base, success: true, durationMs: -1 }), /durationMs/);
});

test('the optimisation level needs ten rules and outcomes averaging above 0.75', () => {
  const incident = (i) => ({ id: `i${i}`, kind: 'anomaly', score: 0.5, severity: 5, confidence: 0.9 });
  const outcome = (success) => ({ strategyId: 'rate_limit', threatType: 'anomaly', features: {}, success, actionsApplied: [], durationMs: 5 });

  const e = new addon.MetaLearningEngine();
  for (let i = 0; i < 9; i++) e.learnFromIncident(incident(i));
  assert.equal(e.learnedPatterns, 9);
  e.learnFromOutcome(outcome(true));
  assert.equal(e.optimize([]), 0); // only nine rules
  e.learnFromIncident(incident(9));
  assert.equal(e.optimize([{ strategyId: 'rate_limit', success: true, effectivenessScore: 1 }]), 1);
  for (let i = 0; i < 30; i++) e.optimize([]);
  assert.equal(e.optimizationLevel, 25); // the top level

  const f = new addon.MetaLearningEngine();
  for (let i = 0; i < 10; i++) f.learnFromIncident(incident(i));
  assert.equal(f.optimize([]), 0); // no outcomes: effectiveness counts as 0.5
  for (const ok of [true, true, true, false]) f.learnFromOutcome(outcome(ok));
  assert.equal(f.optimize([]), 0); // 3/4 = 0.75 is not above 0.75
  f.learnFromOutcome(outcome(true));
  assert.equal(f.optimize([]), 1); // 4/5 = 0.8
  assert.equal(f.learnedPatterns, 10);
});

test('README example', () => {
  // README example: begin
  const mitigator = new addon.AdaptiveMitigator();
  const threat = { id: 't7', kind: 'anomaly', score: 0.9, severity: 7, confidence: 0.8 };
  assert.equal(mitigator.mitigate(threat).strategyId, 'adaptive_throttle');
  assert.equal(mitigator.activeStrategies, 7);
  // README example: end
});
