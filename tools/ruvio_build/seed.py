"""Import the original plan's crate list (a JSON seed) into the catalog."""

from __future__ import annotations

import json
from pathlib import Path

from ruvio_build.catalog import Catalog, CatalogError, Crate


def load_seed(path: Path) -> list[dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise CatalogError(None, None, f"cannot read seed {path}: {e}") from e
    crates = data.get("crates") if isinstance(data, dict) else None
    if not isinstance(crates, list):
        raise CatalogError(None, "crates", f"seed {path} has no list of crates")
    return crates


def merge_seed(catalog: Catalog, seed: list[dict[str, object]]) -> Catalog:
    """Adds every seed crate the catalog lacks. Rows already in the catalog
    are kept as they are: the catalog, not the seed, is the source of truth.

    The seed's internal dependencies merge two sources that disagree and name
    crates outside the plan, so they are not taken: `ruvio refresh` derives
    them from crates.io.
    """
    present = catalog.by_name()
    for row in seed:
        name = row.get("crate")
        if not isinstance(name, str):
            raise CatalogError(None, "crate", f"seed row {row.get('number')!r} has no crate name")
        if name in present:
            continue
        js_api = row.get("js_api") or []
        catalog = catalog.with_crate(
            Crate(
                name=name,
                number=int(str(row.get("number") or 0)),
                version=str(row.get("version") or ""),
                description=str(row.get("description") or ""),
                category=str(row.get("category") or ""),
                batch=int(str(row.get("batch") or 0)),
                priority=str(row.get("priority") or ""),
                js_api=tuple(str(x) for x in js_api) if isinstance(js_api, list) else (),
                notes=str(row.get("notes") or ""),
            )
        )
    return catalog
