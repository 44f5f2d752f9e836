#!/usr/bin/env bash
# lint_test.sh [--no-types] PUBLINT_MJS TARBALL...: every tarball, exactly as
# it would be published, must satisfy publint with warnings as errors; the main
# package (the last) must also type-check its index.d.ts with TypeScript
# (strict) and resolve its types in every module mode (arethetypeswrong),
# unless it is a program's (--no-types), which has no module to import.
set -euo pipefail
types=1
if [ "$1" = --no-types ]; then
  types=0
  shift
fi
publint=$1
shift
modules=$(cd ../*npm_tools/node_modules && pwd)
tmp=${TEST_TMPDIR:-$(mktemp -d)}
export HOME=$tmp/home npm_config_cache=$tmp/npm-cache
mkdir -p "$HOME"
echo "== publint"
node "$publint" "$modules" "$@"
[ "$types" = 1 ] || exit 0
main=${*: -1}
mkdir -p "$tmp/main"
tar -xzf "$main" -C "$tmp/main"
echo "== tsc --strict $(basename "$main"): index.d.ts"
node "$modules/typescript/bin/tsc" --noEmit --strict --types node --typeRoots "$modules/@types" "$tmp/main/package/index.d.ts"
echo "== attw $(basename "$main")"
node "$modules/@arethetypeswrong/cli/dist/index.js" --profile node16 --format ascii "$PWD/$main"
