"""Licence material of a binding's npm packages: THIRD_PARTY_NOTICES.txt and
the wrapped crate's own licence files.

`crate_licence_aspect` follows a binding's `rust_shared_library` along
`deps`, the crates rustc links into the binary for that target (each crate
repository's `select`s already resolved for the platform); proc macros
(`proc_macro_deps`) and build scripts (their `cargo_build_script` targets
sit in `deps` but forward nothing) are not followed. For each crate it
passes on the name, version, Cargo.toml and licence files (crate_universe
puts every file of the crate into `compile_data`), and at the binary the
target's std as the Rust toolchain has it. ruvio_build.notices reads the
Cargo.toml files and writes the notice.

`third_party_notices` is one platform's binary, `third_party_notices_union`
a main package's (all its platforms: npm installs one of them), and
`wrapped_crate_licence` the licence files of the crate a package wraps.
"""

load("@rules_rust//rust:defs.bzl", "rust_common")
load(":transition.bzl", "platform_transition")

CrateLicenceInfo = provider(
    doc = "The crates linked into a Rust target, with their Cargo.toml and licence files.",
    fields = {
        "crates": "depset of str: one JSON object per crate: name, version, label, files ([path inside the crate, path])",
        "direct": "list of str: at a binary, the labels of its direct dependencies",
        "files": "depset of File: the files the records name",
        "rust_std": "list of str: at a binary, its toolchain's std files (`libstd-<hash>.rlib`, `self-contained/libc.a`)",
        "triple": "str: at a binary, the Rust target triple",
    },
)

NoticesInfo = provider(
    doc = "What one platform's binary links, for notices over several platforms.",
    fields = {
        "platform": "str: the platform's name (linux-x64-gnu)",
        "triple": "str: its Rust target triple",
        "rust_std": "list of str: its std files, as in CrateLicenceInfo",
        "crates": "depset of str: as in CrateLicenceInfo",
        "direct": "list of str: as in CrateLicenceInfo",
        "files": "depset of File: as in CrateLicenceInfo",
    },
)

# Keep these alike with tools/ruvio_build/licence_files.py.
_PREFIXES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE", "COPYRIGHT")
_CODE_SUFFIXES = ["rs", "a", "o", "so", "dll", "lib", "dylib", "c", "h", "cc", "cpp", "hpp", "py", "js", "mjs", "ts", "json", "toml", "yml", "yaml", "sh", "s", "bin", "wasm"]

def _is_licence_file(rel):
    name = rel.rpartition("/")[2]
    if not name.upper().startswith(_PREFIXES):
        return False
    suffix = name.rpartition(".")[2].lower() if "." in name else ""
    return suffix not in _CODE_SUFFIXES

def _crate_name(target, ctx):
    # crate_universe tags each crate with its name as Cargo.toml spells it.
    for tag in ctx.rule.attr.tags:
        if tag.startswith("crate-name="):
            return tag[len("crate-name="):]
    return target[rust_common.crate_info].name

def _crate_record(target, ctx, root = None):
    if root == None:
        root = target.label.workspace_root
        if target.label.package:
            root = root + "/" + target.label.package
    files = []
    for f in ctx.rule.files.compile_data:
        if not f.is_source or not f.path.startswith(root + "/"):
            continue
        rel = f.path[len(root) + 1:]
        if rel == "Cargo.toml" or _is_licence_file(rel):
            files.append(f)
    record = json.encode({
        "name": _crate_name(target, ctx),
        "version": ctx.rule.attr.version,
        "label": str(target.label),
        "files": [[f.path[len(root) + 1:], f.path] for f in files],
    })
    return record, files

def _std_files(ctx):
    toolchain = ctx.toolchains[Label("@rules_rust//rust:toolchain_type")]
    names = []
    for f in toolchain.rust_std.to_list():
        parent = f.dirname.rpartition("/")[2]
        names.append(("self-contained/" if parent == "self-contained" else "") + f.basename)
    return sorted(names), toolchain.target_triple.str

def _published_root(ctx):
    """Where a binary built from a published crate has its files, or None.

    A program (tools/rules/program.bzl), or a crate that is itself an addon
    (napi_binding with `source`), is built from the repository of the
    published crate's sources. None for any other target.
    """
    if ctx.rule.kind not in ("rust_binary", "rust_shared_library"):
        return None
    if not [t for t in ctx.rule.attr.tags if t.startswith("crate-name=")]:
        return None
    return ctx.rule.file.crate_root.owner.workspace_root

def _crate_licence_aspect_impl(target, ctx):
    published_root = _published_root(ctx)
    is_binary = ctx.rule.kind == "rust_shared_library" or published_root != None
    is_crate = rust_common.crate_info in target and target[rust_common.crate_info].type in ("rlib", "lib")
    if not is_binary and not is_crate:
        # Build scripts, C libraries, anything else: nothing a notice lists.
        return [CrateLicenceInfo(crates = depset(), direct = [], files = depset(), rust_std = [], triple = "")]
    deps = [d[CrateLicenceInfo] for d in ctx.rule.attr.deps if CrateLicenceInfo in d]
    direct_crates, direct_files = [], []

    # This workspace's own crates (the binding) are not third-party.
    if is_crate and target.label.workspace_name:
        record, direct_files = _crate_record(target, ctx)
        direct_crates = [record]

    # A program or published addon is the wrapped crate itself: listed as its
    # own direct part.
    direct = [str(d.label) for d in ctx.rule.attr.deps] if is_binary else []
    if published_root != None:
        record, direct_files = _crate_record(target, ctx, published_root)
        direct_crates = [record]
        direct.append(str(target.label))
    rust_std, triple = _std_files(ctx) if is_binary else ([], "")
    return [CrateLicenceInfo(
        crates = depset(direct_crates, transitive = [d.crates for d in deps]),
        direct = direct,
        files = depset(direct_files, transitive = [d.files for d in deps]),
        rust_std = rust_std,
        triple = triple,
    )]

crate_licence_aspect = aspect(
    implementation = _crate_licence_aspect_impl,
    attr_aspects = ["deps"],
    toolchains = [str(Label("@rules_rust//rust:toolchain_type"))],
    doc = "The crates a Rust binary links, with their Cargo.toml and licence files.",
)

_TOOLS = {
    "_notices": attr.label(
        default = "//tools:notices",
        executable = True,
        cfg = "exec",
    ),
    "_spdx": attr.label(
        default = "@npm_spdx//:node_modules",
        doc = "The spdx-license-list package: the SPDX License List's standard texts.",
    ),
}

def _spdx_args(ctx):
    def find(suffix):
        found = [f for f in ctx.files._spdx if f.path.endswith("/node_modules/spdx-license-list/" + suffix)]
        if len(found) != 1:
            fail("{}: no single spdx-license-list/{} in {}".format(ctx.label, suffix, ctx.attr._spdx.label))
        return found[0]

    full, package = find("spdx-full.json"), find("package.json")
    return ["--spdx", full.path, "--spdx-package", package.path], [full, package]

def _write_notices(ctx, subject, platforms):
    out = ctx.actions.declare_file(ctx.label.name + "/THIRD_PARTY_NOTICES.txt")
    spdx_args, spdx_files = _spdx_args(ctx)
    args = ctx.actions.args()
    args.add("notices")
    args.add("--out", out)
    args.add("--subject", subject)
    args.add_all(spdx_args)
    args.add_all(ctx.files._rust_src, before_each = "--rust-src")
    args.add("--wasi-libc-copyright", ctx.file._wasi_libc_copyright)
    args.add("--wasi-libc-changelog", ctx.file._wasi_libc_changelog)
    for p in platforms:
        args.add("--platform", json.encode({"platform": p.platform, "triple": p.triple, "rust_std": p.rust_std}))
        args.add_all(p.crates, before_each = "--crate")
    args.use_param_file("@%s", use_always = True)
    args.set_param_file_format("multiline")
    ctx.actions.run(
        executable = ctx.executable._notices,
        arguments = [args],
        inputs = depset(
            spdx_files + ctx.files._rust_src + [ctx.file._wasi_libc_copyright, ctx.file._wasi_libc_changelog],
            transitive = [p.files for p in platforms],
        ),
        outputs = [out],
        mnemonic = "ThirdPartyNotices",
        progress_message = "Writing %{output}",
    )
    return out

_NOTICE_INPUTS = dict(_TOOLS, **{
    "_rust_src": attr.label(
        default = "@system_licences//:rust_src",
        doc = "rust-src's manifests and licence files: what std is made of.",
    ),
    "_wasi_libc_changelog": attr.label(
        default = "@system_licences//:share/doc/wasi-libc/changelog.Debian.gz",
        allow_single_file = True,
    ),
    "_wasi_libc_copyright": attr.label(
        default = "@system_licences//:share/doc/wasi-libc/copyright",
        allow_single_file = True,
    ),
})

def _third_party_notices_impl(ctx):
    linked = ctx.attr.lib[0][CrateLicenceInfo]
    info = NoticesInfo(
        platform = ctx.attr.platform.label.name,
        triple = linked.triple,
        rust_std = linked.rust_std,
        crates = linked.crates,
        direct = linked.direct,
        files = linked.files,
    )
    out = _write_notices(ctx, ctx.attr.subject, [info])
    return [DefaultInfo(files = depset([out])), info]

third_party_notices = rule(
    implementation = _third_party_notices_impl,
    attrs = dict(_NOTICE_INPUTS, **{
        "lib": attr.label(
            mandatory = True,
            aspects = [crate_licence_aspect],
            cfg = platform_transition,
            doc = "The binding's rust_shared_library for `platform`.",
        ),
        "platform": attr.label(mandatory = True, doc = "The platform, one of //platforms."),
        "subject": attr.string(mandatory = True, doc = "What the notice covers (the binary's file name)."),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    }),
    doc = "THIRD_PARTY_NOTICES.txt of one platform's binary of a binding.",
)

def _third_party_notices_union_impl(ctx):
    out = _write_notices(ctx, ctx.attr.subject, [s[NoticesInfo] for s in ctx.attr.srcs])
    return [DefaultInfo(files = depset([out]))]

third_party_notices_union = rule(
    implementation = _third_party_notices_union_impl,
    attrs = dict(_NOTICE_INPUTS, **{
        "srcs": attr.label_list(mandatory = True, providers = [NoticesInfo], doc = "Each platform's third_party_notices."),
        "subject": attr.string(mandatory = True, doc = "What the notice covers."),
    }),
    doc = "THIRD_PARTY_NOTICES.txt over several platforms' binaries (a main package's).",
)

def _wrapped_crate_licence_impl(ctx):
    info = ctx.attr.notices[NoticesInfo]
    records = [json.decode(r) for r in info.crates.to_list()]

    # The binding's own dependency of that name: another version may be
    # linked too, through some other crate.
    found = [r for r in records if r["name"] == ctx.attr.crate and r["label"] in info.direct]
    if len(found) != 1:
        fail("{}: the binding depends on {} crates named {}, not one".format(ctx.label, len(found), ctx.attr.crate))
    record = found[0]

    # Known before the action runs: the crate's top-level licence files, or a
    # LICENSE the action writes from the SPDX texts when it ships none.
    names = sorted([rel for rel, _ in record["files"] if "/" not in rel and _is_licence_file(rel)]) or ["LICENSE"]
    outs = [ctx.actions.declare_file("{}/{}".format(ctx.label.name, n)) for n in names]
    wanted = {path: True for _, path in record["files"]}
    sources = [f for f in info.files.to_list() if f.path in wanted]
    spdx_args, spdx_files = _spdx_args(ctx)
    args = ctx.actions.args()
    args.add("licence")
    args.add("--crate", json.encode(record))
    args.add("--out-dir", outs[0].dirname)
    args.add_all("--outputs", names)
    args.add_all("--package-json", ctx.files.package_jsons)
    args.add_all(spdx_args)
    args.use_param_file("@%s", use_always = True)
    args.set_param_file_format("multiline")
    ctx.actions.run(
        executable = ctx.executable._notices,
        arguments = [args],
        inputs = sources + spdx_files + ctx.files.package_jsons,
        outputs = outs,
        mnemonic = "CrateLicence",
        progress_message = "Writing the licence files of {}".format(ctx.attr.crate),
    )
    return [DefaultInfo(files = depset(outs))]

wrapped_crate_licence = rule(
    implementation = _wrapped_crate_licence_impl,
    attrs = dict(_TOOLS, **{
        "crate": attr.string(mandatory = True, doc = "The wrapped crate's name."),
        "notices": attr.label(mandatory = True, providers = [NoticesInfo], doc = "A third_party_notices of the binding."),
        "package_jsons": attr.label_list(
            allow_files = [".json"],
            mandatory = True,
            doc = "The packages' package.json files, whose `license` must be the crate's.",
        ),
    }),
    doc = "The wrapped crate's licence files, for every tarball of its packages.",
)
