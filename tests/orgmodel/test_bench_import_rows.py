"""The bench's opt-in large-import figure (`python -m bench.run --import-rows N`)
imports every row it wrote and reports a time and a peak memory."""

from __future__ import annotations

import pytest

from bench.run import PEAK, import_rows_figure


def test_the_import_rows_figure_reads_every_row(capsys: pytest.CaptureFixture[str]) -> None:
    figures = import_rows_figure(300)
    assert figures["roles"] == 300
    assert figures["import csv"] > 0
    assert figures[PEAK] > 0
    printed = capsys.readouterr().out
    assert "import csv of 300 rows:" in printed
    assert "300 roles, peak" in printed
