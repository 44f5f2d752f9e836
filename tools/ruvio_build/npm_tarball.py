"""Checks that npm tarballs are what a reproducible build must produce.

usage: python -m ruvio_build.npm_tarball TARBALL... [--licences-of=CRATE@VERSION --third-party=DEFS_BZL [--cargo-package=PATH] [--published]]

Each file must be a gzip stream whose header carries no time but the fixed one
(or none) and no path, holding a tar of regular files and directories under `package/`, in sorted
order, with one fixed mtime, owner 0:0 and no owner names, read-only modes
(0644 files, 0755 directories and the executables in package/bin/), a
package.json whose `files` are all
present, and a README.md headed by the package's name. Prints one line per
tarball; exits 1 naming each problem.

With --licences-of=CRATE@VERSION (the wrapped crate) and --third-party
(crate_universe's defs.bzl of the binding's group, beside the crates' BUILD
files), each tarball must also hold a licence file of the wrapped crate and a
THIRD_PARTY_NOTICES.txt naming the wrapped crate and every crate
crate_universe says it and the binding link on all platforms. The binding's
dependencies are those defs.bzl files under --cargo-package (default
crates/CRATE; a named group's member path otherwise). With --published, the
crate is built from its own published sources (a program, or a crate that is
itself an addon), not a library that crate_universe vendored: what it links
is its own dependencies there.
"""

from __future__ import annotations

import io
import json
import re
import sys
import tarfile
from pathlib import Path

from ruvio_build import groups

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
                # Executables (a program's launcher and its binaries) live in bin/.
                want = 0o755 if name.startswith("package/bin/") else 0o644
                if m.mode != want:
                    out.append(f"{where}: mode {m.mode:o}, not {want:o}")
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


# Names of licence files, as tools/ruvio_build/licence_files.py has them.
LICENCE_PREFIXES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")
NOTICES = "package/THIRD_PARTY_NOTICES.txt"


def hub_name(defs_bzl: str) -> str:
    """The hub repository a defs.bzl belongs to (`crates`, `crates_<group>`):
    crate_universe names each crate's repository `<hub>__<name>-<version>`."""
    found = re.search(r'(?:\bname = "|Label\("@)([A-Za-z0-9_]+?)__', defs_bzl)
    if not found:
        raise ValueError("defs.bzl declares no crate repository (`<hub>__<name>-<version>`)")
    return found.group(1)


def _crate_targets(third_party: Path, hub: str) -> dict[str, tuple[str, str, list[str]]]:
    """Each crate repository's name, version and unconditional normal deps (repositories)."""
    out: dict[str, tuple[str, str, list[str]]] = {}
    for build in third_party.glob("BUILD.*.bazel"):
        text = build.read_text(encoding="utf-8")
        found = re.search(r"^rust_library\(", text, re.M)
        if not found:
            continue  # a proc macro: never linked
        block = text[found.start():text.index("\n)\n", found.start())]
        name = re.search(r'"crate-name=([^"]+)"', block)
        version = re.search(r'\n    version = "([^"]+)"', block)
        deps = re.search(r"\n    deps = \[(.*?)\]", block, re.S)
        if not name or not version:
            continue
        # Repository names spell a version's `+` as `-`.
        repo = f"{hub}__" + build.name[len("BUILD."):-len(".bazel")].replace("+", "-")
        linked = re.findall(rf'"@({hub}__[^"/]+)//:(\w+)"', deps.group(1)) if deps else []
        out[repo] = (name.group(1), version.group(1), [r for r, target in linked if target != "build_script_build"])
    return out


def linked_crates(defs_bzl: Path, crate: str, version: str, cargo_package: str = "", published: bool = False) -> list[str]:
    """`name version` of the wrapped crate and of what it and the binding
    (or, built from the published crate, the crate itself) always link."""
    text = defs_bzl.read_text(encoding="utf-8")
    hub = hub_name(text)
    targets = _crate_targets(defs_bzl.parent, hub)
    wrapped = [repo for repo, (n, v, _) in targets.items() if (n, v) == (crate, version)]
    if published:
        wrapped = []
    elif len(wrapped) != 1:
        raise ValueError(f"{defs_bzl.parent}: no rust_library of {crate} {version}")
    binding = groups.normal_dependencies(text).get(cargo_package or f"crates/{crate}", {})
    pending = wrapped + [r for r in binding.get(groups.COMMON_CONDITION, []) if r.startswith(f"{hub}__")]
    seen: set[str] = set()
    while pending:
        repo = pending.pop()
        if repo in seen or repo not in targets:
            continue
        seen.add(repo)
        pending += targets[repo][2]
    own = [f"{crate} {version}"] if published else []
    return sorted(own + [f"{targets[r][0]} {targets[r][1]}" for r in seen])


def licence_problems(path: Path, crate: str, expected: list[str]) -> list[str]:
    """The wrapped crate's licence file and the notices of what the binaries link."""
    with tarfile.open(path, mode="r:gz") as tar:
        files = {m.name.removeprefix("./"): m for m in tar.getmembers() if m.isfile()}
        licences = [
            name
            for name, m in files.items()
            if name.count("/") == 1 and name.split("/")[1].upper().startswith(LICENCE_PREFIXES) and m.size
        ]
        notices_member = files.get(NOTICES)
        extracted = tar.extractfile(notices_member) if notices_member else None
        notices = extracted.read().decode("utf-8") if extracted else ""
    out = []
    if not licences:
        out.append(f"{path.name}: no licence file of {crate} (package/LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE*)")
    if not notices.strip():
        out.append(f"{path.name}: no {NOTICES}, or it is empty")
    else:
        missing = [c for c in expected if not re.search(rf"^{re.escape(c)}$", notices, re.M)]
        if missing:
            out.append(f"{path.name}: THIRD_PARTY_NOTICES.txt does not name {', '.join(missing)}")
    return out


def main(argv: list[str]) -> int:
    published = "--published" in argv
    options = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    paths = [a for a in argv if not a.startswith("--")]
    expected: list[str] | None = None
    crate = ""
    if "licences-of" in options and "third-party" in options:
        crate, _, version = options["licences-of"].rpartition("@")
        expected = linked_crates(
            Path(options["third-party"]), crate, version, options.get("cargo-package", ""), published
        )
    failed = 0
    for p in paths:
        found = problems(Path(p))
        if expected is not None:
            found += licence_problems(Path(p), crate, expected)
        for line in found:
            print(f"FAIL  {line}")
        if not found:
            print(
                f"ok    {Path(p).name}: sorted, one fixed mtime, 0:0, 0644 (0755 in bin/), files listed are present, README.md"
            )
            if expected is not None:
                print(f"ok    {Path(p).name}: a licence file of {crate}; notices name {len(expected)} crates it always links")
        failed += bool(found)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
