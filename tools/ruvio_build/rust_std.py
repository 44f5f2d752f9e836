"""The crates of Rust's standard library a binary links, from rust-src.

A target's std is a set of rlibs (Debian's `lib<crate>-<hash>.rlib`, or
`lib<crate>.rlib` from //platforms/rust:std.bzl). Which of them end up in a
binary is std's own dependency closure: following `library/std/Cargo.toml`
(every target's dependencies; the target's rlibs then say which were built)
leaves out what only proc macros and the test harness use (proc_macro,
test, getopts, ...). Each crate's licence comes from its Cargo.toml and
files: the crates rust-src vendors have their own; the Rust project's own
crates (core, alloc, std, ...) carry the project's licence files, from the
nearest directory above them that has some, plus those of the sibling
projects their sources include by `#[path]` (stdarch, portable-simd,
backtrace).
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruvio_build.licence_files import is_licence_file

_RLIB = re.compile(r"^lib(?P<crate>\w+?)(-[0-9a-f]{16})?\.rlib$")
_INCLUDED = re.compile(r'#\[path\s*=\s*"\.\./\.\./(?P<dir>[^/"]+)/')


class RustSrcError(ValueError):
    """rust-src does not have what the toolchain's std is made of."""


@dataclass
class StdCrate:
    name: str
    version: str
    directory: str  # relative to rust-src's root
    manifest: dict[str, Any]
    vendored: bool
    licence_files: list[str] = field(default_factory=list)  # relative to rust-src's root


class RustSrc:
    """rust-src's files (relative path -> path on disk), as the action got them."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files
        self.version = self.read("src/version").strip()

    def read(self, rel: str) -> str:
        if rel not in self.files:
            raise RustSrcError(f"rust-src has no {rel}")
        return self.files[rel].read_text(encoding="utf-8")

    def manifest(self, directory: str) -> dict[str, Any]:
        return tomllib.loads(self.read(posixpath.join(directory, "Cargo.toml")))

    def licence_files_in(self, directory: str, nested: bool) -> list[str]:
        prefix = directory + "/" if directory else ""
        return sorted(
            rel
            for rel in self.files
            if rel.startswith(prefix)
            and is_licence_file(rel)
            and (nested or "/" not in rel[len(prefix):])
        )


def rlib_crates(rust_std: list[str]) -> set[str]:
    """Crate names (`cfg_if`) of the rlibs among a toolchain's std files."""
    return {m["crate"] for name in rust_std if (m := _RLIB.match(name.rsplit("/", 1)[-1]))}


def _dependency_tables(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    tables = [manifest.get("dependencies", {})]
    tables += [t.get("dependencies", {}) for t in manifest.get("target", {}).values()]
    return tables


def _lib_name(manifest: dict[str, Any]) -> str:
    name: str = manifest.get("lib", {}).get("name") or manifest["package"]["name"]
    return name.replace("-", "_")


def _locked_versions(src: RustSrc) -> dict[str, list[str]]:
    versions: dict[str, list[str]] = {}
    for package in tomllib.loads(src.read("library/Cargo.lock")).get("package", []):
        if "source" in package:  # rust-src's own crates are reached by path
            versions.setdefault(package["name"], []).append(package["version"])
    return versions


def _closure(src: RustSrc) -> dict[str, StdCrate]:
    """std's dependency closure over all targets, by lib name."""
    versions = _locked_versions(src)
    patches = {
        name: posixpath.normpath(posixpath.join("library", spec["path"]))
        for name, spec in src.manifest("library").get("patch", {}).get("crates-io", {}).items()
    }
    found: dict[str, StdCrate] = {}
    seen: set[str] = set()
    pending = ["library/std"]
    while pending:
        directory = pending.pop()
        if directory in seen:
            continue
        seen.add(directory)
        manifest = src.manifest(directory)
        package = manifest["package"]
        crate = StdCrate(
            name=package["name"],
            version=package["version"],
            directory=directory,
            manifest=manifest,
            vendored=directory.startswith("library/vendor/"),
        )
        found.setdefault(_lib_name(manifest), crate)
        for table in _dependency_tables(manifest):
            for key, spec in table.items():
                spec = spec if isinstance(spec, dict) else {"version": spec}
                name = spec.get("package", key)
                if "path" in spec:
                    pending.append(posixpath.normpath(posixpath.join(directory, spec["path"])))
                elif name in patches:
                    pending.append(patches[name])
                elif len(versions.get(name, [])) == 1:
                    pending.append(f"library/vendor/{name}-{versions[name][0]}")
                elif name in versions:
                    raise RustSrcError(f"library/Cargo.lock has {name} in versions {versions[name]}: which one {package['name']} uses is not known")
                elif not spec.get("optional"):
                    raise RustSrcError(f"{package['name']} depends on {name}, which library/Cargo.lock does not have")
                # An optional dependency nothing enables: not in the lock, never built.
    return found


def _included_directories(src: RustSrc, crate: StdCrate) -> list[str]:
    """Sibling projects whose sources `crate`'s lib.rs includes by #[path]."""
    lib_rs = posixpath.join(crate.directory, "src/lib.rs")
    if lib_rs not in src.files:
        return []
    dirs = sorted(set(_INCLUDED.findall(src.read(lib_rs))))
    # The paths are relative to src/, the directory lib.rs is in.
    return [posixpath.normpath(posixpath.join(crate.directory, "src", "../..", d)) for d in dirs]


def _nearest_licence_files(src: RustSrc, directory: str) -> list[str]:
    while True:
        found = src.licence_files_in(directory, nested=False)
        if found or not directory:
            return found
        directory = posixpath.dirname(directory)


def linked_crates(src: RustSrc, rust_std: list[str], triple: str) -> list[StdCrate]:
    """The std crates a binary for `triple` links, with their licence files."""
    built = rlib_crates(rust_std)
    if "std" not in built:
        raise RustSrcError(f"the Rust toolchain for {triple} has no std rlib among {sorted(rust_std)}")
    closure = _closure(src)
    linked = [crate for lib, crate in sorted(closure.items()) if lib in built]
    for crate in linked:
        if crate.vendored:
            crate.licence_files = src.licence_files_in(crate.directory, nested=True)
        else:
            files = _nearest_licence_files(src, crate.directory)
            for included in _included_directories(src, crate):
                files += _nearest_licence_files(src, included)
            crate.licence_files = sorted(set(files))
    return linked
