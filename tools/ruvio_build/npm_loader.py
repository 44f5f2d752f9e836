"""Writes the index.js that goes into a main npm package: the generated loader
with each of the addon's exports assigned by name.

usage: python -m ruvio_build.npm_loader LOADER NAMES OUT

Node's ES module loader finds a CommonJS module's named exports by reading
its source, so `module.exports = load()` alone gives `import { find } from
'@ruv.io/...'` nothing to find. NAMES (from ruvio_build.typedefs) lists what
the binding exports, one a line.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

LOAD = "module.exports = load();\n"
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def loader(source: str, names: list[str], where: str) -> str:
    if source.count(LOAD) != 1:
        raise SystemExit(f"{where}: expected one line `{LOAD.strip()}` to extend, found {source.count(LOAD)}")
    bad = [n for n in names if not _IDENTIFIER.match(n)]
    if bad:
        raise SystemExit(f"{where}: export names that are not JavaScript identifiers: {', '.join(bad)}")
    lines = [
        "const binding = load();",
        "module.exports = binding;",
        "// Each export by name, for Node's ES module loader (import { name } from ...).",
        *(f"module.exports.{n} = binding.{n};" for n in names),
    ]
    return source.replace(LOAD, "\n".join(lines) + "\n")


def main(src: str, names_file: str, out: str) -> None:
    names = [n.strip() for n in Path(names_file).read_text(encoding="utf-8").splitlines() if n.strip()]
    Path(out).write_text(loader(Path(src).read_text(encoding="utf-8"), names, src), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
