"""Checks that npm tarballs are what a reproducible build must produce.

usage: python -m ruvio_build.npm_tarball TARBALL...

Each file must be a gzip stream whose header carries no time but the fixed one
(or none) and no path, holding a tar of regular files and directories under `package/`, in sorted
order, with one fixed mtime, owner 0:0 and no owner names, read-only modes
(0644 files, 0755 directories), a package.json whose `files` are all
present, and a README.md headed by the package's name. Prints one line per
tarball; exits 1 naming each problem.
"""

from __future__ import annotations

import io
import json
import sys
import tarfile
from pathlib import Path

GZIP_MAGIC = b"\x1f\x8b"


def problems(path: Path) -> list[str]:
    data = path.read_bytes()
    out: list[str] = []
    if data[:2] != GZIP_MAGIC:
        return [f"{path.name}: not gzip"]
    gzip_mtime = int.from_bytes(data[4:8], "little")
    if data[3] & 0x08:
        end = data.index(b"\0", 10)
        if b"/" in data[10:end]:
            out.append(f"{path.name}: gzip header names a path: {data[10:end].decode(errors='replace')}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        members = tar.getmembers()
        names = [m.name.removeprefix("./") for m in members]
        if names != sorted(names):
            out.append(f"{path.name}: entries are not in sorted order")
        mtimes = {m.mtime for m in members}
        if len(mtimes) > 1:
            out.append(f"{path.name}: entries have {len(mtimes)} different mtimes")
        if gzip_mtime and gzip_mtime not in mtimes:
            out.append(f"{path.name}: gzip header carries a timestamp ({gzip_mtime}) other than the entries' fixed one")
        files: dict[str, bytes] = {}
        for m, name in zip(members, names):
            where = f"{path.name}: {name}"
            if name != "package" and not name.startswith("package/"):
                out.append(f"{where}: outside package/")
            if m.uid or m.gid or m.uname or m.gname:
                out.append(f"{where}: owner {m.uname or m.uid}:{m.gname or m.gid}, not 0:0 without names")
            if m.isdir():
                if m.mode != 0o755:
                    out.append(f"{where}: directory mode {m.mode:o}, not 755")
            elif m.isfile():
                if m.mode != 0o644:
                    out.append(f"{where}: mode {m.mode:o}, not 644")
                extracted = tar.extractfile(m)
                files[name] = extracted.read() if extracted else b""
            else:
                out.append(f"{where}: neither a regular file nor a directory")
    manifest = files.get("package/package.json")
    if manifest is None:
        return out + [f"{path.name}: no package/package.json"]
    try:
        package = json.loads(manifest)
    except ValueError as e:
        return out + [f"{path.name}: package.json is not JSON: {e}"]
    for listed in package.get("files", []):
        if f"package/{listed}" not in files:
            out.append(f"{path.name}: package.json lists {listed!r} under files, but the tarball lacks it")
    out += readme_problems(path.name, package, files)
    return out


def readme_problems(where: str, package: dict[str, object], files: dict[str, bytes]) -> list[str]:
    """The README npm shows on the package's page: present, and about this package."""
    readme = files.get("package/README.md")
    if readme is None:
        return [f"{where}: no package/README.md"]
    text = readme.decode("utf-8", errors="replace")
    heading = f"# {package.get('name')}\n"
    if not text.startswith(heading):
        return [f"{where}: README.md does not start with {heading.strip()!r}"]
    if len(text.split()) < 20:
        return [f"{where}: README.md holds little more than its heading ({len(text.split())} words)"]
    return []


def main(paths: list[str]) -> int:
    failed = 0
    for p in paths:
        found = problems(Path(p))
        for line in found:
            print(f"FAIL  {line}")
        if not found:
            print(f"ok    {Path(p).name}: sorted, one fixed mtime, 0:0, 0644, files listed are present")
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
