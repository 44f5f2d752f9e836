"""crates/3rdparty must describe exactly the crates in crates/Cargo.lock.

crate_universe writes one BUILD file and one archive (with the lock's checksum)
per locked crates.io package, the archives into defs.bzl. If a Cargo.toml or the lock changes without
`tools/bazel run //crates:vendor`, the graph would build something other than
what Cargo resolved; this test says so and names the crates.
"""

import os
import re
import tomllib
import unittest
from pathlib import Path

FIX = "run `tools/bazel run //crates:vendor` and commit crates/3rdparty"


def _runfile(path: str) -> Path:
    return Path(os.environ["TEST_SRCDIR"]) / "_main" / path


def locked_registry_crates(lock: Path) -> dict[str, str]:
    """`name-version` -> sha256 of every crates.io package in a Cargo.lock."""
    packages = tomllib.loads(lock.read_text())["package"]
    return {
        f"{p['name']}-{p['version']}": p["checksum"]
        for p in packages
        if p.get("source", "").startswith("registry+")
    }


def vendored_archives(defs_bzl: Path) -> dict[str, str]:
    """`name-version` -> sha256 of every crate archive defs.bzl declares."""
    text = defs_bzl.read_text()
    found = {}
    for block in re.finditer(r'name = "crates__([^"]+)",(.*?)\n    \)', text, re.S):
        sha = re.search(r'sha256 = "([0-9a-f]{64})"', block.group(2))
        found[block.group(1)] = sha.group(1) if sha else ""
    return found


def repository_key(name_version: str) -> str:
    """How crate_universe spells `name-version` in a repository name: build
    metadata's `+` is not allowed there and becomes `-`."""
    return name_version.replace("+", "-")


class VendoredCratesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.locked_files = locked_registry_crates(_runfile("crates/Cargo.lock"))
        self.locked = {repository_key(k): v for k, v in self.locked_files.items()}
        self.vendored = vendored_archives(_runfile("crates/3rdparty/defs.bzl"))

    def test_lock_is_not_empty(self) -> None:
        self.assertIn("napi-3.16.1", self.locked)

    def test_same_crates(self) -> None:
        missing = sorted(set(self.locked) - set(self.vendored))
        extra = sorted(set(self.vendored) - set(self.locked))
        self.assertEqual(missing, [], f"locked but not vendored: {missing}; {FIX}")
        self.assertEqual(extra, [], f"vendored but not locked: {extra}; {FIX}")

    def test_same_checksums(self) -> None:
        wrong = sorted(
            name
            for name, sha in self.locked.items()
            if name in self.vendored and self.vendored[name] != sha
        )
        self.assertEqual(wrong, [], f"checksums differ from Cargo.lock: {wrong}; {FIX}")

    def test_one_build_file_per_crate(self) -> None:
        build_files = {
            p.name[len("BUILD.") : -len(".bazel")]
            for p in _runfile("crates/3rdparty/defs.bzl").parent.glob("BUILD.*.bazel")
        }
        self.assertEqual(sorted(build_files), sorted(self.locked_files), FIX)


if __name__ == "__main__":
    unittest.main()
