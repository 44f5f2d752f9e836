# Shell functions shared by the end-to-end test scripts (remote_cache_test.sh,
# rbe_test.sh), which run Bazel themselves. Sourced after tools/lib/image.sh,
# never executed.

passed=0 failed=0
check() { # check NAME OK DETAIL: one line per check, counted
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok    $1: $3"; else failed=$((failed + 1)); echo "FAIL  $1: $3"; fi
}
checks_done() { # checks_done WHAT: the closing line, and the status
  echo "$1: $passed passed, $failed failed"
  [ "$failed" = 0 ]
}

# bazel_processes LOG: the last "N processes: ..." line of a Bazel log, plain.
bazel_processes() { grep -a 'processes:' "$1" | tail -1 | sed 's/\x1b\[[0-9;]*m//g; s/^INFO: //'; }

# addon_digests OUTPUT_BASE: the addons built under it, as sorted sha256 lines
# with paths relative to its execroot.
addon_digests() {
  (cd "$1/execroot/_main" && find bazel-out/*/bin/crates -type f \( -name '*.node' -o -name '*.wasm' \) \
    -exec sha256sum {} + 2>/dev/null | LC_ALL=C sort)
}
