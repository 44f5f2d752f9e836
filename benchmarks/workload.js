// A real workload of the pilot addon next to plain JavaScript doing the same
// work in the same Node: counting every (overlapping) occurrence of a pattern
// in 1 MiB of text.
//   node benchmarks/workload.js [--rounds N] LABEL=ADDON...
// Each addon is loaded from its own file under its label (benchmarks/run
// passes `after=` the checkout's and `before=` the baseline's). Prints JSON:
// milliseconds per count, per round, for each addon's count() on a string and
// on a Buffer, and for JavaScript's own String and Buffer indexOf loops (V8's
// and Node's native substring search, what a JavaScript programmer would
// write).
'use strict';

function usage(message) {
  console.error(`workload.js: ${message}`);
  console.error('usage: node workload.js [--rounds N] LABEL=ADDON...');
  process.exit(2);
}

let rounds = 7;
const addons = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--rounds') {
    rounds = Number(args[++i]);
    if (!Number.isInteger(rounds) || rounds < 1) usage(`--rounds takes a positive integer, not ${args[i]}`);
  } else {
    const eq = arg.indexOf('=');
    if (eq < 1 || eq === arg.length - 1) usage(`'${arg}' is not LABEL=ADDON`);
    const label = arg.slice(0, eq);
    if (addons.some((a) => a.label === label)) usage(`the label '${label}' is given twice`);
    addons.push({ label, path: arg.slice(eq + 1) });
  }
}
if (addons.length === 0) usage('no addon given');
for (const a of addons) a.addon = require(a.path);

// 1 MiB of letters and spaces from a fixed seed. The pattern's partial
// matches are frequent (its first letter is a sixth of the text), whole ones
// rare (129), as when searching real text for a word.
const SIZE = 1 << 20;
const PATTERN = 'abcab';
// Each case is timed over this many counts in a row, per round.
const COUNTS = 10;
let seed = 20261203;
const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const letters = 'abcde ';
const chars = new Array(SIZE);
for (let i = 0; i < SIZE; i++) chars[i] = letters[Math.floor(rand() * letters.length)];
const text = chars.join('');
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

const result = { node: process.version, bytes: buffer.length, pattern: PATTERN, matches: jsString(), counts: COUNTS, rounds };
result.addons = {};
result.js = { string: [], buffer: [] };
const cases = [];
for (const a of addons) {
  const record = { path: a.path, string: [], buffer: [] };
  result.addons[a.label] = record;
  cases.push({ name: `${a.label} string`, fn: () => a.addon.count(text, PATTERN), rounds: record.string });
  cases.push({ name: `${a.label} Buffer`, fn: () => a.addon.count(buffer, patternBuffer), rounds: record.buffer });
}
cases.push({ name: 'JavaScript string', fn: jsString, rounds: result.js.string });
cases.push({ name: 'JavaScript Buffer', fn: jsBuffer, rounds: result.js.buffer });

for (const c of cases) {
  const got = c.fn();
  if (got !== result.matches) throw new Error(`${c.name} counted ${got}, a String indexOf loop ${result.matches}`);
}

function ms(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}
for (const c of cases) ms(c.fn, 5); // warm-up

// Interleaved, so that a slow moment of the machine falls on all alike.
for (let r = 0; r < rounds; r++) {
  for (const c of cases) c.rounds.push(ms(c.fn, COUNTS));
}
console.log(JSON.stringify(result));
