"""`tool_with_env`: another rule's executable, run with extra environment
variables, for tools whose rules offer no way to set them."""

def _tool_with_env_impl(ctx):
    tool = ctx.attr.tool[DefaultInfo].files_to_run.executable
    script = ctx.actions.declare_file(ctx.label.name)
    exports = "".join(["export {}='{}'\n".format(k, v) for k, v in sorted(ctx.attr.env.items())])
    ctx.actions.write(
        script,
        "#!/bin/sh\n{}exec \"$0.runfiles/{}/{}\" \"$@\"\n".format(exports, ctx.workspace_name, tool.short_path),
        is_executable = True,
    )
    runfiles = ctx.runfiles(files = [tool]).merge(ctx.attr.tool[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

tool_with_env = rule(
    implementation = _tool_with_env_impl,
    attrs = {
        "env": attr.string_dict(mandatory = True),
        "tool": attr.label(mandatory = True, executable = True, cfg = "target"),
    },
    executable = True,
)
