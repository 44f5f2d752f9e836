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
