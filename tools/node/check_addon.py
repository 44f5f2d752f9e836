"""Structural checks of one Node addon binary, for platforms this machine
cannot run: object format, architecture, C library, the Node-API entry point,
where its Node-API symbols come from, stripped of debug information and
symbols, and no build paths inside.

usage: check_addon.py PLATFORM BINARY

Reads the binary with the image's LLVM tools (which read ELF, Mach-O and PE
alike) and prints one line per check; exits non-zero naming the first check
that failed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ENTRY = "napi_register_module_v1"


@dataclass(frozen=True)
class Expect:
    fmt: str  # as llvm-readobj prints "Format:"
    arch: str  # as llvm-readobj prints "Arch:"
    libc: str | None  # the C library an ELF addon must need


EXPECT: dict[str, Expect] = {
    "linux-x64-gnu": Expect("elf64-x86-64", "x86_64", "libc.so.6"),
    "linux-x64-musl": Expect("elf64-x86-64", "x86_64", "libc.so"),
    "linux-arm64-gnu": Expect("elf64-littleaarch64", "aarch64", "libc.so.6"),
    "darwin-x64": Expect("Mach-O 64-bit x86-64", "x86_64", None),
    "darwin-arm64": Expect("Mach-O arm64", "aarch64", None),
    "win32-x64-msvc": Expect("COFF-x86-64", "x86_64", None),
    "wasm32-wasi": Expect("WASM", "wasm32", None),
}

# Where a build could leave its own location: Bazel's output tree, its
# sandboxes, the std build's scratch directory, home and temp directories.
BUILD_PATHS = re.compile(rb"/execroot/|/sandbox/|/bazel-out/|/\.cache/|/build-std/|/root/|/home/|/tmp/")


class CheckFailed(Exception):
    pass


def tool(*args: str) -> str:
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0:
        raise CheckFailed(f"{' '.join(args)} failed: {run.stderr.strip()}")
    return run.stdout


def check(ok: bool, what: str, detail: str) -> None:
    if not ok:
        raise CheckFailed(f"{what}: {detail}")
    print(f"ok    {what}: {detail}")


def header(binary: str) -> dict[str, str]:
    out = tool("llvm-readobj", "--file-headers", binary)
    fields = {}
    for key in ("Format", "Arch"):
        m = re.search(rf"^{key}: (.+)$", out, re.M)
        fields[key] = m.group(1).strip() if m else ""
    return fields


def symbols(binary: str, *flags: str) -> set[str]:
    out = tool("llvm-nm", "--format=just-symbols", *flags, binary)
    return {line.strip() for line in out.splitlines() if line.strip()}


def section_names(binary: str) -> list[str]:
    out = tool("llvm-readobj", "--sections", binary)
    return re.findall(r"^\s+Name: (\S+)", out, re.M)


def check_stripped_sections(binary: str, debug: list[str], symtab: list[str]) -> None:
    check(not debug, "no debug information", "no debug sections" if not debug else f"has {', '.join(debug)}")
    check(not symtab, "stripped", "no symbol table but what loading needs" if not symtab else f"has {', '.join(symtab)}")


def check_elf(binary: str, want: Expect) -> None:
    sections = section_names(binary)
    check_stripped_sections(
        binary, [s for s in sections if s.startswith((".debug", ".zdebug"))], [s for s in sections if s == ".symtab"]
    )
    needed = re.findall(r"^\s+(\S+)$", tool("llvm-readobj", "--needed-libs", binary).split("NeededLibraries [", 1)[-1], re.M)
    check(want.libc in needed, "C library", f"needs {want.libc} (needs {', '.join(needed) or 'nothing'})")
    other_libc = {"libc.so.6", "libc.so"} - {want.libc}
    check(not other_libc & set(needed), "no other C library", f"does not need {', '.join(sorted(other_libc))}")
    check(not any("node" in n for n in needed), "no Node library", "Node-API comes from the loading process")
    check(ENTRY in symbols(binary, "-D", "--defined-only"), "entry point", f"exports {ENTRY}")
    undefined = symbols(binary, "-D", "--undefined-only")
    napi = sorted(s for s in undefined if s.startswith("napi_"))
    check(bool(napi), "Node-API imports", f"{len(napi)} napi_* symbols left for the host process")


def check_macho(binary: str, want: Expect) -> None:
    sections = section_names(binary)
    # A dylib keeps its external symbols (the dynamic linker binds through
    # them); stripping removes every local one.
    local = [
        line.split()[-1]
        for line in tool("llvm-nm", "--defined-only", binary).splitlines()
        if len(line.split()) == 3 and line.split()[1].islower()
    ]
    check_stripped_sections(
        binary,
        [s for s in sections if s.startswith("__debug") or s == "__DWARF"],
        [f"{len(local)} local symbols ({', '.join(local[:3])}...)"] if local else [],
    )
    dylib_id = tool("llvm-objdump", "--macho", "--dylib-id", binary).splitlines()[-1].strip()
    check(dylib_id.startswith("@rpath/"), "install name", dylib_id)
    used = [line.split(" (")[0].strip() for line in tool("llvm-objdump", "--macho", "--dylibs-used", binary).splitlines()[1:]]
    dylibs = [d for d in used if d != dylib_id]  # the list starts with the library's own id
    system = ("/usr/lib/", "/System/Library/Frameworks/")
    check(all(d.startswith(system) for d in dylibs), "system libraries only", ", ".join(dylibs))
    check(not any("node" in d for d in dylibs), "no Node library", "Node-API comes from the loading process")
    check("_" + ENTRY in symbols(binary, "--defined-only", "--extern-only"), "entry point", f"exports _{ENTRY}")
    undefined = symbols(binary, "--undefined-only")
    napi = sorted(s for s in undefined if s.startswith("_napi_"))
    binds = tool("llvm-objdump", "--macho", "--bind", "--lazy-bind", binary)
    flat = [s for s in napi if re.search(rf"flat-namespace\s+{re.escape(s)}\b", binds)]
    check(bool(napi) and flat == napi, "Node-API imports", f"{len(napi)} _napi_* symbols bound flat, from the host process")
    # -undefined dynamic_lookup would also let a symbol missing from the SDK's
    # stubs through, to be looked up in whatever the process has loaded.
    strays = sorted(s for s in undefined if not s.startswith("_napi_") and re.search(rf"flat-namespace\s+{re.escape(s)}\b", binds))
    check(not strays, "other imports bound", "each to its library" if not strays else f"left for flat lookup: {', '.join(strays)}")


def check_pe(binary: str, want: Expect) -> None:
    heads = tool("llvm-readobj", "--file-headers", binary)
    symbols_count = re.search(r"^\s*SymbolCount: (\d+)", heads, re.M)
    sections = section_names(binary)
    check_stripped_sections(
        binary,
        [s for s in sections if s.startswith(".debug")],
        [f"COFF symbol table of {symbols_count.group(1)}"] if symbols_count and symbols_count.group(1) != "0" else [],
    )
    debug_dir = tool("llvm-readobj", "--coff-debug-directory", binary)
    check("Type: CodeView" not in debug_dir, "no PDB reference", "no CodeView debug directory entry")
    check("IMAGE_FILE_DLL" in heads, "DLL", "characteristics include IMAGE_FILE_DLL")
    exports = tool("llvm-readobj", "--coff-exports", binary)
    check(f"Name: {ENTRY}" in exports, "entry point", f"exports {ENTRY}")
    imports = tool("llvm-readobj", "--coff-imports", binary)
    dlls = sorted(set(re.findall(r"Name: (\S+\.dll)", imports, re.I)))
    check(not any("node" in d.lower() for d in dlls), "no Node library", f"imports only {', '.join(dlls)}")
    # The Universal CRT ships with Windows; the Visual C++ runtime does not.
    redist = [d for d in dlls if d.lower().startswith(("msvcr", "msvcp", "vcruntime"))]
    check(not redist, "no redistributable C runtime", "none imported" if not redist else ", ".join(redist))


def _leb(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def wasm_sections(data: bytes) -> tuple[list[str], set[str]]:
    """The custom sections' names and the exported names of a wasm module,
    read from its binary format (llvm-nm reads exports only through the
    name section that stripping removes)."""
    if data[:4] != b"\0asm":
        raise CheckFailed("not a wasm module")
    custom: list[str] = []
    exports: set[str] = set()
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, pos = _leb(data, pos + 1)
        end = pos + size
        if kind == 0:
            length, p = _leb(data, pos)
            custom.append(data[p : p + length].decode(errors="replace"))
        elif kind == 7:
            count, p = _leb(data, pos)
            for _ in range(count):
                length, p = _leb(data, p)
                exports.add(data[p : p + length].decode(errors="replace"))
                _, p = _leb(data, p + length + 1)
        pos = end
    return custom, exports


def check_wasm(binary: str, want: Expect) -> None:
    custom, exports = wasm_sections(Path(binary).read_bytes())
    # `name` maps functions to their Rust names and `.debug_*` is DWARF:
    # neither is needed to run, both are what stripping removes.
    check_stripped_sections(binary, [s for s in custom if s.startswith(".debug")], [s for s in custom if s == "name"])
    check("napi_register_wasm_v1" in exports, "entry point", "exports napi_register_wasm_v1")


def main(platform: str, binary: str) -> None:
    want = EXPECT.get(platform)
    if want is None:
        raise CheckFailed(f"unknown platform {platform!r}; known: {', '.join(EXPECT)}")
    print(f"{binary} for {platform}")
    h = header(binary)
    check(h["Format"] == want.fmt, "object format", f"{h['Format']} (want {want.fmt})")
    check(h["Arch"] == want.arch, "architecture", f"{h['Arch']} (want {want.arch})")
    {"e": check_elf, "M": check_macho, "C": check_pe, "W": check_wasm}[want.fmt[0]](binary, want)
    found = BUILD_PATHS.findall(Path(binary).read_bytes())
    check(not found, "no build paths", "none inside" if not found else f"found {sorted(set(found))}")


if __name__ == "__main__":
    try:
        main(*sys.argv[1:])
    except CheckFailed as e:
        print(f"FAIL  {e}")
        sys.exit(1)
    except TypeError:
        sys.exit(__doc__)
