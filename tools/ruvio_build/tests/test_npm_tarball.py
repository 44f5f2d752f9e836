from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from ruvio_build import npm_tarball


def _tgz(
    path: Path,
    entries: list[tuple[str, bytes]],
    mtime: int = 0,
    mode: int = 0o644,
    uid: int = 0,
    modes: dict[str, int] | None = None,
) -> Path:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, content in entries:
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode, info.uid = len(content), mtime, (modes or {}).get(name, mode), uid
            tar.addfile(info, io.BytesIO(content))
    path.write_bytes(gzip.compress(raw.getvalue(), mtime=0))
    return path


MANIFEST = json.dumps({"name": "@ruv.io/a", "files": ["index.js"]}).encode()
README = b"# @ruv.io/a\n\nNode.js binding of the Rust crate a 1.0.0: install it with npm install @ruv.io/a, and npm picks the platform package.\n"


def test_reproducible_tarball_passes(tmp_path: Path) -> None:
    good = _tgz(
        tmp_path / "a.tgz",
        [("package/README.md", README), ("package/index.js", b"x"), ("package/package.json", MANIFEST)],
        mtime=946684800,
    )
    assert npm_tarball.problems(good) == []
    assert npm_tarball.main([str(good)]) == 0


def test_each_problem_is_named(tmp_path: Path) -> None:
    bad = _tgz(tmp_path / "b.tgz", [("package/package.json", MANIFEST), ("other/x", b"")], mode=0o755, uid=1000)
    found = "\n".join(npm_tarball.problems(bad))
    assert "b.tgz: entries are not in sorted order" in found
    assert "b.tgz: other/x: outside package/" in found
    assert "mode 755, not 644" in found
    assert "owner 1000:0" in found
    assert "lists 'index.js' under files, but the tarball lacks it" in found


def test_gzip_timestamp_is_a_problem(tmp_path: Path) -> None:
    path = _tgz(tmp_path / "c.tgz", [("package/package.json", MANIFEST), ("package/index.js", b"")])
    data = bytearray(path.read_bytes())
    data[4:8] = b"\x01\x02\x03\x04"
    path.write_bytes(bytes(data))
    assert any("timestamp (67305985)" in p for p in npm_tarball.problems(path))


# crate_universe's BUILD files, as much of them as the licence check reads.
def _build(name: str, version: str, deps: list[str]) -> str:
    listed = "".join(f'        "@{d}",\n' for d in deps)
    return (
        'rust_library(\n    name = "x",\n    tags = [\n        "crate-name=' + name + '",\n    ],\n'
        f'    version = "{version}",\n    deps = [\n{listed}    ],\n)\n'
    )


def _third_party(tmp_path: Path) -> Path:
    d = tmp_path / "3rdparty"
    d.mkdir()
    (d / "BUILD.wrapped-1.0.0.bazel").write_text(_build("wrapped", "1.0.0", ["crates__dep-2.0.0-meta//:dep", "crates__wrapped-1.0.0//:build_script_build"]))
    (d / "BUILD.dep-2.0.0+meta.bazel").write_text(_build("dep", "2.0.0+meta", ["crates__leaf-0.1.0//:leaf"]))
    (d / "BUILD.leaf-0.1.0.bazel").write_text(_build("leaf", "0.1.0", []))
    (d / "BUILD.napi-3.0.0.bazel").write_text(_build("napi", "3.0.0", []))
    (d / "BUILD.unrelated-1.0.0.bazel").write_text(_build("unrelated", "1.0.0", []))
    (d / "defs.bzl").write_text(
        '_NORMAL_DEPENDENCIES = {\n    "crates/wrapped": {\n        _COMMON_CONDITION: {\n'
        '            "napi": Label("@crates__napi-3.0.0//:napi"),\n            "wrapped": Label("@crates__wrapped-1.0.0//:wrapped"),\n'
        "        },\n    },\n}\n"
    )
    return d / "defs.bzl"


def test_linked_crates_follow_unconditional_deps(tmp_path: Path) -> None:
    assert npm_tarball.linked_crates(_third_party(tmp_path), "wrapped", "1.0.0") == [
        "dep 2.0.0+meta", "leaf 0.1.0", "napi 3.0.0", "wrapped 1.0.0"
    ]


def test_linked_crates_of_a_named_group(tmp_path: Path) -> None:
    """A named group's hub prefixes its repositories (`crates_extra__`) and
    files the binding under its member path."""
    defs = _third_party(tmp_path)
    for build in [*defs.parent.glob("BUILD.*.bazel"), defs]:
        build.write_text(build.read_text().replace("@crates__", "@crates_extra__"))
    defs.write_text(defs.read_text().replace('"crates/wrapped"', '"crates/groups/extra/members/wrapped"'))
    assert npm_tarball.hub_name(defs.read_text()) == "crates_extra"
    linked = npm_tarball.linked_crates(defs, "wrapped", "1.0.0", "crates/groups/extra/members/wrapped")
    assert linked == ["dep 2.0.0+meta", "leaf 0.1.0", "napi 3.0.0", "wrapped 1.0.0"]
    # Under the default key the binding's own dependencies (napi) are not found.
    assert "napi 3.0.0" not in npm_tarball.linked_crates(defs, "wrapped", "1.0.0")


def test_hub_name_needs_a_crate_repository() -> None:
    with pytest.raises(ValueError, match="declares no crate repository"):
        npm_tarball.hub_name("_NORMAL_DEPENDENCIES = {}\n")
    assert npm_tarball.hub_name('    maybe(\n        http_archive,\n        name = "crates__a-1.0.0",\n') == "crates"


def test_licence_material_is_checked(tmp_path: Path) -> None:
    expected = ["dep 2.0.0+meta", "wrapped 1.0.0"]
    notice = b"THIRD-PARTY SOFTWARE NOTICES\n\nwrapped 1.0.0\nLicence: MIT\n\ndep 2.0.0+meta\n"
    good = _tgz(tmp_path / "g.tgz", [("package/LICENSE", b"mit"), ("package/THIRD_PARTY_NOTICES.txt", notice), ("package/package.json", MANIFEST)])
    assert npm_tarball.licence_problems(good, "wrapped", expected) == []
    bad = _tgz(tmp_path / "b.tgz", [("package/THIRD_PARTY_NOTICES.txt", b"wrapped 1.0.0\n"), ("package/package.json", MANIFEST)])
    found = "\n".join(npm_tarball.licence_problems(bad, "wrapped", expected))
    assert "b.tgz: no licence file of wrapped" in found
    assert "b.tgz: THIRD_PARTY_NOTICES.txt does not name dep 2.0.0+meta" in found
    empty = _tgz(tmp_path / "e.tgz", [("package/LICENSE", b"x"), ("package/package.json", MANIFEST)])
    assert npm_tarball.licence_problems(empty, "wrapped", expected) == ["e.tgz: no package/THIRD_PARTY_NOTICES.txt, or it is empty"]


def test_main_checks_licences_when_asked(tmp_path: Path) -> None:
    defs = _third_party(tmp_path)
    tarball = _tgz(
        tmp_path / "a.tgz",
        [("package/README.md", README), ("package/index.js", b"x"), ("package/package.json", MANIFEST)],
        mtime=946684800,
    )
    assert npm_tarball.main([str(tarball)]) == 0
    assert npm_tarball.main([str(tarball), "--licences-of=wrapped@1.0.0", f"--third-party={defs}"]) == 1


def test_readme_is_required_and_about_the_package(tmp_path: Path) -> None:
    entries = [("package/index.js", b"x"), ("package/package.json", MANIFEST)]
    missing = _tgz(tmp_path / "m.tgz", entries)
    assert npm_tarball.problems(missing) == ["m.tgz: no package/README.md"]
    other = _tgz(tmp_path / "o.tgz", [("package/README.md", README.replace(b"# @ruv.io/a\n", b"# @ruv.io/b\n")), *entries])
    assert npm_tarball.problems(other) == ["o.tgz: README.md does not start with '# @ruv.io/a'"]
    short = _tgz(tmp_path / "s.tgz", [("package/README.md", b"# @ruv.io/a\n\nTODO\n"), *entries])
    assert npm_tarball.problems(short) == ["s.tgz: README.md holds little more than its heading (3 words)"]


def test_executables_in_bin_are_0755_and_only_there(tmp_path: Path) -> None:
    manifest = json.dumps({"name": "@ruv.io/a", "files": ["bin/a"]}).encode()
    entries = [("package/README.md", README), ("package/bin/a", b"x"), ("package/package.json", manifest)]
    good = _tgz(tmp_path / "good.tgz", entries, modes={"package/bin/a": 0o755})
    assert npm_tarball.problems(good) == []
    # 0644 in bin/ would not run; 0755 elsewhere is not what npm needs.
    found = "\n".join(npm_tarball.problems(_tgz(tmp_path / "plain.tgz", entries)))
    assert "package/bin/a: mode 644, not 755" in found
    found = "\n".join(npm_tarball.problems(_tgz(tmp_path / "all.tgz", entries, mode=0o755)))
    assert "package/README.md: mode 755, not 644" in found and "package/bin/a" not in found


def test_linked_crates_of_a_published_crate_are_its_own_dependencies(tmp_path: Path) -> None:
    """A program or published addon is no vendored library: its crate is
    named as given, and what it links is what its member's dependencies reach."""
    defs = _third_party(tmp_path)
    defs.write_text(defs.read_text().replace('"crates/wrapped"', '"crates/groups/p/members/tool"'))
    linked = npm_tarball.linked_crates(defs, "tool", "0.2.1", "crates/groups/p/members/tool", published=True)
    assert linked == ["dep 2.0.0+meta", "leaf 0.1.0", "napi 3.0.0", "tool 0.2.1", "wrapped 1.0.0"]
    with pytest.raises(ValueError, match="no rust_library of tool"):
        npm_tarball.linked_crates(defs, "tool", "0.2.1", "crates/groups/p/members/tool")
