from __future__ import annotations

from ruvio_build.catalog import Catalog
from ruvio_build.seed import merge_seed

from .conftest import make_crate


def test_seed_adds_missing_rows_and_keeps_existing_ones() -> None:
    catalog = Catalog((make_crate("a", description="edited"),))
    seed = [
        {"crate": "a", "number": 1, "version": "0.1.0", "description": "from seed"},
        {"crate": "b", "number": 2, "version": "0.2.0", "internal_deps": ["outside"], "js_api": ["f()"]},
    ]
    merged = merge_seed(catalog, seed).by_name()  # type: ignore[arg-type]
    assert merged["a"].description == "edited"
    assert merged["b"].version == "0.2.0"
    assert merged["b"].js_api == ("f()",)
    assert merged["b"].internal_deps == ()  # crates.io, not the seed, decides
