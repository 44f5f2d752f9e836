from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ruvio_build import generate
from ruvio_build.tests.conftest import make_crate

# Not among this suite's files under `bazel test`, which then skips the run.
LAUNCHER_TEST = Path(__file__).resolve().parents[2] / "node" / "launcher_test.js"


def _render(wasm: bool) -> str:
    crate = make_crate("fake")
    return generate.render_launcher(crate, "fake", generate._js_targets(crate), wasm)


@pytest.mark.parametrize("wasm", [True, False])
def test_shebang_first_and_notice_second(wasm: bool) -> None:
    lines = _render(wasm).splitlines()
    assert lines[0] == "#!/usr/bin/env node"
    assert lines[1] == generate.JS_HEADER


def test_wasm_fallback_only_when_asked() -> None:
    assert "RUVIO_FORCE_WASM" in _render(True)
    assert "wasm" not in _render(False).lower()


def test_targets_by_platform_and_arch() -> None:
    text = _render(False)
    assert "  'linux-x64': ['linux-x64-gnu', 'linux-x64-musl'],\n" in text
    assert "  'win32-x64': ['win32-x64-msvc'],\n" in text


@pytest.mark.skipif(
    shutil.which("node") is None or not LAUNCHER_TEST.exists(), reason="needs node and tools/node/launcher_test.js"
)
@pytest.mark.parametrize("wasm", [True, False])
def test_rendered_launcher_runs(tmp_path: Path, wasm: bool) -> None:
    launcher = tmp_path / "fake.js"
    launcher.write_text(_render(wasm), encoding="utf-8")
    subprocess.run(["node", "--check", str(launcher)], check=True)
    result = subprocess.run(
        ["node", str(LAUNCHER_TEST), str(launcher)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
