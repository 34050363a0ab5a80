"""Finding your way around a chart: it opens legible, Ctrl+0 shows it whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeySequence, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bench.generate import generate_chart
from orgmodel.model import Chart
from ui.canvas import TEXT_LOD, ChartView
from ui.document import ChartDocument
from ui.main_window import MainWindow
from ui.minimap import Minimap


def open_chart(window: MainWindow, chart: Chart) -> None:
    window.set_document(ChartDocument(chart))


def visible_scene_rect(view: ChartView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def card_rect(view: ChartView, role_id: str) -> QRectF:
    card = view.chart_scene.cards[role_id]
    return card.mapRectToScene(card.card_rect)


@pytest.mark.parametrize("size", [200, 5_000])
def test_a_big_chart_opens_with_its_top_readable(window: MainWindow, size: int) -> None:
    chart = generate_chart(size)
    open_chart(window, chart)
    view = window.view
    assert view.zoom() >= TEXT_LOD  # card text is drawn
    top = chart.roles[0]
    assert top.manager is None
    assert visible_scene_rect(view).contains(card_rect(view, top.id))
    # Not the whole chart: it would be unreadable so.
    assert not visible_scene_rect(view).contains(view.chart_scene.chart_rect())


def test_ctrl_0_still_shows_the_whole_chart(window: MainWindow) -> None:
    open_chart(window, generate_chart(200))
    view = window.view
    opened_at = view.zoom()
    window.fit_action.trigger()
    assert window.fit_action.shortcut() == QKeySequence("Ctrl+0")
    assert view.zoom() < opened_at
    assert visible_scene_rect(view).contains(view.chart_scene.chart_rect())
    # And zooming out from where it opened goes no further than the fit.
    fitted = view.zoom()
    for _ in range(40):
        view.zoom_out()
    assert view.zoom() == pytest.approx(min(fitted, 0.02), rel=0.01)


def test_a_small_chart_opens_whole_and_readable(window: MainWindow) -> None:
    open_chart(window, generate_chart(8))
    view = window.view
    assert view.zoom() >= TEXT_LOD
    assert visible_scene_rect(view).contains(view.chart_scene.chart_rect())


def test_the_minimap_shows_where_the_view_is_and_a_click_goes_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_chart(window, generate_chart(200))
    view, minimap = window.view, window.view.minimap
    assert minimap.isVisible()
    # Its corner of the canvas, inside the canvas.
    assert view.viewport().geometry().contains(minimap.geometry())
    chart = view.chart_scene.chart_rect()
    target = chart.center() + QPointF(chart.width() / 4, 0)
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=minimap_point(minimap, target))
    centre = visible_scene_rect(view).center()
    tolerance = chart.width() / minimap.width() * 2
    assert abs(centre.x() - target.x()) < tolerance
    # Seeing the whole chart, there is nowhere to go: no minimap.
    window.fit_action.trigger()
    assert not minimap.isVisible()
    view.set_zoom(1.0)
    assert minimap.isVisible()
    window.minimap_action.trigger()  # View ▸ Overview map off
    assert not minimap.isVisible()


def test_dragging_on_the_minimap_moves_the_view_along(window: MainWindow) -> None:
    open_chart(window, generate_chart(200))
    view, minimap = window.view, window.view.minimap
    chart = view.chart_scene.chart_rect()
    start = minimap_point(minimap, chart.center() - QPointF(chart.width() / 4, 0))
    end = minimap_point(minimap, chart.center() + QPointF(chart.width() / 4, 0))
    centres = []
    QTest.mousePress(minimap, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 5):
        point = start + (end - start) * step / 4
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            QPointF(minimap.mapToGlobal(point)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(minimap, move)
        centres.append(visible_scene_rect(view).center().x())
    QTest.mouseRelease(minimap, Qt.MouseButton.LeftButton, pos=end)
    assert centres == sorted(centres) and centres[-1] - centres[0] > chart.width() / 4


def minimap_point(minimap: Minimap, scene_point: QPointF) -> QPoint:
    for x in range(minimap.width()):
        for y in range(minimap.height()):
            found = minimap.scene_point(QPointF(x, y))
            if found.x() >= scene_point.x() and found.y() >= scene_point.y():
                return QPoint(x, y)
    raise AssertionError("the point is not on the minimap")
