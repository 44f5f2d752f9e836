// Tests of the @ruv.io/claude-parser addon, run by `tools/bazel test
// //crates/claude-parser:node_test` with the addon's path in ADDON_0.
// Streams are built here as arrays of event objects; the expected counts are
// tallied from those arrays in JavaScript.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '1.0.5');
});

test('parseEvent reads bare and data:-prefixed lines into the normalised event', () => {
  // README example: begin
  const tool = { type: 'tool_use', id: 't1', name: 'Read', input: { file_path: '/x.txt', n: [1, 2] } };
  const expected = { ...tool, timestamp: null };
  assert.deepEqual(addon.parseEvent(JSON.stringify(tool)), expected);
  assert.deepEqual(addon.parseEvent('data: ' + JSON.stringify(tool)), expected);
  // README example: end

  // Unknown fields are dropped, missing optionals become null.
  assert.deepEqual(
    addon.parseEvent(JSON.stringify({ type: 'message_start', message: { id: 'm', model: 'claude', role: 'assistant', extra: 1 } })),
    { type: 'message_start', message: { id: 'm', model: 'claude', role: 'assistant' }, timestamp: null },
  );
  assert.deepEqual(
    addon.parseEvent('{"type":"usage","input_tokens":3,"output_tokens":4,"total_tokens":7,"timestamp":"2024-01-02T03:04:05Z"}'),
    { type: 'usage', input_tokens: 3, output_tokens: 4, total_tokens: 7, timestamp: '2024-01-02T03:04:05Z' },
  );
});

test('parseEvent rejects what is not an event', () => {
  assert.throws(() => addon.parseEvent('{"type":"nonsense"}'), /not a Claude stream event: unknown variant `nonsense`/);
  assert.throws(() => addon.parseEvent('{"type":"thinking","content":"x"}'), /missing field `tokens`/);
  assert.throws(() => addon.parseEvent('not json'), /not a Claude stream event/);
});

test('parseStream counts a stream the way JavaScript tallies it', () => {
  const events = [
    { type: 'message_start', message: { id: 'm1', model: 'claude', role: 'assistant' } },
    { type: 'tool_use', id: '1', name: 'Read', input: {} },
    { type: 'tool_use', id: '2', name: 'Write', input: { content: 'x' } },
    { type: 'tool_use', id: '3', name: 'Read', input: {} },
    { type: 'function_result', tool_use_id: '1', content: 'ok', is_error: false },
    { type: 'thinking', content: 'Planning', tokens: 50 },
    { type: 'thinking', content: 'Executing', tokens: 75 },
    { type: 'thinking', content: 'Checking', tokens: 20 },
    { type: 'error', error_type: 'ToolError', message: 'no file', recoverable: true },
    { type: 'error', error_type: 'ToolError', message: 'again', recoverable: false },
    { type: 'error', error_type: 'NetworkError', message: 'lost', recoverable: true },
    { type: 'usage', input_tokens: 150, output_tokens: 250, total_tokens: 400 },
    { type: 'message_stop', stop_reason: 'end_turn' },
  ];
  const lines = events.map((e, i) => (i % 2 ? 'data: ' : '') + JSON.stringify(e));
  lines.splice(4, 0, '', 'garbage line', '   ');
  const s = addon.parseStream(lines.join('\n') + '\n');

  const tally = (xs, key) => xs.reduce((m, x) => ((m[key(x)] = (m[key(x)] || 0) + 1), m), {});
  const of = (t) => events.filter((e) => e.type === t);
  const thinking = of('thinking').map((e) => e.tokens);
  const thinkingTokens = thinking.reduce((a, b) => a + b, 0);

  assert.equal(s.eventCount, events.length);
  assert.equal(s.skippedLines, 1);
  assert.deepEqual({ ...s.eventTypes }, tally(events, (e) => e.type));
  assert.deepEqual({ ...s.toolInvocations }, tally(of('tool_use'), (e) => e.name));
  assert.equal(s.thinkingSequences, thinking.length);
  assert.equal(s.thinkingTokens, thinkingTokens);
  assert.equal(s.averageThinkingTokens, thinkingTokens / thinking.length);
  assert.equal(s.inputTokens, 150);
  assert.equal(s.outputTokens, 250);
  assert.equal(s.totalTokens, 400);
  assert.equal(s.totalErrors, of('error').length);
  assert.equal(s.recoverableErrors, of('error').filter((e) => e.recoverable).length);
  assert.deepEqual({ ...s.errorTypes }, tally(of('error'), (e) => e.error_type));
});

test('parseStream of nothing is all zeros', () => {
  const s = addon.parseStream('');
  assert.equal(s.eventCount, 0);
  assert.equal(s.skippedLines, 0);
  assert.equal(s.averageThinkingTokens, 0);
  assert.deepEqual({ ...s.toolInvocations }, {});
});
