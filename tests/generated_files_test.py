"""Every generated file is what `ruvio generate` writes from the catalog now,
and every generated Starlark file is formatted as buildifier formats it.

The generated files reach this test as runfiles (tests/generated.bzl lists
them); a hand edit, or a catalog or template change without regenerating,
fails here with the paths and the command that fixes them.
"""

import os
import subprocess
import sys
from pathlib import Path

from ruvio_build import cli, generate
from ruvio_build.catalog import load

if __name__ == "__main__":
    root = Path(os.environ["TEST_SRCDIR"]) / "_main"
    buildifier = Path(sys.argv[1]).resolve()
    status = cli.main(["--root", str(root), "generate", "--check"])
    plan = generate.plan(load(root / "crates" / "catalog.toml"))  # Starlark files only; vendoring aside
    starlark = [p for p in plan.generated if p.endswith((".bazel", ".bzl"))]
    check = subprocess.run([buildifier, "--mode=check", *starlark], cwd=root, capture_output=True, text=True)
    if check.returncode != 0:
        print(check.stdout + check.stderr)
        print("generated Starlark is not buildifier-formatted: fix the template in tools/ruvio_build/templates")
        status = status or 1
    else:
        print(f"{len(starlark)} generated Starlark files are buildifier-formatted")
    sys.exit(status)
