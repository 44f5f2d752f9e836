#!/usr/bin/env bash
# Runs a program's node:test file against one platform's build of it:
#   program_test.sh PLATFORM PROGRAM TEST.js
# The test calls `run(args, { input })` from program_test.js, which starts the
# program the way this machine can run that platform's build.
set -euo pipefail
export PROGRAM_PLATFORM="$1" PROGRAM="$PWD/$2" PROGRAM_RUN="$PWD/tools/node/program_test.js"
export WINE_SH="$PWD/tools/node/wine.sh"
exec node --test --test-reporter=spec "$3"
