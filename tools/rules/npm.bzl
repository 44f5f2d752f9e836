"""`npm_packages`: a crate's npm tarballs, napi-rs style, and their tests.

`:npm` is the main package (loader, declarations, README, package.json) and
`:npm_<platform>` each platform's package (its package.json, binary and a
short README), as deterministic tarballs with the `package/` prefix npm
expects: fixed mtimes and modes, entries in a fixed order (`npm_tarball_test`
checks that).
`:publish` publishes them (`bazel run`, a dry run unless asked otherwise;
tools/rules/publish.bzl), `:tarballs` is all of them;
`npm_lint_test` checks them with TypeScript, publint and arethetypeswrong, and
`npm_registry_test` publishes them to a local registry and installs and loads
the package from it.
"""

load("@rules_pkg//pkg:mappings.bzl", "pkg_attributes", "pkg_files")
load("@rules_pkg//pkg:tar.bzl", "pkg_tar")
load("@rules_python//python:defs.bzl", "py_test")
load("@rules_shell//shell:sh_test.bzl", "sh_test")
load("//platforms:defs.bzl", "HOST")
load(":notices.bzl", "third_party_notices_union", "wrapped_crate_licence")
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

def _npm_readme_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + "/README.md")
    args = ctx.actions.args()
    inputs = [ctx.file.package_json]
    if ctx.attr.platform:
        args.add("platform")
        args.add("--platform", ctx.attr.platform)
    elif ctx.attr.program:
        args.add("program")
        if ctx.file.help_text:
            args.add("--help-text", ctx.file.help_text)
            inputs.append(ctx.file.help_text)
        args.add("--notes", ctx.attr.notes)
        args.add("--unsupported", json.encode(ctx.attr.unsupported))
    else:
        args.add("main")
        args.add("--api", ctx.file.api)
        args.add("--test", ctx.file.test)
        args.add("--notes", ctx.attr.notes)
        args.add("--unsupported", json.encode(ctx.attr.unsupported))
        inputs += [ctx.file.api, ctx.file.test]
    args.add("--package-json", ctx.file.package_json)
    args.add("--crate-version", ctx.attr.crate_version)
    args.add("--out", out)
    ctx.actions.run(
        executable = ctx.executable._readme,
        inputs = inputs,
        outputs = [out],
        arguments = [args],
        mnemonic = "NpmReadme",
        progress_message = "Writing %{output}",
    )
    return [DefaultInfo(files = depset([out]))]

npm_readme = rule(
    implementation = _npm_readme_impl,
    attrs = {
        "package_json": attr.label(mandatory = True, allow_single_file = [".json"]),
        "crate_version": attr.string(mandatory = True, doc = "The wrapped crate's version."),
        "platform": attr.string(doc = "A platform package's platform; empty for the main package."),
        "program": attr.bool(doc = "The main package of an executable (a `bin`, no API)."),
        "help_text": attr.label(allow_single_file = True, doc = "What the program prints for --help (a program's main package)."),
        "api": attr.label(allow_single_file = [".json"], doc = "The binding's declarations (napi_typedefs, output group `api`)."),
        "test": attr.label(allow_single_file = [".js"], doc = "The binding's test, holding the README example."),
        "notes": attr.string(doc = "What the binding covers (the catalog's notes)."),
        "unsupported": attr.string_dict(doc = "Platforms the crate is not built for, and why."),
        "_readme": attr.label(
            default = "//tools:npm_readme",
            executable = True,
            cfg = "exec",
        ),
    },
    doc = "A package's README.md (ruvio_build.npm_readme): the main package's, with `program` an executable's, or with `platform` a platform package's.",
)

def _program_help_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".txt")
    program = ctx.executable.program

    # Run where it was built for: the host's executable, in the sandbox,
    # with nothing of the machine's environment.
    ctx.actions.run_shell(
        inputs = [program],
        outputs = [out],
        command = '"$1" --help >"$2"',
        arguments = [program.path, out.path],
        mnemonic = "ProgramHelp",
        progress_message = "Running %{input} --help",
    )
    return [DefaultInfo(files = depset([out]))]

program_help = rule(
    implementation = _program_help_impl,
    attrs = {
        "program": attr.label(
            mandatory = True,
            executable = True,
            cfg = "target",
            doc = "The host platform's program_executable.",
        ),
    },
    doc = "What a program prints for --help, for its README.",
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
        build_tar = "//tools/npm:build_tar",
        extension = "tgz",
        mode = "0644",
        package_dir = "package",
        tags = tags,
    )

def _licence_material(crate, source, platforms, binary, tags):
    """`:npm_notices` and `:npm_licence`, the licence material of every tarball.

    The wrapped crate's own licence files, and the notices of what the
    binaries of `source` (//crates/<crate>) link (a platform package's
    binary; for the main package, every platform's, since it installs one).
    """
    third_party_notices_union(
        name = "npm_notices",
        srcs = ["{}:{}_notices".format(source, p) for p in platforms],
        subject = "The {} of each platform package of @ruv.io/{}".format(binary, crate),
        tags = tags,
    )
    wrapped_crate_licence(
        name = "npm_licence",
        crate = crate,
        notices = "{}:{}_notices".format(source, platforms[0]),
        package_jsons = ["package.json"] + ["npm/{}/package.json".format(p) for p in platforms],
        tags = tags,
    )

def _platform_tarballs(crate_version, source, binaries, tags):
    """`:npm_<platform>` for each platform of `binaries` (platform -> its file).

    Each with its README, the licence and its binary's notices.
    """
    for platform, binary in binaries.items():
        npm_readme(
            name = "npm_{}_readme".format(platform),
            package_json = "npm/{}/package.json".format(platform),
            crate_version = crate_version,
            platform = platform,
            tags = tags,
        )
        _tarball(
            "npm_" + platform,
            "npm/{}/package.json".format(platform),
            [
                binary,
                ":npm_{}_readme".format(platform),
                ":npm_licence",
                "{}:{}_notices".format(source, platform),
            ],
            tags,
        )

def _publish_and_lint(crate, crate_version, platforms, third_party, cargo_package, program, published, tags):
    """`:tarballs`, `:publish`, `npm_tarball_test` and `npm_lint_test`.

    `program`: the packages ship an executable (no declarations to lint);
    `published`: the binaries are the published crate itself, built from its
    own sources (a program, or a crate that is itself an addon).

    Returns the tarballs, the main package last (the order they are published
    in: it pins the others).
    """
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
        args = ["$(rootpath {})".format(t) for t in tarballs] + [
            # What the notices must name: the wrapped crate and the crates it
            # always links.
            "--licences-of={}@{}".format(crate, crate_version),
            "--third-party=$(rootpath {}:defs.bzl)".format(third_party),
            "--cargo-package=" + cargo_package,
        ] + (["--published"] if published else []),
        data = tarballs + [
            third_party + ":defs.bzl",
            third_party + ":srcs",
        ],
        main = "//tools:ruvio_build/npm_tarball.py",
        tags = tags,
        deps = ["//tools:ruvio_build"],
    )
    sh_test(
        name = "npm_lint_test",
        size = "medium",
        srcs = ["//tools/npm:lint_test.sh"],
        args = (["--no-types"] if program else []) + ["$(rootpath //tools/npm:publint.mjs)"] + ["$(rootpath {})".format(t) for t in tarballs],
        data = tarballs + [
            "//tools/npm:publint.mjs",
            "@npm_tools//:node_modules",
        ],
        tags = tags,
    )
    return tarballs

def npm_packages(crate, crate_version, platforms, unsupported = {}, notes = "", tags = [], third_party = "//crates/3rdparty", cargo_package = None, published = False):
    """Tarballs, a publish command and tests of `@ruv.io/<crate>`.

    Args:
        crate: the crate's name; its binding is //crates/<crate>.
        crate_version: the crate's version, which the binding's version() reports.
        platforms: the platforms it is built for, keys of PLATFORMS.
        unsupported: the platforms it is not built for, each with the reason.
        notes: what the binding covers, for the README.
        tags: tags of every target (`matrix` outside the pilot).
        third_party: the package crate_universe wrote the crate's group's
            dependencies to (`//crates/groups/<group>/3rdparty` for a named group).
        cargo_package: where that group's defs.bzl files the binding's
            dependencies (default `crates/<crate>`; a named group's member
            path otherwise).
        published: the addon is the published crate itself, built from its
            own sources (no binding here): it has no version() of its own
            to show which addon loaded.
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

    _licence_material(crate, binding, platforms, "binary", tags)
    native.filegroup(
        name = "api",
        srcs = [binding + ":typedefs"],
        output_group = "api",
        tags = tags,
    )
    npm_readme(
        name = "npm_readme",
        package_json = "package.json",
        crate_version = crate_version,
        api = ":api",
        test = binding + ":test/addon.test.js",
        notes = notes,
        unsupported = unsupported,
        tags = tags,
    )
    _tarball(
        "npm",
        "package.json",
        [":npm_index_js", binding + ":typedefs", ":npm_readme", ":npm_licence", ":npm_notices"],
        tags,
    )
    _platform_tarballs(crate_version, binding, {p: "{}:{}".format(binding, p) for p in platforms}, tags)
    tarballs = _publish_and_lint(crate, crate_version, platforms, third_party, cargo_package or "crates/" + crate, False, published, tags)
    sh_test(
        name = "npm_registry_test",
        size = "medium",
        srcs = ["//tools/npm:registry_test.sh"],
        args = [
            "$(rootpath {}:test/addon.test.js)".format(binding),
            # What shows the right addon loaded in an ES module: version(), or
            # every export by name.
            "--exports=$(rootpath :exports)" if published else crate_version,
            "$(rootpath //tools:npm_publish)",
            crate,
        ] + ["$(rootpath {})".format(t) for t in tarballs],
        data = tarballs + ([":exports"] if published else []) + [
            binding + ":test/addon.test.js",
            "//tools:npm_publish",
            "//tools/npm:verdaccio.sh",
            "@npm_tools//:node_modules",
            "@npm_wasm_runtime//:node_modules",
        ],
        tags = tags,
    )

def npm_program_packages(crate, crate_version, bin, platforms, third_party, cargo_package, unsupported = {}, notes = "", tags = []):
    """Tarballs, a publish command and tests of `@ruv.io/<crate>`, a program.

    The main package holds the launcher (bin/<bin>.js, its `bin` entry), and
    each platform package the program built for it (bin/<bin>, .exe on
    Windows, .wasm for WASI), executable in the tarball. The same licence
    material as an addon's packages, from the program's own crate.

    Args:
        crate: the crate's name; its program is //crates/<crate>.
        crate_version: the crate's version.
        bin: the command's name.
        platforms: the platforms it is built for, keys of PLATFORMS.
        third_party: the package crate_universe wrote its group's dependencies to.
        cargo_package: where that group's defs.bzl files the program's dependencies.
        unsupported: the platforms it is not built for, each with the reason.
        notes: what the program does and needs, for the README.
        tags: tags of every target (`matrix` outside the pilot).
    """
    program = "//crates/" + crate
    _licence_material(crate, program, platforms, "executable", tags)
    help_text = None
    if HOST in platforms:
        program_help(
            name = "npm_help",
            program = "{}:{}".format(program, HOST),
            tags = tags,
        )
        help_text = ":npm_help"
    npm_readme(
        name = "npm_readme",
        package_json = "package.json",
        crate_version = crate_version,
        program = True,
        help_text = help_text,
        notes = notes,
        unsupported = unsupported,
        tags = tags,
    )

    # npm runs what `bin` names, and a platform package's executable is run
    # by the launcher: both executable as packed.
    executable = pkg_attributes(mode = "0755")
    pkg_files(
        name = "npm_launcher",
        srcs = ["bin/{}.js".format(bin)],
        attributes = executable,
        prefix = "bin",
        tags = tags,
    )
    _tarball(
        "npm",
        "package.json",
        [":npm_launcher", ":npm_readme", ":npm_licence", ":npm_notices"],
        tags,
    )
    for platform in platforms:
        pkg_files(
            name = "npm_{}_executable".format(platform),
            srcs = ["{}:{}".format(program, platform)],
            attributes = executable,
            prefix = "bin",
            tags = tags,
        )
    _platform_tarballs(crate_version, program, {p: ":npm_{}_executable".format(p) for p in platforms}, tags)
    tarballs = _publish_and_lint(crate, crate_version, platforms, third_party, cargo_package, True, True, tags)
    sh_test(
        name = "npm_registry_test",
        size = "medium",
        srcs = ["//tools/npm:program_registry_test.sh"],
        args = [
            "$(rootpath {}:test/program.test.js)".format(program),
            bin,
            "$(rootpath //tools:npm_publish)",
            crate,
        ] + ["$(rootpath {})".format(t) for t in tarballs],
        data = tarballs + [
            program + ":test/program.test.js",
            "//tools:npm_publish",
            "//tools/npm:npx_run.js",
            "//tools/npm:verdaccio.sh",
            "@npm_tools//:node_modules",
        ],
        tags = tags,
    )
