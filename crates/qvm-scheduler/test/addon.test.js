// Writes OpenQASM 3 programs and checks what the parser reports about them
// against what the test put in.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('a Bell pair', () => {
  const c = addon.parseQasm(`OPENQASM 3.0;
include "stdgates.inc";
qubit[2] q;
bit[2] c;
h q[0];
cx q[0], q[1];
c[0] = measure q[0];
c[1] = measure q[1];
`);
  assert.equal(c.numQubits, 2);
  assert.equal(c.numClassical, 2);
  assert.equal(c.operations, 4);
  assert.equal(c.twoQubitGates, 1);
  assert.deepEqual(c.interactions, [[0, 1]]);
  assert.deepEqual(c.usedQubits, [0, 1]);
});

test('registers are laid out one after another', () => {
  // README example: begin
  const c = addon.parseQasm('qubit[2] a;\nqubit[3] b;\ncz a[1], b[2];\n');
  assert.equal(c.numQubits, 5);
  assert.deepEqual(c.interactions, [[1, 4]]);
  assert.deepEqual(c.usedQubits, [1, 4]);
  // README example: end
});

test('garbage is an error', () => {
  assert.throws(() => addon.parseQasm('qubit[2] q;\nfrobnicate q[0];\n'), /not a circuit/);
});

test('agrees with the generated programs', () => {
  let s = 17;
  const int = (n) => Math.floor(((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * n);
  const single = ['x', 'y', 'z', 'h', 's', 't'];
  const double = ['cx', 'cz', 'swap'];
  for (let round = 0; round < 100; round++) {
    const n = 2 + int(6);
    const lines = [`qubit[${n}] q;`, `bit[${n}] c;`];
    const interactions = [];
    const used = new Set();
    let ops = 0;
    for (let k = int(20); k > 0; k--) {
      if (int(2)) {
        const q = int(n);
        lines.push(`${single[int(single.length)]} q[${q}];`);
        used.add(q);
      } else {
        const a = int(n);
        const b = (a + 1 + int(n - 1)) % n;
        lines.push(`${double[int(double.length)]} q[${a}], q[${b}];`);
        interactions.push([a, b]);
        used.add(a).add(b);
      }
      ops++;
    }
    const c = addon.parseQasm(lines.join('\n') + '\n');
    assert.equal(c.numQubits, n);
    assert.equal(c.numClassical, n);
    assert.equal(c.operations, ops);
    assert.equal(c.twoQubitGates, interactions.length);
    assert.deepEqual(c.interactions, interactions);
    assert.deepEqual(c.usedQubits, [...used].sort((x, y) => x - y));
  }
});
