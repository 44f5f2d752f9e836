// Tests of the @ruv.io/kimi-fann-core addon, run by `tools/bazel test
// //crates/kimi-fann-core:node_test` with the addon's path in ADDON_0.
// The feature vector and domain scores are recomputed here in JavaScript
// (32-bit float steps via Math.fround) from the crate's documented recipe.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const f = Math.fround;
const DOMAINS = ['Reasoning', 'Coding', 'Language', 'Mathematics', 'ToolUse', 'Context'];

function close(actual, expected, tol, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

const words = (text) => text.split(/\s+/).filter((w) => w.length > 0);

function patternScore(text, patterns) {
  const set = new Set(patterns);
  let matches = 0;
  for (const w of words(text.toLowerCase())) {
    if (set.has(w)) matches++;
    if (w.length > 4) {
      for (let i = 0; i + 4 <= w.length; i++) {
        if (set.has(w.slice(i, i + 4))) { matches++; break; }
      }
    }
  }
  return Math.min(f(matches / set.size), 1);
}

const NGRAMS = new Map([
  ...['func', 'code', 'prog', 'algo', 'debu', 'comp'].map((t) => [t, f(0.9)]),
  ...['calc', 'equa', 'solv', 'deri', 'inte', 'form'].map((t) => [t, f(0.8)]),
  ...['anal', 'logi', 'reas', 'beca', 'ther', 'conc'].map((t) => [t, f(0.85)]),
]);
const VOCAB = [
  'the', 'and', 'or', 'but', 'if', 'then', 'else', 'when',
  'how', 'what', 'why', 'where', 'function', 'class', 'method',
  'variable', 'calculate', 'solve', 'analyze', 'explain', 'code',
  'program', 'algorithm', 'data', 'neural', 'network', 'ai', 'machine',
];
const embedding = (i, j) => f(Math.sin(f((i * 37 + j * 17) / 1000)) * 0.5);

// The crate's feature recipe for ASCII text.
function features(domainIndex, patterns, text, size) {
  const out = new Array(size).fill(0);
  if (text.length === 0) return out;
  const vals = [patternScore(text, patterns)];
  let wc = 0, letters = 0, inWord = false;
  for (const ch of text) {
    if (/\s/.test(ch)) { if (inWord) { wc++; inWord = false; } } else if (/[A-Za-z]/.test(ch)) { letters++; inWord = true; }
  }
  if (inWord) wc++;
  const avg = wc > 0 ? f(letters / wc) : 0;
  vals.push(Math.min(f(wc / 50), 1), Math.min(f(text.length / 500), 1), Math.min(f(avg / 15), 1));
  let v = 0, c = 0, d = 0, p = 0;
  for (const ch of text) {
    if ('aeiouAEIOU'.includes(ch)) v++;
    else if (/[b-zB-Z]/.test(ch)) c++;
    else if (/[0-9]/.test(ch)) d++;
    else if ('!?.,;:'.includes(ch)) p++;
  }
  vals.push(f(v / text.length), f(c / text.length), f(d / text.length), f(p / text.length));
  const lower = text.toLowerCase();
  let score = 0, count = 0;
  for (let i = 0; i + 4 <= lower.length; i++) {
    const w = NGRAMS.get(lower.slice(i, i + 4));
    if (w !== undefined) { score = f(score + w); count++; }
  }
  vals.push(count > 0 ? f(score / count) : 0);
  const emb = [];
  for (const w of words(text).slice(0, 8)) {
    const i = VOCAB.indexOf(w.toLowerCase());
    if (i >= 0) {
      emb.push(embedding(i, 0), embedding(i, 1));
      if (emb.length >= 16) break;
    }
  }
  while (emb.length < 16) emb.push(0);
  vals.push(...emb);
  for (let i = 0; i < size; i++) {
    out[i] = i < vals.length ? vals[i] : f(f((text.length * i * (domainIndex + 1)) % 1000) / 1000);
  }
  return out;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.4');
});

test('domains, their keywords and network shapes', () => {
  assert.deepEqual(addon.domains(), DOMAINS);
  assert.deepEqual(addon.domainPatterns('Language'), [
    'translate', 'grammar', 'sentence', 'word', 'language', 'text', 'synonym',
    'linguistic', 'read', 'speak', 'communication', 'literature', 'poetry', 'prose',
  ]);
  assert.ok(addon.domainPatterns('Mathematics').includes('derivative'));
  assert.deepEqual(addon.neuralConfig('Coding'), {
    inputSize: 192, hiddenLayers: [96, 48], outputSize: 48, activation: 'ReLU', learningRate: f(0.002),
  });
  assert.deepEqual(addon.neuralConfig('Context'), {
    inputSize: 160, hiddenLayers: [80, 40], outputSize: 40, activation: 'SigmoidSymmetric', learningRate: f(0.0012),
  });
  assert.throws(() => addon.domainPatterns('Poetry'), /unknown expert domain 'Poetry'/);
});

test('feature vectors match the recipe', () => {
  const texts = [
    'write a function to sort an array',
    'Calculate the derivative of x^2, then solve it!',
    'Why does the neural network analyze data? Because 42 reasons.',
    'the and or but if then else when how what why where',
  ];
  DOMAINS.forEach((domain, di) => {
    const patterns = addon.domainPatterns(domain);
    for (const text of texts) {
      const size = addon.neuralConfig(domain).inputSize;
      close(addon.extractFeatures(domain, text), features(di, patterns, text, size), 1e-6, `${domain} '${text}'`);
    }
  });
  const patterns = addon.domainPatterns('Coding');
  close(addon.extractFeatures('Coding', texts[0], 30), features(1, patterns, texts[0], 30), 1e-6, 'size 30');
  close(addon.extractFeatures('Coding', texts[0], 4), features(1, patterns, texts[0], 4), 1e-6, 'size 4');
  // The crate caps the vector at 256 entries.
  assert.equal(addon.extractFeatures('Coding', texts[0], 1000).length, 256);
  assert.deepEqual(addon.extractFeatures('Coding', '', 8), new Array(8).fill(0));
  // A coding question scores on the coding keywords (function, sort, array).
  assert.equal(addon.extractFeatures('Coding', texts[0])[0], f(3 / new Set(patterns).size));
  assert.throws(() => addon.extractFeatures('Coding', 'naïve'), /must be ASCII/);
});

test('domain scores', () => {
  const score = (domain, text) => {
    const set = new Set(addon.domainPatterns(domain));
    const m = words(text.toLowerCase()).filter((w) => set.has(w)).length;
    return Math.min(f(m / set.size), 1);
  };
  const key = { Reasoning: 'reasoning', Coding: 'coding', Language: 'language', Mathematics: 'mathematics', ToolUse: 'toolUse', Context: 'context' };
  for (const text of ['translate the word into a sentence', 'run the api command', 'analyze the logic of this proof']) {
    const got = addon.domainScores(text);
    for (const d of DOMAINS) assert.equal(got[key[d]], score(d, text), `${d} '${text}'`);
  }
  // Arithmetic (a digit and an operator) adds 0.8 to Mathematics.
  const arith = addon.domainScores('calculate 2 + 2');
  assert.equal(arith.mathematics, f(score('Mathematics', 'calculate 2 + 2') + f(0.8)));
  assert.equal(addon.domainScores('what is 7 times 6').mathematics, f(score('Mathematics', 'what is 7 times 6') + f(0.8)));
  assert.equal(addon.domainScores('seven times six').mathematics, score('Mathematics', 'seven times six'));
});

const NEURAL = String.raw` \[Neural: conf=[^,\]]+, patterns=\d+, var=[^\]]+\]`;
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the runtime routes each query to one expert', () => {
  const rt = new addon.KimiRuntime();
  const a = rt.process('calculate 2 + 2');
  assert.match(a, new RegExp('^' + esc('2 + 2 = 4\n\nThis is a basic addition problem. When you add 2 and 2, you get 4.') + NEURAL +
    esc(' [Routed to Mathematics expert based on neural content analysis] [Runtime: Query #1, Mode: Single, 6 experts active]') + '$'));
  const b = rt.process('translate the word');
  assert.match(b, new RegExp('^' + esc("For translation of 'translate the word', I would need to know the source and target languages.") + '.*' + NEURAL +
    esc(' [Routed to Language expert based on neural content analysis] [Runtime: Query #2, Mode: Single, 6 experts active]') + '$', 's'));
});

test('consensus mode', () => {
  const rt = new addon.KimiRuntime('pattern');
  rt.setConsensusMode(true);
  // Only experts scoring above 0.7 take part: here none.
  assert.equal(rt.process('hello there'), 'No experts met consensus threshold [Runtime: Query #1, Mode: Consensus, 3 experts active]');
  // Arithmetic lifts Mathematics over the threshold, alone.
  assert.match(rt.process('calculate 2 + 2'), new RegExp('^' + esc('2 + 2 = 4\n\n') + '.*' + NEURAL +
    esc(' [Single expert consensus] [Runtime: Query #2, Mode: Consensus, 3 experts active]') + '$', 's'));
  assert.throws(() => new addon.KimiRuntime('fast'), /unknown preset 'fast'/);
});

test('README example', () => {
  // README example: begin
  assert.deepEqual(addon.domains(), ['Reasoning', 'Coding', 'Language', 'Mathematics', 'ToolUse', 'Context']);
  const runtime = new addon.KimiRuntime();
  const answer = runtime.process('calculate 2 + 2');
  assert.ok(answer.startsWith('2 + 2 = 4\n\n'));
  assert.match(answer, /\[Routed to Mathematics expert based on neural content analysis\]/);
  // README example: end
});
