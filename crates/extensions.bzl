"""The `crates` module extension: crates.io archives of the generated graph."""

load("//crates/3rdparty:crates.bzl", "crate_repositories")

def _crates_impl(module_ctx):
    crate_repositories()

    # Bindings reach every crate through the `crates` hub's aliases; the
    # per-crate repositories stay private to this extension.
    return module_ctx.extension_metadata(
        root_module_direct_deps = ["crates"],
        root_module_direct_dev_deps = [],
    )

crates = module_extension(
    implementation = _crates_impl,
    doc = "Declares one repository per third-party crate in crates/Cargo.lock.",
)
