"""The build matrix: every crate of the catalog on every platform at a glance.

`ruvio report --matrix-dir DIR` (what tools/build-all runs) and `ruvio matrix`
(`bazel run //tools:matrix`) write matrix.json and a self-contained
matrix.html: a row per crate, a column per platform, each cell's status as
report.cells gives it (and for a verified binary how: run here, or only
checked structurally), the binary's size, and how long the binding's own
actions took; totals per platform and per category; each crate's npm packages.

Sizes come from the build events: the length Bazel recorded for the addon's
output file, or, when it recorded none, the file itself. Times come only from
a JSON trace profile written with --experimental_profile_include_target_label;
without one, or for a target it does not mention, the time is unknown (null in
the JSON, "—" on the page), never estimated.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import jinja2

from ruvio_build import generate, report
from ruvio_build.catalog import Catalog
from ruvio_build.platforms import BY_NAME, PLATFORMS

JSON_NAME = "matrix.json"
HTML_NAME = "matrix.html"
# A crate without a category still needs a row in the per-category totals.
NO_CATEGORY = "(no category)"
STATUSES = report.STATUSES
VERIFIED_BY = report.VERIFIED_BY
# How a verified cell names its kind (report.KINDS) after the check mark.
KIND_LABELS = {
    "node": "Node",
    "native": "native",
    "qemu": "qemu",
    "wine": "Wine",
    "wasi": "WASI",
    "structural": "structural",
}

# The profile's category for an action, the events that carry its target.
ACTION = "action processing"
_TARGET = re.compile(r"^@{0,2}//crates/([^:]+):([A-Za-z0-9_.-]+)$")


class MatrixError(ValueError):
    """An input the matrix cannot be made from, naming the file."""


# --- reading ------------------------------------------------------------------


def read_events(path: Path) -> list[dict[str, object]]:
    try:
        events = report.read_events(path)
    except OSError as e:
        raise MatrixError(f"cannot read build events {path}: {e.strerror or e}") from e
    except ValueError as e:
        raise MatrixError(f"{path} is not a build event protocol JSON file (--build_event_json_file): {e}") from e
    # Bazel writes the "started" event first; a file without events is a
    # build that never began (or another file).
    if not events:
        raise MatrixError(f"{path} holds no build events")
    return events


def read_trace(path: Path) -> list[object]:
    """The events of a JSON trace profile (Bazel's --profile), gzipped
    (Bazel's choice for a name ending in .gz) or not."""
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        data = json.loads(raw)
    except OSError as e:
        raise MatrixError(f"cannot read profile {path}: {e.strerror or e}") from e
    except (ValueError, EOFError) as e:
        raise MatrixError(f"{path} is not a JSON trace profile (--profile): {e}") from e
    # The trace format allows a bare list of events as well as the object.
    trace = data.get("traceEvents") if isinstance(data, dict) else data
    if not isinstance(trace, list):
        raise MatrixError(f"{path} is not a JSON trace profile (--profile): no traceEvents list")
    return trace


def read_profile(path: Path) -> dict[tuple[str, str], int]:
    """Microseconds of action time per (package under crates/, target name),
    from a JSON trace profile."""
    totals: dict[tuple[str, str], int] = {}
    for event in read_trace(path):
        # Only an action's own event: the spans inside it (cache checks,
        # subprocesses) would count its time twice.
        if not isinstance(event, dict) or event.get("ph") != "X" or event.get("cat") != ACTION:
            continue
        args = event.get("args")
        match = _TARGET.match(str(args.get("target", ""))) if isinstance(args, dict) else None
        dur = event.get("dur")
        if match and isinstance(dur, (int, float)):
            key = (match.group(1), match.group(2))
            totals[key] = totals.get(key, 0) + int(dur)
    return totals


def _obj(value: object) -> dict[str, Any]:
    """A JSON object, or an empty one for anything else: build events from
    another Bazel version may lack a field, never crash the report."""
    return value if isinstance(value, dict) else {}


def _objs(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _named_sets(events: list[dict[str, object]]) -> dict[str, dict[str, Any]]:
    sets = {}
    for event in events:
        eid = _obj(event.get("id"))
        if "namedSet" in eid:
            sets[str(_obj(eid["namedSet"]).get("id"))] = _obj(event.get("namedSetOfFiles"))
    return sets


def _files(sets: dict[str, dict[str, Any]], set_id: str, seen: set[str]) -> list[dict[str, Any]]:
    """The files of a named set and the sets it includes."""
    if set_id in seen or set_id not in sets:
        return []
    seen.add(set_id)
    out = _objs(sets[set_id].get("files"))
    for child in _objs(sets[set_id].get("fileSets")):
        out.extend(_files(sets, str(child.get("id")), seen))
    return out


def _size(file: dict[str, Any]) -> int | None:
    # The length Bazel recorded is this build's binary; the file on disk may
    # already be a later build's, so it only stands in when there is none.
    length = str(file.get("length", ""))
    if length.isdigit():
        return int(length)
    path = report.local_path(str(file.get("uri", "")))
    try:
        return path.stat().st_size if path else None
    except OSError:
        return None


def binary_sizes(events: list[dict[str, object]]) -> dict[tuple[str, str], int]:
    """Bytes of each addon the build produced, per (crate, platform)."""
    sets = _named_sets(events)
    sizes = {}
    for event in events:
        eid = _obj(event.get("id"))
        match = report.ADDON.match(str(_obj(eid.get("targetCompleted")).get("label", "")))
        if not match or match.group(2) not in BY_NAME:
            continue
        completed = _obj(event.get("completed"))
        if not completed.get("success"):
            continue
        files = [
            f
            for group in _objs(completed.get("outputGroup"))
            for file_set in _objs(group.get("fileSets"))
            for f in _files(sets, str(file_set.get("id")), set())
        ]
        # The addon's one output is the binary; match on the extension in
        # case a rule ever adds a side file.
        binaries = [f for f in files if str(f.get("name", "")).endswith(BY_NAME[match.group(2)].extension)]
        size = _size(binaries[0]) if len(binaries) == 1 else None
        if size is not None:
            sizes[(match.group(1), match.group(2))] = size
    return sizes


def build_started(events: list[dict[str, object]]) -> str:
    for event in events:
        if "started" in _obj(event.get("id")):
            return str(_obj(event.get("started")).get("startTime", ""))
    return ""


# --- the matrix -----------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    bep: Path
    profile: Path | None = None


class CellData(TypedDict):
    status: str  # one of STATUSES
    how: str  # verified: one of report.KINDS; otherwise empty
    detail: str  # the first error line, the tests that passed, or the reason
    size: int | None  # bytes
    time_ms: int | None


class Row(TypedDict):
    crate: str
    kind: str  # addon or executable: what its packages ship
    category: str
    reason: str  # non-empty: the crate is not built at all
    npm: dict[str, str]  # status, detail
    cells: dict[str, CellData]  # per platform


class Kind(TypedDict):
    label: str  # what a cell shows after the check mark
    meaning: str


# Per status the number of binaries, the verified ones also split by
# VERIFIED_BY, and "binaries", "size", "time_ms"; a measure no cell knows is
# None, not 0.
Totals = dict[str, int | None]


class TotalsData(TypedDict):
    platforms: dict[str, Totals]
    categories: dict[str, Totals]
    all: Totals
    npm: dict[str, int]


class Matrix(TypedDict):
    generated: str
    bep: str
    profile: str | None
    build_started: str
    platforms: list[str]
    statuses: list[str]
    kinds: dict[str, Kind]
    crates: list[Row]
    totals: TotalsData


def _cell_time(profile: dict[tuple[str, str], int] | None, crate: str, binary: str, platform: str) -> int | None:
    """Milliseconds of the binary's own actions and its crate's (the binding's,
    or the program's, compile and link); the third-party crates it shares with
    other crates are not counted."""
    if profile is None:
        return None
    parts = [
        profile.get((crate, platform)),
        profile.get((crate, f"{binary}_napi_{platform}")),
        profile.get((crate, f"{binary}_{platform}")),
    ]
    known = [p for p in parts if p is not None]
    return round(sum(known) / 1000) if known else None


def _totals(cells: list[CellData]) -> Totals:
    out: Totals = dict.fromkeys(report.COLUMNS, 0)
    for cell in cells:
        out[cell["status"]] = (out[cell["status"]] or 0) + 1
        if cell["status"] == "verified":
            by = report.STRUCTURAL_ONLY if cell["how"] == report.STRUCTURAL else report.RUN
            out[by] = (out[by] or 0) + 1
    out["binaries"] = len(cells)
    sizes = [c["size"] for c in cells if c["size"] is not None]
    times = [c["time_ms"] for c in cells if c["time_ms"] is not None]
    out["size"] = sum(sizes) if sizes else None
    out["time_ms"] = sum(times) if times else None
    return out


def matrix(
    catalog: Catalog,
    events: list[dict[str, object]],
    profile: dict[tuple[str, str], int] | None,
    inputs: Inputs,
) -> Matrix:
    cells = {(c.crate, c.platform): c for c in report.cells(catalog, events)}
    npm = {c.crate: c for c in report.packages(catalog, events)}
    sizes = binary_sizes(events)
    rows: list[Row] = []
    for crate in sorted(catalog.crates, key=lambda c: (c.category or NO_CATEGORY, c.name)):
        row: dict[str, CellData] = {}
        for platform in PLATFORMS:
            cell = cells[(crate.name, platform.name)]
            row[platform.name] = CellData(
                status=cell.status,
                how=cell.how,
                detail=cell.detail,
                size=sizes.get((crate.name, platform.name)),
                time_ms=_cell_time(profile, crate.name, crate.binary_name, platform.name),
            )
        rows.append(
            Row(
                crate=crate.name,
                kind=crate.kind,
                category=crate.category or NO_CATEGORY,
                reason=crate.reason,
                npm={"status": npm[crate.name].status, "detail": npm[crate.name].detail},
                cells=row,
            )
        )
    categories = sorted({row["category"] for row in rows})
    return Matrix(
        generated=f"by ruvio matrix from {inputs.bep}; do not edit",
        bep=str(inputs.bep),
        profile=str(inputs.profile) if inputs.profile else None,
        build_started=build_started(events),
        platforms=[p.name for p in PLATFORMS],
        statuses=list(STATUSES),
        kinds={kind: Kind(label=KIND_LABELS[kind], meaning=report.KIND_MEANING[kind]) for kind in report.KINDS},
        crates=rows,
        totals=TotalsData(
            platforms={p.name: _totals([row["cells"][p.name] for row in rows]) for p in PLATFORMS},
            categories={
                category: _totals([c for row in rows if row["category"] == category for c in row["cells"].values()])
                for category in categories
            },
            all=_totals([c for row in rows for c in row["cells"].values()]),
            npm=report.counts(list(npm.values())),
        ),
    )


# --- writing --------------------------------------------------------------------


def human_size(size: int | None) -> str:
    if size is None:
        return "—"
    value = float(size)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            break
        value /= 1024
    return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"


def human_time(ms: int | None) -> str:
    if ms is None:
        return "—"
    if ms < 60_000:
        return f"{ms / 1000:.1f} s"
    minutes, seconds = divmod(round(ms / 1000), 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def _env() -> jinja2.Environment:
    # Unlike the generator's templates this one holds build output (error
    # lines, reasons), so everything is escaped.
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ruvio_build", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["size"] = human_size
    env.filters["duration"] = human_time
    return env


# What a cell shows first; colour says the same for those who look.
MARKS = {"verified": "✓", "built": "built", "failed": "✗ failed", "not built": "not built", "unsupported": "n/a"}


def to_html(data: Matrix) -> str:
    # Per-platform reasons get a number the cells point to; a crate with a
    # reason of its own (not built at all) shows it across its row instead.
    reasons: dict[str, dict[str, int]] = {}
    failures: list[tuple[str, str, str]] = []
    for row in data["crates"]:
        for platform, cell in row["cells"].items():
            if cell["status"] == "unsupported" and not row["reason"]:
                reason = reasons.setdefault(cell["detail"], {"number": len(reasons) + 1, "count": 0})
                reason["count"] += 1
            elif cell["status"] == "failed":
                failures.append((row["crate"], platform, cell["detail"]))
        if row["npm"]["status"] == "failed":
            failures.append((row["crate"], "npm packages", row["npm"]["detail"]))
    groups: dict[str, list[Row]] = {}
    for row in data["crates"]:
        groups.setdefault(row["category"], []).append(row)
    return _env().get_template("matrix.html.j2").render(
        m=data,
        groups=groups.items(),
        reasons=reasons,
        failures=failures,
        statuses=STATUSES,
        verified_by=VERIFIED_BY,
        marks=MARKS,
    )


def to_json(data: Matrix) -> str:
    # "generated" is the first key; pulled up onto the first line, it says
    # what generated files say there.
    opening, first, rest = json.dumps(data, indent=2, ensure_ascii=False).split("\n", 2)
    return f"{opening}{first.lstrip()}\n{rest}\n"


def write(out_dir: Path, data: Matrix) -> list[Path]:
    """Writes matrix.json and matrix.html, each whole or not at all: both are
    rendered before either is written, and each goes through a temporary file."""
    texts = {out_dir / JSON_NAME: to_json(data), out_dir / HTML_NAME: to_html(data)}
    for path, text in texts.items():
        generate.write_atomic(path, text)
    return list(texts)


def make(catalog: Catalog, inputs: Inputs, out_dir: Path) -> list[Path]:
    """Reads the inputs, then writes the matrix; a bad input raises
    MatrixError before anything is written."""
    events = read_events(inputs.bep)
    profile = read_profile(inputs.profile) if inputs.profile else None
    return write(out_dir, matrix(catalog, events, profile, inputs))
