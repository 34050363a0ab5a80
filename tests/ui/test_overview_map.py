"""The overview map's size: a small corner of the canvas, never a quarter of it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize

from bench.generate import generate_chart
from ui.document import ChartDocument
from ui.main_window import MainWindow
from ui.minimap import LONGEST_SIDE, SHORTEST_SIDE, VIEW_FRACTION, minimap_size


def test_the_map_takes_a_fraction_of_each_side_of_the_canvas_capped_in_pixels() -> None:
    square = QRectF(0, 0, 1000, 1000)
    small = minimap_size(square, QSize(800, 600))
    assert small == QSize(150, 150)  # a quarter of the shorter side: 1/16 of its height
    large = minimap_size(square, QSize(2400, 1600))
    assert large == QSize(LONGEST_SIDE, LONGEST_SIDE)
    wide = minimap_size(QRectF(0, 0, 9000, 2000), QSize(800, 600))
    assert wide is not None
    assert wide.width() == 200 and wide.height() == round(2000 * 200 / 9000)
    strip = minimap_size(QRectF(0, 0, 9000, 100), QSize(800, 600))
    assert strip == QSize(200, SHORTEST_SIDE)  # still tall enough to click
    tall = minimap_size(QRectF(0, 0, 500, 2000), QSize(800, 600))
    assert tall == QSize(38, 150)
    # A canvas too small to spare a usable map shows none.
    assert minimap_size(square, QSize(300, 200)) is None


def test_on_an_800_pixel_canvas_the_map_covers_a_sixteenth_at_most(window: MainWindow) -> None:
    window.resize(800 + window.width() - window.view.viewport().width(), 900)
    window.set_document(ChartDocument(generate_chart(200)))
    view, minimap = window.view, window.view.minimap
    canvas = view.viewport().size()
    assert canvas.width() == 800
    assert minimap.isVisible()
    assert minimap.width() <= canvas.width() * VIEW_FRACTION
    assert minimap.height() <= canvas.height() * VIEW_FRACTION
    assert minimap.width() * minimap.height() <= canvas.width() * canvas.height() / 16
    assert view.viewport().geometry().contains(minimap.geometry())
    # A narrower window: the map shrinks with the canvas, in its corner still.
    window.resize(window.width() - 400, window.height())
    assert view.viewport().width() < 600
    assert minimap.isVisible()
    assert minimap.width() <= view.viewport().width() * VIEW_FRACTION
    assert view.viewport().geometry().contains(minimap.geometry())
