"""Straight lines kept in vertical strips of a scene, a line that crosses strips
cut where it crosses, so that a view or a page draws only the lines of the
part it shows (see ui.chart_lines, which shows each strip as a path item, and
ui.dotted_lines)."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import pairwise
from typing import TypeAlias

from attrs import frozen
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

from ui.placing_later import Seen, overlaps

LINE_STRIP_WIDTH = 8000.0
"""Lines are kept in vertical strips this wide (scene units), one path item
each, so a view strokes only the strips it shows: Qt strokes a whole path
even when most of it lies outside the window."""

Segment = tuple[float, float, float, float]
Points = Sequence[tuple[float, float]]
"""A line from point to point."""
Lines: TypeAlias = "array[float]"
"""Straight lines as x0, y0, x1, y1 of each in turn: at 50,000 roles the
dotted lines cut into every strip were 50 MB as tuples, 8 MB so."""


def no_lines() -> Lines:
    return array("d")


def each_line(lines: Sequence[float]) -> Iterator[Segment]:
    step = iter(lines)
    return zip(step, step, step, step, strict=True)


def path_of(lines: Lines) -> QPainterPath:
    path = QPainterPath()
    for x0, y0, x1, y1 in each_line(lines):
        path.moveTo(x0, y0)
        path.lineTo(x1, y1)
    return path


@frozen
class StripBands:
    """Which strips hold lines, and the band each one's lines lie within: the
    strip, ``margin`` wider on either side, from ``top`` to ``bottom``."""

    width: float
    margin: float
    """How far a line's piece may run past its strip's edge: less than a dash
    period, where the line is dashed (see Strips)."""
    top: float
    bottom: float
    strips: Collection[int] = ()

    def rect(self, strip: int) -> QRectF:
        """Where the lines of ``strip`` lie."""
        left = strip * self.width - self.margin
        return QRectF(left, self.top, self.width + 2 * self.margin, self.bottom - self.top)

    def meets(self, strip: int, seen: Seen) -> bool:
        """Whether the band of ``strip`` meets ``seen``."""
        left = strip * self.width - self.margin
        return overlaps(left, self.top, left + self.width + 2 * self.margin, self.bottom, seen)


_Span = tuple[float, float, bool]
"""Where a line on a row (or column) starts and ends, lower end first, and
whether it runs that way."""


def merged_collinear(lines: Sequence[float]) -> Lines:
    """The lines with those that overlap or meet on one level row, or on one
    upright column, joined into one line each; slanted lines as they are.

    Dotted lines from managers on one row leave it along one level run, and
    lines into one column run down it: drawn one over another, their dashes,
    out of step, ran together into what looked like a solid line (a reporting
    line, to a reader). Joined, they are dashed as one line, and a window at
    the top of 50,000 roles strokes a few dozen lines rather than some 560.

    A line joined with no other keeps the way it runs: its dashes are counted
    from its start (see Strips), and where it crosses into the next strip
    they run on. Lines joined are dashed from their left (or top) end: at a
    strip's edge, their pieces on each side may overlap by up to one dash.
    """
    level: dict[float, list[_Span]] = defaultdict(list)
    upright: dict[float, list[_Span]] = defaultdict(list)
    merged = no_lines()
    for x0, y0, x1, y1 in each_line(lines):
        if y0 == y1:
            level[y0].append((x0, x1, True) if x0 <= x1 else (x1, x0, False))
        elif x0 == x1:
            upright[x0].append((y0, y1, True) if y0 <= y1 else (y1, y0, False))
        else:
            merged.extend((x0, y0, x1, y1))
    for y, spans in level.items():
        for start, end in _joined_spans(spans):
            merged.extend((start, y, end, y))
    for x, spans in upright.items():
        for start, end in _joined_spans(spans):
            merged.extend((x, start, x, end))
    return merged


def _joined_spans(spans: list[_Span]) -> Iterator[tuple[float, float]]:
    """The spans, those that overlap or meet joined (left to right), each
    joined with no other as it ran: (from, to)."""
    spans.sort()
    start, end, forward = spans[0]
    alone = True
    for next_start, next_end, next_forward in spans[1:]:
        if next_start > end:
            yield (start, end) if forward or not alone else (end, start)
            start, end, forward, alone = next_start, next_end, next_forward, True
        else:
            alone = False
            end = max(end, next_end)
    yield (start, end) if forward or not alone else (end, start)


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


class Strips:
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
        self._lines: dict[int, Lines] = defaultdict(no_lines)
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

    def strips(self) -> StripBands:
        """Each strip with lines, and the band its lines lie within."""
        strips = set(self._lines).union(self._strips_crossed(), self._strips_routed())
        top, bottom = self._reach()
        return StripBands(self.width, self.dash_period, top, bottom, frozenset(strips))

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
        piece = self._cutter
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
                first_crossed, last_crossed = self._crossed(x0, y0, x1, y1)
                if first_crossed <= strip <= last_crossed:
                    lines.extend(piece(strip, x0, y0, x1, y1))
        return lines

    def path(self, strip: int) -> QPainterPath:
        """The lines of one strip as a path, those crossing into it cut in now."""
        return path_of(self.lines(strip))

    @property
    def paths(self) -> dict[int, QPainterPath]:
        """Every strip's path, all cut."""
        for strip in {*self._strips_crossed(), *self._strips_routed()}:
            self.lines(strip)
        return {strip: path_of(lines) for strip, lines in self._lines.items() if lines}

    def _ranges(self) -> list[tuple[int, int, Segment]]:
        """Each line crossing strips, with the first and last strip it has a piece in."""
        if self._crossed_ranges is None:
            self._crossed_ranges = []
            for segment in self._crossing:
                self._crossed_ranges.append((*self._crossed(*segment), segment))
        return self._crossed_ranges

    def _strips_crossed(self) -> list[int]:
        """Every strip a line crossing strips has a piece in."""
        return _joined_runs((first, last) for first, last, _segment in self._ranges())

    def _strips_routed(self) -> list[int]:
        """Every strip a route may have lines in."""
        return _joined_runs((first, last) for first, last, _points in self._routes)

    def _crossed(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int]:
        """The first and last strip (left to right) a line crossing strips has a piece in."""
        first, last = int(x0 // self.width), int(x1 // self.width)
        step = 1 if last > first else -1
        end = last
        if self.dash_period:
            # A dashed line's pieces end at dash boundaries just past the edges:
            # the piece that reaches its end may be in a strip before the last.
            length = math.hypot(x1 - x0, y1 - y0)
            along_x = (x1 - x0) / length
            while end != first and self._dash_cut(x0, along_x, end - step) >= length:
                end -= step
        return (first, end) if step > 0 else (end, first)

    def _dash_cut(self, x0: float, along_x: float, strip: int) -> float:
        """How far along a dashed line from ``x0`` its piece in ``strip`` ends: at
        the first dash boundary past the strip's far edge."""
        edge = (strip + (along_x > 0)) * self.width
        return (math.floor((edge - x0) / along_x / self.dash_period) + 1) * self.dash_period

    def piece(self, strip: int, x0: float, y0: float, x1: float, y1: float) -> Segment:
        """The piece in ``strip`` of a line from (x0, y0) to (x1, y1) that runs
        into it from another strip (see _dashed_piece and _solid_piece)."""
        return self._cutter(strip, x0, y0, x1, y1)

    @property
    def _cutter(self) -> Callable[[int, float, float, float, float], Segment]:
        """:meth:`piece` for these strips' pen, chosen once for many lines: at
        50,000 roles, cutting every strip made 260,000 pieces."""
        return self._dashed_piece if self.dash_period else self._solid_piece

    def across(self, strip: int, x0: float, x1: float, y: float) -> Segment:
        """:meth:`piece` of a level line from ``x0`` to ``x1`` that runs across the
        whole of ``strip`` (neither end in it), worked out for such a line alone:
        at 50,000 roles some 850 dotted lines cross the strip a window shows so."""
        width, period = self.width, self.dash_period
        if not period:
            return self._solid_piece(strip, x0, y, x1, y)
        # _dashed_piece with the line's direction 1 or -1 along x and 0 along y.
        if x1 > x0:
            start = (math.floor((strip * width - x0) / period) + 1) * period
            end = min((math.floor(((strip + 1) * width - x0) / period) + 1) * period, x1 - x0)
            return (x0 + start, y, x0 + end, y)
        start = (math.floor((x0 - (strip + 1) * width) / period) + 1) * period
        end = min((math.floor((x0 - strip * width) / period) + 1) * period, x0 - x1)
        return (x0 - start, y, x0 - end, y)

    def _solid_piece(self, strip: int, x0: float, y0: float, x1: float, y1: float) -> Segment:
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
