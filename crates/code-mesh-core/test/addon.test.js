// Tests of the @ruv.io/code-mesh-core addon: permission decisions worked out
// from the crate's default rules, and utilities checked against values
// computed here (node:crypto's SHA-256, WHATWG URL resolution, arithmetic).
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('default permissions: levels and constraints', () => {
  // README example: begin
  const perms = addon.PermissionManager.withDefaults();
  const ask = (resource, operation, level, params) =>
    perms.check({ userId: 'u1', resource, operation, level, params: params && JSON.stringify(params) });
  assert.equal(ask('file', 'read', 'read'), true);
  assert.equal(ask('file', 'write', 'read'), false); // writing needs "standard"
  assert.equal(ask('file', 'write', 'standard', { size: 1024 }), true);
  assert.throws(() => ask('file', 'write', 'standard', { size: 20 * 1024 * 1024 }), /Size 20971520 exceeds maximum allowed size 10485760/);
  // README example: end
  assert.throws(() => ask('bash', 'execute', 'elevated', { duration: 600 }), /Duration 600 exceeds maximum allowed duration 300/);
  assert.throws(() => ask('bash', 'execute', 'elevated', { network: true }), /Network access is not allowed/);
  assert.equal(ask('bash', 'execute', 'standard'), false);
  assert.throws(() => ask('web', 'fetch', 'standard', { host: 'http://localhost:3000' }), /Host http:\/\/localhost:3000 is denied/);
  assert.equal(ask('web', 'fetch', 'standard', { host: 'example.com' }), true);
  // Anything else requires the default "restricted", which is also a request's default level.
  assert.equal(perms.check({ userId: 'u1', resource: 'db', operation: 'drop' }), true);
  assert.equal(ask('db', 'drop', 'read'), false);
  assert.throws(() => perms.enforce({ userId: 'u1', resource: 'file', operation: 'write', level: 'read' }), /Permission denied for operation 'write' on resource 'file'/);
});

test('user grants override the request level', () => {
  const perms = addon.PermissionManager.withDefaults();
  perms.setUserLevel('alice', 'bash', 'admin');
  perms.setUserLevel('bob', '*', 'none');
  assert.equal(perms.check({ userId: 'alice', resource: 'bash', operation: 'execute', level: 'read' }), true);
  assert.equal(perms.check({ userId: 'bob', resource: 'file', operation: 'read', level: 'admin' }), false);
  assert.throws(() => perms.setUserLevel('c', 'x', 'root'), /Invalid permission level: root/);
});

test('custom permissions with path and resource constraints', () => {
  const perms = new addon.PermissionManager('none');
  perms.addPermission(JSON.stringify({
    resource: 'file', operation: 'write', level: 'standard',
    constraints: [{ type: 'path_constraint', allowed: ['*.txt'], denied: ['secret*'] }],
  }));
  const write = (path, level = 'standard') =>
    perms.check({ userId: 'u', workingDir: '', resource: 'file', operation: 'write', level, params: JSON.stringify({ path }) });
  assert.equal(write('notes.txt'), true);
  assert.throws(() => write('secret.txt'), /Path secret\.txt is denied by pattern secret\*/);
  assert.throws(() => write('notes.md'), /Path notes\.md is not allowed by any pattern/);
  assert.equal(write('notes.txt', 'read'), false);
  // Other operations fall back to the default level, "none".
  assert.equal(perms.check({ userId: 'u', resource: 'file', operation: 'read', level: 'none' }), true);

  perms.addGlobalConstraint(JSON.stringify({ type: 'resource_constraint', max_memory_mb: 512, max_cpu_percent: 50 }));
  const run = (params) => perms.check({ userId: 'u', resource: 'job', operation: 'run', params: JSON.stringify(params) });
  assert.equal(run({ memory_mb: 256, cpu_percent: 50 }), true);
  assert.throws(() => run({ memory_mb: 1024 }), /Memory usage 1024 MB exceeds maximum 512MB/);
  assert.throws(() => run({ cpu_percent: 75 }), /CPU usage 75% exceeds maximum 50%/);

  assert.throws(() => perms.addPermission('{"resource": "x"}'), /bad permission JSON/);
  assert.throws(() => perms.addGlobalConstraint('{"type": "magic"}'), /bad constraint JSON/);
  assert.throws(() => run('not an object'), /params must be a JSON object/);
  assert.throws(() => new addon.PermissionManager('superuser'), /Invalid permission level: superuser/);
});

test('string utilities', () => {
  assert.equal(addon.truncate('hello world', 8), 'hello...');
  assert.equal(addon.truncate('short', 10), 'short');
  assert.equal(addon.truncate('abcdef', 3), '...');
  assert.equal(addon.truncate('héllo', 4), 'h...');
  assert.throws(() => addon.truncate('ééé', 4), /inside a character/);
  assert.equal(addon.escapeJson('a"b\\c\n\t\r'), 'a\\"b\\\\c\\n\\t\\r');
  assert.equal(addon.sanitizeFilename('a/b:c*?.txt'), 'a_b_c__.txt');
  assert.equal(addon.camelToSnake('camelCaseName'), 'camel_case_name');
  assert.equal(addon.camelToSnake('parseHTTPResponse'), 'parse_httpresponse');
  assert.deepEqual(addon.extractContext('a\nb\nc\nd', 1, 1), [
    { number: 1, text: 'a' }, { number: 2, text: 'b' }, { number: 3, text: 'c' },
  ]);
  assert.deepEqual(addon.extractContext('a\nb\nc\nd', 4, 1), [{ number: 4, text: 'd' }]);
  assert.throws(() => addon.extractContext('a\nb', 10, 1), /line 10 is beyond the content's 2 lines/);
});

test('durations and byte sizes', () => {
  assert.equal(addon.formatDuration(42000), '42s');
  assert.equal(addon.formatDuration((3 * 60 + 5) * 1000), '3m 5s');
  assert.equal(addon.formatDuration((2 * 3600 + 10 * 60) * 1000), '2h 10m');
  assert.equal(addon.formatDuration((86400 + 4 * 3600) * 1000), '1d 4h');
  assert.throws(() => addon.formatDuration(-1), /not a duration/);
  assert.equal(addon.parseDuration('250ms'), 250);
  assert.equal(addon.parseDuration('30s'), 30000);
  assert.equal(addon.parseDuration('5m'), 300000);
  assert.equal(addon.parseDuration(' 2H '), 7200000);
  assert.equal(addon.parseDuration('1d'), 86400000);
  assert.equal(addon.parseDuration('90'), 90000);
  assert.throws(() => addon.parseDuration('soon'), /Invalid duration format: soon/);
  assert.throws(() => addon.parseDuration('1.5s'), /invalid digit/);

  assert.equal(addon.formatBytes(512), '512 B');
  assert.equal(addon.formatBytes(1536), '1.5 KB');
  assert.equal(addon.formatBytes(1024 * 1024), '1.0 MB');
  assert.equal(addon.formatBytes(3 * 1024 ** 4), '3.0 TB');
  assert.throws(() => addon.formatBytes(1.5), /not a whole number of bytes/);
  assert.equal(addon.parseBytes('2048'), 2048);
  assert.equal(addon.parseBytes('1.5KB'), 1536);
  assert.equal(addon.parseBytes('10 mb'), 10 * 1024 * 1024);
  assert.equal(addon.parseBytes('1GB'), 1024 ** 3);
  assert.throws(() => addon.parseBytes('lots'), /Invalid number: LOTS/);
});

test('hashes, URLs, shell arguments and identifiers', () => {
  const sha = (x) => crypto.createHash('sha256').update(x).digest('hex');
  assert.equal(addon.sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(addon.sha256('héllo'), sha('héllo'));
  assert.equal(addon.sha256(Buffer.from([0, 1, 2, 255])), sha(Buffer.from([0, 1, 2, 255])));

  assert.equal(addon.isValidUrl('https://example.com/a'), true);
  assert.equal(addon.isValidUrl('not a url'), false);
  assert.equal(addon.extractDomain('https://api.example.com:8080/x'), 'api.example.com');
  assert.throws(() => addon.extractDomain('mailto:dev@example.com'), /No host in URL/);
  for (const [base, path] of [['https://example.com/a/b', '../c'], ['https://example.com/a/', 'd?q=1'], ['https://example.com/a', '/root']]) {
    assert.equal(addon.joinUrl(base, path), new URL(path, base).href);
  }
  assert.throws(() => addon.joinUrl('relative/path', 'x'), /Invalid base URL/);

  if (process.platform === 'win32') {
    assert.equal(addon.escapeShellArg('a b'), '"a b"');
    assert.equal(addon.escapeShellArg('plain'), 'plain');
  } else {
    assert.equal(addon.escapeShellArg('plain'), 'plain');
    assert.equal(addon.escapeShellArg("it's here"), `'it'"'"'s here'`);
    assert.equal(addon.escapeShellArg('$HOME'), "'$HOME'");
  }

  assert.equal(addon.isValidEmail('dev@example.com'), true);
  assert.equal(addon.isValidEmail('dev@example'), false);
  assert.equal(addon.isValidApiKey('sk-abc_12345'), true);
  assert.equal(addon.isValidApiKey('short'), false);
  assert.equal(addon.isValidSessionId('s-1'), true);
  assert.equal(addon.isValidSessionId('a b'), false);
  assert.equal(addon.isValidModelName('anthropic/claude-3.5'), true);
  assert.equal(addon.isValidModelName('bad name'), false);
});
