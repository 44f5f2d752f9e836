from __future__ import annotations

from pathlib import Path

import pytest

from ruvio_build import cli, generate, patches
from ruvio_build.catalog import Catalog

LIST = """
[[patch]]
crate = "zlib-thing"
version = "1.2.3"
file = "zlib-thing-1.2.3.patch"
why = '''
Its build script looks at the host,
not the target.
'''
"""

LOCK = """version = 4

[[package]]
name = "zlib-thing"
version = "1.2.3"

[[package]]
name = "other"
version = "0.1.0"
"""


def test_parses_and_joins_the_reason() -> None:
    (p,) = patches.parse(LIST, present=["zlib-thing-1.2.3.patch"])
    assert (p.crate, p.version, p.file) == ("zlib-thing", "1.2.3", "zlib-thing-1.2.3.patch")
    assert p.why == "Its build script looks at the host, not the target."
    assert p.label == "@//crates/patches:zlib-thing-1.2.3.patch"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nfile = "x.patch"\n', "patch 1 (x): field 'why' must be a non-empty string"),
        ('[[patch]]\ncrate = "x"\nversion = "1.0"\nfile = "x.patch"\nwhy = "w"\n', "field 'version': '1.0' is not an exact version"),
        ('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nfile = "../x.patch"\nwhy = "w"\n', "field 'file': '../x.patch' must name a .patch file"),
        ('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nfile = "y.patch"\nwhy = "w"\n', "crates/patches/y.patch does not exist"),
        ('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nfile = "x.patch"\nwhy = "w"\nflags = "-O"\n', "unknown field 'flags'"),
        ('[patch]\ncrate = "x"\n', "must be an array of tables"),
        ("patches = 1\n", "unknown key 'patches'"),
        ("[[patch]\n", "not valid TOML"),
    ],
)
def test_bad_entries_name_the_entry_and_field(text: str, message: str) -> None:
    with pytest.raises(patches.PatchError, match="crates/patches/patches.toml") as e:
        patches.parse(text, present=["x.patch"])
    assert message in str(e.value)


def test_listed_twice_is_refused() -> None:
    entry = '[[patch]]\ncrate = "x"\nversion = "1.0.0"\nfile = "x.patch"\nwhy = "w"\n'
    with pytest.raises(patches.PatchError, match=r"patch 2 \(x\): listed twice"):
        patches.parse(entry + entry, present=["x.patch"])


def test_applies_only_where_the_lock_holds_that_version() -> None:
    (p,) = patches.parse(LIST)
    assert patches.for_lock([p], LOCK) == [p]
    assert patches.for_lock([p], LOCK.replace('"1.2.3"', '"1.2.4"')) == []
    assert patches.for_lock([p], "") == []


def test_vendor_target_carries_the_annotation(catalog: Catalog) -> None:
    (p,) = patches.parse(LIST)
    build = generate.plan(catalog, patches={"": [p]}).generated["crates/BUILD.bazel"]
    assert 'load("@rules_rust//crate_universe:defs.bzl", "crate", "crates_vendor", "render_config")' in build
    assert (
        '    annotations = {\n        "zlib-thing": [\n'
        "            # Its build script looks at the host, not the target.\n"
        "            crate.annotation(\n"
        '                patch_args = ["-p1"],\n'
        '                patches = ["@//crates/patches:zlib-thing-1.2.3.patch"],\n'
        '                version = "1.2.3",\n'
        "            ),\n        ],\n    },\n"
    ) in build
    # Nothing patched: no annotations, and no unused load.
    plain = generate.plan(catalog).generated["crates/BUILD.bazel"]
    assert "annotations" not in plain and '"crate",' not in plain


def test_generate_reads_the_list_and_each_lock(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workspace / "crates" / "Cargo.lock").write_text(LOCK)
    folder = workspace / "crates" / "patches"
    folder.mkdir()
    (folder / "patches.toml").write_text(LIST)
    (folder / "zlib-thing-1.2.3.patch").write_text("")
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    assert "zlib-thing-1.2.3.patch" in (workspace / "crates" / "BUILD.bazel").read_text()

    # A missing patch file stops generate with its name, writing nothing.
    (folder / "zlib-thing-1.2.3.patch").unlink()
    (folder / "patches.toml").write_text(LIST.replace('version = "1.2.3"', 'version = "1.2.3"\n', 1))
    before = (workspace / "crates" / "BUILD.bazel").read_text()
    capsys.readouterr()
    assert cli.main(["--root", str(workspace), "generate"]) == 2
    assert "crates/patches/zlib-thing-1.2.3.patch does not exist" in capsys.readouterr().err
    assert (workspace / "crates" / "BUILD.bazel").read_text() == before


def test_a_group_gets_its_patches_once_vendoring_resolved_it(workspace: Path) -> None:
    (workspace / "crates" / "Cargo.lock").write_text(LOCK)
    folder = workspace / "crates" / "patches"
    folder.mkdir()
    (folder / "patches.toml").write_text(LIST)
    (folder / "zlib-thing-1.2.3.patch").write_text("")
    catalog_path = workspace / "crates" / "catalog.toml"
    catalog_path.write_text(catalog_path.read_text().replace('name = "beta"\n', 'name = "beta"\ngroup = "extra"\n', 1))
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    group = workspace / "crates" / "groups" / "extra"
    # Its lock is still the default one's copy: crate_universe would refuse
    # an annotation for a crate the group may not need.
    assert (group / "Cargo.lock").read_text() == LOCK
    assert "annotations" not in (group / "BUILD.bazel").read_text()
    # Vendored, its own lock holds the crate: now it gets the patch.
    (group / "Cargo.lock").write_text(LOCK.replace('name = "other"', 'name = "another"'))
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    assert "zlib-thing-1.2.3.patch" in (group / "BUILD.bazel").read_text()


def test_an_entry_may_give_library_data_instead_of_a_patch(catalog: Catalog) -> None:
    text = '[[patch]]\ncrate = "src-thing"\nversion = "3.0.0+1.1"\ndata_glob = ["sources/**"]\nwhy = "read by dependents"\n'
    (p,) = patches.parse(text, present=[])
    assert (p.file, p.data_glob, p.label) == ("", ("sources/**",), "")
    build = generate.plan(catalog, patches={"": [p]}).generated["crates/BUILD.bazel"]
    assert '                data_glob = ["sources/**"],\n                version = "3.0.0+1.1",\n' in build
    assert "patches = " not in build
    with pytest.raises(patches.PatchError, match="needs a 'file' .*, a 'data_glob' or 'crate_features'"):
        patches.parse('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nwhy = "w"\n')
    with pytest.raises(patches.PatchError, match="'data_glob' must be a list of relative glob patterns"):
        patches.parse('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nwhy = "w"\ndata_glob = ["/abs/**"]\n')


def test_an_entry_may_give_features_a_build_script_cannot_probe(catalog: Catalog) -> None:
    text = '[[patch]]\ncrate = "map-thing"\nversion = "1.9.3"\ncrate_features = ["std"]\nwhy = "probe"\n'
    (p,) = patches.parse(text, present=[])
    assert (p.file, p.data_glob, p.crate_features) == ("", (), ("std",))
    build = generate.plan(catalog, patches={"": [p]}).generated["crates/BUILD.bazel"]
    assert '                crate_features = ["std"],\n                version = "1.9.3",\n' in build
    with pytest.raises(patches.PatchError, match="'crate_features' must be a list of feature names"):
        patches.parse('[[patch]]\ncrate = "x"\nversion = "1.0.0"\nwhy = "w"\ncrate_features = ["a b"]\n')
