//go:build tools

// Package tools pins the Go programs the build runs as servers: bazel-remote,
// the shared remote cache. go.mod and go.sum hold every module it needs, so
// `go mod tidy` keeps them and tools/rules/go_install.bzl builds from them
// without asking the module proxy for version lists.
package tools

import _ "github.com/buchgr/bazel-remote/v2"
