#!/usr/bin/env bash
# loader_test.sh PACKAGE_JSON ADDON: runs loader_test.js for one package.
set -euo pipefail
export PACKAGE_DIR="$PWD/$(dirname "$1")"
export ADDON_0="$PWD/$2"
exec node --test --test-reporter=spec "$PWD/tools/node/loader_test.js"
