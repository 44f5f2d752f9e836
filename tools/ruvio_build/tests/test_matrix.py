from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from typing import Any

import markupsafe
import pytest

from ruvio_build import cli, matrix, report
from ruvio_build.catalog import Catalog
from ruvio_build.platforms import PLATFORMS

from .conftest import make_crate


def _addon(label: str, set_id: str, success: bool = True) -> dict[str, object]:
    completed: dict[str, object] = {"success": success}
    if success:
        completed["outputGroup"] = [{"name": "default", "fileSets": [{"id": set_id}]}]
    return {"id": {"targetCompleted": {"label": label}}, "completed": completed}


def _named_set(set_id: str, *files: dict[str, object]) -> dict[str, object]:
    return {"id": {"namedSet": {"id": set_id}}, "namedSetOfFiles": {"files": list(files)}}


def _summary(label: str, status: str) -> dict[str, object]:
    return {"id": {"testSummary": {"label": label}}, "testSummary": {"overallStatus": status}}


@pytest.fixture
def crates() -> Catalog:
    return Catalog(
        (
            make_crate("a", category="Neural Networks", unsupported={"darwin-x64": "no macOS SDK for this crate's C code"}),
            make_crate("b", category="Neural Networks"),
            make_crate("c", category="Trading/Finance", reason="no binding written yet"),
            make_crate("d"),
        )
    )


@pytest.fixture
def events(tmp_path: Path) -> list[dict[str, object]]:
    stderr = tmp_path / "stderr"
    stderr.write_text("error[E0425]: cannot find value `x` in this scope\n")
    wasm = tmp_path / "a.wasm32-wasi.wasm"
    wasm.write_bytes(b"\0asm" + bytes(996))
    failed_action = {"actionCompleted": {"primaryOutput": "out", "label": "//crates/b:b_napi_linux-x64-gnu"}}
    return [
        {"id": {"started": {}}, "started": {"startTime": "2026-12-01T22:23:37.189Z"}},
        _named_set("1", {"name": "crates/a/a.linux-x64-gnu.node", "uri": "file:///nonexistent/a.node", "length": "2909184"}),
        _addon("//crates/a:linux-x64-gnu", "1"),
        _summary("//crates/a:node_test", "PASSED"),
        # No length recorded: the size comes from the file itself.
        _named_set("2", {"name": "crates/a/a.wasm32-wasi.wasm", "uri": f"file://{wasm}"}),
        _addon("@@//crates/a:wasm32-wasi", "2"),
        # Built, but its file is gone and its length unknown: size unknown.
        _named_set("3", {"name": "crates/a/a.linux-arm64-gnu.node", "uri": "file:///nonexistent/a-arm64.node"}),
        _addon("//crates/a:linux-arm64-gnu", "3"),
        {"id": failed_action, "action": {"success": False, "label": "//crates/b:b_napi_linux-x64-gnu",
                                         "stderr": {"uri": f"file://{stderr}"}}},
        {**_addon("//crates/b:linux-x64-gnu", "", success=False), "children": [failed_action]},
        *[_summary(f"//packages/a:{t}", "PASSED") for t in ("npm_tarball_test", "npm_lint_test", "npm_registry_test")],
    ]


PROFILE = {
    "otherData": {"bazel_version": "release 7.7.1"},
    "traceEvents": [
        {"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": {"name": "skyframe-evaluator 1"}},
        {"cat": "action processing", "name": "Compiling Rust cdylib a_napi", "ph": "X", "ts": 10, "dur": 61_500_000,
         "pid": 1, "tid": 1, "args": {"target": "//crates/a:a_napi_linux-x64-gnu"}},
        {"cat": "action processing", "name": "Copying file", "ph": "X", "ts": 20, "dur": 4_000,
         "pid": 1, "tid": 1, "args": {"target": "//crates/a:linux-x64-gnu"}},
        {"cat": "action processing", "name": "Compiling Rust cdylib b_napi", "ph": "X", "ts": 30, "dur": 2_250_000,
         "pid": 1, "tid": 2, "args": {"target": "@@//crates/b:b_napi_linux-x64-gnu"}},
        # A third-party crate the binding depends on: not the binding's time.
        {"cat": "action processing", "name": "Compiling Rust rlib serde", "ph": "X", "ts": 40, "dur": 9_000_000,
         "pid": 1, "tid": 2, "args": {"target": "//crates/3rdparty:serde"}},
        {"cat": "general information", "name": "merged 12 events", "ph": "X", "ts": 50, "dur": 7, "pid": 1, "tid": 3},
        # Spans inside an action are not counted again.
        {"cat": "remote action cache check", "name": "cache check", "ph": "X", "ts": 11, "dur": 1_000, "pid": 1,
         "tid": 1, "args": {"target": "//crates/a:a_napi_linux-x64-gnu"}},
        {"name": "action count", "ph": "C", "ts": 60, "pid": 1, "args": {"action": 3}},
    ],
}


def _write_profile(path: Path) -> Path:
    path.write_bytes(gzip.compress(json.dumps(PROFILE).encode()))
    return path


def test_cells_sizes_and_times(tmp_path: Path, crates: Catalog, events: list[dict[str, object]]) -> None:
    profile = matrix.read_profile(_write_profile(tmp_path / "profile.json.gz"))
    data = matrix.matrix(crates, events, profile, matrix.Inputs(tmp_path / "bep.json", tmp_path / "profile.json.gz"))
    rows = {row["crate"]: row for row in data["crates"]}
    a = rows["a"]["cells"]
    assert a["linux-x64-gnu"] == {
        "status": "verified", "how": "node", "detail": "node_test", "size": 2909184, "time_ms": 61504,
    }
    assert a["wasm32-wasi"]["size"] == 1000
    assert a["wasm32-wasi"]["time_ms"] is None  # the profile does not mention it
    assert a["linux-arm64-gnu"]["status"] == "built"
    assert a["linux-arm64-gnu"]["size"] is None
    assert a["linux-x64-musl"]["status"] == "not built"
    failed = rows["b"]["cells"]["linux-x64-gnu"]
    assert failed["status"] == "failed"
    assert failed["detail"].startswith("error[E0425]: cannot find value `x`")
    assert failed["size"] is None
    assert failed["time_ms"] == 2250
    assert rows["a"]["npm"]["status"] == "verified"
    assert rows["d"]["category"] == matrix.NO_CATEGORY
    assert data["build_started"] == "2026-12-01T22:23:37.189Z"
    # Rows by category, then name.
    assert [row["crate"] for row in data["crates"]] == ["d", "a", "b", "c"]


def test_unsupported_cells_carry_the_catalogs_reason(tmp_path: Path, crates: Catalog, events: list[dict[str, object]]) -> None:
    data = matrix.matrix(crates, events, None, matrix.Inputs(tmp_path / "bep.json"))
    rows = {row["crate"]: row for row in data["crates"]}
    assert rows["a"]["cells"]["darwin-x64"] == {
        "status": "unsupported", "how": "", "detail": "no macOS SDK for this crate's C code", "size": None, "time_ms": None,
    }
    assert {c["detail"] for c in rows["c"]["cells"].values()} == {"no binding written yet"}
    assert {c["status"] for c in rows["c"]["cells"].values()} == {"unsupported"}
    assert rows["c"]["reason"] == "no binding written yet"
    assert rows["c"]["npm"] == {"status": "unsupported", "detail": "no binding written yet"}


def test_totals_are_the_sums_of_the_cells(tmp_path: Path, crates: Catalog, events: list[dict[str, object]]) -> None:
    profile = matrix.read_profile(_write_profile(tmp_path / "profile.json.gz"))
    # As a reader of matrix.json sees it.
    data = json.loads(matrix.to_json(matrix.matrix(crates, events, profile, matrix.Inputs(tmp_path / "bep.json"))))
    rows = data["crates"]
    totals = data["totals"]

    def expected(cells: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {s: sum(1 for c in cells if c["status"] == s) for s in matrix.STATUSES}
        verified = [c for c in cells if c["status"] == "verified"]
        out["run"] = sum(1 for c in verified if c["how"] in ("node", "qemu", "wine", "wasi"))
        out["structural only"] = sum(1 for c in verified if c["how"] == "structural")
        out["binaries"] = len(cells)
        for measure in ("size", "time_ms"):
            known = [c[measure] for c in cells if c[measure] is not None]
            out[measure] = sum(known) if known else None
        return out

    for p in PLATFORMS:
        assert totals["platforms"][p.name] == expected([row["cells"][p.name] for row in rows])
    assert sorted(totals["categories"]) == [matrix.NO_CATEGORY, "Neural Networks", "Trading/Finance"]
    for category in totals["categories"]:
        cells = [c for row in rows if row["category"] == category for c in row["cells"].values()]
        assert totals["categories"][category] == expected(cells)
    every = [c for row in rows for c in row["cells"].values()]
    assert totals["all"] == expected(every)
    assert totals["all"]["binaries"] == 4 * len(PLATFORMS)
    assert sum(t["failed"] for t in totals["platforms"].values()) == 1
    assert totals["platforms"]["linux-x64-gnu"]["size"] == 2909184
    assert totals["platforms"]["darwin-x64"]["time_ms"] is None
    assert totals["npm"] == {"verified": 1, "built": 0, "failed": 0, "not built": 2, "unsupported": 1}


def test_each_verified_cell_says_how_and_the_totals_split_run_from_structural(tmp_path: Path) -> None:
    events: list[dict[str, object]] = [{"id": {"started": {}}, "started": {}}]
    events += [_addon(f"//crates/k:{p.name}", "") for p in PLATFORMS]
    events += [_summary(f"//crates/k:{p.name}_check", "PASSED") for p in PLATFORMS]
    events += [_summary(f"//crates/k:{t}", "PASSED") for t in ("node_test", "node_arm64_test", "node_win32_test")]
    events += [_summary(f"//packages/k:{t}", "PASSED") for t in ("loader_test", "loader_win32_test", "wasm_test")]
    catalog = Catalog((make_crate("k"),))
    data = json.loads(matrix.to_json(matrix.matrix(catalog, events, None, matrix.Inputs(tmp_path / "bep.json"))))
    hows = {p: c["how"] for p, c in data["crates"][0]["cells"].items()}
    assert hows == {
        "linux-x64-gnu": "node",
        "linux-x64-musl": "structural",
        "linux-arm64-gnu": "qemu",
        "darwin-x64": "structural",
        "darwin-arm64": "structural",
        "win32-x64-msvc": "wine",
        "wasm32-wasi": "wasi",
    }
    totals = data["totals"]
    assert totals["all"]["verified"] == 7
    assert (totals["all"]["run"], totals["all"]["structural only"]) == (4, 3)
    assert totals["platforms"]["win32-x64-msvc"]["run"] == 1
    assert totals["platforms"]["win32-x64-msvc"]["structural only"] == 0
    assert totals["platforms"]["darwin-arm64"]["structural only"] == 1
    assert totals["categories"][matrix.NO_CATEGORY]["run"] == 4
    assert data["kinds"]["wine"] == {"label": "Wine", "meaning": report.KIND_MEANING["wine"]}
    assert list(data["kinds"]) == list(report.KINDS)

    html = matrix.to_html(matrix.matrix(catalog, events, None, matrix.Inputs(tmp_path / "bep.json")))
    for platform, kind in hows.items():
        label = data["kinds"][kind]["label"]
        cell = re.search(rf'<td class="verified how-{kind}" data-platform="{platform}" data-status="verified" '
                         rf'data-how="{kind}"[^>]*>\n<span class="mark">([^<]*)</span>', html)
        assert cell and cell.group(1) == f"✓ {label}", platform
    for kind in report.KINDS:
        meaning = str(markupsafe.escape(report.KIND_MEANING[kind]))
        assert re.search(rf'data-kind="{kind}">✓ {data["kinds"][kind]["label"]}</span></dt><dd>{re.escape(meaning)}\.</dd>',
                         html), kind
    # Structural-only cells have a colour of their own.
    colours = dict(re.findall(r"^  ([.\w, -]+) \{ background: (#[0-9a-f]+); \}$", html, re.M))
    assert colours[".verified.how-structural, .structural-only"] != colours[".verified"]
    assert 'data-total-platform="win32-x64-msvc" data-measure="run">1<' in html
    assert 'data-total-all data-measure="structural only">3<' in html


def test_read_profile_sums_labelled_complete_events(tmp_path: Path) -> None:
    totals = matrix.read_profile(_write_profile(tmp_path / "p.json.gz"))
    assert totals == {
        ("a", "a_napi_linux-x64-gnu"): 61_500_000,
        ("a", "linux-x64-gnu"): 4_000,
        ("b", "b_napi_linux-x64-gnu"): 2_250_000,
        ("3rdparty", "serde"): 9_000_000,
    }
    # Uncompressed, and the bare list form of the trace format, read the same.
    (tmp_path / "p.json").write_text(json.dumps(PROFILE["traceEvents"]))
    assert matrix.read_profile(tmp_path / "p.json") == totals


def test_human_units() -> None:
    assert matrix.human_size(None) == "—"
    assert matrix.human_size(512) == "512 B"
    assert matrix.human_size(2909184) == "2.8 MiB"
    assert matrix.human_size(1536) == "1.5 KiB"
    assert matrix.human_time(None) == "—"
    assert matrix.human_time(2250) == "2.2 s"
    assert matrix.human_time(61504) == "1 min 02 s"
    assert matrix.human_time(3_725_000) == "1 h 02 min"


def test_written_files_say_they_are_generated(tmp_path: Path, crates: Catalog, events: list[dict[str, object]]) -> None:
    written = matrix.write(tmp_path / "out", matrix.matrix(crates, events, None, matrix.Inputs(tmp_path / "bep.json")))
    assert [p.name for p in written] == ["matrix.json", "matrix.html"]
    text = (tmp_path / "out" / "matrix.json").read_text()
    assert text.splitlines()[0].startswith('{"generated": "by ruvio matrix from ')
    assert "do not edit" in text.splitlines()[0]
    assert json.loads(text)["totals"]["all"]["binaries"] == 28
    html = (tmp_path / "out" / "matrix.html").read_text()
    assert html.startswith("<!-- generated by ruvio matrix from ")
    assert "do not edit -->\n<!DOCTYPE html>" in html
    # Build output is escaped, and no time was invented without a profile.
    assert "cannot find value `x` in this scope" in html
    assert 'data-total-platform="linux-x64-gnu" data-measure="time_ms" data-value="">—<' in html
    assert "<script src" not in html and "<link" not in html
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["matrix.html", "matrix.json"]


def test_html_escapes_build_output(tmp_path: Path) -> None:
    catalog = Catalog((make_crate("a", unsupported={"darwin-x64": "<b>no SDK</b> & \"more\""}),))
    events: list[dict[str, object]] = [{"id": {"started": {}}, "started": {}}]
    html = matrix.to_html(matrix.matrix(catalog, events, None, matrix.Inputs(tmp_path / "bep.json")))
    assert "<b>no SDK</b>" not in html
    assert "&lt;b&gt;no SDK&lt;/b&gt; &amp; &#34;more&#34;" in html


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "cannot read build events {bep}: No such file or directory"),
        ('{"id": {"started": {}}}\n{"id": {"progress"', "{bep} is not a build event protocol JSON file"),
        ("", "{bep} holds no build events"),
        ("[1, 2]\n", "{bep} is not a build event protocol JSON file (--build_event_json_file): line 1"),
    ],
)
def test_bad_build_events_name_the_file_and_write_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    bep = workspace / "last-build.bep.json"
    if content is not None:
        bep.write_text(content)
    out = workspace / "out"
    out.mkdir()
    (out / "matrix.html").write_text("the previous build's matrix\n")
    assert cli.main(["--root", str(workspace), "matrix", "--bep", str(bep), "--out", str(out)]) == 2
    assert message.format(bep=bep) in capsys.readouterr().err
    # The previous matrix stays whole, and no temporary file is left behind.
    assert [p.name for p in out.iterdir()] == ["matrix.html"]
    assert (out / "matrix.html").read_text() == "the previous build's matrix\n"


def test_bad_profile_names_the_file_and_writes_nothing(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bep = workspace / "bep.json"
    bep.write_text('{"id": {"started": {}}, "started": {}}\n')
    profile = workspace / "profile.json.gz"
    profile.write_bytes(gzip.compress(b'{"traceEvents": [')[:-4])
    out = workspace / "out"
    args = ["--root", str(workspace), "report", "--bep", str(bep), "--json", str(out / "report.json"),
            "--matrix-dir", str(out), "--profile", str(profile)]
    assert cli.main(args) == 2
    assert f"{profile} is not a JSON trace profile (--profile)" in capsys.readouterr().err
    assert not out.exists()


def test_report_writes_the_matrix_too(workspace: Path, tmp_path: Path) -> None:
    bep = tmp_path / "bep.json"
    bep.write_text(
        "\n".join(
            json.dumps(e)
            for e in [
                {"id": {"started": {}}, "started": {"startTime": "2026-12-01T22:23:37.189Z"}},
                _named_set("1", {"name": "crates/alpha-one/alpha_one.linux-x64-gnu.node", "uri": "file:///x", "length": "10"}),
                _addon("//crates/alpha-one:linux-x64-gnu", "1"),
            ]
        )
        + "\n"
    )
    profile = _write_profile(tmp_path / "profile.json.gz")
    out = tmp_path / "state"
    args = ["--root", str(workspace), "report", "--bep", str(bep), "--json", str(out / "last-build.report.json"),
            "--matrix-dir", str(out), "--profile", str(profile)]
    assert cli.main(args) == 0
    data = json.loads((out / "matrix.json").read_text())
    assert data["profile"] == str(profile)
    assert data["totals"]["platforms"]["linux-x64-gnu"]["built"] == 1
    assert data["totals"]["platforms"]["linux-x64-gnu"]["size"] == 10
    assert sorted(p.name for p in out.iterdir()) == ["last-build.report.json", "matrix.html", "matrix.json"]


def test_matrix_defaults_to_the_last_build(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "last-build.bep.json").write_text('{"id": {"started": {}}, "started": {}}\n')
    _write_profile(state / "last-build.profile.json.gz")
    monkeypatch.setenv("RUVIO_STATE", str(state))
    assert cli.main(["--root", str(workspace), "matrix"]) == 0
    data = json.loads((state / "matrix.json").read_text())
    assert data["bep"] == str(state / "last-build.bep.json")
    assert data["profile"] == str(state / "last-build.profile.json.gz")
    monkeypatch.delenv("RUVIO_STATE")
    assert cli.main(["--root", str(workspace), "matrix"]) == 2
    assert "RUVIO_STATE is not set" in capsys.readouterr().err
