from __future__ import annotations

import pytest

from ruvio_build import npm_loader, typedefs

SOURCE = "'use strict';\nfunction load() { return {}; }\n\nmodule.exports = load();\n"


def test_each_name_is_assigned_once() -> None:
    out = npm_loader.loader(SOURCE, ["Searcher", "find", "version"], "index.js")
    assert "module.exports = load();" not in out
    assert out.count("module.exports.find = binding.find;") == 1
    assert out.index("const binding = load();") < out.index("module.exports.Searcher = binding.Searcher;")


def test_loader_without_the_line_is_an_error() -> None:
    with pytest.raises(SystemExit, match="index.js: expected one line `module.exports = load\\(\\);`"):
        npm_loader.loader("module.exports = other();\n", ["a"], "index.js")


def test_names_must_be_identifiers() -> None:
    with pytest.raises(SystemExit, match="not JavaScript identifiers: a-b"):
        npm_loader.loader(SOURCE, ["a-b"], "index.js")


def test_runtime_names_are_values_not_types() -> None:
    items = [
        typedefs.Item("fn", "find", "function find(): void"),
        typedefs.Item("struct", "Searcher", ""),
        typedefs.Item("interface", "Options", "a: number"),
        typedefs.Item("fn", "inner", "function inner(): void", namespace="geometry"),
    ]
    assert typedefs.runtime_names(items) == ["Searcher", "find", "geometry"]
