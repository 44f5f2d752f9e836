"""Dependency worlds: the shared default workspace and the named groups.

Every binding crate resolves its third-party dependencies in one Cargo
workspace, whose lock crate_universe turns into Bazel targets behind a hub
repository. Crates without a `group` in the catalog share the default one
(crates/Cargo.toml, crates/Cargo.lock, crates/3rdparty, `@crates`); Cargo
unifies their dependencies (one version per semver range, features merged).
A named group is a workspace of its own under crates/groups/<name>, with its
own lock, crates/groups/<name>/3rdparty and hub `@crates_<name>`, in the same
Bazel graph: for bindings whose dependencies cannot be unified with the
others' (incompatible versions, two `links` of one native library, a feature
that breaks another binding).

The binding crates stay at crates/<crate>. cargo-bazel copies a workspace's
directory, not the tree around it, so a group's workspace names its members
as members/<crate> inside its own directory, and crates/vendor.sh links each
binding's Cargo.toml and src/ there while it vendors. crate_universe then
keys the binding's dependencies by that path, which the generated BUILD files
pass as `package_name` (`cargo_package` below).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ruvio_build.catalog import DEFAULT_GROUP_NAME, Crate

# Where vendor.sh links a named group's members, inside its directory.
MEMBERS = "members"


class GroupError(ValueError):
    """A binding whose own files do not fit the group the catalog puts it in."""


@dataclass(frozen=True)
class Group:
    """One dependency world and the bound crates resolved in it."""

    name: str  # "" for the shared default workspace
    crates: tuple[Crate, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.name

    @property
    def label(self) -> str:
        """How reports and messages name it."""
        return self.name or DEFAULT_GROUP_NAME

    @property
    def hub(self) -> str:
        """The repository its bindings take their dependencies from."""
        return f"crates_{self.name}" if self.name else "crates"

    @property
    def package(self) -> str:
        """The directory (and Bazel package) of its workspace, lock and vendor target."""
        return f"crates/groups/{self.name}" if self.name else "crates"

    @property
    def third_party(self) -> str:
        """The package crate_universe writes (BUILD files, crates.bzl, defs.bzl)."""
        return f"{self.package}/3rdparty"

    @property
    def vendor_command(self) -> str:
        return f"tools/bazel run //{self.package}:vendor -- --repin workspace"

    def member(self, crate: str) -> str:
        """A binding's path in the workspace's `members`."""
        return f"{MEMBERS}/{crate}" if self.name else crate

    def cargo_package(self, crate: str) -> str:
        """The key crate_universe's defs.bzl files a binding's dependencies under."""
        return f"{self.package}/{self.member(crate)}"


def groups(crates: list[Crate]) -> list[Group]:
    """The default group (always) and every named group of `crates`, by name."""
    by_name: dict[str, list[Crate]] = {"": []}
    for crate in sorted(crates, key=lambda c: c.name):
        by_name.setdefault(crate.group, []).append(crate)
    return [Group(name, tuple(members)) for name, members in sorted(by_name.items())]


def group_of(crate: Crate) -> Group:
    return Group(crate.group)


# What crate_universe's defs.bzl calls the dependencies every platform has.
COMMON_CONDITION = "_COMMON_CONDITION"


def normal_dependencies(defs_bzl: str) -> dict[str, dict[str, list[str]]]:
    """The `_NORMAL_DEPENDENCIES` of a crate_universe defs.bzl: for each
    package it resolved (a binding's key, `cargo_package`), for each
    condition (COMMON_CONDITION, or a cfg/triple expression as written there),
    the repositories of the crates it links, in order."""
    start = defs_bzl.find("_NORMAL_DEPENDENCIES = {")
    end = defs_bzl.find("\n}\n", start)
    if start < 0 or end < 0:
        return {}
    out: dict[str, dict[str, list[str]]] = {}
    for package, body in re.findall(r'^    "([^"]+)": \{\n(.*?)^    \},?$', defs_bzl[start:end], re.M | re.S):
        conditions = out.setdefault(package, {})
        for condition, entries in re.findall(r'^        (_COMMON_CONDITION|"(?:[^"\\]|\\.)*"): \{\n(.*?)^        \},?$', body, re.M | re.S):
            key = condition if condition == COMMON_CONDITION else condition[1:-1].replace('\\"', '"')
            conditions[key] = re.findall(r'Label\("@([^"/]+)//:', entries)
    return out


def vendored_packages(defs_bzl: str, group: Group) -> set[str]:
    """Binding crates that crate_universe has resolved in `group`: the
    packages its generated defs.bzl knows dependencies for."""
    prefix = group.cargo_package("")
    return {
        package[len(prefix):]
        for package in normal_dependencies(defs_bzl)
        if package.startswith(prefix) and "/" not in package[len(prefix):]
    }


def read_vendored(root: Path, every: list[Group]) -> dict[str, set[str]]:
    """Group name -> the crates its defs.bzl resolves, for every group whose
    crate_universe files exist (a group not vendored yet is left out)."""
    out = {}
    for group in every:
        defs = root / group.third_party / "defs.bzl"
        if defs.is_file():
            out[group.name] = vendored_packages(defs.read_text(encoding="utf-8"), group)
    return out


def check_binding_manifest(crate: Crate, text: str, path: str) -> None:
    """A named group's member must let its group's workspace own it: Cargo
    sees it at crates/groups/<name>/members/<crate>, and a `workspace` key
    pointing anywhere else would make it a member of the wrong workspace."""
    if not crate.group:
        return
    workspace = f"{group_of(crate).package}/Cargo.toml"
    try:
        manifest = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise GroupError(f"crate '{crate.name}': {path} is not valid TOML: {e}") from e
    package = manifest.get("package", {})
    if isinstance(package, dict) and "workspace" in package:
        raise GroupError(
            f"crate '{crate.name}' field 'group': {path} sets package.workspace = {package['workspace']!r}, "
            f"but group '{crate.group}' owns it through {workspace}; "
            "remove that key (the group's workspace finds its members itself)"
        )
    if "workspace" in manifest:
        raise GroupError(
            f"crate '{crate.name}' field 'group': {path} has a [workspace] table of its own; "
            f"group '{crate.group}' needs it to be a member of {workspace}"
        )
