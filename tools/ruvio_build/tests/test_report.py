from __future__ import annotations

import json

from pathlib import Path

import pytest

from ruvio_build import report
from ruvio_build.catalog import Catalog
from ruvio_build.platforms import BY_NAME, PLATFORMS

from .conftest import make_crate


def _built(crate: str, platform: str) -> dict[str, object]:
    return {"id": {"targetCompleted": {"label": f"//crates/{crate}:{platform}"}}, "completed": {"success": True}}


def _summary(label: str, status: str) -> dict[str, object]:
    return {"id": {"testSummary": {"label": label}}, "testSummary": {"overallStatus": status}}


def test_cells_from_build_events(tmp_path: Path) -> None:
    stderr = tmp_path / "stderr"
    stderr.write_text("warning: unused\nerror[E0425]: cannot find value `x` in this scope\n  --> src/lib.rs:3:5\n")
    action_id = {"actionCompleted": {"primaryOutput": "out", "label": "//crates/b:b_napi_linux-x64-gnu"}}
    events = [
        {"id": {"targetCompleted": {"label": "//crates/a:linux-x64-gnu"}}, "completed": {"success": True}},
        {"id": action_id, "action": {"success": False, "label": "//crates/b:b_napi_linux-x64-gnu",
                                     "stderr": {"uri": f"file://{stderr}"}}},
        {"id": {"targetCompleted": {"label": "//crates/b:linux-x64-gnu"}}, "completed": {},
         "children": [action_id]},
    ]
    catalog = Catalog(
        (
            make_crate("a", unsupported={"darwin-x64": "no SDK"}),
            make_crate("b"),
            make_crate("c", reason="no binding written yet"),
        )
    )
    cells = {(c.crate, c.platform): c for c in report.cells(catalog, events)}
    assert cells[("a", "linux-x64-gnu")].status == "built"
    assert cells[("a", "darwin-x64")] == report.Cell("a", "darwin-x64", "unsupported", "no SDK")
    assert cells[("a", "linux-arm64-gnu")].status == "not built"
    failed = cells[("b", "linux-x64-gnu")]
    assert failed.status == "failed"
    assert failed.detail.startswith("error[E0425]: cannot find value `x`")
    assert "(in //crates/b:b_napi_linux-x64-gnu)" in failed.detail
    assert cells[("c", "wasm32-wasi")].status == "unsupported"
    table = report.to_table(list(cells.values()))
    assert (
        "  linux-x64-gnu                  0    0                0"
        "           1           1           0           1"
    ) in table
    assert (
        "  all                            0    0                0"
        "           1           1          11           8"
    ) in table
    assert "  b linux-x64-gnu: error[E0425]" in table
    assert "1 crates on every platform: no binding written yet (c)" in table


def test_tests_verify_binaries() -> None:
    events = [
        {"id": {"targetCompleted": {"label": "//crates/a:linux-x64-gnu"}}, "completed": {"success": True}},
        {"id": {"targetCompleted": {"label": "//crates/a:linux-arm64-gnu"}}, "completed": {"success": True}},
        {"id": {"targetCompleted": {"label": "//crates/a:darwin-x64"}}, "completed": {"success": True}},
        {"id": {"testSummary": {"label": "//crates/a:node_test"}}, "testSummary": {"overallStatus": "PASSED"}},
        {"id": {"testSummary": {"label": "//crates/a:linux-x64-gnu_check"}}, "testSummary": {"overallStatus": "PASSED"}},
        {"id": {"testSummary": {"label": "//crates/a:node_arm64_test"}}, "testSummary": {"overallStatus": "FAILED"}},
        {"id": {"targetCompleted": {"label": "//crates/a:wasm32-wasi"}}, "completed": {"success": True}},
        {"id": {"testSummary": {"label": "//packages/a:wasm_test"}}, "testSummary": {"overallStatus": "PASSED"}},
    ]
    catalog = Catalog((make_crate("a"),))
    cells = {c.platform: c for c in report.cells(catalog, events)}
    assert cells["linux-x64-gnu"] == report.Cell(
        "a", "linux-x64-gnu", "verified", "node_test, linux-x64-gnu_check", "node"
    )
    assert cells["linux-arm64-gnu"].status == "failed"
    assert "node_arm64_test" in cells["linux-arm64-gnu"].detail
    assert cells["darwin-x64"].status == "built"
    assert cells["wasm32-wasi"] == report.Cell("a", "wasm32-wasi", "verified", "wasm_test", "wasi")
    counts = report.per_platform(list(cells.values()))
    assert counts["linux-x64-gnu"]["verified"] == 1
    assert counts["wasm32-wasi"]["verified"] == 1


@pytest.mark.parametrize(
    "name, platform, kind",
    [
        ("node_test", "linux-x64-gnu", "node"),
        ("loader_test", "linux-x64-gnu", "node"),
        ("node_arm64_test", "linux-arm64-gnu", "qemu"),
        ("node_win32_test", "win32-x64-msvc", "wine"),
        ("loader_win32_test", "win32-x64-msvc", "wine"),
        ("wasm_test", "wasm32-wasi", "wasi"),
        *[(f"{p.name}_check", p.name, "structural") for p in PLATFORMS],
    ],
)
def test_each_test_verifies_one_platform_in_one_way(name: str, platform: str, kind: str) -> None:
    assert report.verifies(name) == (platform, kind)
    events = [_built("a", platform), _summary(f"//crates/a:{name}", "PASSED")]
    cell = {c.platform: c for c in report.cells(Catalog((make_crate("a"),)), events)}[platform]
    assert cell == report.Cell("a", platform, "verified", name, kind)


@pytest.mark.parametrize("name", ["optimized_test", "npm_lint_test", "node_test_check", "freebsd-x64_check", "check"])
def test_other_tests_verify_no_binary(name: str) -> None:
    assert report.verifies(name) is None
    events = [_built("a", "linux-x64-gnu"), _summary(f"//crates/a:{name}", "PASSED")]
    cell = {c.platform: c for c in report.cells(Catalog((make_crate("a"),)), events)}["linux-x64-gnu"]
    assert (cell.status, cell.how) == ("built", "")


def test_every_kind_is_explained_and_every_test_names_a_platform() -> None:
    assert list(report.KIND_MEANING) == list(report.KINDS)
    # Strongest first: every run before the structural check.
    assert report.KINDS[-1] == report.STRUCTURAL
    tests = ("node_test", "loader_test", "node_arm64_test", "node_win32_test", "loader_win32_test", "wasm_test")
    programs = ("run_test", "run_musl_test", "run_arm64_test", "run_win32_test", "run_wasm_test")
    for name in tests + programs:
        verified = report.verifies(name)
        assert verified is not None and verified[0] in BY_NAME and verified[1] in report.KINDS[:-1], name
    for kind, meaning in report.KIND_MEANING.items():
        assert meaning.startswith("structural only" if kind == "structural" else "run: "), kind


def test_a_run_in_node_wins_over_a_structural_check_in_either_order() -> None:
    for tests in (["win32-x64-msvc_check", "node_win32_test", "loader_win32_test"],
                  ["loader_win32_test", "node_win32_test", "win32-x64-msvc_check"]):
        events = [_built("a", "win32-x64-msvc")]
        events += [_summary(f"//{'packages' if t.startswith('loader') else 'crates'}/a:{t}", "PASSED") for t in tests]
        cell = {c.platform: c for c in report.cells(Catalog((make_crate("a"),)), events)}["win32-x64-msvc"]
        assert cell == report.Cell("a", "win32-x64-msvc", "verified", ", ".join(tests), "wine")


@pytest.mark.parametrize("failing", ["node_win32_test", "loader_win32_test", "win32-x64-msvc_check"])
def test_any_failed_test_fails_the_cell_whatever_passed(failing: str) -> None:
    tests = ["node_win32_test", "loader_win32_test", "win32-x64-msvc_check"]
    events = [_built("a", "win32-x64-msvc")]
    events += [_summary(f"//crates/a:{t}", "FAILED" if t == failing else "PASSED") for t in tests]
    cell = {c.platform: c for c in report.cells(Catalog((make_crate("a"),)), events)}["win32-x64-msvc"]
    assert cell == report.Cell("a", "win32-x64-msvc", "failed", f"test {failing} did not pass", "")


def test_table_splits_verified_into_run_and_structural_and_explains_each_kind() -> None:
    events = [_built("a", p.name) for p in PLATFORMS] + [_built("b", "linux-x64-gnu"), _built("b", "darwin-x64")]
    events += [_summary(f"//crates/a:{p.name}_check", "PASSED") for p in PLATFORMS]
    events += [_summary(f"//crates/a:{t}", "PASSED") for t in ("node_test", "node_arm64_test", "node_win32_test")]
    events += [_summary("//packages/a:wasm_test", "PASSED"), _summary("//crates/b:darwin-x64_check", "PASSED")]
    events += [_summary("//crates/b:node_test", "FAILED"), _summary("//crates/b:linux-x64-gnu_check", "PASSED")]
    result = report.cells(Catalog((make_crate("a"), make_crate("b"))), events)
    hows = {(c.crate, c.platform): c.how for c in result if c.status == "verified"}
    assert hows == {
        ("a", "linux-x64-gnu"): "node",
        ("a", "linux-x64-musl"): "structural",
        ("a", "linux-arm64-gnu"): "qemu",
        ("a", "darwin-x64"): "structural",
        ("a", "darwin-arm64"): "structural",
        ("a", "win32-x64-msvc"): "wine",
        ("a", "wasm32-wasi"): "wasi",
        ("b", "darwin-x64"): "structural",
    }
    counts = report.per_platform(result)
    assert list(counts["win32-x64-msvc"]) == list(report.COLUMNS)
    assert counts["win32-x64-msvc"] == {"verified": 1, "run": 1, "structural only": 0, "built": 0,
                                        "failed": 0, "not built": 1, "unsupported": 0}
    assert counts["darwin-x64"]["verified"] == 2 and counts["darwin-x64"]["structural only"] == 2
    assert counts["linux-x64-gnu"]["run"] == 1 and counts["linux-x64-gnu"]["failed"] == 1
    table = report.to_table(result)
    lines = table.splitlines()
    row = next(line for line in lines if line.startswith("a "))
    assert row.split() == ["a", "ok", "node", "ok", "structural", "ok", "qemu", "ok", "structural", "ok", "structural",
                           "ok", "wine", "ok", "wasi"]
    header = next(line for line in lines if line.startswith("binaries per platform"))
    assert header.split() == ["binaries", "per", "platform", "verified", "run", "structural", "only",
                              "built", "failed", "not", "built", "unsupported"]
    assert (
        "  win32-x64-msvc                 1    1                0"
        "           0           0           1           0"
    ) in lines
    assert (
        "  darwin-x64                     2    0                2"
        "           0           0           0           0"
    ) in lines
    assert (
        "  all                            8    4                4"
        "           0           1           5           0"
    ) in lines
    legend = lines[lines.index("how a verified binary was verified:") + 1:]
    assert [line.split()[1] for line in legend] == list(report.KINDS)
    assert legend[3] == "  ok wine        " + report.KIND_MEANING["wine"]
    assert "Wine" in report.KIND_MEANING["wine"] and "qemu-user" in report.KIND_MEANING["qemu"]
    data = json.loads(report.to_json_report(result))
    assert data["kinds"] == report.KIND_MEANING
    assert data["platforms"]["win32-x64-msvc"]["run"] == 1
    assert {(c["platform"], c["how"]) for c in data["cells"] if c["crate"] == "a" and c["how"] != "structural"} == {
        ("linux-x64-gnu", "node"), ("linux-arm64-gnu", "qemu"), ("win32-x64-msvc", "wine"), ("wasm32-wasi", "wasi"),
    }
    assert all(c["how"] == "" for c in data["cells"] if c["status"] != "verified")


def test_a_failed_build_check_fails_every_cell_and_a_passed_one_verifies_none() -> None:
    def events(status: str) -> list[dict[str, object]]:
        return [
            {"id": {"targetCompleted": {"label": "//crates/a:linux-x64-gnu"}}, "completed": {"success": True}},
            {"id": {"targetCompleted": {"label": "//crates/a:darwin-x64"}}, "completed": {"success": True}},
            {"id": {"testSummary": {"label": "//crates/a:linux-x64-gnu_check"}}, "testSummary": {"overallStatus": "PASSED"}},
            {"id": {"testSummary": {"label": "//crates/a:optimized_test"}}, "testSummary": {"overallStatus": status}},
        ]

    catalog = Catalog((make_crate("a"),))
    passed = {c.platform: c for c in report.cells(catalog, events("PASSED"))}
    assert passed["linux-x64-gnu"] == report.Cell(
        "a", "linux-x64-gnu", "verified", "linux-x64-gnu_check", "structural"
    )
    assert passed["darwin-x64"].status == "built"
    failed = {c.platform: c for c in report.cells(catalog, events("FAILED"))}
    assert failed["linux-x64-gnu"] == report.Cell("a", "linux-x64-gnu", "failed", "test optimized_test did not pass")
    assert failed["darwin-x64"].status == "failed"


def test_npm_packages_per_crate() -> None:
    def summary(label: str, status: str) -> dict[str, object]:
        return {"id": {"testSummary": {"label": label}}, "testSummary": {"overallStatus": status}}

    events = [summary(f"//packages/a:{t}", "PASSED") for t in report.NPM_TESTS]
    events += [summary("//packages/b:npm_tarball_test", "PASSED"), summary("//packages/b:npm_lint_test", "FAILED")]
    catalog = Catalog((make_crate("a"), make_crate("b"), make_crate("c"), make_crate("d", reason="placeholder")))
    npm = {c.crate: c for c in report.packages(catalog, events)}
    assert npm["a"].status == "verified"
    assert npm["b"] == report.Cell("b", "npm", "failed", "test npm_lint_test did not pass")
    assert npm["c"].status == "not built"
    assert npm["d"] == report.Cell("d", "npm", "unsupported", "placeholder")
    table = report.npm_table(list(npm.values()))
    assert table.startswith("npm packages per crate: 1 verified, 1 failed, 1 not built, 1 unsupported")
    assert "  b: test npm_lint_test did not pass" in table
    data = json.loads(report.to_json_report([], list(npm.values())))
    assert data["npm"]["counts"]["verified"] == 1
