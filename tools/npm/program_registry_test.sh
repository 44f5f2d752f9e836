#!/usr/bin/env bash
# program_registry_test.sh PROGRAM_TEST_JS BIN PUBLISH CRATE TARBALL...: the
# round trip users of a program make. Starts Verdaccio on loopback with empty
# storage, publishes the crate's tarballs with the program `bazel run
# :publish` runs (PUBLISH, ruvio_build/publish.py), then in fresh directories
# installs the main package from it and runs the program's own test through
# `npx BIN`:
#   - plainly: npm picks this machine's platform package, the launcher runs
#     its executable;
#   - with --libc=musl (when there is a linux-x64-musl build): npm picks the
#     musl package instead, whose static executable runs here too;
#   - with --cpu=wasm32 (when there is a wasm32 build): no native package
#     fits, npm installs the wasm32 one, the launcher runs it in Node's WASI.
set -euo pipefail
test_js=$PWD/$1
bin=$2
publish=$PWD/$3
crate=$4
shift 4
tarballs=()
for t in "$@"; do tarballs+=("$PWD/$t"); done
main=${tarballs[-1]}
modules=$(cd ../*npm_tools/node_modules && pwd)
tmp=${TEST_TMPDIR:-$(mktemp -d)}
export HOME=$tmp/home npm_config_cache=$tmp/npm-cache npm_config_update_notifier=false
mkdir -p "$HOME"
name=$(tar -xzOf "$main" package/package.json | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).name')

# shellcheck source=verdaccio.sh
source "$PWD/tools/npm/verdaccio.sh"
verdaccio_start "$tmp" "$modules"
registry=$REGISTRY
"$publish" --publish --registry "$registry" --tarballs "$crate" "${tarballs[@]}"

install() { # install DIR [npm flags...]
  local dir=$tmp/$1
  shift
  mkdir -p "$dir"
  echo '{"name": "consumer", "private": true}' >"$dir/package.json"
  (cd "$dir" && npm install "$name" "$@" --registry "$registry" --no-audit --no-fund --loglevel=warn)
}
installed() { ls "$1/node_modules/${name%%/*}" | tr '\n' ' '; }
run_test() { # run_test DIR: the program's test, through npx in DIR
  NPX_DIR=$1 NPX_BIN=$bin PROGRAM_RUN=$PWD/tools/npm/npx_run.js node --test --test-reporter=spec "$test_js"
}
expect_installed() { # expect_installed DIR PLATFORM
  echo "installed: $(installed "$1")"
  if [ "$(installed "$1")" != "${name#*/} ${name#*/}-$2 " ]; then
    echo "expected npm to install ${name#*/} and ${name#*/}-$2 alone" >&2
    exit 1
  fi
}

echo "== npm install $name; npx $bin"
install native
expect_installed "$tmp/native" linux-x64-gnu
run_test "$tmp/native"

if [[ " ${tarballs[*]} " == *"/npm_linux-x64-musl.tgz "* ]]; then
  echo "== npm install --libc=musl $name; npx $bin"
  install musl --libc=musl
  expect_installed "$tmp/musl" linux-x64-musl
  RUVIO_LIBC=musl run_test "$tmp/musl"
fi

if [[ " ${tarballs[*]} " == *"/npm_wasm32-wasi.tgz "* ]]; then
  echo "== npm install --cpu=wasm32 $name; npx $bin"
  install wasm --cpu=wasm32
  expect_installed "$tmp/wasm" wasm32-wasi
  run_test "$tmp/wasm"
fi
