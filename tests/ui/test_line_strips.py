"""A line across strips is cut into each strip's path only when that strip is
asked for; the pieces, however asked for, still make up the whole line."""

from __future__ import annotations

import itertools
import math
import operator
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from ui.chart_lines import LinesItem, _Strips, dash_period

coordinate = st.floats(min_value=-50_000, max_value=50_000, allow_nan=False).map(
    lambda value: round(value, 1)
)


def pieces(strips: _Strips, order: list[int]) -> dict[int, list[tuple[float, ...]]]:
    """Each strip's (x0, y0, x1, y1) pieces, the strips asked for in ``order``."""
    found: dict[int, list[tuple[float, ...]]] = {}
    for strip in order:
        path = strips.path(strip)
        found[strip] = []
        for index in range(path.elementCount()):
            element = path.elementAt(index)
            if element.isMoveTo():  # Qt leaves out a line to where it is (a piece of length 0)
                found[strip].append((element.x, element.y, element.x, element.y))
            else:
                found[strip][-1] = (*found[strip][-1][:2], element.x, element.y)
    return found


@settings(max_examples=300, deadline=None)
@given(
    x0=coordinate,
    y0=coordinate,
    x1=coordinate,
    y1=coordinate,
    width=st.sampled_from([100.0, 8000.0]),
    dashed=st.booleans(),
    backwards=st.booleans(),
)
def test_the_pieces_of_a_line_join_up_in_strip_order(
    qapp: object,
    x0: float,
    y0: float,
    x1: float,
    y1: float,
    width: float,
    dashed: bool,
    backwards: bool,
) -> None:
    assume(int(x0 // width) != int(x1 // width))  # within one strip: drawn at once
    period = 8.4 if dashed else 0.0
    strips = _Strips(width, period)
    strips.line(x0, y0, x1, y1)
    bounds = strips.strips()
    order = sorted(bounds, reverse=backwards)  # any order of asking gives the same pieces
    found = pieces(strips, order)
    assert all(found[strip] for strip in bounds)  # no strip without a piece of the line
    assert strips.paths.keys() == bounds.keys()
    along = sorted(found, reverse=x1 < x0)
    chain = [piece for strip in along for piece in found[strip]]
    assert chain[0][:2] == pytest.approx((x0, y0), abs=1e-6)
    assert chain[-1][2:] == pytest.approx((x1, y1), abs=1e-6)
    for before, after in itertools.pairwise(chain):
        assert after[:2] == pytest.approx(before[2:], abs=1e-6)  # they meet
    for strip, strip_pieces in found.items():
        band_left, band_right = strip * width - period - 1e-6, (strip + 1) * width + period + 1e-6
        for piece in strip_pieces:
            assert band_left <= min(piece[0], piece[2]) and max(piece[0], piece[2]) <= band_right
            rect = bounds[strip]
            assert rect.left() - 1e-6 <= min(piece[0], piece[2])
            assert max(piece[1], piece[3]) <= rect.bottom() + 1e-6
    if dashed:  # every piece but the last starts a dash pattern anew where the last left off
        for piece in chain[:-1]:
            travelled = math.hypot(piece[2] - x0, piece[3] - y0)
            assert travelled / period == pytest.approx(round(travelled / period), abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(st.tuples(coordinate, coordinate, coordinate, coordinate), max_size=8),
    dashed=st.booleans(),
)
def test_many_lines_have_the_strips_each_would_have_alone(
    qapp: object, lines: list[tuple[float, float, float, float]], dashed: bool
) -> None:
    period = 8.4 if dashed else 0.0
    together = _Strips(100.0, period)
    alone: set[int] = set()
    for line in lines:
        together.line(*line)
        one = _Strips(100.0, period)
        one.line(*line)
        alone |= one.strips().keys()
    assert together.strips().keys() == alone
    assert together.paths.keys() <= alone


def _drawn(item: LinesItem, where: QRectF, exposed: QRectF) -> QImage:
    """``where`` of the scene as the item paints it, told ``exposed`` is all that shows."""
    image = QImage(int(where.width()), int(where.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(-where.topLeft())
    option = QStyleOptionGraphicsItem()
    option.exposedRect = exposed
    item.paint(painter, option)
    painter.end()
    return image


@pytest.mark.parametrize("seed", range(4))
def test_a_strip_painted_where_exposed_looks_as_painted_whole(qapp: object, seed: int) -> None:
    """Lines are cut to the part of the window being painted, at whole dash
    periods: the dashes fall where they fall on the whole line."""
    rng = random.Random(seed)
    pen = QPen(QColor("black"), 1.4, Qt.PenStyle.DashLine)
    strips = _Strips(8000.0, dash_period(pen))
    for _ in range(60):
        x0, y0 = rng.uniform(0, 8000), rng.uniform(0, 3000)
        if rng.random() < 0.3:  # a loop-closing line runs at a slant
            strips.line(x0, y0, rng.uniform(0, 8000), rng.uniform(0, 3000))
        elif rng.random() < 0.5:
            strips.line(x0, y0, rng.uniform(0, 8000), y0)
        else:
            strips.line(x0, y0, x0, rng.uniform(0, 3000))
    item = LinesItem(pen, 0)
    item.show_lines(lambda: strips.lines(0), strips.strips()[0])
    where = QRectF(rng.uniform(0, 7000), rng.uniform(0, 2500), 700, 500)
    part = _drawn(item, where, where)
    whole = _drawn(item, where, QRectF())  # an empty exposed rect: all of it
    # A line's end recomputed may round a smoothed pixel's shade by a level or two.
    assert max(map(abs, map(operator.sub, _shades(part), _shades(whole)))) <= 3
    assert part != _drawn(LinesItem(pen, 0), where, where)  # something is drawn there


def _shades(image: QImage) -> bytes:
    return bytes(image.constBits())
