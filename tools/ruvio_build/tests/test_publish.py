from __future__ import annotations

import io
import json
import sys
import tarfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ruvio_build import publish
from ruvio_build.publish import ALREADY_THERE, FAILED, PUBLISHED, WOULD_PUBLISH, Package

TOKEN = "npm_secret-token-0123456789"


class FakeRegistry:
    """Packuments over HTTP on loopback, as an npm registry serves them."""

    def __init__(self) -> None:
        self.versions: dict[str, set[str]] = {}
        self.requests: list[tuple[str, str | None]] = []  # path, Authorization
        self.broken: set[str] = set()  # names whose packument GET answers 500
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                pass

            def do_GET(self) -> None:
                registry.requests.append((self.path, self.headers.get("Authorization")))
                name = self.path[1:].replace("%2f", "/")
                if name in registry.broken:
                    self.send_error(500, "storage is on fire")
                    return
                if name not in registry.versions:
                    self.send_error(404, "not found")
                    return
                body = json.dumps({"name": name, "versions": {v: {} for v in registry.versions[name]}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            # The fake npm below publishes through this.
            def do_PUT(self) -> None:
                name, _, version = self.path[1:].replace("%2f", "/").rpartition("/")
                registry.versions.setdefault(name, set()).add(version)
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def gets(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def registry() -> Iterator[FakeRegistry]:
    r = FakeRegistry()
    yield r
    r.server.shutdown()
    r.server.server_close()


def tarball(path: Path, package: dict[str, object]) -> Path:
    data = json.dumps(package).encode()
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("package/package.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return path


def crate_tarballs(root: Path, crate: str, version: str, platforms: tuple[str, ...] = ("linux-x64-gnu", "wasm32-wasi")) -> list[Path]:
    """A crate's tarballs as Bazel passes them: platforms first, main last."""
    out = root / crate
    out.mkdir(parents=True)
    name = f"@ruv.io/{crate}"
    paths = [tarball(out / f"npm_{p}.tgz", {"name": f"{name}-{p}", "version": version}) for p in platforms]
    pins = {f"{name}-{p}": version for p in platforms}
    paths.append(tarball(out / "npm.tgz", {"name": name, "version": version, "optionalDependencies": pins}))
    return paths


FAKE_NPM = """\
#!{python}
# Records each call; `publish` PUTs name/version to the fake registry, or
# fails like npm for a package named in FAKE_NPM_FAIL.
import json, os, sys, tarfile, urllib.request
args = sys.argv[1:]
config = open(args[args.index("--userconfig") + 1]).read()
with open(os.environ["FAKE_NPM_LOG"], "a") as log:
    log.write(json.dumps({{"args": args, "config": config, "token": os.environ.get("NPM_TOKEN")}}) + "\\n")
with tarfile.open(args[1]) as tar:
    pkg = json.load(tar.extractfile("package/package.json"))
if pkg["name"] in os.environ.get("FAKE_NPM_FAIL", "").split():
    print("npm notice Publishing to registry", file=sys.stderr)
    print("npm error code E403", file=sys.stderr)
    print("npm error 403 Forbidden - PUT " + pkg["name"], file=sys.stderr)
    print("npm error A complete log of this run can be found in: /root/.npm/_logs/x.log", file=sys.stderr)
    sys.exit(1)
registry = args[args.index("--registry") + 1]
name = pkg["name"].replace("/", "%2f")
urllib.request.urlopen(urllib.request.Request(registry + name + "/" + pkg["version"], method="PUT"))
print("+ " + pkg["name"] + "@" + pkg["version"])
"""


@pytest.fixture
def npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    script = tmp_path / "bin" / "npm"
    script.parent.mkdir()
    script.write_text(FAKE_NPM.format(python=sys.executable))
    script.chmod(0o755)
    log = tmp_path / "npm.log"
    log.touch()
    monkeypatch.setenv("FAKE_NPM_LOG", str(log))
    monkeypatch.delenv("NPM_TOKEN", raising=False)
    monkeypatch.delenv("RUVIO_NPM_REGISTRY", raising=False)
    monkeypatch.delenv("FAKE_NPM_FAIL", raising=False)
    return script


@dataclass(frozen=True)
class NpmCall:
    args: list[str]
    config: str  # the userconfig's contents
    token: str | None  # NPM_TOKEN in npm's environment

    def option(self, name: str) -> str:
        return self.args[self.args.index(name) + 1]


def npm_calls(npm: Path) -> list[NpmCall]:
    log = npm.parent.parent / "npm.log"
    return [NpmCall(**json.loads(line)) for line in log.read_text().splitlines()]


def published(npm: Path) -> list[str]:
    return [call.args[1] for call in npm_calls(npm)]


def row(out: str, label: str) -> tuple[int, ...]:
    """A summary row's counts: published (or would publish), already there, failed."""
    summary = out[out.index("\nsummary") :]
    line = next(line for line in summary.splitlines() if line.split()[:1] == [label])
    return tuple(int(n) for n in line.split()[1:])


def args(registry: FakeRegistry, *tarball_groups: tuple[str, list[Path]], extra: tuple[str, ...] = ()) -> list[str]:
    out = ["--registry", registry.url]
    for crate, paths in tarball_groups:
        out += ["--tarballs", crate, *map(str, paths)]
    return out + list(extra)


def test_publishes_platform_packages_first_and_only_missing_versions(
    tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = crate_tarballs(tmp_path, "alpha", "1.0.100")
    b = crate_tarballs(tmp_path, "beta", "0.2.0", ("linux-x64-gnu",))
    registry.versions["@ruv.io/alpha-linux-x64-gnu"] = {"1.0.0", "1.0.100"}
    assert publish.main(args(registry, ("alpha", a), ("beta", b), extra=("--publish",)), npm=str(npm)) == 0
    assert published(npm) == [str(a[1]), str(a[2]), str(b[0]), str(b[1])]
    # One GET per package, the scope's slash escaped.
    assert registry.gets() == [
        "/@ruv.io%2falpha-linux-x64-gnu",
        "/@ruv.io%2falpha-wasm32-wasi",
        "/@ruv.io%2falpha",
        "/@ruv.io%2fbeta-linux-x64-gnu",
        "/@ruv.io%2fbeta",
    ]
    assert registry.versions["@ruv.io/alpha"] == {"1.0.100"}
    out = capsys.readouterr().out
    assert "  already there @ruv.io/alpha-linux-x64-gnu@1.0.100\n" in out
    assert "  published     @ruv.io/alpha@1.0.100 (tag latest)\n" in out
    assert "\ncrate  published  already there  failed\n" in out
    assert (row(out, "alpha"), row(out, "beta"), row(out, "total")) == ((2, 1, 0), (2, 0, 0), (4, 1, 0))


def test_second_run_publishes_nothing(tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0")
    assert publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm)) == 0
    capsys.readouterr()
    assert publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm)) == 0
    assert len(published(npm)) == 3
    assert row(capsys.readouterr().out, "total") == (0, 3, 0)


def test_dry_run_asks_the_registry_and_uploads_nothing(
    tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0")
    registry.versions["@ruv.io/alpha-wasm32-wasi"] = {"0.1.0"}
    assert publish.main(args(registry, ("alpha", a)), npm=str(npm)) == 0
    assert published(npm) == []
    assert len(registry.gets()) == 3
    out = capsys.readouterr().out
    assert "(dry run; add --publish to upload)" in out
    assert "  would publish @ruv.io/alpha@0.1.0 (tag latest)\n" in out
    assert "  already there @ruv.io/alpha-wasm32-wasi@0.1.0\n" in out
    assert "summary (dry run: nothing was uploaded):" in out


def test_a_failed_platform_package_holds_back_its_main_package_only(
    tmp_path: Path, registry: FakeRegistry, npm: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0")
    b = crate_tarballs(tmp_path, "beta", "0.1.0")
    monkeypatch.setenv("FAKE_NPM_FAIL", "@ruv.io/alpha-linux-x64-gnu")
    assert publish.main(args(registry, ("alpha", a), ("beta", b), extra=("--publish",)), npm=str(npm)) == 1
    # It went on: alpha's other platform package and all of beta.
    assert published(npm) == [str(a[0]), str(a[1]), *map(str, b)]
    assert "@ruv.io/alpha" not in registry.versions
    out = capsys.readouterr().out
    assert "  failed        @ruv.io/alpha-linux-x64-gnu@0.1.0: code E403; 403 Forbidden - PUT @ruv.io/alpha-linux-x64-gnu\n" in out
    assert "held back: it pins @ruv.io/alpha-linux-x64-gnu, which failed" in out
    assert (row(out, "alpha"), row(out, "beta")) == ((1, 0, 2), (3, 0, 0))
    assert "failed:\n  alpha: @ruv.io/alpha-linux-x64-gnu@0.1.0: code E403" in out


def test_a_registry_error_fails_that_package(tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0", ("linux-x64-gnu",))
    registry.broken.add("@ruv.io/alpha-linux-x64-gnu")
    assert publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm)) == 1
    assert published(npm) == []
    out = capsys.readouterr().out
    assert "@ruv.io/alpha-linux-x64-gnu@0.1.0: registry: GET " in out
    assert "HTTP 500" in out


def test_unreachable_registry_fails_every_package(tmp_path: Path, npm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0", ("linux-x64-gnu",))
    assert publish.main(["--registry", "http://127.0.0.1:9/", "--tarballs", "alpha", *map(str, a)], npm=str(npm)) == 1
    out = capsys.readouterr().out
    assert row(out, "total") == (0, 0, 2)
    assert "held back: it pins @ruv.io/alpha-linux-x64-gnu, which failed" in out
    two = crate_tarballs(tmp_path / "two", "alpha", "0.1.0")
    assert publish.main(["--registry", "http://127.0.0.1:9/", "--tarballs", "alpha", *map(str, two)], npm=str(npm)) == 1
    assert "held back: 2 of the platform packages it pins failed" in capsys.readouterr().out


def test_an_interrupted_run_is_finished_by_the_next(tmp_path: Path, registry: FakeRegistry) -> None:
    crates = [publish.crate_packages(c, crate_tarballs(tmp_path, c, "0.1.0")) for c in ("alpha", "beta")]
    http = publish.HttpRegistry(registry.url, None)

    class Stops:
        def __init__(self, after: int) -> None:
            self.left = after
            self.names: list[str] = []

        def publish(self, package: Package, tag: str) -> None:
            if self.left == 0:
                raise KeyboardInterrupt
            self.left -= 1
            self.names.append(package.name)
            registry.versions.setdefault(package.name, set()).add(package.version)

    first = Stops(after=4)
    with pytest.raises(KeyboardInterrupt):
        publish.publish_all(crates, http, first, out=lambda _: None)
    second = Stops(after=100)
    results = publish.publish_all(crates, http, second, out=lambda _: None)
    assert [r.status for r in results].count(ALREADY_THERE) == 4
    assert second.names == ["@ruv.io/beta-wasm32-wasi", "@ruv.io/beta"]
    assert all(registry.versions[p.name] == {"0.1.0"} for c in crates for p in (*c.platforms, c.main))


def test_a_stop_from_outside_ends_the_run_cleanly(
    tmp_path: Path, registry: FakeRegistry, npm: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0")
    configs: list[Path] = []

    def stopped(self: publish.NpmPublisher, package: Package, tag: str) -> None:
        configs.append(self.userconfig)
        raise KeyboardInterrupt

    monkeypatch.setattr(publish.NpmPublisher, "publish", stopped)
    assert publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm)) == 130
    assert "the same command again publishes the rest" in capsys.readouterr().err
    assert configs and not configs[0].exists()


def test_token_goes_to_npm_through_the_environment_only(
    tmp_path: Path, registry: FakeRegistry, npm: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NPM_TOKEN", TOKEN)
    a = crate_tarballs(tmp_path, "alpha", "0.1.0", ("linux-x64-gnu",))
    assert publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm)) == 0
    port = registry.url.split(":")[2].rstrip("/")
    for call in npm_calls(npm):
        assert call.config == f"registry={registry.url}\n//127.0.0.1:{port}/:_authToken=${{NPM_TOKEN}}\n"
        assert call.token == TOKEN
        assert not Path(call.option("--userconfig")).exists()  # removed after the run
    assert {auth for _, auth in registry.requests} == {f"Bearer {TOKEN}"}
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err


def test_without_a_token_no_authorization_is_sent(
    tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0", ("linux-x64-gnu",))
    publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm))
    assert {auth for _, auth in registry.requests} == {None}
    assert "_authToken" not in npm_calls(npm)[0].config
    assert "NPM_TOKEN is not set" in capsys.readouterr().err


def test_registry_from_the_environment_and_crate_selection(
    tmp_path: Path, registry: FakeRegistry, npm: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUVIO_NPM_REGISTRY", registry.url.rstrip("/"))
    a = crate_tarballs(tmp_path, "alpha", "0.1.0")
    b = crate_tarballs(tmp_path, "beta", "0.1.0")
    argv = ["--tarballs", "alpha", *map(str, a), "--tarballs", "beta", *map(str, b), "--publish", "--crate", "beta"]
    assert publish.main(argv, npm=str(npm)) == 0
    assert published(npm) == list(map(str, b))
    assert all(c.option("--registry") == registry.url for c in npm_calls(npm))


@pytest.mark.parametrize(
    ("version", "tag", "expected"),
    [("0.1.0", None, "latest"), ("0.1.0-rc.1", None, "next"), ("0.1.0+build.1", None, "latest"), ("0.1.0-rc.1", "beta", "beta")],
)
def test_dist_tag(version: str, tag: str | None, expected: str) -> None:
    assert publish.dist_tag(version, tag) == expected


def test_prerelease_is_published_under_next(tmp_path: Path, registry: FakeRegistry, npm: Path) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0-rc.1", ("linux-x64-gnu",))
    publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(npm))
    assert [c.option("--tag") for c in npm_calls(npm)] == ["next", "next"]


def _bad(tmp_path: Path, what: str) -> tuple[list[str], str]:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0", ("linux-x64-gnu",))
    if what == "other crate":
        return ["--tarballs", "beta", *map(str, a)], "crate 'beta': " + str(a[0]) + " holds @ruv.io/alpha-linux-x64-gnu"
    if what == "no main":
        return ["--tarballs", "alpha", str(a[0])], "crate 'alpha': expected one tarball of @ruv.io/alpha, got 0"
    if what == "two mains":
        return ["--tarballs", "alpha", *map(str, a), str(a[1])], "expected one tarball of @ruv.io/alpha, got 2"
    if what == "pin":
        tarball(a[0], {"name": "@ruv.io/alpha-linux-x64-gnu", "version": "0.0.9"})
        return ["--tarballs", "alpha", *map(str, a)], "@ruv.io/alpha@0.1.0 pins @ruv.io/alpha-linux-x64-gnu at 0.1.0, but its tarball is 0.0.9"
    if what == "not a tarball":
        a[0].write_text("hello")
        return ["--tarballs", "alpha", *map(str, a)], f"{a[0]}: not an npm tarball"
    if what == "unknown crate":
        return ["--tarballs", "alpha", *map(str, a), "--crate", "gamma"], "--crate gamma: not a crate this command publishes (it has alpha)"
    if what == "crate twice":
        return ["--tarballs", "alpha", *map(str, a), "--tarballs", "alpha", str(a[1])], "crate 'alpha' is given twice"
    if what == "registry":
        return ["--registry", "ftp://x", "--tarballs", "alpha", *map(str, a)], "--registry 'ftp://x' is not an http:// or https:// URL"
    return [], "no packages given"


@pytest.mark.parametrize(
    "what", ["other crate", "no main", "two mains", "pin", "not a tarball", "unknown crate", "crate twice", "registry", "nothing"]
)
def test_bad_input_is_refused_before_anything_is_published(
    tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    argv, message = _bad(tmp_path, what)
    if "--registry" not in argv:
        argv = ["--registry", registry.url, *argv]
    assert publish.main([*argv, "--publish"], npm=str(npm)) == 2
    err = capsys.readouterr().err
    assert err.startswith("publish: error: ") and message in err
    assert published(npm) == [] and registry.requests == []


def test_npm_reason_keeps_npms_error_lines() -> None:
    output = (
        "npm notice Publishing to http://x/\n"
        "npm error code E409\n"
        "npm error 409 Conflict - PUT http://x/@ruv.io%2fa - this package is already present\n"
        "npm error A complete log of this run can be found in: /home/u/.npm/_logs/1.log\n"
    )
    assert publish.npm_reason(output) == "code E409; 409 Conflict - PUT http://x/@ruv.io%2fa - this package is already present"
    assert publish.npm_reason("killed\n") == "killed"
    assert publish.npm_reason("") == "npm failed without a message"


def test_missing_npm_is_a_failure_with_its_reason(tmp_path: Path, registry: FakeRegistry, npm: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = crate_tarballs(tmp_path, "alpha", "0.1.0", ("linux-x64-gnu",))
    assert publish.main(args(registry, ("alpha", a), extra=("--publish",)), npm=str(tmp_path / "no-npm")) == 1
    out = capsys.readouterr().out
    assert "cannot run " in out and FAILED in out and PUBLISHED not in out.split("summary")[0]
    assert WOULD_PUBLISH not in out
