"""`npm_publish` and `npm_publish_test`: crates' npm packages to a registry.

Both run tools/ruvio_build/publish.py over the tarballs of the crates named,
each crate's as `--tarballs CRATE TARBALL...` (its `:tarballs` filegroup,
which `npm_packages` defines). `npm_publish` is the command
(`bazel run`, a dry run unless `-- --publish`); `npm_publish_test` runs it
against Verdaccio on loopback: a dry run, a run stopped halfway, the run that
finishes it and one that finds everything already there.
"""

load("@rules_python//python:defs.bzl", "py_binary")
load("@rules_shell//shell:sh_test.bzl", "sh_test")

def _tarballs(crates):
    return ["//packages/{}:tarballs".format(crate) for crate in crates]

def _tarball_args(crates):
    args = []
    for crate in crates:
        args += ["--tarballs", crate, "$(rootpaths //packages/{}:tarballs)".format(crate)]
    return args

def npm_publish(name, crates, tags = []):
    """`bazel run :<name> -- [--publish] [--registry URL] [--tag TAG] [--crate NAME ...]`.

    Args:
        name: the target's name.
        crates: the crates whose packages it publishes, in this order.
        tags: tags of the target.
    """
    py_binary(
        name = name,
        srcs = ["//tools:ruvio_build/publish.py"],
        args = _tarball_args(crates),
        data = _tarballs(crates),
        main = "//tools:ruvio_build/publish.py",
        tags = tags,
    )

def npm_publish_test(name, crates, size = "large", tags = []):
    """Publishes the crates' packages to a local registry, resuming a stopped run.

    Args:
        name: the test's name.
        crates: the crates whose packages it publishes.
        size: the test's size.
        tags: tags of the test.
    """
    sh_test(
        name = name,
        size = size,
        srcs = ["//tools/npm:publish_test.sh"],
        args = ["$(rootpath //tools:npm_publish)"] + _tarball_args(crates),
        data = _tarballs(crates) + [
            "//tools:npm_publish",
            "//tools/npm:verdaccio.sh",
            "@npm_tools//:node_modules",
        ],
        tags = tags,
    )
