#!/usr/bin/env bash
# wasm_test.sh PACKAGE_JSON WASM TEST_JS: runs a binding's own test against its
# wasm32 build, loaded the way users get it: the package's index.js with the
# .wasm beside it, forced onto the wasm path, emnapi's runtime from the pinned
# npm packages (@npm_wasm_runtime). The directory holds no .node file and no
# platform package is installed, so only the wasm path can satisfy require().
set -euo pipefail
pkg_dir=$(dirname "$1")
dir=$(mktemp -d "${TEST_TMPDIR:-/tmp}/pkg-XXXXXX")
cp "$pkg_dir/index.js" "$pkg_dir/package.json" "$2" "$dir/"
modules=(../*npm_wasm_runtime/node_modules)
export NODE_PATH=$(cd "${modules[0]}" && pwd)
export RUVIO_FORCE_WASM=1 ADDON_0=$dir
exec node --test --test-reporter=spec "$PWD/$3"
