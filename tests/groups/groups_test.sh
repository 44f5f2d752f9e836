#!/usr/bin/env bash
# usage: groups_test.sh PLAIN PRECISE  (the two fixture worlds' binaries)
# Both exist, and each linked its own world's serde_json: f64 numbers in one
# (0.10 reads back as 0.1), arbitrary precision in the other (0.10 stays).
set -euo pipefail
plain="$1" precise="$2"
status=0
check() {
  local what="$1" binary="$2" want="$3" got
  if [ ! -x "$binary" ]; then
    echo "FAIL  $what: no binary at $binary"
    status=1
    return
  fi
  got="$("$binary")"
  if [ "$got" = "$want" ]; then
    echo "ok    $what: 0.10 prints as $got"
  else
    echo "FAIL  $what: 0.10 prints as $got, not $want"
    status=1
  fi
}
check "plain (serde_json 1.0.150, default features)" "$plain" 0.1
check "precise (serde_json 1.0.154, arbitrary_precision)" "$precise" 0.10
exit "$status"
