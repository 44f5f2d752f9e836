from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ruvio_build import cli, generate, groups
from ruvio_build.catalog import Catalog, dumps

from .conftest import VENDORED_DEFS

LOCK = "# the default workspace's lock\nversion = 4\n"


@pytest.fixture
def grouped(catalog: Catalog) -> Catalog:
    return catalog.replace_crate("beta", group="extra")


def test_groups_are_the_default_and_each_named_one(grouped: Catalog) -> None:
    every = generate.bound_crates(grouped)
    found = groups.groups(every)
    assert [(g.name, [c.name for c in g.crates]) for g in found] == [("", ["alpha-one"]), ("extra", ["beta"])]
    # The default group exists with no crates at all.
    assert [g.name for g in groups.groups([])] == [""]


def test_where_each_world_lives() -> None:
    default, extra = groups.Group(""), groups.Group("extra")
    assert (default.hub, default.package, default.third_party) == ("crates", "crates", "crates/3rdparty")
    assert (extra.hub, extra.package, extra.third_party) == (
        "crates_extra",
        "crates/groups/extra",
        "crates/groups/extra/3rdparty",
    )
    assert default.cargo_package("beta") == "crates/beta"
    assert extra.cargo_package("beta") == "crates/groups/extra/members/beta"
    assert extra.vendor_command == "tools/bazel run //crates/groups/extra:vendor -- --repin workspace"
    assert default.label == "default" and extra.label == "extra"


def test_named_group_gets_a_workspace_lock_and_vendor_target(grouped: Catalog) -> None:
    plan = generate.plan(grouped, default_lock=LOCK)
    default = tomllib.loads(plan.generated["crates/Cargo.toml"])["workspace"]
    assert (default["members"], default["exclude"]) == (["alpha-one"], ["beta"])
    extra = tomllib.loads(plan.generated["crates/groups/extra/Cargo.toml"])
    assert extra["workspace"]["members"] == ["members/beta"]
    assert "exclude" not in extra["workspace"]
    # The same inherited settings as the default workspace.
    assert extra["workspace"]["dependencies"] == tomllib.loads(plan.generated["crates/Cargo.toml"])["workspace"]["dependencies"]
    build = plan.generated["crates/groups/extra/BUILD.bazel"]
    assert 'repository_name = "crates_extra",' in build
    assert '"//crates/beta:Cargo.toml",' in build and "alpha-one" not in build
    assert '"--members",\n        "crates/groups/extra/members",\n        "beta",\n        "--",' in build
    assert '"//crates:vendor.sh"' in build
    # A new group's lock starts from the default one; vendoring then trims it.
    assert plan.skeletons["crates/groups/extra/Cargo.lock"] == LOCK
    assert "crates/Cargo.lock" not in plan.skeletons


def test_member_takes_its_dependencies_from_its_group(grouped: Catalog) -> None:
    generated = generate.plan(grouped).generated
    beta = generated["crates/beta/BUILD.bazel"]
    assert 'load("@crates_extra//:defs.bzl", "all_crate_deps")' in beta
    assert beta.count('package_name = "crates/groups/extra/members/beta"') == 2
    alpha = generated["crates/alpha-one/BUILD.bazel"]
    assert 'load("@crates//:defs.bzl", "all_crate_deps")' in alpha
    assert "deps = all_crate_deps(normal = True)," in alpha and "package_name" not in alpha
    package = generated["packages/beta/BUILD.bazel"]
    assert 'third_party = "//crates/groups/extra/3rdparty",' in package
    assert 'cargo_package = "crates/groups/extra/members/beta",' in package
    assert "third_party" not in generated["packages/alpha-one/BUILD.bazel"]


def test_hubs_are_declared_once_vendored(grouped: Catalog) -> None:
    before = generate.plan(grouped, vendored={"": {"alpha-one", "beta"}})
    assert "crates_extra" not in before.generated["crates/extensions.bzl"]
    assert '"crates_extra"' not in before.generated["crates/crates.MODULE.bazel"]
    # Vendored in the default workspace, but the catalog moved it: not until
    # its own group resolves it.
    assert "rust_shared_library" not in before.generated["crates/beta/BUILD.bazel"]
    assert "tools/bazel run //crates/groups/extra:vendor -- --repin workspace" in before.generated["crates/beta/BUILD.bazel"]
    assert "packages/beta/BUILD.bazel" not in before.generated
    assert "//crates/groups/extra" not in before.generated["tests/generated.bzl"].split("VENDORED_GROUPS")[1]

    after = generate.plan(grouped, vendored={"": {"alpha-one"}, "extra": {"beta"}})
    extensions = after.generated["crates/extensions.bzl"]
    assert 'load("//crates/groups/extra/3rdparty:crates.bzl", crates_extra_repositories = "crate_repositories")' in extensions
    assert "    crates_extra_repositories()" in extensions
    assert '"crates",\n    "crates_extra",' in after.generated["crates/crates.MODULE.bazel"]
    assert "packages/beta/BUILD.bazel" in after.generated
    vendored_groups = after.generated["tests/generated.bzl"].split("VENDORED_GROUPS")[1]
    assert '"//crates",\n    "//crates/groups/extra",' in vendored_groups


def test_moving_back_to_the_default_removes_the_group(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog_path = workspace / "crates" / "catalog.toml"
    text = catalog_path.read_text()
    catalog_path.write_text(text.replace('name = "beta"\n', 'name = "beta"\ngroup = "extra"\n', 1))
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    group_dir = workspace / "crates" / "groups" / "extra"
    assert (group_dir / "BUILD.bazel").is_file() and (group_dir / "Cargo.lock").is_file()
    # What vendoring writes there belongs to the group too.
    (group_dir / "3rdparty").mkdir()
    (group_dir / "3rdparty" / "defs.bzl").write_text(VENDORED_DEFS.replace('"crates/', '"crates/groups/extra/members/'))
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    assert "@crates_extra//:defs.bzl" in (workspace / "crates" / "beta" / "BUILD.bazel").read_text()

    catalog_path.write_text(text)
    capsys.readouterr()
    assert cli.main(["--root", str(workspace), "generate", "--check"]) == 1
    assert "stale: crates/groups/extra/" in capsys.readouterr().out
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    assert not group_dir.exists()
    assert "@crates//:defs.bzl" in (workspace / "crates" / "beta" / "BUILD.bazel").read_text()
    assert cli.main(["--root", str(workspace), "generate", "--check"]) == 0


def test_a_hand_made_directory_under_groups_is_left_alone(workspace: Path) -> None:
    mine = workspace / "crates" / "groups" / "notes"
    mine.mkdir(parents=True)
    (mine / "README").write_text("mine\n")
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    assert (mine / "README").read_text() == "mine\n"


def test_member_with_its_own_workspace_key_fails_clearly(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog_path = workspace / "crates" / "catalog.toml"
    catalog_path.write_text(catalog_path.read_text().replace('name = "beta"\n', 'name = "beta"\ngroup = "extra"\n', 1))
    manifest = workspace / "crates" / "beta" / "Cargo.toml"
    manifest.parent.mkdir(parents=True)
    manifest.write_text('[package]\nname = "beta-napi"\nworkspace = "../groups/extra"\n')
    before = sorted(p.relative_to(workspace).as_posix() for p in workspace.rglob("*"))
    assert cli.main(["--root", str(workspace), "generate"]) == 2
    err = capsys.readouterr().err
    assert "crate 'beta' field 'group': crates/beta/Cargo.toml sets package.workspace = '../groups/extra'" in err
    assert "remove that key" in err
    assert sorted(p.relative_to(workspace).as_posix() for p in workspace.rglob("*")) == before


@pytest.mark.parametrize(
    ("manifest", "words"),
    [
        ('[package]\nname = "x"\n[workspace]\n', "a [workspace] table of its own"),
        ('[package\nname = "x"\n', "is not valid TOML"),
    ],
)
def test_member_manifest_problems_name_the_crate(grouped: Catalog, manifest: str, words: str) -> None:
    beta = grouped.by_name()["beta"]
    with pytest.raises(groups.GroupError) as e:
        groups.check_binding_manifest(beta, manifest, "crates/beta/Cargo.toml")
    assert "crate 'beta'" in str(e.value) and words in str(e.value)


def test_default_member_may_have_any_manifest(catalog: Catalog) -> None:
    groups.check_binding_manifest(catalog.by_name()["beta"], '[package]\nworkspace = ".."\n', "crates/beta/Cargo.toml")


def test_group_round_trips_through_the_catalog(grouped: Catalog) -> None:
    from ruvio_build.catalog import parse

    assert parse(dumps(grouped)).by_name()["beta"].group == "extra"


def test_normal_dependencies_by_package_and_condition() -> None:
    defs = """\
_NORMAL_DEPENDENCIES = {
    "crates/groups/extra/members/beta": {
        _COMMON_CONDITION: {
            "beta": Label("@crates_extra__beta-1.0.0//:beta"),
            "napi": Label("@crates_extra__napi-3.0.0//:napi"),
        },
        "cfg(target_os = \\"linux\\")": {
            "openssl": Label("@crates_extra__openssl-0.10.0//:openssl"),
        },
    },
    "crates/groups/extra/members/gamma": {
    },
}
"""
    found = groups.normal_dependencies(defs)
    assert found == {
        "crates/groups/extra/members/beta": {
            groups.COMMON_CONDITION: ["crates_extra__beta-1.0.0", "crates_extra__napi-3.0.0"],
            'cfg(target_os = "linux")': ["crates_extra__openssl-0.10.0"],
        },
        "crates/groups/extra/members/gamma": {},
    }
    assert groups.vendored_packages(defs, groups.Group("extra")) == {"beta", "gamma"}
    assert groups.normal_dependencies("nothing here") == {}
