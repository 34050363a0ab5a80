"""An import is read on a worker thread while the window keeps repainting; Cancel
leaves the chart shown as it was, and a finished import is one undoable step."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from bench.generate import generate_chart, write_csv
from orgmodel.errors import ChartReadError
from orgmodel.importing.progress import IMPORT_STEPS, Progress
from orgmodel.model import Chart
from orgmodel.open_chart import LoadedChart, read_chart, table_headers
from tests.orgmodel.workbooks import write_xlsx
from ui import import_dialog, import_run
from ui.import_dialog import NOT_USED, ImportPreviewDialog
from ui.main_window import MainWindow

from .conftest import Dialogs

ROWS = 10_000


@pytest.fixture(scope="module")
def generated() -> Iterator[tuple[Chart, Path]]:
    import tempfile

    chart = generate_chart(ROWS)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        write_csv(chart, path)
        yield chart, path


class HeldImport:
    """``read_chart`` as the window runs it, held at one step until ``release``,
    recording the thread it ran on and what each step was answered."""

    def __init__(self, hold_at: int) -> None:
        self.hold_at = hold_at
        self.reached = threading.Event()
        self.release = threading.Event()
        self.threads: set[int] = set()
        self.answers: list[tuple[int, bool]] = []
        """(steps done, the answer) each time the import told its progress."""
        self.ended = threading.Event()

    def __call__(self, path: Path, *, progress: Progress, **options: Any) -> LoadedChart:
        def held(done: int, total: int) -> bool:
            self.threads.add(threading.get_ident())
            if done == self.hold_at:
                self.reached.set()
                assert self.release.wait(60), "the test never let the import go on"
            answer = progress(done, total)
            self.answers.append((done, answer))
            return answer

        try:
            return read_chart(path, progress=held, **options)
        finally:
            self.ended.set()


class Paints(QObject):
    """Counts the paint events a widget gets."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def while_importing(action: Callable[[], None]) -> QTimer:
    """Run ``action`` in the GUI thread every few milliseconds until stopped."""
    timer = QTimer()
    timer.timeout.connect(action)
    timer.start(10)
    return timer


def visible_progress() -> QProgressDialog | None:
    shown = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QProgressDialog) and widget.isVisible()
    ]
    return shown[0] if shown else None


def cancel_once_shown(seen: list[str]) -> Callable[[], None]:
    """Press the progress dialog's Cancel once it shows, noting its label in ``seen``."""

    def cancel() -> None:
        dialog = visible_progress()
        if dialog is None or seen:
            return
        seen.append(dialog.labelText())
        assert QApplication.overrideCursor() is not None  # busy meanwhile
        button = dialog.findChild(QPushButton)
        assert button is not None and button.text() == "Cancel"
        button.click()

    return cancel


def test_a_large_import_runs_on_a_worker_while_the_window_repaints(
    window: MainWindow,
    generated: tuple[Chart, Path],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    chart, path = generated
    held = HeldImport(hold_at=3)
    monkeypatch.setattr(import_run, "read_chart", held)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 1)
    paints = Paints()
    window.view.viewport().installEventFilter(paints)
    painted_while_held: list[int] = []

    def repaint_while_held() -> None:
        if held.reached.is_set() and not held.release.is_set():
            if not painted_while_held:
                painted_while_held.append(paints.count)
                window.view.viewport().update()
            elif paints.count > painted_while_held[0]:
                held.release.set()  # the window repainted while the import was held

    ticking = while_importing(repaint_while_held)
    try:
        assert window.open_path(path, ask_to_save=False)
    finally:
        ticking.stop()
        held.release.set()
    assert held.threads and threading.get_ident() not in held.threads
    assert held.answers == [(step, True) for step in range(1, IMPORT_STEPS + 1)]
    assert painted_while_held and paints.count > painted_while_held[0]

    imported = window.document.chart
    assert len(imported) == ROWS
    assert {role.id: role.manager for role in imported} == {role.id: role.manager for role in chart}
    assert {role.id: role.title for role in imported} == {role.id: role.title for role in chart}
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Import people.csv"
    assert window.isWindowModified() and window.document.path is None
    assert QApplication.overrideCursor() is None
    window.undo_action.trigger()
    assert len(window.document.chart) == 0


def test_cancel_leaves_the_chart_shown_with_no_undo_step(
    window: MainWindow,
    samples: Path,
    generated: tuple[Chart, Path],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    _chart, path = generated
    window.open_path(samples / "enterprise.orgm")
    document, before = window.document, window.document.chart
    assert document.undo_stack.count() == 0
    held = HeldImport(hold_at=2)
    monkeypatch.setattr(import_run, "read_chart", held)
    previews: list[ImportPreviewDialog] = []
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: previews.append(dialog) or 1)
    seen: list[str] = []
    ticking = while_importing(cancel_once_shown(seen))
    try:
        assert not window.open_path(path, ask_to_save=False)
    finally:
        ticking.stop()
        held.release.set()
    assert seen == ["Importing people.csv…"]
    assert window.document is document and window.document.chart is before
    assert document.undo_stack.count() == 0 and not window.isWindowModified()
    assert window.document.path == samples / "enterprise.orgm"
    assert not previews
    assert "Import cancelled" in window.statusBar().currentMessage()
    assert QApplication.overrideCursor() is None
    # The worker stops at its next step: told to stop, it reads no further.
    qtbot.waitUntil(held.ended.is_set)
    assert held.answers == [(1, True), (2, False)]


def test_an_unreadable_file_is_reported_as_before(
    window: MainWindow,
    samples: Path,
    tmp_path: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.open_path(samples / "enterprise.orgm")
    before = window.document.chart
    broken = tmp_path / "people.csv"
    broken.write_bytes(b"\x00\x01\x02 binary, not an export\x00" * 50)
    with pytest.raises(ChartReadError) as read_directly:
        read_chart(broken)
    threads: list[int] = []

    def read_and_note(path: Path, **options: Any) -> LoadedChart:
        threads.append(threading.get_ident())
        return read_chart(path, **options)

    monkeypatch.setattr(import_run, "read_chart", read_and_note)
    assert not window.open_path(broken, ask_to_save=False)
    assert threads and threads[0] != threading.get_ident()
    assert dialogs.said[-1] == ("Cannot import", str(read_directly.value))
    assert window.document.chart is before
    assert window.document.undo_stack.count() == 0
    assert QApplication.overrideCursor() is None


def test_reading_again_in_the_preview_is_on_the_worker_and_can_be_cancelled(
    samples: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    path = samples / "hr-export-workday.csv"
    loaded = read_chart(path)
    dialog = ImportPreviewDialog(loaded.report, path)
    qtbot.addWidget(dialog)
    held = HeldImport(hold_at=2)
    monkeypatch.setattr(import_run, "read_chart", held)
    seen: list[str] = []
    ticking = while_importing(cancel_once_shown(seen))
    try:
        assert not dialog.reread()
    finally:
        ticking.stop()
        held.release.set()
    assert seen == ["Importing hr-export-workday.csv…"]
    assert dialog.report is loaded.report  # as last read
    assert dialog._import.isEnabled()
    assert "cancelled" in dialog.problem.text()
    qtbot.waitUntil(held.ended.is_set)
    assert held.answers == [(1, True), (2, False)]

    again = HeldImport(hold_at=0)  # never held
    monkeypatch.setattr(import_run, "read_chart", again)
    dialog.choosers["department"].setCurrentText(NOT_USED)
    assert dialog.reread()
    assert again.threads and threading.get_ident() not in again.threads
    assert dialog.report is not loaded.report and not dialog.problem.text()
    assert "department" not in dialog.report.columns


def test_a_cancelled_sheet_choice_keeps_the_sheet_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    path = write_xlsx(
        tmp_path / "headcount.xlsx",
        {
            "Employees": [
                ["Employee ID", "Name", "Job Title", "Manager ID"],
                [1001, "Ines Varga", "Chief Executive Officer", None],
                [1002, "Tomas Ekdahl", "Chief Marketing Officer", 1001],
            ],
            "Contractors": [
                ["Worker ID", "Full Name", "Role", "Supervisor ID"],
                ["C-1", "Gunnar Holm", "Chief Operating Officer", None],
            ],
        },
    )
    loaded = read_chart(path)
    dialog = ImportPreviewDialog(loaded.report, path)
    qtbot.addWidget(dialog)
    held = HeldImport(hold_at=1)
    monkeypatch.setattr(import_run, "read_chart", held)
    seen: list[str] = []
    ticking = while_importing(cancel_once_shown(seen))
    try:
        dialog.sheets.setCurrentText("Contractors")  # the user picks a sheet
    finally:
        ticking.stop()
        held.release.set()
    assert seen == ["Importing headcount.xlsx…"]
    assert dialog.sheets.currentText() == "Employees" and dialog.sheet is None
    assert dialog.report is loaded.report
    qtbot.waitUntil(held.ended.is_set)
    # While the reader works, no step done yet is told again (and answered).
    assert held.answers[-1] == (1, False)
    assert set(held.answers[:-1]) <= {(0, True)}


def test_the_preview_offers_the_columns_without_reading_the_file_again(
    samples: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    path = samples / "hr-export-workday.csv"
    loaded = read_chart(path)
    assert loaded.report is not None

    def no_second_read(*_args: object) -> list[str]:
        raise AssertionError("the file was read again for its headers")

    monkeypatch.setattr(import_dialog, "table_headers", no_second_read)
    dialog = ImportPreviewDialog(loaded.report, path)
    qtbot.addWidget(dialog)
    chooser = dialog.choosers["department"]
    offered = [chooser.itemText(i) for i in range(chooser.count())]
    assert offered == [NOT_USED, *table_headers(path)]
    assert chooser.currentText() == "Supervisory Organization"


def test_compare_with_an_export_reads_it_on_the_worker(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window.open_path(samples / "enterprise.orgm")
    held = HeldImport(hold_at=2)
    monkeypatch.setattr(import_run, "read_chart", held)
    seen: list[str] = []
    ticking = while_importing(cancel_once_shown(seen))
    try:
        assert not window.reorg.compare_with_path(samples / "enterprise.csv")
    finally:
        ticking.stop()
        held.release.set()
    assert seen == ["Importing enterprise.csv…"]
    assert window.reorg.session is None
    qtbot.waitUntil(held.ended.is_set)
    assert held.answers == [(1, True), (2, False)]

    again = HeldImport(hold_at=0)  # never held
    monkeypatch.setattr(import_run, "read_chart", again)
    assert window.reorg.compare_with_path(samples / "enterprise.csv")
    assert again.threads and threading.get_ident() not in again.threads
    assert window.reorg.session is not None


def test_the_window_stays_open_while_an_import_into_it_runs(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldImport(hold_at=1)
    monkeypatch.setattr(import_run, "read_chart", held)
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 0)
    closed: list[bool] = []

    def close_while_held() -> None:
        if held.reached.is_set() and not closed:
            closed.append(window.close())
            held.release.set()

    ticking = while_importing(close_while_held)
    try:
        assert not window.open_path(samples / "enterprise.csv", ask_to_save=False)
    finally:
        ticking.stop()
        held.release.set()
    assert closed == [False] and window.isVisible()
    assert window.close()  # afterwards it closes as before
