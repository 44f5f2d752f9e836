// The cost of one call into napi-rs addons, next to a JavaScript function
// returning the same value, all in the same Node:
//   node benchmarks/napi_call.js [--calls N] [--rounds N] LABEL=ADDON...
// Each addon is loaded from its own file under its label (benchmarks/run
// passes `after=` the checkout's and `before=` the baseline's, two copies of
// one addon). Prints JSON: nanoseconds per call of each addon's version() and
// of the JavaScript function, per round, as elapsed time and as the process's
// CPU time (which a busy machine's other work does not inflate).
'use strict';

function usage(message) {
  console.error(`napi_call.js: ${message}`);
  console.error('usage: node napi_call.js [--calls N] [--rounds N] LABEL=ADDON...');
  process.exit(2);
}

const options = { calls: 1000000, rounds: 5 };
const addons = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--calls' || arg === '--rounds') {
    const value = Number(args[++i]);
    if (!Number.isInteger(value) || value < 1) usage(`${arg} takes a positive integer, not ${args[i]}`);
    options[arg.slice(2)] = value;
  } else {
    const eq = arg.indexOf('=');
    if (eq < 1 || eq === arg.length - 1) usage(`'${arg}' is not LABEL=ADDON`);
    const label = arg.slice(0, eq);
    if (addons.some((a) => a.label === label)) usage(`the label '${label}' is given twice`);
    addons.push({ label, path: arg.slice(eq + 1) });
  }
}
if (addons.length === 0) usage('no addon given');
const { calls, rounds } = options;

for (const a of addons) a.version = require(a.path).version;
// The JavaScript function returns the first addon's string.
const expected = addons[0].version();
const js = () => expected;

// One loop per function, compiled separately (the comment makes each source
// unique, so V8 shares neither code nor type feedback between them): a shared
// loop would see several callees at its call site and be optimised for none.
// The results go into a sum the loop must produce, so that no call can be
// dropped as dead code.
function timer(name, fn) {
  const length = fn().length;
  const loop = new Function('fn', 'n', `// ${JSON.stringify(name)}
    let sum = 0;
    for (let i = 0; i < n; i++) sum += fn().length;
    return sum;`);
  return (n) => {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const sum = loop(fn, n);
    const ns = Number(process.hrtime.bigint() - start);
    const used = process.cpuUsage(cpu);
    if (sum !== n * length) throw new Error(`wrong results from ${name}`);
    return { ns: ns / n, cpuNs: ((used.user + used.system) * 1000) / n };
  };
}

const cases = [
  ...addons.map((a) => ({
    label: a.label,
    record: { path: a.path, version: a.version(), ns: [], cpu_ns: [] },
    time: timer(`addon ${a.label}`, a.version),
  })),
  { label: null, record: { ns: [], cpu_ns: [] }, time: timer('a JavaScript function', js) },
];

// Every loop gets optimised before any round counts.
for (let i = 0; i < 3; i++) for (const c of cases) c.time(100000);

// Interleaved, so that a slow moment of the machine falls on all alike.
for (let r = 0; r < rounds; r++) {
  for (const c of cases) {
    const t = c.time(calls);
    c.record.ns.push(t.ns);
    c.record.cpu_ns.push(t.cpuNs);
  }
}
const result = { node: process.version, calls, rounds, addons: {}, js: null };
for (const c of cases) {
  if (c.label === null) result.js = c.record;
  else result.addons[c.label] = c.record;
}
console.log(JSON.stringify(result));
