"""Finding your way around a chart: it opens legible, Ctrl+0 shows it whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QKeySequence

from bench.generate import generate_chart
from orgmodel.model import Chart
from ui.canvas import TEXT_LOD, ChartView
from ui.document import ChartDocument
from ui.main_window import MainWindow


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
