"""An import tells how far it has got after each step, and stops where it is told to."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from orgmodel.importing import spreadsheet
from orgmodel.importing.progress import IMPORT_STEPS, ImportCancelled
from orgmodel.open_chart import read_chart
from tests.orgmodel.workbooks import write_xlsx


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


def _workbook(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "people.xlsx",
        {
            "People": [
                ["Employee ID", "Name", "Job Title", "Manager ID"],
                [1, "Ines Varga", "Chief Executive Officer", None],
                [2, "Tomas Ekdahl", "Chief Marketing Officer", 1],
            ]
        },
    )


def test_a_spreadsheet_import_tells_the_same_steps(tmp_path: Path) -> None:
    told: list[int] = []

    def go_on(done: int, _total: int) -> bool:
        told.append(done)
        return True

    loaded = read_chart(_workbook(tmp_path), progress=go_on)
    assert {role.id: role.manager for role in loaded.chart} == {"1": None, "2": "1"}
    # While the reader works the steps done so far (none) may be told again.
    assert set(told[: told.index(1)]) <= {0}
    assert told[told.index(1) :] == list(range(1, IMPORT_STEPS + 1))


def test_a_spreadsheet_reader_no_longer_wanted_is_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel during the read ends the reader's process instead of waiting for it."""
    path = _workbook(tmp_path)
    children: list[subprocess.Popen[bytes]] = []

    class Recorded(subprocess.Popen[bytes]):
        def __init__(self, *args: Any, **options: Any) -> None:
            super().__init__(*args, **options)
            children.append(self)

    # A reader that would answer only after a minute.
    slow = [sys.executable, "-c", "import sys, time; sys.stdin.buffer.read(); time.sleep(60)"]
    monkeypatch.setattr(spreadsheet, "_reader_command", lambda: slow)
    monkeypatch.setattr(spreadsheet.subprocess, "Popen", Recorded)
    asked: list[int] = []

    def wanted_twice(done: int, _total: int) -> bool:
        asked.append(done)
        return len(asked) < 2

    with pytest.raises(ImportCancelled):
        read_chart(path, progress=wanted_twice)
    assert asked == [0, 0]
    assert len(children) == 1 and children[0].returncode == -signal.SIGKILL
