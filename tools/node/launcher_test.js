// Tests a rendered launcher of an executable package (bin/<bin>.js) in the
// layout npm installs: the main package and its platform package side by
// side in node_modules, the executable a shell script standing in for the
// real one.
//   node launcher_test.js LAUNCHER
// Runs on linux-x64 only: the script stands in for linux-x64-gnu's executable.
'use strict';
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');

const launcher = path.resolve(process.argv[2]);
const source = fs.readFileSync(launcher, 'utf8');
const PACKAGE = source.match(/^const PACKAGE = '(.*)';$/m)[1];
const BIN = source.match(/^const BIN = '(.*)';$/m)[1];
const VERSION = '1.2.300';
const PLATFORM = 'linux-x64-gnu';
const ROOT = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || os.tmpdir(), 'launcher-'));
process.on('exit', () => fs.rmSync(ROOT, { recursive: true, force: true }));
const skip = process.platform !== 'linux' || process.arch !== 'x64' ? 'needs linux-x64' : false;

const SCRIPT = `#!/bin/sh
case "$1" in
  args) shift; for a in "$@"; do printf '[%s]\\n' "$a"; done ;;
  stdin) tr a-z A-Z ;;
  streams) echo to-out; echo to-err >&2 ;;
  exit) exit "$2" ;;
  die) kill -TERM $$; sleep 5 ;;
  int) n=0; trap 'n=$((n + 1))' INT; echo ready; sleep 1 & wait; wait; echo "got INT $n time(s)"; exit 130 ;;
  term) trap 'echo got TERM; kill $!; exit 143' TERM; echo ready; sleep 5 & wait ;;
  *) echo package ;;
esac
`;

function writeFile(file, text, mode) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text, { mode });
}

// A fresh install tree; returns the launcher's path in it.
function install({ platformVersion = VERSION, platforms = [PLATFORM], wasm = null } = {}) {
  const root = fs.mkdtempSync(path.join(ROOT, 'install-'));
  const modules = path.join(root, 'node_modules');
  const main = path.join(modules, ...PACKAGE.split('/'));
  writeFile(path.join(main, 'package.json'), JSON.stringify({ name: PACKAGE, version: VERSION, bin: { [BIN]: `bin/${BIN}.js` } }));
  writeFile(path.join(main, 'bin', `${BIN}.js`), source, 0o755);
  for (const name of platforms) {
    const dir = path.join(modules, ...`${PACKAGE}-${name}`.split('/'));
    writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: `${PACKAGE}-${name}`, version: platformVersion }));
    writeFile(path.join(dir, 'bin', BIN), SCRIPT, 0o755);
  }
  if (wasm) {
    const dir = path.join(modules, ...`${PACKAGE}-wasm32-wasi`.split('/'));
    writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: `${PACKAGE}-wasm32-wasi`, version: VERSION }));
    writeFile(path.join(dir, 'bin', `${BIN}.wasm`), wasm);
  }
  return path.join(main, 'bin', `${BIN}.js`);
}

function run(file, args = [], options = {}) {
  const env = { ...process.env, RUVIO_LIBC: 'glibc' };
  delete env.RUVIO_FORCE_WASM;
  delete env.RUVIO_WASI_DIRS;
  Object.assign(env, options.env);
  return spawnSync(process.execPath, [file, ...args], { encoding: 'utf8', timeout: 20000, ...options, env });
}

test('arguments arrive intact', { skip }, () => {
  const args = ['two words', 'ünïcödé ✓', '', "it's \"quoted\"", '$HOME', '*'];
  const r = run(install(), ['args', ...args]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, args.map((a) => `[${a}]\n`).join(''));
});

test('stdin passes through', { skip }, () => {
  const r = run(install(), ['stdin'], { input: 'piped in\nsecond line\n' });
  assert.equal(r.stdout, 'PIPED IN\nSECOND LINE\n');
});

test('stdout and stderr stay apart', { skip }, () => {
  const r = run(install(), ['streams']);
  assert.equal(r.stdout, 'to-out\n');
  assert.equal(r.stderr, 'to-err\n');
});

test('the exit code passes through', { skip }, () => {
  assert.equal(run(install(), ['exit', '7']).status, 7);
});

test('a child ended by a signal ends the launcher by the same signal', { skip }, () => {
  const r = run(install(), ['die']);
  assert.equal(r.signal, 'SIGTERM', `status ${r.status}, stderr ${r.stderr}`);
});

// Starts the launcher in a process group of its own with `command`, waits
// for the script's "ready", sends `signal` to `target` ('group' or
// 'launcher'), and returns the output and how the launcher ended.
async function signalled(command, signal, target) {
  const child = spawn(process.execPath, [install(), command], {
    env: { ...process.env, RUVIO_LIBC: 'glibc' },
    detached: true,
  });
  let out = '';
  const ready = new Promise((resolve) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('ready\n')) resolve();
    });
  });
  // 'close', not 'exit': the output must all be in before it is compared.
  const exited = new Promise((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  await ready;
  process.kill(target === 'group' ? -child.pid : child.pid, signal);
  const status = await exited;
  return { out, ...status };
}

test('Ctrl-C (SIGINT to the process group) reaches the child once', { skip }, async () => {
  const { out, code, signal } = await signalled('int', 'SIGINT', 'group');
  assert.equal(out, 'ready\ngot INT 1 time(s)\n');
  assert.deepEqual({ code, signal }, { code: 130, signal: null });
});

test('SIGTERM sent to the launcher alone reaches the child', { skip }, async () => {
  const { out, code, signal } = await signalled('term', 'SIGTERM', 'launcher');
  assert.equal(out, 'ready\ngot TERM\n');
  assert.deepEqual({ code, signal }, { code: 143, signal: null });
});

test('a platform package of another version is skipped with a reason', { skip }, () => {
  const r = run(install({ platformVersion: '0.0.1' }), ['exit', '0']);
  assert.equal(r.status, 1);
  assert.ok(
    r.stderr.includes(`skipped ${PACKAGE}-${PLATFORM}@0.0.1: ${PACKAGE} is ${VERSION} and needs the same version; reinstall ${PACKAGE}`),
    r.stderr,
  );
});

test('nothing for the platform says what it tried', { skip }, () => {
  const r = run(install(), [], { env: { RUVIO_LIBC: 'musl' } });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^${PACKAGE}: no ${BIN} executable for linux-x64 \\(musl\\); tried `));
  assert.ok(r.stderr.includes(`tried ./linux-x64-musl/${BIN}, ${PACKAGE}-linux-x64-musl`), r.stderr);
  assert.ok(r.stderr.includes('Supported: ') && r.stderr.includes('linux-x64-gnu'), r.stderr);
});

test('a local build beside the launcher (<platform>/<bin>, as rust_program lays it out) comes first', { skip }, () => {
  const file = install();
  writeFile(path.join(path.dirname(file), PLATFORM, BIN), '#!/bin/sh\necho local\n', 0o755);
  assert.equal(run(file).stdout, 'local\n');
  assert.equal(run(install()).stdout, 'package\n');
});

test('an executable that cannot run is named', { skip }, () => {
  const file = install();
  fs.chmodSync(path.join(path.dirname(file), '..', '..', `${path.basename(PACKAGE)}-${PLATFORM}`, 'bin', BIN), 0o644);
  const r = run(file);
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`cannot run .*${PLATFORM}/bin/${BIN}: .*EACCES`));
});

// A WASI command module, assembled by hand: `body` is _start's code, `data`
// goes to memory at 0. Imports (function indices): 0 fd_write, 1 proc_exit,
// 2 fd_prestat_get.
function wasiModule(body, data = []) {
  const u32 = (n) => {
    const out = [];
    do {
      const byte = n & 0x7f;
      n >>>= 7;
      out.push(n ? byte | 0x80 : byte);
    } while (n);
    return out;
  };
  const vec = (items) => [...u32(items.length), ...items.flat()];
  const name = (s) => vec([...Buffer.from(s)]);
  const section = (id, bytes) => [id, ...u32(bytes.length), ...bytes];
  const I32 = 0x7f;
  const func = (params, results) => [0x60, ...vec(params), ...vec(results)];
  const wasi = (field, type) => [...name('wasi_snapshot_preview1'), ...name(field), 0x00, type];
  const code = [0x00, ...body, 0x0b];
  return Buffer.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([func([I32, I32, I32, I32], [I32]), func([I32], []), func([], []), func([I32, I32], [I32])])),
    ...section(2, vec([wasi('fd_write', 0), wasi('proc_exit', 1), wasi('fd_prestat_get', 3)])),
    ...section(3, vec([[2]])),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec([[...name('memory'), 0x02, 0x00], [...name('_start'), 0x00, 0x03]])),
    ...section(10, vec([[...u32(code.length), ...code]])),
    ...section(11, vec([[0x00, 0x41, 0x00, 0x0b, ...vec(data)]])),
  ]);
}
const i32 = (n) => [0x41, n]; // small non-negative constants only
const call = (f) => [0x10, f];

// Writes "hi\n" (an iovec at 0 pointing at 16) to stdout and exits 3.
const HI = wasiModule(
  [...i32(1), ...i32(0), ...i32(1), ...i32(8), ...call(0), 0x1a, ...i32(3), ...call(1)],
  [16, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...Buffer.from('hi\n')],
);
// Exits with fd_prestat_get(fd)'s errno: 0 when fd is a preopened directory.
const prestat = (fd) => wasiModule([...i32(fd), ...i32(32), ...call(2), ...call(1)]);

const wasmSkip = skip || (!source.includes('RUVIO_FORCE_WASM') && 'the launcher has no wasm32 fallback');

test('RUVIO_FORCE_WASM=1 runs the wasm32 build in WASI', { skip: wasmSkip }, () => {
  const r = run(install({ wasm: HI }), [], { env: { RUVIO_FORCE_WASM: '1' } });
  assert.equal(r.stdout, 'hi\n');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 3);
});

test('the wasm32 build runs when no native one is installed', { skip: wasmSkip }, () => {
  const r = run(install({ wasm: HI, platforms: [] }));
  assert.deepEqual([r.stdout, r.status], ['hi\n', 3]);
});

test('WASI sees the current directory twice and each of RUVIO_WASI_DIRS', { skip: wasmSkip }, () => {
  const env = { RUVIO_FORCE_WASM: '1' };
  const extra = [fs.mkdtempSync(path.join(ROOT, 'dir-')), fs.mkdtempSync(path.join(ROOT, 'dir-'))];
  const status = (fd, more = {}) => run(install({ wasm: prestat(fd) }), [], { env: { ...env, ...more } }).status;
  assert.deepEqual([status(3), status(4), status(5)], [0, 0, 8]); // 8: EBADF
  const dirs = { RUVIO_WASI_DIRS: extra.join(path.delimiter) };
  assert.deepEqual([status(5, dirs), status(6, dirs), status(7, dirs)], [0, 0, 8]);
});
