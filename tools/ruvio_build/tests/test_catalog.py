from __future__ import annotations

import pytest

from ruvio_build.catalog import Catalog, CatalogError, dumps, parse

from .conftest import make_crate


def test_round_trip_is_byte_identical(catalog: Catalog) -> None:
    text = dumps(catalog)
    assert dumps(parse(text)) == text


def test_crates_are_sorted_by_name(catalog: Catalog) -> None:
    shuffled = Catalog(tuple(reversed(catalog.crates)))
    assert dumps(shuffled) == dumps(catalog)


def test_platforms_exclude_unsupported(catalog: Catalog) -> None:
    beta = catalog.by_name()["beta"]
    assert "darwin-x64" not in beta.platforms()
    assert "linux-x64-gnu" in beta.platforms()
    assert catalog.by_name()["gamma"].platforms() == []


def test_npm_and_binary_names() -> None:
    crate = make_crate("bit-parallel-search")
    assert crate.npm == "@ruv.io/bit-parallel-search"
    assert crate.binary_name == "bit_parallel_search"


@pytest.mark.parametrize(
    ("crates", "crate", "field", "words"),
    [
        ((make_crate("a"), make_crate("a")), "a", "name", "twice"),
        ((make_crate("a", version=""),), "a", "version", "missing"),
        ((make_crate("a", version="one"),), "a", "version", "semantic"),
        ((make_crate("a", unsupported={"beos-x86": "old"}),), "a", "unsupported", "unknown platform 'beos-x86'"),
        ((make_crate("a", unsupported={"darwin-x64": " "}),), "a", "unsupported", "needs a reason"),
        ((make_crate("a", internal_deps=("zzz",)),), "a", "internal_deps", "'zzz' is not in the catalog"),
        ((make_crate("a", number=4), make_crate("b", number=4)), "b", "number", "also the number"),
        ((make_crate("a", checksum="xyz"),), "a", "checksum", "64"),
        (
            (make_crate("a", category="AI/ML Systems"), make_crate("b", category="General, Ai Ml Systems")),
            "b",
            "category",
            "spelled 'AI/ML Systems' by crate 'a'",
        ),
        ((make_crate("a", category="General,"),), "a", "category", "empty category"),
    ],
)
def test_bad_input_names_crate_and_field(
    crates: tuple[object, ...], crate: str, field: str, words: str
) -> None:
    with pytest.raises(CatalogError) as e:
        dumps(Catalog(crates))  # type: ignore[arg-type]
    assert e.value.crate == crate
    assert e.value.field == field
    assert words in str(e.value)
    assert f"crate '{crate}'" in str(e.value)


def test_dependency_cycle_is_reported_with_its_path() -> None:
    crates = (
        make_crate("a", internal_deps=("b",)),
        make_crate("b", internal_deps=("c",)),
        make_crate("c", internal_deps=("a",)),
    )
    with pytest.raises(CatalogError, match="a -> b -> c -> a"):
        dumps(Catalog(crates))


def test_unsupported_crate_needs_no_version() -> None:
    dumps(Catalog((make_crate("a", version="", reason="not on crates.io"),)))


def test_malformed_toml_names_the_file_and_line() -> None:
    with pytest.raises(CatalogError, match=r"catalog.toml is not valid TOML: .*line 2"):
        parse('[[crate]]\nname = "a\n', "catalog.toml")


def test_unknown_field_is_named() -> None:
    with pytest.raises(CatalogError, match="crate 'a' field 'colour'"):
        parse('[[crate]]\nname = "a"\nversion = "1.0.0"\ncolour = "red"\n')


def test_wrong_type_is_named() -> None:
    with pytest.raises(CatalogError, match="crate 'a' field 'number'"):
        parse('[[crate]]\nname = "a"\nversion = "1.0.0"\nnumber = "seven"\n')
