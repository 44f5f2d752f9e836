#!/usr/bin/env bash
# Runs crate_universe's vendoring (the `vendor_crates` target) after preparing
# the index cache the generator reads.
#
# cargo-bazel 0.15, the generator that matches the image's rules_rust 0.54.1,
# finds cargo's crates.io index cache by the directory name cargo used before
# 1.85 (the image's cargo 1.97 uses another), and takes the download URL it
# writes into crates/3rdparty from that cache's config.json. So the old name
# gets its own config.json with crates.io's canonical download location, and
# the cached index entries of the new one. The committed URLs then are the
# same whichever mirror answered for the index on the machine that vendored.
set -euo pipefail
index="${CARGO_HOME:-$HOME/.cargo}/registry/index"
current="$index/index.crates.io-1949cf8c6b5b557f"
legacy="$index/index.crates.io-6f17d22bba15001f"
mkdir -p "$current/.cache"
rm -rf "$legacy"
mkdir -p "$legacy"
ln -s "$current/.cache" "$legacy/.cache"
printf '{"dl": "%s", "api": "https://crates.io"}\n' \
  "${RUVIO_CRATES_DL:-https://static.crates.io/crates}" >"$legacy/config.json"
exec "$@"
