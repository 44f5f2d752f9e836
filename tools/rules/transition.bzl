"""The transition into a shipped binary's configuration, shared by the rules
that build one binding for a platform: the platform, and optimization.

Every addon is built optimized whatever the command line says (`-c opt` or
not), so there is one configuration of it: the bytes the tests load are the
bytes the tarballs pack. rules_rust turns `opt` into `-Copt-level=3
-Cdebuginfo=0` for the binding and every crate linked into it, and gives
build scripts `OPT_LEVEL=3` and `DEBUG=false` for the C code they compile.
Build scripts and proc-macros are built for the exec configuration, which
`--host_compilation_mode` (Bazel's default: opt) already optimizes.
"""

def _platform_transition_impl(_settings, attr):
    return {
        "//command_line_option:compilation_mode": "opt",
        "//command_line_option:platforms": str(attr.platform),
    }

platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = [
        "//command_line_option:compilation_mode",
        "//command_line_option:platforms",
    ],
)
