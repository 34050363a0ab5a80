"""Reporting lines as strips of path items, so a view strokes only the lines near it."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from operator import itemgetter
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

from orgmodel.hierarchy import find_loops, with_dotted_lines
from orgmodel.layout import Box, Layout, LayoutOptions, dotted_route_between, dotted_span
from orgmodel.model import Chart
from ui.appearance import SEVERITY_COLOURS
from ui.card_item import BLOCK_LOD, CardScene
from ui.placing_later import EVERYWHERE, Seen
from ui.strips import (
    LINE_STRIP_WIDTH,
    Lines,
    Points,
    StripBands,
    Strips,
    each_line,
    merged_collinear,
    no_lines,
    path_of,
)

Route = tuple[float, float, Points]
"""A dotted line: how far left and right it runs, and its points."""
DottedLine = tuple[str, str]
"""A dotted line from a manager to a role, by their ids: (role, manager)."""

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

    def set_bounds(self, bounds: QRectF) -> None:
        """``bounds``: a rect the strip's lines lie within. The bounding rect
        reaches a pen's width further (Qt adds half of it round the rect)."""
        half = self.pen().widthF() / 2
        frame = bounds.adjusted(-half, -half, half, half)
        if frame != self.rect():
            self.setRect(frame)

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


Spanned = tuple[int, int, DottedLine, Box, Box]
"""A dotted line shown: the first and last strip it runs in, and its role's
and its manager's boxes."""


class DottedRoutes:
    """Each dotted line's strips and route, kept from one drawing to the next
    while the cards at its two ends keep their boxes: after most edits, most
    of them do."""

    def __init__(self, width: float = DOTTED_STRIP_WIDTH) -> None:
        """``width``: the strips' (see DottedLines)."""
        self.width = width
        self._spans: dict[DottedLine, Spanned] = {}
        self._kept: dict[DottedLine, tuple[Box, Box, bool, Route]] = {}
        self._options: LayoutOptions | None = None
        self._with_lines: tuple[str, ...] = ()
        self._lines: list[DottedLine] = []
        """Each dotted line of the roles of ``_with_lines``."""

    def lines_of(self, chart: Chart) -> list[DottedLine]:
        """Each dotted line of the chart, shown or not."""
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
            spans, kept = self._spans, self._kept
            self._spans = {line: spans[line] for line in self._lines if line in spans}
            self._kept = {line: kept[line] for line in self._lines if line in kept}
        return self._lines

    def spanning(
        self, lines: Iterable[DottedLine], boxes: Mapping[str, Box], options: LayoutOptions
    ) -> list[Spanned]:
        """Each of ``lines`` shown in ``boxes``, with the strips it runs in."""
        self._for(options)
        box_of, kept, width = boxes.get, self._spans, self.width
        spanned = []
        for line in lines:
            box, manager = box_of(line[0]), box_of(line[1])
            if box is None or manager is None:
                continue
            entry = kept.get(line)
            if entry is None or entry[3] is not box or entry[4] is not manager:
                left, right = dotted_span(manager, box, options)
                entry = kept[line] = (int(left // width), int(right // width), line, box, manager)
            spanned.append(entry)
        return spanned

    def route(
        self, line: DottedLine, box: Box, manager: Box, in_column: bool, options: LayoutOptions
    ) -> Route:
        """The line's route between these boxes, how far left and right it runs
        first (``orgmodel.layout.dotted_route``); the one kept if they are the
        boxes it was routed between."""
        self._for(options)
        entry = self._kept.get(line)
        if (
            entry is None
            or (entry[0] is not box and entry[0] != box)
            or (entry[1] is not manager and entry[1] != manager)
            or entry[2] != in_column
        ):
            points = dotted_route_between(manager, box, options, in_column=in_column)
            xs = list(map(_x_of, points))
            entry = (box, manager, in_column, (min(xs), max(xs), points))
            self._kept[line] = entry
        return entry[3]

    def _for(self, options: LayoutOptions) -> None:
        """Keep nothing worked out for other options."""
        if options != self._options:
            self._spans, self._kept, self._options = {}, {}, options


class DottedLines:
    """The dotted lines of one drawing of a chart, routed and cut into a strip
    only when that strip is drawn. At 50,000 roles the bench's chart has 2,400
    dotted lines between cards anywhere in it; an edit shifts the cards at one
    end of about half of them, and routing and filing every line again took
    some 15 ms of each edit, for the strip or two a window shows. The strips
    span the chart from side to side while any dotted line shows."""

    def __init__(
        self,
        lines: Sequence[DottedLine],
        layout: Layout,
        options: LayoutOptions,
        routes: DottedRoutes,
        dash: float,
    ) -> None:
        """``dash``: the dash period of the pen they are drawn with."""
        self._lines, self._layout, self._options = lines, layout, options
        self._routes, self._dash = routes, dash
        self._spans: list[Spanned] | None = None

    def strips(self) -> StripBands:
        """Every strip the dotted lines may reach, and a rect they lie within there."""
        layout = self._layout
        boxes, width = layout.boxes, self._routes.width
        # Dotted lines run in the gaps round the cards, a quarter of a gap out at most.
        beyond = max(self._options.level_gap, self._options.sibling_gap) / 4
        strips = range(0)
        if any(role_id in boxes and manager_id in boxes for role_id, manager_id in self._lines):
            # Every x of a route lies between the leftmost card's left and a half
            # gap right of the rightmost card (orgmodel.layout.dotted_route).
            right = layout.width + self._options.sibling_gap / 2
            strips = range(int(layout.left // width), int(right // width) + 1)
        top, bottom = layout.top - beyond, layout.height + beyond
        return StripBands(width, self._dash, top, bottom, strips)

    def crossing(self, strip: int) -> dict[DottedLine, Route]:
        """The routes of the lines that run into a strip."""
        if self._spans is None:  # worked out when a strip is first drawn
            self._spans = self._routes.spanning(self._lines, self._layout.boxes, self._options)
        options, route = self._options, self._routes.route
        stacked = self._layout.stacked  # where a line arrives (dotted_route)
        return {
            line: route(line, box, manager, line[0] in stacked, options)
            for first, last, line, box, manager in self._spans
            if first <= strip <= last
        }

    def lines(self, strip: int) -> Lines:
        """The lines of one strip: the routes across it, cut at its edges."""
        strips = Strips(self._routes.width, self._dash)
        for left, right, points in self.crossing(strip).values():
            strips.route(left, right, points)
        return strips.lines(strip)


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


_x_of = itemgetter(0)
