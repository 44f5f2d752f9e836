"""`ruvio refresh`: versions, checksums, metadata and internal dependencies
from crates.io into the catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ruvio_build.catalog import Catalog, Crate
from ruvio_build.cratesio import CratesIo, IndexVersion, dependency_names, newest

NOT_PUBLISHED = "not published on crates.io: the index has no such crate"
NOTHING_LIVE = "every version on crates.io is yanked"
PROGRAM_ONLY = "command-line program only: the published crate has no library to bind"


def refresh_crate(
    client: CratesIo, crate: Crate, names: set[str], upgrade: bool
) -> tuple[Crate, str]:
    """The crate with crates.io's facts filled in, and a line saying what changed."""
    versions = client.versions(crate.name)
    if versions is None:
        return replace(crate, reason=NOT_PUBLISHED), "not on crates.io"
    pinned: IndexVersion | None = next(
        (v for v in versions if v.version == crate.version and not v.yanked), None
    )
    chosen = newest(versions) if upgrade or pinned is None else pinned
    if chosen is None:
        return replace(crate, reason=NOTHING_LIVE), "all versions yanked"
    meta = client.metadata(crate.name, chosen.version)
    internal = tuple(sorted(dependency_names(chosen) & (names - {crate.name})))
    # Reasons that refresh itself gives are decided again from what it finds.
    reason = "" if crate.reason in (NOT_PUBLISHED, NOTHING_LIVE, PROGRAM_ONLY) else crate.reason
    if not meta.has_library:
        reason = PROGRAM_ONLY
    updated = replace(
        crate,
        version=chosen.version,
        checksum=chosen.checksum,
        description=meta.description or crate.description,
        license=meta.license,
        repository=meta.repository,
        internal_deps=internal,
        reason=reason,
        # A binding revision counts fixes over one crate version; a new
        # version of the crate starts again at 0.
        revision=crate.revision if chosen.version == crate.version else 0,
    )
    change = chosen.version if crate.version == chosen.version else f"{crate.version or '(none)'} -> {chosen.version}"
    return updated, change


def refresh(
    catalog: Catalog,
    client: CratesIo,
    upgrade: bool = False,
    only: set[str] | None = None,
    progress: Callable[[str], None] = print,
) -> Catalog:
    names = set(catalog.by_name())
    todo = [c for c in catalog.crates if only is None or c.name in only]
    for i, crate in enumerate(todo, 1):
        updated, change = refresh_crate(client, crate, names, upgrade)
        progress(f"[{i:3}/{len(todo)}] {crate.name}: {change}")
        catalog = catalog.with_crate(updated)
    return catalog
