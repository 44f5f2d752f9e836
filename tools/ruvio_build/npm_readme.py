"""Writes the README.md of an npm package, from facts the build already has.

usage:
  python -m ruvio_build.npm_readme main --package-json F --api F --test F
      --crate-version V [--notes TEXT] [--unsupported JSON] --out F
  python -m ruvio_build.npm_readme platform --package-json F --platform P
      --crate-version V --out F
  python -m ruvio_build.npm_readme program --package-json F --crate-version V
      [--help-text F] [--notes TEXT] [--unsupported JSON] --out F

The main package's README takes its name, description, licence, repository
and platform packages from its package.json, each export's declaration and
doc comment from the binding's declarations (ruvio_build.typedefs, API_OUT),
and its example from the binding's own test: the lines between
`// README example: begin` and `// README example: end`, so the example is
code that runs on every build. A look at the names it uses catches an example
that leans on the rest of the test (a helper, a variable of the enclosing
test, `require`, `process`); npm_registry_test runs the example as the README
shows it. The crate's version, the catalog's notes and
the platforms it is not built for (platform -> reason, as JSON) come as
arguments. A platform package's README says what binary it holds and points
to the main package.

A program's main package (one with a `bin`) has no API: its README says how
to run the command, and shows what the program printed for `--help` when it
was built (--help-text F), so the usage is the program's own.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ruvio_build.platforms import BY_NAME, PLATFORMS, Platform

BEGIN = "// README example: begin"
END = "// README example: end"
# What the README puts before the example; anything else the example uses
# must be declared inside it.
PROVIDED = {"addon", "assert"}
# A test's own way to its addon and Node's module scope: a reader's copy of
# the example has neither the test's environment nor its file.
_MODULE_SCOPE = {"require", "process", "module", "exports", "__dirname", "__filename"}
_OS = {"linux": "Linux", "darwin": "macOS", "win32": "Windows"}
_IDENT = r"[A-Za-z_$][\w$]*"
# Strings, template literals, comments and regular expression literals, so
# names inside them are not taken for code. A `/` starts a regular expression
# where a value is expected: after one of `(,=:[!&|?{};` or at the start.
_NOT_CODE = re.compile(
    r"""//[^\n]*|/\*.*?\*/|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`"""
    r"""|(?:(?<=[(,=:\[!&|?{};])|^)(\s*)/(?![/*])(?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n])+/[a-z]*""",
    re.S | re.M,
)
_DECLARED = re.compile(rf"\b(?:const|let|var|function\*?|class)\s+({_IDENT})|({_IDENT})\s*=>")
# Destructuring and parameter lists: `const { a, b: c }`, `([x, y], i) =>`, `function f(a, b)`.
_BINDING_LISTS = re.compile(
    r"\b(?:const|let|var)\s*[{\[]([^}\]=]*)[}\]]|\(([^()]*)\)\s*=>|\bfunction\*?\s*[\w$]*\s*\(([^()]*)\)"
)
# A name before a single `:` is an object key (or a label), not a variable.
_USED = re.compile(rf"(?<![\w$.])({_IDENT})(?![\w$]|\s*:(?!:))")


class ReadmeError(SystemExit):
    """Bad input for a README, naming the crate and the file or field."""


@dataclass(frozen=True)
class Export:
    name: str
    doc: str
    declaration: str


def _code(source: str) -> str:
    return _NOT_CODE.sub(lambda m: m.group(1) or " ", source)


def _declared(source: str) -> set[str]:
    code = _code(source)
    names = {a or b for a, b in _DECLARED.findall(code)}
    for groups in _BINDING_LISTS.findall(code):
        for part in ",".join(groups).replace("[", ",").replace("{", ",").split(","):
            # `a: b = 1` binds b; `...rest` binds rest.
            name = part.split(":")[-1].split("=")[0].strip().removeprefix("...")
            if re.fullmatch(_IDENT, name):
                names.add(name)
    return names


def _used(source: str) -> set[str]:
    return set(_USED.findall(_code(source)))


def _region(lines: list[str], where: str, crate: str) -> tuple[int, int]:
    """Indexes of the begin and end lines of the one README example."""
    begins = [n for n, line in enumerate(lines) if line.strip() == BEGIN]
    ends = [n for n, line in enumerate(lines) if line.strip() == END]
    if not begins and not ends:
        raise ReadmeError(
            f"crate '{crate}': {where} has no README example: put the lines `{BEGIN}` and `{END}` "
            "around a few lines of one test that show the main API"
        )
    if len(begins) != 1 or len(ends) != 1 or ends[0] < begins[0]:
        raise ReadmeError(
            f"crate '{crate}': {where} needs one `{BEGIN}` line followed by one `{END}` line "
            f"(found {len(begins)} begin at lines {[n + 1 for n in begins]}, {len(ends)} end at lines {[n + 1 for n in ends]})"
        )
    return begins[0], ends[0]


def example(source: str, where: str, crate: str) -> str:
    """The marked region of a binding's test, de-indented."""
    lines = source.split("\n")
    begin, end = _region(lines, where, crate)
    body = textwrap.dedent("\n".join(lines[begin + 1 : end])).strip("\n")
    if not _code(body).strip():
        raise ReadmeError(f"crate '{crate}': {where}: the README example (line {begin + 1}) holds no code")
    rest = "\n".join(lines[:begin] + lines[end + 1 :])
    outside = (_declared(rest) | _MODULE_SCOPE) - PROVIDED
    borrowed = sorted((_used(body) & outside) - _declared(body))
    if borrowed:
        raise ReadmeError(
            f"crate '{crate}': {where}: the README example (line {begin + 1}) uses {', '.join(borrowed)}, "
            "from outside it; it may use only addon, assert, Buffer and what it declares itself"
        )
    return body


def uses_assert(body: str) -> bool:
    return "assert" in _used(body)


def read_api(path: Path, crate: str) -> list[Export]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        exports = [Export(e["name"], e["doc"], e["declaration"]) for e in raw]
    except (ValueError, KeyError, TypeError) as e:
        raise ReadmeError(f"crate '{crate}': {path.name} is not the declarations ruvio_build.typedefs writes ({e})")
    if not exports:
        raise ReadmeError(f"crate '{crate}': {path.name} lists no exports")
    return exports


def describe(platform: Platform) -> str:
    """The machines a platform's package is for, as a reader would say it."""
    if platform.is_wasm:
        return "any other machine, on request (WebAssembly on Node's WASI)"
    text = f"{_OS.get(platform.npm_os or '', platform.npm_os)} {platform.npm_cpu}"
    return f"{text} ({platform.npm_libc})" if platform.npm_libc else text


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _browsable(repository: object) -> str:
    """The catalog's repository URL back from npm's `git+https://...git` form."""
    url = repository.get("url", "") if isinstance(repository, dict) else repository
    if not isinstance(url, str):
        return ""
    url = url.removeprefix("git+")
    return url.removesuffix(".git") if url.startswith("https://") else url


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ruvio_build", "templates"),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["cell"] = _cell
    return env


def _manifest(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise ReadmeError(f"{path}: not JSON: {e}")
    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or "/" not in data["name"]:
        raise ReadmeError(f"{path}: no scoped package name")
    return data


def main_readme(
    package: Mapping[str, object],
    exports: list[Export],
    test_source: str,
    test_path: str,
    crate_version: str,
    notes: str = "",
    unsupported: dict[str, str] | None = None,
) -> str:
    name = str(package["name"])
    crate = name.split("/", 1)[1]
    unsupported = unsupported or {}
    shipped = _shipped(package, unsupported)
    body = example(test_source, test_path, crate)
    return _env().get_template("npm_readme.md.j2").render(
        name=name,
        crate=crate,
        crate_version=crate_version,
        description=str(package.get("description") or ""),
        license=str(package.get("license") or ""),
        repository=_browsable(package.get("repository")),
        notes=notes.strip(),
        platforms=[(p, describe(p)) for p in PLATFORMS if p.name in shipped],
        wasm=any(BY_NAME[p].is_wasm for p in shipped),
        unsupported=[(p.name, unsupported[p.name]) for p in PLATFORMS if p.name in unsupported],
        example=body,
        uses_assert=uses_assert(body),
        exports=exports,
    )


def _shipped(package: Mapping[str, object], unsupported: Mapping[str, str]) -> set[str]:
    """The platforms whose packages `package` depends on, checked against
    those it says it is not built for."""
    name = str(package["name"])
    crate = name.split("/", 1)[1]
    deps = package.get("optionalDependencies")
    shipped = {p.name for p in PLATFORMS if isinstance(deps, dict) and f"{name}-{p.name}" in deps}
    for platform in unsupported:
        if platform not in BY_NAME:
            raise ReadmeError(f"crate '{crate}': unsupported platform '{platform}' is not one of {', '.join(BY_NAME)}")
        if platform in shipped:
            raise ReadmeError(f"crate '{crate}': platform '{platform}' is both unsupported and a dependency of {name}")
    if not shipped:
        raise ReadmeError(f"crate '{crate}': {name}'s optionalDependencies name no platform package")
    return shipped


def program_readme(
    package: Mapping[str, object],
    crate_version: str,
    help_text: str = "",
    notes: str = "",
    unsupported: dict[str, str] | None = None,
) -> str:
    name = str(package["name"])
    crate = name.split("/", 1)[1]
    unsupported = unsupported or {}
    bins = package.get("bin")
    if not isinstance(bins, dict) or len(bins) != 1:
        raise ReadmeError(f"crate '{crate}': {name} must have one `bin` entry, not {bins!r}")
    shipped = _shipped(package, unsupported)
    return _env().get_template("npm_program_readme.md.j2").render(
        name=name,
        crate=crate,
        bin=next(iter(bins)),
        crate_version=crate_version,
        description=str(package.get("description") or ""),
        license=str(package.get("license") or ""),
        repository=_browsable(package.get("repository")),
        notes=notes.strip(),
        platforms=[(p, describe(p)) for p in PLATFORMS if p.name in shipped],
        wasm=any(BY_NAME[p].is_wasm for p in shipped),
        unsupported=[(p.name, unsupported[p.name]) for p in PLATFORMS if p.name in unsupported],
        help=help_text.rstrip(),
    )


def platform_readme(package: Mapping[str, object], platform_name: str, crate_version: str) -> str:
    name = str(package["name"])
    platform = BY_NAME.get(platform_name)
    if platform is None:
        raise ReadmeError(f"{name}: platform '{platform_name}' is not one of {', '.join(BY_NAME)}")
    if not name.endswith(f"-{platform.name}"):
        raise ReadmeError(f"{name}: the package of platform '{platform.name}' must be named <main package>-{platform.name}")
    main = name.removesuffix(f"-{platform.name}")
    files = package.get("files")
    program = ""
    if not package.get("main") and isinstance(files, list) and files and str(files[0]).startswith("bin/"):
        # An executable's package: its file is the program.
        program = Path(str(files[0])).stem
    binary = str(package.get("main") or (files[0] if program and isinstance(files, list) else ""))
    return _env().get_template("npm_platform_readme.md.j2").render(
        program=program,
        name=name,
        main=main,
        crate=main.split("/", 1)[1],
        crate_version=crate_version,
        platform=platform,
        machines=describe(platform),
        binary=binary,
    )


def _unsupported(text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except ValueError as e:
        raise ReadmeError(f"--unsupported: not JSON: {e}")
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise ReadmeError("--unsupported: must map platform names to reasons")
    return data


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="npm_readme")
    kinds = parser.add_subparsers(dest="kind", required=True)
    for kind in ("main", "platform", "program"):
        sub = kinds.add_parser(kind)
        sub.add_argument("--package-json", required=True, type=Path)
        sub.add_argument("--crate-version", required=True)
        sub.add_argument("--out", required=True, type=Path)
        if kind == "main":
            sub.add_argument("--api", required=True, type=Path)
            sub.add_argument("--test", required=True, type=Path)
            sub.add_argument("--notes", default="")
            sub.add_argument("--unsupported", default="{}")
        elif kind == "program":
            sub.add_argument("--help-text", type=Path)
            sub.add_argument("--notes", default="")
            sub.add_argument("--unsupported", default="{}")
        else:
            sub.add_argument("--platform", required=True)
    args = parser.parse_args(argv)
    package = _manifest(args.package_json)
    if args.kind == "main":
        crate = str(package["name"]).split("/", 1)[1]
        text = main_readme(
            package,
            read_api(args.api, crate),
            args.test.read_text(encoding="utf-8"),
            args.test.as_posix(),
            args.crate_version,
            args.notes,
            _unsupported(args.unsupported),
        )
    elif args.kind == "program":
        text = program_readme(
            package,
            args.crate_version,
            args.help_text.read_text(encoding="utf-8") if args.help_text else "",
            args.notes,
            _unsupported(args.unsupported),
        )
    else:
        text = platform_readme(package, args.platform, args.crate_version)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
