#!/usr/bin/env bash
# loader_test.sh PACKAGE_JSON ADDON CRATE_VERSION: runs loader_test.js for one
# package; CRATE_VERSION is what the addon's version() reports.
set -euo pipefail
export PACKAGE_DIR="$PWD/$(dirname "$1")"
export ADDON_0="$PWD/$2"
export CRATE_VERSION="$3"
exec node --test --test-reporter=spec "$PWD/tools/node/loader_test.js"
