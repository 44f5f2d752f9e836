#!/usr/bin/env bash
# publish_test.sh PUBLISH --tarballs CRATE TARBALL... [--tarballs CRATE TARBALL...]
# The publish command (PUBLISH, ruvio_build/publish.py, with the tarball
# arguments `bazel run //packages:publish` gets) against Verdaccio on
# loopback with empty storage:
#   1. a dry run asks the registry, says it would publish every package and
#      uploads nothing;
#   2. a run stopped from outside (its process group killed) after it has
#      published some packages but not all;
#   3. the next run publishes exactly the rest: every package version is then
#      in the registry;
#   4. one more run publishes nothing: every package is already there.
set -euo pipefail
publish=$PWD/$1
shift
groups=("$@")
modules=$(cd ../*npm_tools/node_modules && pwd)
tmp=${TEST_TMPDIR:-$(mktemp -d)}
export HOME=$tmp/home npm_config_cache=$tmp/npm-cache npm_config_update_notifier=false
mkdir -p "$HOME"

# Every package the tarballs hold, as name@version.
specs=()
for arg in "${groups[@]}"; do
  case "$arg" in
    *.tgz) specs+=("$(tar -xzOf "$arg" package/package.json | node -pe 'const p = JSON.parse(require("fs").readFileSync(0, "utf8")); `${p.name}@${p.version}`')") ;;
  esac
done
total=${#specs[@]}
echo "== $total packages"

# shellcheck source=verdaccio.sh
source "$PWD/tools/npm/verdaccio.sh"
verdaccio_start "$tmp" "$modules"

fail() { echo "FAIL: $*" >&2; exit 1; }
# How many of the packages the registry has, each asked for by its packument.
in_registry() {
  node - "$REGISTRY" "${specs[@]}" <<'JS'
const [registry, ...specs] = process.argv.slice(2);
(async () => {
  let found = 0;
  for (const spec of specs) {
    const at = spec.lastIndexOf('@');
    const [name, version] = [spec.slice(0, at), spec.slice(at + 1)];
    const r = await fetch(registry + name.replace('/', '%2f'));
    if (r.status === 404) continue;
    if (!r.ok) throw new Error(`GET ${name}: ${r.status}`);
    if (version in (await r.json()).versions) found++;
  }
  console.log(found);
})().catch((e) => { console.error(e.message); process.exit(1); });
JS
}
# The summary's counts: published (or would publish), already there, failed.
totals() { awk '$1 == "total" { print $2, $3, $4 }' "$1"; }

echo "== 1. dry run"
"$publish" --registry "$REGISTRY" "${groups[@]}" >"$tmp/dry.log" || { cat "$tmp/dry.log"; fail "the dry run failed"; }
[ "$(totals "$tmp/dry.log")" = "$total 0 0" ] || { cat "$tmp/dry.log"; fail "the dry run should say it would publish all $total"; }
[ "$(in_registry)" = 0 ] || fail "the dry run uploaded packages"
echo "would publish $total, uploaded none"

echo "== 2. a run stopped halfway"
stop_after=3
# Its own process group (setsid), so that npm's child dies with it, as after
# Ctrl-C or a lost machine.
setsid "$publish" --publish --registry "$REGISTRY" "${groups[@]}" >"$tmp/stopped.log" 2>&1 &
run=$!
for _ in $(seq 3000); do
  [ "$(grep -c '^  published ' "$tmp/stopped.log")" -ge $stop_after ] && break
  kill -0 $run 2>/dev/null || { cat "$tmp/stopped.log"; fail "the run ended before it was stopped"; }
  sleep 0.1
done
kill -KILL -- -$run
{ wait $run || true; } 2>/dev/null # bash's "Killed" notice
grep -q '^summary' "$tmp/stopped.log" && fail "the run finished before it was stopped"
before=$(in_registry)
[ "$before" -ge $stop_after ] && [ "$before" -lt "$total" ] || fail "after the stop the registry has $before of $total packages"
echo "stopped with $before of $total in the registry"

echo "== 3. the next run finishes it"
"$publish" --publish --registry "$REGISTRY" "${groups[@]}" | tee "$tmp/resumed.log"
[ "$(totals "$tmp/resumed.log")" = "$((total - before)) $before 0" ] || fail "the resumed run should publish $((total - before)) and find $before there"
[ "$(in_registry)" = "$total" ] || fail "the registry lacks packages after the resumed run"
echo "all $total package versions are in the registry"

echo "== 4. once more: nothing to publish"
"$publish" --publish --registry "$REGISTRY" "${groups[@]}" >"$tmp/again.log" || { cat "$tmp/again.log"; fail "the last run failed"; }
[ "$(totals "$tmp/again.log")" = "0 $total 0" ] || { cat "$tmp/again.log"; fail "the last run should find all $total already there"; }
echo "published none, all $total already there"
