// `run(args, { input })` for a program's test: runs PROGRAM (one platform's
// build, PROGRAM_PLATFORM) with the arguments and returns { status, signal,
// stdout, stderr }. Linux x64 builds (glibc, and musl, which is static) run
// as they are, arm64 under qemu-user with the image's arm64 libraries, the
// Windows build under Wine, the WASI build in Node's WASI with the working
// directory preopened.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');

function command(platform, program) {
  switch (platform) {
    case 'linux-x64-gnu':
    case 'linux-x64-musl':
      return [program];
    case 'linux-arm64-gnu':
      return ['qemu-aarch64', '-L', '/', program];
    case 'win32-x64-msvc':
      return [process.env.WINE_SH, program];
    case 'wasm32-wasi':
      return [process.execPath, '--no-warnings', __filename, '--wasi', program];
    default:
      throw new Error(`program_test.js: this machine cannot run ${platform} programs`);
  }
}

// Wine turns the Unix arguments into Windows' UTF-16 through the locale's
// character set: UTF-8, as the arguments are, not the test's C locale.
const ENV = process.env.PROGRAM_PLATFORM === 'win32-x64-msvc' ? { ...process.env, LC_ALL: 'C.UTF-8' } : process.env;

function run(args, { input = '' } = {}) {
  const [file, ...before] = command(process.env.PROGRAM_PLATFORM, process.env.PROGRAM);
  const r = spawnSync(file, [...before, ...args], { input, encoding: 'utf8', env: ENV, timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

async function runWasi(program, args) {
  const { WASI } = require('node:wasi');
  const wasi = new WASI({
    version: 'preview1',
    // The command's name, as a native build sees it in argv[0].
    args: [require('node:path').basename(program, '.wasm'), ...args],
    env: process.env,
    preopens: { '.': process.cwd() },
    returnOnExit: true,
  });
  const module = await WebAssembly.compile(readFileSync(program));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
}

if (require.main === module && process.argv[2] === '--wasi') {
  runWasi(process.argv[3], process.argv.slice(4)).catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}

module.exports = { run };
