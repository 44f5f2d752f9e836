# Shell functions for scripts that run throwaway servers on loopback
# (tests/remote_cache_test.sh, tests/rbe_test.sh, tests/remote_auth_test.sh,
# benchmarks/run), secured as a team's are. Sourced after image.sh, never
# executed.

# ruvio_remote_test_credentials DIR: a throwaway certificate authority, a
# certificate for a server on loopback, a cache writer (ci) and remote
# execution tokens (client/test, worker/test) in DIR, made afresh; clients
# trust the authority (RUVIO_REMOTE_CA). RUVIO_TEST_CREDENTIALS is DIR and
# RUVIO_TEST_CACHE_WRITER the writer's credential file, for
# RUVIO_REMOTE_CACHE_CREDENTIAL_FILE.
ruvio_remote_test_credentials() {
  local dir=$1 made=$RUVIO_TOOLS/remote-credentials
  rm -rf "$dir"
  { "$made" init "$dir" && "$made" server "$dir" 127.0.0.1 && "$made" cache-writer "$dir" ci &&
    "$made" token "$dir" client/test && "$made" token "$dir" worker/test; } 2>/dev/null ||
    { ruvio_log "making test credentials in $dir failed"; return 1; }
  RUVIO_TEST_CREDENTIALS=$dir
  # shellcheck disable=SC2034 # read by the scripts that source this file
  RUVIO_TEST_CACHE_WRITER=$dir/cache-ci.credential
  export RUVIO_REMOTE_CA=$dir/ca.pem
}

# ruvio_remote_cache_ports: picks free loopback ports once, so that a server
# restarted later is at the same address; points RUVIO_REMOTE_CACHE at it.
ruvio_remote_cache_ports() {
  RUVIO_REMOTE_CACHE_GRPC=127.0.0.1:$(ruvio_free_port)
  RUVIO_REMOTE_CACHE_HTTP=127.0.0.1:$(ruvio_free_port)
  export RUVIO_REMOTE_CACHE=grpcs://$RUVIO_REMOTE_CACHE_GRPC
}

# ruvio_remote_cache_start DIR LOG [ARG...]: starts tools/remote-cache in the
# background with storage in DIR, output appended to LOG, the credentials of
# ruvio_remote_test_credentials (made first if there are none) and extra ARGs,
# and returns once it answers (status 1 if it never does). The first start on
# a machine builds bazel-remote.
ruvio_remote_cache_pid=
ruvio_remote_cache_start() {
  local dir=$1 log=$2
  shift 2
  [ -n "${RUVIO_TEST_CREDENTIALS:-}" ] || ruvio_remote_test_credentials "$(dirname "$dir")/credentials" || return 1
  local creds=$RUVIO_TEST_CREDENTIALS
  "$RUVIO_TOOLS/remote-cache" --dir "$dir" --grpc "$RUVIO_REMOTE_CACHE_GRPC" --http "$RUVIO_REMOTE_CACHE_HTTP" \
    --tls-cert "$creds/server-127.0.0.1.pem" --tls-key "$creds/server-127.0.0.1.key" \
    --writers "$creds/cache-writers.htpasswd" "$@" >>"$log" 2>&1 &
  ruvio_remote_cache_pid=$!
  for _ in $(seq 600); do
    curl -sf --cacert "$creds/ca.pem" "https://$RUVIO_REMOTE_CACHE_HTTP/status" >/dev/null && return 0
    kill -0 "$ruvio_remote_cache_pid" 2>/dev/null || break
    sleep 0.5
  done
  ruvio_log "bazel-remote did not start; see $log"
  return 1
}

ruvio_remote_cache_stop() {
  [ -n "$ruvio_remote_cache_pid" ] || return 0
  kill "$ruvio_remote_cache_pid" 2>/dev/null
  wait "$ruvio_remote_cache_pid" 2>/dev/null
  ruvio_remote_cache_pid=
}
