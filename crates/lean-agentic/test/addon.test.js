// Checks hash-consing (equal terms, equal ids) and type inference on terms
// whose types are known from the typing rules.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '0.1.0');
});

test('equal terms share one id', () => {
  const k = new addon.Kernel();
  const before = k.termCount;
  const a = k.app(k.var(0), k.var(1));
  const b = k.app(k.var(0), k.var(1));
  assert.equal(a, b);
  assert.notEqual(a, k.app(k.var(1), k.var(0)));
  // var 0, var 1, one application, then its mirror image: four new terms.
  assert.equal(k.termCount - before, 4);
});

test('Type 0 : Type 1', () => {
  const k = new addon.Kernel();
  assert.equal(k.infer(k.sort(0)), k.sort(1));
  assert.equal(k.infer(k.sort(2)), k.sort(3));
});

test('the identity function has type Π x : Type, Type', () => {
  // README example: begin
  const k = new addon.Kernel();
  const type = k.sort(0);
  const id = k.lam('x', type, k.var(0));
  assert.equal(k.infer(id), k.pi('x', type, type));
  // README example: end
});

// By the typing rules λ A : Type, λ a : A, a has type Π A : Type, Π a : A, A,
// where the last A is #1 under both binders. lean-agentic 0.1.0 looks up a
// variable's type without shifting it past the binders in between, and
// answers with #0 there. The binding passes on what the crate computes; this
// test pins that down so a release that fixes it shows up here.
test('nested binders: the crate does not shift types taken from the context', () => {
  const k = new addon.Kernel();
  const type = k.sort(0);
  const polyId = k.lam('A', type, k.lam('a', k.var(0), k.var(0)));
  const byTheRules = k.pi('A', type, k.pi('a', k.var(0), k.var(1)));
  const unshifted = k.pi('A', type, k.pi('a', k.var(0), k.var(0)));
  assert.equal(k.infer(polyId), unshifted);
  assert.notEqual(unshifted, byTheRules);
});

test('ill-typed and foreign terms are errors', () => {
  const k = new addon.Kernel();
  assert.throws(() => k.infer(k.var(0)), /not in context/);
  assert.throws(() => k.app(123456, 1), /123456 is not a term of this kernel/);
});
