from __future__ import annotations

import pytest

from ruvio_build.cargo_env import ManifestError, render, variables

MANIFEST = {
    "package": {
        "name": "tool-cli",
        "description": "Does things",
        "authors": ["A <a@x>", "B"],
        "repository": "https://example.invalid/tool",
        "license": "MIT",
    }
}


def test_variables_as_cargo_sets_them() -> None:
    v = variables(MANIFEST, "tool")
    assert v["CARGO_PKG_NAME"] == "tool-cli"
    assert v["CARGO_PKG_DESCRIPTION"] == "Does things"
    assert v["CARGO_PKG_AUTHORS"] == "A <a@x>:B"
    assert v["CARGO_PKG_HOMEPAGE"] == ""
    assert v["CARGO_BIN_NAME"] == "tool"
    assert "CARGO_BIN_NAME" not in variables(MANIFEST)


def _read(text: str) -> dict[str, str]:
    """The environment file reader of rules_rust's process wrapper."""
    out, pending = {}, ""
    for line in text.split("\n"):
        if not line:
            continue
        n = len(line) - len(line.rstrip("\\"))
        pending += line.rstrip("\\") + "\\" * (n // 2)
        if n % 2:
            pending += "\n"
        else:
            key, value = pending.split("=", 1)
            out[key] = value
            pending = ""
    return out


@pytest.mark.parametrize("value", ["plain", "two\nlines", "ends in \\", "a\\\nb", "x=y", ""])
def test_values_survive_the_file_format(value: str) -> None:
    assert _read(render({"K": value, "L": "next"})) == {"K": value, "L": "next"}


def test_workspace_inheritance_is_refused() -> None:
    with pytest.raises(ManifestError, match="package.description is inherited"):
        variables({"package": {"name": "x", "description": {"workspace": True}}})
