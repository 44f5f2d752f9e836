"""A small crates.io client: the sparse index for versions, checksums and
dependencies, and the published .crate files for a crate's own metadata.

Both are served by crates.io's CDN, which asks clients to identify themselves
and to go easy; the client sends a User-Agent, waits between requests, and
retries transient failures with exponential backoff.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import time
import tomllib
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

INDEX_URL = "https://index.crates.io"
DOWNLOAD_URL = "https://static.crates.io/crates"
USER_AGENT = "ruvio-build-catalog/0.1 (catalog refresh of the ruv.io build)"


class RegistryError(RuntimeError):
    """crates.io could not answer for a crate (after retries)."""


@dataclass(frozen=True)
class IndexVersion:
    """One published version of a crate, as the sparse index lists it."""

    version: str
    checksum: str
    yanked: bool
    dependencies: tuple[dict[str, Any], ...]

    @property
    def prerelease(self) -> bool:
        return "-" in self.version.split("+")[0]


@dataclass(frozen=True)
class PackageMetadata:
    description: str
    license: str
    repository: str
    has_library: bool = True  # False: the crate publishes only programs


def index_path(name: str) -> str:
    """The sparse index path of a crate (cargo's layout)."""
    n = name.lower()
    if len(n) <= 2:
        return f"{len(n)}/{n}"
    if len(n) == 3:
        return f"3/{n[0]}/{n}"
    return f"{n[0:2]}/{n[2:4]}/{n}"


def _version_key(version: str) -> tuple[tuple[int, ...], int, str]:
    core, _, pre = version.split("+")[0].partition("-")
    numbers = tuple(int(p) if p.isdigit() else 0 for p in core.split("."))
    # A release sorts after its prereleases.
    return numbers, 0 if pre else 1, pre


class CratesIo:
    def __init__(self, min_interval: float = 0.25, timeout: float = 30.0) -> None:
        self.min_interval = min_interval
        self.timeout = timeout
        self._last = 0.0
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        retry = Retry(
            total=5,
            backoff_factor=0.5,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
        )
        self.session.mount("https://", HTTPAdapter(max_retries=retry))

    def _get(self, url: str) -> requests.Response | None:
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.RequestException as e:
            raise RegistryError(f"GET {url}: {e}") from e
        finally:
            self._last = time.monotonic()
        if response.status_code in (404, 410):
            return None
        if response.status_code != 200:
            raise RegistryError(f"GET {url}: HTTP {response.status_code}")
        return response

    def versions(self, name: str) -> list[IndexVersion] | None:
        """Every published version, oldest first; None if no such crate."""
        response = self._get(f"{INDEX_URL}/{index_path(name)}")
        if response is None:
            return None
        return parse_index(response.text)

    def metadata(self, name: str, version: str) -> PackageMetadata:
        """Description, license and repository from the published Cargo.toml."""
        response = self._get(f"{DOWNLOAD_URL}/{name}/{name}-{version}.crate")
        if response is None:
            raise RegistryError(f"{name} {version}: the .crate file is not on crates.io")
        return package_metadata(response.content, name, version)


def parse_index(text: str) -> list[IndexVersion]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        out.append(
            IndexVersion(
                version=entry["vers"],
                checksum=entry["cksum"],
                yanked=bool(entry.get("yanked")),
                dependencies=tuple(entry.get("deps", [])),
            )
        )
    return sorted(out, key=lambda v: _version_key(v.version))


def newest(versions: list[IndexVersion]) -> IndexVersion | None:
    """The newest version that is neither yanked nor a prerelease, else the
    newest that is not yanked."""
    live = [v for v in versions if not v.yanked]
    stable = [v for v in live if not v.prerelease]
    return (stable or live or [None])[-1]


def package_metadata(crate_file: bytes, name: str, version: str) -> PackageMetadata:
    prefix = f"{name}-{version}/"
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(crate_file)), mode="r:") as tar:
        member = tar.extractfile(f"{prefix}Cargo.toml")
        if member is None:
            raise RegistryError(f"{name} {version}: the .crate file has no Cargo.toml")
        manifest = tomllib.loads(member.read().decode("utf-8"))
        files = set(tar.getnames())
    package = manifest.get("package", {})
    lib = manifest.get("lib", {})
    lib_path = lib.get("path", "src/lib.rs") if isinstance(lib, dict) else "src/lib.rs"
    has_library = f"{prefix}{lib_path}" in files

    def text(key: str) -> str:
        value = package.get(key, "")
        return " ".join(value.split()) if isinstance(value, str) else ""

    license_ = text("license") or (f"SEE LICENSE IN {text('license-file')}" if text("license-file") else "")
    return PackageMetadata(text("description"), license_, text("repository"), has_library)


def dependency_names(version: IndexVersion) -> set[str]:
    """Crates a version needs when built with default features: its normal and
    build dependencies that are not optional, by package name."""
    names = set()
    for dep in version.dependencies:
        if dep.get("kind", "normal") == "dev" or dep.get("optional"):
            continue
        names.add(dep.get("package") or dep["name"])
    return names
