#!/usr/bin/env bash
# Runs a node:test file with the image's Node: node_test.sh TEST.js ADDON...
# Each ADDON path (from the runfiles) reaches the test as ADDON_0, ADDON_1...
#
# NODE_ARCH=arm64 runs the arm64 build of Node (unpacked in the image at
# /opt/node-arm64) under qemu-user, with the arm64 libraries multiarch puts
# in the image, so arm64 addons load in a real arm64 Node.
set -euo pipefail
test_js="$1"
shift
i=0
for addon in "$@"; do
  export "ADDON_$i=$PWD/$addon"
  i=$((i + 1))
done
node=(node --test)
if [[ ${NODE_ARCH:-} == arm64 ]]; then
  # node:test runs each file in a child process: that one must be arm64 too.
  node=(qemu-aarch64 -L / /opt/node-arm64/usr/bin/node --test --test-isolation=none)
elif [[ -n ${NODE_WIN32:-} ]]; then
  # One Node process under Wine: a child per test file would start Wine's
  # process machinery again for nothing.
  node=("$PWD/tools/node/wine.sh" "$PWD/$NODE_WIN32" --test --test-isolation=none)
fi
exec "${node[@]}" --test-reporter=spec "$test_js"
