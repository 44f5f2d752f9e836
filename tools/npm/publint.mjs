// publint.mjs MODULES TARBALL...: lints each tarball exactly as it would be
// published (publint reads the tarball itself, no `npm pack` of a directory),
// with warnings as errors. Prints every message; exits 1 if any.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...tarballs] = process.argv.slice(2);
const load = (spec) => import(pathToFileURL(`${modules}/${spec}`).href);
const { publint } = await load('publint/src/index-node.js');
const { formatMessage } = await load('publint/src/utils.js');

let failed = 0;
for (const tarball of tarballs) {
  const bytes = readFileSync(tarball);
  const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: tarballBuffer }, level: 'suggestion', strict: true });
  for (const m of messages) console.log(`${m.type.padEnd(10)} ${basename(tarball)}: ${formatMessage(m, pkg, { color: false })}`);
  const errors = messages.filter((m) => m.type === 'error').length;
  if (errors) failed++;
  console.log(`${errors ? 'FAIL' : 'ok  '}       ${basename(tarball)}: ${pkg.name}, ${messages.length} publint messages`);
}
// exitCode, not process.exit(): process.exit() right after the last lint was
// seen to leave Node waiting on a lock forever; ending the loop does not.
process.exitCode = failed ? 1 : 0;
