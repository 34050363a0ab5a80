"""Reporting lines as strips of path items, so a view strokes only the lines near it."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import pairwise

from PySide6.QtCore import QRectF
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgmodel.layout import Layout, LayoutOptions, dotted_route
from orgmodel.model import Chart
from ui.card_item import BLOCK_LOD, CardScene

LINE_STRIP_WIDTH = 8000.0
"""Lines are kept in vertical strips this wide (scene units), one path item
each, so a view strokes only the strips it shows: Qt strokes a whole path
even when most of it lies outside the window."""
DOTTED_STRIP_WIDTH = LINE_STRIP_WIDTH
"""Dotted lines run level across the chart, cut where they cross a strip's
edge. Dashes are dear to stroke: in strips as narrow as the solid lines', a
view strokes only the dashes near it (at 50,000 roles a repaint went from
0.2 s to 0.05 s)."""


class LinesItem(QGraphicsPathItem):
    """One strip of reporting lines. In the overview they are hairlines without
    antialiasing: stroking and smoothing thousands of sub-pixel lines would
    cost more than painting all the cards."""

    def __init__(self, pen: QPen, z: float, *, hidden_far_out: bool = False) -> None:
        super().__init__()
        self.setPen(pen)
        self.setZValue(z)
        self._bounds = QRectF()
        self.hidden_far_out = hidden_far_out

    def show_path(self, path: QPainterPath) -> None:
        self.prepareGeometryChange()
        self.setPath(path)
        margin = self.pen().widthF()
        self._bounds = path.controlPointRect().adjusted(-margin, -margin, margin, margin)

    def boundingRect(self) -> QRectF:
        # Qt's own bounding rect of a path item is that of its (stroked) shape.
        return self._bounds

    def shape(self) -> QPainterPath:
        # Lines take no clicks; Qt's default shape strokes the whole path on every hit test.
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.scene()
        full_detail = isinstance(scene, CardScene) and scene.full_detail
        if full_detail or option.levelOfDetailFromTransform(painter.worldTransform()) >= BLOCK_LOD:
            super().paint(painter, option, widget)
            return
        if self.hidden_far_out:
            return
        hairline = QPen(self.pen())
        hairline.setWidth(0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(hairline)
        painter.drawPath(self.path())
        painter.restore()


def dash_period(pen: QPen) -> float:
    """How long one dash and gap of a dashed pen are, in scene units."""
    return sum(pen.dashPattern()) * (pen.widthF() or 1.0)  # a 0 width draws 1 px wide


class _Strips:
    """Line paths by strip, a line that crosses strips cut where it crosses.

    Each strip's path then lies within its band, so a page or a window that
    shows one part of a wide chart draws the lines of that part only.
    """

    def __init__(self, width: float = LINE_STRIP_WIDTH, dash_period: float = 0.0) -> None:
        """``dash_period``: the length of one dash and gap of the pen the strips
        are drawn with (0 for a solid pen)."""
        self.width = width
        self.dash_period = dash_period
        self.paths: dict[int, QPainterPath] = defaultdict(QPainterPath)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        width = self.width
        first, last = int(x0 // width), int(x1 // width)
        if first == last:
            path = self.paths[first]
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
            return
        if self.dash_period:
            self._dashed_line(x0, y0, x1, y1)
            return
        step = 1 if last > first else -1
        x, y = x0, y0
        for strip in range(first, last, step):
            edge = (strip + (step > 0)) * width
            edge_y = y0 + (y1 - y0) * (edge - x0) / (x1 - x0)
            path = self.paths[strip]
            path.moveTo(x, y)
            path.lineTo(edge, edge_y)
            x, y = edge, edge_y
        path = self.paths[last]
        path.moveTo(x, y)
        path.lineTo(x1, y1)

    def _dashed_line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A line across strips, cut where a dash begins just past each strip's
        edge: every piece starts its dash pattern afresh, so where the pieces
        meet the dashes run on as in one line. A piece reaches past its strip's
        band by less than one dash period."""
        length = math.hypot(x1 - x0, y1 - y0)
        along_x, along_y = (x1 - x0) / length, (y1 - y0) / length
        period, width = self.dash_period, self.width
        rightwards = x1 > x0
        start, strip = 0.0, int(x0 // width)
        # One piece a strip crossed, and one more when the last cut runs past the end.
        for _piece in range(abs(int(x1 // width) - strip) + 2):
            edge = (strip + rightwards) * width
            cut = (math.floor((edge - x0) / along_x / period) + 1) * period  # past the edge
            end = min(cut, length)
            path = self.paths[strip]
            path.moveTo(x0 + along_x * start, y0 + along_y * start)
            path.lineTo(x0 + along_x * end, y0 + along_y * end)
            if end == length:
                return
            # The next strip, stepped to rather than worked out from where the cut
            # lies: rounding can put a cut that falls on the edge back before it.
            start, strip = cut, strip + (1 if rightwards else -1)

    def elbow(self, from_x: float, from_y: float, to_x: float, to_y: float) -> None:
        """Down from (from_x, from_y), across halfway, and down to (to_x, to_y)."""
        middle = from_y + (to_y - from_y) / 2
        strip = int(from_x // self.width)
        if strip == int(to_x // self.width):  # most lines: one polyline, one strip
            path = self.paths[strip]
            path.moveTo(from_x, from_y)
            path.lineTo(from_x, middle)
            path.lineTo(to_x, middle)
            path.lineTo(to_x, to_y)
            return
        self.line(from_x, from_y, from_x, middle)
        self.line(from_x, middle, to_x, middle)
        self.line(to_x, middle, to_x, to_y)


class LineLayer:
    """Lines of one style (solid or dotted) as strips of path items in a scene."""

    def __init__(
        self, scene: QGraphicsScene, pen: QPen, z: float, *, hidden_far_out: bool = False
    ) -> None:
        """``hidden_far_out``: not drawn at all in the far-out overview."""
        self._scene = scene
        self.pen = pen
        self._z = z
        self._hidden_far_out = hidden_far_out
        self.strips: dict[int, LinesItem] = {}

    def set_paths(self, paths: dict[int, QPainterPath]) -> None:
        """Show these paths, by strip; strips left without lines go."""
        for strip in [s for s in self.strips if s not in paths]:
            self._scene.removeItem(self.strips.pop(strip))
        for strip, path in paths.items():
            item = self.strips.get(strip)
            if item is None:
                item = LinesItem(self.pen, self._z, hidden_far_out=self._hidden_far_out)
                self._scene.addItem(item)
                self.strips[strip] = item
            item.show_path(path)


def line_strips(
    chart: Chart, layout: Layout, options: LayoutOptions, dotted_dash: float, loop_dash: float
) -> tuple[_Strips, _Strips, _Strips]:
    """The solid, dotted and loop-closing lines of a laid-out chart, in strips.

    A compact column gets one line down its left; each card in it draws its
    own stub across (see CardItem). ``dotted_dash`` and ``loop_dash``: the
    dash periods of the pens those lines are drawn with.
    """
    boxes = layout.boxes
    stacked = layout.stacked
    solid = _Strips()
    dotted = _Strips(DOTTED_STRIP_WIDTH, dotted_dash)
    loops = _Strips(DOTTED_STRIP_WIDTH, loop_dash)
    for leader_id, column in layout.columns.items():
        lowest = boxes[column[-1]]
        points = layout.column_top(leader_id)
        x = points[-1][0]
        points = (*points, (x, lowest.y + lowest.height / 2))
        for (x0, y0), (x1, y1) in pairwise(points):
            solid.line(x0, y0, x1, y1)
    for role in chart.roles:
        box = boxes.get(role.id)
        if box is None:
            continue
        manager_id = role.manager
        manager = boxes.get(manager_id) if manager_id and manager_id != role.id else None
        if manager is not None and role.id in layout.beside_manager:
            middle = box.y + box.height / 2
            solid.line(manager.right, middle, box.x, middle)
        elif manager is not None and role.id not in stacked:
            if manager.bottom > box.y:  # the manager is not above: a loop closes here
                loops.line(manager.center_x, manager.y, box.center_x, box.bottom)
            else:
                solid.elbow(manager.center_x, manager.bottom, box.center_x, box.y)
        for dotted_manager in role.dotted_managers:
            route = dotted_route(layout, options, role.id, dotted_manager)
            for (x0, y0), (x1, y1) in pairwise(route):
                dotted.line(x0, y0, x1, y1)
    return solid, dotted, loops
