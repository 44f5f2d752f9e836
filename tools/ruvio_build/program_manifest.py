"""Checks a program's catalog entry ([crate.executable]) against the
published crate's own Cargo.toml, from which the program is built:

    program_manifest.py CARGO_TOML BIN PATH EDITION [--library=LIB] [FEATURE...]

The [[bin]] named BIN must exist with crate root PATH (or be Cargo's implicit
src/main.rs program named after the package), its edition must be EDITION,
and the features it is built with must be the crate's default features (with
those they turn on), which is what `cargo install` builds. With --library, the crate's [lib] must
have crate root LIB and the crate's own name (the program says `use <crate>`);
without it, a crate that declares a [lib] is refused (its program would not
find the library it may use). Prints one line per
check and exits non-zero at the first mismatch, naming the catalog field.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any


class Mismatch(Exception):
    pass


def default_features(manifest: dict[str, Any]) -> set[str]:
    """The crate's own features `default` turns on, transitively; features
    of dependencies (`dep/feature`, `dep:name`) are crate_universe's to resolve."""
    table: dict[str, list[str]] = manifest.get("features", {})
    out: set[str] = set()
    todo = list(table.get("default", []))
    while todo:
        name = todo.pop()
        if "/" in name or name.startswith("dep:") or name in out:
            continue
        if name in table:
            out.add(name)
            todo.extend(table[name])
    return out


def binary(manifest: dict[str, Any], name: str) -> dict[str, Any]:
    package = manifest.get("package", {})
    bins = manifest.get("bin", [])
    for b in bins:
        if b.get("name") == name:
            return b
    if name == package.get("name") and package.get("autobins", True) is not False:
        return {"name": name, "path": "src/main.rs"}
    known = ", ".join(b.get("name", "?") for b in bins) or "none"
    raise Mismatch(f"executable.name: the crate has no [[bin]] named {name!r} (its bins: {known})")


def check_edition(field: str, target: dict[str, Any], manifest: dict[str, Any], edition: str) -> str:
    """A [[bin]]'s or [lib]'s edition: its own, else the package's."""
    want = str(target.get("edition", manifest.get("package", {}).get("edition", "2015")))
    if want != edition:
        raise Mismatch(f"{field}.edition: the crate says {want!r}, not {edition!r}")
    return f"ok    {field}.edition: {edition}"


def check_features(field: str, manifest: dict[str, Any], features: list[str]) -> tuple[str, set[str]]:
    """The catalog's features must be the crate's default ones; returns the
    line and those features."""
    want = default_features(manifest)
    if want != set(features):
        raise Mismatch(f"{field}.features: the crate's default features are {sorted(want)}, not {sorted(features)}")
    return f"ok    {field}.features: {sorted(want) or 'none'} (the default ones)", want


def check_library(manifest: dict[str, Any], library: str) -> str:
    lib = manifest.get("lib")
    package = str(manifest.get("package", {}).get("name", ""))
    if lib is None:
        if library:
            raise Mismatch(f"executable.library: the crate declares no [lib], not {library!r}")
        return "ok    executable.library: none (the crate declares no [lib])"
    if not library:
        raise Mismatch(f"executable.library: the crate has a library ({lib.get('path', 'src/lib.rs')}); name it")
    want_path = lib.get("path", "src/lib.rs")
    if want_path != library:
        raise Mismatch(f"executable.library: the crate's [lib] is {want_path!r}, not {library!r}")
    want_name = lib.get("name", package.replace("-", "_"))
    if want_name != package.replace("-", "_"):
        raise Mismatch(f"executable.library: the crate's [lib] is named {want_name!r}, not after the crate")
    return f"ok    executable.library: {library} ({want_name})"


def check(
    manifest: dict[str, Any], name: str, path: str, edition: str, features: list[str], library: str = ""
) -> list[str]:
    b = binary(manifest, name)
    lines = [f"ok    executable.name: [[bin]] {name}"]
    want_path = b.get("path", f"src/bin/{name}.rs")
    if want_path != path:
        raise Mismatch(f"executable.path: the crate's [[bin]] {name} is {want_path!r}, not {path!r}")
    lines.append(f"ok    executable.path: {path}")
    lines.append(check_edition("executable", b, manifest, edition))
    features_line, want_features = check_features("executable", manifest, features)
    required = set(b.get("required-features", [])) - want_features
    if required:
        raise Mismatch(f"executable.features: [[bin]] {name} requires {sorted(required)}, which are not default")
    lines.append(features_line)
    lines.append(check_library(manifest, library))
    return lines


def main(argv: list[str]) -> int:
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    manifest = tomllib.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        library = [a.removeprefix("--library=") for a in argv[4:] if a.startswith("--library=")]
        features = [a for a in argv[4:] if not a.startswith("--library=")]
        for line in check(manifest, argv[1], argv[2], argv[3], features, library[0] if library else ""):
            print(line)
    except Mismatch as e:
        print(f"FAIL  {e} (crates/catalog.toml, [crate.executable])")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
