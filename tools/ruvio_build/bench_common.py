"""What every section of benchmarks/run's report shares: its error, the lines
it reads from Bazel's output, how it writes times, and which commits a figure
was measured at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The two sides of a comparison, in the order the report shows them: the
# baseline (`--baseline REV`) and the checkout.
SIDES = ("before", "after")

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ELAPSED = re.compile(r"Elapsed time: ([0-9.]+)s")
_PROCESSES = re.compile(r"INFO: (\d+ process(?:es)?\b.*?)\.?$", re.MULTILINE)


class BenchError(ValueError):
    """A measurement that cannot be read, naming the file."""


@dataclass(frozen=True)
class Run:
    """The commits a report's figures were measured at."""

    commit: str  # the checkout, "after"; may say it had uncommitted changes
    baseline: str | None = None  # "before", when the run measured one

    def title(self, side: str) -> str:
        """How a table names a side: with its commit."""
        if side == "before":
            return f"before (`{self.baseline}`)"
        short = self.commit.split()[0] if self.commit.strip() else "?"
        return f"after (`{short}`)" if self.baseline else f"`{short}`"


def plain(text: str) -> str:
    """Text without the terminal's colour codes (Bazel runs with --color=yes)."""
    return _ANSI.sub("", text)


def elapsed_s(log: str) -> float | None:
    """Bazel's own "Elapsed time" of a command, from its output."""
    found = _ELAPSED.findall(plain(log))
    return float(found[-1]) if found else None


def processes(log: str) -> str | None:
    """Bazel's last "N processes: ..." line: how the actions were run."""
    found = _PROCESSES.findall(plain(log))
    return found[-1].strip() if found else None


def read_text(path: object) -> str:
    try:
        return Path(str(path)).read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise BenchError(f"cannot read {path}: {e.strerror or e}") from e


def seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} s"


def wall_run(data: dict[str, Any], name: str) -> tuple[float, str]:
    """A timed command of benchmarks/run (`{"wall_s": ..., "log": ...}`):
    its wall time and its output."""
    run = data.get(name)
    if not isinstance(run, dict) or not isinstance(run.get("wall_s"), (int, float)):
        raise BenchError(f"no wall time of the {name} run")
    return float(run["wall_s"]), read_text(run.get("log", ""))
