#!/usr/bin/env bash
# The shared remote cache, end to end, on loopback. Runs Bazel itself (four
# separate output bases, no disk cache), so it is a script, not a bazel test:
#   tests/remote_cache_test.sh [TARGET...]
# (default: the pilot's addon for every platform)
# 1. bazel-remote starts with empty storage on free loopback ports, secured
#    as a team's is (TLS with a throwaway authority, writes for CI only);
# 2. output base A builds TARGETs and writes to it, as CI does
#    (--config=remote-cache-write, with CI's credential);
# 3. a second checkout (a copy of this working tree at another path) with its
#    own output base B builds the same as a developer (--config=remote-cache,
#    anonymous):
#    every action must be a remote cache hit, none executed there;
# 4. every blob in the server's storage gets one byte flipped; output base C
#    must notice (Bazel checks each download's digest), run the actions
#    itself, and end with the same bytes as A;
# 5. output base D builds while the server is stopped (8 s in): the build
#    still succeeds, locally, and says the cache went away.
# C and D run actions locally on purpose, so they build the three platforms
# whose std ships prebuilt (FALLBACK_TARGETS): the same checks at a third of
# the time.
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
pilot=//crates/bit-parallel-search
[ ${#targets[@]} -gt 0 ] || targets=("$pilot:linux-x64-gnu" "$pilot:linux-x64-musl" "$pilot:linux-arm64-gnu"
  "$pilot:darwin-x64" "$pilot:darwin-arm64" "$pilot:win32-x64-msvc" "$pilot:wasm32-wasi")
read -ra fallback_targets <<<"${FALLBACK_TARGETS:-$pilot:linux-x64-gnu $pilot:linux-arm64-gnu $pilot:wasm32-wasi}"
work=$RUVIO_STATE/remote-cache-test
rm -rf "$work"
mkdir -p "$work"
ruvio_remote_cache_ports
start_server() { ruvio_remote_cache_start "$work/storage" "$work/server.log" --max-size 5 --storage-mode uncompressed || exit 1; }
stop_server() { ruvio_remote_cache_stop; }
trap stop_server EXIT

build() { # build NAME CONFIG [CHECKOUT [TARGET...]]: builds in output base NAME, log in $work/NAME.log
  local name=$1 config=$2 checkout=${3:-.}
  shift $(($# < 3 ? $# : 3))
  [ $# -gt 0 ] || set -- "${targets[@]}"
  (cd "$checkout" && tools/bazel --output_base="$work/ob-$name" build --config="$config" --disk_cache= \
    --noshow_progress "$@") >"$work/$name.log" 2>&1
  local status=$?
  (cd "$checkout" && tools/bazel --output_base="$work/ob-$name" shutdown) >/dev/null 2>&1
  return $status
}
processes() { bazel_processes "$work/$1.log"; }
digests() { addon_digests "$work/ob-$1"; }

start_server
(export RUVIO_REMOTE_CACHE_CREDENTIAL_FILE=$RUVIO_TEST_CACHE_WRITER && build a remote-cache-write)
check "A writes" $? "$(processes a)"

# The second checkout: what `git status` would show here, nothing ignored.
mkdir "$work/checkout-b"
git ls-files -z --cached --others --exclude-standard |
  tar --null --files-from=- --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$work/checkout-b"
build b remote-cache "$work/checkout-b"
status=$?
line=$(processes b)
! echo "$line" | grep -Eq 'linux-sandbox|local|worker' && echo "$line" | grep -q 'remote cache hit'
check "B reads" $(( status != 0 || $? != 0 )) "$line"

stop_server
damaged=0
while read -r blob; do
  python3 - "$blob" <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    first = f.read(1)
    f.seek(0)
    f.write(bytes([first[0] ^ 0xFF]))
PY
  damaged=$((damaged + 1))
done < <(find "$work/storage" -type f -path '*cas*' -size +0)
start_server
build c remote-cache . "${fallback_targets[@]}"
status=$?
# C built a subset of A's targets: each of its files must be A's, byte for byte.
[ -n "$(digests c)" ] && [ -z "$(LC_ALL=C comm -23 <(digests c) <(digests a))" ]
same=$?
check "C rejects corrupted blobs" $(( status != 0 || same != 0 || damaged == 0 )) \
  "$damaged blobs damaged; $(processes c); outputs identical to A: $([ $same = 0 ] && echo yes || echo no)"

(sleep 8; stop_server) &
build d remote-cache . "${fallback_targets[@]}"
status=$?
grep -aq 'UNAVAILABLE\|Connection refused' "$work/d.log"
said=$?
check "D survives the server going away" $(( status != 0 || said != 0 )) "$(processes d); $(grep -am1 'UNAVAILABLE\|Connection refused' "$work/d.log" | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-160)"

checks_done "remote cache"
