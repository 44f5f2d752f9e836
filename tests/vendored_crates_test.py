"""Each dependency world's 3rdparty must describe exactly the crates in its Cargo.lock.

usage: vendored_crates_test.py PACKAGE...  (crates, crates/groups/<name>, the
fixtures in tests/groups: each a Cargo.toml workspace, Cargo.lock and
crate_universe's 3rdparty/)

crate_universe writes one BUILD file and one archive (with the lock's checksum)
per locked crates.io package, the archives into defs.bzl, and the workspace's
members' dependencies. If a Cargo.toml or the lock changes without vendoring
again, or a binding moves between groups and a group is not vendored again,
the graph would build something other than what Cargo resolved; this test
says so and names the group, the crates and the command that fixes it.
"""

import os
import re
import sys
import tomllib
import unittest
from pathlib import Path

from ruvio_build import groups

PACKAGES: list[str] = []


def _runfile(path: str) -> Path:
    return Path(os.environ["TEST_SRCDIR"]) / "_main" / path


def fix(package: str) -> str:
    return f"run `tools/bazel run //{package}:vendor -- --repin workspace` and commit {package}/3rdparty and its Cargo.lock"


def locked_registry_crates(lock: Path) -> dict[str, str]:
    """`name-version` -> sha256 of every crates.io package in a Cargo.lock."""
    packages = tomllib.loads(lock.read_text())["package"]
    return {
        f"{p['name']}-{p['version']}": p["checksum"]
        for p in packages
        if p.get("source", "").startswith("registry+")
    }


def vendored_archives(defs_bzl: str) -> dict[str, str]:
    """`name-version` -> sha256 of every crate archive defs.bzl declares, in
    its hub's repositories (`<hub>__<name>-<version>`)."""
    found = {}
    for block in re.finditer(r'name = "[A-Za-z0-9_]+?__([^"]+)",(.*?)\n    \)', defs_bzl, re.S):
        sha = re.search(r'sha256 = "([0-9a-f]{64})"', block.group(2))
        found[block.group(1)] = sha.group(1) if sha else ""
    return found


def workspace_members(package: str, manifest: Path) -> set[str]:
    return {f"{package}/{m}" for m in tomllib.loads(manifest.read_text())["workspace"]["members"]}


def repository_key(name_version: str) -> str:
    """How crate_universe spells `name-version` in a repository name: build
    metadata's `+` is not allowed there and becomes `-`."""
    return name_version.replace("+", "-")


class VendoredCratesTest(unittest.TestCase):
    def test_lock_is_not_empty(self) -> None:
        for package in PACKAGES:
            with self.subTest(package=package):
                self.assertTrue(locked_registry_crates(_runfile(f"{package}/Cargo.lock")), f"{package}: empty lock")

    def test_same_crates_and_checksums(self) -> None:
        for package in PACKAGES:
            with self.subTest(package=package):
                locked = {
                    repository_key(k): v for k, v in locked_registry_crates(_runfile(f"{package}/Cargo.lock")).items()
                }
                vendored = vendored_archives(_runfile(f"{package}/3rdparty/defs.bzl").read_text())
                missing = sorted(set(locked) - set(vendored))
                extra = sorted(set(vendored) - set(locked))
                self.assertEqual(missing, [], f"{package}: locked but not vendored: {missing}; {fix(package)}")
                self.assertEqual(extra, [], f"{package}: vendored but not locked: {extra}; {fix(package)}")
                wrong = sorted(name for name, sha in locked.items() if name in vendored and vendored[name] != sha)
                self.assertEqual(wrong, [], f"{package}: checksums differ from Cargo.lock: {wrong}; {fix(package)}")

    def test_same_members(self) -> None:
        """A binding added to or moved out of a group shows here until the
        group is vendored again."""
        for package in PACKAGES:
            with self.subTest(package=package):
                members = workspace_members(package, _runfile(f"{package}/Cargo.toml"))
                # The workspace members (paths) defs.bzl knows dependencies for.
                vendored = set(groups.normal_dependencies(_runfile(f"{package}/3rdparty/defs.bzl").read_text()))
                self.assertEqual(sorted(vendored - members), [], f"{package}: no longer members; {fix(package)}")
                self.assertEqual(sorted(members - vendored), [], f"{package}: members not vendored; {fix(package)}")

    def test_one_build_file_per_crate(self) -> None:
        for package in PACKAGES:
            with self.subTest(package=package):
                defs = _runfile(f"{package}/3rdparty/defs.bzl")
                build_files = {p.name[len("BUILD.") : -len(".bazel")] for p in defs.parent.glob("BUILD.*.bazel")}
                locked = locked_registry_crates(_runfile(f"{package}/Cargo.lock"))
                self.assertEqual(sorted(build_files), sorted(locked), f"{package}: {fix(package)}")


if __name__ == "__main__":
    PACKAGES.extend(sys.argv[1:])
    if not PACKAGES:
        sys.exit("usage: vendored_crates_test.py PACKAGE... (crates, crates/groups/<name>)")
    unittest.main(argv=sys.argv[:1])
