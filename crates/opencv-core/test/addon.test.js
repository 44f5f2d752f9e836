// Checks the rectangle and point operations against their definitions in
// JavaScript, on fixed and generated shapes.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');

const addon = require(process.env.ADDON_0);

function intersect(a, b) {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  return x1 < x2 && y1 < y2 ? { x: x1, y: y1, width: x2 - x1, height: y2 - y1 } : null;
}

function union(a, b) {
  const x1 = Math.min(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  return { x: x1, y: y1, width: Math.max(a.x + a.width, b.x + b.width) - x1, height: Math.max(a.y + a.height, b.y + b.height) - y1 };
}

test('reports the wrapped crate version', () => {
  assert.equal(addon.version(), '4.8.1');
});

test('known rectangles', () => {
  // README example: begin
  const a = { x: 0, y: 0, width: 10, height: 5 };
  const b = { x: 5, y: 2, width: 10, height: 10 };
  assert.equal(addon.area(a), 50);
  assert.deepEqual(addon.intersect(a, b), { x: 5, y: 2, width: 5, height: 3 });
  assert.equal(addon.intersect(a, { x: 10, y: 0, width: 1, height: 1 }), null); // touching edges do not overlap
  assert.deepEqual(addon.union(a, b), { x: 0, y: 0, width: 15, height: 12 });
  assert.equal(addon.contains(a, { x: 0, y: 0 }), true);
  assert.equal(addon.contains(a, { x: 10, y: 0 }), false);
  assert.equal(addon.distance({ x: 0, y: 0 }, { x: 3, y: 4 }), 5);
  // README example: end
});

test('coordinates out of range are rejected', () => {
  assert.throws(() => addon.area({ x: 0, y: 0, width: 100000, height: 100000 }), /coordinate 100000 is outside/);
});

test('agrees with the definitions on generated shapes', () => {
  let s = 11;
  const int = (lo, hi) => lo + Math.floor(((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * (hi - lo));
  const rect = () => ({ x: int(-50, 50), y: int(-50, 50), width: int(0, 60), height: int(0, 60) });
  for (let round = 0; round < 500; round++) {
    const a = rect();
    const b = rect();
    const p = { x: int(-60, 110), y: int(-60, 110) };
    assert.deepEqual(addon.intersect(a, b), intersect(a, b));
    assert.deepEqual(addon.union(a, b), union(a, b));
    assert.equal(addon.area(a), a.width * a.height);
    assert.equal(addon.contains(a, p), p.x >= a.x && p.y >= a.y && p.x < a.x + a.width && p.y < a.y + a.height);
    assert.equal(addon.distance(p, a), Math.sqrt((p.x - a.x) ** 2 + (p.y - a.y) ** 2));
  }
});
