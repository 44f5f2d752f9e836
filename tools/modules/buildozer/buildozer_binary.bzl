"""Stand-in for buildozer's extension: bazel_tools names its repository."""

def _buildozer_binary_repo_impl(rctx):
    rctx.file("BUILD.bazel", "# Stand-in: no buildozer binary in the build image.\n")

_buildozer_binary_repo = repository_rule(implementation = _buildozer_binary_repo_impl)

def _buildozer_binary_impl(_module_ctx):
    _buildozer_binary_repo(name = "buildozer_binary")

buildozer_binary = module_extension(implementation = _buildozer_binary_impl)
