"""The addons themselves, before and after: the figures of benchmarks/run's
sections napi, workload, sizes and ci.

With `--baseline REV`, benchmarks/run measures each of these at REV
("before": a git worktree of that commit, built by its own tools/bazel) and
at the checkout ("after") in one run; without it, the checkout alone. A
section's JSON holds the raw measurements of every side it measured (under
"sides", a side that failed with its error); this module derives the figures
and renders them, side by side where there are two.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from ruvio_build.bench_common import SIDES, BenchError, Run, elapsed_s, plain, processes, read_text, seconds, wall_run
from ruvio_build.platforms import PLATFORMS
from ruvio_build.report import ADDON

PILOT = "bit-parallel-search"
# What the project set out to reach: a call into an addon costs less than
# this much more than a plain JavaScript call.
GOAL_NS = 100.0

# How .ci/run counts the tests' verdicts in Bazel's summary.
_PASSED = re.compile(r"^//[^ ]+ +(\(cached\) )?PASSED", re.MULTILINE)
_FAILED = re.compile(r"^//[^ ]+ +(FAILED|TIMEOUT|NO STATUS|FAILED TO BUILD)", re.MULTILINE)


def sides(data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The sides a section measured, before first."""
    found = data.get("sides")
    if not isinstance(found, dict) or not any(s in found for s in SIDES):
        raise BenchError("neither side (before, after) was measured")
    out = {}
    for side in SIDES:
        if side in found:
            if not isinstance(found[side], dict):
                raise BenchError(f"the {side} side is not a JSON object")
            out[side] = found[side]
    return out


def _failures(measured: Mapping[str, Mapping[str, Any]], run: Run) -> list[str]:
    """A line per side that failed, after a blank line; nothing when none did."""
    failed = [f"- {run.title(s)}: not measured: {d['error']}" for s, d in measured.items() if d.get("error")]
    return ["", *failed] if failed else []


def _ratio(before: float | None, after: float | None) -> str:
    return f"{after / before:.2f}×" if before and after is not None else "—"


def _median(values: Iterable[float]) -> float:
    return float(statistics.median(values))


# --- napi -------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    """Medians over the rounds, ns per call: elapsed, and the process's CPU time."""

    ns: float
    cpu_ns: float

    def minus(self, other: Timing) -> Timing:
        return Timing(self.ns - other.ns, self.cpu_ns - other.cpu_ns)


@dataclass(frozen=True)
class CallCost:
    calls: int  # per round
    rounds: int
    js: Timing
    addons: dict[str, Timing]  # by the label napi_call.js was given

    def overhead(self, label: str) -> Timing:
        return self.addons[label].minus(self.js)


def _rounds(record: object, keys: tuple[str, ...]) -> dict[str, list[float]]:
    if not isinstance(record, dict):
        raise TypeError(f"{record!r} is not an object")
    return {k: [float(x) for x in record[k]] for k in keys}


def _same_length(records: Iterable[dict[str, list[float]]]) -> int:
    lengths = {len(v) for record in records for v in record.values()}
    if len(lengths) != 1:
        raise ValueError("rounds of different lengths")
    return lengths.pop()


def call_cost(result: Mapping[str, Any]) -> CallCost:
    """The medians of benchmarks/napi_call.js's rounds."""
    try:
        js = _rounds(result["js"], ("ns", "cpu_ns"))
        addons = {str(label): _rounds(r, ("ns", "cpu_ns")) for label, r in result["addons"].items()}
        if not addons:
            raise ValueError("no addon was timed")
        rounds = _same_length([js, *addons.values()])

        def medians(record: dict[str, list[float]]) -> Timing:
            return Timing(_median(record["ns"]), _median(record["cpu_ns"]))

        return CallCost(int(result["calls"]), rounds, medians(js), {k: medians(v) for k, v in addons.items()})
    except (KeyError, TypeError, ValueError, AttributeError, statistics.StatisticsError) as e:
        raise BenchError(f"not the output of benchmarks/napi_call.js: {e!r}") from e


def _result(data: Mapping[str, Any], script: str) -> dict[str, Any]:
    result = data.get("result")
    if not isinstance(result, dict):
        raise BenchError(f"no result from benchmarks/{script}")
    return result


def _timed(measured: Mapping[str, Mapping[str, Any]], timed: Mapping[str, object], script: str) -> list[str]:
    """The sides that built an addon, which the script must have timed."""
    built = [s for s, d in measured.items() if not d.get("error")]
    if not built:
        raise BenchError("no addon was built")
    for side in built:
        if side not in timed:
            raise BenchError(f"benchmarks/{script} did not time the {side} addon")
    return built


def _addons_how(measured: Mapping[str, Mapping[str, Any]], built: list[str], run: Run) -> str:
    """Where the addons were, in their output bases."""
    paths = {str(measured[s].get("addon", "?")) for s in built}
    if len(paths) == 1:
        return f"`{paths.pop()}`" + (" in each commit's output base" if len(built) > 1 else "")
    return ", ".join(f"{run.title(s)} `{measured[s].get('addon', '?')}`" for s in built)


def render_napi(data: dict[str, Any], run: Run) -> list[str]:
    measured = sides(data)
    result = _result(data, "napi_call.js")
    c = call_cost(result)
    built = _timed(measured, c.addons, "napi_call.js")
    head = "after" if "after" in built else built[-1]
    over = c.overhead(head).ns
    line = f"**{over:.1f} ns** per call more than a JavaScript function"
    if head == "after" and "before" in built:
        line += f" (before: {c.overhead('before').ns:.1f} ns)"
    if head == "after":
        line += f"; the goal, under {GOAL_NS:.0f} ns, is {'met' if over < GOAL_NS else 'not met'}."
    else:
        line += f", {run.title(head)} alone."
    one = len(built) == 1 and not run.baseline
    lines = [
        line,
        "",
        "| ns per call | elapsed (`process.hrtime.bigint()`) | CPU time (`process.cpuUsage()`) |",
        "|---|---|---|",
        *(
            f"| `version()`{' of the addon' if one else ', ' + run.title(s)} | {c.addons[s].ns:.1f} | "
            f"{c.addons[s].cpu_ns:.1f} |"
            for s in built
        ),
        f"| a JavaScript function returning the same string | {c.js.ns:.1f} | {c.js.cpu_ns:.1f} |",
        *(
            f"| **{'difference' if one else 'above JavaScript, ' + s}** | **{c.overhead(s).ns:.1f}** | "
            f"**{c.overhead(s).cpu_ns:.1f}** |"
            for s in built
        ),
        *_failures(measured, run),
        "",
        f"How: Node {result.get('node', '?')} in the build image loads the pilot's linux-x64-gnu "
        f"{'addon' if len(built) == 1 else 'addons, each from its own file'} ({_addons_how(measured, built, run)}), "
        f"warms every function up, then times {c.calls:,} calls of each, {c.rounds} rounds taking turns, median "
        "per call (`benchmarks/napi_call.js`). Each function is timed by a loop of its own, compiled separately, "
        "so that V8 optimises each call site for its one callee. `version()` is the binding's most trivial "
        "export: no arguments, a `&'static str` back, so its cost is the napi-rs call path plus making a "
        "JavaScript string of five bytes. Each addon is what `tools/bazel build "
        "//crates/bit-parallel-search:linux-x64-gnu` makes at that commit: since the platform transition sets "
        "the compilation mode, in opt mode (`opt-level=3`), linked with thin LTO and stripped; at commits before "
        "that change (1e42fcf and earlier), in Bazel's default fastbuild mode (`opt-level=0`). The JavaScript "
        "function is inlined by V8, so its figure is the loop's own cost. The headline is elapsed time; on a "
        "busy machine that also counts the time the process waited for a core, which CPU time leaves out.",
    ]
    return lines


# --- workload ---------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """Medians over the rounds: milliseconds per count of the whole text."""

    string_ms: float
    buffer_ms: float


@dataclass(frozen=True)
class Workload:
    bytes: int
    pattern: str
    matches: int
    counts: int  # per case and round
    rounds: int
    js: Count
    addons: dict[str, Count]  # by the label workload.js was given

    def mb_s(self, ms: float) -> float:
        """Throughput, in 10⁶ bytes per second."""
        return self.bytes / 1e3 / ms if ms > 0 else 0.0

    def speedup(self, label: str) -> tuple[float, float]:
        """How many times as fast as plain JavaScript the addon is, on a string
        and on a Buffer: JavaScript's time over the addon's."""
        a = self.addons[label]
        return self.js.string_ms / a.string_ms, self.js.buffer_ms / a.buffer_ms


def workload(result: Mapping[str, Any]) -> Workload:
    """The medians of benchmarks/workload.js's rounds."""
    try:
        js = _rounds(result["js"], ("string", "buffer"))
        addons = {str(label): _rounds(r, ("string", "buffer")) for label, r in result["addons"].items()}
        if not addons:
            raise ValueError("no addon was timed")
        rounds = _same_length([js, *addons.values()])
        if any(x <= 0 for record in (js, *addons.values()) for v in record.values() for x in v):
            raise ValueError("a round took no time")

        def medians(record: dict[str, list[float]]) -> Count:
            return Count(_median(record["string"]), _median(record["buffer"]))

        return Workload(
            bytes=int(result["bytes"]),
            pattern=str(result["pattern"]),
            matches=int(result["matches"]),
            counts=int(result["counts"]),
            rounds=rounds,
            js=medians(js),
            addons={k: medians(v) for k, v in addons.items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError, statistics.StatisticsError) as e:
        raise BenchError(f"not the output of benchmarks/workload.js: {e!r}") from e


def render_workload(data: dict[str, Any], run: Run) -> list[str]:
    measured = sides(data)
    result = _result(data, "workload.js")
    w = workload(result)
    built = _timed(measured, w.addons, "workload.js")
    head = "after" if "after" in built else built[-1]

    def cell(ms: float) -> str:
        return f"{ms:.2f} ({w.mb_s(ms):,.0f})"

    a = w.addons[head]
    fast_string, fast_buffer = w.speedup(head)
    line = (
        f"**{fast_buffer:.2f}×** plain JavaScript's speed on a Buffer, **{fast_string:.2f}×** on a string: the "
        f"addon counts {w.bytes / 2**20:g} MiB in {a.buffer_ms:.2f} ms ({w.mb_s(a.buffer_ms):,.0f} MB/s) and "
        f"{a.string_ms:.2f} ms ({w.mb_s(a.string_ms):,.0f} MB/s)"
    )
    if head == "after" and "before" in built:
        b = w.addons["before"]
        line += f"; before: {b.buffer_ms:.2f} ms and {b.string_ms:.2f} ms"
    line += "." if head == "after" else f", {run.title(head)} alone."
    one = len(built) == 1 and not run.baseline
    return [
        line,
        "",
        f"| ms per count of {w.bytes / 2**20:g} MiB (MB/s) | string | Buffer |",
        "|---|---|---|",
        *(
            f"| `count()`{' of the addon' if one else ', ' + run.title(s)} | {cell(w.addons[s].string_ms)} | "
            f"{cell(w.addons[s].buffer_ms)} |"
            for s in built
        ),
        f"| plain JavaScript: an `indexOf` loop | {cell(w.js.string_ms)} | {cell(w.js.buffer_ms)} |",
        *(
            f"| **the addon's speed over plain JavaScript{'' if one else ', ' + s}** | "
            f"**{w.speedup(s)[0]:.2f}×** | **{w.speedup(s)[1]:.2f}×** |"
            for s in built
        ),
        *_failures(measured, run),
        "",
        f"How: `benchmarks/workload.js` in the build image's Node {result.get('node', '?')}, with the pilot's "
        f"linux-x64-gnu {'addon' if len(built) == 1 else 'addons'}, as the napi section loads them "
        f"({_addons_how(measured, built, run)}). The text is {w.bytes:,} bytes of the letters a to e and spaces "
        f"from a fixed seed, in which `{w.pattern}` occurs {w.matches:,} times (overlapping matches counted). "
        "The addon's `count(text, pattern)` runs on the string and on a Buffer of the same bytes; plain "
        "JavaScript is a loop of `String.prototype.indexOf` (V8's native substring search) and one of "
        "`Buffer.prototype.indexOf` (Node's), each searching again from one past the last match. Every case "
        "gave the same count, checked before timing. A round times "
        f"{w.counts} counts of each case, the cases taking turns; {w.rounds} rounds, median. MB/s is 10⁶ "
        "bytes per second. On a string, napi-rs copies the text into a Rust `String` on every call, which a "
        "Buffer is spared. The speed over plain JavaScript is JavaScript's time over the addon's: above 1×, "
        "the addon is faster.",
    ]


# --- sizes ------------------------------------------------------------------------


def read_addon_targets(text: str) -> list[tuple[str, str]]:
    """(crate, platform) of every addon `query 'kind(napi_addon, //crates/...)'` listed."""
    found = set()
    for line in plain(text).splitlines():
        match = ADDON.match(line.strip())
        if match:
            found.add((match.group(1), match.group(2)))
    return sorted(found)


def addon_of_path(path: str) -> tuple[str, str] | None:
    """(crate, platform) of an addon's output file,
    `bazel-out/<config>/bin/crates/<crate>/<binary>.<platform><extension>`."""
    p = PurePosixPath(path)
    if p.parent.parent.name != "crates":
        return None
    for platform in PLATFORMS:
        if p.name.endswith(f".{platform.name}{platform.extension}"):
            return p.parent.name, platform.name
    return None


def read_addon_files(text: str, name: str = "the file list") -> dict[tuple[str, str], int | None]:
    """Bytes per (crate, platform) from benchmarks/run's list of the addons'
    files, `<path>\\t<bytes>` a line, bytes empty where no file was built."""
    files: dict[tuple[str, str], int | None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        path, tab, size = line.partition("\t")
        key = addon_of_path(path)
        if not tab or key is None or not (size == "" or size.isdigit()):
            raise BenchError(f"{name}, line {number}: not '<addon file>\\t<bytes>': {line!r}")
        files[key] = int(size) if size else None
    return files


@dataclass(frozen=True)
class PlatformSizes:
    platform: str
    built: dict[str, int]  # bytes, by crate
    missing: tuple[str, ...]  # crates whose addon was not built

    @property
    def targets(self) -> int:
        return len(self.built) + len(self.missing)

    @property
    def total(self) -> int:
        return sum(self.built.values())

    @property
    def median(self) -> float | None:
        return _median(self.built.values()) if self.built else None


def addon_sizes(
    targets: Iterable[tuple[str, str]], files: Mapping[tuple[str, str], int | None]
) -> dict[str, PlatformSizes]:
    """Per platform (in the platforms' order), the addons built and missing."""
    built: dict[str, dict[str, int]] = {}
    missing: dict[str, list[str]] = {}
    for crate, platform in targets:
        if (crate, platform) not in files:
            raise BenchError(f"cquery named no file for //crates/{crate}:{platform}")
        size = files[(crate, platform)]
        built.setdefault(platform, {})
        missing.setdefault(platform, [])
        if size is None:
            missing[platform].append(crate)
        else:
            built[platform][crate] = size
    return {
        p.name: PlatformSizes(p.name, built[p.name], tuple(sorted(missing[p.name])))
        for p in PLATFORMS
        if p.name in built
    }


def _bytes(n: float | None) -> str:
    if n is None:
        return "—"
    if n >= 2**20:
        return f"{n / 2**20:.2f} MiB"
    if n >= 2**10:
        return f"{n / 2**10:.0f} KiB"
    return f"{n:.0f} B"


def _change(values: Mapping[str, float | None]) -> str:
    """`before → after (ratio)` in bytes for two sides, the one value for one."""
    if len(values) == 1:
        return _bytes(next(iter(values.values())))
    before, after = values.get("before"), values.get("after")
    return f"{_bytes(before)} → {_bytes(after)} ({_ratio(before, after)})"


def _flat(by_platform: Mapping[str, PlatformSizes]) -> dict[tuple[str, str], int]:
    """Bytes of every addon built, by (crate, platform)."""
    return {(crate, p.platform): n for p in by_platform.values() for crate, n in p.built.items()}


def _size_row(name: str, by_side: Mapping[str, Mapping[str, PlatformSizes]], pilot: str) -> str:
    """A platform's row: addons built, total, median and the pilot's size, per side."""
    chosen = {s: by_platform.get(name) for s, by_platform in by_side.items()}
    built = " → ".join(f"{len(p.built)} of {p.targets}" if p else "none" for p in chosen.values())
    return (
        f"| {name} | {built} | {_change({s: p.total if p else None for s, p in chosen.items()})} | "
        f"{_change({s: p.median if p else None for s, p in chosen.items()})} | "
        f"{_change({s: p.built.get(pilot) if p else None for s, p in chosen.items()})} |"
    )


def _total_row(by_side: Mapping[str, Mapping[str, PlatformSizes]]) -> str:
    built = " → ".join(
        f"{sum(len(p.built) for p in by_platform.values())} of {sum(p.targets for p in by_platform.values())}"
        for by_platform in by_side.values()
    )
    flat = {s: _flat(by_platform) for s, by_platform in by_side.items()}
    total = _change({s: sum(f.values()) for s, f in flat.items()})
    median = _change({s: _median(f.values()) if f else None for s, f in flat.items()})
    return f"| **all platforms** | **{built}** | **{total}** | {median} | |"


def render_sizes(data: dict[str, Any], run: Run) -> list[str]:
    measured = sides(data)
    ok = {s: d for s, d in measured.items() if not d.get("error")}
    if not ok:
        raise BenchError("; ".join(f"{s}: {d['error']}" for s, d in measured.items()))
    by_side = {
        s: addon_sizes(
            read_addon_targets(read_text(d.get("targets"))),
            read_addon_files(read_text(d.get("files")), str(d.get("files"))),
        )
        for s, d in ok.items()
    }
    names = [p.name for p in PLATFORMS if any(p.name in by_platform for by_platform in by_side.values())]
    pilot = str(data.get("pilot", PILOT))

    if len(by_side) == 2:
        before, after = _flat(by_side["before"]), _flat(by_side["after"])
        common = set(before) & set(after)
        b, a = sum(before[k] for k in common), sum(after[k] for k in common)
        head = (
            f"**{_ratio(b, a)}**: the {len(common)} addons built at both commits take {_bytes(a)} after, "
            f"{_bytes(b)} before."
        )
    else:
        (only,) = by_side
        flat = _flat(by_side[only])
        head = (
            f"**{_bytes(sum(flat.values()))}** in {len(flat)} addons on {len(names)} platforms"
            f"{'.' if only == 'after' else ', ' + run.title(only) + ' alone.'}"
        )

    notes = []
    for s, d in ok.items():
        wall, log = wall_run(d, "build")
        status = d.get("exit")
        gone = [f"{p.platform} ({len(p.missing)}): {', '.join(p.missing)}" for p in by_side[s].values() if p.missing]
        notes.append(
            f"- {run.title(s)}: built in {seconds(wall)} (Bazel's \"Elapsed time\" {seconds(elapsed_s(log))}; "
            f"{processes(log) or 'no process count'}{'' if status in (0, None) else f'; exit code {status}'}); "
            + (f"missing, not built: {'; '.join(gone)}" if gone else "nothing missing")
        )
    notes += _failures(measured, run)[1:]

    return [
        head,
        "",
        f"| platform | addons built | total | median | `{pilot}` |",
        "|---|---|---|---|---|",
        *(_size_row(name, by_side, pilot) for name in names),
        _total_row(by_side),
        "",
        *notes,
        "",
        "How: at each commit, `tools/bazel query 'kind(napi_addon, //crates/...)'` lists every crate's addon for "
        "every platform it supports; a new output base builds all of them with `--config=matrix --keep_going` "
        "(every crate but the pilots is tagged `matrix`), and `cquery --output=files` names each addon's file, "
        "whose size is read from disk afterwards. An addon whose file is not there failed to build (or one of "
        "its dependencies did): it is counted as missing, per platform, never as zero bytes; the new output "
        "base holds no file of an earlier build. Sizes are of the `.node` (`.wasm` on wasm32-wasi) exactly as "
        "the platform package ships it. Totals and medians are over the addons built; ratios are after over "
        "before, and the headline compares only the addons built at both commits. Cold, this is the whole "
        "matrix, about an hour per commit on 2 cores; once the main job (`tools/build-all`) has run at both "
        "commits, it comes from the disk cache in minutes.",
    ]


# --- ci ---------------------------------------------------------------------------


def verdicts(log: str) -> tuple[int, int]:
    """Tests passed and failed in Bazel's summary, counted as .ci/run counts them."""
    text = plain(log)
    return len(_PASSED.findall(text)), len(_FAILED.findall(text))


def render_ci(data: dict[str, Any], run: Run) -> list[str]:
    measured = sides(data)
    rows, walls = [], {}
    for s, d in measured.items():
        if d.get("error"):
            continue
        wall, log = wall_run(d, "test")
        walls[s] = wall
        passed, failed = verdicts(log)
        status = d.get("exit")
        verdict = f"{passed} passed, {failed} failed" + ("" if status in (0, None) else f" (exit code {status})")
        rows.append(
            f"| {run.title(s)} | {seconds(wall)} | {seconds(elapsed_s(log))} | {processes(log) or '—'} | {verdict} |"
        )
    if not walls:
        raise BenchError("; ".join(f"{s}: {d['error']}" for s, d in measured.items()))
    head = "after" if "after" in walls else "before"
    line = f"**{walls[head] / 60:.1f} min** for CI's test command from cold"
    if head == "after" and "before" in walls:
        line += f" (before: {walls['before'] / 60:.1f} min; {_ratio(walls['before'], walls['after'])})"
    line += "." if head == "after" else f", {run.title(head)} alone."
    return [
        line,
        "",
        "| | wall time | Bazel's \"Elapsed time\" | processes | tests |",
        "|---|---|---|---|---|",
        *rows,
        *_failures(measured, run),
        "",
        "How: `.ci/run`'s command, `tools/bazel test --config=ci //...`, at each commit in a new output base "
        "with a new Bazel server and `--disk_cache=`: every action runs, Rust's std for musl, macOS and Windows "
        "built from source included. What stays is the build image and Bazel's repository cache (the crates are "
        "extracted, not downloaded again); on a new machine, building the image adds 3 to 4 minutes and the "
        "downloads come on top. No remote cache is used (`.ci/run` would write to one with "
        "`RUVIO_REMOTE_CACHE` set). Wall time around the call, Bazel's own Elapsed time and process count, and "
        "the tests' verdicts counted as `.ci/run` counts them.",
    ]
