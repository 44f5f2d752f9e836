#!/usr/bin/env bash
# registry_test.sh ADDON_TEST_JS PUBLISH_SH TARBALL...: the round trip users
# make. Starts Verdaccio on loopback with empty storage, publishes the
# tarballs with the same script `bazel run :publish` runs, then in fresh
# directories installs the main package from it and runs the binding's own
# test against what npm installed:
#   - plainly: npm picks this machine's platform package, the addon loads,
#     and the example in the package's README.md runs;
#   - with --cpu=wasm32 (when the crate has a wasm32 build): no native
#     package fits, npm installs the wasm32 one, the loader falls back to it.
set -euo pipefail
test_js=$PWD/$1
publish=$PWD/$2
shift 2
tarballs=()
for t in "$@"; do tarballs+=("$PWD/$t"); done
main=${tarballs[-1]}
modules=$(cd ../*npm_tools/node_modules && pwd)
runtime=$(cd ../*npm_wasm_runtime/node_modules && pwd)
tmp=${TEST_TMPDIR:-$(mktemp -d)}
export HOME=$tmp/home npm_config_cache=$tmp/npm-cache npm_config_update_notifier=false
mkdir -p "$HOME"
name=$(tar -xzOf "$main" package/package.json | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).name')

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
registry=http://127.0.0.1:$port/
cat >"$tmp/verdaccio.yaml" <<YAML
storage: $tmp/storage
auth:
  htpasswd:
    file: $tmp/htpasswd
uplinks: {}
packages:
  "**":
    access: \$all
    publish: \$authenticated
log: { type: stdout, format: pretty, level: warn }
YAML
node "$modules/verdaccio/bin/verdaccio" --config "$tmp/verdaccio.yaml" --listen "127.0.0.1:$port" >"$tmp/verdaccio.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
# A user, as `npm adduser` would make it; its token is what publish.sh reads.
NPM_TOKEN=$(node - "$registry" <<'JS'
const [registry] = process.argv.slice(2);
const user = { name: 'ci', password: 'ci-password', type: 'user', roles: [], date: new Date().toISOString() };
(async () => {
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${registry}-/user/org.couchdb.user:ci`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user),
      });
      if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
      console.log((await r.json()).token);
      return;
    } catch (e) {
      if (i >= 100) { console.error(`registry never answered: ${e.message}`); process.exit(1); }
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
})();
JS
)
export NPM_TOKEN
echo "== Verdaccio on $registry"

# The wasm32 package's own dependencies, from the pinned copies the tests use
# (copied out of the runfiles: npm leaves symlinked files out of a package).
for dir in "$runtime"/@emnapi/* "$runtime"/tslib; do
  copy=$tmp/deps/$(basename "$dir")
  mkdir -p "$copy"
  cp -RL "$dir/." "$copy"
  npm publish "$copy" --ignore-scripts --registry "$registry" --userconfig /dev/null \
    "--//127.0.0.1:$port/:_authToken=$NPM_TOKEN" >/dev/null
done
"$publish" --publish --registry "$registry" "${tarballs[@]}"

install() { # install DIR [npm flags...]
  local dir=$tmp/$1
  shift
  mkdir -p "$dir"
  echo '{"name": "consumer", "private": true}' >"$dir/package.json"
  (cd "$dir" && npm install "$name" "$@" --registry "$registry" --no-audit --no-fund --loglevel=warn)
}
installed() { ls "$1/node_modules/${name%%/*}" | tr '\n' ' '; }

echo "== npm install $name"
install native
echo "installed: $(installed "$tmp/native")"
platform=${name#*/}-linux-x64-gnu
if [ "$(installed "$tmp/native")" != "${name#*/} $platform " ]; then
  echo "expected npm to install ${name#*/} and $platform alone" >&2
  exit 1
fi
ADDON_0=$tmp/native/node_modules/$name node --test --test-reporter=spec "$test_js"
# ES modules see each export by name, as TypeScript's declarations promise.
(cd "$tmp/native" && node --input-type=module -e "
  import { version } from '$name';
  import { createRequire } from 'node:module';
  const { version: expected } = createRequire(import.meta.url)('$name/package.json');
  if (version() !== expected) throw new Error('import { version }: ' + version() + ', package.json: ' + expected);
  console.log('import { version } from \'$name\': ' + version());
")
# The README's example, as a reader would copy it, against what npm installed.
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const found = /^## Example\n[\s\S]*?^```js\n([\s\S]*?)^```$/m.exec(text);
  if (!found) throw new Error(process.argv[1] + ": no ```js block under ## Example");
  process.stdout.write(found[1]);
' "$tmp/native/node_modules/$name/README.md" >"$tmp/native/readme-example.js"
(cd "$tmp/native" && node readme-example.js)
echo "README.md's example runs against $name"

if [[ " ${tarballs[*]} " == *"/npm_wasm32-wasi.tgz "* ]]; then
  echo "== npm install --cpu=wasm32 $name"
  install wasm --cpu=wasm32
  echo "installed: $(installed "$tmp/wasm")"
  if installed "$tmp/wasm" | grep -Eq -- '-(linux|darwin|win32)-'; then
    echo "a native package was installed next to the wasm32 one" >&2
    exit 1
  fi
  ADDON_0=$tmp/wasm/node_modules/$name node --test --test-reporter=spec "$test_js"
fi
