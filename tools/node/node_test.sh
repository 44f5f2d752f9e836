#!/usr/bin/env bash
# Runs a node:test file with the image's Node: node_test.sh TEST.js ADDON...
# Each ADDON path (from the runfiles) reaches the test as ADDON_0, ADDON_1...
set -euo pipefail
test_js="$1"
shift
i=0
for addon in "$@"; do
  export "ADDON_$i=$PWD/$addon"
  i=$((i + 1))
done
exec node --test --test-reporter=spec "$test_js"
