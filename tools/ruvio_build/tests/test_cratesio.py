from __future__ import annotations

import gzip
import io
import json
import tarfile

from ruvio_build import cratesio, refresh
from ruvio_build.catalog import Catalog
from ruvio_build.cratesio import IndexVersion, PackageMetadata

from .conftest import make_crate


def test_index_paths_follow_cargo() -> None:
    assert cratesio.index_path("a") == "1/a"
    assert cratesio.index_path("ab") == "2/ab"
    assert cratesio.index_path("abc") == "3/a/abc"
    assert cratesio.index_path("Serde") == "se/rd/serde"


def _line(version: str, yanked: bool = False, deps: list[dict[str, object]] | None = None) -> str:
    return json.dumps({"name": "x", "vers": version, "cksum": "c" * 64, "yanked": yanked, "deps": deps or []})


def test_newest_skips_yanked_and_prereleases() -> None:
    versions = cratesio.parse_index(
        "\n".join([_line("0.9.0"), _line("0.10.0"), _line("0.11.0", yanked=True), _line("0.12.0-beta.1")])
    )
    assert [v.version for v in versions] == ["0.9.0", "0.10.0", "0.11.0", "0.12.0-beta.1"]
    newest = cratesio.newest(versions)
    assert newest is not None and newest.version == "0.10.0"


def test_dependency_names_skip_dev_and_optional() -> None:
    deps = [
        {"name": "a", "kind": "normal"},
        {"name": "b", "kind": "dev"},
        {"name": "c", "optional": True},
        {"name": "renamed", "package": "d"},
        {"name": "e", "kind": "build"},
    ]
    assert cratesio.dependency_names(IndexVersion("1.0.0", "", False, tuple(deps))) == {"a", "d", "e"}


def _crate_file(name: str, version: str, manifest: str, sources: tuple[str, ...] = ("src/lib.rs",)) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for path, text in [("Cargo.toml", manifest), *[(s, "") for s in sources]]:
            data = text.encode()
            info = tarfile.TarInfo(f"{name}-{version}/{path}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(buf.getvalue())


def test_package_metadata_from_crate_file() -> None:
    manifest = '[package]\nname = "x"\nversion = "1.0.0"\ndescription = "A\\n  thing"\nlicense = "MIT"\nrepository = "r"\n'
    meta = cratesio.package_metadata(_crate_file("x", "1.0.0", manifest), "x", "1.0.0")
    assert meta == PackageMetadata("A thing", "MIT", "r", has_library=True)


def test_program_only_crate_has_no_library() -> None:
    manifest = '[package]\nname = "x"\nversion = "1.0.0"\n'
    meta = cratesio.package_metadata(_crate_file("x", "1.0.0", manifest, ("src/main.rs",)), "x", "1.0.0")
    assert not meta.has_library
    custom = manifest + '[lib]\npath = "lib/mod.rs"\n'
    assert cratesio.package_metadata(_crate_file("x", "1.0.0", custom, ("lib/mod.rs",)), "x", "1.0.0").has_library


class FakeCratesIo:
    def __init__(self, index: dict[str, list[IndexVersion]]) -> None:
        self.index = index

    def versions(self, name: str) -> list[IndexVersion] | None:
        return self.index.get(name)

    def metadata(self, name: str, version: str) -> PackageMetadata:
        return PackageMetadata(f"{name} {version}", "MIT", f"https://example.invalid/{name}", name != "b")


def test_refresh_fills_facts_and_marks_missing_crates() -> None:
    catalog = Catalog((make_crate("a", version="1.0.0"), make_crate("b", version=""), make_crate("ghost")))
    index = {
        "a": [IndexVersion("1.0.0", "a" * 64, False, ({"name": "b"}, {"name": "serde"})), IndexVersion("2.0.0", "f" * 64, False, ())],
        "b": [IndexVersion("0.3.0", "b" * 64, False, ())],
    }
    lines: list[str] = []
    out = refresh.refresh(catalog, FakeCratesIo(index), progress=lines.append).by_name()  # type: ignore[arg-type]
    assert out["a"].version == "1.0.0"  # pinned versions stay unless --upgrade
    assert out["a"].checksum == "a" * 64
    assert out["a"].internal_deps == ("b",)
    assert out["b"].version == "0.3.0"
    assert out["b"].reason == refresh.PROGRAM_ONLY
    assert out["ghost"].reason == refresh.NOT_PUBLISHED
    assert len(lines) == 3
    upgraded = refresh.refresh(catalog, FakeCratesIo(index), upgrade=True, progress=lines.append)  # type: ignore[arg-type]
    assert upgraded.by_name()["a"].version == "2.0.0"


def test_refresh_keeps_the_revision_of_the_same_version_only() -> None:
    catalog = Catalog((make_crate("a", version="1.0.0", revision=3),))
    index = {"a": [IndexVersion("1.0.0", "a" * 64, False, ()), IndexVersion("1.1.0", "f" * 64, False, ())]}
    kept = refresh.refresh(catalog, FakeCratesIo(index), progress=lambda _: None)  # type: ignore[arg-type]
    assert kept.by_name()["a"].revision == 3
    upgraded = refresh.refresh(catalog, FakeCratesIo(index), upgrade=True, progress=lambda _: None)  # type: ignore[arg-type]
    assert (upgraded.by_name()["a"].version, upgraded.by_name()["a"].revision) == ("1.1.0", 0)
