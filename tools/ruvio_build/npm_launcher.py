"""The launcher of an executable's main npm package (bin/<bin>.js): it runs the
platform package's executable, or its wasm32 build in Node's WASI."""

from __future__ import annotations

from collections.abc import Sequence

from ruvio_build.catalog import Crate
from ruvio_build.generate import JS_HEADER, _env


def render_launcher(crate: Crate, bin: str, targets: Sequence[tuple[str, Sequence[str]]], wasm: bool) -> str:
    """`targets` as the loader's: (process.platform-process.arch, platform names)."""
    return _env().get_template("launcher.js.j2").render(
        js_header=JS_HEADER, crate=crate, bin=bin, targets=targets, wasm=wasm
    )
