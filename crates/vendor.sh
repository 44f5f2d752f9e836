#!/usr/bin/env bash
# Runs crate_universe's vendoring (the `vendor_crates` target of a dependency
# world) after preparing what its generator needs.
#
# usage: vendor.sh [--members DIR MEMBER... --] VENDOR_CRATES [ARGS...]
#   MEMBER: CRATE (a binding at crates/CRATE) or CRATE=MANIFEST (a published
#   crate's Cargo.toml in the runfiles: its program ships as an executable)
#
# cargo-bazel 0.15, the generator that matches the image's rules_rust 0.54.1,
# finds cargo's crates.io index cache by the directory name cargo used before
# 1.85 (the image's cargo 1.97 uses another), and takes the download URL it
# writes into crates/3rdparty from that cache's config.json. So the old name
# gets its own config.json with crates.io's canonical download location, and
# the cached index entries of the new one. The committed URLs then are the
# same whichever mirror answered for the index on the machine that vendored.
#
# A named group's workspace (crates/groups/<name>/Cargo.toml) lists its
# binding crates as members/<crate>. cargo-bazel copies the workspace's
# directory, not the tree around it, so Cargo would not find members that
# sit outside it (crates/<crate>); with --members, each crate's Cargo.toml
# and src/ are linked into DIR/<crate> for the run and removed afterwards; a
# published crate's whole directory is linked there instead.
set -euo pipefail
members_dir=""
members=()
if [ "${1:-}" = --members ]; then
  members_dir="$2"
  shift 2
  while [ "$1" != -- ]; do
    members+=("$1")
    shift
  done
  shift
fi

index="${CARGO_HOME:-$HOME/.cargo}/registry/index"
current="$index/index.crates.io-1949cf8c6b5b557f"
legacy="$index/index.crates.io-6f17d22bba15001f"
mkdir -p "$current/.cache"
rm -rf "$legacy"
mkdir -p "$legacy"
ln -s "$current/.cache" "$legacy/.cache"
printf '{"dl": "%s", "api": "https://crates.io"}\n' \
  "${RUVIO_CRATES_DL:-https://static.crates.io/crates}" >"$legacy/config.json"

# cargo-bazel asks `bazel info output_base` where external repositories
# (a published crate's sources) are. Run from here, that Bazel would start a
# second server under the default output root, whose output base has none of
# them. This run's own output base holds its runfiles, so it answers instead.
output_base="${PWD%%/execroot/*}"
answer="$(mktemp)"
trap 'rm -f "$answer"' EXIT
printf '#!/bin/sh\necho "%s"\n' "$output_base" >"$answer"
chmod +x "$answer"
export BAZEL_REAL="$answer"

[ -n "$members_dir" ] || { "$@"; exit; }
root="${BUILD_WORKSPACE_DIRECTORY:?run this through bazel run}"
dir="$root/$members_dir"
trap 'rm -rf "$dir" "$answer"' EXIT
rm -rf "$dir"
mkdir -p "$dir"
for member in "${members[@]}"; do
  crate="${member%%=*}"
  if [ "$member" != "$crate" ]; then
    ln -s "$(dirname "$(readlink -f "${member#*=}")")" "$dir/$crate"
    continue
  fi
  mkdir -p "$dir/$crate"
  ln -s "$root/crates/$crate/Cargo.toml" "$dir/$crate/Cargo.toml"
  ln -s "$root/crates/$crate/src" "$dir/$crate/src"
done
"$@"
