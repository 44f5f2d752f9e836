"""The target platforms: one table that every generated file is rendered from."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Platform:
    """An npm platform package and the Rust target that builds its binary."""

    name: str  # napi-rs platformArchABI, also the Bazel platform's name
    triple: str  # Rust target triple
    constraints: tuple[str, ...]  # Bazel constraint values
    npm_os: str | None  # package.json "os"; None for wasm
    npm_cpu: str | None  # package.json "cpu"; None for wasm
    npm_libc: str | None  # package.json "libc"
    extension: str  # file extension of the binary

    @property
    def is_wasm(self) -> bool:
        return self.npm_os is None

    @property
    def executable_extension(self) -> str:
        """What a program's file name ends in: a WASI command module is
        .wasm, a Windows program .exe, the others nothing."""
        if self.is_wasm:
            return ".wasm"
        return ".exe" if self.npm_os == "win32" else ""


_LINUX = "@platforms//os:linux"
_X64 = "@platforms//cpu:x86_64"
_ARM64 = "@platforms//cpu:aarch64"

PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "linux-x64-gnu",
        "x86_64-unknown-linux-gnu",
        (_X64, _LINUX, "//platforms/libc:gnu"),
        "linux",
        "x64",
        "glibc",
        ".node",
    ),
    Platform(
        "linux-x64-musl",
        "x86_64-unknown-linux-musl",
        (_X64, _LINUX, "//platforms/libc:musl"),
        "linux",
        "x64",
        "musl",
        ".node",
    ),
    Platform(
        "linux-arm64-gnu",
        "aarch64-unknown-linux-gnu",
        (_ARM64, _LINUX, "//platforms/libc:gnu"),
        "linux",
        "arm64",
        "glibc",
        ".node",
    ),
    Platform(
        "darwin-x64",
        "x86_64-apple-darwin",
        (_X64, "@platforms//os:macos"),
        "darwin",
        "x64",
        None,
        ".node",
    ),
    Platform(
        "darwin-arm64",
        "aarch64-apple-darwin",
        (_ARM64, "@platforms//os:macos"),
        "darwin",
        "arm64",
        None,
        ".node",
    ),
    Platform(
        "win32-x64-msvc",
        "x86_64-pc-windows-msvc",
        (_X64, "@platforms//os:windows"),
        "win32",
        "x64",
        None,
        ".node",
    ),
    Platform(
        "wasm32-wasi",
        "wasm32-wasip1",
        ("@platforms//cpu:wasm32", "@platforms//os:wasi"),
        None,
        None,
        None,
        ".wasm",
    ),
)

BY_NAME: dict[str, Platform] = {p.name: p for p in PLATFORMS}
HOST = BY_NAME["linux-x64-gnu"]
