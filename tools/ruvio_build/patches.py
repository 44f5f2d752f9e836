"""Fixes to third-party crates' build plumbing, from crates/patches/patches.toml.

Some crates as published build wrongly for a target: a build script that
looks at the host it runs on instead of the target, flags for one
architecture passed to every compiler. crate_universe can patch a crate's
sources as it fetches them (an annotation on the crate, per dependency
world). The patches live in the open under crates/patches/, one table each
with the reason, and a patch fixes how a crate builds, never what it
computes. Besides a patch, an entry may give the crate's library data
(`data_glob`): files of the crate that its dependents' build scripts read
at run time through paths the library hands them, which Bazel's sandbox
must then stage; or features (`crate_features`) that the crate's build
script would otherwise have to detect by probing the target, where that
probe cannot work in the sandbox.

Every world whose Cargo.lock holds a patched crate at the patched version gets
the annotation. crate_universe refuses annotations for crates its lock lacks,
so a world that gains or loses the crate by vendoring needs `ruvio generate`
and vendoring once more.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Where the patch files and their list live, as a directory and a package.
PACKAGE = "crates/patches"
LIST = f"{PACKAGE}/patches.toml"

_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$")
_FILE = re.compile(r"^[A-Za-z0-9_.+-]+\.patch$")
_FIELDS = ("crate", "version", "file", "data_glob", "crate_features", "why")
_REQUIRED = ("crate", "version", "why")


class PatchError(ValueError):
    """A problem in the patch list, naming the entry and field it is about."""


@dataclass(frozen=True)
class Patch:
    crate: str
    version: str
    file: str  # in crates/patches/, or "" for none
    why: str
    data_glob: tuple[str, ...] = ()
    crate_features: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"@//{PACKAGE}:{self.file}" if self.file else ""


def parse(text: str, name: str = LIST, present: Iterable[str] | None = None) -> list[Patch]:
    """The patches `text` lists. `present` names the files that exist in
    crates/patches (None: not checked)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PatchError(f"{name}: not valid TOML: {e}") from None
    unknown = sorted(set(data) - {"patch"})
    if unknown:
        raise PatchError(f"{name}: unknown key '{unknown[0]}' (only [[patch]] tables)")
    entries = data.get("patch", [])
    if not isinstance(entries, list):
        raise PatchError(f"{name}: 'patch' must be an array of tables ([[patch]])")
    files = set(present) if present is not None else None
    out: list[Patch] = []
    seen: set[tuple[str, str, str]] = set()
    for number, entry in enumerate(entries, 1):
        where = f"{name}: patch {number}"
        if not isinstance(entry, dict):
            raise PatchError(f"{where}: must be a table")
        if isinstance(entry.get("crate"), str):
            where = f"{name}: patch {number} ({entry['crate']})"
        extra = sorted(set(entry) - set(_FIELDS))
        if extra:
            raise PatchError(f"{where}: unknown field '{extra[0]}' (known: {', '.join(_FIELDS)})")
        for fld in _REQUIRED + (("file",) if "file" in entry else ()):
            value = entry.get(fld)
            if not isinstance(value, str) or not value.strip():
                raise PatchError(f"{where}: field '{fld}' must be a non-empty string")
        globs = entry.get("data_glob", [])
        if not isinstance(globs, list) or not all(isinstance(g, str) and g and not g.startswith("/") for g in globs):
            raise PatchError(f"{where}: field 'data_glob' must be a list of relative glob patterns")
        features = entry.get("crate_features", [])
        if not isinstance(features, list) or not all(isinstance(f, str) and _NAME.match(f) for f in features):
            raise PatchError(f"{where}: field 'crate_features' must be a list of feature names")
        if "file" not in entry and not globs and not features:
            raise PatchError(f"{where}: needs a 'file' (a patch), a 'data_glob' or 'crate_features'")
        patch = Patch(
            entry["crate"],
            entry["version"],
            entry.get("file", ""),
            " ".join(entry["why"].split()),
            tuple(globs),
            tuple(features),
        )
        if not _NAME.match(patch.crate):
            raise PatchError(f"{where}: field 'crate': {patch.crate!r} is not a crate name")
        if not _VERSION.match(patch.version):
            raise PatchError(f"{where}: field 'version': {patch.version!r} is not an exact version (x.y.z)")
        if patch.file and not _FILE.match(patch.file):
            raise PatchError(f"{where}: field 'file': {patch.file!r} must name a .patch file in {PACKAGE}")
        if patch.file and files is not None and patch.file not in files:
            raise PatchError(f"{where}: field 'file': {PACKAGE}/{patch.file} does not exist")
        key = (patch.crate, patch.version, patch.file or repr((patch.data_glob, patch.crate_features)))
        if key in seen:
            raise PatchError(f"{where}: listed twice")
        seen.add(key)
        out.append(patch)
    return out


def load(root: Path) -> list[Patch]:
    """The patches of the checkout at `root` (none if it has no list)."""
    path = root / LIST
    if not path.is_file():
        return []
    present = [p.name for p in (root / PACKAGE).iterdir() if p.is_file()]
    return parse(path.read_text(encoding="utf-8"), LIST, present)


def locked(lock_text: str) -> set[tuple[str, str]]:
    """(name, version) of every package a Cargo.lock holds."""
    if not lock_text.strip():
        return set()
    data = tomllib.loads(lock_text)
    return {(p["name"], p["version"]) for p in data.get("package", []) if "name" in p and "version" in p}


def for_lock(patches: Iterable[Patch], lock_text: str) -> list[Patch]:
    """The patches whose crate the lock holds at the patched version, by crate."""
    have = locked(lock_text)
    return sorted((p for p in patches if (p.crate, p.version) in have), key=lambda p: (p.crate, p.version, p.file))
