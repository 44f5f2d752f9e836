// Tests of the @ruv.io/neuro-divergent-core addon, run by `tools/bazel test
// //crates/neuro-divergent-core:node_test` with the addon's path in ADDON_0.
// Written once by `ruvio generate`; extend it with every function you bind.
// The lines between `README example: begin` and `end` are the package
// README's example: a few lines showing the main API with its results
// asserted, using only addon, assert, Buffer and what they declare.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

test('reports the wrapped crate version', () => {
  // README example: begin
  assert.equal(addon.version(), '0.1.0');
  // README example: end
});
