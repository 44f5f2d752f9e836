from __future__ import annotations

from pathlib import Path

import pytest

from ruvio_build.catalog import Catalog, Crate

CHECKSUM = "ab" * 32


def make_crate(name: str, **fields: object) -> Crate:
    base: dict[str, object] = {"number": 0, "version": "1.0.0", "checksum": CHECKSUM, "license": "MIT"}
    base.update(fields)
    return Crate(name=name, **base)  # type: ignore[arg-type]


@pytest.fixture
def catalog() -> Catalog:
    return Catalog(
        (
            make_crate("alpha-one", number=1, description="First", repository="https://example.invalid/alpha"),
            make_crate("beta", number=2, internal_deps=("alpha-one",), unsupported={"darwin-x64": "no SDK"}),
            make_crate("gamma", number=3, reason="no binding written yet"),
        )
    )


@pytest.fixture
def workspace(tmp_path: Path, catalog: Catalog) -> Path:
    from ruvio_build.catalog import dumps

    (tmp_path / "MODULE.bazel").write_text("")
    (tmp_path / "crates").mkdir()
    (tmp_path / "crates" / "catalog.toml").write_text(dumps(catalog))
    (tmp_path / "crates" / "3rdparty").mkdir()
    (tmp_path / "crates" / "3rdparty" / "defs.bzl").write_text(VENDORED_DEFS)
    return tmp_path


# The shape of crate_universe's defs.bzl, for two vendored binding crates.
VENDORED_DEFS = """\
_NORMAL_DEPENDENCIES = {
    "crates/alpha-one": {
        _COMMON_CONDITION: {
        },
    },
    "crates/beta": {
        _COMMON_CONDITION: {
        },
    },
}
"""
