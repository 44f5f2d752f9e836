"""Makes the smallest macOS SDK that builds a Node addon: libSystem's text
stub, to link against, and the macOS C library headers, for build scripts
that compile C.

usage: make_sdk.py WHEEL OUT_DIR

The stub comes from the ziglang wheel on PyPI (zig ships it to link macOS
programs). lld reads it, but not the `arm64e.x1` targets newer stubs list, and
it links arm64 code only against `arm64` entries; so those lists are rewritten:
`*.x1-*` targets dropped, `arm64e-*` offered as `arm64-*`. rustc also passes
`-lc -lm`, which on macOS are libSystem too, and std asks for `-liconv`, a
library of its own on macOS that the wheel has no stub for: its stub here
names the real library and the three functions it has always exported.

CoreFoundation (which chrono reaches through iana-time-zone to read the
system time zone) has no stub in the wheel either. Its stub lists only the
functions crates in this graph call; the addon check rejects any other symbol
left for flat lookup at load time, so a crate that needs one more fails its
check by name instead of loading wrongly on a Mac.

Frameworks that only some addons link (SystemConfiguration, which libp2p's
if-watch and reqwest name with `#[link(kind = "framework")]`; Security,
which native-tls links on macOS; CoreServices, for notify's FSEvents) get
stubs of their own under `System/Library/Frameworks` too, but outside the
SDK that every Rust action takes as input: only the addons' links see them
(`:frameworks`), so a framework added here relinks the macOS addons and
recompiles nothing. Such a stub lists what the crates in this graph call;
while an addon calls none of it (the code that would is not linked in), it
is the load command alone, and the framework is part of every macOS.

The headers are the ones zig compiles macOS C code against: Apple's libc,
libSystem and kernel headers for every architecture in one tree
(`any-darwin-any`, per-architecture parts under `i386/` and `arm/`). They go
to `usr/include`, where clang looks with `-isysroot`.
"""

import json
import re
import sys
import zipfile
from pathlib import Path

STUB = "ziglang/lib/libc/darwin/libSystem.tbd"
HEADERS = "ziglang/lib/libc/include/any-darwin-any/"
TARGETS = re.compile(r"(targets:\s*)\[([^\]]*)\]")


ICONV = """--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos ]
install-name:    '/usr/lib/libiconv.2.dylib'
current-version: 7
compatibility-version: 7
exports:
  - targets:         [ x86_64-macos, arm64-macos ]
    symbols:         [ _iconv, _iconv_close, _iconv_open ]
...
"""

# Sorted; the functions core-foundation-sys users here call.
COREFOUNDATION_SYMBOLS = [
    "_CFRelease",
    "_CFStringGetBytes",
    "_CFStringGetCStringPtr",
    "_CFStringGetLength",
    "_CFTimeZoneCopySystem",
    "_CFTimeZoneGetName",
    "_CFTimeZoneResetSystem",
]

COREFOUNDATION = """--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos ]
install-name:    '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation'
current-version: 1953.255
compatibility-version: 150
exports:
  - targets:         [ x86_64-macos, arm64-macos ]
    symbols:         [ {symbols} ]
...
""".replace("{symbols}", ", ".join(COREFOUNDATION_SYMBOLS))


# Frameworks outside libSystem that only some addons link, with the functions
# and data of theirs that those addons call (sorted).
ADDON_FRAMEWORKS = {
    "SystemConfiguration": (
        "1.0",
        [
            "_SCDynamicStoreCreateRunLoopSource",
            "_SCDynamicStoreCreateWithOptions",
            "_SCDynamicStoreSetNotificationKeys",
            "_kSCDynamicStoreUseSessionKeys",
        ],
    ),
    "CoreServices": ("1226.0", []),
    "Security": ("61123.0", []),
}

FRAMEWORK = """--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos ]
install-name:    '/System/Library/Frameworks/{name}.framework/Versions/A/{name}'
current-version: {version}
exports:
  - targets:         [ x86_64-macos, arm64-macos ]
    symbols:         [ {symbols} ]
...
"""


def rewrite_targets(match: re.Match[str]) -> str:
    seen: list[str] = []
    for item in match.group(2).replace("\n", " ").split(","):
        name = item.strip()
        if not name or ".x1-" in name:
            continue
        name = re.sub(r"^arm64e-", "arm64-", name)
        if name not in seen:
            seen.append(name)
    return f"{match.group(1)}[ {', '.join(seen)} ]"


def copy_headers(wheel: zipfile.ZipFile, include: Path) -> int:
    """Writes the wheel's macOS headers under `include`; returns how many.

    Every name is checked before anything is written."""
    headers: list[tuple[zipfile.ZipInfo, list[str]]] = []
    for info in wheel.infolist():
        if info.is_dir() or not info.filename.startswith(HEADERS):
            continue
        parts = info.filename[len(HEADERS) :].split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise SystemExit(f"make_sdk.py: unexpected header path in the wheel: {info.filename}")
        headers.append((info, parts))
    if not headers:
        raise SystemExit(f"make_sdk.py: the wheel has no macOS headers under {HEADERS}")
    for info, parts in headers:
        target = include.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(wheel.read(info))
    return len(headers)


def main(wheel: str, out: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        stub = z.read(STUB).decode()
        copy_headers(z, Path(out) / "usr" / "include")
    lib = Path(out) / "usr" / "lib"
    lib.mkdir(parents=True, exist_ok=True)
    text = TARGETS.sub(rewrite_targets, stub)
    for name in ("libSystem.tbd", "libc.tbd", "libm.tbd"):
        (lib / name).write_text(text)
    (lib / "libiconv.tbd").write_text(ICONV)
    framework = Path(out) / "System" / "Library" / "Frameworks" / "CoreFoundation.framework"
    framework.mkdir(parents=True, exist_ok=True)
    (framework / "CoreFoundation.tbd").write_text(COREFOUNDATION)
    for name, (version, symbols) in ADDON_FRAMEWORKS.items():
        folder = Path(out) / "System" / "Library" / "Frameworks" / f"{name}.framework"
        folder.mkdir(parents=True, exist_ok=True)
        stub = FRAMEWORK.format(name=name, version=version, symbols=", ".join(symbols))
        (folder / f"{name}.tbd").write_text(stub)
    settings = {
        "CanonicalName": "macosx15.0",
        "DisplayName": "macOS 15.0",
        "MaximumDeploymentTarget": "15.0.99",
        "Version": "15.0",
    }
    (Path(out) / "SDKSettings.json").write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
