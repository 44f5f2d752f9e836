from __future__ import annotations

from typing import Any

import pytest

from ruvio_build.addon_manifest import check, main, napi_derive_major
from ruvio_build.program_manifest import Mismatch

# As nt-napi-bindings 1.0.0 publishes it, cut down.
MANIFEST: dict[str, Any] = {
    "package": {"name": "nt-napi-bindings", "edition": "2021"},
    "features": {"default": [], "gpu": [], "msgpack": ["rmp-serde"]},
    "lib": {"name": "neural_trader", "crate-type": ["cdylib"], "path": "src/lib.rs"},
    "dependencies": {"napi": {"version": "2.16"}, "napi-derive": {"version": "2.16"}},
}


def test_matching_entry_passes() -> None:
    lines = check(MANIFEST, "neural_trader", "src/lib.rs", "2021", "2", [])
    assert all(line.startswith("ok") for line in lines)
    assert lines[-1] == "ok    published_addon.napi_derive: 2"


@pytest.mark.parametrize(
    ("version", "major"),
    [("2.16", "2"), ("^3", "3"), ("=2.16.13", "2"), ({"version": "~2.1"}, "2")],
)
def test_napi_derive_major(version: object, major: str) -> None:
    assert napi_derive_major({"dependencies": {"napi-derive": version}}) == major


def test_renamed_napi_derive_is_found() -> None:
    manifest = {"dependencies": {"derive": {"package": "napi-derive", "version": "3.1"}}}
    assert napi_derive_major(manifest) == "3"


@pytest.mark.parametrize(
    ("manifest", "args", "field"),
    [
        (MANIFEST, ("trader", "src/lib.rs", "2021", "2", []), "published_addon.name"),
        (MANIFEST, ("neural_trader", "lib.rs", "2021", "2", []), "published_addon.path"),
        (MANIFEST, ("neural_trader", "src/lib.rs", "2018", "2", []), "published_addon.edition"),
        (MANIFEST, ("neural_trader", "src/lib.rs", "2021", "2", ["gpu"]), "published_addon.features"),
        (MANIFEST, ("neural_trader", "src/lib.rs", "2021", "3", []), "published_addon.napi_derive"),
        ({**MANIFEST, "dependencies": {}}, ("neural_trader", "src/lib.rs", "2021", "2", []), "no napi-derive"),
        ({**MANIFEST, "lib": {"name": "neural_trader"}}, ("neural_trader", "src/lib.rs", "2021", "2", []), "no cdylib"),
        ({"package": MANIFEST["package"]}, ("neural_trader", "src/lib.rs", "2021", "2", []), "no \\[lib\\]"),
    ],
)
def test_mismatch_names_the_field(manifest: dict[str, Any], args: tuple[Any, ...], field: str) -> None:
    with pytest.raises(Mismatch, match=field):
        check(manifest, *args)


def test_main_says_which_catalog_table(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "Cargo.toml"
    manifest.write_text(
        '[package]\nname = "nt-napi-bindings"\nedition = "2021"\n'
        '[lib]\nname = "neural_trader"\ncrate-type = ["cdylib"]\n'
        '[dependencies]\nnapi-derive = "2.16"\n'
    )
    assert main([str(manifest), "neural_trader", "src/lib.rs", "2021", "2"]) == 0
    assert main([str(manifest), "neural_trader", "src/lib.rs", "2021", "3"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  published_addon.napi_derive: the crate depends on napi-derive 2, not napi-derive 3" in out
    assert "[crate.published_addon]" in out
    assert main([str(manifest)]) == 2
