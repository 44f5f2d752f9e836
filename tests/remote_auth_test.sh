#!/usr/bin/env bash
# Who may write the team's cache and use the build farm, end to end on
# loopback, with one tiny action (tests/testdata/remote:salted, a new salt
# for each check, so each starts from a result no server has seen). Runs
# Bazel itself (one output base, no disk cache), so it is a script, not a
# bazel test:
#   tests/remote_auth_test.sh
# A throwaway certificate authority, server certificate, cache writer and
# tokens are made first (tools/remote-credentials), then:
# the cache (tools/remote-cache, TLS, writers listed):
#  1. a build with --config=remote-cache-write and no credential succeeds
#     locally, Bazel warns that its uploads failed, and the cache holds no
#     new action result;
#  2. an HTTPS PUT without a credential is refused (401);
#  3. with CI's credential the same build writes, and an anonymous reader
#     then gets its result from the cache;
#  4. a client trusting another authority refuses the server (and sends it
#     nothing, credential or not);
#  5. a plaintext (grpc://) client gets nothing from it;
# remote execution (tools/rbe, TLS, tokens):
#  6. an Execute without a token is refused, and the build fails;
#  7. a CAS upload without a token is refused, with a client token accepted;
#  8. a client token cannot write the action cache;
#  9. a worker without a token cannot register;
# 10. an Execute with a client token runs on the worker;
# 11. no password, header or token is anywhere it should not be: Bazel's
#     output base (its logs), build event and execution log files, the
#     bazelrc tools/bazel writes, the image, any process's command line.
# To see the checks fail, break a server's check: drop --htpasswd_file and
# --allow_unauthenticated_reads from tools/remote-cache, or set
# `method: none` in tools/remote/buildgrid.yml.
# Prints one line per check and "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
# shellcheck source=../tools/lib/image.sh
source tools/lib/image.sh
# shellcheck source=../tools/lib/remote_cache.sh
source tools/lib/remote_cache.sh
# shellcheck source=checks.sh
source tests/checks.sh
target=//tests/testdata/remote:salted
work=$RUVIO_STATE/remote-auth-test
rm -rf "$work"
mkdir -p "$work"
touch "$work/start"
ruvio_remote_test_credentials "$work/credentials" || exit 1
creds=$RUVIO_TEST_CREDENTIALS
unset RUVIO_REMOTE_CACHE_CREDENTIAL RUVIO_REMOTE_CACHE_CREDENTIAL_FILE RUVIO_REMOTE_EXECUTOR \
  RUVIO_REMOTE_EXECUTOR_TOKEN RUVIO_REMOTE_EXECUTOR_TOKEN_FILE
ruvio_remote_cache_ports
ruvio_remote_cache_start "$work/storage" "$work/cache-server.log" --max-size 1 || exit 1
rbe=
stop_servers() {
  ruvio_remote_cache_stop
  [ -z "$rbe" ] || { kill -TERM -- "-$rbe" 2>/dev/null; wait "$rbe" 2>/dev/null; }
  tools/bazel --output_base="$work/ob" shutdown >/dev/null 2>&1
}
trap stop_servers EXIT

n=0
# build NAME CONFIG [ENV=VALUE...]: a clean build of the target with a new
# salt, as tools/bazel does it with the given environment; log in
# $work/NAME.log, build events in $work/NAME.bep.json. `clean` also empties
# Bazel's credential cache, so each build asks the helper afresh.
build() {
  local name=$1 config=$2
  shift 2
  n=$((n + 1))
  salt="$name-$n-$RANDOM$RANDOM"
  env "$@" tools/bazel --output_base="$work/ob" clean >/dev/null 2>&1
  env "$@" tools/bazel --output_base="$work/ob" build --config="$config" --disk_cache= --noshow_progress \
    --define=salt="$salt" --build_event_json_file="$work/$name.bep.json" \
    --execution_log_json_file="$work/$name.exec.json" "$target" >"$work/$name.log" 2>&1
}
results() { find "$work/storage" -path '*/ac.v2/*' -type f | wc -l; }
said() { grep -aiEo "$2" "$work/$1.log" | head -1 | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-120; }
writer=RUVIO_REMOTE_CACHE_CREDENTIAL_FILE=$RUVIO_TEST_CACHE_WRITER

# --- the cache ------------------------------------------------------------------
before=$(results)
build anonymous-write remote-cache-write
status=$?
msg=$(said anonymous-write 'Remote Cache: [^.]*(errors during bulk transfer|UNAUTHENTICATED)[^.]*')
after=$(results)
check "cache: a write without credential is refused" $((status != 0 || after != before || ${#msg} == 0)) \
  "build exit $status, action results $before -> $after, Bazel: ${msg:-nothing}"

echo refused >"$work/blob"
code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$creds/ca.pem" -X PUT --data-binary @"$work/blob" \
  "https://$RUVIO_REMOTE_CACHE_HTTP/cas/$(sha256sum <"$work/blob" | cut -d' ' -f1)")
check "cache: an HTTPS PUT without credential is refused" $((code != 401)) "HTTP $code"

before=$(results)
build ci-write remote-cache-write "$writer"
status=$?
after=$(results)
written=$salt
tools/bazel --output_base="$work/ob" clean >/dev/null 2>&1
tools/bazel --output_base="$work/ob" build --config=remote-cache --disk_cache= --noshow_progress \
  --define=salt="$written" "$target" >"$work/ci-read.log" 2>&1
read_status=$?
hits=$(bazel_processes "$work/ci-read.log")
echo "$hits" | grep -q '1 remote cache hit'
check "cache: CI's credential writes, anyone reads it" $((status != 0 || after <= before || read_status != 0 || $? != 0)) \
  "action results $before -> $after; anonymous reader: $hits"

# Bazel prints only "UNAVAILABLE: io exception"; why is in its server log.
tools/remote-credentials init "$work/other-ca" 2>/dev/null
before=$(results)
rejected=$(grep -ac 'PKIX path validation failed' "$work/ob/java.log")
build other-ca remote-cache-write "$writer" RUVIO_REMOTE_CA="$work/other-ca/ca.pem"
msg=$(said other-ca 'Remote Cache: UNAVAILABLE[^.]*')
after=$(results)
why=$(grep -a 'PKIX path validation failed' "$work/ob/java.log" | tail -1 | sed 's/.*ValidatorException: //' | cut -c1-100)
check "cache: a client trusting another authority refuses the server" \
  $((after != before || ${#msg} == 0 || $(grep -ac 'PKIX path validation failed' "$work/ob/java.log") == rejected)) \
  "action results $before -> $after, Bazel: ${msg:-nothing} (${why:-no certificate error})"

# The result CI wrote above, asked for in plaintext.
RUVIO_REMOTE_CACHE="grpc://$RUVIO_REMOTE_CACHE_GRPC" tools/bazel --output_base="$work/ob" clean >/dev/null 2>&1
RUVIO_REMOTE_CACHE="grpc://$RUVIO_REMOTE_CACHE_GRPC" tools/bazel --output_base="$work/ob" build --config=remote-cache \
  --disk_cache= --noshow_progress --define=salt="$written" "$target" >"$work/plaintext.log" 2>&1
status=$?
line=$(bazel_processes "$work/plaintext.log")
msg=$(said plaintext 'Remote Cache: [^.]*|UNAVAILABLE[^.]*|Connection[^.]*')
! echo "$line" | grep -q 'remote cache hit'
check "cache: a plaintext client gets nothing" $((status != 0 || $? != 0)) "$line; Bazel: ${msg:-nothing}"

# --- remote execution -------------------------------------------------------------
port=$(ruvio_free_port)
executor=grpcs://127.0.0.1:$port
setsid tools/rbe --dir "$work/rbe" --address "127.0.0.1:$port" --workers 1 --jobs 1 \
  --tls-cert "$creds/server-127.0.0.1.pem" --tls-key "$creds/server-127.0.0.1.key" --tls-ca "$creds/ca.pem" \
  --token-key "$creds/token-verify.pem" --worker-token "$creds/token-worker-test.jwt" >"$work/rbe.log" 2>&1 &
rbe=$!
for _ in $(seq 1200); do
  grep -q 'workers, ' "$work/rbe.log" && break
  kill -0 "$rbe" 2>/dev/null || { echo "tools/rbe stopped:" >&2; tail -20 "$work/rbe.log" >&2; exit 1; }
  sleep 0.5
done

build no-token rbe RUVIO_REMOTE_EXECUTOR="$executor"
status=$?
msg=$(said no-token 'UNAUTHENTICATED[^.]*')
check "rbe: an Execute without a token is refused" $((status == 0 || ${#msg} == 0)) \
  "build exit $status, Bazel: ${msg:-nothing}"

# bgd's own client, in the image, for calls Bazel does not make on its own.
bgd=$(ruvio_built_file @buildgrid//:bgd 2>/dev/null)
bgd() { ruvio_image_exec "$bgd" "$@" 2>&1; }
remote=(--remote "https://127.0.0.1:$port" --server-cert "$creds/ca.pem")
out=$(bgd cas "${remote[@]}" upload-file "$work/blob")
anonymous=$?
out2=$(bgd cas "${remote[@]}" --auth-token "$creds/token-client-test.jwt" upload-file "$work/blob")
client=$?
echo "$out2" | grep -q Success
accepted=$?
echo "$out" | grep -q 'StatusCode.UNAUTHENTICATED'
check "rbe: a CAS write without a token is refused, with one accepted" \
  $((anonymous == 0 || $? != 0 || client != 0 || accepted != 0)) \
  "without: $(echo "$out" | grep -ao 'StatusCode\.[A-Z_]*' | head -1); with: $(echo "$out2" | grep -ao 'Success: Pushed' | head -1)"

# An empty action result (the empty blob, which every CAS holds) for an
# action that never ran: what a poisoned entry would look like.
empty=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855/0
out=$(bgd actioncache "${remote[@]}" --auth-token "$creds/token-client-test.jwt" update \
  "$(sha256sum <"$work/blob" | cut -d' ' -f1)/$(stat -c %s "$work/blob")" "$empty")
echo "$out" | grep -q 'StatusCode.UNAUTHENTICATED'
check "rbe: a client token cannot write the action cache" $? \
  "UpdateActionResult: $(echo "$out" | grep -aoE 'StatusCode\.[A-Z_]*|Success[^.]*' | head -1)"

# A worker of its own, with the farm's local CAS (so the first call it makes
# to BuildGrid is to register) but no token.
out=$(ruvio_image_exec timeout 30 buildbox-worker --bots-remote="https://127.0.0.1:$port" \
  --bots-server-cert="$creds/ca.pem" --cas-remote="unix:$work/rbe/run/casd.sock" \
  --buildbox-run=/usr/bin/buildbox-run-hosttools intruder 2>&1)
echo "$out" >"$work/intruder.log"
line=$(echo "$out" | grep -a 'BotSession.*No valid authorization' | head -1)
check "rbe: a worker without a token cannot register" $((${#line} == 0)) \
  "$(echo "${line:-$(echo "$out" | tail -1)}" | sed 's/^.*\] //' | cut -c1-120)"

build client-token rbe RUVIO_REMOTE_EXECUTOR="$executor" RUVIO_REMOTE_EXECUTOR_TOKEN_FILE="$creds/token-client-test.jwt"
status=$?
line=$(bazel_processes "$work/client-token.log")
echo "$line" | grep -q '1 remote'
check "rbe: an Execute with a client token runs on the worker" $((status != 0 || $? != 0)) "$line"

# --- secrets stay out --------------------------------------------------------------
password=$(cut -d: -f2- "$RUVIO_TEST_CACHE_WRITER")
secrets=("$password" "$(base64 -w0 <"$RUVIO_TEST_CACHE_WRITER" | head -c 40)"
  "$(printf '%s' "$(cat "$RUVIO_TEST_CACHE_WRITER")" | base64 -w0)" "$(cut -d. -f3 "$creds/token-client-test.jwt")")
printf '%s\n' "${secrets[@]}" >"$work/credentials/secrets"
info=$(RUVIO_REMOTE_EXECUTOR="$executor" RUVIO_REMOTE_EXECUTOR_TOKEN_FILE="$creds/token-client-test.jwt" "$writer" \
  tools/bazel --output_base="$work/ob" info --config=remote-cache-write 2>&1)
where=$({
  grep -rlaF -f "$work/credentials/secrets" "$work/ob" "$work"/*.json "$work"/*.log "$RUVIO_STATE/rc" \
    "$RUVIO_STATE/tls" "$work/rbe/log" 2>/dev/null
  find "$RUVIO_ROOTFS" -xdev -newer "$work/start" -type f -print0 2>/dev/null |
    xargs -0 -r grep -laF -f "$work/credentials/secrets" 2>/dev/null
  echo "$info" | grep -qaF -f "$work/credentials/secrets" && echo "bazel info"
  ps -eo args | grep -v grep | grep -qaF -f "$work/credentials/secrets" && echo "a command line"
} | sed "s|$work/||")
check "secrets stay out of logs, build events, bazelrc, image, command lines" $((${#where} != 0)) \
  "${where:-searched the output base, $(find "$work" -maxdepth 1 -name '*.json' | wc -l) event and execution logs, server logs, rc files, the image, ps}"

checks_done "remote authentication"
