#!/usr/bin/env bash
# wine.sh NODE_EXE ARGS...: runs Node for Windows under Wine, as a test's
# command: headless, with a Wine prefix of its own in the test's temporary
# directory (made on first use, a few seconds), no state shared with any
# other test. Unix paths in ARGS and the environment work as they are: Wine
# maps them to drive Z:.
#
# Node for Windows cannot write to a pipe under Wine (its stdout stream fails
# to open), so its output goes to files that are printed afterwards.
set -uo pipefail
node_exe=$1
shift
tmp=${TEST_TMPDIR:-$(mktemp -d)}
export WINEPREFIX=$tmp/wine-prefix WINEDEBUG=-all HOME=$tmp/wine-home XDG_RUNTIME_DIR=$tmp/wine-run
# No Mono or Gecko (nothing here needs .NET or a browser engine, and Wine
# would otherwise ask for them while making the prefix) and no display
# drivers: Node is a console program.
export WINEDLLOVERRIDES="mscoree,mshtml,winewayland.drv,winex11.drv="
unset DISPLAY WAYLAND_DISPLAY
# Wine 10 aborts at start ("free(): invalid pointer") whenever TMPDIR is set,
# which Bazel does for every test. Without it Wine keeps its server's socket
# under /tmp/.wine-<uid>/, keyed by the prefix above, so tests still share
# nothing (and the sandbox's /tmp is each test's own).
unset TMPDIR
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
trap 'wineserver -k 2>/dev/null' EXIT
wine "$node_exe" "$@" >"$tmp/node.out" 2>"$tmp/node.err"
status=$?
cat "$tmp/node.out"
# Wine's own start-up lines are not the test's.
grep -v -e "^wine: created the configuration directory" -e 'rundll32.exe": c0000135' "$tmp/node.err" >&2
exit $status
