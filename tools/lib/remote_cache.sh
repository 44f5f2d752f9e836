# Shell functions for scripts that run a throwaway bazel-remote on loopback
# (tests/remote_cache_test.sh, benchmarks/run). Sourced after image.sh, never
# executed.

# ruvio_remote_cache_ports: picks free loopback ports once, so that a server
# restarted later is at the same address; points RUVIO_REMOTE_CACHE at it.
ruvio_remote_cache_ports() {
  RUVIO_REMOTE_CACHE_GRPC=127.0.0.1:$(ruvio_free_port)
  RUVIO_REMOTE_CACHE_HTTP=127.0.0.1:$(ruvio_free_port)
  export RUVIO_REMOTE_CACHE=grpc://$RUVIO_REMOTE_CACHE_GRPC
}

# ruvio_remote_cache_start DIR LOG [ARG...]: starts tools/remote-cache in the
# background with storage in DIR, output appended to LOG and extra ARGs, and
# returns once it answers (status 1 if it never does). The first start on a
# machine builds bazel-remote.
ruvio_remote_cache_pid=
ruvio_remote_cache_start() {
  local dir=$1 log=$2
  shift 2
  "$RUVIO_TOOLS/remote-cache" --dir "$dir" --grpc "$RUVIO_REMOTE_CACHE_GRPC" --http "$RUVIO_REMOTE_CACHE_HTTP" \
    "$@" >>"$log" 2>&1 &
  ruvio_remote_cache_pid=$!
  for _ in $(seq 600); do
    curl -sf "http://$RUVIO_REMOTE_CACHE_HTTP/status" >/dev/null && return 0
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
