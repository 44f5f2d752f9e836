// Checks formulas against hand-worked traces and against a plain JavaScript
// evaluator of the same finite-trace semantics on generated formulas.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);
const F = addon.Formula;

// Formulas as plain trees, evaluated independently and built in the addon.
function holds(f, trace, i) {
  switch (f[0]) {
    case 'const': return f[1];
    case 'atom': return i < trace.length && trace[i][f[1]] === true;
    case 'not': return !holds(f[1], trace, i);
    case 'and': return holds(f[1], trace, i) && holds(f[2], trace, i);
    case 'or': return holds(f[1], trace, i) || holds(f[2], trace, i);
    case 'implies': return !holds(f[1], trace, i) || holds(f[2], trace, i);
    case 'next': return i + 1 < trace.length && holds(f[1], trace, i + 1);
    case 'globally': for (let k = i; k < trace.length; k++) if (!holds(f[1], trace, k)) return false; return true;
    case 'finally': for (let k = i; k < trace.length; k++) if (holds(f[1], trace, k)) return true; return false;
    case 'until':
      for (let k = i; k < trace.length; k++) {
        if (holds(f[2], trace, k)) {
          for (let j = i; j < k; j++) if (!holds(f[1], trace, j)) return false;
          return true;
        }
      }
      return false;
  }
  throw new Error(`bad formula ${f[0]}`);
}

function build(f) {
  switch (f[0]) {
    case 'const': return F.constant(f[1]);
    case 'atom': return F.atom(f[1]);
    default: return F[f[0]](...f.slice(1).map(build));
  }
}

function solverWith(trace, ...args) {
  const s = new addon.TemporalSolver(...args);
  for (const state of trace) s.addState(state);
  return s;
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('globally, finally, next and until on a hand-worked trace', () => {
  // step:     0      1      2      3
  // safe:     T      T      T      T
  // goal:     F      F      T      F
  // ready:    F      T      F      F
  const trace = [
    { safe: true, goal: false, ready: false },
    { safe: true, goal: false, ready: true },
    { safe: true, goal: true },
    { safe: true },
  ];
  const s = solverWith(trace);
  assert.equal(s.traceLength, 4);
  const sat = (f) => s.verify(f).satisfied;
  assert.equal(sat(F.globally(F.atom('safe'))), true);
  assert.equal(sat(F.globally(F.atom('goal'))), false);
  assert.equal(sat(F.finally(F.atom('goal'))), true);
  assert.equal(sat(F.finally(F.atom('missing'))), false);
  assert.equal(sat(F.atom('ready')), false);
  assert.equal(sat(F.next(F.atom('ready'))), true);
  assert.equal(sat(F.next(F.next(F.next(F.next(F.constant(true)))))), false); // past the end
  assert.equal(sat(F.until(F.atom('safe'), F.atom('goal'))), true);
  assert.equal(sat(F.until(F.not(F.atom('goal')), F.atom('goal'))), true);
  assert.equal(sat(F.until(F.atom('ready'), F.atom('goal'))), false); // ready fails at 0
  assert.equal(sat(F.globally(F.implies(F.atom('goal'), F.next(F.not(F.atom('goal')))))), true);
  assert.equal(sat(F.and(F.atom('safe'), F.or(F.atom('goal'), F.constant(false)))), false);
});

test('verification reports the formula and a confidence', () => {
  const trace = Array.from({ length: 20 }, () => ({ p: true }));
  const v = solverWith(trace, 1000, 'high').verify(F.atom('p'));
  assert.equal(v.satisfied, true);
  assert.equal(v.formula, 'Atom("p")');
  assert.equal(F.not(F.atom('p')).toString(), 'Unary { op: Not, formula: Atom("p") }');
  assert.equal(v.confidence, 0.2 * 0.95);
  const full = Array.from({ length: 150 }, () => ({}));
  assert.equal(solverWith(full, 1000, 'low').verify(F.constant(true)).confidence, 0.7);
  assert.equal(solverWith(full).verify(F.constant(true)).confidence, 0.85);
});

test('the trace keeps only the newest states', () => {
  const s = solverWith([{ first: true }, {}, {}], 2);
  assert.equal(s.traceLength, 2);
  assert.equal(s.verify(F.finally(F.atom('first'))).satisfied, false);
  s.clear();
  assert.equal(s.traceLength, 0);
});

test('bad input is an error, not a crash', () => {
  assert.throws(() => new addon.TemporalSolver().verify(F.atom('p')), /Empty trace/);
  assert.throws(() => new addon.TemporalSolver(10, 'extreme'), /unknown strictness 'extreme'/);
  assert.throws(() => new addon.TemporalSolver(0), /at least 1/);
});

test('agrees with the JavaScript evaluator on generated formulas and traces', () => {
  let seed = 99;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const atoms = ['a', 'b', 'c'];
  const gen = (depth) => {
    if (depth === 0 || rand() < 0.25) return rand() < 0.1 ? ['const', rand() < 0.5] : ['atom', pick(atoms)];
    const op = pick(['not', 'and', 'or', 'implies', 'next', 'globally', 'finally', 'until']);
    return ['not', 'next', 'globally', 'finally'].includes(op) ? [op, gen(depth - 1)] : [op, gen(depth - 1), gen(depth - 1)];
  };
  const counts = [0, 0];
  for (let round = 0; round < 400; round++) {
    const trace = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => {
      const state = {};
      for (const a of atoms) if (rand() < 0.8) state[a] = rand() < 0.5;
      return state;
    });
    const f = gen(3);
    const expected = holds(f, trace, 0);
    counts[+expected]++;
    assert.equal(solverWith(trace).verify(build(f)).satisfied, expected, `${JSON.stringify(f)} on ${JSON.stringify(trace)}`);
  }
  assert.ok(counts[0] > 50 && counts[1] > 50, `both outcomes occur: ${counts}`);
});

test('README example', () => {
  // README example: begin
  const F = addon.Formula;
  const solver = new addon.TemporalSolver();
  solver.addState({ safe: true, goal: false });
  solver.addState({ safe: true, goal: true });
  assert.equal(solver.verify(F.globally(F.atom('safe'))).satisfied, true);
  assert.equal(solver.verify(F.finally(F.atom('goal'))).satisfied, true);
  assert.equal(solver.verify(F.until(F.atom('safe'), F.atom('goal'))).satisfied, true);
  assert.equal(solver.verify(F.globally(F.atom('goal'))).satisfied, false);
  // README example: end
});
