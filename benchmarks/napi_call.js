// The cost of one call into a napi-rs addon, next to a JavaScript function
// returning the same value:
//   node benchmarks/napi_call.js ADDON [CALLS] [ROUNDS]
// Prints JSON: nanoseconds per call of each, per round, as elapsed time and as
// the process's CPU time (which a busy machine's other work does not inflate).
// benchmarks/run runs it with the build image's Node against the pilot's
// linux-x64-gnu addon.
'use strict';

const [addonPath, callsArg = '1000000', roundsArg = '5'] = process.argv.slice(2);
if (!addonPath) {
  console.error('usage: node napi_call.js ADDON [CALLS] [ROUNDS]');
  process.exit(2);
}
const calls = Number(callsArg);
const rounds = Number(roundsArg);
if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(rounds) || rounds < 1) {
  console.error(`napi_call.js: CALLS and ROUNDS must be positive integers, not ${callsArg} and ${roundsArg}`);
  process.exit(2);
}

const addon = require(addonPath);
const expected = addon.version();
const js = () => expected;

// The results go into a sum the loop must produce, so that no call can be
// dropped as dead code.
function perCall(fn, n) {
  let sum = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sum += fn().length;
  const ns = Number(process.hrtime.bigint() - start);
  const used = process.cpuUsage(cpu);
  if (sum !== n * expected.length) throw new Error(`wrong results from ${fn.name}`);
  return { ns: ns / n, cpuNs: ((used.user + used.system) * 1000) / n };
}

// Both loops get optimised before any round counts.
for (let i = 0; i < 3; i++) {
  perCall(addon.version, 100000);
  perCall(js, 100000);
}

const result = { node: process.version, calls, addon_ns: [], js_ns: [], addon_cpu_ns: [], js_cpu_ns: [] };
// Interleaved, so that a slow moment of the machine falls on both alike.
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of [['addon', addon.version], ['js', js]]) {
    const t = perCall(fn, calls);
    result[`${name}_ns`].push(t.ns);
    result[`${name}_cpu_ns`].push(t.cpuNs);
  }
}
console.log(JSON.stringify(result));
