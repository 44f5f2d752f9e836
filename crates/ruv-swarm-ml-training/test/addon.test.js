// Tests of the @ruv.io/ruv-swarm-ml-training addon, run by `tools/bazel test
// //crates/ruv-swarm-ml-training:node_test` with the addon's path in ADDON_0.
// Features, labels, forecasts and scores are recomputed here from their
// definitions.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function close(actual, expected, what = '') {
  assert.equal(actual.length, expected.length, `${what} length`);
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= 1e-9 * Math.max(1, Math.abs(e)), `${what}[${i}]: ${actual[i]} vs ${e}`));
}

// Events of two agents, the second without prompt data.
function event(agent, t, k, withPrompt) {
  return {
    timestamp: t,
    agent_id: agent,
    event_type: 'TaskCompleted',
    performance_metrics: {
      latency_ms: 100 + 7 * k,
      tokens_per_second: 40 + (k % 3),
      memory_usage_mb: 256 + k,
      cpu_usage_percent: 30 + 2 * k,
      success_rate: 0.9 + 0.01 * (k % 5),
    },
    prompt_data: withPrompt ? { prompt_text: 'p', prompt_tokens: 10 + k, response_tokens: 30 + 2 * k, quality_score: 0.5 } : null,
  };
}
const events = [];
for (let k = 0; k < 6; k++) events.push(event('beta', 90000 + 3600 * k, k, false));
for (let k = 0; k < 5; k++) events.push(event('alpha', 7200 * k, k, true));

function features(e) {
  const m = e.performance_metrics;
  const p = e.prompt_data;
  const hour = Math.floor(e.timestamp / 3600) % 24;
  const day = Math.floor(e.timestamp / 86400) % 7;
  return [
    m.latency_ms, m.tokens_per_second, m.memory_usage_mb, m.cpu_usage_percent, m.success_rate,
    ...(p ? [p.prompt_tokens, p.response_tokens, p.quality_score, p.response_tokens / Math.max(1, p.prompt_tokens)] : [0, 0, 0, 0]),
    hour, day, (Math.sin(hour) * 2 * Math.PI) / 24, (Math.cos(hour) * 2 * Math.PI) / 24,
  ];
}

function windows(agentEvents, len) {
  const out = [];
  for (let i = 0; i < agentEvents.length - len; i++) {
    const next = agentEvents[i + len].performance_metrics;
    out.push({
      features: agentEvents.slice(i, i + len).map(features),
      label: [next.latency_ms, next.tokens_per_second, next.success_rate],
      timestamps: agentEvents.slice(i, i + len).map((e) => e.timestamp),
    });
  }
  return out;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.5');
});

test('builds sliding windows labelled with the next event', () => {
  const ds = addon.buildDataset(JSON.stringify(events), 3);
  const alpha = windows(events.filter((e) => e.agent_id === 'alpha'), 3);
  const beta = windows(events.filter((e) => e.agent_id === 'beta'), 3);
  assert.equal(ds.totalSamples, alpha.length + beta.length);
  assert.equal(ds.totalSamples, 2 + 3);
  assert.equal(ds.featureCount, 13);
  assert.equal(ds.sequenceLength, 3);
  assert.deepEqual(ds.agents, ['alpha', 'beta']);
  const expected = [...alpha.map((w) => ({ agentId: 'alpha', ...w })), ...beta.map((w) => ({ agentId: 'beta', ...w }))];
  ds.samples.forEach((s, i) => {
    assert.equal(s.agentId, expected[i].agentId);
    assert.deepEqual(s.timestamps, expected[i].timestamps);
    // serde_json's default float parser may differ from JSON.parse in the last bit.
    close(s.label, expected[i].label, `label ${i}`);
    s.features.forEach((row, j) => close(row, expected[i].features[j], `sample ${i} row ${j}`));
  });
  // An agent needs more events than the window length.
  assert.equal(addon.buildDataset(JSON.stringify(events), 5).totalSamples, 1);
});

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const col = (rows, i) => rows.map((r) => r[i]);

function lstm(rows) {
  const last = rows[rows.length - 1];
  return [last[0] * 0.95, last[1] * 1.05, last[4] * 0.98];
}
function tcn(rows) {
  return [mean(col(rows, 0)) * 0.93, mean(col(rows, 1)) * 1.07, mean(col(rows, 4)) * 0.97];
}
function nbeats(rows) {
  const n = rows.length;
  const comp = (i) => {
    const ys = col(rows, i);
    let sx = 0, sy = 0, sxy = 0, sx2 = 0;
    ys.forEach((y, x) => { sx += x; sy += y; sxy += x * y; sx2 += x * x; });
    const slope = (n * sxy - sx * sy) / (n * sx2 - sx * sx);
    const trend = (sy - slope * sx) / n + slope * n;
    const w = Math.min(7, n);
    const season = mean(ys.slice(n - w)) - mean(ys);
    return trend + season;
  };
  return [comp(0), comp(1), Math.min(1, Math.max(0, comp(4)))];
}

test('model forecasts follow the crate formulas', () => {
  const rows = events.filter((e) => e.agent_id === 'beta').map(features);
  close(addon.predict('lstm', rows), lstm(rows), 'lstm');
  close(addon.predict('tcn', rows), tcn(rows), 'tcn');
  close(addon.predict('nbeats', rows), nbeats(rows), 'nbeats');
  // README example: begin
  assert.deepEqual(addon.hyperparameters('lstm'), { hidden_size: 128, num_layers: 2, dropout: 0.2, learning_rate: 0.001 });
  assert.deepEqual(addon.hyperparameters('tcn'), { kernel_size: 3, dropout: 0.2, learning_rate: 0.001, channels_0: 64, channels_1: 64, channels_2: 64 });
  // README example: end
  assert.throws(() => addon.predict('gru', rows), /unknown model 'gru'/);
  assert.throws(() => addon.predict('lstm', [[1, 2, 3]]), /at least 5 numbers/);
  assert.throws(() => addon.predict('lstm', []), /non-empty/);
});

test('evaluation scores the last 20% and picks the best composite', () => {
  const ds = addon.buildDataset(JSON.stringify(events), 2);
  const split = Math.floor(ds.samples.length * 0.8);
  const val = ds.samples.slice(split);
  const result = addon.evaluateModels(JSON.stringify(events), 2);
  const names = { LSTM: lstm, TCN: tcn, 'N-BEATS': nbeats };
  assert.deepEqual(result.scores.map((s) => s.model), ['LSTM', 'TCN', 'N-BEATS']);
  let best = null;
  let bestComposite = -Infinity;
  for (const { model, scores } of result.scores) {
    const preds = val.map((s) => names[model](s.features));
    const labels = val.map((s) => s.label);
    const pairs = preds.flatMap((p, i) => p.map((v, j) => [v, labels[i][j]]));
    const mse = mean(pairs.map(([p, l]) => (p - l) ** 2));
    const mae = mean(pairs.map(([p, l]) => Math.abs(p - l)));
    const ym = mean(pairs.map(([, l]) => l));
    const r2 = 1 - pairs.reduce((a, [p, l]) => a + (l - p) ** 2, 0) / pairs.reduce((a, [, l]) => a + (l - ym) ** 2, 0);
    const lat = mean(preds.map((p, i) => (Math.abs(p[0] - labels[i][0]) < 10 ? 1 : 0)));
    const sr = mean(preds.map((p, i) => (Math.abs(p[2] - labels[i][2]) < 0.05 ? 1 : 0)));
    close([scores.MSE, scores.MAE, scores.R2, scores.LatencyAccuracy, scores.SuccessRatePrediction], [mse, mae, r2, lat, sr], model);
    const composite = (r2 + lat + sr - mse - mae) / 5;
    if (composite > bestComposite) {
      bestComposite = composite;
      best = model;
    }
  }
  assert.equal(result.bestModel, best);
  assert.throws(() => addon.evaluateModels(JSON.stringify(events), 10), /no sequences/);
  assert.throws(() => addon.buildDataset('[{"timestamp": 1}]', 2), /bad stream-json events/);
});
