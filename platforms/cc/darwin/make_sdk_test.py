"""make_sdk.py: the SDK's headers and stubs from a (small, made-up) ziglang wheel."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import make_sdk  # noqa: E402

STUB = """--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos, arm64e-macos, arm64e.x1-macos ]
install-name:    '/usr/lib/libSystem.B.dylib'
...
"""


def wheel(tmp_path: Path, members: dict[str, str]) -> Path:
    path = tmp_path / "ziglang.whl"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(make_sdk.STUB, STUB)
        for name, text in members.items():
            z.writestr(name, text)
    return path


def test_headers_land_in_usr_include(tmp_path: Path) -> None:
    path = wheel(
        tmp_path,
        {
            make_sdk.HEADERS + "stdlib.h": "/* stdlib */\n",
            make_sdk.HEADERS + "i386/_types.h": "/* i386 */\n",
            "ziglang/lib/libc/include/any-linux-any/stdlib.h": "/* not macOS */\n",
        },
    )
    out = tmp_path / "sdk"
    make_sdk.main(str(path), str(out))
    include = out / "usr" / "include"
    assert sorted(p.relative_to(include).as_posix() for p in include.rglob("*") if p.is_file()) == [
        "i386/_types.h",
        "stdlib.h",
    ]
    assert (include / "stdlib.h").read_text() == "/* stdlib */\n"
    assert "arm64-macos" in (out / "usr" / "lib" / "libSystem.tbd").read_text()


def test_a_wheel_without_headers_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "sdk"
    with pytest.raises(SystemExit, match="no macOS headers under ziglang/lib/libc/include/any-darwin-any/"):
        make_sdk.main(str(wheel(tmp_path, {})), str(out))
    assert not out.exists()


def test_a_header_path_leaving_the_sdk_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = wheel(
        tmp_path,
        {
            make_sdk.HEADERS + "stdlib.h": "",
            make_sdk.HEADERS + "../../../../../../escape.h": "",
        },
    )
    out = tmp_path / "sdk"
    with pytest.raises(SystemExit, match="unexpected header path in the wheel: .*escape.h"):
        make_sdk.main(str(path), str(out))
    assert not out.exists()
    assert not list(tmp_path.rglob("escape.h"))


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q", "-p", "no:cacheprovider"]))
