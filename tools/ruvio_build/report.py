"""`ruvio report`: what a `bazel build --keep_going` did for every crate and
platform, read from its build event protocol file (--build_event_json_file).

Each cell is verified (built, and its tests passed), built (no test of it
ran), failed (with the first error line of the action that caused it, or the
test that failed), not built (the build did not reach it), or unsupported
(with the catalog's reason). A cell is a crate's addon or, for a program,
its executable (Cell.kind, as the catalog says). A verified cell says how
(KINDS): run here (an addon in Node, a program by itself; natively, under
qemu-user, under Wine, or on WASI), or only checked structurally where
nothing here can run it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ruvio_build.catalog import Catalog
from ruvio_build.platforms import BY_NAME, PLATFORMS

ADDON = re.compile(r"^@{0,2}//crates/([^:]+):([a-z0-9-]+)$")
_TEST = re.compile(r"^@{0,2}//(?:crates|packages)/([^:]+):([a-z0-9_-]+)$")

# How a verified binary was verified, strongest first: a cell whose tests
# include a run here says so even when its structural check passed too.
KINDS = ("node", "native", "qemu", "wine", "wasi", "structural")
STRUCTURAL = "structural"
# What each kind means, for the legends under the table and in matrix.html.
KIND_MEANING = {
    "node": "run: the binding's own test passed with the addon loaded in the build image's Node",
    "native": "run: the program's own test passed running the executable on this machine (the static musl one too)",
    "qemu": "run: the crate's own test passed with the arm64 build under qemu-user (an addon in arm64 Node)",
    "wine": "run: the crate's own test passed with the Windows build under Wine (an addon in Node for Windows)",
    "wasi": "run: the crate's test passed with the wasm32 build in Node's WASI (an addon through its loader on emnapi)",
    "structural": "structural only, not run: format, architecture, imports and stripping passed <platform>_check",
}
# Which platform's binary each of a binding's (or its package's) tests runs,
# and how; a `<platform>_check` checks that platform's structurally.
_TEST_KIND = {
    "node_test": ("linux-x64-gnu", "node"),
    "loader_test": ("linux-x64-gnu", "node"),
    "node_arm64_test": ("linux-arm64-gnu", "qemu"),
    "node_win32_test": ("win32-x64-msvc", "wine"),
    "loader_win32_test": ("win32-x64-msvc", "wine"),
    "wasm_test": ("wasm32-wasi", "wasi"),
    # A program's tests (tools/rules/program.bzl).
    "run_test": ("linux-x64-gnu", "native"),
    "run_musl_test": ("linux-x64-musl", "native"),
    "run_arm64_test": ("linux-arm64-gnu", "qemu"),
    "run_win32_test": ("win32-x64-msvc", "wine"),
    "run_wasm_test": ("wasm32-wasi", "wasi"),
}
# The per-platform counts split "verified" into these two.
RUN = "run"
STRUCTURAL_ONLY = "structural only"
VERIFIED_BY = (RUN, STRUCTURAL_ONLY)


# Tests of how every platform's binary is built (not of what it does): when
# one fails, every cell of the crate fails; passing verifies none of them.
_ALL_PLATFORMS_TESTS = ("optimized_test", "manifest_test")


def verifies(name: str) -> tuple[str, str] | None:
    """(platform, kind) of a test of one platform's binary; None for any
    other test."""
    if name in _TEST_KIND:
        return _TEST_KIND[name]
    platform = name.removesuffix("_check")
    if platform != name and platform in BY_NAME:
        return platform, STRUCTURAL
    return None


def strongest(kinds: list[str]) -> str:
    """The kind a cell verified by tests of these kinds shows."""
    return min(kinds, key=KINDS.index)


_ERROR = re.compile(r"^(error(\[E\d+\])?:|ERROR:|.*: error:|.*ld: )")


@dataclass(frozen=True)
class Cell:
    crate: str
    platform: str
    status: str  # verified | built | failed | not built | unsupported
    detail: str = ""
    how: str = ""  # one of KINDS when verified, else empty
    kind: str = "addon"  # or "executable": what the crate's packages ship


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in _ANSI.sub("", stderr).splitlines() if line.strip()]
    for line in lines:
        if _ERROR.match(line):
            return line
    return lines[0] if lines else ""


def local_path(uri: str) -> Path | None:
    """The file a build event's file:// URI names; None for other schemes
    (bytestream:// when outputs stayed in a remote cache)."""
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _read_uri(uri: str) -> str:
    path = local_path(uri)
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _key(event_id: dict[str, object]) -> str:
    return json.dumps(event_id, sort_keys=True)


def read_events(path: Path) -> list[dict[str, object]]:
    """The events of a --build_event_json_file, a JSON object a line; the
    ValueError for a file that is not one names the first bad line."""
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError as e:
            raise ValueError(f"line {number}: {e}") from e
        if not isinstance(event, dict) or not isinstance(event.get("id"), dict):
            raise ValueError(f"line {number}: not a build event (no id)")
        events.append(event)
    return events


def _test_result(event: dict[str, object]) -> tuple[str, str, bool] | None:
    """(crate, test name, passed) of a crate's or package's testSummary event."""
    eid = event.get("id", {})
    assert isinstance(eid, dict)
    summary_id = eid["testSummary"]
    match = _TEST.match(str(summary_id.get("label", "")) if isinstance(summary_id, dict) else "")
    if not match:
        return None
    summary = event.get("testSummary", {})
    passed = isinstance(summary, dict) and summary.get("overallStatus") == "PASSED"
    return match.group(1), match.group(2), passed


def cells(catalog: Catalog, events: list[dict[str, object]]) -> list[Cell]:
    failed_actions: dict[str, str] = {}  # event id -> "first error (in label)"
    targets: dict[tuple[str, str], tuple[bool, list[str]]] = {}
    tests: dict[tuple[str, str], list[tuple[str, str, bool]]] = {}  # name, kind, passed
    gates: dict[str, list[tuple[str, bool]]] = {}
    for event in events:
        eid = event.get("id", {})
        assert isinstance(eid, dict)
        if "actionCompleted" in eid:
            action = event.get("action", {})
            assert isinstance(action, dict)
            if not action.get("success"):
                stderr = action.get("stderr", {})
                text = _read_uri(stderr.get("uri", "")) if isinstance(stderr, dict) else ""
                label = action.get("label", eid["actionCompleted"].get("label", ""))  # type: ignore[union-attr]
                failed_actions[_key(eid)] = f"{_first_error(text) or 'failed'} (in {label})"
        elif "testSummary" in eid:
            result = _test_result(event)
            if result and result[1] in _ALL_PLATFORMS_TESTS:
                gates.setdefault(result[0], []).append(result[1:])
            kind = verifies(result[1]) if result else None
            if result and kind:
                tests.setdefault((result[0], kind[0]), []).append((result[1], kind[1], result[2]))
        elif "targetCompleted" in eid:
            match = ADDON.match(str(eid["targetCompleted"].get("label", "")))  # type: ignore[union-attr]
            if not match:
                continue
            completed = event.get("completed", {})
            ok = isinstance(completed, dict) and bool(completed.get("success"))
            causes = [_key(c) for c in event.get("children", []) if isinstance(c, dict)]  # type: ignore[union-attr]
            targets[(match.group(1), match.group(2))] = (ok, causes)
    out = []
    for crate in sorted(catalog.crates, key=lambda c: c.name):
        for platform in PLATFORMS:

            def cell(status: str, detail: str = "", how: str = "") -> Cell:
                return Cell(crate.name, platform.name, status, detail, how, crate.kind)

            if not crate.supported:
                out.append(cell("unsupported", crate.reason))
                continue
            if platform.name in crate.unsupported:
                out.append(cell("unsupported", crate.unsupported[platform.name]))
                continue
            result = targets.get((crate.name, platform.name))
            if result is None:
                out.append(cell("not built"))
                continue
            ok, causes = result
            if ok:
                ran = tests.get((crate.name, platform.name), [])
                results = [(name, passed) for name, _, passed in ran] + gates.get(crate.name, [])
                broken = [name for name, passed in results if not passed]
                if broken:
                    out.append(cell("failed", f"test {', '.join(broken)} did not pass"))
                elif ran:
                    detail = ", ".join(name for name, _, _ in ran)
                    how = strongest([kind for _, kind, _ in ran])
                    out.append(cell("verified", detail, how))
                else:
                    out.append(cell("built"))
                continue
            detail = next((failed_actions[c] for c in causes if c in failed_actions), "")
            if not detail and failed_actions:
                detail = "a dependency failed; see the build log"
            out.append(cell("failed", detail))
    return out


# The tests of a crate's npm packages (tools/rules/npm.bzl).
NPM_TESTS = ("npm_tarball_test", "npm_lint_test", "npm_registry_test")


def packages(catalog: Catalog, events: list[dict[str, object]]) -> list[Cell]:
    """Per crate, its npm packages: verified when every npm test passed."""
    ran: dict[str, list[tuple[str, bool]]] = {}
    for event in events:
        eid = event.get("id", {})
        result = _test_result(event) if isinstance(eid, dict) and "testSummary" in eid else None
        if result and result[1] in NPM_TESTS:
            ran.setdefault(result[0], []).append(result[1:])
    out = []
    for crate in sorted(catalog.crates, key=lambda c: c.name):
        if not crate.supported:
            out.append(Cell(crate.name, "npm", "unsupported", crate.reason))
            continue
        tests = ran.get(crate.name, [])
        broken = [name for name, passed in tests if not passed]
        if broken:
            out.append(Cell(crate.name, "npm", "failed", f"test {', '.join(broken)} did not pass"))
        elif len(tests) == len(NPM_TESTS):
            out.append(Cell(crate.name, "npm", "verified", ", ".join(name for name, _ in tests)))
        else:
            out.append(Cell(crate.name, "npm", "not built"))
    return out


_MARK = {"verified": "ok", "built": "built", "failed": "FAIL", "not built": ".", "unsupported": "-"}
STATUSES = ("verified", "built", "failed", "not built", "unsupported")
# The columns of the per-platform counts: "verified" and how, then the rest.
COLUMNS = (STATUSES[0], *VERIFIED_BY, *STATUSES[1:])


def _mark(cell: Cell) -> str:
    return f"ok {cell.how}" if cell.status == "verified" else _MARK[cell.status]


def per_platform(result: list[Cell]) -> dict[str, dict[str, int]]:
    """Binaries per platform and status, verified ones also by how, over the
    whole catalog."""
    return {p.name: with_verified_by([c for c in result if c.platform == p.name]) for p in PLATFORMS}


def with_verified_by(result: list[Cell]) -> dict[str, int]:
    """Cells per status, and the verified ones run here or only checked
    structurally, in the order of COLUMNS."""
    per_status = counts(result)
    by = dict.fromkeys(VERIFIED_BY, 0)
    for cell in result:
        if cell.status == "verified":
            by[STRUCTURAL_ONLY if cell.how == STRUCTURAL else RUN] += 1
    return {column: by[column] if column in by else per_status[column] for column in COLUMNS}


def counts(result: list[Cell]) -> dict[str, int]:
    """Cells per status."""
    out = dict.fromkeys(STATUSES, 0)
    for cell in result:
        out[cell.status] += 1
    return out


def to_json_report(result: list[Cell], npm: list[Cell] | None = None) -> str:
    data: dict[str, object] = {
        "kinds": KIND_MEANING,
        "platforms": per_platform(result),
        "cells": [asdict(c) for c in result],
    }
    if npm is not None:
        data["npm"] = {"counts": counts(npm), "crates": [asdict(c) for c in npm]}
    return json.dumps(data, indent=2) + "\n"


def npm_table(npm: list[Cell]) -> str:
    per_status = counts(npm)
    lines = ["npm packages per crate: " + ", ".join(f"{per_status[s]} {s}" for s in STATUSES if s != "built")]
    lines.extend(f"  {c.crate}: {c.detail}" for c in npm if c.status == "failed")
    return "\n".join(lines) + "\n"


def to_table(result: list[Cell]) -> str:
    """One row per crate and a column per platform, then every failure with
    its first error line, and the reasons for what is unsupported."""
    names = [p.name for p in PLATFORMS]
    by_crate: dict[str, dict[str, Cell]] = {}
    for cell in result:
        by_crate.setdefault(cell.crate, {})[cell.platform] = cell
    width = max([len(c) + len(" (executable)") for c in by_crate] + [5])
    lines = [f"{'crate':{width}}  " + " ".join(f"{n:>15}" for n in names)]
    unbound = []
    for crate, row in by_crate.items():
        if all(c.status == "unsupported" and c.detail == row[names[0]].detail for c in row.values()) and not any(
            c.status != "unsupported" for c in row.values()
        ):
            unbound.append((crate, row[names[0]].detail))
            continue
        label = f"{crate} (executable)" if row[names[0]].kind == "executable" else crate
        lines.append(f"{label:{width}}  " + " ".join(f"{_mark(row[n]):>15}" for n in names))
    failures = [c for c in result if c.status == "failed"]
    if failures:
        lines.append("")
        lines.append("failed:")
        lines.extend(f"  {c.crate} {c.platform}: {c.detail}" for c in failures)
    reasons: dict[str, list[str]] = {}
    for cell in result:
        if cell.status == "unsupported" and (cell.crate, cell.detail) not in unbound:
            reasons.setdefault(cell.detail, []).append(f"{cell.crate} {cell.platform}")
    if reasons or unbound:
        lines.append("")
        lines.append("unsupported:")
        for reason, cells in sorted(reasons.items()):
            lines.append(f"  {len(cells)} binaries: {reason}")
        by_reason: dict[str, list[str]] = {}
        for crate, reason in unbound:
            by_reason.setdefault(reason, []).append(crate)
        for reason, crates in sorted(by_reason.items()):
            lines.append(f"  {len(crates)} crates on every platform: {reason} ({', '.join(crates)})")
    lines.append("")
    # The statuses' columns keep their width; the split's longer names get theirs.
    widths = {s: 12 if s in STATUSES else len(s) + 2 for s in COLUMNS}
    lines.append(f"{'binaries per platform':22}" + "".join(f"{s:>{widths[s]}}" for s in COLUMNS))
    totals = dict.fromkeys(COLUMNS, 0)
    for platform, row in per_platform(result).items():
        lines.append(f"  {platform:20}" + "".join(f"{row[s]:>{widths[s]}}" for s in COLUMNS))
        for s in COLUMNS:
            totals[s] += row[s]
    lines.append(f"  {'all':20}" + "".join(f"{totals[s]:>{widths[s]}}" for s in COLUMNS))
    lines.append("")
    lines.append("how a verified binary was verified:")
    width = max(len(f"ok {kind}") for kind in KINDS)
    lines.extend(f"  {'ok ' + kind:{width}}  {KIND_MEANING[kind]}" for kind in KINDS)
    return "\n".join(lines) + "\n"
