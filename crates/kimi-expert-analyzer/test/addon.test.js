// Tests of the @ruv.io/kimi-expert-analyzer addon, run by `tools/bazel test
// //crates/kimi-expert-analyzer:node_test` with the addon's path in ADDON_0.
// The per-domain ratings below are the crate's documented table; sums,
// averages and the distillation filter are worked out here.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const TABLE = {
  Reasoning: { parameterCount: 50_000, complexityScore: 0.8, efficiencyRating: 0.85 },
  Coding: { parameterCount: 75_000, complexityScore: 0.9, efficiencyRating: 0.9 },
  Language: { parameterCount: 100_000, complexityScore: 0.95, efficiencyRating: 0.88 },
  Mathematics: { parameterCount: 60_000, complexityScore: 0.85, efficiencyRating: 0.92 },
  ToolUse: { parameterCount: 40_000, complexityScore: 0.7, efficiencyRating: 0.8 },
  Context: { parameterCount: 30_000, complexityScore: 0.6, efficiencyRating: 0.75 },
};
const DOMAINS = Object.keys(TABLE);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.1');
});

test('analyzes each domain', () => {
  assert.deepEqual(addon.domains(), DOMAINS);
  const a = new addon.ExpertAnalyzer();
  for (const d of DOMAINS) {
    const t = TABLE[d];
    assert.deepEqual(a.analyzeExpert(d), { domain: d, ...t, memoryUsage: t.parameterCount * 4 });
  }
  assert.throws(() => a.analyzeExpert('Vision'), /unknown expert domain 'Vision'/);
});

test('summary over what was analyzed', () => {
  const a = new addon.ExpertAnalyzer();
  assert.deepEqual(a.summary(), { totalExperts: 0, totalParameters: 0, averageEfficiency: 0, memoryFootprint: 0 });
  const picked = ['Coding', 'Language', 'Context'];
  for (const d of picked) a.analyzeExpert(d);
  a.analyzeExpert('Coding'); // again: replaces, does not add
  const s = a.summary();
  const params = picked.reduce((n, d) => n + TABLE[d].parameterCount, 0);
  assert.equal(s.totalExperts, 3);
  assert.equal(s.totalParameters, params);
  assert.equal(s.memoryFootprint, params * 4);
  const avg = picked.reduce((n, d) => n + TABLE[d].efficiencyRating, 0) / 3;
  assert.ok(Math.abs(s.averageEfficiency - avg) < 1e-12, `${s.averageEfficiency} vs ${avg}`);
});

test('distillation keeps experts at or above the threshold, capped in size', () => {
  const a = new addon.ExpertAnalyzer();
  for (const d of DOMAINS) a.analyzeExpert(d);
  const expect = (threshold, target) =>
    DOMAINS.filter((d) => TABLE[d].efficiencyRating >= threshold).map((d) => ({
      domain: d,
      optimizedSize: Math.min(TABLE[d].parameterCount, target),
      performanceScore: TABLE[d].efficiencyRating,
      wasmCompatible: true,
    }));
  // Defaults: threshold 0.8, target 50000 (Context, at 0.75, is left out).
  assert.deepEqual(a.distillExperts(), expect(0.8, 50_000));
  assert.deepEqual(a.distillExperts().map((e) => e.domain), ['Reasoning', 'Coding', 'Language', 'Mathematics', 'ToolUse']);
  assert.deepEqual(a.distillExperts({ qualityThreshold: 0.89, targetSize: 70_000 }), expect(0.89, 70_000));
  assert.deepEqual(a.distillExperts({ qualityThreshold: 0.99 }), []);
  assert.deepEqual(new addon.ExpertAnalyzer().distillExperts({ qualityThreshold: 0 }), []);
});

test('README example', () => {
  // README example: begin
  const analyzer = new addon.ExpertAnalyzer();
  assert.deepEqual(analyzer.analyzeExpert('Coding'), {
    domain: 'Coding',
    parameterCount: 75_000,
    complexityScore: 0.9,
    efficiencyRating: 0.9,
    memoryUsage: 300_000,
  });
  const summary = analyzer.summary();
  assert.equal(summary.totalExperts, 1);
  assert.equal(summary.totalParameters, 75_000);
  // README example: end
});
