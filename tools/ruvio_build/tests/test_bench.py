from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from ruvio_build import bench

# The shape of `cquery --output=graph --nograph:factored` for two crates'
# linux-x64-gnu addons: both need serde (normal dependency, target
# configuration aa11), and serde's derive macro (exec configuration ee22);
# the macro's own syn is also a normal dependency of crate b, so it is built
# in both configurations.
GRAPH = """\
digraph mygraph {
  node [shape=box];
  "//crates/a:linux-x64-gnu (bb00)"
  "//crates/a:linux-x64-gnu (bb00)" -> "//crates/a:a_napi_linux-x64-gnu (aa11)"
  "//crates/a:a_napi_linux-x64-gnu (aa11)" -> "@@_main~crates~crates__serde-1.0.0//:serde (aa11)"
  "//crates/a:a_napi_linux-x64-gnu (aa11)" -> "//crates/a:src/lib.rs (null)"
  "@@_main~crates~crates__serde-1.0.0//:serde (aa11)" -> "@@_main~crates~crates__serde_derive-1.0.0//:serde_derive (ee22)"
  "@@_main~crates~crates__serde-1.0.0//:serde (aa11)" -> "@@_main~crates~crates__serde-1.0.0//:_bs (aa11)"
  "@@_main~crates~crates__serde-1.0.0//:_bs (aa11)" -> "@@_main~crates~crates__serde-1.0.0//:_bs- (aa11)"
  "@@_main~crates~crates__serde-1.0.0//:_bs- (aa11)" -> "@@_main~crates~crates__serde-1.0.0//:_bs_ (ee22)"
  "@@_main~crates~crates__serde_derive-1.0.0//:serde_derive (ee22)" -> "@@_main~crates~crates__syn-2.0.0//:syn (ee22)"
  "//crates/b:linux-x64-gnu (bb00)" -> "//crates/b:b_napi_linux-x64-gnu (aa11)"
  "//crates/b:b_napi_linux-x64-gnu (aa11)" -> "@@_main~crates~crates//:serde (aa11)"
  "@@_main~crates~crates//:serde (aa11)" -> "@@_main~crates~crates__serde-1.0.0//:serde (aa11)"
  "//crates/b:b_napi_linux-x64-gnu (aa11)" -> "@@_main~crates~crates__syn-2.0.0//:syn (aa11)"
}
"""

KINDS = """\
\x1b[32mINFO: \x1b[0mAnalyzed 2 targets.
napi_addon rule //crates/a:linux-x64-gnu (bb00)
rust_shared_library rule //crates/a:a_napi_linux-x64-gnu (aa11)
rust_library rule @@_main~crates~crates__serde-1.0.0//:serde (aa11)
rust_proc_macro rule @@_main~crates~crates__serde_derive-1.0.0//:serde_derive (ee22)
cargo_build_script rule @@_main~crates~crates__serde-1.0.0//:_bs (aa11)
cargo_build_script_runfiles rule @@_main~crates~crates__serde-1.0.0//:_bs- (aa11)
rust_binary rule @@_main~crates~crates__serde-1.0.0//:_bs_ (ee22)
rust_library rule @@_main~crates~crates__syn-2.0.0//:syn (ee22)
rust_library rule @@_main~crates~crates__syn-2.0.0//:syn (aa11)
alias rule @@_main~crates~crates//:serde (aa11)
"""

CONFIGS = """\
Available configurations:
ee22f0000000000000000000000000000000000000000000000000000000000a k8-opt-exec-ST-d57f47055a04 (exec)
aa11f0000000000000000000000000000000000000000000000000000000000b k8-fastbuild-ST-85db2a32b328
bb00f0000000000000000000000000000000000000000000000000000000000c k8-fastbuild
"""


def test_dedup_counts_each_configured_target_once_in_the_graph_and_once_per_crate() -> None:
    graph = bench.read_graph(GRAPH)
    result = bench.dedup(
        graph, bench.read_kinds(KINDS), ["//crates/a:linux-x64-gnu", "//crates/b:linux-x64-gnu"],
        bench.exec_configs(CONFIGS),
    )
    counts = {k.kind: (k.shared, k.separate, k.shared_exec) for k in result.kinds}
    assert counts == {
        # syn twice, in exec and target configuration; only b needs the latter
        "rust_library": (3, 5, 1),
        "rust_proc_macro": (1, 2, 1),
        "rust_binary": (1, 2, 1),
        "cargo_build_script": (1, 2, 0),
    }
    # Compilations are libraries, proc macros and build script binaries; the
    # alias and the build script's run are not.
    assert (result.shared, result.separate, result.shared_exec) == (5, 9, 3)
    assert result.ratio == 1.8
    assert result.per_crate == {"//crates/a:linux-x64-gnu": 4, "//crates/b:linux-x64-gnu": 5}
    assert result.crates == 2


def test_dedup_names_a_crate_the_graph_lacks() -> None:
    with pytest.raises(bench.BenchError, match="//crates/c:linux-x64-gnu is not in the query's graph"):
        bench.dedup(bench.read_graph(GRAPH), {}, ["//crates/c:linux-x64-gnu"], set())


def test_graph_nodes_and_exec_configurations() -> None:
    assert bench.read_graph('"//a:b (null)"\n') == {"//a:b (null)": []}
    assert bench.exec_configs(CONFIGS) == {"ee22f" + "0" * 58 + "a"}


# A cold build's profile as Bazel 7 writes it (categories and markers as in a
# real one): the server's launch before time 0, three actions on two job
# threads, each with an event nested in it that must not count, and events of
# analysis before the first action.
PROFILE = {
    "otherData": {"bazel_version": "7"},
    "traceEvents": [
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 7, "args": {"name": "skyframe-evaluator-0"}},
        {"cat": "build phase marker", "name": "Launch Blaze", "ph": "X", "ts": -3_000_000, "dur": 3_000_000, "pid": 1, "tid": 1},
        {"cat": "build phase marker", "name": "Initialize command", "ph": "i", "ts": 0, "pid": 1, "tid": 1},
        {"cat": "package creation", "name": "crates/a", "ph": "X", "ts": 100_000, "dur": 900_000, "pid": 1, "tid": 7},
        {"cat": "action processing", "name": "Compiling Rust rlib serde", "ph": "X", "ts": 2_000_000, "dur": 4_000_000,
         "pid": 1, "tid": 7, "args": {"mnemonic": "Rustc"}},
        {"cat": "general information", "name": "Action.execute", "ph": "X", "ts": 2_100_000, "dur": 3_800_000, "pid": 1, "tid": 7},
        {"cat": "action processing", "name": "Compiling Rust rlib syn", "ph": "X", "ts": 3_000_000, "dur": 2_000_000,
         "pid": 1, "tid": 8, "args": {"mnemonic": "Rustc"}},
        {"cat": "complete action execution", "name": "actuallyCompleteAction", "ph": "X", "ts": 4_990_000, "dur": 10_000,
         "pid": 1, "tid": 8},
        {"cat": "action processing", "name": "Naming a.node", "ph": "X", "ts": 6_000_000, "dur": 1_000_000, "pid": 1, "tid": 8},
        {"name": "action count", "ph": "C", "ts": 6_500_000, "pid": 1, "args": {"action": 1}},
        {"cat": "build phase marker", "name": "Complete build", "ph": "i", "ts": 7_500_000, "pid": 1, "tid": 1},
        {"cat": "general information", "name": "Finishing", "ph": "X", "ts": 7_500_000, "dur": 500_000, "pid": 1, "tid": 1},
    ],
}


def test_efficiency_from_the_actions_own_events(tmp_path: Path) -> None:
    path = tmp_path / "profile.json.gz"
    path.write_bytes(gzip.compress(json.dumps(PROFILE).encode()))
    from ruvio_build import matrix

    e = bench.efficiency(matrix.read_trace(path), cores=2)
    assert (e.actions, e.peak) == (3, 2)
    assert e.busy_s == pytest.approx(7.0)
    assert e.actions_s == pytest.approx(5.0)  # 2 s to 7 s
    assert e.command_s == pytest.approx(8.0)  # from "Initialize command", not the launch
    assert e.of_actions == pytest.approx(0.7)
    assert e.of_command == pytest.approx(7.0 / 16)


def test_efficiency_without_actions_says_so() -> None:
    with pytest.raises(bench.BenchError, match="no actions"):
        bench.efficiency(PROFILE["traceEvents"][:4], cores=2)  # type: ignore[arg-type]
    with pytest.raises(bench.BenchError, match="cores"):
        bench.efficiency(PROFILE["traceEvents"], cores=0)  # type: ignore[arg-type]


def test_bazel_log_lines() -> None:
    log = (
        "\x1b[32mINFO: \x1b[0mElapsed time: 574.119s, Critical Path: 80.12s\n"
        "\x1b[32mINFO: \x1b[0m464 processes: 130 remote cache hit, 334 linux-sandbox.\n"
        "\x1b[32mINFO: \x1b[0mBuild completed successfully, 464 total actions\n"
    )
    assert bench.elapsed_s(log) == 574.119
    assert bench.processes(log) == "464 processes: 130 remote cache hit, 334 linux-sandbox"
    assert bench.elapsed_s("no such line") is None
    assert bench.processes("INFO: 1 process: 1 internal.\n") == "1 process: 1 internal"


def _measured(work: Path) -> None:
    (work / "a.log").write_text("INFO: Elapsed time: 100.5s, Critical Path: 0.00s\n")
    (work / "b.log").write_text("INFO: Elapsed time: 0.4s, Critical Path: 0.00s\n")
    (work / "analysis.json").write_text(json.dumps({
        "targets": "//packages/...",
        "cold": {"wall_s": 110.25, "log": str(work / "a.log")},
        "warm": {"wall_s": 1.5, "log": str(work / "b.log")},
    }))
    (work / "napi.json").write_text(json.dumps({"error": "benchmarks/napi_call.js failed; see napi.log"}))
    (work / "gen.log").write_text("266 generated files match the catalog\n")
    (work / "generate.json").write_text(json.dumps({
        "generate_s": [2.0, 1.5, 1.75], "inprocess": {"runs_s": [0.25, 0.5, 0.125], "output": "ok"},
        "tree_unchanged": True, "log": str(work / "gen.log"),
    }))


def test_report_shows_each_measured_section_and_why_one_is_missing(tmp_path: Path) -> None:
    _measured(tmp_path)
    text = bench.report(tmp_path, ["analysis", "napi", "generate"], "Wed Dec  2 00:00:00 UTC 2026", "abc1234", "1.00 0.50 0.25")
    assert "- date: Wed Dec  2 00:00:00 UTC 2026" in text
    assert "- commit: abc1234" in text
    assert "## 1. Analysis of the whole graph" in text
    assert "| cold | 110.2 s | 100.5 s |" in text
    assert "| warm | 1.5 s | 0.4 s |" in text
    assert "repository cache is shared" in text
    # Sections keep their numbers when others are left out.
    assert "## 5. napi call overhead\n\nNot measured: benchmarks/napi_call.js failed; see napi.log" in text
    assert "## 9. Generator, whole catalog\n\n**1.8 s** for the whole catalog (266 generated files); the generator's own work 250 ms of it." in text
    # A section left out keeps its place and says so.
    assert "## 2. Third-party compilations" in text
    assert "Not measured in this run (`--only` left it out)." in text


def test_report_of_a_section_that_left_no_file(tmp_path: Path) -> None:
    text = bench.report(tmp_path, ["dedup"], "d", "c", "l")
    assert f"Not measured: cannot read {tmp_path / 'dedup.json'}" in text


def test_unknown_section_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = bench.main(["report", "--work", str(tmp_path), "--sections", "analysis,speed", "--date", "d"])
    assert code == 2
    known = "analysis, dedup, remote-cache, efficiency, napi, workload, sizes, ci, generate"
    assert f"unknown section 'speed' (known: {known})" in capsys.readouterr().err


def test_write_puts_exactly_the_printed_text_in_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _measured(tmp_path)
    out = tmp_path / "benchmarks" / "RESULTS.md"
    assert bench.main(["report", "--work", str(tmp_path), "--sections", "analysis", "--date", "d", "--write", str(out)]) == 0
    assert out.read_text() == capsys.readouterr().out


def test_time_generate_renders_the_catalog_without_writing(workspace: Path) -> None:
    times, said = bench.time_generate(workspace, runs=2)
    assert len(times) == 2 and all(t > 0 for t in times)
    # Nothing generated yet: every file is stale, and none was written.
    assert "generated files differ from the catalog" in said
    assert sorted(p.name for p in workspace.iterdir()) == ["MODULE.bazel", "crates"]
    with pytest.raises(bench.BenchError, match="runs"):
        bench.time_generate(workspace, runs=0)
