"""`napi_typedefs`: a binding's `index.d.ts`, from what napi-derive sees.

napi-derive writes a line per exported item (its TypeScript signature and doc
comment) to `$NAPI_TYPE_DEF_TMP_FOLDER` while it expands the binding, which
the napi CLI then turns into `index.d.ts`. Here an aspect runs the binding's
own compile again, exactly as rules_rust constructs it but stopping at crate
metadata, with that folder as a declared output; ruvio_build.typedefs then
writes the declarations. So the types come from the Rust source, once, and
are never written by hand.

A published crate that is itself an addon may be written against napi-derive
2, which appends the same lines to the one file `$TYPE_DEF_TMP_PATH` names
(its napi CLI gave every crate of a workspace that one file): `napi_derive`
says which of the two to set. Without the CLI's version in its environment,
napi-derive 2 writes them unprefixed, as 3 does.

The aspect uses the same rustc.bzl helpers as rules_rust's clippy aspect,
which are not a public API: a rules_rust upgrade is checked against it.
"""

load("@rules_rust//rust:defs.bzl", "rust_common")

# buildifier: disable=bzl-visibility
load("@rules_rust//rust/private:rustc.bzl", "collect_deps", "collect_inputs", "construct_arguments")

# buildifier: disable=bzl-visibility
load("@rules_rust//rust/private:utils.bzl", "determine_output_hash", "find_cc_toolchain", "find_toolchain")
load(":transition.bzl", "platform_transition")

# The file napi-derive 2 writes into the declarations folder.
_NAPI_DERIVE_2_FILE = "type_def.tmp"

NapiTypeDefInfo = provider(
    doc = "napi-derive's type definition lines for one binding crate.",
    fields = {"folder": "File: directory napi-derive wrote its lines into"},
)

def _napi_typedef_aspect_impl(target, ctx):
    # A cdylib offers its CrateInfo only wrapped, for tests.
    crate_info = target[rust_common.test_crate_info].crate
    toolchain = find_toolchain(ctx)
    cc_toolchain, feature_configuration = find_cc_toolchain(ctx)
    dep_info, build_info, _ = collect_deps(
        deps = crate_info.deps,
        proc_macro_deps = crate_info.proc_macro_deps,
        aliases = crate_info.aliases,
    )
    compile_inputs, out_dir, build_env_files, build_flags_files, linkstamp_outs, ambiguous_libs = collect_inputs(
        ctx,
        ctx.rule.file,
        ctx.rule.files,
        depset([]),
        toolchain,
        cc_toolchain,
        feature_configuration,
        crate_info,
        dep_info,
        build_info,
    )
    args, env = construct_arguments(
        ctx = ctx,
        attr = ctx.rule.attr,
        file = ctx.file,
        toolchain = toolchain,
        tool_path = toolchain.rustc.path,
        cc_toolchain = cc_toolchain,
        feature_configuration = feature_configuration,
        crate_info = crate_info,
        dep_info = dep_info,
        linkstamp_outs = linkstamp_outs,
        ambiguous_libs = ambiguous_libs,
        output_hash = determine_output_hash(crate_info.root, ctx.label),
        rust_flags = [],
        out_dir = out_dir,
        build_env_files = build_env_files,
        build_flags_files = build_flags_files,
        emit = ["metadata"],
        skip_expanding_rustc_env = True,
    )

    # A sibling of the crate's output, so rustc's own metadata file lands in a
    # directory that exists (and is then dropped: only the folder is declared).
    folder = ctx.actions.declare_directory(ctx.label.name + ".typedefs", sibling = crate_info.output)
    if ctx.attr.napi_derive == "2":
        env["TYPE_DEF_TMP_PATH"] = "${pwd}/" + folder.path + "/" + _NAPI_DERIVE_2_FILE
    else:
        env["NAPI_TYPE_DEF_TMP_FOLDER"] = "${pwd}/" + folder.path
    ctx.actions.run(
        executable = ctx.executable._process_wrapper,
        inputs = compile_inputs,
        outputs = [folder],
        env = env,
        tools = [toolchain.rustc],
        arguments = args.all,
        mnemonic = "NapiTypeDefs",
        progress_message = "Reading the exports of %{label}",
        toolchain = "@rules_rust//rust:toolchain_type",
    )
    return [NapiTypeDefInfo(folder = folder)]

napi_typedef_aspect = aspect(
    implementation = _napi_typedef_aspect_impl,
    fragments = ["cpp"],
    attrs = {
        # From the napi_typedefs rule's attribute of that name.
        "napi_derive": attr.string(values = ["2", "3"]),
        # What construct_arguments reads from its context, as for clippy.
        "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
        "_error_format": attr.label(default = Label("@rules_rust//:error_format")),
        "_extra_rustc_flag": attr.label(default = Label("@rules_rust//:extra_rustc_flag")),
        "_per_crate_rustc_flag": attr.label(default = Label("@rules_rust//:experimental_per_crate_rustc_flag")),
        "_process_wrapper": attr.label(
            default = Label("@rules_rust//util/process_wrapper"),
            executable = True,
            cfg = "exec",
        ),
    },
    toolchains = [
        str(Label("@rules_rust//rust:toolchain_type")),
        "@bazel_tools//tools/cpp:toolchain_type",
    ],
)

def _napi_typedefs_impl(ctx):
    folder = ctx.attr.lib[0][NapiTypeDefInfo].folder
    out = ctx.actions.declare_file(ctx.attr.out)
    names = ctx.actions.declare_file(ctx.label.name + ".exports.txt")
    api = ctx.actions.declare_file(ctx.label.name + ".api.json")
    ctx.actions.run(
        executable = ctx.executable._typedefs,
        inputs = [folder],
        outputs = [out, names, api],
        arguments = (["--published"] if ctx.attr.published else []) + [folder.path, out.path, names.path, api.path],
        mnemonic = "NapiDts",
        progress_message = "Writing %{output}",
    )
    return [
        DefaultInfo(files = depset([out])),
        OutputGroupInfo(
            # What the addon exports at run time, for the published loader.
            exports = depset([names]),
            # Each export's declaration and doc comment, for the README.
            api = depset([api]),
        ),
    ]

napi_typedefs = rule(
    implementation = _napi_typedefs_impl,
    attrs = {
        "lib": attr.label(
            mandatory = True,
            aspects = [napi_typedef_aspect],
            cfg = platform_transition,
            providers = [rust_common.test_crate_info],
            doc = "The binding's rust_shared_library for `platform`.",
        ),
        "platform": attr.label(
            mandatory = True,
            doc = "A platform the binding builds for: its declarations are the same on all.",
        ),
        "napi_derive": attr.string(
            default = "3",
            values = ["2", "3"],
            doc = "The major release of napi-derive the crate uses: 3 writes a file per crate into " +
                  "$NAPI_TYPE_DEF_TMP_FOLDER, 2 appends to the file $TYPE_DEF_TMP_PATH names.",
        ),
        "out": attr.string(default = "index.d.ts"),
        "published": attr.bool(
            doc = "A published crate that is itself the addon: types napi-derive could not see through " +
                  "in its source (its own type aliases) are declared `unknown` (ruvio_build.typedefs).",
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
        "_typedefs": attr.label(
            default = "//tools:typedefs",
            executable = True,
            cfg = "exec",
        ),
    },
    doc = "The TypeScript declarations of a napi-rs binding, from its Rust source.",
)
