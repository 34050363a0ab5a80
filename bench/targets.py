"""The speed targets of an edit at any size (issue 15), as one table beside the figures.

``python -m bench.run`` measures; this module says which figure each target
reads and prints the table. The command-line figure is timed here: the
whole ``orgmodel validate`` of a CSV, interpreter start included, against a
Python that only reads the same CSV.
"""

from __future__ import annotations

import math
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from attrs import frozen

from bench import app

VALIDATE_COMMAND = "validate command"
READ_CSV_COMMAND = "read csv command"
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
    ),
)


def command_seconds(hr_csv: Path, runs: int) -> dict[str, float]:
    """Median wall time of the whole ``orgmodel validate`` of ``hr_csv``, and of
    a Python process that reads the same file with the csv module."""
    validate = [sys.executable, "-m", "orgmodel.cli", "validate", str(hr_csv)]
    read = [sys.executable, "-c", f"import csv; list(csv.reader(open({str(hr_csv)!r})))"]
    return {
        VALIDATE_COMMAND: _median_wall(validate, runs),
        READ_CSV_COMMAND: _median_wall(read, runs),
    }


def _median_wall(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        timings.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # 1: the chart has error findings
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return sorted(timings)[len(timings) // 2]


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
        if not met:
            missed.append(f"{target.measure}: {shown} (target {limit})")
    return lines, missed
