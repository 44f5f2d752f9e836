#!/usr/bin/env bash
# loader_test.sh PACKAGE_JSON ADDON (CRATE_VERSION | --exports=FILE): runs
# loader_test.js for one package; CRATE_VERSION is what the addon's version()
# reports, FILE a published addon's exports (it has no version() of its own).
# With NODE_WIN32=NODE_EXE it runs in Node for Windows under Wine (wine.sh).
set -euo pipefail
export PACKAGE_DIR="$PWD/$(dirname "$1")"
export ADDON_0="$PWD/$2"
if [[ $3 == --exports=* ]]; then
  export EXPORTS_FILE="$PWD/${3#--exports=}"
else
  export CRATE_VERSION="$3"
fi
node=(node --test)
# One Node process under Wine (see node_test.sh).
[[ -z ${NODE_WIN32:-} ]] || node=("$PWD/tools/node/wine.sh" "$PWD/$NODE_WIN32" --test --test-isolation=none)
exec "${node[@]}" --test-reporter=spec "$PWD/tools/node/loader_test.js"
