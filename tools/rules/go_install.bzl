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

    # The program's name is its package's last element, not a major version
    # suffix (github.com/buchgr/bazel-remote/v2 is `bazel-remote`).
    parts = rctx.attr.package.split("/")
    binary = parts[-2] if len(parts) > 1 and parts[-1][0] == "v" and parts[-1][1:].isdigit() else parts[-1]
    if rctx.attr.go_mod:
        # Every module pinned in a go.mod/go.sum of ours: `go install pkg@v`
        # would first ask the proxy for the module's version list, which is
        # not served for every module.
        if rctx.attr.version:
            fail("go_install({}): give `version` or `go_mod`, not both".format(rctx.name))
        mod = str(work) + "/mod"
        rctx.file(mod + "/go.mod", rctx.read(rctx.attr.go_mod))
        rctx.file(mod + "/go.sum", rctx.read(rctx.attr.go_sum))
        command = [go, "build", "-mod=readonly", "-o", str(rctx.path("bin/" + binary)), rctx.attr.package]
        rctx.report_progress("go build " + rctx.attr.package)
        result = rctx.execute(command, environment = env, timeout = 1200, working_directory = mod)
    else:
        if not rctx.attr.version:
            fail("go_install({}): give `version` or `go_mod`".format(rctx.name))
        spec = "{}@{}".format(rctx.attr.package, rctx.attr.version)
        rctx.report_progress("go install " + spec)
        result = rctx.execute([go, "install", spec], environment = env, timeout = 1200)
    if result.return_code != 0:
        fail("go_install({}): building {} failed:\n{}".format(rctx.name, rctx.attr.package, result.stderr))
    rctx.delete(work)
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
        "go_mod": attr.label(allow_single_file = True, doc = "A go.mod that requires the package's module and pins every dependency."),
        "go_sum": attr.label(allow_single_file = True, doc = "The go.sum beside `go_mod`."),
        "version": attr.string(doc = "Module version, as `go install` takes it (without `go_mod`)."),
    },
    doc = "Builds one Go main package from the Go module proxy with the image's Go.",
)
