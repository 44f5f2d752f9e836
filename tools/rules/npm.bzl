"""`npm_packages`: a crate's npm tarballs, napi-rs style, and their tests.

`:npm` is the main package (loader, declarations, package.json) and
`:npm_<platform>` each platform's package (its package.json and binary), as
deterministic tarballs with the `package/` prefix npm expects: fixed mtimes
and modes, entries in a fixed order (`npm_tarball_test` checks that).
`:publish` publishes them (`bazel run`, a dry run unless asked otherwise;
tools/rules/publish.bzl), `:tarballs` is all of them;
`npm_lint_test` checks them with TypeScript, publint and arethetypeswrong, and
`npm_registry_test` publishes them to a local registry and installs and loads
the package from it.
"""

load("@rules_pkg//pkg:tar.bzl", "pkg_tar")
load("@rules_python//python:defs.bzl", "py_test")
load("@rules_shell//shell:sh_test.bzl", "sh_test")
load(":publish.bzl", "npm_publish")

def _npm_package_json_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + "/package.json")
    args = [ctx.file.src.path, out.path]
    inputs = [ctx.file.src]
    if ctx.attr.stamp:
        # Only stamped builds read the status file, so everyday builds stay
        # byte-identical and cached across commits.
        args.append(ctx.info_file.path)
        inputs.append(ctx.info_file)
    ctx.actions.run(
        executable = ctx.executable._stamp,
        inputs = inputs,
        outputs = [out],
        arguments = args,
        mnemonic = "NpmPackageJson",
        progress_message = "Writing %{output}",
    )
    return [DefaultInfo(files = depset([out]))]

npm_package_json = rule(
    implementation = _npm_package_json_impl,
    attrs = {
        "src": attr.label(mandatory = True, allow_single_file = [".json"]),
        "stamp": attr.bool(doc = "Record the release's commit and pre-release (ruvio_build.npm_stamp)."),
        "_stamp": attr.label(
            default = "//tools:npm_stamp",
            executable = True,
            cfg = "exec",
        ),
    },
    doc = "The package.json that goes into a tarball: stamped under --stamp.",
)

def _npm_loader_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + "/index.js")
    ctx.actions.run(
        executable = ctx.executable._loader,
        inputs = [ctx.file.src, ctx.file.exports],
        outputs = [out],
        arguments = [ctx.file.src.path, ctx.file.exports.path, out.path],
        mnemonic = "NpmLoader",
        progress_message = "Writing %{output}",
    )
    return [DefaultInfo(files = depset([out]))]

npm_loader = rule(
    implementation = _npm_loader_impl,
    attrs = {
        "src": attr.label(mandatory = True, allow_single_file = [".js"]),
        "exports": attr.label(mandatory = True, allow_single_file = True),
        "_loader": attr.label(
            default = "//tools:npm_loader",
            executable = True,
            cfg = "exec",
        ),
    },
    doc = "The published index.js: the loader plus each export by name (ruvio_build.npm_loader).",
)

def _tarball(name, package_json, srcs, tags):
    npm_package_json(
        name = name + "_package_json",
        src = package_json,
        stamp = select({
            "//tools/npm:stamp": True,
            "//conditions:default": False,
        }),
        tags = tags,
    )
    pkg_tar(
        name = name,
        srcs = [":{}_package_json".format(name)] + srcs,
        extension = "tgz",
        mode = "0644",
        package_dir = "package",
        tags = tags,
    )

def npm_packages(crate, crate_version, platforms, tags = []):
    """Tarballs, a publish command and tests of `@ruv.io/<crate>`.

    Args:
        crate: the crate's name; its binding is //crates/<crate>.
        crate_version: the crate's version, which the binding's version() reports.
        platforms: the platforms it is built for, keys of PLATFORMS.
        tags: tags of every target (`matrix` outside the pilot).
    """
    binding = "//crates/" + crate
    native.filegroup(
        name = "exports",
        srcs = [binding + ":typedefs"],
        output_group = "exports",
        tags = tags,
    )
    npm_loader(
        name = "npm_index_js",
        src = "index.js",
        exports = ":exports",
        tags = tags,
    )
    _tarball("npm", "package.json", [":npm_index_js", binding + ":typedefs"], tags)
    for platform in platforms:
        _tarball("npm_" + platform, "npm/{}/package.json".format(platform), ["{}:{}".format(binding, platform)], tags)

    # The main package last, the order it is published in (it pins the others).
    tarballs = [":npm_" + p for p in platforms] + [":npm"]
    native.filegroup(
        name = "tarballs",
        srcs = tarballs,
        tags = tags,
    )
    npm_publish(
        name = "publish",
        crates = [crate],
        tags = tags,
    )
    py_test(
        name = "npm_tarball_test",
        size = "small",
        srcs = ["//tools:ruvio_build/npm_tarball.py"],
        args = ["$(rootpath {})".format(t) for t in tarballs],
        data = tarballs,
        main = "//tools:ruvio_build/npm_tarball.py",
        tags = tags,
    )
    sh_test(
        name = "npm_lint_test",
        size = "medium",
        srcs = ["//tools/npm:lint_test.sh"],
        args = ["$(rootpath //tools/npm:publint.mjs)"] + ["$(rootpath {})".format(t) for t in tarballs],
        data = tarballs + [
            "//tools/npm:publint.mjs",
            "@npm_tools//:node_modules",
        ],
        tags = tags,
    )
    sh_test(
        name = "npm_registry_test",
        size = "medium",
        srcs = ["//tools/npm:registry_test.sh"],
        args = [
            "$(rootpath {}:test/addon.test.js)".format(binding),
            crate_version,
            "$(rootpath //tools:npm_publish)",
            crate,
        ] + ["$(rootpath {})".format(t) for t in tarballs],
        data = tarballs + [
            binding + ":test/addon.test.js",
            "//tools:npm_publish",
            "//tools/npm:verdaccio.sh",
            "@npm_tools//:node_modules",
            "@npm_wasm_runtime//:node_modules",
        ],
        tags = tags,
    )
