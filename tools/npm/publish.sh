#!/usr/bin/env bash
# What `bazel run //packages/<crate>:publish` runs:
#   publish.sh [--publish] [--registry URL] [--tag TAG] TARBALL...
# Publishes the tarballs in order (platform packages before the main package
# that names them). A dry run unless --publish is given. The registry is
# --registry, else $RUVIO_NPM_REGISTRY, else npmjs.org; the token is
# $NPM_TOKEN, written only to a config file of this run. The dist-tag is
# --tag, else `latest`, or `next` for a pre-release version (npm refuses to
# move `latest` to one).
set -euo pipefail
registry=${RUVIO_NPM_REGISTRY:-https://registry.npmjs.org/}
dry=(--dry-run)
tag=
tarballs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --publish) dry=() ;;
    --registry) registry=$2; shift ;;
    --registry=*) registry=${1#*=} ;;
    --tag) tag=$2; shift ;;
    --tag=*) tag=${1#*=} ;;
    -*) echo "publish: unknown option $1 (known: --publish, --registry URL, --tag TAG)" >&2; exit 2 ;;
    *) tarballs+=("$(realpath "$1")") ;;
  esac
  shift
done
[ ${#tarballs[@]} -gt 0 ] || { echo "publish: no tarballs given" >&2; exit 2; }
registry=${registry%/}/
config=$(mktemp)
trap 'rm -f "$config"' EXIT
echo "registry=$registry" >"$config"
if [ -n "${NPM_TOKEN:-}" ]; then
  # npm expands ${NPM_TOKEN} itself: the token never lands in the file.
  echo "//${registry#*://}:_authToken=\${NPM_TOKEN}" >>"$config"
elif [ ${#dry[@]} -eq 0 ]; then
  echo "publish: NPM_TOKEN is not set; a registry will refuse the upload" >&2
fi
echo "publish: ${#tarballs[@]} packages to $registry${dry:+ (dry run; add --publish to upload)}"
for t in "${tarballs[@]}"; do
  version=$(tar -xzOf "$t" package/package.json | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).version')
  t_tag=${tag:-latest}
  [[ -z "$tag" && "$version" == *-* ]] && t_tag=next
  npm publish "$t" --access public --ignore-scripts --tag "$t_tag" --userconfig "$config" --registry "$registry" "${dry[@]}"
done
