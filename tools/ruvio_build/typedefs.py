"""Writes a binding's index.d.ts from the lines napi-derive wrote while expanding it.

usage: python -m ruvio_build.typedefs [--published] FOLDER OUT [NAMES_OUT [API_OUT]]

NAMES_OUT gets the names the addon exports at run time, one a line; API_OUT
the same declarations as JSON, one entry per export with its doc comment as
text, for the package's README (ruvio_build.npm_readme).

Each line is one exported item as JSON: its kind, JS name, TypeScript
definition, doc comment and namespace. Methods (`impl`) join the class
(`struct`) they belong to; classes come first, everything else by name, so
the output depends only on the source, not on expansion order.

napi-derive 2 and 3 write the same lines but for functions, whose definition
napi-derive 2 starts with its own `export declare`. Two #[napi] structs of
one JS name in different modules are one class at run time (napi-rs
registers classes by name, their methods together), so they are declared
once, with each method signature once.

napi-derive names a type it cannot see through as written in the Rust
source: a crate's own type alias (`type NapiResult<T> = napi::Result<T>`)
reaches the declarations as `NapiResult`, its type argument lost, which no
TypeScript declares. A binding here is fixed in its source; a published
addon (--published), whose source is not this project's, gets `unknown` in
its place, and a comment at the top of index.d.ts names each such type.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

HEADER = "/* generated from the binding's Rust source by napi-derive (ruvio_build.typedefs); do not edit. */\n"
EXPORTED = {"const", "enum", "string_enum", "fn", "struct"}
# The prefix napi-derive 2 gives a function's definition (3 leaves it to the
# writer of the declarations).
_NAPI_DERIVE_2_FN = "export declare "
# What TypeScript and Node declare themselves, which napi-derive's
# declarations may name.
GLOBAL_TYPES = frozenset(
    {
        "Array", "ArrayBuffer", "AsyncIterable", "AsyncIterator", "BigInt", "BigInt64Array", "BigUint64Array",
        "Boolean", "Buffer", "DataView", "Date", "Error", "Float32Array", "Float64Array", "Function",
        "Generator", "Int16Array", "Int32Array", "Int8Array", "Iterable", "Iterator", "Map", "Number",
        "Object", "Partial", "Promise", "ReadonlyArray", "Record", "RegExp", "Set", "String", "Symbol",
        "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray", "WeakMap", "WeakSet",
    }
)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")
# A capitalized identifier where a type stands: not a member's, parameter's
# or property's own name (followed by `(`, `:` or `?:`).
_TYPE_NAME = re.compile(r"\b([A-Z][A-Za-z0-9_]*)\b(?!\s*\??\s*[(:])")


@dataclass
class Item:
    kind: str
    name: str
    definition: str
    doc: str = ""
    namespace: str | None = None
    original_name: str | None = None
    extends: str | None = None
    members: list[str] = field(default_factory=list)


def parse(line: str, where: str) -> Item:
    try:
        raw = json.loads(line)
        item = Item(
            kind=raw["kind"],
            name=raw["name"],
            definition=raw.get("def", "").replace("\\n", "\n"),
            doc=(raw.get("js_doc") or "").replace("\\n", "\n"),
            namespace=raw.get("js_mod"),
            original_name=raw.get("original_name"),
        )
    except (ValueError, KeyError) as e:
        raise SystemExit(f"{where}: not a napi-derive type definition line ({e}): {line[:120]}")
    if item.kind == "fn" and item.definition.startswith(_NAPI_DERIVE_2_FN):
        item.definition = item.definition[len(_NAPI_DERIVE_2_FN) :]
    return item


def members(definition: str) -> list[tuple[str, str]]:
    """A class body's members as (doc comment, signature), in order."""
    out: list[tuple[str, str]] = []
    doc: list[str] = []
    in_doc = False
    for line in definition.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        if in_doc or stripped.startswith("/**"):
            doc.append(line)
            in_doc = "*/" not in stripped
            continue
        out.append(("\n".join(doc), line))
        doc = []
    return out


def _unique_members(definitions: list[str]) -> list[str]:
    """Each signature once, with the doc comment of its first declaration."""
    seen: set[str] = set()
    out = []
    for definition in definitions:
        for doc, signature in members(definition):
            if signature.strip() in seen:
                continue
            seen.add(signature.strip())
            out.append(f"{doc}\n{signature}" if doc else signature)
    return out


def read(folder: Path) -> list[Item]:
    items = []
    for path in sorted(folder.iterdir()):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip():
                items.append(parse(line.strip(), f"{path.name}:{n}"))
    classes: dict[str, Item] = {}
    twice: set[str] = set()
    kept = []
    for item in items:
        if item.kind != "struct":
            continue
        if item.name in classes:
            twice.add(item.name)
            continue
        classes[item.name] = item
        kept.append(item)
    for item in items:
        if item.kind == "struct":
            continue
        target = classes.get(item.name)
        if item.kind in ("impl", "extends"):
            if target is None:
                raise SystemExit(f"{item.kind} of {item.name!r} without its #[napi] struct")
            if item.kind == "impl":
                target.members.append(item.definition)
            else:
                target.extends = item.definition
            continue
        kept.append(item)
    for name in twice:
        classes[name].members = _unique_members(classes[name].members)
    return sorted(kept, key=lambda i: (i.kind != "struct", i.name))


def unresolved(items: list[Item]) -> list[str]:
    """Type names the declarations use but neither declare nor TypeScript
    knows: what napi-derive copied from the Rust source without seeing
    through it."""
    declared = {i.name for i in items} | {i.original_name for i in items if i.original_name}
    declared |= {i.namespace for i in items if i.namespace}
    used: set[str] = set()
    for item in items:
        if item.kind in ("enum", "string_enum"):
            continue
        text = _STRING.sub("", _COMMENT.sub("", "\n".join([item.definition, *item.members, item.extends or ""])))
        if item.kind == "fn":
            text = re.sub(r"^\s*function\s+\w+", "", text)
        used |= set(_TYPE_NAME.findall(text))
    return sorted(used - declared - GLOBAL_TYPES)


def as_unknown(items: list[Item], names: list[str]) -> list[Item]:
    """`items` with each of the type names `names` read as `unknown`."""
    if not names:
        return items
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b(?!\s*\??\s*[(:])")

    def swap(text: str) -> str:
        # Only outside doc comments: those say what the source says.
        parts = re.split(r"(/\*.*?\*/)", text, flags=re.S)
        return "".join(p if p.startswith("/*") else pattern.sub("unknown", p) for p in parts)

    return [
        i if i.kind in ("enum", "string_enum") else replace(
            i,
            definition=swap(i.definition),
            members=[swap(m) for m in i.members],
            extends=swap(i.extends) if i.extends else i.extends,
        )
        for i in items
    ]


def indent(text: str, base: int) -> str:
    depth = 0
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            out.append("")
            continue
        comment = line.startswith("*")
        if (line.endswith("{") or line.endswith("=")) and not comment:
            out.append(" " * (base + depth * 2) + line)
            depth += 1
            continue
        if line.endswith("}") and depth and not comment and not line.startswith("|"):
            depth -= 1
        out.append(" " * (base + depth * 2 + (1 if comment else 0)) + line)
    return "\n".join(out)


def render(item: Item, base: int, ambient: bool) -> str:
    export = "export" if ambient else "export declare"
    body = "\n".join(m for m in [item.definition, *item.members] if m)
    if item.kind == "interface":
        text = f"export interface {item.name} {{\n{body}\n}}"
    elif item.kind == "type":
        text = f"export type {item.name} = \n{body}"
    elif item.kind in ("enum", "string_enum"):
        text = f"{export} enum {item.name} {{\n{body}\n}}"
    elif item.kind == "struct":
        extends = f" extends {item.extends}" if item.extends else ""
        text = f"{export} class {item.name}{extends} {{\n{body}\n}}"
        if item.original_name and item.original_name != item.name:
            text += f"\nexport type {item.original_name} = {item.name}"
    elif item.kind == "fn":
        text = f"{export} {body}"
    else:
        text = body
    return indent(item.doc + text, base)


def dts(items: list[Item], opaque: Sequence[str] = ()) -> str:
    """index.d.ts; `opaque` names the types declared `unknown` (as_unknown)."""
    top = [render(i, 0, False) for i in items if i.namespace is None]
    spaces = sorted({i.namespace for i in items if i.namespace})
    for ns in spaces:
        inner = "\n".join(render(i, 2, True) for i in items if i.namespace == ns)
        top.append(f"export declare namespace {ns} {{\n{inner}\n}}")
    note = ""
    if opaque:
        note = (
            "/* unknown stands for what the crate's source names "
            + ", ".join(opaque)
            + ": its own types, which napi-derive does not see through. */\n"
        )
    return HEADER + note + "\n" + "\n\n".join(top) + "\n"


def runtime_names(items: list[Item]) -> list[str]:
    """What the addon's exports object holds at run time: values, not types."""
    names = {i.name for i in items if i.namespace is None and i.kind in EXPORTED}
    names |= {i.namespace for i in items if i.namespace}
    return sorted(names)


def doc_text(doc: str) -> str:
    """A JSDoc comment as the plain text it holds."""
    lines = []
    for line in doc.strip().split("\n"):
        line = line.strip().removeprefix("/**").removesuffix("*/").strip()
        lines.append(line.removeprefix("*").strip() if line.startswith("*") else line)
    return "\n".join(lines).strip()


def api(items: list[Item]) -> list[dict[str, str]]:
    """Each export's declaration without its doc comment, and the comment as
    text; in index.d.ts's order, namespaced items after the others."""
    ordered = [i for i in items if i.namespace is None] + sorted(
        (i for i in items if i.namespace), key=lambda i: i.namespace or ""
    )
    return [
        {
            "name": f"{i.namespace}.{i.name}" if i.namespace else i.name,
            "kind": i.kind,
            "doc": doc_text(i.doc),
            "declaration": render(replace(i, doc=""), 0, i.namespace is not None),
        }
        for i in ordered
    ]


def main(
    folder: str, out: str, names_out: str | None = None, api_out: str | None = None, published: bool = False
) -> None:
    items = read(Path(folder))
    if not items:
        raise SystemExit(f"{folder}: napi-derive wrote no type definitions (is its `type-def` feature on?)")
    opaque = unresolved(items) if published else []
    items = as_unknown(items, opaque)
    Path(out).write_text(dts(items, opaque))
    if names_out:
        Path(names_out).write_text("".join(f"{n}\n" for n in runtime_names(items)))
    if api_out:
        Path(api_out).write_text(json.dumps(api(items), indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(*[a for a in args if a != "--published"], published="--published" in args)
