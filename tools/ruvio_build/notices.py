"""THIRD_PARTY_NOTICES.txt and the wrapped crate's licence files of an npm package.

usage:
  python -m ruvio_build.notices notices @PARAMS
  python -m ruvio_build.notices licence @PARAMS

Build actions of tools/rules/notices.bzl; PARAMS holds one argument a line.

`notices` writes what a binary statically links (for a main package: every
platform's binary): each Rust crate with its name, version, the licence its
Cargo.toml states and the licence texts it ships; the crates of Rust's
standard library, from rust-src; and a C library std links where there is
one (wasi-libc on wasm32). Arguments:
  --out FILE --subject TEXT --spdx SPDX_FULL_JSON --spdx-package PACKAGE_JSON
  --rust-src FILE... --wasi-libc-copyright FILE --wasi-libc-changelog FILE
  then per platform: --platform JSON ({platform, triple, rust_std}) followed
  by its crates, each --crate JSON ({name, version, files: [[rel, path]]}).

`licence` copies the wrapped crate's top-level licence files (or, when it
ships none, writes LICENSE from the SPDX standard texts), and fails when a
package.json's `license` is not the crate's own:
  --crate JSON --out-dir DIR --outputs NAME... --package-json FILE...
  --spdx SPDX_FULL_JSON --spdx-package PACKAGE_JSON

Both fail with a message naming the crate when its licence cannot be
determined or names a licence the SPDX License List does not know. The
output depends only on the inputs: sorted, no paths, no times.
"""

from __future__ import annotations

import argparse
import gzip
import json
import posixpath
import re
import sys
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruvio_build import rust_std, spdx_expr
from ruvio_build.licence_files import is_licence_file, is_top_level, read_text

RULE = "=" * 78
GROUPS = ("Rust crates", "Rust standard library", "C libraries")


class NoticeError(ValueError):
    """A licence that cannot be stated: the message names the crate."""


@dataclass(frozen=True)
class Text:
    title: str
    body: str


@dataclass
class Entry:
    group: str
    name: str
    version: str
    licence: str
    texts: list[Text]
    authors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    platforms: set[str] = field(default_factory=set)

    @property
    def heading(self) -> str:
        return f"{self.name} {self.version}"


class SpdxList:
    """The SPDX License List's standard texts, from the spdx-license-list package."""

    def __init__(self, full_json: Path, package_json: Path) -> None:
        self.licences: dict[str, dict[str, Any]] = json.loads(full_json.read_text(encoding="utf-8"))
        self.by_lower = {key.lower(): key for key in self.licences}
        self.version = json.loads(package_json.read_text(encoding="utf-8"))["version"]

    @property
    def source(self) -> str:
        return f"the SPDX License List's standard text (npm package spdx-license-list {self.version})"

    def text(self, licence: str) -> Text | None:
        key = self.by_lower.get(licence.lower()) or self.by_lower.get(licence.removesuffix("+").lower())
        if key is None:
            return None
        return Text(f"{key} (SPDX standard text)", self.licences[key]["licenseText"].replace("\r\n", "\n").rstrip() + "\n")


def _authors(package: dict[str, Any]) -> tuple[str, ...]:
    authors = package.get("authors", [])
    return tuple(a for a in authors if isinstance(a, str)) if isinstance(authors, list) else ()


def spdx_texts(name: str, version: str, expression: str, spdx: SpdxList) -> tuple[list[Text], list[str]]:
    """The standard text of every licence `expression` names, and notes on it."""
    try:
        parsed = spdx_expr.parse(expression)
    except spdx_expr.ExpressionError as e:
        raise NoticeError(f"{name} {version}: its licence {expression!r} is not an SPDX expression ({e}), and it ships no licence file") from e
    texts: list[Text] = []
    for licence in parsed.licences:
        text = spdx.text(licence)
        if text is None:
            raise NoticeError(
                f"{name} {version}: ships no licence file, and the SPDX License List has no licence {licence!r} "
                f"(from its licence {expression!r}) whose standard text could stand in"
            )
        texts.append(text)
    notes = [f"{name} ships no licence file: below is {spdx.source} of each licence its Cargo.toml names."]
    if parsed.exceptions:
        notes.append(
            f"The exception{'s' if len(parsed.exceptions) > 1 else ''} {', '.join(parsed.exceptions)} named there "
            "(an SPDX exception only adds permissions to the licence it qualifies) "
            "is not part of the SPDX License List's licence texts and is not printed."
        )
    return texts, notes


def crate_entry(
    manifest: dict[str, Any],
    files: dict[str, Path],
    spdx: SpdxList,
    group: str = "Rust crates",
    default_licence: str | None = None,
    version: str | None = None,
    top_level: set[str] | None = None,
) -> Entry:
    """A crate's entry from its Cargo.toml and licence files (path inside the crate -> file).

    `default_licence` stands for a crate that states none because its
    project's licence covers it (Rust's own crates: their files say so);
    `top_level` are the files that are the crate's own licence (by default
    those at its top), the others cover code it includes.
    """
    package = manifest.get("package", {})
    name = str(package.get("name", "?"))
    version = version or str(package.get("version", "?"))
    licence = package.get("license")
    licence_file = package.get("license-file")
    if licence is not None and not isinstance(licence, str) or licence_file is not None and not isinstance(licence_file, str):
        raise NoticeError(f"{name} {version}: `license` and `license-file` in its Cargo.toml must be strings")
    own = top_level if top_level is not None else {rel for rel in files if is_top_level(rel)}
    top = sorted(rel for rel in files if rel in own)
    nested = sorted(rel for rel in files if rel not in own)
    notes: list[str] = []
    texts: list[Text] = []
    if licence_file:
        rel = posixpath.normpath(licence_file.replace("\\", "/")).removeprefix("./")
        if rel not in files:
            raise NoticeError(
                f"{name} {version}: its Cargo.toml names license-file {licence_file!r}, which is not among its "
                f"licence files ({', '.join(sorted(files)) or 'none'})"
            )
        texts.append(Text(rel, read_text(files[rel])))
        top = [t for t in top if t != rel]
        nested = [t for t in nested if t != rel]
        shown = licence or f"as stated in {rel} (its license-file)"
    elif licence:
        shown = licence
    elif default_licence:
        shown = default_licence
    else:
        raise NoticeError(
            f"{name} {version}: its Cargo.toml states neither `license` nor `license-file`, so its licence cannot be determined"
        )
    texts += [Text(rel, read_text(files[rel])) for rel in top]
    if not texts:
        if not licence:
            raise NoticeError(f"{name} {version}: ships no licence file for its licence {shown!r}")
        fallback, fallback_notes = spdx_texts(name, version, licence, spdx)
        texts += fallback
        notes += fallback_notes
    if nested:
        notes.append("Licence files inside the crate (of code it includes) follow its own.")
        texts += [Text(rel, read_text(files[rel])) for rel in nested]
    return Entry(group, name, version, shown, texts, _authors(package), tuple(notes))


# --- Inputs of one platform -------------------------------------------------


def third_party_entry(record: dict[str, Any], spdx: SpdxList) -> Entry:
    files = {rel: Path(path) for rel, path in record["files"]}
    if "Cargo.toml" not in files:
        raise NoticeError(f"{record['name']} {record['version']}: its sources have no Cargo.toml ({record.get('label', '')})")
    manifest = tomllib.loads(files.pop("Cargo.toml").read_text(encoding="utf-8"))
    licence_files = {rel: path for rel, path in files.items() if is_licence_file(rel)}
    return crate_entry(manifest, licence_files, spdx)


def rust_src_files(paths: list[str]) -> dict[str, Path]:
    """rust-src's files by their path inside it (`library/std/Cargo.toml`)."""
    marker = "lib/rustlib/src/rust/"
    out: dict[str, Path] = {}
    for path in paths:
        at = path.find(marker)
        if at < 0:
            raise NoticeError(f"{path} is not inside rust-src ({marker})")
        out[path[at + len(marker):]] = Path(path)
    return out


def std_entries(src: rust_std.RustSrc, rust_std_files: list[str], triple: str, spdx: SpdxList) -> list[Entry]:
    entries = []
    for crate in rust_std.linked_crates(src, rust_std_files, triple):
        base = crate.directory + "/" if crate.vendored else ""
        files = {rel.removeprefix(base): src.files[rel] for rel in crate.licence_files}
        if not crate.vendored:
            # Rust's own crates: their licence files are the project's, listed by
            # their place in rust-src, and each counts as the crate's own.
            files = {f"rust-src/{rel}": path for rel, path in files.items()}
        version = crate.version if crate.vendored or crate.version != "0.0.0" else src.version
        default = None if crate.vendored else "the Rust project's (rust-src/COPYRIGHT)"
        top = None if crate.vendored else set(files)
        entries.append(crate_entry(crate.manifest, files, spdx, "Rust standard library", default, version, top))
    return entries


def debian_version(changelog: Path) -> str:
    first = gzip.decompress(changelog.read_bytes()).decode("utf-8").split("\n", 1)[0]
    m = re.match(r"\S+ \(([^)]+)\)", first)
    if not m:
        raise NoticeError(f"{changelog}: not a Debian changelog (first line {first!r})")
    return m.group(1)


def wasi_libc_entry(copyright_file: Path, changelog: Path, spdx: SpdxList) -> Entry:
    """wasi-libc, which std links into wasm32-wasi binaries, as Debian ships and describes it."""
    text = read_text(copyright_file)
    texts = [Text("Debian's copyright file of wasi-libc", text)]
    named = sorted({line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("License:")})
    # Debian refers to the common licences by file instead of printing them.
    for licence in sorted(set(re.findall(r"/usr/share/common-licenses/([\w.+-]+)", text))):
        standard = spdx.text(licence)
        if standard is None:
            raise NoticeError(f"wasi-libc: its copyright file refers to the licence {licence!r}, which the SPDX License List does not have")
        texts.append(standard)
    notes = (
        "The C library of the WebAssembly System Interface, linked into wasm32-wasi binaries from the "
        "self-contained part of the Rust target's std (built from the Debian package wasi-libc). "
        f"Licences that Debian's copyright file refers to by name follow it as {spdx.source}.",
    )
    return Entry("C libraries", "wasi-libc", debian_version(changelog), "as Debian's copyright file states: " + ", ".join(named), texts, (), notes)


# --- The notice -----------------------------------------------------------


def _natural(text: str) -> tuple[Any, ...]:
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def merge(entries: list[Entry]) -> list[Entry]:
    """One entry per component, with every platform it is linked into."""
    merged: dict[tuple[str, str, str], Entry] = {}
    for entry in entries:
        key = (entry.group, entry.name, entry.version)
        if key in merged:
            merged[key].platforms |= entry.platforms
        else:
            merged[key] = entry
    return sorted(merged.values(), key=lambda e: (GROUPS.index(e.group), _natural(e.name), _natural(e.version)))


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=78, break_long_words=False, break_on_hyphens=False)


def render(subject: str, entries: list[Entry], platforms: list[str]) -> str:
    entries = merge(entries)
    many = len(platforms) > 1
    intro = (
        f"{subject} statically links the third-party software listed below. For each "
        "component: its name and version, the licence it states (a Rust crate's "
        "Cargo.toml `license`), and the licence texts it ships. Where a crate ships "
        "no licence file, the SPDX License List's standard text of each licence "
        "it names stands in, and its entry says so. A text printed once is not "
        "repeated: a later entry with the same text refers back to it."
    )
    out = ["THIRD-PARTY SOFTWARE NOTICES", "", _wrap(intro), ""]
    if many:
        out += [_wrap(f"Platforms: {', '.join(platforms)}. An entry linked into only some of them names them."), ""]
    for group in dict.fromkeys(e.group for e in entries):
        members = [e for e in entries if e.group == group]
        out.append(f"{group} ({len(members)}):")
        out += [f"  {e.heading}  {e.licence}" for e in members]
        out.append("")
    printed: dict[str, str] = {}
    for entry in entries:
        out += [RULE, entry.heading, f"Licence: {entry.licence}"]
        if entry.authors:
            out.append(f"Authors: {', '.join(entry.authors)}")
        if many and entry.platforms != set(platforms):
            out.append(f"Linked into: {', '.join(p for p in platforms if p in entry.platforms)}")
        out += [_wrap(note) for note in entry.notes]
        for text in entry.texts:
            out.append("")
            first = printed.get(text.body)
            if first:
                out.append(f"--- {text.title}: the same text as {first} above")
            else:
                printed[text.body] = f"{text.title} of {entry.heading}"
                out += [f"--- {text.title}", "", text.body.rstrip("\n")]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


@dataclass
class Platform:
    name: str
    triple: str
    rust_std: list[str]
    crates: list[dict[str, Any]] = field(default_factory=list)


def parse_notices_args(argv: list[str]) -> tuple[dict[str, Any], list[Platform]]:
    options: dict[str, Any] = {"rust-src": []}
    platforms: list[Platform] = []
    it = iter(argv)
    for flag in it:
        if not flag.startswith("--"):
            raise NoticeError(f"unexpected argument {flag!r}")
        value = next(it, None)
        if value is None:
            raise NoticeError(f"{flag} needs a value")
        key = flag[2:]
        if key == "platform":
            spec = json.loads(value)
            platforms.append(Platform(spec["platform"], spec["triple"], spec["rust_std"]))
        elif key == "crate":
            if not platforms:
                raise NoticeError("--crate before any --platform")
            platforms[-1].crates.append(json.loads(value))
        elif key == "rust-src":
            options[key].append(value)
        else:
            options[key] = value
    for required in ("out", "subject", "spdx", "spdx-package"):
        if required not in options:
            raise NoticeError(f"--{required} is required")
    return options, platforms


def notices(argv: list[str]) -> None:
    options, platforms = parse_notices_args(argv)
    spdx = SpdxList(Path(options["spdx"]), Path(options["spdx-package"]))
    src = rust_std.RustSrc(rust_src_files(options["rust-src"]))
    entries: list[Entry] = []
    for platform in platforms:
        found = [third_party_entry(record, spdx) for record in platform.crates]
        found += std_entries(src, platform.rust_std, platform.triple, spdx)
        if "self-contained/libc.a" in platform.rust_std:
            if not platform.triple.startswith("wasm32-wasi"):
                raise NoticeError(f"{platform.triple}: std links a self-contained C library whose licence is not known here")
            found.append(wasi_libc_entry(Path(options["wasi-libc-copyright"]), Path(options["wasi-libc-changelog"]), spdx))
        for entry in found:
            entry.platforms = {platform.name}
        entries += found
    text = render(options["subject"], entries, [p.name for p in platforms])
    Path(options["out"]).write_text(text, encoding="utf-8")


# --- The wrapped crate's own licence files ----------------------------------


def licence_file_names(record: dict[str, Any]) -> list[str]:
    """What the tarball gets: the crate's top-level licence files, else one LICENSE."""
    names = sorted(rel for rel, _ in record["files"] if is_top_level(rel) and is_licence_file(rel))
    return names or ["LICENSE"]


def expected_npm_licence(package: dict[str, Any]) -> str:
    """package.json's `license` for a crate, as ruvio refresh takes it from crates.io."""
    if package.get("license"):
        return str(package["license"])
    if package.get("license-file"):
        return f"SEE LICENSE IN {package['license-file']}"
    return ""


def licence(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="notices licence")
    parser.add_argument("--crate", required=True)
    parser.add_argument("--out-dir", required=True, type=Path)
    parser.add_argument("--outputs", nargs="+", required=True)
    parser.add_argument("--package-json", nargs="+", required=True, type=Path)
    parser.add_argument("--spdx", required=True, type=Path)
    parser.add_argument("--spdx-package", required=True, type=Path)
    args = parser.parse_args(argv)
    record = json.loads(args.crate)
    files = {rel: Path(path) for rel, path in record["files"]}
    manifest = tomllib.loads(files["Cargo.toml"].read_text(encoding="utf-8"))
    package = manifest.get("package", {})
    name, version = package.get("name", record["name"]), package.get("version", record["version"])
    expected = expected_npm_licence(package)
    for package_json in args.package_json:
        stated = json.loads(package_json.read_text(encoding="utf-8")).get("license", "")
        if stated != expected:
            raise NoticeError(
                f"{name}: {package_json} gives the licence {stated!r}, but {name} {version}'s Cargo.toml states {expected!r}; "
                f"correct `license` in crates/catalog.toml (tools/ruvio refresh --crate {name}) and run tools/ruvio generate"
            )
    names = licence_file_names(record)
    if sorted(args.outputs) != names:
        raise NoticeError(f"{name}: the rule declared {sorted(args.outputs)}, but the crate's licence files are {names}")
    if names != ["LICENSE"] or "LICENSE" in files:
        for out in names:
            (args.out_dir / out).write_bytes(files[out].read_bytes())
        return
    if package.get("license-file"):
        raise NoticeError(
            f"{name} {version}: its license-file {package['license-file']!r} is not one of the top-level licence "
            "files (LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE*, COPYRIGHT*) the tarball takes"
        )
    if not package.get("license"):
        raise NoticeError(f"{name} {version}: its Cargo.toml states neither `license` nor `license-file`, so its licence cannot be determined")
    spdx = SpdxList(args.spdx, args.spdx_package)
    texts, notes = spdx_texts(name, version, package["license"], spdx)
    body = [f"{name} {version}", f"Licence: {package['license']}", *(_wrap(n) for n in notes)]
    for text in texts:
        body += ["", RULE, text.title, "", text.body.rstrip("\n")]
    (args.out_dir / "LICENSE").write_text("\n".join(body) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) == 1 and argv[0].startswith("@"):
        argv = Path(argv[0][1:]).read_text(encoding="utf-8").splitlines()
    if not argv or argv[0] not in ("notices", "licence"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        (notices if argv[0] == "notices" else licence)(argv[1:])
    except (NoticeError, rust_std.RustSrcError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
