// Tests of the @ruv.io/swe-bench-adapter addon: difficulty points added up by
// hand from the crate's table, prompts checked section by section, agent
// output and patches written here with their counts worked out.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const metrics = {
  files_changed: 2, lines_changed: 30, test_count: 3, dependencies: 1,
  complexity_score: 0.4, domain_specific: false, requires_external_api: false,
};
const instance = (over = {}) => JSON.stringify({
  instance_id: 'django__django-11099',
  repo: 'django/django',
  version: '3.0',
  issue_title: 'UsernameValidator allows trailing newline',
  issue_description: 'The regex uses $ instead of \\Z.',
  hints: ['Look at validators.py'],
  test_patch: '--- a/tests/test_validators.py\n+++ b/tests/test_validators.py',
  test_directives: ['pytest tests/test_validators.py'],
  difficulty: 'Medium',
  metrics,
  metadata: {},
  ...over,
});

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.2.0');
});

test('difficulty scores', () => {
  // README example: begin
  // 1 file (5) + 10 lines (5) + 2 tests (5) + 0.2 * 15 (3) = 18: Easy.
  assert.deepEqual(
    addon.difficultyOf({
      filesChanged: 1, linesChanged: 10, testCount: 2, dependencies: 0,
      complexityScore: 0.2, domainSpecific: false, requiresExternalApi: false,
    }),
    { score: 18, level: 'Easy', priority: 1 },
  );
  // README example: end
  // 4 files (15) + 150 lines (20) + 8 tests (15) + 0.5 * 15 (7) + 5 + 5 + 5 = 72: Hard.
  assert.deepEqual(
    addon.difficultyOf({
      filesChanged: 4, linesChanged: 150, testCount: 8, dependencies: 6,
      complexityScore: 0.5, domainSpecific: true, requiresExternalApi: true,
    }),
    { score: 72, level: 'Hard', priority: 3 },
  );
  // 20 files (25) + 0 lines (25) + 0 tests (20) + 15 + 15 = 100, capped: Expert.
  assert.deepEqual(
    addon.difficultyOf({
      filesChanged: 20, linesChanged: 0, testCount: 0, dependencies: 9,
      complexityScore: 1, domainSpecific: true, requiresExternalApi: true,
    }),
    { score: 100, level: 'Expert', priority: 4 },
  );
  // 2 files (10) + 30 lines (10) + 3 tests (5) + 0.4 * 15 (6) = 31: Medium.
  assert.equal(addon.difficultyOf({
    filesChanged: 2, linesChanged: 30, testCount: 3, dependencies: 1,
    complexityScore: 0.4, domainSpecific: false, requiresExternalApi: false,
  }).level, 'Medium');
});

test('instance filter', () => {
  const json = instance();
  assert.equal(addon.instanceMatches(json, {}), true);
  assert.equal(addon.instanceMatches(json, { difficulty: 'Medium', repo: 'django', minFiles: 2, maxFiles: 2 }), true);
  assert.equal(addon.instanceMatches(json, { difficulty: 'Hard' }), false);
  assert.equal(addon.instanceMatches(json, { repo: 'flask' }), false);
  assert.equal(addon.instanceMatches(json, { minFiles: 3 }), false);
  assert.equal(addon.instanceMatches(json, { maxFiles: 1 }), false);
  assert.equal(addon.instanceMatches(json, { keywords: ['regex', 'nothing'] }), true);
  assert.equal(addon.instanceMatches(json, { keywords: ['Regex'] }), false);
  assert.throws(() => addon.instanceMatches(json, { difficulty: 'Trivial' }), /unknown difficulty 'Trivial'/);
  assert.throws(() => addon.instanceMatches('{"instance_id": 1}', {}), /bad instance JSON/);
});

test('prompts follow the difficulty and carry the issue, tests, hints and constraints', () => {
  const p = addon.generatePrompt(instance());
  assert.equal(p.template, 'Standard');
  assert.equal(p.instanceId, 'django__django-11099');
  assert.equal(p.tokenCount, Math.floor(Buffer.byteLength(p.content) / 4));
  // The crate leaves its templates' placeholders as they are.
  assert.ok(p.content.includes('working on the {repo} repository'));
  assert.ok(p.content.includes(
    '## Issue Context\nRepository: django/django\nVersion: 3.0\nIssue: UsernameValidator allows trailing newline\n\nDescription:\nThe regex uses $ instead of \\Z.',
  ));
  assert.ok(p.content.includes('### Test Commands\n- `pytest tests/test_validators.py`\n'));
  assert.ok(p.content.includes('### Test Patch\n```diff\n--- a/tests/test_validators.py'));
  assert.ok(p.content.includes('## Hints\n1. Look at validators.py\n'));
  assert.ok(p.content.endsWith('- Follow the existing code style and conventions'));

  const expert = addon.generatePrompt(instance({ difficulty: 'Expert', hints: [] }));
  assert.equal(expert.template, 'Expert');
  assert.ok(!expert.content.includes('## Hints'));
  assert.ok(expert.content.endsWith('- Document complex logic with clear comments'));
  assert.equal(addon.generatePrompt(instance({ difficulty: 'Easy' })).template, 'Simple');
  assert.equal(addon.generatePrompt(instance({ difficulty: 'Hard' })).template, 'Detailed');

  const noTests = addon.generatePrompt(instance(), { includeTestHints: false });
  assert.ok(!noTests.content.includes('## Test Information'));

  const short = addon.generatePrompt(instance(), { maxTokens: 60 });
  assert.ok(short.content.endsWith('\n\n... (Content truncated due to token limit)'));
  assert.ok(short.content.length < p.content.length);
  assert.equal(short.tokenCount, Math.floor(Buffer.byteLength(short.content) / 4));
});

const output = [
  'Tool call: Read src/main.py',
  'function_call write_file out.txt',
  '<function_calls> Create notes.md',
  'Error: something broke',
  'Warning: deprecated API',
  'The build failed',
  'tokens: 1234',
].join('\n');

test('agent output metrics', () => {
  assert.deepEqual(addon.parseStream(output), {
    totalTokens: 1234,
    toolCalls: 3,
    fileOperations: { reads: 1, writes: 1, creates: 1, deletes: 0 },
    errors: ['something broke', 'The build failed'],
    warnings: ['deprecated API'],
  });
  // Without a token line the count is the output's bytes / 4.
  const plain = 'tool call: Delete a\nall good here';
  const m = addon.parseStream(plain);
  assert.equal(m.totalTokens, Math.floor(plain.length / 4));
  assert.deepEqual(m.fileOperations, { reads: 0, writes: 0, creates: 0, deletes: 1 });
  assert.deepEqual(m.errors, []);
});

test('the metrics collector sums outputs', () => {
  const c = new addon.MetricsCollector();
  assert.equal(c.summary().mostCommonOperation, 'none');
  c.add(output);
  c.add('Tool call: Read a\nTool call: Read b\ntokens: 66');
  // 1234 + 66 tokens over 3 + 2 tool calls; 5 file operations; 2 errors.
  assert.deepEqual(c.summary(), {
    totalTokens: 1300, totalToolCalls: 5, avgTokensPerCall: 260,
    fileOperationRatio: 1, errorRate: 0.4, mostCommonOperation: 'reads',
  });
  c.reset();
  assert.equal(c.summary().totalToolCalls, 0);
});

test('patch comparison', () => {
  // One line replaced out of three: 2 changes, similarity 1 - 2/3.
  const c = addon.comparePatches('a\nb\nc\n', 'a\nX\nc\n');
  assert.deepEqual({ ...c, similarity: undefined }, { similarity: undefined, additions: 1, deletions: 1, totalChanges: 2 });
  assert.ok(Math.abs(c.similarity - 1 / 3) < 1e-12);
  assert.deepEqual(addon.comparePatches('same\n', 'same\n'), { similarity: 1, additions: 0, deletions: 0, totalChanges: 0 });
  assert.deepEqual(addon.comparePatches('', ''), { similarity: 1, additions: 0, deletions: 0, totalChanges: 0 });
  // Two added lines against one: 1 - 2/3 as well.
  const added = addon.comparePatches('a\n', 'a\nb\nc\n');
  assert.equal(added.additions, 2);
  assert.equal(added.deletions, 0);
});
