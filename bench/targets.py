"""The speed targets of an edit at any size (issue 15), as one table beside the figures.

``python -m bench.run`` measures; this module says which figure each target
reads and prints the table. It also gives the commands of the command-line
figure, which ``bench.run`` times as it times the rest: the whole ``orgmodel
validate`` of a CSV, interpreter start included, against a Python that only
reads the same CSV.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from attrs import frozen

from bench import app

VALIDATE_COMMAND = "validate command"
READ_CSV_COMMAND = "read csv command"
IMPORTS_COMMAND = "validate command imports"
"""Python started and the modules ``orgmodel validate`` uses imported, nothing run."""
COMMAND_ROWS = 10_000
"""The command-line figures are taken at this size."""

Results = Mapping[str, Mapping[str, float]]
Figure = Callable[[Results], float]


@frozen
class Target:
    measure: str
    limit: float
    unit: str
    figure: Figure
    floor: tuple[str, Figure] | None = None
    """The part of the figure spent before any work on the input begins, and
    its figure: shown under the target's line, no target of its own."""


def _at(size: int, operation: str) -> Figure:
    return lambda results: results.get(str(size), {}).get(operation, math.nan)


def _ratio(numerator: Figure, denominator: Figure) -> Figure:
    return lambda results: numerator(results) / denominator(results)


EDIT = "edit to updated findings"
TARGETS = (
    Target("edit to updated findings, 10,000 roles", 0.05, "s", _at(10_000, EDIT)),
    Target("edit to updated findings, 50,000 roles", 0.2, "s", _at(50_000, EDIT)),
    Target("the two, 50,000 over 10,000", 2.0, "x", _ratio(_at(50_000, EDIT), _at(10_000, EDIT))),
    Target("delete 5,000 selected roles to repaint", 0.5, "s", _at(10_000, app.DELETE)),
    Target("open 50,000 roles to first paint", 3.0, "s", _at(50_000, "app open to first paint")),
    Target("app peak memory, 50,000 roles", 500.0, "MB", _at(50_000, "app peak MB")),
    Target(
        "orgmodel validate of a 10,000-row CSV, over Python reading it",
        2.5,
        "x",
        _ratio(_at(COMMAND_ROWS, VALIDATE_COMMAND), _at(COMMAND_ROWS, READ_CSV_COMMAND)),
        floor=(
            "  of which Python starting and importing the command's modules",
            _ratio(_at(COMMAND_ROWS, IMPORTS_COMMAND), _at(COMMAND_ROWS, READ_CSV_COMMAND)),
        ),
    ),
)


def commands(hr_csv: Path) -> dict[str, list[str]]:
    """The whole ``orgmodel validate`` of ``hr_csv``, a Python process that
    only reads the same file with the csv module, and one that only imports
    what the command uses (its modules load when ``orgmodel.cli.main`` is
    imported; only the resources it reads come later), by the figure each gives."""
    return {
        VALIDATE_COMMAND: [sys.executable, "-m", "orgmodel.cli", "validate", str(hr_csv)],
        IMPORTS_COMMAND: [sys.executable, "-c", "import orgmodel.cli.main"],
        READ_CSV_COMMAND: [
            sys.executable,
            "-c",
            f"import csv; list(csv.reader(open({str(hr_csv)!r})))",
        ],
    }


def command_environment(bytecode: Path) -> dict[str, str]:
    """The environment the commands run in: this one, but with Python's compiled
    modules kept under ``bytecode``, as they are on a user's machine (pip
    compiles them; a first run writes them). Where PYTHONDONTWRITEBYTECODE is
    set, as on the machine the bench was written on, every run of the command
    compiled every module of the app anew: some 50 ms of the 0.45 s figure,
    a cost no user pays and the csv module, compiled already, did not."""
    environment = {**os.environ, "PYTHONPYCACHEPREFIX": str(bytecode)}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def run_command(command: list[str], environment: Mapping[str, str] | None = None) -> None:
    """Run one of :func:`commands` to its end; a failure is no figure."""
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment
    )
    if done.returncode not in (0, 1):  # 1: the chart has error findings
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")


def target_table(results: Results) -> tuple[list[str], list[str]]:
    """The table's lines, and a line for each target missed."""
    lines = [f"{'target (issue 15)':<64} {'figure':>10} {'target':>9}"]
    missed = []
    for target in TARGETS:
        figure = target.figure(results)
        met = figure <= target.limit
        shown = "-" if math.isnan(figure) else f"{figure:.3f}{target.unit}"
        limit = f"≤ {target.limit:g}{target.unit}"
        lines.append(f"{target.measure:<64} {shown:>10} {limit:>9}  {'met' if met else 'MISSED'}")
        if target.floor is not None:
            text, part = target.floor
            figure = part(results)
            lines.append(
                f"{text:<64} {'-' if math.isnan(figure) else f'{figure:.3f}{target.unit}':>10}"
            )
        if not met:
            missed.append(f"{target.measure}: {shown} (target {limit})")
    return lines, missed
