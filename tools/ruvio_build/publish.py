"""Publishes crates' npm packages: what `bazel run //packages:publish` (every
supported crate) and `//packages/<crate>:publish` (one crate) run.

usage: publish.py [--publish] [--registry URL] [--tag TAG] [--crate NAME ...]
                  --tarballs CRATE TARBALL... [--tarballs CRATE TARBALL...]

Bazel supplies `--tarballs` (each crate's tarballs); the rest are the user's.
For each crate in the order given, its platform packages go first and its
main package last, since the main package pins them. Before each package the
registry is asked which versions it has (one GET of the packument), and only
a version it lacks is published; so a run that was interrupted is finished by
simply running it again. A package that fails does not stop the run, but a
crate's main package is held back when one of its platform packages failed.
Without `--publish` nothing is uploaded: the run says what it would publish.
The token is read from NPM_TOKEN only and reaches npm through a temporary
userconfig that names the variable, never the token itself.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

SCOPE = "@ruv.io"
DEFAULT_REGISTRY = "https://registry.npmjs.org/"

PUBLISHED = "published"
WOULD_PUBLISH = "would publish"
ALREADY_THERE = "already there"
FAILED = "failed"


class InputError(ValueError):
    """Arguments or tarballs that cannot be published; nothing was."""


class RegistryError(Exception):
    """The registry could not say which versions of a package it has."""


class PublishError(Exception):
    """npm did not publish a package; the message is npm's reason."""


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    tarball: Path
    # The main package's optionalDependencies: its platform packages' pins.
    pins: dict[str, str] = field(default_factory=dict)

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"


@dataclass(frozen=True)
class CratePackages:
    crate: str
    platforms: tuple[Package, ...]
    main: Package


@dataclass(frozen=True)
class Result:
    crate: str
    package: Package
    status: str
    reason: str = ""


# --- reading the tarballs -----------------------------------------------------


def read_package(tarball: Path) -> Package:
    try:
        with tarfile.open(tarball, "r:gz") as tar:
            member = tar.extractfile("package/package.json")
            if member is None:
                raise KeyError("package/package.json")
            data = json.loads(member.read().decode("utf-8"))
    except (OSError, tarfile.TarError, KeyError, ValueError) as e:
        raise InputError(f"{tarball}: not an npm tarball with package/package.json ({e})") from e
    name, version = data.get("name"), data.get("version")
    if not isinstance(name, str) or not isinstance(version, str) or not name or not version:
        raise InputError(f"{tarball}: package.json has no name and version")
    pins = data.get("optionalDependencies", {})
    if not isinstance(pins, dict):
        raise InputError(f"{tarball}: package.json's optionalDependencies is not an object")
    return Package(name, version, tarball, {str(k): str(v) for k, v in pins.items()})


def crate_packages(crate: str, tarballs: list[Path]) -> CratePackages:
    """One crate's packages, checked: its main package `@ruv.io/<crate>` once,
    the others its platform packages, at the versions the main package pins."""
    main_name = f"{SCOPE}/{crate}"
    mains: list[Package] = []
    platforms: list[Package] = []
    for tarball in tarballs:
        package = read_package(tarball)
        if package.name == main_name:
            mains.append(package)
        elif package.name.startswith(f"{main_name}-"):
            platforms.append(package)
        else:
            raise InputError(f"crate '{crate}': {tarball} holds {package.name}, not a package of {main_name}")
    if len(mains) != 1:
        raise InputError(f"crate '{crate}': expected one tarball of {main_name}, got {len(mains)}")
    main = mains[0]
    names = [p.name for p in platforms]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"crate '{crate}': {twice[0]} is given twice")
    for p in platforms:
        pin = main.pins.get(p.name)
        if pin != p.version:
            raise InputError(
                f"crate '{crate}': {main.spec} pins {p.name} at {pin or 'nothing'}, but its tarball is {p.version}"
            )
    return CratePackages(crate, tuple(platforms), main)


# --- the registry ---------------------------------------------------------------


class Registry(Protocol):
    def versions(self, name: str) -> set[str]: ...


class HttpRegistry:
    """The npm registry protocol's packument: `GET <registry>/<name>` with the
    scope's slash escaped; 404 means no version at all."""

    def __init__(self, url: str, token: str | None, timeout: float = 60) -> None:
        self.url = url
        self.token = token
        self.timeout = timeout

    def versions(self, name: str) -> set[str]:
        url = self.url + name.replace("/", "%2f")
        headers = {"Accept": "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=self.timeout) as r:
                data = json.load(r)
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return set()
            raise RegistryError(f"GET {url}: HTTP {e.code} {e.reason}") from e
        except (urllib.error.URLError, OSError) as e:
            raise RegistryError(f"GET {url}: {getattr(e, 'reason', e)}") from e
        except ValueError as e:
            raise RegistryError(f"GET {url}: the answer is not JSON ({e})") from e
        versions = data.get("versions", {}) if isinstance(data, dict) else None
        if not isinstance(versions, dict):
            raise RegistryError(f"GET {url}: the answer has no versions object")
        return set(versions)


# --- publishing -------------------------------------------------------------------


class Publisher(Protocol):
    def publish(self, package: Package, tag: str) -> None: ...


def registry_url(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        raise InputError(f"--registry {url!r} is not an http:// or https:// URL")
    return url.rstrip("/") + "/"


@contextmanager
def npm_userconfig(registry: str, with_token: bool) -> Iterator[Path]:
    """A userconfig for this run alone. npm expands ${NPM_TOKEN} from its
    environment when it reads the file, so the token is never written."""
    fd, name = tempfile.mkstemp(prefix="ruvio-npmrc-")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"registry={registry}\n")
            if with_token:
                f.write(f"//{registry.split('://', 1)[1]}:_authToken=${{NPM_TOKEN}}\n")
        yield path
    finally:
        path.unlink(missing_ok=True)


def npm_reason(output: str) -> str:
    """npm's own error lines, without the pointer to its debug log."""
    lines = [
        line.removeprefix("npm error").removeprefix("npm ERR!").strip()
        for line in output.splitlines()
        if line.startswith(("npm error", "npm ERR!"))
    ]
    lines = [line for line in lines if line and "complete log of this run" not in line and not line.startswith("/")]
    if lines:
        return "; ".join(dict.fromkeys(lines[:3]))
    rest = [line.strip() for line in output.splitlines() if line.strip()]
    return rest[-1] if rest else "npm failed without a message"


class NpmPublisher:
    def __init__(self, registry: str, userconfig: Path, npm: str = "npm") -> None:
        self.registry = registry
        self.userconfig = userconfig
        self.npm = npm

    def command(self, package: Package, tag: str) -> list[str]:
        return [
            self.npm,
            "publish",
            str(package.tarball),
            "--access",
            "public",
            "--ignore-scripts",
            "--tag",
            tag,
            "--userconfig",
            str(self.userconfig),
            "--registry",
            self.registry,
        ]

    def publish(self, package: Package, tag: str) -> None:
        try:
            done = subprocess.run(self.command(package, tag), capture_output=True, text=True, check=False)
        except OSError as e:
            raise PublishError(f"cannot run {self.npm}: {e.strerror}") from e
        if done.returncode != 0:
            raise PublishError(npm_reason(done.stderr + done.stdout))


def dist_tag(version: str, tag: str | None) -> str:
    """--tag, else `latest`, or `next` for a pre-release: npm refuses to move
    `latest` to one."""
    if tag:
        return tag
    return "next" if "-" in version.split("+", 1)[0] else "latest"


def publish_all(
    crates: list[CratePackages],
    registry: Registry,
    publisher: Publisher | None,
    tag: str | None = None,
    out: Callable[[str], None] = print,
) -> list[Result]:
    """Publishes what the registry lacks; `publisher` None is a dry run."""
    results: list[Result] = []

    def one(crate: str, package: Package) -> Result:
        try:
            there = package.version in registry.versions(package.name)
        except RegistryError as e:
            return Result(crate, package, FAILED, f"registry: {e}")
        if there:
            return Result(crate, package, ALREADY_THERE)
        chosen = dist_tag(package.version, tag)
        if publisher is None:
            return Result(crate, package, WOULD_PUBLISH, f"tag {chosen}")
        try:
            publisher.publish(package, chosen)
        except PublishError as e:
            return Result(crate, package, FAILED, str(e))
        return Result(crate, package, PUBLISHED, f"tag {chosen}")

    def report(result: Result) -> None:
        results.append(result)
        why = f": {result.reason}" if result.status == FAILED else f" ({result.reason})" if result.reason else ""
        out(f"  {result.status:<14}{result.package.spec}{why}")

    for c in crates:
        out(f"{c.crate}:")
        failed = []
        for package in c.platforms:
            result = one(c.crate, package)
            report(result)
            if result.status == FAILED:
                failed.append(package.name)
        if len(failed) == 1:
            report(Result(c.crate, c.main, FAILED, f"held back: it pins {failed[0]}, which failed"))
        elif failed:
            report(Result(c.crate, c.main, FAILED, f"held back: {len(failed)} of the platform packages it pins failed"))
        else:
            report(one(c.crate, c.main))
    return results


def summary(results: list[Result], dry_run: bool) -> str:
    first = WOULD_PUBLISH if dry_run else PUBLISHED
    columns = (first, ALREADY_THERE, FAILED)
    crates = list(dict.fromkeys(r.crate for r in results))
    width = max([len("total"), *(len(c) for c in crates)])
    header = f"{'crate':<{width}}  " + "  ".join(columns)

    def row(label: str, rs: list[Result]) -> str:
        counts = (sum(1 for r in rs if r.status == s) for s in columns)
        return f"{label:<{width}}  " + "  ".join(f"{n:>{len(s)}}" for n, s in zip(counts, columns))

    lines = ["summary" + (" (dry run: nothing was uploaded)" if dry_run else "") + ":", header]
    lines += [row(c, [r for r in results if r.crate == c]) for c in crates]
    lines.append(row("total", results))
    failures = [r for r in results if r.status == FAILED]
    if failures:
        lines.append("failed:")
        lines += [f"  {r.crate}: {r.package.spec}: {r.reason}" for r in failures]
    return "\n".join(lines) + "\n"


# --- the command --------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="publish",
        description="Publish crates' npm packages: only versions the registry lacks; a dry run unless --publish.",
        allow_abbrev=False,
    )
    p.add_argument("--publish", action="store_true", help="upload (default: a dry run that says what it would publish)")
    p.add_argument("--registry", help="registry URL (default: $RUVIO_NPM_REGISTRY, else npmjs.org)")
    p.add_argument("--tag", help="dist-tag (default: latest, or next for a pre-release)")
    p.add_argument("--crate", action="extend", nargs="+", default=[], metavar="NAME", help="only these crates")
    p.add_argument(
        "--tarballs",
        action="append",
        nargs="+",
        default=[],
        metavar="CRATE TARBALL",
        help="a crate and its packages' tarballs (given by the Bazel target)",
    )
    return p


def select(args: argparse.Namespace) -> list[CratePackages]:
    if not args.tarballs:
        raise InputError("no packages given (run it through a :publish target)")
    groups: dict[str, list[Path]] = {}
    for crate, *tarballs in args.tarballs:
        if crate in groups:
            raise InputError(f"crate '{crate}' is given twice")
        if not tarballs:
            raise InputError(f"crate '{crate}' has no tarballs")
        groups[crate] = [Path(t).resolve() for t in tarballs]
    unknown = [c for c in args.crate if c not in groups]
    if unknown:
        raise InputError(f"--crate {unknown[0]}: not a crate this command publishes (it has {', '.join(groups)})")
    wanted = [c for c in groups if not args.crate or c in args.crate]
    # Every tarball is read and checked before anything is published.
    return [crate_packages(c, groups[c]) for c in wanted]


def main(argv: list[str] | None = None, npm: str = "npm") -> int:
    args = parser().parse_args(argv)
    try:
        registry = registry_url(args.registry or os.environ.get("RUVIO_NPM_REGISTRY") or DEFAULT_REGISTRY)
        crates = select(args)
    except InputError as e:
        print(f"publish: error: {e}", file=sys.stderr)
        return 2
    token = os.environ.get("NPM_TOKEN") or None
    count = sum(len(c.platforms) + 1 for c in crates)
    dry = "" if args.publish else " (dry run; add --publish to upload)"
    what = f"{count} package{'s' if count != 1 else ''} of {len(crates)} crate{'s' if len(crates) != 1 else ''}"
    print(f"publish: {what} to {registry}{dry}", flush=True)
    if args.publish and not token:
        print("publish: NPM_TOKEN is not set; a registry will refuse the upload", file=sys.stderr)
    # A stop from outside (Ctrl-C, kill) unwinds like Ctrl-C: npm's child is
    # killed and the userconfig removed.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with npm_userconfig(registry, token is not None) as userconfig:
            publisher = NpmPublisher(registry, userconfig, npm) if args.publish else None
            results = publish_all(
                crates, HttpRegistry(registry, token), publisher, args.tag, lambda line: print(line, flush=True)
            )
    except KeyboardInterrupt:
        print("publish: interrupted; what was published stays, and the same command again publishes the rest", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary(results, not args.publish), end="")
    return 1 if any(r.status == FAILED for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
