"""`make bench` prints issue 15's targets beside the figures and names each one missed."""

from __future__ import annotations

import math

from bench.targets import COMMAND_ROWS, READ_CSV_COMMAND, TARGETS, VALIDATE_COMMAND, target_table


def test_each_target_is_read_from_its_figure_and_a_missed_one_is_named() -> None:
    results = {
        "10000": {
            "edit to updated findings": 0.04,
            "delete 5000": 0.7,
            VALIDATE_COMMAND: 0.2,
            READ_CSV_COMMAND: 0.1,
        },
        "50000": {
            "edit to updated findings": 0.1,
            "app open to first paint": 2.5,
            "app peak MB": 450.0,
        },
    }
    lines, missed = target_table(results)
    assert len(lines) == len(TARGETS) + 1
    assert missed == [
        "the two, 50,000 over 10,000: 2.500x (target ≤ 2x)",
        "delete 5,000 selected roles to repaint: 0.700s (target ≤ 0.5s)",
    ]
    assert COMMAND_ROWS == 10_000


def test_a_figure_not_measured_is_a_miss_not_a_pass() -> None:
    lines, missed = target_table({})
    assert len(missed) == len(TARGETS)
    assert all(line.endswith("MISSED") for line in lines[1:])
    assert all(math.isnan(target.figure({})) for target in TARGETS)
