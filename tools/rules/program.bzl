"""`rust_program`: a published crate's program built for every platform, as npm
executable packages ship it, with its checks and the tests that run it.

Each platform gets its own `rust_binary` (`manual`, built only through its
`program_executable`, which sets the platform and optimization through the
same transition as the addons), so one `bazel build` makes them all.
"""

load("@rules_python//python:defs.bzl", "py_test")
load("@rules_rust//rust:defs.bzl", "rust_binary", "rust_library")
load("@rules_shell//shell:sh_test.bzl", "sh_test")
load("//platforms:defs.bzl", "HOST", "PLATFORMS")
load(":notices.bzl", "third_party_notices")
load(":optimized_test.bzl", "optimized_test")
load(":transition.bzl", "platform_transition")

# What rustc is told to link a program as it ships, beyond the toolchain's
# flags for every crate: thin LTO across the crate graph (as the addons),
# and stripped. The toolchains' own flags for `bin` would also reach every
# build script; these reach the shipped program only.
_LTO = ["-Clto=thin"]
_STRIP = ["-Cstrip=symbols"]

# Apple targets strip in the linker (see platforms/rust: rustc's own strip
# would run rust-objcopy, which the image lacks).
_APPLE_STRIP = [
    "-Clink-arg=-Wl,-x",
    "-Clink-arg=-Wl,-S",
]

_MUSL_UNWIND = "//platforms/cc:musl_static_unwind"
_WINDOWS_ENTRY = "//platforms/cc:windows_program_entry"

def _link(platform):
    """A program's rustc flags for `platform`, and what its link needs.

    The second is the files the link takes beyond the crates (as compile_data).
    """
    constraints = PLATFORMS[platform].constraints
    if "@platforms//os:macos" in constraints:
        return _LTO + _APPLE_STRIP, []
    if "//platforms/libc:musl" in constraints:
        # The toolchain links musl dynamically, which addons need; a musl
        # program is linked statically instead, so it runs on any Linux
        # (Alpine, or a glibc system without musl's loader) as it is. The C
        # runtime's start files and libraries come from musl-gcc's own
        # (rustc's self-contained copies are not in this toolchain's sysroot).
        return _LTO + _STRIP + [
            "-Ctarget-feature=+crt-static",
            "-Clink-self-contained=no",
            "-Lnative=$(execpath {})".format(_MUSL_UNWIND),
        ], [_MUSL_UNWIND]
    if "@platforms//os:windows" in constraints:
        # The entry point the MSVC runtime would provide.
        return _LTO + _STRIP + [
            "-Clink-arg=$(execpath {})".format(_WINDOWS_ENTRY),
        ], [_WINDOWS_ENTRY]
    return _LTO + _STRIP, []

def _program_executable_impl(ctx):
    binary = ctx.attr.binary[0][DefaultInfo].files_to_run.executable
    out = ctx.actions.declare_file(ctx.attr.out)

    # A copy under the name the package ships it as, not a symlink: the
    # tarball packs the file, and tests run what the tarball holds.
    ctx.actions.run_shell(
        inputs = [binary],
        outputs = [out],
        command = 'cp "$1" "$2" && chmod 0755 "$2"',
        arguments = [binary.path, out.path],
        mnemonic = "ProgramExecutable",
        progress_message = "Naming %{output}",
    )
    return [DefaultInfo(
        files = depset([out]),
        runfiles = ctx.runfiles(files = [out]),
        executable = out,
    )]

program_executable = rule(
    implementation = _program_executable_impl,
    attrs = {
        "binary": attr.label(
            mandatory = True,
            cfg = platform_transition,
            doc = "The program's rust_binary.",
        ),
        "out": attr.string(
            mandatory = True,
            doc = "File name: `<platform>/<bin>` plus the platform's executable extension.",
        ),
        "platform": attr.label(
            mandatory = True,
            doc = "Target platform, one of //platforms.",
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    executable = True,
    doc = "A program built optimized for one platform, named as its tests and packages use it.",
)

def _cargo_env_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".env")
    args = [ctx.file.manifest.path, out.path] + ([ctx.attr.bin] if ctx.attr.bin else [])
    ctx.actions.run(
        executable = ctx.executable._tool,
        arguments = args,
        inputs = [ctx.file.manifest],
        outputs = [out],
        mnemonic = "CargoEnv",
        progress_message = "Reading %{input} for CARGO_PKG_*",
    )
    return [DefaultInfo(files = depset([out]))]

# rules_rust gives a crate CARGO_PKG_NAME = the target's name and an empty
# description and authors; a published crate's code reads Cargo's values
# (clap's `#[command(version, about)]` prints them), so they come from its
# own manifest, as Cargo would set them.
cargo_env = rule(
    implementation = _cargo_env_impl,
    attrs = {
        "bin": attr.string(doc = "CARGO_BIN_NAME, for a [[bin]]'s compile."),
        "manifest": attr.label(mandatory = True, allow_single_file = True),
        "_tool": attr.label(default = "//tools:cargo_env", executable = True, cfg = "exec"),
    },
    doc = "The CARGO_PKG_* of a published crate's Cargo.toml, as a rustc_env_files file.",
)

def rust_program(name, crate, bin, version, edition, source, path, platforms, deps, proc_macro_deps, crate_features = [], library = None, pilot = False):
    """A program's targets: for each platform an executable, and its tests.

    Each platform gets a `rust_binary` (`<name>_<platform>`, `manual`), a
    `program_executable` named after the platform producing
    `<platform>/<bin><ext>`, a `<platform>_check` of its structure and
    `<platform>_notices` (what it links). The tests run the program through
    test/program.test.js on every platform this machine can run: the host's
    natively (`run_test`), the musl one on the host too (static), arm64
    under qemu-user, win32 under Wine, wasm32 in Node's WASI.

    Args:
        name: a name for the group of targets (the crate's, with `_`).
        crate: the published crate's name.
        bin: the command's name (the crate's [[bin]]).
        version: the crate's version, as CARGO_PKG_VERSION.
        edition: the program's Rust edition.
        source: the repository of the published crate (`@crate_source_<crate>`):
            its sources (`:srcs`), all its files (`:all`: its Cargo.toml and
            licence files are what the packages' notices and licence files are
            made from) and its `Cargo.toml`.
        path: the program's root source file there, as its [[bin]] gives it
            (`src/main.rs`).
        platforms: names of the platforms to build, keys of PLATFORMS.
        deps: the crates it links (its group's `all_crate_deps`).
        proc_macro_deps: its proc macros.
        crate_features: the crate's features the program is built with.
        library: the crate root of the crate's own library (`src/lib.rs`)
            when the program uses it: built once as `<name>_lib`, which each
            platform's program links (the transition reaches it through them).
        pilot: whether CI builds and tests it (others are tagged `matrix`).
    """
    tags = [] if pilot else ["matrix"]
    crate_manifest = source + "//:Cargo.toml"
    program_deps = deps
    cargo_env(
        name = name + "_cargo_env",
        bin = bin,
        manifest = crate_manifest,
        tags = ["manual"],
    )
    if library:
        cargo_env(
            name = name + "_lib_cargo_env",
            manifest = crate_manifest,
            tags = ["manual"],
        )
        rust_library(
            name = name + "_lib",
            srcs = [source + "//:srcs"],
            compile_data = [source + "//:all"],
            crate_features = crate_features,
            crate_name = crate.replace("-", "_"),
            crate_root = "{}//:{}".format(source, library),
            edition = edition,
            proc_macro_deps = proc_macro_deps,
            rustc_env_files = [":{}_lib_cargo_env".format(name)],
            tags = ["manual"],
            version = version,
            deps = deps,
        )
        program_deps = deps + [":{}_lib".format(name)]
    for platform in platforms:
        spec = PLATFORMS[platform]
        rustc_flags, link_data = _link(platform)
        compile_data = [source + "//:all"] + link_data
        if "@platforms//os:macos" in spec.constraints:
            # Framework stubs only links look for (see @macos_sdk).
            compile_data.append("@macos_sdk//:frameworks")
        rust_binary(
            name = "{}_{}".format(name, platform),
            srcs = [source + "//:srcs"],
            compile_data = compile_data,
            crate_features = crate_features,
            crate_name = bin.replace("-", "_"),
            crate_root = "{}//:{}".format(source, path),
            edition = edition,
            proc_macro_deps = proc_macro_deps,
            rustc_env_files = [":{}_cargo_env".format(name)],
            rustc_flags = rustc_flags,
            # As crate_universe tags a crate: the licence notices find the
            # wrapped crate by it.
            tags = ["manual", "crate-name=" + crate] + tags,
            target_compatible_with = spec.constraints,
            version = version,
            deps = program_deps,
        )
        program_executable(
            name = platform,
            # In a directory per platform, so that the file has the command's
            # own name, which programs print in their usage.
            out = "{}/{}{}".format(platform, bin, spec.executable_extension),
            binary = ":{}_{}".format(name, platform),
            platform = "//platforms:" + platform,
            tags = tags,
        )
        third_party_notices(
            name = platform + "_notices",
            lib = ":{}_{}".format(name, platform),
            platform = "//platforms:" + platform,
            subject = bin + spec.executable_extension,
            tags = tags,
        )
        py_test(
            name = platform + "_check",
            size = "small",
            srcs = [
                "//tools/node:check_addon.py",
                "//tools/node:check_program.py",
            ],
            args = [
                platform,
                "$(rootpath :{})".format(platform),
            ],
            data = [":" + platform],
            main = "//tools/node:check_program.py",
            tags = tags,
        )

    # The catalog's [crate.executable] says what the published manifest says.
    py_test(
        name = "manifest_test",
        size = "small",
        srcs = ["//tools:ruvio_build/program_manifest.py"],
        args = [
            "$(rootpath {})".format(crate_manifest),
            bin,
            path,
            edition,
        ] + (["--library=" + library] if library else []) + crate_features,
        data = [crate_manifest],
        main = "//tools:ruvio_build/program_manifest.py",
        tags = tags,
    )

    optimized_test(
        name = "optimized_test",
        size = "small",
        addons = [":" + p for p in platforms],
        tags = tags,
    )

    # How each platform's program runs here: the runner program_test.js
    # puts in front of it.
    for platform, test, size in [
        (HOST, "run_test", "small"),
        ("linux-x64-musl", "run_musl_test", "small"),
        ("linux-arm64-gnu", "run_arm64_test", "small"),
        ("win32-x64-msvc", "run_win32_test", "medium"),
        ("wasm32-wasi", "run_wasm_test", "small"),
    ]:
        if platform not in platforms:
            continue
        data = [
            "test/program.test.js",
            "//tools/node:program_test.js",
            ":" + platform,
        ]
        if platform == "win32-x64-msvc":
            data.append("//tools/node:wine.sh")
        sh_test(
            name = test,
            size = size,
            srcs = ["//tools/node:program_test.sh"],
            args = [
                platform,
                "$(rootpath :{})".format(platform),
                "$(rootpath test/program.test.js)",
            ],
            data = data,
            tags = tags,
        )
