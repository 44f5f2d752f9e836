from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from ruvio_build import cli, generate, groups
from ruvio_build.catalog import Catalog, Executable, PublishedAddon


def test_plan_is_deterministic(catalog: Catalog) -> None:
    assert generate.plan(catalog) == generate.plan(Catalog(tuple(reversed(catalog.crates))))


def test_every_generated_file_says_so_first(catalog: Catalog) -> None:
    for path, text in generate.plan(catalog).generated.items():
        assert generate.says_generated(text), path


def test_only_supported_crates_are_generated(catalog: Catalog) -> None:
    paths = generate.plan(catalog).generated
    assert "crates/beta/BUILD.bazel" in paths
    assert "crates/gamma/BUILD.bazel" not in paths


def test_unsupported_platform_has_no_target_but_a_reason(catalog: Catalog) -> None:
    build = generate.plan(catalog).generated["crates/beta/BUILD.bazel"]
    platforms = build[build.index("platforms = [") : build.index("]", build.index("platforms = ["))]
    assert '"linux-x64-gnu"' in platforms
    assert '"darwin-x64"' not in platforms
    assert "#   darwin-x64: no SDK" in build


def test_package_build_carries_the_readme_facts(catalog: Catalog) -> None:
    quoted = catalog.replace_crate("beta", notes='Rules are JSON, e.g. {"GreaterThan": 1}; a \\ b')
    build = generate.plan(quoted).generated["packages/beta/BUILD.bazel"]
    assert '    crate_version = "1.0.0",\n' in build
    assert '    unsupported = {\n        "darwin-x64": "no SDK",\n    },\n' in build
    # Quotes and backslashes escaped as Starlark reads them.
    assert '    notes = "Rules are JSON, e.g. {\\"GreaterThan\\": 1}; a \\\\ b",\n' in build
    plain = generate.plan(catalog).generated["packages/alpha-one/BUILD.bazel"]
    assert "unsupported = " not in plain and "notes = " not in plain


def test_package_json(catalog: Catalog) -> None:
    data = json.loads(generate.plan(catalog).generated["packages/alpha-one/package.json"])
    assert data["name"] == "@ruv.io/alpha-one"
    assert data["version"] == "1.0.0"
    assert data["napi"]["binaryName"] == "alpha_one"
    assert data["optionalDependencies"]["@ruv.io/alpha-one-linux-x64-gnu"] == "1.0.0"
    assert data["repository"]["url"] == "git+https://example.invalid/alpha.git"
    assert data["types"] == "index.d.ts"
    assert data["exports"]["."] == {"types": "./index.d.ts", "default": "./index.js"}
    assert set(data["files"]) == {"index.js", "index.d.ts", "README.md"}


def test_every_package_has_the_npm_version(catalog: Catalog) -> None:
    revised = catalog.replace_crate("alpha-one", version="1.0.1", revision=2)
    generated = generate.plan(revised).generated
    main = json.loads(generated["packages/alpha-one/package.json"])
    assert main["version"] == "1.0.102"
    assert set(main["optionalDependencies"].values()) == {"1.0.102"}
    for platform in main["optionalDependencies"]:
        path = f"packages/alpha-one/npm/{platform.removeprefix('@ruv.io/alpha-one-')}/package.json"
        assert json.loads(generated[path])["version"] == "1.0.102"
    # The crate's own version is what the binding and its tests see.
    assert 'crate_version = "1.0.1"' in generated["packages/alpha-one/BUILD.bazel"]


def test_publish_targets_cover_every_packaged_crate(catalog: Catalog) -> None:
    piloted = catalog.replace_crate("beta", pilot=True)
    build = generate.plan(piloted, vendored={"": {"alpha-one", "beta"}}).generated["packages/BUILD.bazel"]
    publish = build[build.index('name = "publish"') : build.index(")", build.index('name = "publish"'))]
    assert '"alpha-one",\n        "beta",' in publish and 'tags = ["matrix"]' in publish
    pilot = build[build.index('name = "publish_pilot_test"') :]
    assert '"beta"' in pilot and '"alpha-one"' not in pilot and "matrix" not in pilot
    # The test of several crates names only crates of the catalog.
    assert 'name = "publish_test"' not in build
    unvendored = generate.plan(piloted, vendored={"": {"alpha-one"}}).generated["packages/BUILD.bazel"]
    assert '"beta"' not in unvendored


def test_platform_package_json(catalog: Catalog) -> None:
    generated = generate.plan(catalog).generated
    musl = json.loads(generated["packages/alpha-one/npm/linux-x64-musl/package.json"])
    assert musl["name"] == "@ruv.io/alpha-one-linux-x64-musl"
    assert (musl["os"], musl["cpu"], musl["libc"]) == (["linux"], ["x64"], ["musl"])
    assert musl["main"] == musl["files"][0] == "alpha_one.linux-x64-musl.node"
    assert musl["files"][1:] == ["README.md"]
    darwin = json.loads(generated["packages/alpha-one/npm/darwin-arm64/package.json"])
    assert "libc" not in darwin
    wasm = json.loads(generated["packages/alpha-one/npm/wasm32-wasi/package.json"])
    # Never chosen by npm on its own: only with --cpu=wasm32.
    assert wasm["cpu"] == ["wasm32"] and "os" not in wasm
    assert set(wasm["dependencies"]) == {"@emnapi/core", "@emnapi/runtime"}
    # A platform the crate is not built for gets no package.
    assert "packages/beta/npm/darwin-x64/package.json" not in generated
    assert "packages/beta/npm/linux-x64-gnu/package.json" in generated


def test_second_run_changes_nothing(workspace: Path) -> None:
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    before = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    assert cli.main(["--root", str(workspace), "generate", "--check"]) == 0
    assert cli.main(["--root", str(workspace), "generate"]) == 0
    after = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    assert before == after


def test_hand_written_binding_is_never_overwritten(workspace: Path) -> None:
    lib = workspace / "crates" / "beta" / "src" / "lib.rs"
    lib.parent.mkdir(parents=True)
    lib.write_text("// mine\n")
    cli.main(["--root", str(workspace), "generate"])
    assert lib.read_text() == "// mine\n"
    assert (workspace / "crates" / "alpha-one" / "src" / "lib.rs").is_file()


def test_check_reports_stale_files_and_the_fix(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--root", str(workspace), "generate"])
    (workspace / "platforms" / "BUILD.bazel").write_text("# edited by hand\n")
    assert cli.main(["--root", str(workspace), "generate", "--check"]) == 1
    out = capsys.readouterr().out
    assert "stale: platforms/BUILD.bazel" in out
    assert generate.FIX_COMMAND in out


def test_bad_catalog_writes_nothing(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    catalog = workspace / "crates" / "catalog.toml"
    catalog.write_text(catalog.read_text().replace('name = "beta"', 'name = "alpha-one"'))
    assert cli.main(["--root", str(workspace), "generate"]) == 2
    assert "crate 'alpha-one' field 'name': appears twice" in capsys.readouterr().err
    assert sorted(p.name for p in workspace.rglob("*") if p.is_file()) == ["MODULE.bazel", "catalog.toml", "defs.bzl"]


def test_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def boom(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(generate.os, "replace", boom)
    with pytest.raises(OSError):
        generate.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_files_of_a_removed_crate_are_removed(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli.main(["--root", str(workspace), "generate"])
    assert (workspace / "packages" / "beta" / "index.js").is_file()
    catalog = workspace / "crates" / "catalog.toml"
    text = catalog.read_text()
    catalog.write_text(text[: text.index('\n[[crate]]\nname = "beta"')] + text[text.index('\n[[crate]]\nname = "gamma"') :])
    assert cli.main(["--root", str(workspace), "generate", "--check"]) == 1
    assert "stale: packages/beta/index.js" in capsys.readouterr().out
    cli.main(["--root", str(workspace), "generate"])
    assert not (workspace / "packages" / "beta" / "index.js").exists()
    assert (workspace / "crates" / "beta" / "src" / "lib.rs").is_file()  # the binding's own files stay


def test_vendored_packages_are_read_from_defs_bzl() -> None:
    from .conftest import VENDORED_DEFS

    assert groups.vendored_packages(VENDORED_DEFS, groups.Group("")) == {"alpha-one", "beta"}
    # A named group's defs.bzl files its members under its own directory.
    named = VENDORED_DEFS.replace('"crates/', '"crates/groups/extra/members/')
    assert groups.vendored_packages(named, groups.Group("extra")) == {"alpha-one", "beta"}
    assert groups.vendored_packages(named, groups.Group("")) == set()


def test_crate_not_vendored_yet_gets_no_targets(catalog: Catalog) -> None:
    plan = generate.plan(catalog, vendored={"": {"alpha-one"}})
    build = plan.generated["crates/beta/BUILD.bazel"]
    assert "rust_shared_library" not in build
    assert generate.VENDOR_COMMAND in build
    assert "packages/beta/index.js" not in plan.generated
    assert "crates/beta/src/lib.rs" in plan.skeletons
    assert '"beta"' in plan.generated["crates/Cargo.toml"]


def test_program_is_built_from_the_published_crate(catalog: Catalog) -> None:
    program = Catalog(
        (
            *catalog.crates,
            replace(
                catalog.by_name()["alpha-one"],
                name="tool",
                number=90,
                group="programs",
                addon=False,
                executable=Executable("tl", "src/bin/tl.rs", "2018", ("fast",)),
                checksum="ab" * 32,
            ),
        )
    )
    plan = generate.plan(program)
    build = plan.generated["crates/tool/BUILD.bazel"]
    assert 'load("//tools/rules:program.bzl", "rust_program")' in build
    assert '    source = "@crate_source_tool",\n' in build and '    path = "src/bin/tl.rs",\n' in build
    assert '    edition = "2018",\n' in build and '        "fast",\n' in build
    assert 'package_name = "crates/groups/programs/members/tool"' in build
    ext = plan.generated["crates/extensions.bzl"]
    assert 'name = "crate_source_tool"' in ext and f'sha256 = "{"ab" * 32}"' in ext
    assert "https://static.crates.io/crates/tool/tool-1.0.0.crate" in ext
    assert '"crate_source_tool",' in plan.generated["crates/crates.MODULE.bazel"]
    vendor = plan.generated["crates/groups/programs/BUILD.bazel"]
    assert '"tool=$(rootpath @crate_source_tool//:Cargo.toml)",' in vendor
    assert '"@crate_source_tool//:Cargo.toml",' in vendor
    # No binding skeletons for a program, but its test.
    assert "crates/tool/src/lib.rs" not in plan.skeletons
    assert "crates/tool/test/program.test.js" in plan.skeletons


def _published_addon(catalog: Catalog) -> Catalog:
    return Catalog(
        (
            *catalog.crates,
            replace(
                catalog.by_name()["alpha-one"],
                name="nt-x",
                number=91,
                group="nt",
                published_addon=PublishedAddon("neural_trader", "2", features=("fast",)),
                checksum="cd" * 32,
                unsupported={"wasm32-wasi": "tokio full"},
            ),
        )
    )


def test_published_addon_is_built_from_the_published_crate(catalog: Catalog) -> None:
    plan = generate.plan(_published_addon(catalog))
    build = plan.generated["crates/nt-x/BUILD.bazel"]
    assert 'load("//tools/rules:napi.bzl", "napi_binding")' in build
    for line in (
        '    name = "nt_x",\n',
        '    crate = "nt-x",\n',
        '    crate_name = "neural_trader",\n',
        '    crate_root = "src/lib.rs",\n',
        '    edition = "2021",\n',
        '    napi_derive = "2",\n',
        '    source = "@crate_source_nt-x",\n',
        '        "fast",\n',
        '        package_name = "crates/groups/nt/members/nt-x",\n',
        'exports_files(["test/addon.test.js"])\n',
    ):
        assert line in build, line
    assert '"Cargo.toml"' not in build and "wasm32-wasi" not in build.split("# Not built")[0]
    # The published crate's archive, a member of its group's workspace.
    ext = plan.generated["crates/extensions.bzl"]
    assert 'name = "crate_source_nt-x"' in ext and f'sha256 = "{"cd" * 32}"' in ext
    assert "its addon is built from" in ext
    assert '"crate_source_nt-x",' in plan.generated["crates/crates.MODULE.bazel"]
    vendor = plan.generated["crates/groups/nt/BUILD.bazel"]
    assert '"nt-x=$(rootpath @crate_source_nt-x//:Cargo.toml)",' in vendor
    assert '"@crate_source_nt-x//:Cargo.toml",' in vendor and '"@crate_source_nt-x//:all",' in vendor
    assert '"members/nt-x",' in plan.generated["crates/groups/nt/Cargo.toml"]
    # Packaged as any addon: loader, package.json, platform packages; what
    # shows the right addon loaded is its exports, as it has no version().
    package = plan.generated["packages/nt-x/BUILD.bazel"]
    assert "    published = True,\n" in package
    assert package.count('        "--exports=$(rootpath :exports)",\n') == 2 and '"1.0.0",\n    ],' not in package
    assert "published = " not in plan.generated["packages/alpha-one/BUILD.bazel"]
    assert "packages/nt-x/index.js" in plan.generated
    assert '"binaryName": "nt_x"' in plan.generated["packages/nt-x/package.json"]
    assert "packages/nt-x/npm/linux-x64-gnu/package.json" in plan.generated
    assert "packages/nt-x/npm/wasm32-wasi/package.json" not in plan.generated
    # No binding here: only its test, a starting point.
    assert "crates/nt-x/src/lib.rs" not in plan.skeletons
    assert "crates/nt-x/Cargo.toml" not in plan.skeletons
    assert "addon.version()" not in plan.skeletons["crates/nt-x/test/addon.test.js"]


def test_other_bindings_are_untouched_by_a_published_addon(catalog: Catalog) -> None:
    before = generate.plan(catalog).generated
    after = generate.plan(_published_addon(catalog)).generated
    for path in ("crates/alpha-one/BUILD.bazel", "crates/beta/BUILD.bazel", "packages/alpha-one/BUILD.bazel"):
        assert before[path] == after[path]
    assert "source = " not in after["crates/alpha-one/BUILD.bazel"]


def test_published_addon_not_vendored_yet_has_no_targets(catalog: Catalog) -> None:
    plan = generate.plan(_published_addon(catalog), vendored={"": {"alpha-one", "beta"}, "nt": set()})
    build = plan.generated["crates/nt-x/BUILD.bazel"]
    assert "napi_binding" not in build and "exports_files" not in build
    assert "tools/bazel run //crates/groups/nt:vendor -- --repin workspace" in build
