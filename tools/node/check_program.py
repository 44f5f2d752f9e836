"""Structural checks of one program binary, for platforms this machine cannot
run and as a first look at the others: object format, architecture, that it
is a program and not a library, what it needs from the system to start,
stripped, and no build paths inside.

usage: check_program.py PLATFORM BINARY

Same tools and output as check_addon.py, whose helpers it uses.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_addon import (  # noqa: E402  (found beside this file, not installed)
    BUILD_PATHS,
    EXPECT,
    CheckFailed,
    check,
    check_stripped_sections,
    header,
    section_names,
    tool,
    wasm_sections,
)

# The dynamic loader each glibc program names; musl programs are static.
INTERPRETER = {
    "linux-x64-gnu": "/lib64/ld-linux-x86-64.so.2",
    "linux-arm64-gnu": "/lib/ld-linux-aarch64.so.1",
}


def check_elf(platform: str, binary: str) -> None:
    sections = section_names(binary)
    check_stripped_sections(
        binary, [s for s in sections if s.startswith((".debug", ".zdebug"))], [s for s in sections if s == ".symtab"]
    )
    kind = re.search(r"^\s+Type: (\w+)", tool("llvm-readobj", "--file-headers", binary), re.M)
    kind_name = kind.group(1) if kind else "no type"
    # A position-independent program is a shared object to ELF; the dynamic
    # section's PIE flag is what tells it from a library.
    pie = kind_name == "SharedObject" and re.search(r"FLAGS_1\s.*\bPIE\b", tool("llvm-readobj", "--dynamic-table", binary))
    check(kind_name == "Executable" or bool(pie), "program", "position-independent executable" if pie else kind_name)
    interp = re.search(r"Requesting program interpreter: (\S+)\]", tool("llvm-readelf", "--program-headers", binary))
    listing = tool("llvm-readobj", "--needed-libs", binary).split("NeededLibraries [", 1)[-1]
    needed = [n for n in re.findall(r"^\s+(\S+)$", listing, re.M) if n != "]"]
    if platform in INTERPRETER:
        want = INTERPRETER[platform]
        check(interp is not None and interp.group(1) == want, "loader", interp.group(1) if interp else "none (static)")
        check("libc.so.6" in needed, "C library", f"needs libc.so.6 (needs {', '.join(needed)})")
    else:
        check(interp is None and not needed, "static", "no loader, no shared libraries: runs on any Linux")


def check_macho(platform: str, binary: str) -> None:
    sections = section_names(binary)
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
    heads = tool("llvm-objdump", "--macho", "--private-header", binary)
    check("EXECUTE" in heads, "program", "MH_EXECUTE" if "EXECUTE" in heads else heads.strip().splitlines()[-1])
    check("LC_MAIN" in tool("llvm-objdump", "--macho", "--private-headers", binary), "entry point", "LC_MAIN")
    used = [line.split(" (")[0].strip() for line in tool("llvm-objdump", "--macho", "--dylibs-used", binary).splitlines()[1:]]
    system = ("/usr/lib/", "/System/Library/Frameworks/")
    check(all(d.startswith(system) for d in used), "system libraries only", ", ".join(used))


def check_pe(platform: str, binary: str) -> None:
    heads = tool("llvm-readobj", "--file-headers", binary)
    symbols_count = re.search(r"^\s*SymbolCount: (\d+)", heads, re.M)
    sections = section_names(binary)
    check_stripped_sections(
        binary,
        [s for s in sections if s.startswith(".debug")],
        [f"COFF symbol table of {symbols_count.group(1)}"] if symbols_count and symbols_count.group(1) != "0" else [],
    )
    check("Type: CodeView" not in tool("llvm-readobj", "--coff-debug-directory", binary), "no PDB reference", "none")
    check("IMAGE_FILE_DLL" not in heads and "IMAGE_FILE_EXECUTABLE_IMAGE" in heads, "program", "an executable image")
    check("IMAGE_SUBSYSTEM_WINDOWS_CUI" in heads, "console program", "subsystem CUI")
    dlls = sorted(set(re.findall(r"Name: (\S+\.dll)", tool("llvm-readobj", "--coff-imports", binary), re.I)))
    redist = [d for d in dlls if d.lower().startswith(("msvcr", "msvcp", "vcruntime"))]
    check(not redist, "no redistributable C runtime", f"imports {', '.join(dlls)}" if not redist else ", ".join(redist))


def check_wasm(platform: str, binary: str) -> None:
    custom, exports = wasm_sections(Path(binary).read_bytes())
    check_stripped_sections(binary, [s for s in custom if s.startswith(".debug")], [s for s in custom if s == "name"])
    check("_start" in exports, "program", "a WASI command module (exports _start)")


def main(platform: str, binary: str) -> None:
    want = EXPECT.get(platform)
    if want is None:
        raise CheckFailed(f"unknown platform {platform!r}; known: {', '.join(EXPECT)}")
    print(f"{binary} for {platform}")
    h = header(binary)
    check(h["Format"] == want.fmt, "object format", f"{h['Format']} (want {want.fmt})")
    check(h["Arch"] == want.arch, "architecture", f"{h['Arch']} (want {want.arch})")
    {"e": check_elf, "M": check_macho, "C": check_pe, "W": check_wasm}[want.fmt[0]](platform, binary)
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
