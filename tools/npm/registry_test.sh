#!/usr/bin/env bash
# registry_test.sh ADDON_TEST_JS (CRATE_VERSION | --exports=FILE) PUBLISH CRATE
# TARBALL...: the round trip users make. Starts Verdaccio on loopback with
# empty storage, publishes the crate's tarballs with the program `bazel run
# :publish` runs (PUBLISH, ruvio_build/publish.py), then in fresh directories
# installs the main package from it and runs the binding's own test against
# what npm installed:
#   - plainly: npm picks this machine's platform package, the addon loads,
#     and the example in the package's README.md runs;
#   - with --cpu=wasm32 (when the crate has a wasm32 build): no native
#     package fits, npm installs the wasm32 one, the loader falls back to it.
# An ES module imports version() by name, which must be the crate's; a
# published addon, which has no version() of its own, has every export of
# FILE (one a line) imported by name instead.
set -euo pipefail
test_js=$PWD/$1
crate_version="" exports=""
if [[ $2 == --exports=* ]]; then
  exports=$PWD/${2#--exports=}
else
  crate_version=$2
fi
publish=$PWD/$3
crate=$4
shift 4
tarballs=()
for t in "$@"; do tarballs+=("$PWD/$t"); done
main=${tarballs[-1]}
modules=$(cd ../*npm_tools/node_modules && pwd)
runtime=$(cd ../*npm_wasm_runtime/node_modules && pwd)
tmp=${TEST_TMPDIR:-$(mktemp -d)}
export HOME=$tmp/home npm_config_cache=$tmp/npm-cache npm_config_update_notifier=false
mkdir -p "$HOME"
name=$(tar -xzOf "$main" package/package.json | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).name')

# shellcheck source=verdaccio.sh
source "$PWD/tools/npm/verdaccio.sh"
verdaccio_start "$tmp" "$modules"
registry=$REGISTRY

# The wasm32 package's own dependencies, from the pinned copies the tests use
# (copied out of the runfiles: npm leaves symlinked files out of a package).
for dir in "$runtime"/@emnapi/* "$runtime"/tslib; do
  copy=$tmp/deps/$(basename "$dir")
  mkdir -p "$copy"
  cp -RL "$dir/." "$copy"
  npm publish "$copy" --ignore-scripts --registry "$registry" --userconfig /dev/null \
    "--//${registry#http://}:_authToken=$NPM_TOKEN" >/dev/null
done
"$publish" --publish --registry "$registry" --tarballs "$crate" "${tarballs[@]}"

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
# ES modules see each export by name, as TypeScript's declarations promise;
# version() is the wrapped crate's (the npm version adds the binding revision).
if [ -n "$exports" ]; then
  names=$(paste -sd, "$exports")
  (cd "$tmp/native" && node --input-type=module -e "
    import { $names } from '$name';
    import { createRequire } from 'node:module';
    const esm = { $names };
    const cjs = createRequire(import.meta.url)('$name');
    for (const key of Object.keys(cjs)) {
      if (esm[key] !== cjs[key]) throw new Error('import { ' + key + ' }: not what require() gives');
    }
    console.log('import { ' + Object.keys(esm).length + ' exports } from \'$name\'');
  ")
else
  (cd "$tmp/native" && node --input-type=module -e "
    import { version } from '$name';
    if (version() !== '$crate_version') throw new Error('import { version }: ' + version() + ', the crate: $crate_version');
    console.log('import { version } from \'$name\': ' + version());
  ")
fi
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
