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
    return tmp_path
