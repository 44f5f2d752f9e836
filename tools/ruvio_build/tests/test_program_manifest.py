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


LIB_MANIFEST = {
    "package": {"name": "tool-cli", "edition": "2021"},
    "lib": {"name": "tool_cli", "path": "src/lib.rs"},
    "bin": [{"name": "tool", "path": "src/main.rs"}],
}


def test_library_named_in_the_catalog() -> None:
    lines = check(LIB_MANIFEST, "tool", "src/main.rs", "2021", [], "src/lib.rs")
    assert lines[-1] == "ok    executable.library: src/lib.rs (tool_cli)"


@pytest.mark.parametrize(
    ("manifest", "library", "message"),
    [
        (LIB_MANIFEST, "", "the crate has a library"),
        (LIB_MANIFEST, "src/other.rs", "the crate's \\[lib\\] is 'src/lib.rs'"),
        (
            {**LIB_MANIFEST, "lib": {"name": "renamed", "path": "src/lib.rs"}},
            "src/lib.rs",
            "the crate's \\[lib\\] is named 'renamed'",
        ),
        ({k: v for k, v in LIB_MANIFEST.items() if k != "lib"}, "src/lib.rs", "the crate declares no \\[lib\\]"),
    ],
)
def test_library_mismatch(manifest: dict, library: str, message: str) -> None:
    with pytest.raises(Mismatch, match=f"executable.library: {message}"):
        check(manifest, "tool", "src/main.rs", "2021", [], library)
