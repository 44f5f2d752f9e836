"""Checks a published addon's catalog entry ([crate.published_addon]) against
the published crate's own Cargo.toml, from which the addon is built:

    addon_manifest.py CARGO_TOML NAME PATH EDITION NAPI_DERIVE [FEATURE...]

The crate's [lib] must be a cdylib named NAME with crate root PATH, its
edition must be EDITION, the features it is built with must be the crate's
default features (with those they turn on), which is what `napi build` builds,
and its napi-derive dependency must be of major release NAPI_DERIVE (each
release hands its TypeScript declarations over differently). Prints one line
per check and exits non-zero at the first mismatch, naming the catalog field.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from ruvio_build.program_manifest import Mismatch, check_edition, check_features

FIELD = "published_addon"


def napi_derive_major(manifest: dict[str, Any]) -> str:
    """The major release the crate's napi-derive requirement allows ("2" for
    "2.16", "^2", "=2.16.13"), or "" when it has no napi-derive."""
    for key, spec in manifest.get("dependencies", {}).items():
        package = spec.get("package", key) if isinstance(spec, dict) else key
        if package != "napi-derive":
            continue
        version = spec.get("version", "") if isinstance(spec, dict) else spec
        match = re.match(r"^\s*[\^=~]?\s*(\d+)", str(version))
        if not match:
            raise Mismatch(f"{FIELD}.napi_derive: the crate's napi-derive requirement {version!r} names no release")
        return match.group(1)
    return ""


def check(manifest: dict[str, Any], name: str, path: str, edition: str, napi_derive: str, features: list[str]) -> list[str]:
    package = manifest.get("package", {})
    lib = manifest.get("lib")
    if lib is None:
        raise Mismatch(f"{FIELD}: the crate declares no [lib], so it has no addon to build")
    want_name = lib.get("name", str(package.get("name", "")).replace("-", "_"))
    if want_name != name:
        raise Mismatch(f"{FIELD}.name: the crate's [lib] is named {want_name!r}, not {name!r}")
    lines = [f"ok    {FIELD}.name: [lib] {name}"]
    if "cdylib" not in lib.get("crate-type", ["lib"]):
        raise Mismatch(f"{FIELD}: the crate's [lib] is no cdylib (crate-type {lib.get('crate-type', ['lib'])}), so no addon")
    want_path = lib.get("path", "src/lib.rs")
    if want_path != path:
        raise Mismatch(f"{FIELD}.path: the crate's [lib] is {want_path!r}, not {path!r}")
    lines.append(f"ok    {FIELD}.path: {path} (a cdylib)")
    lines.append(check_edition(FIELD, lib, manifest, edition))
    lines.append(check_features(FIELD, manifest, features)[0])
    want_major = napi_derive_major(manifest)
    if want_major != napi_derive:
        said = f"napi-derive {want_major}" if want_major else "no napi-derive"
        raise Mismatch(f"{FIELD}.napi_derive: the crate depends on {said}, not napi-derive {napi_derive}")
    lines.append(f"ok    {FIELD}.napi_derive: {napi_derive}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    manifest = tomllib.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        for line in check(manifest, argv[1], argv[2], argv[3], argv[4], argv[5:]):
            print(line)
    except Mismatch as e:
        print(f"FAIL  {e} (crates/catalog.toml, [crate.{FIELD}])")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
