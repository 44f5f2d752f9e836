"""Which files of a crate are licence texts, and reading them the same way.

tools/rules/notices.bzl passes a crate's files through the same test (its
`_is_licence_file`); keep the two alike.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

# A top-level file with one of these names (any case, any suffix) is a
# licence file of the crate; deeper ones usually cover code the crate
# vendors (C sources, Unicode tables) and are carried as well.
PREFIXES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")

# Source and binary files whose names merely start like a licence
# (`license.rs`, `libwinapi_oemlicense.a` does not, `COPYRIGHT.c` would).
CODE_SUFFIXES = frozenset(
    "rs a o so dll lib dylib c h cc cpp hpp py js mjs ts json toml yml yaml sh s bin wasm".split()
)


def is_licence_file(rel: str) -> bool:
    """Whether `rel`, a path inside a crate, names a licence text."""
    name = PurePosixPath(rel).name
    if not name.upper().startswith(PREFIXES):
        return False
    suffix = name.rsplit(".", 1)[1].lower() if "." in name else ""
    return suffix not in CODE_SUFFIXES


def is_top_level(rel: str) -> bool:
    return "/" not in rel


def read_text(path: Path) -> str:
    """A licence text as it is to be printed: Unix line ends, no trailing blanks."""
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip() + "\n"
