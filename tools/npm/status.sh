#!/usr/bin/env bash
# Bazel's --workspace_status_command under --config=release: what a release
# stamps into the npm packages. The image has no git, so the commit is read
# from .git itself (a plain checkout or a worktree's `gitdir:` file).
#   RUVIO_NPM_PRERELEASE=rc.1   publish every package as <version>-rc.1
set -euo pipefail
git_dir=.git
if [ -f "$git_dir" ]; then git_dir=$(sed -n 's/^gitdir: //p' "$git_dir"); fi
commit=
if [ -f "$git_dir/HEAD" ]; then
  head=$(cat "$git_dir/HEAD")
  case "$head" in
    "ref: "*)
      ref=${head#ref: }
      common=$git_dir
      [ -f "$git_dir/commondir" ] && common=$git_dir/$(cat "$git_dir/commondir")
      if [ -f "$common/$ref" ]; then
        commit=$(cat "$common/$ref")
      elif [ -f "$common/packed-refs" ]; then
        commit=$(awk -v ref="$ref" '$2 == ref { print $1 }' "$common/packed-refs")
      fi
      ;;
    *) commit=$head ;;
  esac
fi
echo "STABLE_GIT_COMMIT ${commit:-unknown}"
echo "STABLE_RUVIO_NPM_PRERELEASE ${RUVIO_NPM_PRERELEASE:-}"
