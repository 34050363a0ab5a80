from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ui.canvas import ROLE_KIND_MIME, ChartView
from ui.main_window import MainWindow


class Dialogs:
    """Stands in for the message boxes: records what was said, answers as told."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def question(self, _parent: object, title: str, text: str, *_args: object) -> object:
        self.said.append((title, text))
        return self.answer

    def tell(self, _parent: object, title: str, text: str, *_args: object) -> object:
        self.said.append((title, text))
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    recorder = Dialogs()
    monkeypatch.setattr(QMessageBox, "question", recorder.question)
    monkeypatch.setattr(QMessageBox, "warning", recorder.tell)
    monkeypatch.setattr(QMessageBox, "critical", recorder.tell)
    monkeypatch.setattr(QMessageBox, "information", recorder.tell)
    return recorder


WindowFactory = Callable[[], MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, tmp_path: Path, dialogs: Dialogs) -> Iterator[WindowFactory]:
    """New windows sharing one settings file and autosave folder, as one user's would."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, autosave_folder=tmp_path / "autosave")
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        # Nobody is there to answer "save changes?" when the test closes them.
        window.document.undo_stack.setClean()


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    return make_window()


def card_point(view: ChartView, role_id: str) -> QPoint:
    card = view.chart_scene.card(role_id)
    assert card is not None
    return view.mapFromScene(card.scene_card_rect().center())


def drop_kind(view: ChartView, kind_id: str, at: QPoint) -> None:
    """What a drag from the palette delivers to the canvas when released at ``at``."""
    mime = QMimeData()
    mime.setData(ROLE_KIND_MIME, kind_id.encode())
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(view.viewport(), drop)


def drag_mouse(view: ChartView, start: QPoint, end: QPoint, steps: int = 6) -> None:
    """Press on ``start``, move in steps with the button held, release on ``end``."""
    viewport = view.viewport()
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    keys = Qt.KeyboardModifier.NoModifier

    def send(
        kind: QMouseEvent.Type, point: QPointF, button: Qt.MouseButton, held: Qt.MouseButton
    ) -> None:
        global_point = QPointF(viewport.mapToGlobal(point.toPoint()))
        event = QMouseEvent(kind, point, global_point, button, held, keys)
        QApplication.sendEvent(viewport, event)

    send(QMouseEvent.Type.MouseButtonPress, QPointF(start), left, left)
    for step in range(1, steps + 1):
        point = QPointF(start) + (QPointF(end) - QPointF(start)) * (step / steps)
        send(QMouseEvent.Type.MouseMove, point, none, left)
    send(QMouseEvent.Type.MouseButtonRelease, QPointF(end), left, none)
