"""A C toolchain for one cross target, made of the build image's compilers.

Each target's quirks (target triple, SDK, import libraries, CRT pieces) live
in its wrapper scripts, not in Bazel features: rules_rust passes the link
features' flags straight to rustc's linker, and a Windows linker must not see
gcc-style flags. So the toolchain defines no flag-producing features at all
(`no_legacy_features`): what the wrappers add is all there is.

The one feature that may be there sets environment variables, no flags: a
build script gets the environment of its target C toolchain's executable link
action (rules_rust's only path from a C toolchain into a build script's
environment), so `build_script_env` is set on that action. No Rust target here
links an executable for a cross target, so nothing else sees it.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "action_config",
    "env_entry",
    "env_set",
    "feature",
    "tool",
)
load("@rules_cc//cc/common:cc_common.bzl", "cc_common")

_COMPILE_ACTIONS = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
]

_LINK_ACTIONS = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

def _cross_cc_config_impl(ctx):
    compiler = tool(tool = ctx.file.compiler)
    linker = tool(tool = ctx.file.linker)
    archiver = tool(tool = ctx.file.archiver)
    action_configs = (
        [action_config(action_name = a, tools = [compiler]) for a in _COMPILE_ACTIONS] +
        [action_config(action_name = a, tools = [linker]) for a in _LINK_ACTIONS] +
        [action_config(action_name = ACTION_NAMES.cpp_link_static_library, tools = [archiver])]
    )
    features = [
        feature(name = "no_legacy_features", enabled = True),
        feature(name = "supports_pic", enabled = True),
    ]
    if ctx.attr.build_script_env:
        features.append(feature(
            name = "build_script_env",
            enabled = True,
            env_sets = [env_set(
                actions = [ACTION_NAMES.cpp_link_executable],
                env_entries = [
                    env_entry(key = key, value = value)
                    for key, value in sorted(ctx.attr.build_script_env.items())
                ],
            )],
        ))
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        toolchain_identifier = ctx.attr.target,
        target_system_name = ctx.attr.target,
        target_cpu = ctx.attr.cpu,
        target_libc = ctx.attr.libc,
        compiler = "clang" if "clang" in ctx.file.compiler.basename else "gcc",
        abi_version = "unknown",
        abi_libc_version = "unknown",
        action_configs = action_configs,
        features = features,
        cxx_builtin_include_directories = ctx.attr.builtin_include_directories,
    )

cross_cc_config = rule(
    implementation = _cross_cc_config_impl,
    attrs = {
        "archiver": attr.label(mandatory = True, allow_single_file = True),
        "build_script_env": attr.string_dict(
            doc = "Environment variables of build scripts for this target (see above).",
        ),
        "builtin_include_directories": attr.string_list(
            doc = "Directories the compiler searches by itself (checked by Bazel's include scanning).",
        ),
        "compiler": attr.label(mandatory = True, allow_single_file = True),
        "cpu": attr.string(mandatory = True),
        "libc": attr.string(default = "unknown"),
        "linker": attr.label(mandatory = True, allow_single_file = True),
        "target": attr.string(mandatory = True, doc = "The Rust target triple."),
    },
    provides = [CcToolchainConfigInfo],
)
