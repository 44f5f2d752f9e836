"""Go programs (buildifier, bazel-remote) built from the Go module proxy.

`go install` runs in a repository rule, where network access belongs, with the
image's Go; build actions only ever see the finished binary.
"""

def _go_install_impl(rctx):
    go = rctx.which("go")
    if not go:
        fail("go_install({}): no `go` on PATH; is golang-go in tools/image/packages.txt?".format(rctx.name))
    work = rctx.path("_go")
    env = {
        "CGO_ENABLED": "0",
        "GOBIN": str(rctx.path("bin")),
        "GOCACHE": str(work) + "/cache",
        "GOFLAGS": "-trimpath -modcacherw",
        "GOPATH": str(work) + "/path",
        # Never swap in a newer Go than the image's: that would be a download
        # from outside the registries and a different compiler per machine.
        "GOTOOLCHAIN": "local",
        "HOME": str(work),
    }
    spec = "{}@{}".format(rctx.attr.package, rctx.attr.version)
    rctx.report_progress("go install " + spec)
    result = rctx.execute([go, "install", spec], environment = env, timeout = 1200)
    if result.return_code != 0:
        fail("go_install({}): `go install {}` failed:\n{}".format(rctx.name, spec, result.stderr))
    rctx.delete(work)
    binary = rctx.attr.package.split("/")[-1]
    rctx.file("BUILD.bazel", """\
exports_files(["bin/{binary}"])

alias(
    name = "{name}",
    actual = "bin/{binary}",
    visibility = ["//visibility:public"],
)
""".format(binary = binary, name = rctx.attr.binary_name or binary))

go_install = repository_rule(
    implementation = _go_install_impl,
    attrs = {
        "binary_name": attr.string(doc = "Name of the alias target; defaults to the binary's name."),
        "package": attr.string(mandatory = True, doc = "Go package path of the main package."),
        "version": attr.string(mandatory = True, doc = "Module version, as `go install` takes it."),
    },
    doc = "Builds one Go main package from the Go module proxy with the image's Go.",
)
