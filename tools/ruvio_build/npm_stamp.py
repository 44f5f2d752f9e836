"""Writes the package.json that goes into an npm tarball.

usage: python -m ruvio_build.npm_stamp SRC OUT [STABLE_STATUS]

Drops the repository's "generated, do not edit" notice (it is about the file
in this repository, not about the published package). With Bazel's stable
status file (a build with --stamp, as --config=release does) it also records
the commit as npm's `gitHead` and, when STABLE_RUVIO_NPM_PRERELEASE is set,
turns the version into `<version>-<prerelease>`: in the package itself and in
the pins of its own platform packages, so a main package never names platform
packages of another version.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

# Semantic versioning's pre-release: dot-separated identifiers of
# alphanumerics and hyphens, numeric ones without leading zeros.
_PRERELEASE = re.compile(r"^(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*$")


def read_status(path: Path) -> dict[str, str]:
    status = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(" ")
        status[key] = value.strip()
    return status


def stamp(package: dict[str, object], status: dict[str, str] | None, where: str) -> dict[str, object]:
    out = {k: v for k, v in package.items() if k != "//"}
    if status is None:
        return out
    commit = status.get("STABLE_GIT_COMMIT", "")
    if re.fullmatch(r"[0-9a-f]{40}", commit):
        out["gitHead"] = commit
    prerelease = status.get("STABLE_RUVIO_NPM_PRERELEASE", "")
    if prerelease:
        if not _PRERELEASE.match(prerelease):
            raise SystemExit(
                f"{where}: RUVIO_NPM_PRERELEASE={prerelease!r} is not a semver pre-release "
                "(dot-separated [0-9A-Za-z-] identifiers, such as rc.1)"
            )
        version = str(out["version"])
        out["version"] = f"{version}-{prerelease}"
        own = f"{out['name']}-"
        pins = out.get("optionalDependencies")
        if isinstance(pins, dict):
            out["optionalDependencies"] = {
                dep: f"{pin}-{prerelease}" if dep.startswith(own) and pin == version else pin
                for dep, pin in pins.items()
            }
    return out


def main(src: str, dst: str, status_file: str | None = None) -> None:
    try:
        package = json.loads(Path(src).read_text(encoding="utf-8"))
    except ValueError as e:
        raise SystemExit(f"{src}: not JSON: {e}")
    status = read_status(Path(status_file)) if status_file else None
    text = json.dumps(stamp(package, status, src), indent=2, ensure_ascii=False) + "\n"
    Path(dst).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
