from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruvio_build import npm_stamp

COMMIT = "0123456789abcdef0123456789abcdef01234567"
MAIN = {
    "//": "generated; do not edit.",
    "name": "@ruv.io/a",
    "version": "1.2.0",
    "optionalDependencies": {"@ruv.io/a-linux-x64-gnu": "1.2.0", "@ruv.io/other": "1.2.0"},
}


def test_unstamped_drops_only_the_notice() -> None:
    out = npm_stamp.stamp(MAIN, None, "p")
    assert "//" not in out
    assert out["version"] == "1.2.0"
    assert "gitHead" not in out


def test_stamped_records_commit_and_prerelease_in_own_pins() -> None:
    status = {"STABLE_GIT_COMMIT": COMMIT, "STABLE_RUVIO_NPM_PRERELEASE": "rc.1"}
    out = npm_stamp.stamp(MAIN, status, "p")
    assert out["gitHead"] == COMMIT
    assert out["version"] == "1.2.0-rc.1"
    # Its own platform package follows; another package keeps its pin.
    assert out["optionalDependencies"] == {"@ruv.io/a-linux-x64-gnu": "1.2.0-rc.1", "@ruv.io/other": "1.2.0"}


def test_stamped_without_commit_or_prerelease() -> None:
    out = npm_stamp.stamp(MAIN, {"STABLE_GIT_COMMIT": "unknown", "STABLE_RUVIO_NPM_PRERELEASE": ""}, "p")
    assert "gitHead" not in out
    assert out["version"] == "1.2.0"


@pytest.mark.parametrize("bad", ["rc..1", "01", "rc 1", "rc.1+build"])
def test_bad_prerelease_names_the_variable_and_file(bad: str) -> None:
    with pytest.raises(SystemExit, match=r"packages/a/package.json: RUVIO_NPM_PRERELEASE="):
        npm_stamp.stamp(MAIN, {"STABLE_RUVIO_NPM_PRERELEASE": bad}, "packages/a/package.json")


def test_main_reads_bazel_status_file(tmp_path: Path) -> None:
    src, dst, status = tmp_path / "in.json", tmp_path / "out.json", tmp_path / "stable-status.txt"
    src.write_text(json.dumps(MAIN))
    status.write_text(f"BUILD_EMBED_LABEL \nSTABLE_GIT_COMMIT {COMMIT}\nSTABLE_RUVIO_NPM_PRERELEASE beta.2\n")
    npm_stamp.main(str(src), str(dst), str(status))
    assert json.loads(dst.read_text())["version"] == "1.2.0-beta.2"
