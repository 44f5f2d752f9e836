from __future__ import annotations

import pytest

from ruvio_build.program_manifest import Mismatch, check, default_features

MANIFEST = {
    "package": {"name": "tool", "edition": "2021"},
    "features": {"default": ["fast", "serde/std"], "fast": ["simd", "dep:rayon"], "simd": [], "extra": []},
    "bin": [{"name": "tl", "path": "src/bin/tl.rs", "required-features": ["fast"]}],
}


def test_default_features_follow_what_they_turn_on() -> None:
    assert default_features(MANIFEST) == {"fast", "simd"}


def test_matching_entry_passes() -> None:
    lines = check(MANIFEST, "tl", "src/bin/tl.rs", "2021", ["simd", "fast"])
    assert all(line.startswith("ok") for line in lines)


def test_implicit_main_program() -> None:
    manifest = {"package": {"name": "tool", "edition": "2018"}}
    assert check(manifest, "tool", "src/main.rs", "2018", [])


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("nope", "src/bin/tl.rs", "2021", ["fast", "simd"]), "executable.name"),
        (("tl", "src/main.rs", "2021", ["fast", "simd"]), "executable.path"),
        (("tl", "src/bin/tl.rs", "2018", ["fast", "simd"]), "executable.edition"),
        (("tl", "src/bin/tl.rs", "2021", ["fast"]), "executable.features"),
    ],
)
def test_mismatch_names_the_field(args: tuple[str, str, str, list[str]], field: str) -> None:
    with pytest.raises(Mismatch, match=field):
        check(MANIFEST, *args)
