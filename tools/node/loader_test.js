// Tests a package's generated loader (index.js) the way npm lays it out: the
// loader and package.json in one directory, the addon beside them or not.
//   node --test loader_test.js   with PACKAGE_DIR (index.js, package.json) and ADDON_0
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');

const source = process.env.PACKAGE_DIR;
const addon = process.env.ADDON_0;
const pkg = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));

function layout(withAddon) {
  const dir = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'pkg-'));
  for (const f of ['index.js', 'package.json']) fs.copyFileSync(path.join(source, f), path.join(dir, f));
  if (withAddon) fs.copyFileSync(addon, path.join(dir, path.basename(addon)));
  return dir;
}

test('loads the addon beside it and reports the package version', () => {
  const mod = require(layout(true));
  assert.equal(typeof mod.version, 'function');
  assert.equal(mod.version(), pkg.version);
});

test('without a binary it names the platform and what it tried', () => {
  const dir = layout(false);
  assert.throws(
    () => require(dir),
    (e) => {
      assert.match(e.message, new RegExp(`^${pkg.name}: no binary for ${process.platform}-${process.arch}`));
      assert.match(e.message, new RegExp(`${pkg.name}-linux-x64-gnu`));
      assert.match(e.message, /Supported: /);
      return true;
    },
  );
});

test('RUVIO_LIBC=musl looks for the musl package instead', () => {
  process.env.RUVIO_LIBC = 'musl';
  try {
    assert.throws(() => require(layout(true)), /\(musl\)/);
  } finally {
    delete process.env.RUVIO_LIBC;
  }
});
