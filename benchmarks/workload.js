// A real workload of the pilot addon next to plain JavaScript doing the same
// work in the same Node: counting every (overlapping) occurrence of a pattern
// in 1 MiB of text.
//   node benchmarks/workload.js ADDON [ROUNDS]
// Prints JSON: milliseconds per count, per round, for the addon on a string
// and on a Buffer, and for JavaScript's own String and Buffer indexOf loops
// (V8's native substring search, what a JavaScript programmer would write).
'use strict';

const [addonPath, roundsArg = '7'] = process.argv.slice(2);
if (!addonPath) {
  console.error('usage: node workload.js ADDON [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`workload.js: ROUNDS must be a positive integer, not ${roundsArg}`);
  process.exit(2);
}
const addon = require(addonPath);

// 1 MiB of words over a small alphabet, from a fixed seed: the pattern occurs
// a few thousand times, and partial matches are frequent, as in real text.
const SIZE = 1 << 20;
const PATTERN = 'abcab';
let seed = 20261203;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const letters = 'abcde ';
let text = '';
while (text.length < SIZE) text += letters[Math.floor(rand() * letters.length)];
const buffer = Buffer.from(text);
const patternBuffer = Buffer.from(PATTERN);

function jsString() {
  let n = 0;
  for (let i = text.indexOf(PATTERN); i !== -1; i = text.indexOf(PATTERN, i + 1)) n++;
  return n;
}
function jsBuffer() {
  let n = 0;
  for (let i = buffer.indexOf(patternBuffer); i !== -1; i = buffer.indexOf(patternBuffer, i + 1)) n++;
  return n;
}
const cases = {
  addon_string: () => addon.count(text, PATTERN),
  addon_buffer: () => addon.count(buffer, patternBuffer),
  js_string: jsString,
  js_buffer: jsBuffer,
};

const expected = jsString();
for (const [name, fn] of Object.entries(cases)) {
  const got = fn();
  if (got !== expected) throw new Error(`${name} counted ${got}, plain JavaScript ${expected}`);
}

function ms(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}
for (const fn of Object.values(cases)) ms(fn, 5); // warm-up

const result = { node: process.version, bytes: buffer.length, pattern: PATTERN, matches: expected, ms: {} };
for (const name of Object.keys(cases)) result.ms[name] = [];
// Interleaved, so that a slow moment of the machine falls on all alike.
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(cases)) result.ms[name].push(ms(fn, 10));
}
console.log(JSON.stringify(result));
