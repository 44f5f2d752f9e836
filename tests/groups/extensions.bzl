"""The `fixtures` module extension: the crate repositories of the two fixture
worlds of //tests/groups:groups_test, as crates/extensions.bzl declares those
of the default workspace and the named groups."""

load("//tests/groups/plain/3rdparty:crates.bzl", plain_repositories = "crate_repositories")
load("//tests/groups/precise/3rdparty:crates.bzl", precise_repositories = "crate_repositories")

def _fixtures_impl(module_ctx):
    plain_repositories()
    precise_repositories()
    return module_ctx.extension_metadata(
        root_module_direct_deps = [],
        root_module_direct_dev_deps = [
            "groups_test_plain",
            "groups_test_precise",
        ],
    )

fixtures = module_extension(
    implementation = _fixtures_impl,
    doc = "Declares the crates of tests/groups/plain and tests/groups/precise, each world's own.",
)
