#!/usr/bin/env bash
# Remote execution, end to end, on loopback. Runs Bazel itself (its own output
# base, no disk cache), so it is a script, not a bazel test:
#   tests/rbe_test.sh [TARGET...]   (default: the pilot's packages and tests)
# 1. tools/rbe starts BuildGrid, PostgreSQL and one worker with empty state
#    on a free loopback port, secured as a team's is (TLS with a throwaway
#    authority, tokens for Bazel and the worker);
# 2. output base R runs `bazel test --config=rbe TARGET...`: every test
#    passes, and Bazel's execution log shows every compile (Rustc, CppCompile)
#    and link action executed by the worker, none here;
# 3. the addons R built are byte-identical to the same targets built locally
#    (this checkout's usual output base: local actions or this machine's disk
#    cache of them, never remote results).
# Prints one line per check and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../tools/lib/image.sh
source tools/lib/image.sh
# shellcheck source=../tools/lib/remote_cache.sh
source tools/lib/remote_cache.sh
# shellcheck source=checks.sh
source tests/checks.sh
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(//crates/bit-parallel-search/... //packages/bit-parallel-search/...)
work=$RUVIO_STATE/rbe-test
rm -rf "$work"
mkdir -p "$work"
port=$(ruvio_free_port)
ruvio_remote_test_credentials "$work/credentials" || exit 1
creds=$RUVIO_TEST_CREDENTIALS
export RUVIO_REMOTE_EXECUTOR=grpcs://127.0.0.1:$port RUVIO_REMOTE_EXECUTOR_TOKEN_FILE=$creds/token-client-test.jwt

# In a session of its own, so that stopping it reaches every process it started.
setsid tools/rbe --dir "$work/rbe" --address "127.0.0.1:$port" \
  --tls-cert "$creds/server-127.0.0.1.pem" --tls-key "$creds/server-127.0.0.1.key" --tls-ca "$creds/ca.pem" \
  --token-key "$creds/token-verify.pem" --worker-token "$creds/token-worker-test.jwt" >"$work/rbe.log" 2>&1 &
server=$!
stop_server() { kill -TERM -- "-$server" 2>/dev/null; wait "$server" 2>/dev/null; }
trap stop_server EXIT
for _ in $(seq 1200); do
  grep -q 'workers, ' "$work/rbe.log" && break
  kill -0 "$server" 2>/dev/null || { echo "tools/rbe stopped:" >&2; tail -20 "$work/rbe.log" >&2; exit 1; }
  sleep 0.5
done

tools/bazel --output_base="$work/ob-r" test --config=rbe --disk_cache= --noshow_progress --verbose_failures \
  --execution_log_json_file="$work/exec.json" "${targets[@]}" >"$work/r.log" 2>&1
status=$?
tools/bazel --output_base="$work/ob-r" shutdown >/dev/null 2>&1
line=$(bazel_processes "$work/r.log")
tests=$(grep -aE 'Executed [0-9]+ out of' "$work/r.log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g; s/^INFO: //')
check "R builds and tests remotely" "$status" "$tests; $line"

# Which runner executed each spawn, by mnemonic, from the execution log.
summary=$(python3 - "$work/exec.json" <<'PY'
import json, sys
from collections import Counter
text = open(sys.argv[1]).read()
decoder, pos, runs = json.JSONDecoder(), 0, Counter()
while pos < len(text):
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos == len(text):
        break
    spawn, pos = decoder.raw_decode(text, pos)
    runs[(spawn.get("mnemonic", "?"), spawn.get("runner", "?"))] += 1
compile_ = {"Rustc", "CppCompile", "CppLink", "RustcMetadata"}
local = sum(n for (m, r), n in runs.items() if m in compile_ and r != "remote")
remote = sum(n for (m, r), n in runs.items() if m in compile_ and r == "remote")
print(local, remote, ", ".join(f"{m} {r}: {n}" for (m, r), n in sorted(runs.items())))
PY
)
read -r local_compiles remote_compiles rest <<<"$summary"
check "compiles on the worker" $(( local_compiles != 0 || remote_compiles == 0 )) \
  "$remote_compiles remote, $local_compiles local; $(echo "$rest" | cut -c1-400)"

# The same addons built locally, compared file by file.
remote=$(addon_digests "$work/ob-r")
addon_targets=$(tools/bazel query "kind('napi_addon rule', ${targets[0]})" 2>/dev/null)
# shellcheck disable=SC2086
tools/bazel build --noshow_progress $addon_targets >"$work/local.log" 2>&1
status=$?
local_base=$(tools/bazel info output_base 2>/dev/null)
same=0 different=()
while read -r sum path; do
  [ "$(sha256sum <"$local_base/execroot/_main/$path" 2>/dev/null | cut -d' ' -f1)" = "$sum" ] && same=$((same + 1)) ||
    different+=("$path")
done <<<"$remote"
check "remote outputs = local outputs" $(( status != 0 || same == 0 || ${#different[@]} != 0 )) \
  "$same addons identical${different:+; different: ${different[*]}}"

checks_done "remote execution"
