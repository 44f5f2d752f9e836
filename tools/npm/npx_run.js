// `run(args, { input })` for a program's test (as tools/node/program_test.js
// gives it), against an installed package: `npx <bin>` in the directory
// NPX_DIR, where npm installed it, as a user runs it. npx finds the command
// in that project's node_modules/.bin and never reaches for the network
// (--no: fail rather than offer to install; -- ends npx's own options).
'use strict';
const { spawnSync } = require('node:child_process');

function run(args, { input = '' } = {}) {
  const r = spawnSync('npx', ['--no', '--', process.env.NPX_BIN, ...args], {
    cwd: process.env.NPX_DIR,
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  // When the program fails, npx says so on stderr before the program's own
  // output ("npm notice run npx", "npm notice run '<bin>'"): npm's words, not
  // the program's, so they are not what the test compares.
  const stderr = r.stderr.replace(/^(npm notice .*\r?\n)+/, '');
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr };
}

module.exports = { run };
