from __future__ import annotations

import json
from pathlib import Path

import pytest

from ruvio_build import typedefs


def _line(**fields: object) -> str:
    return json.dumps(fields)


def test_classes_first_methods_joined_and_sorted(tmp_path: Path) -> None:
    # The lines napi-derive writes, in expansion order: a method before its class.
    (tmp_path / "b").write_text(
        _line(kind="impl", name="Searcher", **{"def": "constructor(pattern: string)\\nfindIn(text: string): number | null"})
        + "\n"
        + _line(kind="fn", name="find", js_doc="/** First match. */\\n", **{"def": "function find(text: string, pattern: string): number | null"})
        + "\n"
    )
    (tmp_path / "a").write_text(
        _line(kind="struct", name="Searcher", **{"def": ""}) + "\n"
        + _line(kind="const", name="MAX", **{"def": "export const MAX: number"}) + "\n"
    )
    text = typedefs.dts(typedefs.read(tmp_path))
    assert text.startswith(typedefs.HEADER)
    body = text[len(typedefs.HEADER):]
    assert body.index("export declare class Searcher {") < body.index("export const MAX: number")
    assert "  constructor(pattern: string)\n  findIn(text: string): number | null\n}" in body
    assert "/** First match. */\nexport declare function find(" in body


def test_method_without_class_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").write_text(_line(kind="impl", name="Ghost", **{"def": "x(): void"}) + "\n")
    with pytest.raises(SystemExit, match="impl of 'Ghost' without its #\\[napi\\] struct"):
        typedefs.read(tmp_path)


def test_bad_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "crate.txt").write_text("\n{not json\n")
    with pytest.raises(SystemExit, match="crate.txt:2: not a napi-derive type definition line"):
        typedefs.read(tmp_path)


def test_empty_folder_says_feature_is_off(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="type-def"):
        typedefs.main(str(tmp_path), str(tmp_path / "index.d.ts"))
    assert not (tmp_path / "index.d.ts").exists()


def _napi_derive_2_lines() -> str:
    # As napi-derive 2 writes them for a crate with its own result alias and
    # one struct name in two modules.
    return "\n".join(
        [
            _line(kind="struct", name="Handle", js_doc="/** Handle (quotes) */\\n", **{"def": ""}),
            _line(kind="impl", name="Handle", **{"def": "/** Stop quotes */\\n unsubscribe(): Promise<void>"}),
            _line(kind="struct", name="Handle", js_doc="/** Handle (signals) */\\n", **{"def": ""}),
            _line(kind="impl", name="Handle", **{"def": "/**\\n * Stop signals\\n */\\n unsubscribe(): Promise<void>\\n close(): void"}),
            _line(kind="struct", name="Trader", **{"def": ""}),
            _line(kind="impl", name="Trader", **{"def": "/** Uses NapiResult */\\n start(): Promise<NapiResult>\\n make(kind: Kind): Handle"}),
            _line(kind="enum", name="Kind", **{"def": "Fast = 'Fast',\\n Slow = 'Slow'"}),
            _line(kind="interface", name="Config", **{"def": "name: string\\n when: Date\\n extra?: Record<string, Opaque>"}),
            _line(kind="fn", name="info", **{"def": "export declare function info(config: Config): NapiResult"}),
        ]
    ) + "\n"


def test_napi_derive_2_functions_lose_their_own_export(tmp_path: Path) -> None:
    (tmp_path / "type_def.tmp").write_text(_napi_derive_2_lines())
    text = typedefs.dts(typedefs.read(tmp_path))
    assert "\nexport declare function info(config: Config): NapiResult\n" in text
    assert "export declare export" not in text


def test_one_class_of_a_name_with_each_method_once(tmp_path: Path) -> None:
    (tmp_path / "type_def.tmp").write_text(_napi_derive_2_lines())
    items = typedefs.read(tmp_path)
    assert [i.name for i in items if i.kind == "struct"] == ["Handle", "Trader"]
    text = typedefs.dts(items)
    assert text.count("export declare class Handle") == 1
    assert (
        "/** Handle (quotes) */\nexport declare class Handle {\n  /** Stop quotes */\n"
        "  unsubscribe(): Promise<void>\n  close(): void\n}" in text
    )
    assert "Stop signals" not in text
    assert typedefs.runtime_names(items).count("Handle") == 1


def test_unresolved_types_are_found_outside_comments_and_enums(tmp_path: Path) -> None:
    (tmp_path / "type_def.tmp").write_text(_napi_derive_2_lines())
    # Declared (Config, Handle, Kind), TypeScript's (Promise, Date, Record) and
    # doc comments (Uses) are not; enum members (Fast) are no types.
    assert typedefs.unresolved(typedefs.read(tmp_path)) == ["NapiResult", "Opaque"]


def test_published_addon_declares_unresolved_types_unknown(tmp_path: Path) -> None:
    (tmp_path / "type_def.tmp").write_text(_napi_derive_2_lines())
    out, names, api = tmp_path / "index.d.ts", tmp_path / "names.txt", tmp_path / "api.json"
    folder = tmp_path / "folder"
    folder.mkdir()
    (tmp_path / "type_def.tmp").rename(folder / "type_def.tmp")
    typedefs.main(str(folder), str(out), str(names), str(api), published=True)
    text = out.read_text()
    assert text.startswith(typedefs.HEADER + "/* unknown stands for what the crate's source names NapiResult, Opaque:")
    assert "  start(): Promise<unknown>\n" in text and "/** Uses NapiResult */" in text
    assert "export declare function info(config: Config): unknown\n" in text
    assert "extra?: Record<string, unknown>" in text and "Fast = 'Fast'" in text
    assert json.loads(api.read_text())[-1]["declaration"] == "export declare function info(config: Config): unknown"


def test_own_binding_keeps_what_napi_derive_wrote(tmp_path: Path) -> None:
    (tmp_path / "type_def.tmp").write_text(_napi_derive_2_lines())
    out = tmp_path / "index.d.ts"
    typedefs.main(str(tmp_path), str(out))
    assert "Promise<NapiResult>" in out.read_text() and "unknown" not in out.read_text()
