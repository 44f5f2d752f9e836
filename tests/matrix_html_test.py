"""matrix.html, as a browser shows it, has the totals matrix.json has.

Renders the matrix of a small committed build (tests/testdata/matrix: four
crates of the catalog, the build events of a real tools/build-all cut down to
them plus one compile failure and the Windows addon's tests under Wine, and a
real profile of two of their addons) in headless Chromium, reads back the DOM
the browser built, and compares every total on the page (verified ones split
into run and structural only), and the cells counted by status and by
how they were verified, with the JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from ruvio_build import catalog, matrix, report

CHROMIUM = Path("/usr/bin/chromium-headless-shell")
FIXTURE = Path(__file__).resolve().parent / "testdata" / "matrix"


class _Page(HTMLParser):
    """The totals (elements with a data-total-* attribute), the cells of the
    rendered page, and the kinds of verification its legend explains."""

    def __init__(self) -> None:
        super().__init__()
        self.totals: list[tuple[tuple[str, str, str], str, str | None]] = []  # key, text, data-value
        self.cells: dict[str, int] = {}
        self.hows: dict[str, int] = {}  # verified cells per kind (data-how)
        self.marks: list[tuple[str, str]] = []  # a verified cell's kind and the mark it shows
        self.legend: list[str] = []  # data-kind of each legend entry
        self.rows = 0
        self._open: list[tuple[tuple[str, str, str], str | None]] = []
        self._text: list[str] = []
        self._how = ""  # of the cell being read
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "data-crate" in a:
            self.rows += 1
        if "data-cells" in a:
            status = a.get("data-status") or ""
            self.cells[status] = self.cells.get(status, 0) + int(a["data-cells"] or 0)
            self._how = a.get("data-how") or ""
            if self._how:
                self.hows[self._how] = self.hows.get(self._how, 0) + 1
        if tag == "span" and a.get("class") == "mark" and self._how:
            self._mark = []
        if "data-kind" in a:
            self.legend.append(a["data-kind"] or "")
        for kind in ("platform", "category", "all", "npm"):
            if f"data-total-{kind}" in a:
                what = a.get("data-status") or a.get("data-measure") or ""
                self._open.append(((kind, a[f"data-total-{kind}"] or "", what), a.get("data-value")))
                self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._mark is not None:
            self._mark.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._mark is not None:
            self.marks.append((self._how, "".join(self._mark).strip()))
            self._mark = None
        if tag == "td":
            self._how = ""
        if tag in ("td", "span") and self._open:
            key, value = self._open.pop()
            self.totals.append((key, "".join(self._text).strip(), value))


def render(html: Path, work: Path) -> str:
    # Its own profile and home: the sandbox gives it nowhere else to write.
    result = subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={work / 'chromium'}",
            "--dump-dom",
            html.as_uri(),
        ],
        env={**os.environ, "HOME": str(work)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0 or "</html>" not in result.stdout:
        raise SystemExit(f"FAIL: {CHROMIUM} exited {result.returncode} without a page:\n{result.stderr[-3000:]}")
    return result.stdout


def expected_totals(data: dict[str, object]) -> dict[tuple[str, str, str], int | None]:
    totals = data["totals"]
    assert isinstance(totals, dict)
    out: dict[tuple[str, str, str], int | None] = {}
    for kind, group in (("platform", totals["platforms"]), ("category", totals["categories"])):
        for name, counts in group.items():
            for what, value in counts.items():
                out[(kind, name, what)] = value
    for what, value in totals["all"].items():
        out[("all", "", what)] = value
    for what, value in totals["npm"].items():
        out[("npm", "", what)] = value
    return out


def shown(what: str, value: int | None) -> str:
    if what == "size":
        return matrix.human_size(value)
    if what == "time_ms":
        return matrix.human_time(value)
    return str(value)


def main() -> int:
    if not os.access(CHROMIUM, os.X_OK):
        print(
            f"FAIL: {CHROMIUM} is missing: this test renders matrix.html in headless Chromium, "
            "which the build image installs (chromium-headless-shell in tools/image/packages.txt)"
        )
        return 1
    work = Path(os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp())
    out = work / "matrix"
    crates = catalog.load(FIXTURE / "catalog.toml")
    matrix.make(crates, matrix.Inputs(FIXTURE / "build_events.json", FIXTURE / "profile.json"), out)
    data = json.loads((out / matrix.JSON_NAME).read_text(encoding="utf-8"))
    page = _Page()
    page.feed(render(out / matrix.HTML_NAME, work))

    problems = []
    expected = expected_totals(data)
    seen = set()
    for key, text, value in page.totals:
        seen.add(key)
        if key not in expected:
            problems.append(f"the page shows a total matrix.json lacks: {key} = {text!r}")
            continue
        want = expected[key]
        if text != shown(key[2], want):
            problems.append(f"{key}: the page shows {text!r}, matrix.json has {want!r}")
        if value is not None and value != ("" if want is None else str(want)):
            problems.append(f"{key}: data-value {value!r}, matrix.json has {want!r}")
    # Every total of the JSON is on the page (a crate count per category is
    # shown but not marked; "binaries" of a platform is its column's length).
    missing = sorted(k for k in expected if k not in seen and not (k[0] == "platform" and k[2] == "binaries"))
    problems.extend(f"matrix.json's total {k} = {expected[k]!r} is not on the page" for k in missing)
    counted = {s: page.cells.get(s, 0) for s in data["statuses"]}
    wanted = {s: data["totals"]["all"][s] for s in data["statuses"]}
    if counted != wanted:
        problems.append(f"the page's cells by status {counted} differ from matrix.json's totals {wanted}")
    if page.rows != len(data["crates"]):
        problems.append(f"the page has {page.rows} crate rows, matrix.json {len(data['crates'])} crates")
    structural = page.hows.get(report.STRUCTURAL, 0)
    split = {report.RUN: sum(page.hows.values()) - structural, report.STRUCTURAL_ONLY: structural}
    wanted_split = {by: data["totals"]["all"][by] for by in report.VERIFIED_BY}
    if split != wanted_split:
        problems.append(f"the page's verified cells by how {page.hows} differ from matrix.json's totals {wanted_split}")
    kinds = data["kinds"]
    for how, mark in page.marks:
        if how not in kinds or mark != f"✓ {kinds[how]['label']}":
            problems.append(f"a cell verified by {how!r} shows {mark!r}")
    if page.legend != list(kinds):
        problems.append(f"the legend explains {page.legend}, matrix.json has the kinds {list(kinds)}")

    # The fixture holds each kind of cell, so each is on the page.
    for status in data["statuses"]:
        if status != "built" and not wanted[status]:
            problems.append(f"the fixture has no {status} cell any more")
    for kind in kinds:
        if not page.hows.get(kind):
            problems.append(f"the fixture has no cell verified by {kind} any more")
    for problem in problems:
        print(f"FAIL: {problem}")
    print(f"{len(page.totals)} totals on the page checked against matrix.json, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
