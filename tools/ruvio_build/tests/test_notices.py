from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from ruvio_build import notices, rust_std, spdx_expr
from ruvio_build.licence_files import is_licence_file

MIT = "MIT License\n\nCopyright (c) <year> <copyright holders>\n\nPermission is hereby granted.\n"
APACHE = "Apache License\nVersion 2.0, January 2004\n"


@pytest.fixture
def spdx_files(tmp_path: Path) -> tuple[Path, Path]:
    full = tmp_path / "spdx" / "spdx-full.json"
    full.parent.mkdir()
    full.write_text(json.dumps({"MIT": {"licenseText": MIT}, "Apache-2.0": {"licenseText": APACHE}, "CC0-1.0": {"licenseText": "CC0\n"}}))
    package = full.parent / "package.json"
    package.write_text(json.dumps({"name": "spdx-license-list", "version": "6.12.0"}))
    return full, package


@pytest.fixture
def spdx(spdx_files: tuple[Path, Path]) -> notices.SpdxList:
    return notices.SpdxList(*spdx_files)


def _crate(root: Path, name: str, version: str, cargo_extra: str = "", files: dict[str, str] | None = None) -> dict[str, object]:
    """A crate's directory and the record the aspect would pass for it."""
    directory = root / f"{name}-{version}"
    directory.mkdir(parents=True)
    (directory / "Cargo.toml").write_text(f'[package]\nname = "{name}"\nversion = "{version}"\n{cargo_extra}')
    record_files = [["Cargo.toml", str(directory / "Cargo.toml")]]
    for rel, text in (files or {}).items():
        (directory / rel).parent.mkdir(parents=True, exist_ok=True)
        (directory / rel).write_text(text)
        record_files.append([rel, str(directory / rel)])
    return {"name": name, "version": version, "label": f"@crates__{name}-{version}//:{name}", "files": record_files}


# --- SPDX expressions --------------------------------------------------------


@pytest.mark.parametrize(
    "text, licences, exceptions",
    [
        ("MIT", ("MIT",), ()),
        ("MIT OR Apache-2.0", ("MIT", "Apache-2.0"), ()),
        ("MIT/Apache-2.0", ("MIT", "Apache-2.0"), ()),
        ("(MIT OR Apache-2.0) AND Unicode-3.0", ("MIT", "Apache-2.0", "Unicode-3.0"), ()),
        ("Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT", ("Apache-2.0", "MIT"), ("LLVM-exception",)),
        ("MIT AND Apache-2.0 WITH LLVM-exception AND (MIT OR Apache-2.0)", ("MIT", "Apache-2.0"), ("LLVM-exception",)),
        ("GPL-2.0+", ("GPL-2.0+",), ()),
    ],
)
def test_expressions_name_every_licence_and_exception(text: str, licences: tuple[str, ...], exceptions: tuple[str, ...]) -> None:
    parsed = spdx_expr.parse(text)
    assert parsed.licences == licences
    assert parsed.exceptions == exceptions


@pytest.mark.parametrize("text", ["", "MIT Apache-2.0", "MIT OR", "(MIT OR Apache-2.0", "MIT WITH", "AND MIT", "MIT OR )", "MIT;"])
def test_malformed_expressions_are_errors(text: str) -> None:
    with pytest.raises(spdx_expr.ExpressionError):
        spdx_expr.parse(text)


def test_licence_file_names() -> None:
    assert all(is_licence_file(n) for n in ["LICENSE", "LICENSE-MIT", "licence.md", "COPYING", "UNLICENSE", "src/spin/LICENSE", "NOTICE.txt"])
    assert not any(is_licence_file(n) for n in ["src/license.rs", "lib/libwinapi_oemlicense.a", "README.md", "Cargo.toml"])


# --- One crate's entry -------------------------------------------------------


def test_crate_files_are_its_texts_nested_ones_after(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(
        tmp_path, "zstd-sys", "2.1.3+zstd.1.5.7", 'license = "MIT OR Apache-2.0"\nauthors = ["A <a@example.invalid>"]\n',
        {"LICENSE-MIT": "mit of zstd-sys\r\n", "LICENSE-APACHE": "apache of zstd-sys\n", "zstd/LICENSE": "BSD of zstd\n"},
    )
    entry = notices.third_party_entry(record, spdx)
    assert (entry.name, entry.version, entry.licence, entry.authors) == ("zstd-sys", "2.1.3+zstd.1.5.7", "MIT OR Apache-2.0", ("A <a@example.invalid>",))
    assert [t.title for t in entry.texts] == ["LICENSE-APACHE", "LICENSE-MIT", "zstd/LICENSE"]
    assert entry.texts[1].body == "mit of zstd-sys\n"  # line ends normalised


def test_a_crate_without_licence_is_an_error_naming_it(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "mystery", "0.3.1", files={"README.md": "hi"})
    with pytest.raises(notices.NoticeError, match=r"^mystery 0\.3\.1: its Cargo.toml states neither `license` nor `license-file`"):
        notices.third_party_entry(record, spdx)


def test_license_file_is_the_text(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "own-terms", "1.0.0", 'license-file = "docs/TERMS.txt"\n', {"docs/TERMS.txt": "Our own terms.\n"})
    entry = notices.crate_entry(
        notices.tomllib.loads(Path(record["files"][0][1]).read_text()),  # type: ignore[index]
        {"docs/TERMS.txt": Path(record["files"][1][1])},  # type: ignore[index]
        spdx,
    )
    assert entry.licence == "as stated in docs/TERMS.txt (its license-file)"
    assert [(t.title, t.body) for t in entry.texts] == [("docs/TERMS.txt", "Our own terms.\n")]


def test_license_file_missing_is_an_error(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "lost", "1.0.0", 'license-file = "TERMS"\n')
    with pytest.raises(notices.NoticeError, match=r"^lost 1\.0\.0: its Cargo.toml names license-file 'TERMS'"):
        notices.third_party_entry(record, spdx)


def test_spdx_text_stands_in_when_the_crate_ships_none(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "bare", "0.1.0", 'license = "MIT/Apache-2.0"\n')
    entry = notices.third_party_entry(record, spdx)
    assert [(t.title, t.body) for t in entry.texts] == [("MIT (SPDX standard text)", MIT), ("Apache-2.0 (SPDX standard text)", APACHE)]
    assert "bare ships no licence file" in entry.notes[0]
    assert "spdx-license-list 6.12.0" in entry.notes[0]


def test_spdx_fallback_names_an_exception_it_cannot_print(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "wasip1", "1.0.0", 'license = "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"\n')
    entry = notices.third_party_entry(record, spdx)
    assert [t.title for t in entry.texts] == ["Apache-2.0 (SPDX standard text)", "MIT (SPDX standard text)"]
    assert any("LLVM-exception" in note for note in entry.notes)


def test_spdx_fallback_with_an_unknown_licence_names_crate_and_licence(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "odd", "2.0.0", 'license = "MIT AND Weird-1.0"\n')
    with pytest.raises(notices.NoticeError, match=r"^odd 2\.0\.0: ships no licence file, and the SPDX License List has no licence 'Weird-1.0'"):
        notices.third_party_entry(record, spdx)


def test_spdx_fallback_with_a_malformed_expression_names_the_crate(tmp_path: Path, spdx: notices.SpdxList) -> None:
    record = _crate(tmp_path, "typo", "1.0.0", 'license = "MIT Apache-2.0"\n')
    with pytest.raises(notices.NoticeError, match=r"^typo 1\.0\.0: its licence 'MIT Apache-2.0' is not an SPDX expression"):
        notices.third_party_entry(record, spdx)


# --- rust-src ------------------------------------------------------------------


def _rust_src(root: Path) -> dict[str, Path]:
    tree = {
        "src/version": "1.97.1\n",
        "COPYRIGHT": "Rust is MIT OR Apache-2.0.\n",
        "LICENSE-MIT": "rust mit\n",
        "library/Cargo.toml": "[workspace]\n[patch.crates-io]\nrustc-std-workspace-core = { path = 'rustc-std-workspace-core' }\n",
        "library/Cargo.lock": (
            '[[package]]\nname = "libc"\nversion = "0.2.185"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n'
            '[[package]]\nname = "getopts"\nversion = "0.2.24"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n'
            '[[package]]\nname = "core"\nversion = "0.0.0"\n'
        ),
        "library/std/Cargo.toml": (
            '[package]\nname = "std"\nversion = "0.0.0"\nlicense = "MIT OR Apache-2.0"\n'
            '[dependencies]\ncore = { path = "../core" }\nhermit = { version = "1", optional = true }\n'
            "[target.'cfg(unix)'.dependencies]\nlibc = { version = \"0.2\", default-features = false }\n"
        ),
        "library/std/src/lib.rs": '#[path = "../../backtrace/src/lib.rs"]\nmod backtrace_rs;\n',
        "library/backtrace/LICENSE-MIT": "backtrace mit\n",
        "library/core/Cargo.toml": '[package]\nname = "core"\nversion = "0.0.0"\nlicense = "MIT OR Apache-2.0"\n',
        "library/windows_link/Cargo.toml": '[package]\nname = "windows-link"\nversion = "0.0.0"\n',
        "library/test/Cargo.toml": '[package]\nname = "test"\nversion = "0.0.0"\n[dependencies]\ngetopts = "0.2"\n',
        "library/rustc-std-workspace-core/Cargo.toml": '[package]\nname = "rustc-std-workspace-core"\nversion = "1.99.0"\nlicense = "MIT OR Apache-2.0"\n[dependencies]\ncore = { path = "../core" }\n',
        "library/vendor/libc-0.2.185/Cargo.toml": (
            '[package]\nname = "libc"\nversion = "0.2.185"\nlicense = "MIT OR Apache-2.0"\n'
            '[dependencies.core]\nversion = "1.0.0"\noptional = true\npackage = "rustc-std-workspace-core"\n'
        ),
        "library/vendor/libc-0.2.185/LICENSE-MIT": "libc mit\n",
    }
    files = {}
    for rel, text in tree.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
        files[rel] = root / rel
    return files


def test_std_is_its_dependency_closure_among_the_targets_rlibs(tmp_path: Path) -> None:
    src = rust_std.RustSrc(_rust_src(tmp_path))
    rlibs = ["libstd-0123456789abcdef.rlib", "libcore-0123456789abcdef.rlib", "liblibc-0123456789abcdef.rlib",
             "librustc_std_workspace_core-0123456789abcdef.rlib", "libtest-0123456789abcdef.rlib",
             "libgetopts-0123456789abcdef.rlib", "libstd-0123456789abcdef.rmeta"]
    linked = {c.name: c for c in rust_std.linked_crates(src, rlibs, "x86_64-unknown-linux-gnu")}
    # test and getopts are built for the target but never linked into a binary.
    assert sorted(linked) == ["core", "libc", "rustc-std-workspace-core", "std"]
    assert linked["libc"].licence_files == ["library/vendor/libc-0.2.185/LICENSE-MIT"]
    assert linked["std"].licence_files == ["COPYRIGHT", "LICENSE-MIT", "library/backtrace/LICENSE-MIT"]
    assert linked["core"].licence_files == ["COPYRIGHT", "LICENSE-MIT"]


def test_std_missing_from_the_toolchain_is_an_error(tmp_path: Path) -> None:
    src = rust_std.RustSrc(_rust_src(tmp_path))
    with pytest.raises(rust_std.RustSrcError, match="wasm32-wasip1 has no std rlib"):
        rust_std.linked_crates(src, ["libcore.rlib"], "wasm32-wasip1")


def test_std_entries_carry_the_rust_version_and_project_licence(tmp_path: Path, spdx: notices.SpdxList) -> None:
    src = rust_std.RustSrc(_rust_src(tmp_path))
    entries = {e.name: e for e in notices.std_entries(src, ["libstd.rlib", "libcore.rlib"], "x86_64-apple-darwin", spdx)}
    assert entries["std"].version == "1.97.1"
    assert [t.title for t in entries["std"].texts] == ["rust-src/COPYRIGHT", "rust-src/LICENSE-MIT", "rust-src/library/backtrace/LICENSE-MIT"]


# --- The whole notice ------------------------------------------------------------


def _notices_args(tmp_path: Path, spdx_files: tuple[Path, Path], platforms: list[tuple[str, list[dict[str, object]], list[str]]]) -> list[str]:
    rust_src = tmp_path / "usr/lib/rustlib/src/rust"
    files = _rust_src(rust_src) if not rust_src.exists() else {str(p.relative_to(rust_src)): p for p in rust_src.rglob("*") if p.is_file()}
    doc = tmp_path / "usr/share/doc/wasi-libc"
    doc.mkdir(parents=True, exist_ok=True)
    (doc / "copyright").write_text("Files: *\nLicense: CC0-1.0\n in /usr/share/common-licenses/CC0-1.0\n")
    (doc / "changelog.Debian.gz").write_bytes(gzip.compress(b"wasi-libc (0.0~git20260423.161b319-2) unstable; urgency=medium\n", mtime=0))
    args = ["--out", str(tmp_path / "out.txt"), "--subject", "a.linux-x64-gnu.node", "--spdx", str(spdx_files[0]), "--spdx-package", str(spdx_files[1]),
            "--wasi-libc-copyright", str(doc / "copyright"), "--wasi-libc-changelog", str(doc / "changelog.Debian.gz")]
    for path in sorted(files.values()):
        args += ["--rust-src", str(path)]
    for name, crates, rlibs in platforms:
        triple = "wasm32-wasip1" if name == "wasm32-wasi" else "x86_64-unknown-linux-gnu"
        args += ["--platform", json.dumps({"platform": name, "triple": triple, "rust_std": rlibs})]
        for record in crates:
            args += ["--crate", json.dumps(record)]
    return args


def test_notices_are_sorted_deduplicated_and_deterministic(tmp_path: Path, spdx_files: tuple[Path, Path]) -> None:
    crates = [
        _crate(tmp_path / "c", "zeta", "1.0.0", 'license = "MIT"\n', {"LICENSE": "zeta mit\n"}),
        _crate(tmp_path / "c", "alpha", "0.10.0", 'license = "MIT"\n'),
        _crate(tmp_path / "c", "alpha", "0.9.0", 'license = "MIT"\n'),
    ]
    std = ["libstd.rlib", "libcore.rlib"]
    args = _notices_args(tmp_path, spdx_files, [("linux-x64-gnu", crates, std)])
    assert notices.main(["notices"] + args) == 0
    first = (tmp_path / "out.txt").read_text()
    reordered = _notices_args(tmp_path, spdx_files, [("linux-x64-gnu", list(reversed(crates)), list(reversed(std)))])
    params = tmp_path / "params"
    params.write_text("\n".join(["notices"] + reordered) + "\n")
    assert notices.main([f"@{params}"]) == 0
    assert (tmp_path / "out.txt").read_text() == first
    assert str(tmp_path) not in first
    headings = [line for line in first.splitlines() if line in {"alpha 0.9.0", "alpha 0.10.0", "zeta 1.0.0", "std 1.97.1"}]
    assert headings == ["alpha 0.9.0", "alpha 0.10.0", "zeta 1.0.0", "std 1.97.1"]
    # The SPDX MIT text once, then referred to.
    assert first.count("Permission is hereby granted.") == 1
    assert "--- MIT (SPDX standard text): the same text as MIT (SPDX standard text) of alpha 0.9.0 above" in first


def test_notices_over_platforms_say_where_each_is_linked(tmp_path: Path, spdx_files: tuple[Path, Path]) -> None:
    common = _crate(tmp_path / "c", "napi", "3.16.1", 'license = "MIT"\n')
    only_linux = _crate(tmp_path / "c", "libloading", "0.9.1", 'license = "ISC"\n', {"LICENSE": "isc\n"})
    args = _notices_args(tmp_path, spdx_files, [
        ("linux-x64-gnu", [common, only_linux], ["libstd.rlib", "libcore.rlib"]),
        ("wasm32-wasi", [common], ["libstd.rlib", "libcore.rlib", "self-contained/libc.a"]),
    ])
    assert notices.main(["notices"] + args) == 0
    text = (tmp_path / "out.txt").read_text()
    assert "libloading 0.9.1\nLicence: ISC\nLinked into: linux-x64-gnu\n" in text
    assert "napi 3.16.1\nLicence: MIT\nnapi ships no licence file" in text
    assert "wasi-libc 0.0~git20260423.161b319-2\nLicence: as Debian's copyright file states: CC0-1.0\nLinked into: wasm32-wasi\n" in text
    assert "--- CC0-1.0 (SPDX standard text)" in text


def test_a_crate_without_licence_fails_the_notice(tmp_path: Path, spdx_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    args = _notices_args(tmp_path, spdx_files, [("linux-x64-gnu", [_crate(tmp_path / "c", "mystery", "0.3.1")], ["libstd.rlib"])])
    assert notices.main(["notices"] + args) == 1
    assert "mystery 0.3.1: its Cargo.toml states neither" in capsys.readouterr().err
    assert not (tmp_path / "out.txt").exists()


# --- The wrapped crate's licence files --------------------------------------------------


def _licence_args(tmp_path: Path, spdx_files: tuple[Path, Path], record: dict[str, object], outputs: list[str], licence: str) -> list[str]:
    package_json = tmp_path / "package.json"
    package_json.write_text(json.dumps({"name": "@ruv.io/x", "license": licence}))
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return ["licence", "--crate", json.dumps(record), "--out-dir", str(out), "--outputs", *outputs,
            "--package-json", str(package_json), "--spdx", str(spdx_files[0]), "--spdx-package", str(spdx_files[1])]


def test_wrapped_crate_licence_files_are_copied(tmp_path: Path, spdx_files: tuple[Path, Path]) -> None:
    record = _crate(tmp_path / "c", "agentic-payments", "0.1.0", 'license = "MIT OR Apache-2.0"\n', {"LICENSE-MIT": "mit\n", "src/spin/LICENSE": "x"})
    assert notices.licence_file_names(record) == ["LICENSE-MIT"]
    assert notices.main(_licence_args(tmp_path, spdx_files, record, ["LICENSE-MIT"], "MIT OR Apache-2.0")) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["LICENSE-MIT"]
    assert (tmp_path / "out/LICENSE-MIT").read_text() == "mit\n"


def test_wrapped_crate_without_files_gets_the_spdx_texts(tmp_path: Path, spdx_files: tuple[Path, Path]) -> None:
    record = _crate(tmp_path / "c", "bit-parallel-search", "0.1.0", 'license = "MIT OR Apache-2.0"\n')
    assert notices.licence_file_names(record) == ["LICENSE"]
    assert notices.main(_licence_args(tmp_path, spdx_files, record, ["LICENSE"], "MIT OR Apache-2.0")) == 0
    text = (tmp_path / "out/LICENSE").read_text()
    assert text.startswith("bit-parallel-search 0.1.0\nLicence: MIT OR Apache-2.0\nbit-parallel-search ships no licence file")
    assert MIT in text and APACHE in text


def test_package_json_licence_must_be_the_crates(tmp_path: Path, spdx_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    record = _crate(tmp_path / "c", "governance", "0.1.0", 'license = "MIT OR Apache-2.0"\n', {"LICENSE": "x\n"})
    assert notices.main(_licence_args(tmp_path, spdx_files, record, ["LICENSE"], "MIT")) == 1
    err = capsys.readouterr().err
    assert "governance:" in err and "gives the licence 'MIT', but governance 0.1.0's Cargo.toml states 'MIT OR Apache-2.0'" in err
    assert not (tmp_path / "out/LICENSE").exists()
