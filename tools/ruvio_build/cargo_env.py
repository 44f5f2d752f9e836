"""The CARGO_PKG_* variables Cargo gives a published crate's compile, from its
own Cargo.toml, as a rules_rust environment file (rustc_env_files):

    cargo_env.py CARGO_TOML OUT [BIN]

rules_rust sets CARGO_PKG_NAME to the Bazel target's name and leaves the
description and authors empty; a program built from a published crate reads
them through env!() (clap's `#[command(version, about, author)]` does), so
its --version and --help would differ from what `cargo install` builds. With
BIN, CARGO_BIN_NAME too, as Cargo sets it for a [[bin]].
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any


class ManifestError(Exception):
    pass


def _text(package: dict[str, Any], key: str) -> str:
    value = package.get(key, "")
    if isinstance(value, dict):
        # `key.workspace = true` is resolved when a crate is packaged; a
        # published manifest never has it.
        raise ManifestError(f"package.{key} is inherited from a workspace: not a published manifest")
    if isinstance(value, list):
        return ":".join(str(v) for v in value)
    return str(value)


def variables(manifest: dict[str, Any], bin_name: str = "") -> dict[str, str]:
    package = manifest.get("package")
    if not isinstance(package, dict) or not package.get("name"):
        raise ManifestError("no [package] name")
    out = {
        "CARGO_PKG_NAME": _text(package, "name"),
        "CARGO_PKG_DESCRIPTION": _text(package, "description"),
        "CARGO_PKG_AUTHORS": _text(package, "authors"),
        "CARGO_PKG_HOMEPAGE": _text(package, "homepage"),
        "CARGO_PKG_REPOSITORY": _text(package, "repository"),
        "CARGO_PKG_LICENSE": _text(package, "license"),
        "CARGO_PKG_LICENSE_FILE": _text(package, "license-file"),
        "CARGO_PKG_RUST_VERSION": _text(package, "rust-version"),
        "CARGO_PKG_README": _text(package, "readme") if isinstance(package.get("readme"), str) else "",
    }
    if bin_name:
        out["CARGO_BIN_NAME"] = bin_name
    return out


def _line(key: str, value: str) -> str:
    """One KEY=VALUE entry. The file's reader joins a line that ends in an odd
    number of backslashes to the next (a newline in the value) and halves
    backslashes at a line's end, so those are doubled."""
    parts = value.split("\n")
    escaped = []
    for i, part in enumerate(parts):
        trailing = len(part) - len(part.rstrip("\\"))
        part = part + "\\" * trailing
        escaped.append(part + ("\\" if i < len(parts) - 1 else ""))
    return f"{key}=" + "\n".join(escaped)


def render(values: dict[str, str]) -> str:
    return "".join(_line(k, v.rstrip("\n")) + "\n" for k, v in values.items())


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        values = variables(tomllib.loads(Path(argv[0]).read_text(encoding="utf-8")), argv[2] if len(argv) > 2 else "")
    except (ManifestError, tomllib.TOMLDecodeError) as e:
        print(f"cargo_env.py: {argv[0]}: {e}", file=sys.stderr)
        return 1
    Path(argv[1]).write_text(render(values), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
