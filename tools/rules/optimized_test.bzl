"""`optimized_test`: what rustc was told for every crate linked into a binding's
addons, checked at analysis time from the actions Bazel will run.

The transition (transition.bzl) and the toolchains (platforms/rust) are what
make an addon optimized and stripped; this test reads the resulting rustc
command lines, so a later change to either that loses a flag fails here
instead of shipping quietly: every crate compiled for a target platform at
`opt-level=3` without debug information, every addon linked with thin LTO and
stripped, and build scripts and proc-macros (the exec configuration)
optimized too.
"""

RustcArgvInfo = provider(
    doc = "The Rustc actions of a target and everything it is built from.",
    fields = {"actions": "depset of (label, argv) tuples"},
)

# Attributes a binding's compile graph hangs on: napi_addon's transitioned
# `lib` (program_executable's `binary`), rules_rust's crate dependencies, and
# build scripts (whose binary and run are separate targets).
_EDGES = ["lib", "binary", "deps", "proc_macro_deps", "build_script", "script"]

def _rustc_argv_aspect_impl(target, ctx):
    own = [
        (str(target.label), tuple(action.argv))
        for action in target.actions
        if action.mnemonic == "Rustc" and action.argv
    ]
    transitive = []
    for edge in _EDGES:
        deps = getattr(ctx.rule.attr, edge, None)
        if deps == None:
            continue
        for dep in (deps if type(deps) == "list" else [deps]):
            if type(dep) == "Target" and RustcArgvInfo in dep:
                transitive.append(dep[RustcArgvInfo].actions)
    return [RustcArgvInfo(actions = depset(own, transitive = transitive))]

rustc_argv_aspect = aspect(
    implementation = _rustc_argv_aspect_impl,
    attr_aspects = _EDGES,
)

def _value(argv, flag):
    """The last value rustc takes for a codegen option (later ones win)."""
    value = None
    for arg in argv:
        for prefix in ("--codegen=" + flag + "=", "-C" + flag + "="):
            if arg.startswith(prefix):
                value = arg[len(prefix):]
    return value

def _problems(label, argv):
    crate_type = None
    for i, arg in enumerate(argv):
        if arg.startswith("--crate-type="):
            crate_type = arg[len("--crate-type="):]
        elif arg == "--crate-type" and i + 1 < len(argv):
            crate_type = argv[i + 1]
    out = []
    if _value(argv, "opt-level") != "3":
        out.append("opt-level is {}, not 3".format(_value(argv, "opt-level")))
    if _value(argv, "debuginfo") not in (None, "0"):
        out.append("debuginfo is {}".format(_value(argv, "debuginfo")))

    # What ships: an addon, or a program (a `bin` that is not a build script,
    # which runs in the build only).
    build_script = any([a.startswith("--crate-name=build_script_") for a in argv])
    shipped = crate_type == "cdylib" or (crate_type == "bin" and not build_script)
    if shipped:
        if _value(argv, "lto") != "thin":
            out.append("the binary is linked without -Clto=thin")
        apple = "-Clink-arg=-Wl,-x" in argv and "-Clink-arg=-Wl,-S" in argv
        if _value(argv, "strip") != "symbols" and not apple:
            out.append("the binary is not stripped (strip={}, and no -Wl,-x -Wl,-S)".format(_value(argv, "strip")))
    return ["{} ({}): {}".format(label, crate_type, p) for p in out]

def _optimized_test_impl(ctx):
    seen = {}
    problems = []
    for addon in ctx.attr.addons:
        for label, argv in addon[RustcArgvInfo].actions.to_list():
            seen[label] = True
            problems.extend(_problems(label, argv))
    if not seen:
        problems.append("no Rustc action found under {}".format([str(a.label) for a in ctx.attr.addons]))
    lines = ["echo 'FAIL  {}'".format(p.replace("'", "")) for p in problems]
    lines.append("echo '{} rustc command lines of {} crates: {}'".format(
        "checked" if not problems else "FAILED:",
        len(seen),
        "opt-level=3, no debug information, shipped binaries with thin LTO and stripped" if not problems else "{} problems".format(len(problems)),
    ))
    lines.append("exit {}".format(1 if problems else 0))
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(script, "#!/bin/sh\n" + "\n".join(lines) + "\n", is_executable = True)
    return [DefaultInfo(executable = script)]

optimized_test = rule(
    implementation = _optimized_test_impl,
    attrs = {
        "addons": attr.label_list(
            mandatory = True,
            aspects = [rustc_argv_aspect],
            doc = "A binding's napi_addon targets, or a program's program_executable targets.",
        ),
    },
    test = True,
    doc = "Fails when a crate of these binaries is not compiled optimized, or a binary is not linked with thin LTO and stripped.",
)
