"""Reporting lines as strips of path items, so a view strokes only the lines near it."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Protocol

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

from orgmodel.hierarchy import find_loops
from orgmodel.layout import Layout, LayoutOptions
from orgmodel.model import Chart
from ui.appearance import SEVERITY_COLOURS
from ui.card_item import BLOCK_LOD, CardScene
from ui.dotted_lines import DOTTED_STRIP_WIDTH, DottedLines, DottedRoutes
from ui.placing_later import EVERYWHERE, Seen
from ui.strips import (
    Lines,
    StripBands,
    Strips,
    each_line,
    merged_collinear,
    no_lines,
    path_of,
)


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

    def set_bounds(self, bounds: QRectF) -> None:
        """``bounds``: a rect the strip's lines lie within. The bounding rect
        reaches a pen's width further (Qt adds half of it round the rect)."""
        half = self.pen().widthF() / 2
        self.setRect(bounds.adjusted(-half, -half, half, half))  # Qt skips a rect unchanged

    def show_lines(self, lines: Callable[[], Lines], *, repaint: bool = True) -> None:
        """Show the lines ``lines()`` gives when the strip is next drawn (or asked
        for); they lie within its bounds (see set_bounds). ``repaint``: have
        the views draw the strip again now, else it shows them when next drawn."""
        self._source = lines
        self._segments = self._path = None
        if repaint:
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


class StripLines(Protocol):
    """Lines by strip, as a line layer shows them (see Strips and DottedLines)."""

    def strips(self) -> StripBands: ...

    def lines(self, strip: int) -> Lines: ...


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
        self._bands: tuple[float, float, float, float] | None = None
        """Width, margin, top and bottom of the bands last shown: the strips' bounds."""

    def show(self, lines: StripLines, seen: Seen = EVERYWHERE) -> None:
        """Show these lines, by strip; strips left without lines go. A strip's
        lines are worked out when the strip is next drawn. Only the strips in
        ``seen`` are repainted now; the others show their new lines when they
        next come into sight (at 50,000 roles, repainting some 320 strips took
        a few milliseconds of every edit)."""
        bands = lines.strips()
        for strip in [s for s in self.strips if s not in bands.strips]:
            self._scene.removeItem(self.strips.pop(strip))
        # Bounds worked out only for new strips and when the bands change: they
        # change together, with the chart's extent, which most edits keep.
        before, self._bands = self._bands, (bands.width, bands.margin, bands.top, bands.bottom)
        moved = before != self._bands
        for strip in bands.strips:
            item = self.strips.get(strip)
            if item is None:
                item = LinesItem(self.pen, self._z, hidden_far_out=self._hidden_far_out)
                item.set_bounds(bands.rect(strip))
                self._scene.addItem(item)
                self.strips[strip] = item
            elif moved:
                item.set_bounds(bands.rect(strip))
            item.show_lines(partial(lines.lines, strip), repaint=bands.meets(strip, seen))

    def forget(self) -> None:
        """Forget every strip (the scene has removed its items)."""
        self.strips.clear()
        self._bands = None


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

    def draw(
        self, chart: Chart, layout: Layout, options: LayoutOptions, seen: Seen = EVERYWHERE
    ) -> None:
        """Draw the lines of a laid-out chart, each strip holding only what lies
        in its band; ``seen``: where the scene's views show (see LineLayer.show)."""
        dotted = DottedLines(
            self._routes.lines_of(chart),
            layout,
            options,
            self._routes,
            dash_period(self.dotted.pen),
        )
        self.dotted.show(dotted, seen)
        self.loops.show(loop_strips(chart, layout, dash_period(self.loops.pen)), seen)

    def forget(self) -> None:
        """Forget every strip and route (the scene has removed its items)."""
        self.dotted.forget()
        self.loops.forget()
        self._routes = DottedRoutes()


def loop_strips(chart: Chart, layout: Layout, dash: float) -> Strips:
    """The lines that close reporting loops in a laid-out chart, in strips
    (``dash``: the dash period of their pen). Only a loop puts a manager's
    card below a report's, and the line between them runs upwards."""
    loops = Strips(DOTTED_STRIP_WIDTH, dash)
    if not chart.derived(find_loops):
        return loops
    boxes = layout.boxes
    beside, stacked = layout.beside_manager, layout.stacked
    for role in chart.roles:
        box = boxes.get(role.id)
        manager_id = role.manager
        manager = boxes.get(manager_id) if manager_id and manager_id != role.id else None
        if box is None or manager is None or role.id in beside or role.id in stacked:
            continue
        if manager.bottom > box.y:  # the line closing the loop runs upwards
            loops.line(manager.center_x, manager.y, box.center_x, box.bottom)
    return loops
