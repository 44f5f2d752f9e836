// Tests a package's generated loader (index.js) the way npm lays it out: the
// loader and package.json in one directory, the addon beside them or not.
//   node --test loader_test.js   with PACKAGE_DIR (index.js, package.json),
//   ADDON_0 and CRATE_VERSION (the wrapped crate's, which version() reports),
//   or EXPORTS_FILE instead (a published addon's exports, one a line: it has
//   no version() of its own)
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');

const source = process.env.PACKAGE_DIR;
const addon = process.env.ADDON_0;
const pkg = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
// The addon's platform, from its napi-rs file name: <binary>.<platform>.node.
const platform = path.basename(addon).split('.').at(-2);

function layout(withAddon) {
  const dir = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'pkg-'));
  for (const f of ['index.js', 'package.json']) fs.copyFileSync(path.join(source, f), path.join(dir, f));
  if (withAddon) fs.copyFileSync(addon, path.join(dir, path.basename(addon)));
  return dir;
}

// The platform package npm would install, at `version`, in the layout's
// node_modules.
function platformPackage(dir, version) {
  const name = `${pkg.name}-${platform}`;
  const where = path.join(dir, 'node_modules', ...name.split('/'));
  fs.mkdirSync(where, { recursive: true });
  const main = path.basename(addon);
  fs.writeFileSync(path.join(where, 'package.json'), JSON.stringify({ name, version, main }));
  fs.copyFileSync(addon, path.join(where, main));
  return name;
}

// What the loader returned is the addon: it reports the crate's version, or
// it exports exactly what the addon's declarations list.
function assertAddon(mod) {
  if (process.env.EXPORTS_FILE) {
    const names = fs.readFileSync(process.env.EXPORTS_FILE, 'utf8').split('\n').filter(Boolean);
    assert.deepEqual(Object.keys(mod).sort(), names.sort());
    return;
  }
  assert.equal(typeof mod.version, 'function');
  assert.equal(mod.version(), process.env.CRATE_VERSION);
}

test('loads the addon beside it and reports the crate version', () => {
  assertAddon(require(layout(true)));
});

test('loads the platform package of its own version', () => {
  const dir = layout(false);
  platformPackage(dir, pkg.version);
  assertAddon(require(dir));
});

test('refuses a platform package of another version and says to reinstall', () => {
  const dir = layout(false);
  const name = platformPackage(dir, '0.0.1-other');
  assert.throws(
    () => require(dir),
    (e) => {
      assert.match(e.message, new RegExp(`^${pkg.name}: no binary for `));
      assert.ok(
        e.message.includes(`skipped ${name}@0.0.1-other: ${pkg.name} is ${pkg.version} and needs the same version;`),
        e.message,
      );
      assert.ok(e.message.includes(`reinstall ${pkg.name}`), e.message);
      return true;
    },
  );
});

test('without a binary it names the platform and what it tried', () => {
  const dir = layout(false);
  assert.throws(
    () => require(dir),
    (e) => {
      assert.match(e.message, new RegExp(`^${pkg.name}: no binary for ${process.platform}-${process.arch}`));
      assert.ok(e.message.includes(`${pkg.name}-${platform}`), e.message);
      assert.match(e.message, /Supported: /);
      return true;
    },
  );
});

test('RUVIO_LIBC=musl looks for the musl package instead', { skip: process.platform !== 'linux' && 'glibc or musl is a Linux question' }, () => {
  process.env.RUVIO_LIBC = 'musl';
  try {
    assert.throws(() => require(layout(true)), /\(musl\)/);
  } finally {
    delete process.env.RUVIO_LIBC;
  }
});
