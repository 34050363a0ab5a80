"""`make bench` prints issue 15's targets beside the figures and names each one missed."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from bench.targets import (
    COMMAND_ROWS,
    IMPORTS_COMMAND,
    READ_CSV_COMMAND,
    TARGETS,
    VALIDATE_COMMAND,
    command_environment,
    run_command,
    target_table,
)


def test_each_target_is_read_from_its_figure_and_a_missed_one_is_named() -> None:
    results = {
        "10000": {
            "edit to updated findings": 0.04,
            "delete 5000": 0.7,
            VALIDATE_COMMAND: 0.2,
            READ_CSV_COMMAND: 0.1,
            IMPORTS_COMMAND: 0.15,
        },
        "50000": {
            "edit to updated findings": 0.1,
            "app open to first paint": 2.5,
            "app peak MB": 450.0,
        },
    }
    lines, missed = target_table(results)
    floors = sum(target.floor is not None for target in TARGETS)
    assert len(lines) == len(TARGETS) + floors + 1
    command_line = next(i for i, line in enumerate(lines) if "orgmodel validate" in line)
    floor_line = lines[command_line + 1]
    assert "importing the command's modules" in floor_line
    assert floor_line.split()[-1] == "1.500x"  # imports over reading, not a target of its own
    assert not floor_line.endswith(("met", "MISSED"))
    assert missed == [
        "the two, 50,000 over 10,000: 2.500x (target ≤ 2x)",
        "delete 5,000 selected roles to repaint: 0.700s (target ≤ 0.5s)",
    ]
    assert COMMAND_ROWS == 10_000


def test_a_figure_not_measured_is_a_miss_not_a_pass() -> None:
    lines, missed = target_table({})
    assert len(missed) == len(TARGETS)
    targets_lines = [line for line in lines[1:] if not line.startswith("  ")]
    assert len(targets_lines) == len(TARGETS)
    assert all(line.endswith("MISSED") for line in targets_lines)
    assert all(math.isnan(target.figure({})) for target in TARGETS)


def test_the_commands_run_with_compiled_modules_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    environment = command_environment(tmp_path / "bytecode")
    assert "PYTHONDONTWRITEBYTECODE" not in environment
    run_command([sys.executable, "-c", "import bench.targets"], environment)
    compiled = list((tmp_path / "bytecode").rglob("targets*.pyc"))
    assert compiled, "the first run keeps what it compiled, for the runs timed after it"
