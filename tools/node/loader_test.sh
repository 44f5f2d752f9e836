#!/usr/bin/env bash
# loader_test.sh PACKAGE_JSON ADDON CRATE_VERSION: runs loader_test.js for one
# package; CRATE_VERSION is what the addon's version() reports. With
# NODE_WIN32=NODE_EXE it runs in Node for Windows under Wine (wine.sh).
set -euo pipefail
export PACKAGE_DIR="$PWD/$(dirname "$1")"
export ADDON_0="$PWD/$2"
export CRATE_VERSION="$3"
node=(node --test)
# One Node process under Wine (see node_test.sh).
[[ -z ${NODE_WIN32:-} ]] || node=("$PWD/tools/node/wine.sh" "$PWD/$NODE_WIN32" --test --test-isolation=none)
exec "${node[@]}" --test-reporter=spec "$PWD/tools/node/loader_test.js"
