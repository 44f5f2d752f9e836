// Tests of the @ruv.io/aimds-core addon against the defaults and rules of the
// crate's configuration and error types, written out by hand.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const defaults = {
  detection: {
    patternMatchingEnabled: true,
    sanitizationEnabled: true,
    confidenceThreshold: 0.75,
    maxPatternComplexity: 1000,
    cacheSize: 10000,
  },
  analysis: {
    behavioralAnalysisEnabled: true,
    policyVerificationEnabled: true,
    ltlCheckingEnabled: true,
    threatScoreThreshold: 0.8,
    maxTemporalWindowMs: 3600 * 1000,
  },
  response: {
    metaLearningEnabled: true,
    adaptiveResponsesEnabled: true,
    autoMitigationEnabled: true,
    learningRate: 0.01,
    responseTimeoutMs: 5000,
  },
  system: {
    maxConcurrentRequests: 1000,
    requestTimeoutMs: 30000,
    enableMetrics: true,
    enableTracing: true,
    logLevel: 'info',
  },
};

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('default configuration', () => {
  assert.deepEqual(addon.defaultConfig(), defaults);
});

test('parseConfig fills absent sections with defaults and converts durations', () => {
  const json = JSON.stringify({
    system: {
      max_concurrent_requests: 7,
      request_timeout: { secs: 2, nanos: 500_000_000 },
      enable_metrics: false,
      enable_tracing: false,
      log_level: 'debug',
    },
  });
  const got = addon.parseConfig(json);
  assert.deepEqual(got, {
    ...defaults,
    system: { maxConcurrentRequests: 7, requestTimeoutMs: 2500, enableMetrics: false, enableTracing: false, logLevel: 'debug' },
  });
  assert.deepEqual(addon.parseConfig('{}'), defaults);
});

test('parseConfig rejects malformed and incomplete sections', () => {
  assert.throws(() => addon.parseConfig('not json'), /invalid AIMDS configuration/);
  // Inside a section every field is required.
  assert.throws(() => addon.parseConfig('{"detection": {"cache_size": 3}}'), /invalid AIMDS configuration: missing field/);
});

test('describeError follows the crate severity and retry rules', () => {
  const cases = [
    [{ kind: 'detection', detail: 'x' }, 'Detection error: x', 'high', false],
    [{ kind: 'analysis', detail: 'y' }, 'Analysis error: y', 'high', false],
    [{ kind: 'response', detail: 'z' }, 'Response error: z', 'low', false],
    [{ kind: 'configuration', detail: 'bad' }, 'Configuration error: bad', 'critical', false],
    [{ kind: 'validation', detail: 'v' }, 'Validation error: v', 'low', false],
    [{ kind: 'internal', detail: 'boom' }, 'Internal error: boom', 'critical', false],
    [{ kind: 'io', detail: 'disk' }, 'IO error: disk', 'low', false],
    [{ kind: 'timeout', timeoutMs: 1500 }, 'Timeout error: operation timed out after 1500ms', 'medium', true],
    [{ kind: 'externalService', service: 'llm', detail: 'down' }, 'External service error: llm: down', 'medium', true],
  ];
  for (const [spec, message, severity, retryable] of cases) {
    assert.deepEqual(addon.describeError(spec), { message, severity, retryable }, spec.kind);
  }
  assert.throws(() => addon.describeError({ kind: 'nope' }), /unknown error kind 'nope'/);
  assert.throws(() => addon.describeError({ kind: 'timeout' }), /needs timeoutMs/);
  assert.throws(() => addon.describeError({ kind: 'externalService' }), /needs service/);
});

test('README example', () => {
  // README example: begin
  const config = addon.parseConfig('{}');
  assert.equal(config.detection.confidenceThreshold, 0.75);
  assert.equal(config.system.logLevel, 'info');
  assert.deepEqual(addon.describeError({ kind: 'timeout', timeoutMs: 1500 }), {
    message: 'Timeout error: operation timed out after 1500ms',
    severity: 'medium',
    retryable: true,
  });
  // README example: end
});
