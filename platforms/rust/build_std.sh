#!/usr/bin/env bash
# Builds Rust's standard library for one target from the image's rust-src, for
# targets Debian ships no prebuilt std for. Runs as a Bazel action: no network
# (std's dependencies come from the copy rust-src vendors), everything under
# the action's own directory, and paths remapped so the rlibs carry neither
# the sandbox's path nor the image's.
#
# usage: build_std.sh CARGO RUSTC TARGET OUT_DIR CRATES [CARGO_FLAGS...] -- [RUSTFLAGS...]
#   CRATES: comma-separated crate names; the rlibs land in OUT_DIR as
#   lib<crate>.rlib, and any difference from this list is an error.
set -euo pipefail
cargo=$(realpath "$1") rustc=$(realpath "$2")
out=$(realpath -m "$4") target=$3 expected=$5
shift 5
cargo_flags=()
while [[ $# -gt 0 && $1 != -- ]]; do cargo_flags+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
work=$PWD/_build_std.$target
rm -rf "$work"
mkdir -p "$work/home" "$work/probe/src"
sysroot=$("$rustc" --print sysroot)
src=$sysroot/lib/rustlib/src/rust
[[ -d $src/library/vendor ]] || { echo "build_std: no rust-src at $src (is rust-src installed in the image?)" >&2; exit 1; }
commit=$("$rustc" -vV | sed -n 's/^commit-hash: //p')

# -Zbuild-std ignores rust-src's own cargo config and would ask crates.io for
# std's dependencies; point crates.io at the vendored copy instead.
cat >"$work/home/config.toml" <<CFG
[source.crates-io]
replace-with = "rust-src-vendor"
[source.rust-src-vendor]
directory = "$src/library/vendor"
CFG

# cargo builds std as the dependencies of some crate; this one is empty.
cat >"$work/probe/Cargo.toml" <<'TOML'
[package]
name = "sysroot"
version = "0.0.0"
edition = "2021"
[lib]
path = "src/lib.rs"
[profile.release]
debug = 0
TOML
: >"$work/probe/src/lib.rs"

flags=(
  # As Debian's own std has it, so panics and backtraces read the same.
  "--remap-path-prefix=$src=/rustc/$commit"
  "--remap-path-prefix=$work=/build-std"
  # cargo leaves LLVM bitcode out of a dependency's rlib when its own profile
  # has no LTO; the addons link std with LTO (platforms/rust/BUILD.bazel).
  -Cembed-bitcode=yes
  "$@"
)
# std's build scripts run on the build machine: linked by the image's gcc (the
# image has no `cc`).
(
  cd "$work/probe"
  CARGO_HOME=$work/home RUSTC=$rustc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_DIR=$work/target CARGO_ENCODED_RUSTFLAGS=$(IFS=$'\x1f'; echo "${flags[*]}") \
    SOURCE_DATE_EPOCH=0 \
    CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER=/usr/bin/gcc \
    "$cargo" build --offline --release --quiet --target "$target" \
    -Zbuild-std=std,panic_abort "${cargo_flags[@]}"
)

mkdir -p "$out"
got=()
for rlib in "$work/target/$target/release/deps/"lib*.rlib; do
  base=${rlib##*/lib}
  crate=${base%%-*}
  crate=${crate%.rlib}
  [[ $crate == sysroot ]] && continue
  got+=("$crate")
  cp "$rlib" "$out/lib$crate.rlib"
done
have=$(printf '%s\n' "${got[@]}" | sort | paste -sd,)
want=$(tr , '\n' <<<"$expected" | sort | paste -sd,)
if [[ $have != "$want" ]]; then
  echo "build_std: std for $target consists of other crates than the BUILD file lists" >&2
  echo "  listed: $want" >&2
  echo "  built:  $have" >&2
  exit 1
fi
rm -rf "$work"
