# Shell functions shared by tools/bazel and tools/image/build: where the build
# image and Bazel's state live, whether the image is current, and how to run a
# command inside it. Sourced, never executed.

RUVIO_TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUVIO_WORKSPACE="$(cd "$RUVIO_TOOLS/.." && pwd)"

# Everything large lives outside the checkout so that clones share it and a
# `git clean` never costs a 6 GB rebuild.
RUVIO_CACHE="${RUVIO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ruvio-build}"
RUVIO_IMAGE_DIR="${RUVIO_IMAGE_DIR:-$RUVIO_CACHE/image}"
# Bazel's output user root, disk cache and repository cache. Kept apart from
# the image so rebuilding the image keeps the caches.
RUVIO_STATE="${RUVIO_STATE:-$RUVIO_CACHE/bazel}"

ruvio_log() { printf '\033[1m[ruvio]\033[0m %s\n' "$*" >&2; }
ruvio_die() { printf '\033[1;31m[ruvio] error:\033[0m %s\n' "$*" >&2; exit 1; }

# The image is identified by what went into it: the requested package list,
# the lock, and the recipe's format number. A change to any of them means a
# rebuild. Bump RUVIO_IMAGE_FORMAT when tools/image/build changes what ends up
# inside the image.
RUVIO_IMAGE_FORMAT=3
ruvio_image_digest() {
  { echo "format $RUVIO_IMAGE_FORMAT"; cat "$RUVIO_TOOLS/image/packages.txt" "$RUVIO_TOOLS/image/packages.lock"; } |
    sha256sum | cut -d' ' -f1
}

# Each image lives in a directory named after its digest, so checkouts that
# differ in the image they need (a branch that adds a package, another that
# does not) each build and use their own, side by side, and never replace the
# one another checkout's Bazel is running in.
ruvio_image_locate() {
  RUVIO_IMAGE_ID="$(ruvio_image_digest | cut -c1-16)"
  RUVIO_ROOTFS="$RUVIO_IMAGE_DIR/$RUVIO_IMAGE_ID/rootfs"
}
ruvio_image_locate

ruvio_image_current() {
  [ -f "$RUVIO_ROOTFS/etc/ruvio-image/digest" ] &&
    [ "$(cat "$RUVIO_ROOTFS/etc/ruvio-image/digest")" = "$(ruvio_image_digest)" ]
}

# The image this checkout needs, built first if there is none yet. Building
# may rewrite packages.lock (a changed package list), which names another
# image: where it is is worked out again afterwards.
ruvio_image_ensure() {
  ruvio_image_current && return 0
  "$RUVIO_TOOLS/image/build" >&2
  ruvio_image_locate
}

# bazelisk, when run here, wants the Bazel of .bazelversion before it hands
# over to tools/bazel. Give it the image's (tools/bazel runs Bazel inside the
# image, so this copy is never executed on the host): as a mirror directory for
# BAZELISK_BASE_URL, and already in bazelisk's own download cache, so that a
# plain `bazelisk build //...` needs no download at all.
ruvio_seed_bazelisk() {
  local version file sha home
  version="$(cat "$RUVIO_WORKSPACE/.bazelversion")"
  file="bazel-$version-linux-x86_64"
  sha="$(sha256sum "$RUVIO_ROOTFS/usr/bin/bazel" | cut -d' ' -f1)"
  home="${BAZELISK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/bazelisk}"
  [ "$(cat "$home/downloads/metadata/bazelbuild/$file" 2>/dev/null)" = "$sha" ] && return 0
  mkdir -p "$RUVIO_CACHE/bazelisk-mirror/$version" "$home/downloads/sha256/$sha/bin" \
    "$home/downloads/metadata/bazelbuild"
  cp "$RUVIO_ROOTFS/usr/bin/bazel" "$RUVIO_CACHE/bazelisk-mirror/$version/$file"
  cp "$RUVIO_ROOTFS/usr/bin/bazel" "$home/downloads/sha256/$sha/bin/bazel"
  printf '%s' "$sha" >"$home/downloads/metadata/bazelbuild/$file"
}

# A root user needs only a private mount namespace; anyone else also needs a
# user namespace that maps uid 0 to themselves (the image's files are theirs,
# see tools/image/build), which any kernel with user namespaces allows.
ruvio_unshare_args() {
  if [ "$(id -u)" -eq 0 ]; then
    echo "--mount --propagation private --fork"
  else
    echo "--user --map-root-user --mount --propagation private --fork"
  fi
}

# ruvio_image_exec [--no-network] [--file NAME=PATH]... CMD...: runs CMD
# inside the image with the workspace and Bazel's state mounted at their host
# paths, from the caller's directory when it lies inside the workspace.
# RUVIO_BAZELRC names a file to become the image's /etc/bazel.bazelrc for this
# call; it is consumed (deleted). Each --file shows the host file PATH as
# /run/ruvio/NAME to this call alone (keys and certificates of tools/rbe's
# servers, kept outside the workspace): bound onto a memory file system, so
# nothing is copied and nothing is left behind.
ruvio_image_exec() {
  local net="" files=""
  # When each image was last entered, for tools/image/build's pruning.
  touch "$RUVIO_IMAGE_DIR/$RUVIO_IMAGE_ID/last-used" 2>/dev/null || true
  while [ $# -gt 0 ]; do
    case "$1" in
      --no-network) net="--net"; shift ;;
      --file) files+="$2"$'\n'; shift 2 ;;
      *) break ;;
    esac
  done
  mkdir -p "$RUVIO_STATE"
  local cwd="$PWD"
  case "$cwd/" in "$RUVIO_WORKSPACE"/*) ;; *) cwd="$RUVIO_WORKSPACE" ;; esac
  # Only variables the build is meant to see cross into the image; the rest
  # of the host environment would make actions depend on who ran them.
  local -a env=(HOME=/root USER=root LANG=C.UTF-8
    PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
    TERM="${TERM:-dumb}" RUVIO_CACHE="$RUVIO_CACHE" RUVIO_STATE="$RUVIO_STATE")
  local v
  for v in CI RUVIO_REMOTE_CACHE RUVIO_REMOTE_EXECUTOR RUVIO_REMOTE_HEADERS RUVIO_NPM_PRERELEASE RUVIO_NPM_REGISTRY NPM_TOKEN; do
    [ -n "${!v:-}" ] && env+=("$v=${!v}")
  done
  # shellcheck disable=SC2046
  # pivot_root rather than chroot: the kernel refuses new user namespaces to a
  # chrooted process, and Bazel's linux-sandbox needs them to cut actions off
  # the network.
  # shellcheck disable=SC2046
  unshare $(ruvio_unshare_args) $net /bin/bash -c '
    set -e
    root=$1 ws=$2 state=$3 net=$4 rc=$5 files=$6; shift 6
    mount --rbind "$root" "$root"
    for d in dev sys proc; do mount --rbind "/$d" "$root/$d"; done
    mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
    # Repository rules download through whatever TLS setup the host has (a
    # company proxy with its own CA, say): trust what the host trusts, for
    # native tools and for the JVM that runs Bazel.
    for f in /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/java/cacerts; do
      if [ -f "$f" ] && [ -f "$root$f" ]; then mount --bind "$f" "$root$f"; fi
    done
    mkdir -p "$root$ws" "$root$state" "$root/.host"
    mount --rbind "$ws" "$root$ws"
    mount --bind "$state" "$root$state"
    # The bazelrc of this call alone (tools/bazel writes one per call, so
    # that calls with different settings never mix): mounted, then unlinked,
    # which leaves nothing behind however the call ends.
    if [ -n "$rc" ]; then mount --bind "$rc" "$root/etc/bazel.bazelrc" && rm -f "$rc"; fi
    if [ -n "$files" ]; then
      mkdir -p "$root/run/ruvio"
      mount -t tmpfs -o mode=0700,size=1m ruvio-files "$root/run/ruvio"
      while IFS="=" read -r name src; do
        [ -n "$name" ] || continue
        : >"$root/run/ruvio/$name"
        mount --bind "$src" "$root/run/ruvio/$name"
      done <<<"$files"
    fi
    cd "$root"
    pivot_root . .host
    exec /bin/bash -c "umount -l /.host; exec \"\$@\"" ruvio-image "$@"
  ' ruvio-image "$RUVIO_ROOTFS" "$RUVIO_WORKSPACE" "$RUVIO_STATE" "$net" "${RUVIO_BAZELRC:-}" "$files" \
    /usr/bin/env -i "${env[@]}" /bin/sh -c '
      if [ -n "$1" ]; then /usr/sbin/ip link set lo up; fi
      cd "$2" && shift 2 && exec "$@"' ruvio-env "$net" "$cwd" "$@"
}

# ruvio_image_sees PATH: whether PATH lies where the image sees the host (the
# workspace and $RUVIO_STATE, mounted at their own paths); anything else would
# be read or written inside the image instead.
ruvio_image_sees() {
  case "$(realpath -m "$1")/" in
    "$RUVIO_WORKSPACE"/* | "$RUVIO_STATE"/*) return 0 ;;
    *) return 1 ;;
  esac
}

# ruvio_built_file LABEL: builds LABEL (one file) with tools/bazel and prints
# its path, which the host and the image share.
ruvio_built_file() {
  "$RUVIO_TOOLS/bazel" build --noshow_progress "$1" >&2 || return 1
  echo "$("$RUVIO_TOOLS/bazel" info output_base 2>/dev/null)/$("$RUVIO_TOOLS/bazel" cquery --output=files "$1" 2>/dev/null)"
}

# ruvio_free_port: a loopback TCP port nothing listens on right now.
ruvio_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
