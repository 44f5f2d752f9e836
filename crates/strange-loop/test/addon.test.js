// Checks trajectories against a JavaScript RK4 over the same equations.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

const systems = {
  lorenz: ([s, r, b]) => ([x, y, z]) => [s * (y - x), x * (r - z) - y, x * y - b * z],
  rossler: ([a, b, c]) => ([x, y, z]) => [-y - z, x + a * y, b + z * (x - c)],
};

function rk4(f, p, dt) {
  const add = (u, v, k) => u.map((ui, i) => ui + v[i] * k);
  const k1 = f(p);
  const k2 = f(add(p, k1, dt * 0.5));
  const k3 = f(add(p, k2, dt * 0.5));
  const k4 = f(add(p, k3, dt));
  return p.map((pi, i) => pi + ((k1[i] + k2[i] * 2 + k3[i] * 2 + k4[i]) * dt) / 6);
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.3.0');
});

for (const [kind, parameters] of [
  ['lorenz', [10, 28, 8 / 3]],
  ['rossler', [0.2, 0.2, 5.7]],
]) {
  test(`${kind} trajectory matches a JavaScript RK4`, () => {
    const dtNs = 1_000_000; // 1 ms
    const a = new addon.Attractor({ kind, parameters, initial: [1, 2, 3], dtNs });
    const got = a.step(500);
    let p = [1, 2, 3];
    const f = systems[kind](parameters);
    for (let i = 0; i < 500; i++) {
      p = rk4(f, p, dtNs / 1e9);
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(got[i][j] - p[j]) < 1e-9, `step ${i}: ${got[i]} vs ${p}`);
    }
    assert.deepEqual(a.state, got[499]);
    assert.equal(a.timeNs, 500 * dtNs);
  });
}

test('defaults to starting at [1, 1, 1]', () => {
  assert.deepEqual(new addon.Attractor({ kind: 'lorenz', parameters: [10, 28, 8 / 3], dtNs: 1000 }).state, [1, 1, 1]);
});

test('bad options and divergence are errors', () => {
  assert.throws(() => new addon.Attractor({ kind: 'henon', parameters: [1, 2, 3], dtNs: 1 }), /unknown attractor 'henon'/);
  assert.throws(() => new addon.Attractor({ kind: 'lorenz', parameters: [1, 2], dtNs: 1 }), /three numbers/);
  assert.throws(() => new addon.Attractor({ kind: 'lorenz', parameters: [10, 28, 8 / 3], dtNs: 0 }), /Time step must be positive/);
  const a = new addon.Attractor({ kind: 'lorenz', parameters: [10, 28, 8 / 3], dtNs: 1_000_000, maxDeviation: 5 });
  assert.throws(() => a.step(1000), /exceeded maximum deviation/);
});

test('README example', () => {
  // README example: begin
  const lorenz = new addon.Attractor({ kind: 'lorenz', parameters: [10, 28, 8 / 3], initial: [1, 2, 3], dtNs: 1_000_000 });
  const trajectory = lorenz.step(500); // 500 RK4 steps of 1 ms
  assert.equal(trajectory.length, 500);
  assert.deepEqual(lorenz.state, trajectory[499]);
  assert.equal(lorenz.timeNs, 500_000_000);
  // README example: end
});
