"""Writes a binding's index.d.ts from the lines napi-derive wrote while expanding it.

usage: python -m ruvio_build.typedefs FOLDER OUT [NAMES_OUT [API_OUT]]

NAMES_OUT gets the names the addon exports at run time, one a line; API_OUT
the same declarations as JSON, one entry per export with its doc comment as
text, for the package's README (ruvio_build.npm_readme).

Each line is one exported item as JSON: its kind, JS name, TypeScript
definition, doc comment and namespace. Methods (`impl`) join the class
(`struct`) they belong to; classes come first, everything else by name, so
the output depends only on the source, not on expansion order.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

HEADER = "/* generated from the binding's Rust source by napi-derive (ruvio_build.typedefs); do not edit. */\n"
EXPORTED = {"const", "enum", "string_enum", "fn", "struct"}


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
        return Item(
            kind=raw["kind"],
            name=raw["name"],
            definition=raw.get("def", "").replace("\\n", "\n"),
            doc=(raw.get("js_doc") or "").replace("\\n", "\n"),
            namespace=raw.get("js_mod"),
            original_name=raw.get("original_name"),
        )
    except (ValueError, KeyError) as e:
        raise SystemExit(f"{where}: not a napi-derive type definition line ({e}): {line[:120]}")


def read(folder: Path) -> list[Item]:
    items = []
    for path in sorted(folder.iterdir()):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if line.strip():
                items.append(parse(line.strip(), f"{path.name}:{n}"))
    classes = {i.name: i for i in items if i.kind == "struct"}
    kept = []
    for item in items:
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
    return sorted(kept, key=lambda i: (i.kind != "struct", i.name))


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


def dts(items: list[Item]) -> str:
    top = [render(i, 0, False) for i in items if i.namespace is None]
    spaces = sorted({i.namespace for i in items if i.namespace})
    for ns in spaces:
        inner = "\n".join(render(i, 2, True) for i in items if i.namespace == ns)
        top.append(f"export declare namespace {ns} {{\n{inner}\n}}")
    return HEADER + "\n" + "\n\n".join(top) + "\n"


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


def main(folder: str, out: str, names_out: str | None = None, api_out: str | None = None) -> None:
    items = read(Path(folder))
    if not items:
        raise SystemExit(f"{folder}: napi-derive wrote no type definitions (is its `type-def` feature on?)")
    Path(out).write_text(dts(items))
    if names_out:
        Path(names_out).write_text("".join(f"{n}\n" for n in runtime_names(items)))
    if api_out:
        Path(api_out).write_text(json.dumps(api(items), indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
