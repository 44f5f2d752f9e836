"""`napi_addon`: one Node-API binary of a binding crate for one platform.

The binding is built for the requested platform through a transition, so every
platform's binary has its own output path and one `bazel build` makes them all
(switching `--platforms` instead would overwrite one with the next).
"""

# File extensions a rust_shared_library may produce, by target kind.
_LIBRARY_EXTENSIONS = [".so", ".dylib", ".dll", ".wasm"]

def _platform_transition_impl(_settings, attr):
    return {"//command_line_option:platforms": str(attr.platform)}

_platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

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
            cfg = _platform_transition,
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
