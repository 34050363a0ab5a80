"""A card's tooltip is read from the card when the pointer rests on it, not set
on every card beforehand (see CardScene.helpEvent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from tests.ui.conftest import card_point
from ui.main_window import MainWindow


def rest_pointer(window: MainWindow, at: QPoint) -> None:
    viewport = window.view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, at, viewport.mapToGlobal(at))
    QApplication.sendEvent(viewport, event)


# A tooltip raises its window, which the offscreen platform says it cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_resting_on_a_card_shows_its_tooltip_and_elsewhere_none(
    window: MainWindow, samples: Path, qtbot: QtBot
) -> None:
    window.files.open_path(samples / "overlaps-and-gaps.orgm")
    QToolTip.hideText()
    role_id, card = next(iter(window.scene.cards.items()))
    window.view.centerOn(card)
    rest_pointer(window, card_point(window.view, role_id))
    assert QToolTip.text() == card.toolTip() == card.content.tooltip
    assert card.content.title in QToolTip.text()
    QToolTip.hideText()
    window.view.centerOn(window.scene.sceneRect().topLeft())  # the margin: no card
    rest_pointer(window, QPoint(2, 2))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())  # Qt hides it after a short delay
    assert window.scene.items(window.view.mapToScene(QPoint(2, 2))) == []
