"""`rust_std_from_source`: Rust's standard library for a target Debian ships
no std for, built once per target inside the graph from the image's rust-src.

rules_rust cannot compile std itself (std needs nightly-only flags and its own
build scripts), so this one action runs cargo's `-Zbuild-std` over rust-src,
with std's dependencies taken from the copy rust-src vendors: no network, and
cached like any other action. The rlibs it yields are declared one by one
(`crates`), because rules_rust sorts a std into core, alloc, std and the rest
by file name; a std that turns out to have other crates fails with both lists.
"""

def _rust_std_from_source_impl(ctx):
    outs = [
        ctx.actions.declare_file("{}/lib{}.rlib".format(ctx.label.name, crate))
        for crate in ctx.attr.crates
    ]
    args = ctx.actions.args()
    args.add(ctx.file._cargo)
    args.add(ctx.file._rustc)
    args.add(ctx.attr.target)
    args.add(outs[0].dirname)
    args.add(",".join(ctx.attr.crates))
    args.add_all(ctx.attr.std_features, format_each = "-Zbuild-std-features=%s")
    args.add("--")
    args.add_all(ctx.attr.rustc_flags)
    ctx.actions.run(
        executable = ctx.executable._build_std,
        arguments = [args],
        inputs = depset(
            [ctx.file._cargo, ctx.file._rustc],
            transitive = [f.files for f in ctx.attr._sources],
        ),
        outputs = outs,
        mnemonic = "RustStd",
        # cargo and std's build scripts find their tools on PATH.
        use_default_shell_env = True,
        progress_message = "Building Rust std for {} from source".format(ctx.attr.target),
    )
    return [DefaultInfo(files = depset(outs))]

rust_std_from_source = rule(
    implementation = _rust_std_from_source_impl,
    attrs = {
        "crates": attr.string_list(
            mandatory = True,
            doc = "Crate names the built std consists of, each becoming lib<crate>.rlib.",
        ),
        "std_features": attr.string_list(doc = "std features (`-Zbuild-std-features`)."),
        "rustc_flags": attr.string_list(doc = "Extra rustc flags for std's crates."),
        "target": attr.string(mandatory = True, doc = "Rust target triple."),
        "_build_std": attr.label(
            default = ":build_std",
            executable = True,
            cfg = "exec",
        ),
        "_cargo": attr.label(default = "@system_rust//:bin/cargo", allow_single_file = True),
        "_rustc": attr.label(default = "@system_rust//:bin/rustc", allow_single_file = True),
        "_sources": attr.label_list(default = [
            "@system_rust//:rust_src",
            "@system_rust//:rustc_lib",
            "@system_rust//:rust_std_x86_64-unknown-linux-gnu",
        ]),
    },
    doc = "Rust std for `target`, built from rust-src by cargo -Zbuild-std.",
)
