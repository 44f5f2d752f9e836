from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ruvio_build import bench, bench_addons
from ruvio_build.bench_common import BenchError, Run

BOTH = Run("abc1234", "1e42fcf")
ALONE = Run("abc1234 (with uncommitted changes)")

# benchmarks/napi_call.js's output for two addons, as benchmarks/run records
# it (shortened paths, three rounds).
NAPI_RESULT: dict[str, Any] = {
    "node": "v24.21.0",
    "calls": 1000000,
    "rounds": 3,
    "addons": {
        "before": {
            "path": "/s/ob-pilot-before/a.node", "version": "0.1.0", "ns": [390, 380, 400], "cpu_ns": [391, 381, 399],
        },
        "after": {"path": "/s/output/a.node", "version": "0.1.0", "ns": [47.5, 46.5, 48.5], "cpu_ns": [47, 46, 48]},
    },
    "js": {"ns": [0.5, 0.4, 0.6], "cpu_ns": [0.5, 0.5, 0.5]},
}
ADDONS: dict[str, Any] = {
    "before": {"addon": "bazel-out/k8-fastbuild/bin/crates/bit-parallel-search/bit_parallel_search.linux-x64-gnu.node"},
    "after": {"addon": "bazel-out/k8-fastbuild/bin/crates/bit-parallel-search/bit_parallel_search.linux-x64-gnu.node"},
}


def _write(work: Path, section: str, data: dict[str, Any]) -> None:
    (work / f"{section}.json").write_text(json.dumps(data))


def test_call_cost_is_the_median_of_each_addons_rounds() -> None:
    c = bench_addons.call_cost(NAPI_RESULT)
    assert (c.calls, c.rounds) == (1000000, 3)
    assert c.js == bench_addons.Timing(0.5, 0.5)
    assert c.addons["after"] == bench_addons.Timing(47.5, 47.0)
    assert c.overhead("after") == bench_addons.Timing(47.0, 46.5)
    assert c.overhead("before") == bench_addons.Timing(389.5, 390.5)


@pytest.mark.parametrize(
    "bad, why",
    [
        ({"calls": 1}, "'js'"),
        ({**NAPI_RESULT, "addons": {}}, "no addon was timed"),
        ({**NAPI_RESULT, "js": {"ns": [1], "cpu_ns": [1]}}, "different lengths"),
        ({**NAPI_RESULT, "addons": {"after": {"ns": [1, 2, 3]}}}, "'cpu_ns'"),
        ({**NAPI_RESULT, "addons": {"after": "a.node"}}, "not an object"),
    ],
)
def test_call_cost_of_something_else_says_what(bad: dict[str, Any], why: str) -> None:
    with pytest.raises(BenchError, match=f"not the output of benchmarks/napi_call.js: .*{why}"):
        bench_addons.call_cost(bad)


def test_napi_before_and_after(tmp_path: Path) -> None:
    _write(tmp_path, "napi", {"sides": ADDONS, "result": NAPI_RESULT})
    text = bench.report(tmp_path, ["napi"], "d", "abc1234", "l", baseline="1e42fcf")
    assert "- commit (after): abc1234\n- baseline (before): 1e42fcf, measured beside it in the sections napi\n" in text
    subject = bench.report(tmp_path, ["napi"], "d", "abc1234", "l", baseline="1e42fcf", baseline_subject="Unoptimized")
    assert "- baseline (before): 1e42fcf (Unoptimized), measured beside it" in subject
    assert (
        "## 5. napi call overhead\n\n**47.0 ns** per call more than a JavaScript function (before: 389.5 ns); "
        "the goal, under 100 ns, is met.\n" in text
    )
    assert "| `version()`, before (`1e42fcf`) | 390.0 | 391.0 |" in text
    assert "| `version()`, after (`abc1234`) | 47.5 | 47.0 |" in text
    assert "| a JavaScript function returning the same string | 0.5 | 0.5 |" in text
    assert "| **above JavaScript, before** | **389.5** | **390.5** |" in text
    assert "| **above JavaScript, after** | **47.0** | **46.5** |" in text
    assert "addons, each from its own file (`bazel-out/k8-fastbuild/bin/crates/bit-parallel-search/" in text
    assert "linux-x64-gnu.node` in each commit's output base)" in text and "Node v24.21.0" in text
    assert "fastbuild" in text and "thin LTO" in text


def test_napi_over_the_goal_says_so() -> None:
    slow = {**NAPI_RESULT, "addons": {"after": {**NAPI_RESULT["addons"]["after"], "ns": [150, 150, 150]}}}
    lines = bench_addons.render_napi({"sides": {"after": ADDONS["after"]}, "result": slow}, ALONE)
    assert lines[0] == "**149.5 ns** per call more than a JavaScript function; the goal, under 100 ns, is not met."
    # Alone, the table reads as it did before baselines existed.
    assert "| `version()` of the addon | 150.0 | 47.0 |" in lines
    assert "| **difference** | **149.5** | **46.5** |" in lines


def test_napi_with_a_side_that_failed_to_build() -> None:
    sides = {
        "before": {"error": "building //crates/bit-parallel-search:linux-x64-gnu failed; see addon-before.log"},
        "after": ADDONS["after"],
    }
    result = {**NAPI_RESULT, "addons": {"after": NAPI_RESULT["addons"]["after"]}}
    lines = bench_addons.render_napi({"sides": sides, "result": result}, BOTH)
    assert lines[0] == "**47.0 ns** per call more than a JavaScript function; the goal, under 100 ns, is met."
    assert (
        "- before (`1e42fcf`): not measured: building //crates/bit-parallel-search:linux-x64-gnu failed; "
        "see addon-before.log" in lines
    )
    assert not any("above JavaScript, before" in line for line in lines)


def test_napi_that_did_not_time_a_built_addon_is_an_error() -> None:
    result = {**NAPI_RESULT, "addons": {"after": NAPI_RESULT["addons"]["after"]}}
    with pytest.raises(BenchError, match="benchmarks/napi_call.js did not time the before addon"):
        bench_addons.render_napi({"sides": ADDONS, "result": result}, BOTH)
    with pytest.raises(BenchError, match=r"neither side \(before, after\) was measured"):
        bench_addons.render_napi({"result": result}, BOTH)


# benchmarks/workload.js's output for two addons (three rounds).
WORKLOAD_RESULT: dict[str, Any] = {
    "node": "v24.21.0",
    "bytes": 1048576,
    "pattern": "abcab",
    "matches": 129,
    "counts": 10,
    "rounds": 3,
    "addons": {
        "before": {"path": "/s/b.node", "string": [9.0, 8.0, 10.0], "buffer": [8.5, 7.5, 9.5]},
        "after": {"path": "/s/a.node", "string": [1.1, 1.0, 1.2], "buffer": [0.7, 0.8, 0.75]},
    },
    "js": {"string": [1.3, 1.2, 2.5], "buffer": [1.5, 1.4, 1.6]},
}


def test_workload_medians_throughput_and_speed_over_javascript() -> None:
    w = bench_addons.workload(WORKLOAD_RESULT)
    assert (w.bytes, w.pattern, w.matches, w.counts, w.rounds) == (1048576, "abcab", 129, 10, 3)
    assert w.addons["after"] == bench_addons.Count(1.1, 0.75)
    assert w.js == bench_addons.Count(1.3, 1.5)
    assert w.mb_s(1.0) == pytest.approx(1048.576)
    assert w.speedup("after") == pytest.approx((1.3 / 1.1, 2.0))
    assert w.speedup("before") == pytest.approx((1.3 / 9.0, 1.5 / 8.5))


@pytest.mark.parametrize(
    "bad, why",
    [
        ({k: v for k, v in WORKLOAD_RESULT.items() if k != "bytes"}, "'bytes'"),
        ({**WORKLOAD_RESULT, "js": {"string": [1.0], "buffer": [1.0]}}, "different lengths"),
        ({**WORKLOAD_RESULT, "js": {"string": [1.0, 0.0, 1.0], "buffer": [1.0, 1.0, 1.0]}}, "took no time"),
    ],
)
def test_workload_of_something_else_says_what(bad: dict[str, Any], why: str) -> None:
    with pytest.raises(BenchError, match=f"not the output of benchmarks/workload.js: .*{why}"):
        bench_addons.workload(bad)


def test_workload_before_and_after(tmp_path: Path) -> None:
    _write(tmp_path, "workload", {"sides": ADDONS, "result": WORKLOAD_RESULT})
    text = bench.report(tmp_path, ["workload"], "d", "abc1234", "l", baseline="1e42fcf")
    assert (
        "## 6. A real workload: counting matches in 1 MiB, the addon against plain JavaScript\n\n"
        "**2.00×** plain JavaScript's speed on a Buffer, **1.18×** on a string: the addon counts 1 MiB in "
        "0.75 ms (1,398 MB/s) and 1.10 ms (953 MB/s); before: 8.50 ms and 9.00 ms.\n" in text
    )
    assert "| `count()`, before (`1e42fcf`) | 9.00 (117) | 8.50 (123) |" in text
    assert "| `count()`, after (`abc1234`) | 1.10 (953) | 0.75 (1,398) |" in text
    assert "| plain JavaScript: an `indexOf` loop | 1.30 (807) | 1.50 (699) |" in text
    assert "| **the addon's speed over plain JavaScript, before** | **0.14×** | **0.18×** |" in text
    assert "| **the addon's speed over plain JavaScript, after** | **1.18×** | **2.00×** |" in text
    assert "`abcab` occurs 129 times" in text and "3 rounds, median" in text


def test_workload_alone() -> None:
    result = {**WORKLOAD_RESULT, "addons": {"after": WORKLOAD_RESULT["addons"]["after"]}}
    lines = bench_addons.render_workload({"sides": {"after": ADDONS["after"]}, "result": result}, ALONE)
    assert lines[0].endswith("the addon counts 1 MiB in 0.75 ms (1,398 MB/s) and 1.10 ms (953 MB/s).")
    assert "| `count()` of the addon | 1.10 (953) | 0.75 (1,398) |" in lines
    assert "| **the addon's speed over plain JavaScript** | **1.18×** | **2.00×** |" in lines


# --- sizes ------------------------------------------------------------------------

TARGETS_BEFORE = """\
//crates/bit-parallel-search:linux-x64-gnu
//crates/bit-parallel-search:wasm32-wasi
//crates/ruv-fann:linux-x64-gnu
//crates/ruv-fann:wasm32-wasi
//crates/sublinear:linux-x64-gnu
"""
# The same crates after; ruv-fann's wasm32 addon fails to build.
TARGETS_AFTER = TARGETS_BEFORE + "//crates/sublinear:wasm32-wasi\n"
OUT = "bazel-out/k8-fastbuild/bin/crates"
FILES_BEFORE = (
    f"{OUT}/bit-parallel-search/bit_parallel_search.linux-x64-gnu.node\t4000000\n"
    f"{OUT}/bit-parallel-search/bit_parallel_search.wasm32-wasi.wasm\t2000000\n"
    f"{OUT}/ruv-fann/ruv_fann.linux-x64-gnu.node\t8000000\n"
    f"{OUT}/ruv-fann/ruv_fann.wasm32-wasi.wasm\t3000000\n"
    f"{OUT}/sublinear/sublinear.linux-x64-gnu.node\t\n"
)
FILES_AFTER = (
    f"{OUT}/bit-parallel-search/bit_parallel_search.linux-x64-gnu.node\t400000\n"
    f"{OUT}/bit-parallel-search/bit_parallel_search.wasm32-wasi.wasm\t1000000\n"
    f"{OUT}/ruv-fann/ruv_fann.linux-x64-gnu.node\t2000000\n"
    f"{OUT}/ruv-fann/ruv_fann.wasm32-wasi.wasm\t\n"
    f"{OUT}/sublinear/sublinear.linux-x64-gnu.node\t1000000\n"
    f"{OUT}/sublinear/sublinear.wasm32-wasi.wasm\t500000\n"
)


def test_addon_files_and_targets_are_read_per_crate_and_platform() -> None:
    query = "\x1b[32mINFO: \x1b[0mfound\n//crates/a:linux-x64-gnu\n//crates/a:node_test\n"
    assert bench_addons.read_addon_targets(query) == [("a", "linux-x64-gnu")]
    assert bench_addons.addon_of_path(f"{OUT}/ruv-fann/ruv_fann.wasm32-wasi.wasm") == ("ruv-fann", "wasm32-wasi")
    assert bench_addons.addon_of_path(f"{OUT}/ruv-fann/ruv_fann.wasm32-wasi.node") is None
    assert bench_addons.addon_of_path("bazel-out/k8/bin/packages/a/a.linux-x64-gnu.node") is None
    files = bench_addons.read_addon_files(FILES_AFTER)
    assert files[("ruv-fann", "wasm32-wasi")] is None
    assert files[("sublinear", "linux-x64-gnu")] == 1000000


@pytest.mark.parametrize(
    "line",
    [f"{OUT}/a/a.linux-x64-gnu.node 12", f"{OUT}/a/a.linux-x64-gnu.node\t12 B", f"{OUT}/a/a.node\t12"],
)
def test_a_file_list_line_that_is_not_an_addon_and_its_bytes_names_the_line(line: str) -> None:
    with pytest.raises(BenchError, match=r"sizes-after.tsv, line 2: not '<addon file>\\t<bytes>'"):
        bench_addons.read_addon_files(f"{OUT}/b/b.linux-x64-gnu.node\t1\n{line}\n", "sizes-after.tsv")


def test_addon_sizes_count_what_failed_as_missing_per_platform() -> None:
    sizes = bench_addons.addon_sizes(
        bench_addons.read_addon_targets(TARGETS_AFTER), bench_addons.read_addon_files(FILES_AFTER)
    )
    assert list(sizes) == ["linux-x64-gnu", "wasm32-wasi"]  # the platforms' order
    wasm = sizes["wasm32-wasi"]
    assert wasm.built == {"bit-parallel-search": 1000000, "sublinear": 500000}
    assert wasm.missing == ("ruv-fann",)
    assert (wasm.targets, wasm.total, wasm.median) == (3, 1500000, 750000)
    with pytest.raises(BenchError, match="cquery named no file for //crates/sublinear:wasm32-wasi"):
        bench_addons.addon_sizes([("sublinear", "wasm32-wasi")], bench_addons.read_addon_files(FILES_BEFORE))


def _sizes_side(work: Path, side: str, targets: str, files: str, status: int) -> dict[str, Any]:
    (work / f"sizes-{side}-targets.txt").write_text(targets)
    (work / f"sizes-{side}.tsv").write_text(files)
    (work / f"sizes-{side}-build.log").write_text(
        "INFO: Elapsed time: 95.2s, Critical Path: 3.1s\nINFO: 4100 processes: 1500 disk cache hit, 2600 internal.\n"
    )
    return {
        "exit": status,
        "build": {"wall_s": 98.5, "log": str(work / f"sizes-{side}-build.log")},
        "targets": str(work / f"sizes-{side}-targets.txt"),
        "files": str(work / f"sizes-{side}.tsv"),
    }


def test_sizes_before_and_after(tmp_path: Path) -> None:
    _write(tmp_path, "sizes", {
        "sides": {
            "before": _sizes_side(tmp_path, "before", TARGETS_BEFORE, FILES_BEFORE, 1),
            "after": _sizes_side(tmp_path, "after", TARGETS_AFTER, FILES_AFTER, 1),
        },
        "pilot": "bit-parallel-search",
    })
    text = bench.report(tmp_path, ["sizes"], "d", "abc1234", "l", baseline="1e42fcf")
    # Only the addons built at both commits are compared in the headline:
    # bit-parallel-search twice and ruv-fann on linux-x64-gnu.
    assert (
        "## 7. Binary sizes of every addon, per platform\n\n**0.24×**: the 3 addons built at both commits take "
        "3.24 MiB after, 13.35 MiB before.\n" in text
    )
    assert "| platform | addons built | total | median | `bit-parallel-search` |" in text
    assert (
        "| linux-x64-gnu | 2 of 3 → 3 of 3 | 11.44 MiB → 3.24 MiB (0.28×) | 5.72 MiB → 977 KiB (0.17×) | "
        "3.81 MiB → 391 KiB (0.10×) |" in text
    )
    assert (
        "| wasm32-wasi | 2 of 2 → 2 of 3 | 4.77 MiB → 1.43 MiB (0.30×) | 2.38 MiB → 732 KiB (0.30×) | "
        "1.91 MiB → 977 KiB (0.50×) |" in text
    )
    assert "| **all platforms** | **4 of 5 → 5 of 6** | **16.21 MiB → 4.67 MiB (0.29×)** |" in text
    assert (
        "- before (`1e42fcf`): built in 98.5 s (Bazel's \"Elapsed time\" 95.2 s; 4100 processes: 1500 disk cache "
        "hit, 2600 internal; exit code 1); missing, not built: linux-x64-gnu (1): sublinear" in text
    )
    assert "- after (`abc1234`): built in 98.5 s" in text and "missing, not built: wasm32-wasi (1): ruv-fann" in text
    assert "from the disk cache in minutes" in text


def test_sizes_alone_and_with_a_side_that_failed(tmp_path: Path) -> None:
    after = _sizes_side(tmp_path, "after", TARGETS_AFTER, FILES_AFTER.replace("\t\n", "\t700\n"), 0)
    lines = bench_addons.render_sizes({"sides": {"after": after}}, ALONE)
    assert lines[0] == "**4.67 MiB** in 6 addons on 2 platforms."
    assert any(line.startswith("- `abc1234`: built in 98.5 s") and line.endswith("nothing missing") for line in lines)
    failed = {"error": "sizes (before): query failed; see sizes-before-query.log"}
    lines = bench_addons.render_sizes({"sides": {"before": failed, "after": after}}, BOTH)
    assert lines[0] == "**4.67 MiB** in 6 addons on 2 platforms."
    assert "- before (`1e42fcf`): not measured: sizes (before): query failed; see sizes-before-query.log" in lines
    with pytest.raises(BenchError, match="before: sizes \\(before\\): query failed"):
        bench_addons.render_sizes({"sides": {"before": failed}}, BOTH)


# --- ci ---------------------------------------------------------------------------

CI_LOG = """\
INFO: Elapsed time: 801.3s, Critical Path: 220.4s
INFO: 930 processes: 317 internal, 613 linux-sandbox.
INFO: Build completed, 1 test FAILED, 930 total actions
//crates/bit-parallel-search:linux-x64-gnu_check                         PASSED in 0.4s
//crates/bit-parallel-search:node_test                          (cached) PASSED in 1.2s
//packages/bit-parallel-search:npm_registry_test                         FAILED in 30.1s
//tools:ruvio_build_test                                                 PASSED in 9.9s

Executed 3 out of 4 tests: 3 tests pass and 1 fails locally.
"""


def test_ci_verdicts_are_counted_as_ci_run_counts_them() -> None:
    assert bench_addons.verdicts(CI_LOG) == (3, 1)


def test_ci_before_and_after(tmp_path: Path) -> None:
    (tmp_path / "ci-before.log").write_text(CI_LOG.replace("FAILED in", "PASSED in"))
    (tmp_path / "ci-after.log").write_text(CI_LOG)
    _write(tmp_path, "ci", {"sides": {
        "before": {"exit": 0, "test": {"wall_s": 960.0, "log": str(tmp_path / "ci-before.log")}},
        "after": {"exit": 3, "test": {"wall_s": 840.0, "log": str(tmp_path / "ci-after.log")}},
    }})
    text = bench.report(tmp_path, ["ci"], "d", "abc1234", "l", baseline="1e42fcf")
    assert (
        "## 8. CI's test command from cold\n\n**14.0 min** for CI's test command from cold "
        "(before: 16.0 min; 0.88×).\n" in text
    )
    processes = "930 processes: 317 internal, 613 linux-sandbox"
    assert f"| before (`1e42fcf`) | 960.0 s | 801.3 s | {processes} | 4 passed, 0 failed |" in text
    assert f"| after (`abc1234`) | 840.0 s | 801.3 s | {processes} | 3 passed, 1 failed (exit code 3) |" in text
    assert "the build image and Bazel's repository cache" in text and "adds 3 to 4 minutes" in text


def test_ci_without_a_run_says_why() -> None:
    with pytest.raises(BenchError, match="before: no worktree"):
        bench_addons.render_ci({"sides": {"before": {"error": "no worktree"}}}, BOTH)
    with pytest.raises(BenchError, match="no wall time of the test run"):
        bench_addons.render_ci({"sides": {"after": {"exit": 0}}}, BOTH)
