from __future__ import annotations

import json

from pathlib import Path

from ruvio_build import report
from ruvio_build.catalog import Catalog

from .conftest import make_crate


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
    assert "  linux-x64-gnu                  0           1           1           0           1" in table
    assert "  all                            0           1           1          11           8" in table
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
    assert cells["linux-x64-gnu"] == report.Cell("a", "linux-x64-gnu", "verified", "node_test, linux-x64-gnu_check")
    assert cells["linux-arm64-gnu"].status == "failed"
    assert "node_arm64_test" in cells["linux-arm64-gnu"].detail
    assert cells["darwin-x64"].status == "built"
    assert cells["wasm32-wasi"] == report.Cell("a", "wasm32-wasi", "verified", "wasm_test")
    counts = report.per_platform(list(cells.values()))
    assert counts["linux-x64-gnu"]["verified"] == 1
    assert counts["wasm32-wasi"]["verified"] == 1


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
    assert passed["linux-x64-gnu"] == report.Cell("a", "linux-x64-gnu", "verified", "linux-x64-gnu_check")
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
