"""Each dependency world's 3rdparty must describe exactly the crates in its Cargo.lock.

usage: vendored_crates_test.py (PACKAGE MANIFEST...)...  (a package is crates,
crates/groups/<name> or a fixture in tests/groups: each a Cargo.toml
workspace, Cargo.lock and crate_universe's 3rdparty/; its manifests are the
ones its crates_vendor resolves, the workspace's and its members')

crate_universe writes one BUILD file and one archive (with the lock's checksum)
per locked crates.io package the build can reach, the archives into defs.bzl,
and the workspace's members' dependencies. Cargo.lock also holds what only an
optional dependency of a member would bring in with its feature on (a
program's optional ruv-fann); crate_universe leaves those crates out, and so
does this test, but only when every lock entry needing them is a member whose
manifest declares that dependency optional and whose default features leave it
off, or another crate left out that way. If a Cargo.toml or the lock changes without vendoring
again, or a binding moves between groups and a group is not vendored again,
the graph would build something other than what Cargo resolved; this test
says so and names the group, the crates and the command that fixes it.
"""

import functools
import os
import re
import sys
import tomllib
import unittest
from pathlib import Path

from ruvio_build import groups
from ruvio_build.program_manifest import default_features

PACKAGES: list[str] = []
MANIFESTS: dict[str, list[str]] = {}


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


def inactive_optional(manifest: dict) -> set[str]:
    """The optional dependencies (package names) of a manifest that its
    default features do not switch on."""
    tables = [manifest.get(k, {}) for k in ("dependencies", "build-dependencies")]
    for target in manifest.get("target", {}).values():
        tables += [target.get(k, {}) for k in ("dependencies", "build-dependencies")]
    optional = {
        key: spec.get("package", key)
        for table in tables
        for key, spec in table.items()
        if isinstance(spec, dict) and spec.get("optional")
    }
    features: dict[str, list[str]] = manifest.get("features", {})
    # `dep:x`, `x/f` and `x?/f` all name dependency x (an optional x is also
    # a feature of its own name); counting the weak `x?/f` as switching x on
    # errs towards vendoring more.
    named = {
        item.removeprefix("dep:").split("/")[0].rstrip("?")
        for feature in default_features(manifest) | {"default"}
        for item in features.get(feature, [])
    }
    return {package for key, package in optional.items() if key not in named}


def left_out(lock: Path, members: dict[str, dict]) -> set[str]:
    """Locked crates.io packages (`name-version`) that the members cannot
    reach once each member's inactive optional dependencies are cut off."""
    packages = tomllib.loads(lock.read_text())["package"]
    by_key = {f"{p['name']} {p['version']}": p for p in packages}
    by_name: dict[str, list[str]] = {}
    for key, p in by_key.items():
        by_name.setdefault(p["name"], []).append(key)

    def resolve(dep: str) -> str:
        # A lock names a dependency `name`, or `name version [(source)]` when
        # it holds more than one version of it.
        words = dep.split(" ")
        return " ".join(words[:2]) if len(words) > 1 else by_name[dep][0]

    reached: set[str] = set()
    todo = [key for key, p in by_key.items() if "source" not in p]
    while todo:
        key = todo.pop()
        if key in reached:
            continue
        reached.add(key)
        member = members.get(by_key[key]["name"]) if "source" not in by_key[key] else None
        off = inactive_optional(member) if member else set()
        todo += [resolve(d) for d in by_key[key].get("dependencies", []) if d.split(" ")[0] not in off]
    return {
        f"{p['name']}-{p['version']}"
        for key, p in by_key.items()
        if key not in reached and p.get("source", "").startswith("registry+")
    }


@functools.cache
def unvendored(package: str) -> frozenset[str]:
    """What crate_universe leaves out of a world's lock (see left_out)."""
    return frozenset(left_out(_runfile(f"{package}/Cargo.lock"), members_of(package)))


def members_of(package: str) -> dict[str, dict]:
    """package name -> manifest, for the members crate_universe resolves."""
    found = {}
    for path in MANIFESTS.get(package, []):
        manifest = tomllib.loads(_runfile(path).read_text())
        if "package" in manifest:
            found[manifest["package"]["name"]] = manifest
    return found


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


_FIXTURE_LOCK = """
version = 4
[[package]]
name = "prog"
version = "0.1.0"
dependencies = ["fann", "rand"]
[[package]]
name = "fann"
version = "0.1.7"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = ["flate2", "rand"]
[[package]]
name = "flate2"
version = "1.1.11"
source = "registry+https://github.com/rust-lang/crates.io-index"
[[package]]
name = "rand"
version = "0.8.8"
source = "registry+https://github.com/rust-lang/crates.io-index"
"""


class LeftOutTest(unittest.TestCase):
    """What the lock holds only for a member's optional dependency, feature off."""

    def lock(self) -> Path:
        path = Path(os.environ["TEST_TMPDIR"]) / "Cargo.lock"
        path.write_text(_FIXTURE_LOCK)
        return path

    def manifest(self, default: list[str]) -> dict:
        return {
            "package": {"name": "prog"},
            "dependencies": {"fann-dep": {"package": "fann", "optional": True}, "rand": "0.8"},
            "features": {"default": default, "fann": ["fann-dep"]},
        }

    def test_feature_off(self) -> None:
        self.assertEqual(left_out(self.lock(), {"prog": self.manifest([])}), {"fann-0.1.7", "flate2-1.1.11"})

    def test_feature_on_by_default(self) -> None:
        self.assertEqual(left_out(self.lock(), {"prog": self.manifest(["fann"])}), set())

    def test_manifest_unknown(self) -> None:
        self.assertEqual(left_out(self.lock(), {}), set())


class VendoredCratesTest(unittest.TestCase):
    def test_lock_is_not_empty(self) -> None:
        for package in PACKAGES:
            with self.subTest(package=package):
                self.assertTrue(locked_registry_crates(_runfile(f"{package}/Cargo.lock")), f"{package}: empty lock")

    def test_same_crates_and_checksums(self) -> None:
        for package in PACKAGES:
            with self.subTest(package=package):
                lock = _runfile(f"{package}/Cargo.lock")
                locked = {
                    repository_key(k): v for k, v in locked_registry_crates(lock).items() if k not in unvendored(package)
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
                locked = set(locked_registry_crates(_runfile(f"{package}/Cargo.lock"))) - unvendored(package)
                self.assertEqual(sorted(build_files), sorted(locked), f"{package}: {fix(package)}")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if arg.endswith("Cargo.toml"):
            if not PACKAGES:
                sys.exit(f"vendored_crates_test.py: manifest {arg} before any package")
            MANIFESTS.setdefault(PACKAGES[-1], []).append(arg)
        else:
            PACKAGES.append(arg)
    if not PACKAGES:
        sys.exit("usage: vendored_crates_test.py (PACKAGE MANIFEST...)... (crates, crates/groups/<name>)")
    unittest.main(argv=sys.argv[:1])
