"""The `ruvio` command line: `python -m ruvio_build --help`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ruvio_build import catalog as catalog_mod
from ruvio_build import generate, groups, matrix, patches, refresh, report, seed
from ruvio_build.catalog import CatalogError
from ruvio_build.cratesio import CratesIo, RegistryError

CATALOG = Path("crates/catalog.toml")


def find_root(start: Path) -> Path:
    """The workspace root: `bazel run` says where it is; otherwise the nearest
    directory above `start` holding MODULE.bazel."""
    if os.environ.get("BUILD_WORKSPACE_DIRECTORY"):
        return Path(os.environ["BUILD_WORKSPACE_DIRECTORY"])
    for d in [start, *start.parents]:
        if (d / "MODULE.bazel").is_file():
            return d
    raise CatalogError(None, None, f"no MODULE.bazel above {start}; pass --root")


def _save(root: Path, catalog: catalog_mod.Catalog) -> None:
    path = root / CATALOG
    text = catalog_mod.dumps(catalog)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        print(f"{CATALOG}: unchanged")
        return
    generate.write_atomic(path, text)
    print(f"{CATALOG}: written ({len(catalog.crates)} crates)")


def cmd_validate(args: argparse.Namespace, root: Path) -> int:
    catalog = catalog_mod.load(root / CATALOG)
    supported = sum(1 for c in catalog.crates if c.supported)
    print(f"{CATALOG}: {len(catalog.crates)} crates, {supported} supported, no problems")
    return 0


def cmd_versions(args: argparse.Namespace, root: Path) -> int:
    catalog = catalog_mod.load(root / CATALOG)
    crates = catalog.by_name()
    for name in args.crate:
        if name not in crates:
            raise CatalogError(name, None, "is not in the catalog")
    chosen = [crates[n] for n in args.crate] if args.crate else [c for c in catalog.crates if c.supported]
    width = max([len("crate"), *(len(c.name) for c in chosen)])
    print(f"{'crate':<{width}}  {'version':<12}  revision  npm version")
    for c in chosen:
        print(f"{c.name:<{width}}  {c.version:<12}  {c.revision:>8}  {c.npm_version}")
    return 0


def cmd_seed(args: argparse.Namespace, root: Path) -> int:
    path = root / CATALOG
    current = catalog_mod.load(path) if path.exists() else catalog_mod.Catalog(())
    _save(root, seed.merge_seed(current, seed.load_seed(Path(args.seed))))
    return 0


def cmd_refresh(args: argparse.Namespace, root: Path) -> int:
    catalog = catalog_mod.load(root / CATALOG)
    if args.offline or os.environ.get("RUVIO_OFFLINE"):
        print("offline: checked the committed catalog, asked nothing of crates.io")
        _save(root, catalog)
        return 0
    unknown = sorted(set(args.crate or ()) - set(catalog.by_name()))
    if unknown:
        raise CatalogError(unknown[0], None, "is not in the catalog")
    updated = refresh.refresh(
        catalog, CratesIo(min_interval=args.interval), upgrade=args.upgrade, only=set(args.crate) if args.crate else None
    )
    _save(root, updated)
    return 0


def cmd_generate(args: argparse.Namespace, root: Path) -> int:
    catalog = catalog_mod.load(root / CATALOG)
    bound = generate.bound_crates(catalog)
    for crate in bound:
        manifest = root / "crates" / crate.name / "Cargo.toml"
        # A crate built from its published sources has no binding manifest here.
        if manifest.is_file() and not crate.from_published:
            groups.check_binding_manifest(crate, manifest.read_text(encoding="utf-8"), manifest.relative_to(root).as_posix())
    lock = root / "crates" / "Cargo.lock"
    default_lock = lock.read_text(encoding="utf-8") if lock.is_file() else ""
    every_patch = patches.load(root)
    worlds = groups.groups(bound)
    wanted: dict[str, list[patches.Patch]] = {}
    for group in worlds:
        own = root / group.package / "Cargo.lock"
        text = own.read_text(encoding="utf-8") if own.is_file() else ""
        # A named group's lock starts as a copy of the default one (see
        # generate.plan), which says nothing of what the group needs: it gets
        # its patches once vendoring has resolved it.
        unresolved = not group.is_default and text in ("", default_lock)
        wanted[group.name] = [] if unresolved else patches.for_lock(every_patch, text)
    plan = generate.plan(catalog, groups.read_vendored(root, worlds), default_lock, wanted)
    if args.check:
        stale = generate.stale(plan, root)
        for path in stale:
            print(f"stale: {path}")
        if stale:
            print(f"{len(stale)} generated files differ from the catalog; run `{generate.FIX_COMMAND}`")
            return 1
        print(f"{len(plan.generated)} generated files match the catalog")
        return 0
    written = generate.write(plan, root)
    unchanged = len(set(plan.generated) - set(written))
    print(f"{len(written)} generated files written or removed, {unchanged} unchanged")
    return 0


def cmd_report(args: argparse.Namespace, root: Path) -> int:
    if args.profile and not args.matrix_dir:
        raise matrix.MatrixError("--profile is read for the matrix only; add --matrix-dir")
    catalog = catalog_mod.load(root / CATALOG)
    events = matrix.read_events(Path(args.bep))
    # Read before anything is written, so a bad profile leaves no half a report.
    profile = matrix.read_profile(Path(args.profile)) if args.profile else None
    result = report.cells(catalog, events)
    npm = report.packages(catalog, events)
    print(report.to_table(result), end="")
    print()
    print(report.npm_table(npm), end="")
    if args.json:
        generate.write_atomic(Path(args.json), report.to_json_report(result, npm))
        print(f"wrote {args.json}")
    if args.matrix_dir:
        inputs = matrix.Inputs(Path(args.bep), Path(args.profile) if args.profile else None)
        for path in matrix.write(Path(args.matrix_dir), matrix.matrix(catalog, events, profile, inputs)):
            print(f"wrote {path}")
    return 1 if any(c.status == "failed" for c in result + npm) else 0


def _state(what: str) -> Path:
    if not os.environ.get("RUVIO_STATE"):
        raise matrix.MatrixError(f"RUVIO_STATE is not set (the build image sets it); pass {what}")
    return Path(os.environ["RUVIO_STATE"])


def cmd_matrix(args: argparse.Namespace, root: Path) -> int:
    catalog = catalog_mod.load(root / CATALOG)
    bep = Path(args.bep) if args.bep else _state("--bep") / "last-build.bep.json"
    profile = Path(args.profile) if args.profile else None
    if profile is None and not args.bep:
        # The last build's profile belongs with the last build's events only.
        default = bep.parent / "last-build.profile.json.gz"
        profile = default if default.is_file() else None
    out = Path(args.out) if args.out else bep.parent
    for path in matrix.make(catalog, matrix.Inputs(bep, profile), out):
        print(f"wrote {path}")
    if profile is None:
        print("no profile given: build times unknown")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ruvio", description="Catalog and generator of the ruv.io build.")
    p.add_argument("--root", type=Path, help="workspace root (default: found from the current directory)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check crates/catalog.toml and report problems")
    v = sub.add_parser("versions", help="each crate's version, binding revision and npm version (README: Versions)")
    v.add_argument("crate", nargs="*", help="only these crates (default: every supported crate)")
    s = sub.add_parser("seed", help="add the crates of a plan's seed JSON that the catalog lacks")
    s.add_argument("seed", help="path of the seed JSON")
    r = sub.add_parser("refresh", help="fill versions, checksums and metadata from crates.io")
    r.add_argument("--offline", action="store_true", help="use the committed catalog only (also RUVIO_OFFLINE=1)")
    r.add_argument("--upgrade", action="store_true", help="move every crate to its newest version")
    r.add_argument("--crate", action="append", help="refresh only this crate (repeatable)")
    r.add_argument("--interval", type=float, default=0.25, help="seconds between requests (default 0.25)")
    g = sub.add_parser("generate", help="render BUILD files, packages and platforms from the catalog")
    g.add_argument("--check", action="store_true", help="write nothing; exit 1 if any generated file is stale")
    rp = sub.add_parser("report", help="per crate and platform: verified, built, failed (first error line) or unsupported; counts per platform")
    rp.add_argument("--bep", required=True, help="the build's --build_event_json_file")
    rp.add_argument("--json", help="also write the cells as JSON here")
    rp.add_argument("--matrix-dir", help="also write matrix.json and matrix.html (sizes, build times) here")
    rp.add_argument("--profile", help="the build's --profile (JSON trace, with target labels): build times for the matrix")
    m = sub.add_parser("matrix", help="write matrix.json and matrix.html: every crate on every platform at a glance")
    m.add_argument("--bep", help="the build's --build_event_json_file (default: $RUVIO_STATE/last-build.bep.json)")
    m.add_argument(
        "--profile",
        help="the build's --profile, for build times (default: last-build.profile.json.gz next to the default --bep)",
    )
    m.add_argument("--out", help="directory to write to (default: the one holding --bep)")
    return p


COMMANDS = {
    "validate": cmd_validate,
    "versions": cmd_versions,
    "seed": cmd_seed,
    "refresh": cmd_refresh,
    "generate": cmd_generate,
    "report": cmd_report,
    "matrix": cmd_matrix,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        root = args.root or find_root(Path.cwd())
        return COMMANDS[args.command](args, root)
    except (CatalogError, groups.GroupError, matrix.MatrixError, patches.PatchError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except RegistryError as e:
        print(f"error: crates.io: {e}", file=sys.stderr)
        return 3
