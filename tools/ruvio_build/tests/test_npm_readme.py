from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from ruvio_build import generate, npm_readme, typedefs
from ruvio_build.catalog import Catalog, Executable
from ruvio_build.platforms import BY_NAME
from ruvio_build.tests.conftest import make_crate

TEST_JS = """\
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const addon = require(process.env.ADDON_0);

function naive(text) {
  return text.length;
}

test('finds', () => {
  const unrelated = 1;
  // README example: begin
  const s = new addon.Searcher('aba');
  assert.deepEqual(s.findAllIn('abababa'), [0, 2, 4]);
  // A comment stays; so do blank lines.

  assert.equal(addon.find(Buffer.from('xy'), 'y'), 1);
  // README example: end
});
"""

PACKAGE: dict[str, object] = {
    "name": "@ruv.io/alpha",
    "description": "Finds things fast",
    "license": "MIT OR Apache-2.0",
    "repository": {"type": "git", "url": "git+https://github.com/example/alpha.git"},
    "optionalDependencies": {"@ruv.io/alpha-linux-x64-gnu": "1.2.3", "@ruv.io/alpha-darwin-arm64": "1.2.3"},
}

EXPORTS = [
    npm_readme.Export("Searcher", "A compiled pattern.", "export declare class Searcher {\n  constructor(p: string)\n}"),
    npm_readme.Export("find", "", "export declare function find(t: string, p: string): number | null"),
]


def _readme(source: str = TEST_JS, **kwargs: object) -> str:
    args: dict[str, object] = {"crate_version": "1.2.3", "notes": "", "unsupported": {}}
    args.update(kwargs)
    return npm_readme.main_readme(PACKAGE, EXPORTS, source, "crates/alpha/test/addon.test.js", **args)  # type: ignore[arg-type]


def test_example_is_the_region_deindented() -> None:
    body = npm_readme.example(TEST_JS, "t.js", "alpha")
    assert body.splitlines()[0] == "const s = new addon.Searcher('aba');"
    assert "// A comment stays; so do blank lines.\n\nassert.equal(" in body
    assert "README example" not in body and "unrelated" not in body


def test_readme_shows_the_example_with_its_requires() -> None:
    text = _readme()
    assert text.startswith("# @ruv.io/alpha\n\nFinds things fast\n")
    block = text[text.index("```js\n") :]
    assert block.startswith(
        "```js\nconst assert = require('node:assert/strict');\nconst addon = require('@ruv.io/alpha');\n\n"
        "const s = new addon.Searcher('aba');\n"
    )


def test_assert_is_required_only_when_used() -> None:
    source = TEST_JS.replace("  assert.deepEqual(s.findAllIn('abababa'), [0, 2, 4]);\n", "").replace(
        "  assert.equal(addon.find(Buffer.from('xy'), 'y'), 1);\n", "  console.log('assert', s.assert);\n"
    )
    text = _readme(source)
    assert "require('node:assert/strict')" not in text
    assert "```js\nconst addon = require('@ruv.io/alpha');\n" in text


def test_missing_region_names_crate_and_file() -> None:
    with pytest.raises(SystemExit, match="crate 'alpha': crates/alpha/test/addon.test.js has no README example"):
        _readme(TEST_JS.replace("// README example: begin\n", "").replace("// README example: end\n", ""))


@pytest.mark.parametrize(
    "source, found",
    [
        (TEST_JS.replace("// README example: end\n", ""), "found 1 begin at lines [12], 0 end at lines []"),
        (TEST_JS + "// README example: begin\n// README example: end\n", "found 2 begin"),
    ],
)
def test_unbalanced_markers_are_an_error(source: str, found: str) -> None:
    with pytest.raises(SystemExit, match=rf"crate 'alpha': crates/alpha/test/addon.test.js needs one .*\({re.escape(found)}"):
        _readme(source)


def test_empty_region_is_an_error() -> None:
    source = "// README example: begin\n  // only a comment\n// README example: end\n"
    with pytest.raises(SystemExit, match="crate 'alpha': t.js: the README example \\(line 1\\) holds no code"):
        npm_readme.example(source, "t.js", "alpha")


@pytest.mark.parametrize(
    "line, name",
    [
        ("assert.equal(naive('ab'), 2);", "naive"),
        ("assert.equal(unrelated, 1);", "unrelated"),
        ("const again = require('node:test');", "require"),
        ("assert.ok(process.env.ADDON_0);", "process"),
    ],
)
def test_region_may_not_borrow_from_the_rest_of_the_test(line: str, name: str) -> None:
    source = TEST_JS.replace("  // README example: end\n", f"  {line}\n  // README example: end\n")
    with pytest.raises(SystemExit, match=rf"crate 'alpha': t.js: the README example \(line 12\) uses {name}, from outside it"):
        npm_readme.example(source, "t.js", "alpha")


def test_region_may_reuse_a_name_it_declares_and_properties() -> None:
    # `naive` is declared outside too, but the region's own declaration wins;
    # `.unrelated` is a property, and names in strings are not code.
    line = "const naive = addon.find('unrelated process', 'p'); assert.equal(addon.unrelated, undefined);"
    source = TEST_JS.replace("  // README example: end\n", f"  {line}\n  // README example: end\n")
    assert line in npm_readme.example(source, "t.js", "alpha")


def test_keys_parameters_and_regular_expressions_are_not_borrowed_names() -> None:
    # `naive` and `unrelated` are declared outside; here they are an object
    # key, an arrow function's parameter and text inside a regular expression.
    line = (
        "assert.deepEqual([1].map((naive, i) => ({ unrelated: naive + i })), [{ unrelated: 1 }]); "
        "assert.throws(() => addon.find(), /naive unrelated/);"
    )
    source = TEST_JS.replace("  // README example: end\n", f"  {line}\n  // README example: end\n")
    assert line in npm_readme.example(source, "t.js", "alpha")
    # A shorthand property is the variable itself.
    borrowed = TEST_JS.replace("  // README example: end\n", "  assert.ok({ unrelated });\n  // README example: end\n")
    with pytest.raises(SystemExit, match="uses unrelated, from outside it"):
        npm_readme.example(borrowed, "t.js", "alpha")


def test_platforms_and_unsupported_reasons_are_listed() -> None:
    text = _readme(unsupported={"wasm32-wasi": "tokio | mio\nfail on wasm32", "linux-x64-musl": "no musl-gcc"})
    assert "| `linux-x64-gnu` | Linux x64 (glibc) | `@ruv.io/alpha-linux-x64-gnu` |" in text
    assert "| `darwin-arm64` | macOS arm64 | `@ruv.io/alpha-darwin-arm64` |" in text
    # In the catalog's platform order, one line each, pipes escaped.
    assert "| `linux-x64-musl` | no musl-gcc |\n| `wasm32-wasi` | tokio \\| mio fail on wasm32 |" in text
    # No wasm32 package: no wasm32 install line.
    assert "--cpu=wasm32" not in text


def test_wasm_install_line_when_there_is_a_wasm_build() -> None:
    package = {**PACKAGE, "optionalDependencies": {"@ruv.io/alpha-wasm32-wasi": "1.2.3"}}
    text = npm_readme.main_readme(package, EXPORTS, TEST_JS, "t.js", "1.2.3")
    assert "npm install --cpu=wasm32 @ruv.io/alpha\n" in text
    assert "Not built for" not in text


def test_facts_about_the_crate() -> None:
    text = _readme(notes="Only the in-memory parts are bound.")
    assert "[`alpha`](https://crates.io/crates/alpha/1.2.3) 1.2.3 ([repository](https://github.com/example/alpha))" in text
    assert "What the binding covers: Only the in-memory parts are bound." in text
    assert "`MIT OR Apache-2.0`, the licence of the `alpha` crate." in text
    assert "THIRD_PARTY_NOTICES.txt" in text
    assert "What the binding covers" not in _readme()


def test_api_section_has_every_export_with_its_doc() -> None:
    text = _readme()
    api = text[text.index("## API") : text.index("## Licence")]
    assert "### `Searcher`\n\nA compiled pattern.\n\n```ts\nexport declare class Searcher {\n  constructor(p: string)\n}\n```\n" in api
    assert "### `find`\n\n```ts\nexport declare function find(" in api


@pytest.mark.parametrize(
    "unsupported, message",
    [
        ({"beos-x64": "no"}, "crate 'alpha': unsupported platform 'beos-x64' is not one of linux-x64-gnu"),
        ({"darwin-arm64": "no"}, "crate 'alpha': platform 'darwin-arm64' is both unsupported and a dependency"),
    ],
)
def test_bad_unsupported_platforms(unsupported: dict[str, str], message: str) -> None:
    with pytest.raises(SystemExit, match=message):
        _readme(unsupported=unsupported)


def test_api_from_typedefs_round_trips(tmp_path: Path) -> None:
    items = [
        typedefs.Item("struct", "Searcher", "", doc="/**\n * A compiled pattern.\n *\n * Reusable.\n */\n", members=["findIn(t: string): number"]),
        typedefs.Item("fn", "find", "function find(t: string): number", doc="/** First match. */\n"),
        typedefs.Item("const", "MAX", "export const MAX: number"),
    ]
    path = tmp_path / "api.json"
    path.write_text(json.dumps(typedefs.api(items)))
    exports = npm_readme.read_api(path, "alpha")
    assert [e.name for e in exports] == ["Searcher", "find", "MAX"]
    assert exports[0].doc == "A compiled pattern.\n\nReusable."
    assert exports[0].declaration == "export declare class Searcher {\n  findIn(t: string): number\n}"
    assert exports[1].declaration == "export declare function find(t: string): number"
    assert exports[2].doc == ""


def test_bad_api_file_names_the_crate(tmp_path: Path) -> None:
    path = tmp_path / "typedefs.api.json"
    path.write_text('[{"name": "find"}]')
    with pytest.raises(SystemExit, match="crate 'alpha': typedefs.api.json is not the declarations"):
        npm_readme.read_api(path, "alpha")
    path.write_text("[]")
    with pytest.raises(SystemExit, match="crate 'alpha': typedefs.api.json lists no exports"):
        npm_readme.read_api(path, "alpha")


def test_platform_readme_points_to_the_main_package() -> None:
    package = {"name": "@ruv.io/alpha-linux-x64-musl", "main": "alpha.linux-x64-musl.node"}
    text = npm_readme.platform_readme(package, "linux-x64-musl", "1.2.3")
    assert text.startswith("# @ruv.io/alpha-linux-x64-musl\n\nThe native addon for Linux x64 (musl) of\n")
    assert "`alpha.linux-x64-musl.node`" in text and "`alpha` 1.2.3" in text
    assert "https://www.npmjs.com/package/@ruv.io/alpha" in text
    assert "npm install @ruv.io/alpha\n" in text
    wasm = npm_readme.platform_readme({"name": "@ruv.io/alpha-wasm32-wasi", "main": "a.wasm"}, "wasm32-wasi", "1.2.3")
    assert "npm install --cpu=wasm32 @ruv.io/alpha\n" in wasm


def test_platform_readme_of_a_misnamed_package() -> None:
    with pytest.raises(SystemExit, match="@ruv.io/alpha-darwin-x64: the package of platform 'linux-x64-gnu' must be named"):
        npm_readme.platform_readme({"name": "@ruv.io/alpha-darwin-x64"}, "linux-x64-gnu", "1.2.3")


def test_command_line_writes_nothing_on_error(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps(PACKAGE))
    (tmp_path / "api.json").write_text(json.dumps([{**e.__dict__, "kind": "fn"} for e in EXPORTS]))
    (tmp_path / "test.js").write_text(TEST_JS)
    out = tmp_path / "README.md"
    common = ["--package-json", str(tmp_path / "package.json"), "--api", str(tmp_path / "api.json")]
    npm_readme.main(["main", *common, "--test", str(tmp_path / "test.js"), "--crate-version", "1.2.3", "--out", str(out)])
    assert out.read_text().startswith("# @ruv.io/alpha\n")
    out.unlink()
    (tmp_path / "test.js").write_text("test('x', () => {});\n")
    with pytest.raises(SystemExit, match="has no README example"):
        npm_readme.main(["main", *common, "--test", str(tmp_path / "test.js"), "--crate-version", "1.2.3", "--out", str(out)])
    assert not out.exists()
    with pytest.raises(SystemExit, match="--unsupported: must map platform names to reasons"):
        npm_readme.main(
            ["main", *common, "--test", str(tmp_path / "test.js"), "--crate-version", "1.2.3", "--unsupported", "[1]", "--out", str(out)]
        )


def test_the_test_skeleton_has_an_example(catalog: Catalog) -> None:
    # A new crate's package builds before anyone edits its test.
    skeleton = generate.plan(catalog).skeletons["crates/alpha-one/test/addon.test.js"]
    assert npm_readme.example(skeleton, "addon.test.js", "alpha-one") == "assert.equal(addon.version(), '1.0.0');"


def _program_package() -> dict[str, object]:
    crate = replace(
        make_crate("tool", unsupported={"darwin-x64": "no SDK"}),
        group="programs",
        addon=False,
        executable=Executable("tl", "src/main.rs"),
    )
    return json.loads(generate._program_package_json(crate))


def test_program_readme_says_how_to_run_it_and_shows_its_help() -> None:
    text = npm_readme.program_readme(
        _program_package(), "1.0.0", "Usage: tl <COMMAND>\n\n", "Needs nothing.", {"darwin-x64": "no SDK"}
    )
    assert text.startswith("# @ruv.io/tool\n")
    assert "The `tl` command of the Rust crate [`tool`]" in text
    assert "npx @ruv.io/tool --help" in text and "\ntl --help\n" in text
    assert "```text\nUsage: tl <COMMAND>\n```" in text
    assert "| `darwin-x64` | no SDK |" in text
    assert "Needs nothing." in text
    assert "## API" not in text and "RUVIO_WASI_DIRS" in text


def test_program_readme_needs_one_bin() -> None:
    package = _program_package()
    package["bin"] = {}
    with pytest.raises(npm_readme.ReadmeError, match="one `bin` entry"):
        npm_readme.program_readme(package, "1.0.0")


def test_platform_readme_of_an_executable_names_the_program() -> None:
    crate = replace(make_crate("tool"), group="programs", addon=False, executable=Executable("tl", "src/main.rs"))
    package = json.loads(generate._program_platform_package_json(crate, BY_NAME["win32-x64-msvc"]))
    text = npm_readme.platform_readme(package, "win32-x64-msvc", "1.0.0")
    assert "The executable for Windows x64 of" in text
    assert "`bin/tl.exe`, the\n`tl` program of the Rust crate" in text
    assert "runs it from there" in text
