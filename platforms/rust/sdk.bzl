"""Where the macOS SDK is, as rustc sees it."""

# rustc takes SDKROOT only as an absolute path; rules_rust's process wrapper
# puts the action's working directory in place of ${pwd}, so the action key
# holds no path of this machine. BUILD files cannot resolve a repository's
# canonical name; a .bzl file can.
DARWIN_SDKROOT = "${pwd}/external/" + Label("@macos_sdk//:sdk").repo_name + "/sdk"
