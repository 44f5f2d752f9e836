"""The catalog (crates/catalog.toml): every wrapped crate, read, checked, written.

The catalog is the single source of truth for what is built. It is edited by
hand (add a crate, mark a platform unsupported) and by `ruvio refresh`, which
fills versions and metadata from crates.io; both keep the file's fixed layout,
so `ruvio refresh` on an unchanged registry rewrites it byte for byte.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ruvio_build.platforms import BY_NAME, PLATFORMS

HEADER = """\
# The crates this project wraps, one [[crate]] table each: the single source
# of truth for what is built. Edit by hand to add a crate or mark a platform
# unsupported; `ruvio refresh` fills versions and metadata from crates.io;
# `ruvio generate` turns it into crates/, packages/ and platforms/.
"""

SCOPE = "@ruv.io"
# What the shared workspace is called where a group name would stand.
DEFAULT_GROUP_NAME = "default"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)((?:[-+][0-9A-Za-z.+-]+)?)$")
# The revision is the last two digits of the npm patch number (Crate.npm_version).
MAX_REVISION = 99
_CHECKSUM = re.compile(r"^[0-9a-f]{64}$")
# A group names a Cargo workspace, a directory and a Bazel repository
# (`@crates_<group>`), so it is spelled as all three accept.
_GROUP = re.compile(r"^[a-z][a-z0-9_]*$")
# A command name on every platform npm installs it on: no path separators,
# nothing a shell or Windows would read differently.
_COMMAND = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_EDITIONS = ("2015", "2018", "2021", "2024")
# A Rust crate name as rustc takes it (`--crate-name`).
_RUST_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The napi-derive releases a published addon may be written against: each
# hands its TypeScript declarations over differently (tools/rules/typedefs.bzl).
NAPI_DERIVE_MAJORS = ("2", "3")


class CatalogError(ValueError):
    """A problem in the catalog, naming the crate and field it is about."""

    def __init__(self, crate: str | None, fld: str | None, message: str) -> None:
        where = " ".join(
            part
            for part in (
                f"crate '{crate}'" if crate else "",
                f"field '{fld}'" if fld else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.crate = crate
        self.field = fld


@dataclass(frozen=True)
class Executable:
    """A program of the published crate that ships as an npm executable.

    Cargo's metadata leaves out a dependency that has no library, so the
    program is built from the published crate's own manifest as a member of
    its group's workspace; what its [[bin]] table says (name, crate root,
    edition, the features it is built with: the default ones) is written
    here, and //crates/<crate>:manifest_test checks it against that manifest."""

    name: str  # the [[bin]]'s name: the command users run
    path: str  # its crate root inside the published crate
    edition: str = "2021"
    features: tuple[str, ...] = ()
    # The crate's own library, when the program is a front end to it (`use
    # <crate>::...`): its crate root, built as an rlib the program links.
    library: str = ""


@dataclass(frozen=True)
class PublishedAddon:
    """The published crate is itself a napi-rs addon (its [lib] a cdylib that
    registers Node exports), so its packages ship that library as it is
    instead of a binding written here.

    Like a program, it is built from the published crate's own sources as a
    member of its group's workspace; what its [lib] table says (name, crate
    root, edition, the default features, the napi-derive release it is
    written against) is written here, and //crates/<crate>:manifest_test
    checks it against that manifest."""

    name: str  # the [lib]'s name: the crate name rustc compiles it as
    napi_derive: str  # the major release of napi-derive it depends on
    path: str = "src/lib.rs"  # its crate root inside the published crate
    edition: str = "2021"
    features: tuple[str, ...] = ()


@dataclass(frozen=True)
class Crate:
    """One wrapped crate. `unsupported` maps platform names to the reason."""

    name: str
    number: int
    version: str
    checksum: str = ""
    description: str = ""
    category: str = ""
    license: str = ""
    repository: str = ""
    batch: int = 0
    priority: str = ""
    internal_deps: tuple[str, ...] = ()
    js_api: tuple[str, ...] = ()
    notes: str = ""
    # The binding's revision over an unchanged crate version: a fixed binding
    # needs a new npm version, and npm never takes the same version twice.
    revision: int = 0
    reason: str = ""  # non-empty: the whole crate cannot be built, and why
    # Pilot crates are what CI builds and tests on every platform; the others
    # are tagged `matrix` and built by the main job.
    pilot: bool = False
    # The dependency world the binding resolves in: "" is the shared default
    # workspace (crates/Cargo.toml); a name is a workspace, lock and crate
    # repository of its own (crates/groups/<name>), for a binding whose
    # dependencies cannot be unified with the others'.
    group: str = ""
    # What the npm packages ship: a Node addon of the binding at
    # crates/<crate> (`addon`), the published crate's program (`executable`).
    addon: bool = True
    executable: Executable | None = None
    # Set when the published crate is the addon itself (no binding here).
    published_addon: PublishedAddon | None = None
    unsupported: dict[str, str] = field(default_factory=dict)

    @property
    def npm(self) -> str:
        return f"{SCOPE}/{self.name}"

    @property
    def npm_version(self) -> str:
        """The version of every npm package of this crate: the crate's
        MAJOR.MINOR.PATCH[-pre] as MAJOR.MINOR.(PATCH*100 + revision)[-pre].

        A higher patch, not a pre-release suffix, because npm ranges (^1.0.1)
        and `npm update` never select a pre-release: a fixed binding must
        still reach users of the crate's version range."""
        match = _VERSION.match(self.version)
        if not match:
            raise CatalogError(self.name, "version", f"{self.version!r} is not a semantic version")
        major, minor, patch, rest = match.groups()
        return f"{major}.{minor}.{int(patch) * 100 + self.revision}{rest}"

    @property
    def binary_name(self) -> str:
        """Base name of the addon files, as napi-rs derives it from the crate."""
        return self.name.replace("-", "_")

    @property
    def source_repo(self) -> str:
        """The repository holding the published crate's own files (its
        crates.io archive), which an executable or a published addon is
        built from."""
        return f"crate_source_{self.name}"

    @property
    def from_published(self) -> bool:
        """Whether what ships is built from the published crate's own sources
        (a program, or a crate that is an addon itself) rather than from a
        binding at crates/<crate>."""
        return self.executable is not None or self.published_addon is not None

    @property
    def kind(self) -> str:
        """What the packages carry, as reports name it: addon or executable."""
        return "executable" if self.executable and not self.addon else "addon"

    @property
    def supported(self) -> bool:
        return not self.reason

    def platforms(self) -> list[str]:
        """Names of the platforms this crate is built for."""
        if not self.supported:
            return []
        return [p.name for p in PLATFORMS if p.name not in self.unsupported]


@dataclass(frozen=True)
class Catalog:
    crates: tuple[Crate, ...]

    def by_name(self) -> dict[str, Crate]:
        return {c.name: c for c in self.crates}

    def with_crate(self, crate: Crate) -> Catalog:
        """This catalog with `crate` added, or replacing the one of its name."""
        rest = [c for c in self.crates if c.name != crate.name]
        return Catalog(tuple(sorted([*rest, crate], key=lambda c: c.name)))

    def replace_crate(self, name: str, **changes: object) -> Catalog:
        return self.with_crate(replace(self.by_name()[name], **changes))  # type: ignore[arg-type]


# --- reading ------------------------------------------------------------------


def _string(crate: str, table: dict[str, object], key: str, required: bool = False, prefix: str = "") -> str:
    """`prefix` names the sub-table holding `key` (`published_addon.`)."""
    value = table.get(key, "")
    if not isinstance(value, str):
        raise CatalogError(crate, prefix + key, f"must be a string, not {type(value).__name__}")
    if required and not value:
        raise CatalogError(crate, prefix + key, "is missing")
    return value


def _int(crate: str, table: dict[str, object], key: str) -> int:
    value = table.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CatalogError(crate, key, f"must be an integer, not {value!r}")
    return value


def _bool(crate: str, table: dict[str, object], key: str, default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise CatalogError(crate, key, f"must be true or false, not {value!r}")
    return value


def _strings(crate: str, table: dict[str, object], key: str, prefix: str = "") -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogError(crate, prefix + key, "must be a list of strings")
    return tuple(value)


_KNOWN_KEYS = {f for f in Crate.__dataclass_fields__}
_EXECUTABLE_KEYS = {f for f in Executable.__dataclass_fields__}
_PUBLISHED_ADDON_KEYS = {f for f in PublishedAddon.__dataclass_fields__}


def _crate_file(crate: str, fld: str, path: str) -> None:
    if not path.endswith(".rs") or path.startswith("/") or ".." in path.split("/"):
        raise CatalogError(crate, fld, f"{path!r} is not a .rs file inside the crate")


def _executable(crate: str, table: dict[str, object]) -> Executable | None:
    value = table.get("executable")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CatalogError(crate, "executable", "must be a table: [crate.executable] name = ..., path = ...")
    unknown = sorted(set(value) - _EXECUTABLE_KEYS)
    if unknown:
        raise CatalogError(
            crate, f"executable.{unknown[0]}", f"is not a field (known: {', '.join(sorted(_EXECUTABLE_KEYS))})"
        )
    name = _string(crate, value, "name", required=True)
    path = _string(crate, value, "path", required=True)
    edition = _string(crate, value, "edition") or "2021"
    features = _strings(crate, value, "features")
    library = _string(crate, value, "library") or ""
    if not _COMMAND.match(name):
        raise CatalogError(crate, "executable.name", f"{name!r} is not a command name (a-z, 0-9, '.', '_', '-')")
    _crate_file(crate, "executable.path", path)
    if library:
        _crate_file(crate, "executable.library", library)
    if library and library == path:
        raise CatalogError(crate, "executable.library", f"{library!r} is the program's own crate root")
    if edition not in _EDITIONS:
        raise CatalogError(crate, "executable.edition", f"{edition!r} is not a Rust edition ({', '.join(_EDITIONS)})")
    return Executable(name, path, edition, features, library)


def _published_addon(crate: str, table: dict[str, object]) -> PublishedAddon | None:
    value = table.get("published_addon")
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CatalogError(
            crate, "published_addon", "must be a table: [crate.published_addon] name = ..., napi_derive = ..."
        )
    unknown = sorted(set(value) - _PUBLISHED_ADDON_KEYS)
    if unknown:
        raise CatalogError(
            crate,
            f"published_addon.{unknown[0]}",
            f"is not a field (known: {', '.join(sorted(_PUBLISHED_ADDON_KEYS))})",
        )
    at = "published_addon."
    name = _string(crate, value, "name", required=True, prefix=at)
    path = _string(crate, value, "path", prefix=at) or "src/lib.rs"
    edition = _string(crate, value, "edition", prefix=at) or "2021"
    features = _strings(crate, value, "features", prefix=at)
    napi_derive = _string(crate, value, "napi_derive", required=True, prefix=at)
    if not _RUST_IDENT.match(name):
        raise CatalogError(crate, "published_addon.name", f"{name!r} is not a Rust crate name (the [lib]'s name)")
    _crate_file(crate, "published_addon.path", path)
    if edition not in _EDITIONS:
        raise CatalogError(
            crate, "published_addon.edition", f"{edition!r} is not a Rust edition ({', '.join(_EDITIONS)})"
        )
    if napi_derive not in NAPI_DERIVE_MAJORS:
        raise CatalogError(
            crate,
            "published_addon.napi_derive",
            f"{napi_derive!r} is not a napi-derive major release this build reads ({', '.join(NAPI_DERIVE_MAJORS)})",
        )
    return PublishedAddon(name, napi_derive, path, edition, features)


def crate_from_table(table: dict[str, object]) -> Crate:
    name = table.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise CatalogError(None, "name", f"{name!r} is not a crate name")
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        raise CatalogError(name, unknown[0], f"is not a catalog field (known: {', '.join(sorted(_KNOWN_KEYS))})")
    unsupported = table.get("unsupported", {})
    if not isinstance(unsupported, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in unsupported.items()
    ):
        raise CatalogError(name, "unsupported", "must be a table of platform = \"reason\"")
    return Crate(
        name=name,
        number=_int(name, table, "number"),
        version=_string(name, table, "version"),
        checksum=_string(name, table, "checksum"),
        description=_string(name, table, "description"),
        category=_string(name, table, "category"),
        license=_string(name, table, "license"),
        repository=_string(name, table, "repository"),
        batch=_int(name, table, "batch"),
        priority=_string(name, table, "priority"),
        internal_deps=_strings(name, table, "internal_deps"),
        js_api=_strings(name, table, "js_api"),
        notes=_string(name, table, "notes"),
        revision=_int(name, table, "revision"),
        reason=_string(name, table, "reason"),
        unsupported=dict(unsupported),
        pilot=_bool(name, table, "pilot"),
        group=_string(name, table, "group"),
        addon=_bool(name, table, "addon", default=True),
        executable=_executable(name, table),
        published_addon=_published_addon(name, table),
    )


def parse(text: str, source: str = "catalog") -> Catalog:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise CatalogError(None, None, f"{source} is not valid TOML: {e}") from e
    tables = data.get("crate", [])
    if not isinstance(tables, list):
        raise CatalogError(None, "crate", f"{source} must hold [[crate]] tables")
    catalog = Catalog(tuple(crate_from_table(t) for t in tables))
    validate(catalog)
    return catalog


def load(path: Path) -> Catalog:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise CatalogError(None, None, f"cannot read {path}: {e.strerror}") from e
    return parse(text, str(path))


# --- checking -----------------------------------------------------------------


def validate(catalog: Catalog) -> None:
    """Raises CatalogError for the first problem found, naming crate and field."""
    seen: dict[str, Crate] = {}
    numbers: dict[int, str] = {}
    spellings: dict[str, tuple[str, str]] = {}  # category key -> (spelling, first crate)
    for crate in catalog.crates:
        if crate.name in seen:
            raise CatalogError(crate.name, "name", "appears twice in the catalog")
        seen[crate.name] = crate
        if crate.number:
            if crate.number in numbers:
                raise CatalogError(crate.name, "number", f"{crate.number} is also the number of '{numbers[crate.number]}'")
            numbers[crate.number] = crate.name
        if crate.supported:
            if not crate.version:
                raise CatalogError(crate.name, "version", "is missing (set it, run `ruvio refresh`, or give a reason)")
        if crate.version and not _VERSION.match(crate.version):
            raise CatalogError(crate.name, "version", f"{crate.version!r} is not a semantic version")
        if not 0 <= crate.revision <= MAX_REVISION:
            raise CatalogError(crate.name, "revision", f"must be between 0 and {MAX_REVISION}, not {crate.revision}")
        if crate.checksum and not _CHECKSUM.match(crate.checksum):
            raise CatalogError(crate.name, "checksum", "must be 64 lowercase hex digits (sha256)")
        for platform, why in crate.unsupported.items():
            if platform not in BY_NAME:
                raise CatalogError(
                    crate.name,
                    "unsupported",
                    f"unknown platform '{platform}' (known: {', '.join(BY_NAME)})",
                )
            if not why.strip():
                raise CatalogError(crate.name, "unsupported", f"platform '{platform}' needs a reason")
        if crate.group and not _GROUP.match(crate.group):
            raise CatalogError(
                crate.name, "group", f"{crate.group!r} is not a lowercase identifier (a-z, then a-z, 0-9 or _)"
            )
        if crate.group == DEFAULT_GROUP_NAME:
            raise CatalogError(
                crate.name, "group", f"'{DEFAULT_GROUP_NAME}' is the shared workspace: leave the field out instead"
            )
        if crate.published_addon and crate.executable:
            raise CatalogError(
                crate.name, "published_addon", "a crate ships an addon or an executable, not both: drop one of them"
            )
        if crate.published_addon and not crate.addon:
            raise CatalogError(
                crate.name, "published_addon", "says the crate is an addon, but addon = false: drop one of them"
            )
        if not crate.addon and not crate.executable:
            raise CatalogError(crate.name, "addon", "is false, but there is no [crate.executable]: the crate would ship nothing")
        if crate.addon and crate.executable:
            raise CatalogError(
                crate.name,
                "executable",
                "a crate ships an addon or an executable, not both yet: set addon = false, or drop the executable",
            )
        if crate.executable and crate.supported and not crate.group:
            raise CatalogError(
                crate.name,
                "group",
                "an executable is built from the published crate as a member of a named group's workspace; give it one",
            )
        if crate.published_addon and crate.supported and not crate.group:
            raise CatalogError(
                crate.name,
                "group",
                "a published addon is built from the published crate as a member of a named group's workspace; give it one",
            )
        if crate.pilot and not crate.supported:
            raise CatalogError(crate.name, "pilot", "a pilot crate must be supported (it has a reason)")
        _check_category(crate, spellings)
    for crate in catalog.crates:
        for dep in crate.internal_deps:
            if dep not in seen:
                raise CatalogError(crate.name, "internal_deps", f"'{dep}' is not in the catalog")
            if dep == crate.name:
                raise CatalogError(crate.name, "internal_deps", "a crate cannot depend on itself")
    _check_cycles(catalog)


def _check_category(crate: Crate, spellings: dict[str, tuple[str, str]]) -> None:
    """One spelling per category: reports group crates by it, so "Ai Ml Systems"
    beside "AI/ML Systems" would split one group in two."""
    if not crate.category:
        return
    for category in (c.strip() for c in crate.category.split(",")):
        if not category:
            raise CatalogError(crate.name, "category", f"{crate.category!r} has an empty category in its list")
        key = re.sub(r"[^a-z0-9]", "", category.lower())
        spelling, first = spellings.setdefault(key, (category, crate.name))
        if spelling != category:
            raise CatalogError(
                crate.name, "category", f"{category!r} is spelled {spelling!r} by crate '{first}'; use one spelling"
            )


def _check_cycles(catalog: Catalog) -> None:
    deps = {c.name: c.internal_deps for c in catalog.crates}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = path[path.index(name) :] + [name]
            raise CatalogError(name, "internal_deps", "dependency cycle: " + " -> ".join(cycle))
        state[name] = 1
        for dep in deps[name]:
            visit(dep, [*path, name])
        state[name] = 2

    for name in sorted(deps):
        visit(name, [])


# --- writing ------------------------------------------------------------------


def _quote(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(_quote(v) for v in values) + "]"


def dumps(catalog: Catalog) -> str:
    """The catalog as TOML, crates sorted by name, fields in a fixed order."""
    validate(catalog)
    out = [HEADER]
    for c in sorted(catalog.crates, key=lambda c: c.name):
        out.append("\n[[crate]]\n")
        out.append(f"name = {_quote(c.name)}\n")
        out.append(f"number = {c.number}\n")
        out.append(f"version = {_quote(c.version)}\n")
        out.append(f"checksum = {_quote(c.checksum)}\n")
        out.append(f"description = {_quote(c.description)}\n")
        out.append(f"category = {_quote(c.category)}\n")
        out.append(f"license = {_quote(c.license)}\n")
        out.append(f"repository = {_quote(c.repository)}\n")
        out.append(f"batch = {c.batch}\n")
        out.append(f"priority = {_quote(c.priority)}\n")
        out.append(f"internal_deps = {_list(c.internal_deps)}\n")
        out.append(f"js_api = {_list(c.js_api)}\n")
        out.append(f"notes = {_quote(c.notes)}\n")
        if c.group:
            out.append(f"group = {_quote(c.group)}\n")
        if c.revision:
            out.append(f"revision = {c.revision}\n")
        if c.pilot:
            out.append("pilot = true\n")
        if not c.addon:
            out.append("addon = false\n")
        if c.reason:
            out.append(f"reason = {_quote(c.reason)}\n")
        if c.executable:
            e = c.executable
            out.append("\n[crate.executable]\n")
            out.append(f"name = {_quote(e.name)}\n")
            out.append(f"path = {_quote(e.path)}\n")
            out.append(f"edition = {_quote(e.edition)}\n")
            if e.features:
                out.append(f"features = {_list(e.features)}\n")
            if e.library:
                out.append(f"library = {_quote(e.library)}\n")
        if c.published_addon:
            a = c.published_addon
            out.append("\n[crate.published_addon]\n")
            out.append(f"name = {_quote(a.name)}\n")
            out.append(f"path = {_quote(a.path)}\n")
            out.append(f"edition = {_quote(a.edition)}\n")
            if a.features:
                out.append(f"features = {_list(a.features)}\n")
            out.append(f"napi_derive = {_quote(a.napi_derive)}\n")
        if c.unsupported:
            out.append("\n[crate.unsupported]\n")
            order = [p.name for p in PLATFORMS]
            for platform in sorted(c.unsupported, key=order.index):
                out.append(f"{platform} = {_quote(c.unsupported[platform])}\n")
    return "".join(out)
