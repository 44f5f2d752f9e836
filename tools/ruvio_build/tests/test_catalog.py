from __future__ import annotations

from pathlib import Path

import pytest

from ruvio_build import cli
from ruvio_build.catalog import Catalog, CatalogError, PublishedAddon, dumps, parse

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
        ((make_crate("a", revision=100),), "a", "revision", "between 0 and 99, not 100"),
        ((make_crate("a", revision=-1),), "a", "revision", "between 0 and 99, not -1"),
        ((make_crate("a", group="Net"),), "a", "group", "'Net' is not a lowercase identifier"),
        ((make_crate("a", group="net-2"),), "a", "group", "not a lowercase identifier"),
        ((make_crate("a", group="2net"),), "a", "group", "not a lowercase identifier"),
        ((make_crate("a", group="default"),), "a", "group", "leave the field out"),
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


@pytest.mark.parametrize(
    ("version", "revision", "npm"),
    [
        ("0.1.0", 0, "0.1.0"),
        ("0.1.0", 1, "0.1.1"),
        ("1.0.1", 0, "1.0.100"),
        ("1.0.1", 2, "1.0.102"),
        ("4.8.12", 99, "4.8.1299"),
        ("2.0.3-beta.1", 4, "2.0.304-beta.1"),
    ],
)
def test_npm_version_puts_the_revision_in_the_patch(version: str, revision: int, npm: str) -> None:
    assert make_crate("a", version=version, revision=revision).npm_version == npm


def test_revision_is_written_only_when_set() -> None:
    plain = dumps(Catalog((make_crate("a"),)))
    assert "revision" not in plain
    text = dumps(Catalog((make_crate("a", revision=7),)))
    assert "revision = 7\n" in text
    assert parse(text).by_name()["a"].revision == 7
    assert dumps(parse(text)) == text


def test_revision_must_be_an_integer() -> None:
    with pytest.raises(CatalogError, match="crate 'a' field 'revision': must be an integer, not '1'"):
        parse('[[crate]]\nname = "a"\nversion = "1.0.0"\nrevision = "1"\n')


def test_versions_prints_crate_and_npm_versions(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = workspace / "crates" / "catalog.toml"
    catalog.write_text(catalog.read_text().replace('version = "1.0.0"', 'version = "1.0.1"\nrevision = 2', 1))
    assert cli.main(["--root", str(workspace), "versions"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["crate", "version", "revision", "npm", "version"]
    assert lines[1].split() == ["alpha-one", "1.0.1", "2", "1.0.102"]
    assert lines[2].split() == ["beta", "1.0.0", "0", "1.0.0"]
    assert len(lines) == 3  # gamma is not built
    assert cli.main(["--root", str(workspace), "versions", "nope"]) == 2
    assert "crate 'nope': is not in the catalog" in capsys.readouterr().err


def test_group_is_written_only_when_set() -> None:
    text = dumps(Catalog((make_crate("a"), make_crate("b", group="net_2"))))
    assert text.count("group = ") == 1
    assert 'notes = ""\ngroup = "net_2"\n' in text
    assert parse(text).by_name()["b"].group == "net_2"


def test_group_must_be_a_string() -> None:
    with pytest.raises(CatalogError) as e:
        parse('[[crate]]\nname = "a"\nversion = "1.0.0"\ngroup = 3\n')
    assert (e.value.crate, e.value.field) == ("a", "group")


def _program(name: str = "tool", **fields: object) -> str:
    extra = "".join(f"{k} = {v}\n" for k, v in fields.items())
    return (
        f'[[crate]]\nname = "{name}"\nversion = "0.1.0"\ngroup = "programs"\naddon = false\n{extra}'
        '\n[crate.executable]\nname = "tool"\npath = "src/main.rs"\n'
    )


def test_executable_round_trips_and_names_its_kind() -> None:
    catalog = parse(_program())
    crate = catalog.by_name()["tool"]
    assert crate.kind == "executable" and not crate.addon
    assert crate.executable is not None and crate.executable.edition == "2021"
    assert crate.source_repo == "crate_source_tool"
    assert dumps(parse(dumps(catalog))) == dumps(catalog)
    assert make_crate("a").kind == "addon"


def test_executable_library_round_trips() -> None:
    catalog = parse(_program() + 'library = "src/lib.rs"\n')
    assert catalog.by_name()["tool"].executable.library == "src/lib.rs"
    assert 'library = "src/lib.rs"' in dumps(catalog)
    assert dumps(parse(dumps(catalog))) == dumps(catalog)


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('[[crate]]\nname = "t"\nversion = "1.0.0"\naddon = false\n', "addon", "ship nothing"),
        (_program().replace('addon = false\n', ""), "executable", "not both"),
        (_program().replace('group = "programs"\n', ""), "group", "named group"),
        (_program().replace('name = "tool"\npath', 'name = "a/b"\npath'), "executable.name", "command name"),
        (_program().replace('"src/main.rs"', '"../main.rs"'), "executable.path", "inside the crate"),
        (_program() + 'edition = "2019"\n', "executable.edition", "edition"),
        (_program() + "bin = 1\n", "executable.bin", "not a field"),
        (_program() + 'library = "/lib.rs"\n', "executable.library", "inside the crate"),
        (_program() + 'library = "src/main.rs"\n', "executable.library", "own crate root"),
    ],
)
def test_bad_executable_names_crate_and_field(text: str, field: str, words: str) -> None:
    with pytest.raises(CatalogError) as e:
        parse(text)
    assert e.value.field == field
    assert words in str(e.value)


def _published_addon(**fields: str) -> str:
    table = {"name": '"neural_trader"', "napi_derive": '"2"', **fields}
    return '[[crate]]\nname = "nt-x"\nversion = "1.0.0"\ngroup = "nt"\n\n[crate.published_addon]\n' + "".join(
        f"{k} = {v}\n" for k, v in table.items()
    )


def test_published_addon_round_trips_as_an_addon() -> None:
    catalog = parse(_published_addon(features='["fast"]'))
    crate = catalog.by_name()["nt-x"]
    assert crate.kind == "addon" and crate.from_published and crate.addon
    assert crate.published_addon == PublishedAddon("neural_trader", "2", "src/lib.rs", "2021", ("fast",))
    text = dumps(catalog)
    assert '\n[crate.published_addon]\nname = "neural_trader"\npath = "src/lib.rs"\nedition = "2021"\n' in text
    assert 'features = ["fast"]\nnapi_derive = "2"\n' in text
    assert dumps(parse(text)) == text
    assert not make_crate("a").from_published


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (_published_addon().replace('group = "nt"\n', ""), "group", "named group"),
        (_published_addon().replace('group = "nt"\n', 'group = "nt"\naddon = false\n'), "published_addon", "addon = false"),
        (
            _published_addon().replace('group = "nt"\n', 'group = "nt"\naddon = false\n')
            + '\n[crate.executable]\nname = "t"\npath = "src/main.rs"\n',
            "published_addon",
            "not both",
        ),
        (_published_addon(name='"neural-trader"'), "published_addon.name", "Rust crate name"),
        (_published_addon(name='""'), "published_addon.name", "missing"),
        (_published_addon(path='"../lib.rs"'), "published_addon.path", "inside the crate"),
        (_published_addon(edition='"2019"'), "published_addon.edition", "edition"),
        (_published_addon(napi_derive='"1"'), "published_addon.napi_derive", "napi-derive major"),
        (_published_addon(napi_derive="2"), "published_addon.napi_derive", "must be a string"),
        (_published_addon(features='"fast"'), "published_addon.features", "list of strings"),
        (_published_addon(lib='"x"'), "published_addon.lib", "not a field"),
        ('[[crate]]\nname = "nt-x"\nversion = "1.0.0"\npublished_addon = "yes"\n', "published_addon", "must be a table"),
    ],
)
def test_bad_published_addon_names_crate_and_field(text: str, field: str, words: str) -> None:
    with pytest.raises(CatalogError) as e:
        parse(text)
    assert (e.value.crate, e.value.field) == ("nt-x", field)
    assert words in str(e.value)


def test_published_addon_without_napi_derive_is_refused() -> None:
    text = _published_addon().replace('napi_derive = "2"\n', "")
    with pytest.raises(CatalogError, match="crate 'nt-x' field 'published_addon.napi_derive': is missing"):
        parse(text)
