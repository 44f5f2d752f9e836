"""The figures of benchmarks/run: what the shared build graph buys.

benchmarks/run runs the commands (Bazel, Node, the generator) and leaves, per
section, a JSON file of raw measurements in its work directory: wall times,
and the paths of Bazel's logs, query outputs and profile. `python -m
ruvio_build.bench report` derives the figures from them (ratios, counts,
efficiency), prints them as Markdown and, with --write, writes that to
benchmarks/RESULTS.md. Every figure says how it was measured, next to it.
The sections about the addons themselves, which can compare a baseline
commit with the checkout, are in bench_addons.

No test asserts a figure: they depend on the machine and on what else it was
doing, and a threshold would only be moved until it passed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruvio_build import bench_addons, cli, generate, matrix
from ruvio_build.bench_common import BenchError, Run, elapsed_s, plain, processes, read_text, seconds, wall_run

# In the order benchmarks/run measures them; the names are what --only takes.
SECTIONS = ("analysis", "dedup", "remote-cache", "efficiency", "napi", "workload", "sizes", "ci", "generate")
# Those that measure a baseline commit beside the checkout (--baseline).
COMPARED = ("napi", "workload", "sizes", "ci")

# Where crate_universe puts each third-party crate of the default workspace:
# its own repository, `crates__<name>-<version>` (with the module's prefix,
# `@@_main~crates~`). A named group's (`crates_<group>__...`) do not match:
# the dedup measures the default workspace, which benchmarks/run queries alone.
THIRD_PARTY = re.compile(r"^@@[^/]*\bcrates__[^/]+//")
# The third-party targets that are compilations (one rustc each), and what
# they are called in the results.
COMPILATIONS = {
    "rust_library": "libraries",
    "rust_proc_macro": "proc macros",
    "rust_binary": "build script binaries",
}
# Running a build script is an action too, but not a compilation.
BUILD_SCRIPT_RUN = "cargo_build_script"
KINDS = (*COMPILATIONS, BUILD_SCRIPT_RUN)

_GRAPH_EDGE = re.compile(r'^\s*"([^"]+)"\s*->\s*"([^"]+)"\s*$')
_GRAPH_NODE = re.compile(r'^\s*"([^"]+)"\s*$')
_LABEL_KIND = re.compile(r"^(\S+) rule (\S+) \(([0-9a-f]+|null)\)$")
_CONFIG = re.compile(r"^([0-9a-f]{16,})\s+(\S+)(\s+\(exec\))?\s*$")


# --- Bazel's outputs ------------------------------------------------------------

# Re-exported: the report's callers and tests know them as bench's.
__all__ = ["BenchError", "elapsed_s", "processes"]


def read_graph(text: str) -> dict[str, list[str]]:
    """The edges of `cquery --output=graph --nograph:factored`, by node
    ("<label> (<configuration>)")."""
    graph: dict[str, list[str]] = {}
    for line in text.splitlines():
        edge = _GRAPH_EDGE.match(line)
        if edge:
            graph.setdefault(edge.group(1), []).append(edge.group(2))
            graph.setdefault(edge.group(2), [])
            continue
        node = _GRAPH_NODE.match(line)
        if node:
            graph.setdefault(node.group(1), [])
    return graph


def read_kinds(text: str) -> dict[str, str]:
    """Rule kind by graph node, from `cquery --output=label_kind`."""
    kinds = {}
    for line in plain(text).splitlines():
        match = _LABEL_KIND.match(line.strip())
        if match:
            kinds[f"{match.group(2)} ({match.group(3)})"] = match.group(1)
    return kinds


def exec_configs(text: str) -> set[str]:
    """Checksums of the exec configurations, from `bazel config`."""
    return {m.group(1) for line in plain(text).splitlines() if (m := _CONFIG.match(line.strip())) and m.group(3)}


def _config_of(node: str) -> str:
    return node.rsplit(" (", 1)[1].rstrip(")") if " (" in node else ""


def _label_of(node: str) -> str:
    return node.rsplit(" (", 1)[0]


# --- 2. dedup -------------------------------------------------------------------


@dataclass(frozen=True)
class KindCount:
    kind: str
    shared: int  # distinct configured targets in the union of all closures
    separate: int  # the sum over crates of each crate's own closure
    shared_exec: int  # of `shared`, those in an exec configuration


@dataclass(frozen=True)
class Dedup:
    crates: int
    kinds: tuple[KindCount, ...]
    per_crate: dict[str, int]  # compilations in each crate's own closure

    def _compilations(self, field: Callable[[KindCount], int]) -> int:
        return sum(field(k) for k in self.kinds if k.kind in COMPILATIONS)

    @property
    def shared(self) -> int:
        return self._compilations(lambda k: k.shared)

    @property
    def separate(self) -> int:
        return self._compilations(lambda k: k.separate)

    @property
    def shared_exec(self) -> int:
        return self._compilations(lambda k: k.shared_exec)

    @property
    def ratio(self) -> float:
        return self.separate / self.shared if self.shared else 0.0


def _closure(graph: dict[str, list[str]], root: str) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        for dep in graph.get(stack.pop(), ()):
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return seen


def dedup(graph: dict[str, list[str]], kinds: dict[str, str], roots: Iterable[str], exec_hashes: set[str]) -> Dedup:
    """Third-party targets each root (a crate's addon) needs, alone and all
    together. A target is counted once per configuration it is built in: a
    crate that is both a normal dependency and a proc macro's is compiled
    twice, and so it counts twice."""
    by_label: dict[str, list[str]] = {}
    for node in graph:
        by_label.setdefault(_label_of(node), []).append(node)
    counted = {n: k for n, k in kinds.items() if k in KINDS and THIRD_PARTY.match(n)}
    shared: dict[str, set[str]] = {k: set() for k in KINDS}
    separate = dict.fromkeys(KINDS, 0)
    per_crate = {}
    for root in roots:
        if root not in by_label:
            raise BenchError(f"{root} is not in the query's graph")
        mine = set().union(*(_closure(graph, node) for node in by_label[root]))
        own = {n: counted[n] for n in mine if n in counted}
        for node, kind in own.items():
            shared[kind].add(node)
            separate[kind] += 1
        per_crate[root] = sum(1 for kind in own.values() if kind in COMPILATIONS)

    def is_exec(node: str) -> bool:
        short = _config_of(node)
        return bool(short) and any(h.startswith(short) for h in exec_hashes)

    return Dedup(
        crates=len(per_crate),
        kinds=tuple(KindCount(k, len(shared[k]), separate[k], sum(1 for n in shared[k] if is_exec(n))) for k in KINDS),
        per_crate=per_crate,
    )


# --- 4. parallel efficiency -----------------------------------------------------


@dataclass(frozen=True)
class Efficiency:
    cores: int
    actions: int
    busy_s: float  # the actions' durations, summed
    actions_s: float  # from the first action's start to the last one's end
    command_s: float  # from the command's start to the profile's last event
    peak: int  # the most actions running at once

    @property
    def of_actions(self) -> float:
        return self.busy_s / (self.cores * self.actions_s) if self.actions_s else 0.0

    @property
    def of_command(self) -> float:
        return self.busy_s / (self.cores * self.command_s) if self.command_s else 0.0


def _span(event: dict[str, Any]) -> tuple[float, float] | None:
    ts, dur = event.get("ts"), event.get("dur", 0)
    if not isinstance(ts, (int, float)) or not isinstance(dur, (int, float)):
        return None
    return float(ts), float(ts + dur)


def efficiency(trace: list[object], cores: int) -> Efficiency:
    """How busy the action slots were: the summed durations of the actions'
    own events (Bazel's "action processing"; the events nested in them would
    count the same time twice) over cores times the time they ran in."""
    if cores < 1:
        raise BenchError(f"cores must be at least 1, not {cores}")
    events = [e for e in trace if isinstance(e, dict)]
    actions = [s for e in events if e.get("ph") == "X" and e.get("cat") == matrix.ACTION and (s := _span(e))]
    if not actions:
        raise BenchError("the profile holds no actions (a build served entirely from a cache, or no build)")
    spans = [s for e in events if (s := _span(e))]
    # Bazel's time origin is the command's start ("Initialize command"); the
    # server's launch, when there was one, is before it, at negative times.
    start = next(
        (float(e["ts"]) for e in events if e.get("name") == "Initialize command" and isinstance(e.get("ts"), (int, float))),
        min(s for s, _ in spans),
    )
    running = peak = 0
    for _, step in sorted([(s, 1) for s, _ in actions] + [(end, -1) for _, end in actions]):
        running += step
        peak = max(peak, running)
    return Efficiency(
        cores=cores,
        actions=len(actions),
        busy_s=sum(end - s for s, end in actions) / 1e6,
        actions_s=(max(end for _, end in actions) - min(s for s, _ in actions)) / 1e6,
        command_s=(max(end for _, end in spans) - start) / 1e6,
        peak=peak,
    )


# --- 9. generate ----------------------------------------------------------------


def time_generate(root: Path, runs: int) -> tuple[list[float], str]:
    """Seconds per run of `ruvio generate --check` inside this process: the
    generator's own work (load the catalog, render every file, compare), without
    entering the build image or starting Python. Also what it printed last."""
    if runs < 1:
        raise BenchError(f"runs must be at least 1, not {runs}")
    times, said = [], ""
    for _ in range(runs):
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = cli.main(["--root", str(root), "generate", "--check"])
        times.append(time.perf_counter() - start)
        said = out.getvalue().strip()
        # Stale files (1) were rendered all the same; anything else was not.
        if code not in (0, 1):
            raise BenchError(f"ruvio generate --check failed: {said}")
    return times, said


# --- machine --------------------------------------------------------------------


def _proc(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def machine() -> dict[str, str]:
    """What the figures were measured on, as nproc, free, uname and
    /proc/cpuinfo would say."""
    cpu = re.search(r"^model name\s*:\s*(.+)$", _proc("/proc/cpuinfo"), re.MULTILINE)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", _proc("/proc/meminfo"), re.MULTILINE)
    return {
        "cores": str(len(os.sched_getaffinity(0))),
        "ram": f"{int(mem.group(1)) / 2**20:.1f} GiB" if mem else "unknown",
        "kernel": f"{os.uname().sysname} {os.uname().release}",
        "cpu": cpu.group(1).strip() if cpu else "unknown",
    }


# --- the report -----------------------------------------------------------------


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise BenchError(f"cannot read {path}: {e.strerror or e}") from e
    except ValueError as e:
        raise BenchError(f"{path} is not JSON: {e}") from e
    if not isinstance(data, dict):
        raise BenchError(f"{path} is not a JSON object")
    return data


def _analysis(data: dict[str, Any], run: Run) -> list[str]:
    cold, cold_log = wall_run(data, "cold")
    warm, warm_log = wall_run(data, "warm")
    return [
        "| | wall time | Bazel's \"Elapsed time\" |",
        "|---|---|---|",
        f"| cold | {seconds(cold)} | {seconds(elapsed_s(cold_log))} |",
        f"| warm | {seconds(warm)} | {seconds(elapsed_s(warm_log))} |",
        "",
        f"How: `tools/bazel --output_base=<fresh> build --nobuild {data.get('targets', '//packages/...')}`, "
        "timed around the call, then the same command again on the same server. Cold is a new output base "
        "and a new Bazel server: module resolution, every external repository set up again, all packages "
        "loaded and every target analysed for every platform. The repository cache is shared with the "
        "machine's other output bases, so no crate was downloaded again, only extracted; this is the "
        "cold time of a machine that has fetched once, not of a fresh one. Warm is Skyframe's cache "
        "answering: nothing changed in between.",
    ]


def _dedup(data: dict[str, Any], run: Run) -> list[str]:
    roots = data.get("roots")
    if not isinstance(roots, list) or not roots:
        raise BenchError("no crates were queried")
    result = dedup(
        read_graph(read_text(data.get("graph"))),
        read_kinds(read_text(data.get("kinds"))),
        [str(r) for r in roots],
        exec_configs(read_text(data.get("configs"))),
    )

    def row(k: KindCount, name: str) -> str:
        ratio = f"{k.separate / k.shared:.2f}×" if k.shared else "—"
        return f"| {name} | {k.shared} | {k.separate} | {ratio} |"

    lines = [
        f"**{result.ratio:.2f}×**: building each of the {result.crates} crates supported on "
        f"{data.get('platform', 'linux-x64-gnu')} in its own sandbox would run {result.separate} third-party "
        f"compilations; the shared graph runs {result.shared} ({result.shared_exec} of them in the exec "
        "configuration).",
        "",
        "| third-party targets | shared graph | sum of per-crate closures | ratio |",
        "|---|---|---|---|",
        *(row(k, f"{COMPILATIONS[k.kind]} (`{k.kind}`)") for k in result.kinds if k.kind in COMPILATIONS),
        f"| **compilations** | **{result.shared}** | **{result.separate}** | **{result.ratio:.2f}×** |",
        *(row(k, f"build script runs (`{k.kind}`, not a compilation)") for k in result.kinds if k.kind == BUILD_SCRIPT_RUN),
    ]
    sizes = sorted(result.per_crate.values())
    lines += [
        "",
        f"Per crate, its own closure holds {sizes[0]} to {sizes[-1]} compilations (median "
        f"{statistics.median(sizes):g}).",
        "",
        "How: one `tools/bazel cquery --output=graph --nograph:factored --noimplicit_deps "
        "'deps(set(//crates/<crate>:linux-x64-gnu ...))'` over every crate whose binding lists the platform "
        "(its `napi_addon` for it exists), and one `--output=label_kind` of the same expression for the rule "
        "kinds; each crate's closure is then followed in that graph. Only the default workspace's crates "
        "are queried: a named group's (crates/groups) resolve in a world of their own. Third-party targets "
        "are those in crate_universe's repositories (`@crates__<name>-<version>`, which the aliases "
        "`@crates//:<name>` point at). cquery resolves `select()`s for the platform, so dependencies of other platforms "
        "(windows-sys on Linux) are not counted, which plain `query` would. Proc macros, build script "
        "binaries and everything they depend on are built in the exec configuration; a target is counted "
        "once per configuration it is built in, as Bazel builds it, so a crate that is a normal dependency "
        "and also a proc macro's counts twice. Implicit dependencies (toolchains, Rust's std) are left out.",
    ]
    return lines


def _remote_cache(data: dict[str, Any], run: Run) -> list[str]:
    cold, cold_log = wall_run(data, "cold")
    cached, cached_log = wall_run(data, "cached")
    targets = data.get("targets", [])
    return [
        f"**{cold / cached:.1f}×**: cold build {seconds(cold)}, rebuild from the remote cache {seconds(cached)}.",
        "",
        "| | wall time | Bazel's \"Elapsed time\" | processes |",
        "|---|---|---|---|",
        f"| A: cold, writes the cache | {seconds(cold)} | {seconds(elapsed_s(cold_log))} | {processes(cold_log) or '—'} |",
        f"| B: fresh output base, reads it | {seconds(cached)} | {seconds(elapsed_s(cached_log))} | {processes(cached_log) or '—'} |",
        "",
        f"How: the pilot's addons for all {len(targets)} platforms ({', '.join(f'`{t}`' for t in targets)}). "
        "bazel-remote (`tools/remote-cache`) starts with empty storage on loopback; output base A builds "
        "with `--config=remote-cache-write --disk_cache=`, output base B, new, with `--config=remote-cache "
        "--disk_cache=`, which downloads every output. Both are fresh output bases with a new server, so "
        "both wall times include starting Bazel, setting up the external repositories from the shared "
        "repository cache and analysis; A's also includes uploading. The ratio is A's wall time over B's.",
    ]


def _efficiency(data: dict[str, Any], run: Run) -> list[str]:
    try:
        trace = matrix.read_trace(Path(str(data.get("profile"))))
    except matrix.MatrixError as err:
        raise BenchError(str(err)) from err
    e = efficiency(trace, int(data.get("cores", 0)))
    return [
        f"**{e.of_actions:.0%}** of {e.cores} cores while actions ran ({e.of_command:.0%} of the whole command).",
        "",
        f"- {e.actions} actions, {seconds(e.busy_s)} of action time in all; at most {e.peak} at once",
        f"- actions ran for {seconds(e.actions_s)} (first start to last end); the command took {seconds(e.command_s)}",
        "",
        "How: the JSON trace profile (`--profile=FILE.json.gz`) of the cold build A above. Efficiency is the "
        "sum of the durations of the actions' own events (complete events, `\"ph\": \"X\"`, of category "
        "`action processing`; the events nested in them would count the same time twice) over cores × the "
        "time from the first action's start to the last one's end; the figure in brackets uses the whole "
        "command instead (from Bazel's command start, after the server's launch, to the last event), which "
        "adds analysis and the repository set-up before the first action. An action counts as busy for "
        "its whole duration, sandbox set-up included, and as one core even when rustc or the linker uses "
        "more.",
    ]


def _generate(data: dict[str, Any], run: Run) -> list[str]:
    runs = [float(x) for x in data.get("generate_s", [])]
    inner = data.get("inprocess")
    own = [float(x) for x in inner.get("runs_s", [])] if isinstance(inner, dict) else []
    if not runs or not own:
        raise BenchError("no generator runs")
    files = re.search(r"(\d+) generated files match", read_text(data.get("log", "")))
    clean = "unchanged" if data.get("tree_unchanged") else "CHANGED (see `git status`)"
    return [
        f"**{seconds(statistics.median(runs))}** for the whole catalog "
        f"({files.group(1) if files else '?'} generated files); the generator's own work "
        f"{statistics.median(own) * 1000:.0f} ms of it.",
        "",
        f"How: `tools/ruvio generate --check`, wall time, median of {len(runs)} runs. It loads "
        "crates/catalog.toml, renders every generated file in memory and compares each with the tree, "
        f"writing nothing (the working tree was {clean} afterwards). The generator's own work is the same "
        f"command timed inside one Python process in the build image, median of {len(own)} runs "
        "(`python -m ruvio_build.bench time-generate`); the rest of the wall time is entering the image "
        "and starting Python.",
    ]


RENDER: dict[str, tuple[str, Callable[[dict[str, Any], Run], list[str]]]] = {
    "analysis": ("Analysis of the whole graph, cold and warm", _analysis),
    "dedup": ("Third-party compilations: one graph versus a sandbox per crate", _dedup),
    "remote-cache": ("Cold build versus a rebuild from the remote cache (the pilot, 7 platforms)", _remote_cache),
    "efficiency": ("Parallel efficiency of the cold build", _efficiency),
    "napi": ("napi call overhead", bench_addons.render_napi),
    "workload": (
        "A real workload: counting matches in 1 MiB, the addon against plain JavaScript",
        bench_addons.render_workload,
    ),
    "sizes": ("Binary sizes of every addon, per platform", bench_addons.render_sizes),
    "ci": ("CI's test command from cold", bench_addons.render_ci),
    "generate": ("Generator, whole catalog", _generate),
}


def report(
    work: Path,
    sections: list[str],
    date: str,
    commit: str,
    load: str,
    baseline: str | None = None,
    baseline_subject: str = "",
) -> str:
    """RESULTS.md for the sections measured into `work` (their JSON files);
    a section whose measurement failed says why instead of a figure. With a
    baseline, the sections in COMPARED show it ("before") beside the
    checkout ("after")."""
    unknown = [s for s in sections if s not in RENDER]
    if unknown:
        raise BenchError(f"unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})")
    m = machine()
    out = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run --write`, every figure from the same run; what each one means is in "
        "[README.md](README.md). No test asserts them.",
        "",
        f"- date: {date}",
        *(
            [f"- commit: {commit}"]
            if not baseline
            else [
                f"- commit (after): {commit}",
                f"- baseline (before): {baseline}{f' ({baseline_subject})' if baseline_subject else ''}, "
                "measured beside it in the sections "
                f"{', '.join(s for s in COMPARED if s in sections) or '(none in this run)'}",
            ]
        ),
        f"- machine: {m['cores']} cores (nproc), {m['ram']} RAM, {m['kernel']}, {m['cpu']}",
        f"- load average when the run started: {load}",
        "",
    ]
    run = Run(commit, baseline or None)
    for number, name in enumerate(SECTIONS, 1):
        title, render = RENDER[name]
        out.append(f"## {number}. {title}")
        out.append("")
        # Every section keeps its place, so a partial run says what it left
        # out instead of looking complete.
        if name not in sections:
            out += ["Not measured in this run (`--only` left it out).", ""]
            continue
        path = work / f"{name}.json"
        try:
            data = _load(path)
            if data.get("error"):
                raise BenchError(str(data["error"]))
            out += render(data, run)
        except BenchError as e:
            out.append(f"Not measured: {e}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m ruvio_build.bench", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("report", help="the figures of a benchmarks/run work directory, as Markdown")
    r.add_argument("--work", required=True, type=Path, help="the directory holding <section>.json")
    r.add_argument("--sections", required=True, help="comma-separated, of: " + ", ".join(SECTIONS))
    r.add_argument("--date", required=True, help="when the run started (date -u)")
    r.add_argument("--commit", default="unknown")
    r.add_argument("--load", default="unknown", help="the load average when the run started")
    r.add_argument("--baseline", help="the commit measured as \"before\" (benchmarks/run --baseline)")
    r.add_argument("--baseline-subject", default="", help="the first line of that commit's message")
    r.add_argument("--write", type=Path, help="also write the Markdown here")
    g = sub.add_parser("time-generate", help="time `ruvio generate --check` inside this process, as JSON")
    g.add_argument("--root", required=True, type=Path, help="the workspace")
    g.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    try:
        if args.command == "time-generate":
            times, said = time_generate(args.root, args.runs)
            print(json.dumps({"runs_s": times, "output": said}))
            return 0
        text = report(
            args.work,
            [s for s in args.sections.split(",") if s],
            args.date,
            args.commit,
            args.load,
            args.baseline,
            args.baseline_subject,
        )
    except BenchError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(text, end="")
    if args.write:
        generate.write_atomic(args.write, text)
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
