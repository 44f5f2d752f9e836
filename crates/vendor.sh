#!/usr/bin/env bash
# Runs crate_universe's vendoring (the `vendor_crates` target) after one fix-up.
#
# cargo-bazel 0.15, the generator that matches the image's rules_rust 0.54.1,
# finds cargo's crates.io index cache by the directory name cargo used before
# 1.85; the image's cargo 1.97 names it differently, so the generator fails
# with "Failed to get crate index config". The old name is pointed at the new.
set -euo pipefail
index="${CARGO_HOME:-$HOME/.cargo}/registry/index"
mkdir -p "$index/index.crates.io-1949cf8c6b5b557f"
ln -sfn index.crates.io-1949cf8c6b5b557f "$index/index.crates.io-6f17d22bba15001f"
exec "$@"
