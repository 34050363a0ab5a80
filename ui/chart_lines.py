"""Reporting lines as strips of path items, so a view strokes only the lines near it."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import pairwise
from typing import TypeAlias

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from orgmodel.hierarchy import find_loops, with_dotted_lines
from orgmodel.layout import Box, Layout, LayoutOptions, dotted_route
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

Segment = tuple[float, float, float, float]
Points = Sequence[tuple[float, float]]
"""A line from point to point."""
Lines: TypeAlias = "array[float]"
"""Straight lines as x0, y0, x1, y1 of each in turn: at 50,000 roles the
dotted lines cut into every strip were 50 MB as tuples, 8 MB so."""


def _no_lines() -> Lines:
    return array("d")


def _each_line(lines: Sequence[float]) -> Iterator[Segment]:
    step = iter(lines)
    return zip(step, step, step, step, strict=True)


class LinesItem(QGraphicsPathItem):
    """One strip of reporting lines. In the overview they are hairlines without
    antialiasing: stroking and smoothing thousands of sub-pixel lines would
    cost more than painting all the cards."""

    def __init__(self, pen: QPen, z: float, *, hidden_far_out: bool = False) -> None:
        super().__init__()
        self.setPen(pen)
        self.setZValue(z)
        self._bounds = QRectF()
        self._path: QPainterPath | None = None
        self._source: Callable[[], Lines] = _no_lines
        self._segments: Lines | None = None
        self.hidden_far_out = hidden_far_out
        # Painted only where exposed (see _shown_in): Qt says where only with this flag.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def show_lines(self, lines: Callable[[], Lines], bounds: QRectF) -> None:
        """Show the lines ``lines()`` gives when the strip is first drawn (or
        asked for); ``bounds``: a rect they lie within."""
        margin = self.pen().widthF()
        bounds = bounds.adjusted(-margin, -margin, margin, margin)
        if bounds != self._bounds:
            # Qt files the item anew in its index: at 50,000 roles, doing so for
            # every strip at every edit took 5 ms, and a strip's bounds rarely change.
            self.prepareGeometryChange()
            self._bounds = bounds
        self._source = lines
        self._segments = self._path = None
        self.update()

    def lines(self) -> Lines:
        """The strip's straight lines (see Lines)."""
        if self._segments is None:
            self._segments = self._source()
        return self._segments

    def path(self) -> QPainterPath:
        # Kept here, not in Qt's path item: made while painting, it must not
        # change the item's geometry (QGraphicsPathItem.setPath would).
        if self._path is None:
            self._path = _path_of(self.lines())
        return self._path

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
        for x0, y0, x1, y1 in _each_line(self.lines()):
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


def _path_of(lines: Lines) -> QPainterPath:
    path = QPainterPath()
    for x0, y0, x1, y1 in _each_line(lines):
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
    return path


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


def _joined_runs(runs: Iterable[tuple[int, int]]) -> list[int]:
    """Every number of the runs ``(first, last)`` once: the runs joined, not
    each run's numbers listed (at 50,000 roles the dotted lines crossed 260,000
    strips in all)."""
    numbers: list[int] = []
    end = None
    for first, last in sorted(runs):
        start = first if end is None else max(first, end + 1)
        numbers.extend(range(start, last + 1))
        end = last if end is None else max(end, last)
    return numbers


class _Strips:
    """Lines by strip, a line that crosses strips cut where it crosses.

    Each strip's lines then lie within its band, so a page or a window that
    shows one part of a wide chart draws the lines of that part only. A line
    across strips is cut into a strip's lines only when that strip's lines are
    asked for (:meth:`lines`): at 50,000 roles the dotted lines crossed 260,000
    strips in all, and cutting them all took a fifth of a second at every
    opening, for strips mostly never shown.
    """

    def __init__(self, width: float = LINE_STRIP_WIDTH, dash_period: float = 0.0) -> None:
        """``dash_period``: the length of one dash and gap of the pen the strips
        are drawn with (0 for a solid pen)."""
        self.width = width
        self.dash_period = dash_period
        self._lines: dict[int, Lines] = defaultdict(_no_lines)
        self.reach: tuple[float, float] | None = None
        """How far up and down the lines may reach, if known (else worked out)."""
        self._crossing: list[Segment] = []
        self._crossed_ranges: list[tuple[int, int, Segment]] | None = None
        self._cut: set[int] = set()
        """The strips whose lines have the lines crossing into them."""
        self._routes: list[tuple[int, int, Points]] = []
        """Lines from point to point, with the first and last strip they may reach."""

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if int(x0 // self.width) == int(x1 // self.width):
            self._lines[int(x0 // self.width)].extend((x0, y0, x1, y1))
        else:
            self._crossing.append((x0, y0, x1, y1))

    def route(self, left: float, right: float, points: Points) -> None:
        """Lines from point to point of ``points``, which run from ``left`` to
        ``right`` across; cut into a strip only when that strip's lines are asked
        for. At 50,000 roles cutting every dotted line into strips took some 20 ms
        of every edit, for the strip or two a window shows."""
        self._routes.append((int(left // self.width), int(right // self.width), points))

    def strips(self) -> dict[int, QRectF]:
        """Each strip with lines, and a rect its lines lie within: its band, as
        high as all the lines reach."""
        margin = self.dash_period  # a dashed piece runs past its edge by less than this
        strips = set(self._lines).union(self._strips_crossed(), self._strips_routed())
        top, bottom = self.reach or self._reach()
        height = bottom - top
        return {
            strip: QRectF(strip * self.width - margin, top, self.width + 2 * margin, height)
            for strip in strips
        }

    def _reach(self) -> tuple[float, float]:
        ys = [y for _x0, y0, _x1, y1 in self._crossing for y in (y0, y1)]
        ys += [y for _first, _last, points in self._routes for _x, y in points]
        for lines in self._lines.values():
            ys += lines[1::4]
            ys += lines[3::4]
        return (min(ys), max(ys)) if ys else (0.0, 0.0)

    def lines(self, strip: int) -> Lines:
        """The lines of one strip, those crossing into it cut in now."""
        lines = self._lines[strip]
        if strip in self._cut:
            return lines
        self._cut.add(strip)
        piece = self._dashed_piece if self.dash_period else self._piece
        for first, last, segment in self._ranges():
            if first <= strip <= last:
                lines.extend(piece(strip, *segment))
        width = self.width
        left, right = strip * width, (strip + 1) * width
        for first, last, points in self._routes:
            if not first <= strip <= last:
                continue
            for (x0, y0), (x1, y1) in pairwise(points):
                if (x0 < left and x1 < left) or (x0 >= right and x1 >= right):
                    continue  # in other strips only (most of a long route's lines)
                if int(x0 // width) == int(x1 // width):
                    lines.extend((x0, y0, x1, y1))
                    continue
                crossed = self._crossed(x0, y0, x1, y1)
                if min(crossed[0], crossed[-1]) <= strip <= max(crossed[0], crossed[-1]):
                    lines.extend(piece(strip, x0, y0, x1, y1))
        return lines

    def path(self, strip: int) -> QPainterPath:
        """The lines of one strip as a path, those crossing into it cut in now."""
        return _path_of(self.lines(strip))

    @property
    def paths(self) -> dict[int, QPainterPath]:
        """Every strip's path, all cut."""
        for strip in {*self._strips_crossed(), *self._strips_routed()}:
            self.lines(strip)
        return {strip: _path_of(lines) for strip, lines in self._lines.items() if lines}

    def _ranges(self) -> list[tuple[int, int, Segment]]:
        """Each line crossing strips, with the first and last strip it has a piece in."""
        if self._crossed_ranges is None:
            self._crossed_ranges = []
            for segment in self._crossing:
                crossed = self._crossed(*segment)
                first, last = min(crossed[0], crossed[-1]), max(crossed[0], crossed[-1])
                self._crossed_ranges.append((first, last, segment))
        return self._crossed_ranges

    def _strips_crossed(self) -> list[int]:
        """Every strip a line crossing strips has a piece in."""
        return _joined_runs((first, last) for first, last, _segment in self._ranges())

    def _strips_routed(self) -> list[int]:
        """Every strip a route may have lines in."""
        return _joined_runs((first, last) for first, last, _points in self._routes)

    def _crossed(self, x0: float, y0: float, x1: float, y1: float) -> range:
        """The strips a line crossing strips has a piece in, in order from its start."""
        first, last = int(x0 // self.width), int(x1 // self.width)
        step = 1 if last > first else -1
        if not self.dash_period:
            return range(first, last + step, step)
        # A dashed line's pieces end at dash boundaries just past the edges: the
        # piece that reaches its end may be the one before the last strip, or after.
        length = math.hypot(x1 - x0, y1 - y0)
        along_x = (x1 - x0) / length
        end = last + step
        while end != first and self._dash_cut(x0, along_x, end - step) >= length:
            end -= step
        return range(first, end + step, step)

    def _dash_cut(self, x0: float, along_x: float, strip: int) -> float:
        """How far along a dashed line from ``x0`` its piece in ``strip`` ends: at
        the first dash boundary past the strip's far edge."""
        edge = (strip + (along_x > 0)) * self.width
        return (math.floor((edge - x0) / along_x / self.dash_period) + 1) * self.dash_period

    def _piece(self, strip: int, x0: float, y0: float, x1: float, y1: float) -> Segment:
        """The part of a solid line within ``strip``, from edge to edge (or an end)."""
        width = self.width
        first, last = int(x0 // width), int(x1 // width)
        step = 1 if last > first else -1

        def at(edge: float) -> tuple[float, float]:
            return edge, y0 + (y1 - y0) * (edge - x0) / (x1 - x0)

        start = (x0, y0) if strip == first else at((strip + (step < 0)) * width)
        end = (x1, y1) if strip == last else at((strip + (step > 0)) * width)
        return (*start, *end)

    def _dashed_piece(self, strip: int, x0: float, y0: float, x1: float, y1: float) -> Segment:
        """The piece of a dashed line in ``strip``: the line is cut where a dash
        begins just past each strip's edge, so every piece starts its dash pattern
        afresh and where the pieces meet the dashes run on as in one line. A piece
        reaches past its strip's band by less than one dash period."""
        length = math.hypot(x1 - x0, y1 - y0)
        along_x, along_y = (x1 - x0) / length, (y1 - y0) / length
        # Pieces are counted in strips stepped from the first, not worked out from
        # where a cut lies: rounding can put a cut that falls on an edge back before it.
        before = strip - (1 if x1 > x0 else -1)
        start = 0.0 if strip == int(x0 // self.width) else self._dash_cut(x0, along_x, before)
        end = min(self._dash_cut(x0, along_x, strip), length)
        return (
            x0 + along_x * start,
            y0 + along_y * start,
            x0 + along_x * end,
            y0 + along_y * end,
        )


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

    def show(self, lines: _Strips) -> None:
        """Show these lines, by strip; strips left without lines go. A strip's
        path is cut when the strip is first drawn (see _Strips)."""
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


class DottedRoutes:
    """Each dotted line's route, kept from one drawing to the next while the
    cards at its two ends keep their boxes: after most edits, most of them do."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Box, Box, bool, float, float, Points]] = {}
        self._options: LayoutOptions | None = None

    def of(
        self, chart: Chart, layout: Layout, options: LayoutOptions
    ) -> list[tuple[float, float, Points]]:
        """Each dotted line shown: how far left and right it runs, and its route
        (``orgmodel.layout.dotted_route``)."""
        kept = self._kept if options == self._options else {}
        now: dict[tuple[str, str], tuple[Box, Box, bool, float, float, Points]] = {}
        boxes, stacked = layout.boxes, layout.stacked
        for role in map(chart.role, chart.derived(with_dotted_lines)):
            box = boxes.get(role.id)
            if box is None:
                continue
            in_column = role.id in stacked  # where the line arrives (dotted_route)
            for manager_id in role.dotted_managers:
                manager = boxes.get(manager_id)
                if manager is None:
                    continue
                key = (role.id, manager_id)
                entry = kept.get(key)
                if entry is None or (entry[0], entry[1], entry[2]) != (box, manager, in_column):
                    points = dotted_route(layout, options, role.id, manager_id)
                    xs = [x for x, _y in points]
                    entry = (box, manager, in_column, min(xs), max(xs), points)
                now[key] = entry
        self._kept, self._options = now, options
        return [(left, right, points) for _b, _m, _c, left, right, points in now.values()]


def line_strips(
    chart: Chart,
    layout: Layout,
    options: LayoutOptions,
    dotted_dash: float,
    loop_dash: float,
    routes: DottedRoutes | None = None,
) -> tuple[_Strips, _Strips]:
    """The dotted and the loop-closing lines of a laid-out chart, in strips (the
    cards draw the solid lines: see orgmodel.card_lines). ``dotted_dash`` and
    ``loop_dash``: the dash periods of the pens those lines are drawn with;
    ``routes``: the dotted lines' routes as last drawn, to keep where they stand.
    """
    boxes = layout.boxes
    dotted = _Strips(DOTTED_STRIP_WIDTH, dotted_dash)
    loops = _Strips(DOTTED_STRIP_WIDTH, loop_dash)
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
