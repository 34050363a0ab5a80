"""An import tells how far it has got after each step, and stops where it is told to."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.importing.progress import IMPORT_STEPS, ImportCancelled
from orgmodel.open_chart import read_chart


@pytest.mark.parametrize("name", ["enterprise.csv", "hr-export-workday.csv"])
def test_every_step_is_told_in_order_and_the_chart_is_the_same(samples: Path, name: str) -> None:
    told: list[tuple[int, int]] = []

    def go_on(done: int, total: int) -> bool:
        told.append((done, total))
        return True

    loaded = read_chart(samples / name, progress=go_on)
    assert told == [(step, IMPORT_STEPS) for step in range(1, IMPORT_STEPS + 1)]
    assert loaded == read_chart(samples / name)


@pytest.mark.parametrize("stop_at", [1, 4, IMPORT_STEPS])
def test_answering_no_stops_the_import_at_that_step(samples: Path, stop_at: int) -> None:
    told: list[int] = []

    def until(done: int, _total: int) -> bool:
        told.append(done)
        return done < stop_at

    with pytest.raises(ImportCancelled):
        read_chart(samples / "enterprise.csv", progress=until)
    assert told == list(range(1, stop_at + 1))


def test_a_chart_file_is_opened_without_import_steps(samples: Path) -> None:
    told: list[int] = []
    read_chart(samples / "enterprise.orgm", progress=lambda done, _total: bool(told.append(done)))
    assert told == []
