"""Reporting lines as strips of path items, so a view strokes only the lines near it."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from operator import itemgetter

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgmodel.hierarchy import find_loops, with_dotted_lines
from orgmodel.layout import Box, Layout, LayoutOptions, dotted_route_between
from orgmodel.model import Chart
from ui.appearance import SEVERITY_COLOURS
from ui.card_item import BLOCK_LOD, CardScene
from ui.strips import (
    LINE_STRIP_WIDTH,
    Lines,
    Points,
    Strips,
    each_line,
    merged_collinear,
    no_lines,
    path_of,
)

Route = tuple[float, float, Points]
"""A dotted line: how far left and right it runs, and its points."""

DOTTED_STRIP_WIDTH = LINE_STRIP_WIDTH
"""Dotted lines run level across the chart, cut where they cross a strip's
edge. Dashes are dear to stroke: in strips as narrow as the solid lines', a
view strokes only the dashes near it (at 50,000 roles a repaint went from
0.2 s to 0.05 s)."""


class LinesItem(QGraphicsRectItem):
    """One strip of reporting lines. In the overview they are hairlines without
    antialiasing: stroking and smoothing thousands of sub-pixel lines would
    cost more than painting all the cards.

    A rect item only for its bounding rect, which Qt works out in C++ from
    the rect the strip sets (as a card's: see CardItem): every edit updates
    every strip, some 650 at 50,000 roles, and Qt asks each updated item for
    its bounding rect."""

    def __init__(self, pen: QPen, z: float, *, hidden_far_out: bool = False) -> None:
        super().__init__()
        self.setPen(pen)
        self.setZValue(z)
        self._path: QPainterPath | None = None
        self._source: Callable[[], Lines] = no_lines
        self._segments: Lines | None = None
        self.hidden_far_out = hidden_far_out
        # Painted only where exposed (see _shown_in): Qt says where only with this flag.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def show_lines(self, lines: Callable[[], Lines], bounds: QRectF) -> None:
        """Show the lines ``lines()`` gives when the strip is first drawn (or
        asked for); ``bounds``: a rect they lie within. The bounding rect
        reaches a pen's width further (Qt adds half of it round the rect)."""
        half = self.pen().widthF() / 2
        frame = bounds.adjusted(-half, -half, half, half)
        if frame != self.rect():
            # Qt files the item anew in its index: at 50,000 roles, doing so for
            # every strip at every edit took 5 ms, and a strip's bounds rarely change.
            self.setRect(frame)
        self._source = lines
        self._segments = self._path = None
        self.update()

    def lines(self) -> Lines:
        """The strip's straight lines (see Lines), collinear ones that overlap joined."""
        if self._segments is None:
            self._segments = merged_collinear(self._source())
        return self._segments

    def path(self) -> QPainterPath:
        """The strip's lines as a path, made when first asked for (when painted)."""
        if self._path is None:
            self._path = path_of(self.lines())
        return self._path

    def shape(self) -> QPainterPath:
        # Lines take no clicks: a rect item's own shape is its whole strip.
        return QPainterPath()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        scene = self.scene()
        full_detail = isinstance(scene, CardScene) and scene.full_detail
        if full_detail or option.levelOfDetailFromTransform(painter.worldTransform()) >= BLOCK_LOD:
            painter.setPen(self.pen())
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self._shown_in(option.exposedRect))
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

    def _shown_in(self, exposed: QRectF) -> QPainterPath:
        """The path's lines as far as they show in ``exposed`` (all of them if it
        is empty). Qt strokes every dash of a path, shown or not: a strip's
        dotted lines are dashed across its whole width, and at 50,000 roles
        stroking them took 65 ms of every repaint of a window 700 px wide.
        Each line is cut at whole dash periods from its start, so that its
        dashes fall where they fall when it is drawn whole."""
        if exposed.isEmpty():
            return self.path()
        margin = 2 * self.pen().widthF() + 1.0
        left, top = exposed.left() - margin, exposed.top() - margin
        right, bottom = exposed.right() + margin, exposed.bottom() + margin
        period = dash_period(self.pen())  # 0 for a solid pen
        shown = QPainterPath()
        for x0, y0, x1, y1 in each_line(self.lines()):
            if (
                (x0 < left and x1 < left)
                or (x0 > right and x1 > right)
                or (y0 < top and y1 < top)
                or (y0 > bottom and y1 > bottom)
            ):
                continue
            span = _clipped(x0, y0, x1, y1, left, top, right, bottom)
            if span is None:
                continue
            start, end = span
            length = math.hypot(x1 - x0, y1 - y0)
            if period and length:
                start = math.floor(start * length / period) * period / length
                end = min(1.0, math.ceil(end * length / period) * period / length)
            shown.moveTo(x0 + (x1 - x0) * start, y0 + (y1 - y0) * start)
            shown.lineTo(x0 + (x1 - x0) * end, y0 + (y1 - y0) * end)
        return shown


def _clipped(
    x0: float, y0: float, x1: float, y1: float, left: float, top: float, right: float, bottom: float
) -> tuple[float, float] | None:
    """Where a line from (x0, y0) to (x1, y1) enters and leaves a rect, as
    shares of its length from its start (Liang-Barsky); None if it misses it."""
    start, end = 0.0, 1.0
    dx, dy = x1 - x0, y1 - y0
    for towards, room in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if towards == 0:
            if room < 0:
                return None
            continue
        share = room / towards
        if towards < 0:
            start = max(start, share)
        else:
            end = min(end, share)
        if start > end:
            return None
    return start, end


def dash_period(pen: QPen) -> float:
    """How long one dash and gap of a dashed pen are, in scene units."""
    return sum(pen.dashPattern()) * (pen.widthF() or 1.0)  # a 0 width draws 1 px wide


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

    def show(self, lines: Strips) -> None:
        """Show these lines, by strip; strips left without lines go. A strip's
        path is cut when the strip is first drawn (see Strips)."""
        bounds = lines.strips()
        for strip in [s for s in self.strips if s not in bounds]:
            self._scene.removeItem(self.strips.pop(strip))
        for strip, rect in bounds.items():
            item = self.strips.get(strip)
            if item is None:
                item = LinesItem(self.pen, self._z, hidden_far_out=self._hidden_far_out)
                self._scene.addItem(item)
                self.strips[strip] = item
            item.show_lines(partial(lines.lines, strip), rect)


class SceneLines:
    """The dotted and the loop-closing lines of a chart's scene, as strips of
    path items (the cards draw the solid lines: see CardItem)."""

    def __init__(self, scene: QGraphicsScene) -> None:
        # Far out, dotted lines would be a thicket over the blocks: they go.
        dotted_pen = QPen(QColor("#6c6cd4"), 1.4, Qt.PenStyle.DashLine)
        self.dotted = LineLayer(scene, dotted_pen, z=-1, hidden_far_out=True)
        # A line that closes a reporting loop runs upwards across cards: drawn over
        # them, in the error colour, so it is never hidden.
        loop_pen = QPen(QColor(SEVERITY_COLOURS["error"]), 2.0, Qt.PenStyle.DashLine)
        self.loops = LineLayer(scene, loop_pen, z=1)
        self._routes = DottedRoutes()

    def draw(self, chart: Chart, layout: Layout, options: LayoutOptions) -> None:
        """Draw the lines of a laid-out chart, each strip holding only what lies in its band."""
        dotted, loops = line_strips(
            chart,
            layout,
            options,
            dash_period(self.dotted.pen),
            dash_period(self.loops.pen),
            self._routes,
        )
        self.dotted.show(dotted)
        self.loops.show(loops)

    def forget(self) -> None:
        """Forget every strip and route (the scene has removed its items)."""
        self.dotted.strips.clear()
        self.loops.strips.clear()
        self._routes = DottedRoutes()


_x_of = itemgetter(0)


class DottedRoutes:
    """Each dotted line's route, kept from one drawing to the next while the
    cards at its two ends keep their boxes: after most edits, most of them do."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Box, Box, bool, Route]] = {}
        self._options: LayoutOptions | None = None
        self._with_lines: tuple[str, ...] = ()
        self._lines: list[tuple[str, str]] = []
        """Each dotted line (role, manager) of the roles of ``_with_lines``."""

    def of(self, chart: Chart, layout: Layout, options: LayoutOptions) -> list[Route]:
        """Each dotted line shown: how far left and right it runs, and its route
        (``orgmodel.layout.dotted_route``)."""
        kept = self._kept if options == self._options else {}
        with_lines = chart.derived(with_dotted_lines)
        if with_lines is not self._with_lines:
            # The same tuple is carried over from chart to chart while no dotted
            # line changes (orgmodel.hierarchy_update): the lines are the same.
            self._with_lines = with_lines
            self._lines = [
                (role.id, manager_id)
                for role in map(chart.role, with_lines)
                for manager_id in role.dotted_managers
            ]
        now: dict[tuple[str, str], tuple[Box, Box, bool, Route]] = {}
        shown: list[Route] = []
        box_of, stacked = layout.boxes.get, layout.stacked
        # One pass over every line at every edit (at 50,000 roles 2,400 of
        # them): a line whose two cards kept their boxes keeps its route.
        for key in self._lines:
            role_id, manager_id = key
            box, manager = box_of(role_id), box_of(manager_id)
            if box is None or manager is None:
                continue
            in_column = role_id in stacked  # where the line arrives (dotted_route)
            entry = kept.get(key)
            if (
                entry is None
                or (entry[0] is not box and entry[0] != box)
                or (entry[1] is not manager and entry[1] != manager)
                or entry[2] != in_column
            ):
                points = dotted_route_between(manager, box, options, in_column=in_column)
                xs = list(map(_x_of, points))
                entry = (box, manager, in_column, (min(xs), max(xs), points))
            now[key] = entry
            shown.append(entry[3])
        self._kept, self._options = now, options
        return shown


def line_strips(
    chart: Chart,
    layout: Layout,
    options: LayoutOptions,
    dotted_dash: float,
    loop_dash: float,
    routes: DottedRoutes | None = None,
) -> tuple[Strips, Strips]:
    """The dotted and the loop-closing lines of a laid-out chart, in strips (the
    cards draw the solid lines: see orgmodel.card_lines). ``dotted_dash`` and
    ``loop_dash``: the dash periods of the pens those lines are drawn with;
    ``routes``: the dotted lines' routes as last drawn, to keep where they stand.
    """
    boxes = layout.boxes
    dotted = Strips(DOTTED_STRIP_WIDTH, dotted_dash)
    loops = Strips(DOTTED_STRIP_WIDTH, loop_dash)
    # Dotted lines run in the gaps round the cards, a quarter of a gap out at most.
    beyond = max(options.level_gap, options.sibling_gap) / 4
    dotted.reach = (layout.top - beyond, layout.height + beyond)
    for left, right, points in (routes or DottedRoutes()).of(chart, layout, options):
        dotted.route(left, right, points)
    if not chart.derived(find_loops):  # only a loop puts a manager below a report
        return dotted, loops
    beside, stacked = layout.beside_manager, layout.stacked
    for role in chart.roles:
        box = boxes.get(role.id)
        manager_id = role.manager
        manager = boxes.get(manager_id) if manager_id and manager_id != role.id else None
        if box is None or manager is None or role.id in beside or role.id in stacked:
            continue
        if manager.bottom > box.y:  # the line closing the loop runs upwards
            loops.line(manager.center_x, manager.y, box.center_x, box.bottom)
    return dotted, loops
