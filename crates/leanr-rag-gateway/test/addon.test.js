// Checks PII masking and lane routing against plain JavaScript versions of
// the crate's rules, and the gateway's answers, proofs and audit log.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

// The crate's masking passes, reimplemented over code points.
const digit = (c) => c !== undefined && c >= '0' && c <= '9';
function maskSsn(text) {
  const c = [...text];
  let out = '';
  for (let i = 0; i < c.length; ) {
    const shape = 'ddd-dd-dddd';
    if (i + 10 < c.length && [...shape].every((s, j) => (s === 'd' ? digit(c[i + j]) : c[i + j] === s))) {
      out += '[REDACTED]';
      i += 11;
    } else out += c[i++];
  }
  return out;
}
function maskCard(text) {
  const c = [...text];
  let out = '';
  for (let i = 0; i < c.length; ) {
    if (i + 15 < c.length && c.slice(i, i + 16).every(digit)) {
      out += '[REDACTED]';
      i += 16;
    } else out += c[i++];
  }
  return out;
}
function maskEmail(text) {
  // Rust's split_whitespace: Unicode White_Space, which \s covers for these inputs.
  return text
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => {
      if (!(w.includes('@') && w.includes('.'))) return w;
      const parts = w.split('@');
      return parts.length === 2 && parts[1].includes('.') ? '[REDACTED]' : w;
    })
    .join(' ');
}
const maskPii = (t) => maskEmail(maskCard(maskSsn(t)));

// The router's lanes and rule, reimplemented.
const LANES = [
  { lane: 'local', provider: 'onnx', latencyP99Ms: 50, costPer1kTokens: 0, availability: 0.99 },
  { lane: 'cloud_fast', provider: 'anthropic', latencyP99Ms: 120, costPer1kTokens: 0.015, availability: 0.999 },
  { lane: 'cloud_cheap', provider: 'openrouter', latencyP99Ms: 200, costPer1kTokens: 0.002, availability: 0.98 },
];
function route(sla, budget) {
  let best = null;
  for (const l of LANES) {
    if (l.latencyP99Ms > sla || l.costPer1kTokens * 0.5 > budget) continue;
    const score = l.costPer1kTokens / (l.availability + 0.01);
    if (best === null || score < best.score) best = { ...l, score };
  }
  if (best === null) return null;
  const { score, ...lane } = best;
  return { ...lane, estimatedCost: lane.costPer1kTokens * 0.5, estimatedLatencyMs: lane.latencyP99Ms };
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('masks SSNs, card numbers and e-mail addresses', () => {
  assert.equal(
    addon.maskPii('My SSN is 123-45-6789 and email is user@example.com'),
    'My SSN is [REDACTED] and email is [REDACTED]',
  );
  assert.equal(addon.maskPii('card 4111111111111111 ok'), 'card [REDACTED] ok');
  // Whitespace runs collapse to single spaces; "a@b" has no dot, so stays.
  assert.equal(addon.maskPii('  a@b   x.y@z.org\tend '), 'a@b [REDACTED] end');
  assert.equal(addon.maskPii('123-45-6789'), '[REDACTED]');
  assert.equal(addon.maskPii('ssn 123-45-6789.'), 'ssn [REDACTED].');
  // Near misses stay: too short, wrong separators, 15 digits.
  assert.equal(addon.maskPii('ssn 123-45-678'), 'ssn 123-45-678');
  assert.equal(addon.maskPii('ssn 123.45.6789'), 'ssn 123.45.6789');
  assert.equal(addon.maskPii('n 411111111111111'), 'n 411111111111111');
  assert.equal(addon.maskPii(''), '');
});

test('masking agrees with a JavaScript version on generated text', () => {
  let s = 7;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pieces = ['123-45-6789', '1234567812345678', '12345678123456789', 'a@b.c', 'x@y', 'é', '-', '.', '@', ' ', '  ', '\n', 'word', '42'];
  for (let round = 0; round < 300; round++) {
    let text = '';
    const n = Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rand() * pieces.length)];
    assert.equal(addon.maskPii(text), maskPii(text), JSON.stringify(text));
  }
});

test('routes to the cheapest lane that meets the SLA and budget', () => {
  assert.deepEqual(addon.selectLane(150, 0.01), route(150, 0.01));
  assert.equal(addon.selectLane(150, 0.01).lane, 'local');
  for (const sla of [0, 49, 50, 119, 120, 199, 200, 1000]) {
    for (const budget of [-1, 0, 0.001, 0.0075, 0.01]) {
      const expected = route(sla, budget);
      if (expected === null) assert.throws(() => addon.selectLane(sla, budget), /No lane meets SLA and budget/);
      else assert.deepEqual(addon.selectLane(sla, budget), expected, `sla=${sla} budget=${budget}`);
    }
  }
  assert.throws(() => addon.selectLane(-1, 1), /latencySlaMs must not be negative/);
});

test('answers allowed users with a certified, masked answer', () => {
  const g = new addon.RagGateway({ allowUsers: ['alice'], denyUsers: ['mallory'], maskPii: true });
  const sources = ['policies.txt', 'faq.md'];
  const question = 'My SSN is 123-45-6789, mail me at bob@example.com';
  const before = Math.floor(Date.now() / 1000);
  const r = g.process({ question, sources, userId: 'alice', latencySla: 150, costBudget: 0.01 });
  const after = Math.floor(Date.now() / 1000);
  assert.equal(
    r.answer,
    maskPii(`Based on the sources, here is the answer to '${question}': [Generated content respecting all policies]`),
  );
  assert.ok(!r.answer.includes('123-45-6789') && !r.answer.includes('bob@example.com'));
  assert.deepEqual(r.citations, [{ source: 'policies.txt', excerpt: 'Relevant excerpt from source...', relevanceScore: 0.92 }]);
  assert.equal(r.proof.kind, 'PolicyRespected');
  assert.deepEqual(r.proof.claims, [
    'access_granted(user=alice)',
    'pii_masked(answer)',
    'sources_authorized(["policies.txt", "faq.md"])',
  ]);
  assert.equal(r.proof.verified, true);
  assert.match(r.proof.proofHash, /^[0-9a-f]{1,16}$/);
  assert.ok(r.proof.verifiedAt >= before && r.proof.verifiedAt <= after);
  assert.equal(r.metrics.laneUsed, 'local');
  assert.equal(r.metrics.costUsd, 0);
  assert.equal(r.metrics.tokensUsed, 450);
  assert.ok(r.metrics.latencyMs >= 0 && r.metrics.latencyMs < 1000);

  // No sources: the citation names none; defaults SLA 150 ms, budget $0.01.
  const r2 = g.process({ question: 'hi', sources: [], userId: 'carol' });
  assert.equal(r2.citations[0].source, '');
  assert.deepEqual(r2.proof.claims, ['access_granted(user=carol)', 'pii_masked(answer)', 'sources_authorized([])']);
});

test('blocks denied users and logs every request', () => {
  // README example: begin
  const g = new addon.RagGateway({ denyUsers: ['mallory'] });
  g.process({ question: 'q1', sources: ['a'], userId: 'alice' });
  assert.throws(
    () => g.process({ question: 'q2', sources: ['a'], userId: 'mallory' }),
    /Policy violation: UserDenied \{ user_id: "mallory" \}/,
  );
  // No lane has a p99 under 10 ms.
  assert.throws(() => g.process({ question: 'q3', sources: [], userId: 'alice', latencySla: 10 }), /Routing error: No lane/);
  assert.throws(() => g.process({ question: 'q4', sources: [], userId: 'alice', latencySla: -3 }), /must not be negative/);
  assert.equal(g.successCount, 1);
  assert.equal(g.blockedCount, 1);
  // README example: end
  const lines = g.complianceReport().split('\n');
  assert.equal(lines[0], 'Audit Log Report');
  assert.match(lines[3], /^\[\d+\] SUCCESS - User: alice, Lane: local, Latency: \d+ms, Cost: \$0\.0000$/);
  assert.match(lines[4], /^\[\d+\] BLOCKED - User: mallory, Question: q2, Violation: UserDenied \{ user_id: "mallory" \}$/);
  assert.equal(lines.length, 6);

  // A gateway without policies lets everyone through; logs are per gateway.
  const open = new addon.RagGateway();
  assert.equal(open.process({ question: 'q', sources: [], userId: 'mallory' }).metrics.laneUsed, 'local');
  assert.equal(open.successCount, 1);
  assert.equal(open.blockedCount, 0);
});
