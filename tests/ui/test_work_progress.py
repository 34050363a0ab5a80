"""Long work on the GUI thread (an opening, an edit, a fold of a big chart) tells
its steps in the status bar once it has run half a second, and the status bar
is clear again once the work is over (see ui.work_progress)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from bench.generate import generate_chart
from orgmodel.fileformat import save_chart
from orgmodel.hierarchy import forest
from ui.main_window import MainWindow

from .conftest import Dialogs

ROLES = 5_000


@pytest.fixture(scope="module")
def big_chart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "company.orgm"
    save_chart(generate_chart(ROLES), path)
    return path


def told(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None]]:
    """What the status bar shows at each repaint of it made in the middle of
    work: the label's text and the bar's value (None while the bar is hidden)."""
    progress, status_bar = window.work_progress, window.statusBar()
    real_repaint = status_bar.repaint
    shown: list[tuple[str, int | None]] = []

    def repaint() -> None:
        bar = progress.bar.value() if progress.bar.isVisible() else None
        shown.append((progress.label.text() if progress.label.isVisible() else "", bar))
        real_repaint()

    monkeypatch.setattr(status_bar, "repaint", repaint)
    return shown


def test_opening_a_big_chart_tells_each_step_and_how_many_cards_are_drawn(
    window: MainWindow, big_chart: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window.work_progress.show_after_ms = 0  # every step shows, however fast the machine
    shown = told(window, monkeypatch)
    window.files.open_path(big_chart)
    # The cards are made when drawn, or after the first paint (ui.making_later).
    assert shown == [
        ("Reading company.orgm…", None),
        ("Checking the rules…", None),
        ("Laying out the chart…", None),
        ("Placing cards and lines…", None),
    ]
    # The event loop runs once the opening is over: the status bar is clear.
    qtbot.waitUntil(lambda: not window.work_progress.label.isVisible())
    assert not window.work_progress.bar.isVisible()
    # Every card asked for before they are all made: the rest are made at once, told.
    waiting = window.scene.cards_waiting_to_be_made()
    assert waiting > ROLES / 2
    shown.clear()
    window.select_all_action.trigger()
    assert shown == [
        (f"Drawing cards: {done:,} of {waiting:,}…", done) for done in range(0, waiting, 2000)
    ]
    assert window.work_progress.bar.maximum() == waiting
    assert len(window.scene.selected_role_ids()) == ROLES
    qtbot.waitUntil(lambda: not window.work_progress.label.isVisible())


def test_an_edit_its_undo_and_a_fold_tell_their_steps(
    window: MainWindow, big_chart: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    window.files.open_path(big_chart)
    qtbot.waitUntil(lambda: not window.scene.cards_waiting_to_be_made())
    window.work_progress.show_after_ms = 0
    shown = told(window, monkeypatch)
    chart = window.document.chart
    top = chart.derived(forest)[None][0]
    mover = chart.roles[-1]
    leader = next(r for r in chart if r.manager == top.id and r.id not in (mover.id, mover.manager))
    window.edits.move_roles([mover.id], leader.id)
    edit = ["Checking the rules…", "Laying out the chart…", "Placing cards and lines…"]
    assert [text for text, _bar in shown] == edit
    qtbot.waitUntil(lambda: not window.work_progress.label.isVisible())
    shown.clear()
    window.document.undo_stack.undo()
    assert [text for text, _bar in shown] == edit
    shown.clear()
    window.scene.toggle_collapsed(top.id)  # every card but the top one folds away
    assert [text for text, _bar in shown] == [
        "Laying out the chart…",
        "Taking cards away: 0 of 4,999…",
        "Taking cards away: 2,000 of 4,999…",
        "Taking cards away: 4,000 of 4,999…",
        "Placing cards and lines…",
    ]
    shown.clear()
    window.scene.toggle_collapsed(top.id)  # and every card shows again
    assert shown[0] == ("Laying out the chart…", None)
    assert ("Drawing cards: 2,000 of 5,000…", 2000) in shown


def test_work_quicker_than_the_threshold_shows_nothing(
    window: MainWindow, big_chart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.work_progress.show_after_ms = 3_600_000
    shown = told(window, monkeypatch)
    window.files.open_path(big_chart)
    chart = window.document.chart
    window.edits.move_roles([chart.roles[-1].id], chart.roles[1].id)
    assert shown == []
    assert not window.work_progress.label.isVisible()


def test_a_file_named_at_start_opens_in_the_window_on_screen(
    samples: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    """Opened before the window is on screen, a big chart left it blank for the
    seconds it took, with nothing to tell how far it had come."""
    from PySide6.QtCore import QSettings

    from ui.app import open_at_start, when_on_screen

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, autosave_folder=tmp_path / "autosave")
    qtbot.addWidget(window)
    on_screen: list[bool] = []

    def start() -> None:
        handle = window.windowHandle()
        on_screen.append(handle is not None and handle.isExposed())
        open_at_start(window, [str(samples / "enterprise.orgm")])

    when_on_screen(window, start)
    qtbot.wait(100)
    assert on_screen == [], "the window is not on screen yet"
    window.show()
    qtbot.waitUntil(lambda: bool(on_screen))
    assert on_screen == [True]
    assert window.document.path == samples / "enterprise.orgm"
    window.document.undo_stack.setClean()


def test_while_work_shows_its_progress_the_chart_view_does_not_paint(
    window: MainWindow, big_chart: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    """Painting the status bar at once paints whatever else is due: the chart's
    view, painted so, met a scene half brought up to date and once crashed.
    A panel paints from what it was last given: it is not held back (held, it
    was left blank for the rest of the work)."""
    from PySide6.QtCore import QEvent, QObject

    painted: dict[str, list[bool]] = {"view": [], "panel": []}

    class Paints(QObject):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted[self.name].append(window.work_progress.label.isVisible())
            return False

    view_paints, panel_paints = Paints("view"), Paints("panel")
    window.view.viewport().installEventFilter(view_paints)
    window.findings.viewport().installEventFilter(panel_paints)
    status_bar = window.statusBar()
    real_repaint = status_bar.repaint

    def repaint() -> None:
        window.view.viewport().update()  # both are due to be painted too
        window.findings.viewport().update()
        real_repaint()

    monkeypatch.setattr(status_bar, "repaint", repaint)
    window.work_progress.show_after_ms = 0
    window.files.open_path(big_chart)
    assert painted["view"] == [], "the view did not paint while the work was told"
    assert True in painted["panel"], "the findings panel did"
    qtbot.waitUntil(lambda: bool(painted["view"]))
    assert painted["view"] == [False] * len(painted["view"]), "the view painted after"


def test_work_told_just_before_its_window_goes_leaves_nothing_to_run_after(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """The status bar is cleared when the event loop runs next: not once the
    window is gone (that would touch a deleted label)."""
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, autosave_folder=tmp_path / "autosave")
    window.work_progress.show_after_ms = 0
    window.work_progress.step("Checking the rules")
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait(20)  # the event loop runs: an exception here fails the test


def test_deleting_every_role_tells_how_many_cards_are_taken_away(
    window: MainWindow, big_chart: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    """Qt takes some 10 µs to take a card out of the scene: all 50,000 took
    half a second, and more with the rest of the deletion."""
    window.files.open_path(big_chart)
    window.work_progress.show_after_ms = 0
    shown = told(window, monkeypatch)
    window.scene.select_roles([role.id for role in window.document.chart])
    window.delete_action.trigger()
    assert len(window.document.chart) == 0 and not window.scene.cards
    assert ("Taking cards away: 2,000 of 5,000…", 2000) in shown
    assert ("Taking cards away: 4,000 of 5,000…", 4000) in shown


def test_a_start_waiting_for_a_window_that_goes_does_nothing(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.app import when_on_screen

    called: list[bool] = []
    widget = QWidget()  # never shown
    when_on_screen(widget, lambda: called.append(True))
    widget.deleteLater()
    qtbot.wait(100)  # several looks; an exception here fails the test
    assert called == []


def test_a_deletion_lets_the_window_draw_again_after_its_question_before_the_work(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch, dialogs: Dialogs
) -> None:
    """The window draws nothing of its chart while long work runs: what the
    closed question covered is drawn first, not left as the question's picture."""
    from PySide6.QtCore import QEvent, QObject

    window.files.open_path(samples / "enterprise.orgm")
    order: list[str] = []

    class Paints(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                order.append("paint")
            return False

    paints = Paints()
    window.view.viewport().installEventFilter(paints)
    real_perform = window.document.perform

    def perform(*args: object, **kwargs: object) -> bool:
        order.append("edit")
        return real_perform(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(window.document, "perform", perform)
    real_question = dialogs.question

    def question(*args: object) -> object:
        window.view.viewport().update()  # the closed question's place, to draw again
        return real_question(*args)

    monkeypatch.setattr(QMessageBox, "question", question)
    window.scene.select_roles([window.document.chart.roles[-1].id])
    window.delete_action.trigger()
    assert order[:2] == ["paint", "edit"]
