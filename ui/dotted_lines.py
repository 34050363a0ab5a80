"""Dotted lines in strips, routed and cut only for the strips a view draws
(see DottedLines); ui.chart_lines shows each strip as a path item."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from operator import itemgetter

from orgmodel.hierarchy import with_dotted_lines
from orgmodel.layout import (
    Box,
    Layout,
    LayoutOptions,
    dotted_leave_y,
    dotted_route_between,
    dotted_xs,
)
from orgmodel.model import Chart
from ui.strips import LINE_STRIP_WIDTH, Lines, Points, Segment, StripBands, Strips

Route = tuple[float, float, Points]
"""A dotted line: how far left and right it runs, and its points."""
DottedLine = tuple[str, str]
"""A dotted line from a manager to a role, by their ids: (role, manager)."""

DOTTED_STRIP_WIDTH = LINE_STRIP_WIDTH
"""Dotted lines run level across the chart, cut where they cross a strip's
edge. Dashes are dear to stroke: in strips as narrow as the solid lines', a
view strokes only the dashes near it (at 50,000 roles a repaint went from
0.2 s to 0.05 s)."""


FOLLOWED_MOST = 3
"""After an edit, only the lines of the roles it placed again or hid are
looked at if those roles are at most this many times as many as the lines;
else every line is (at 50,000 roles, the bench's 2,439 dotted lines after a
move that placed 23 to 48,000 cards again). Past about three times, the look
for each role's lines cost as much as a look at every line's boxes."""

Spanned = tuple[int, int, DottedLine, Box, Box, float, float, float, int, int, int]
"""A dotted line shown: the first and last strip it runs in, its role's and
its manager's boxes, where it leaves the manager's card and where it runs
level from there (see orgmodel.layout.dotted_xs), and the strip of each of
its upright runs: below the manager's card, right of the role's, onto it."""


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
        self._shown: list[Spanned | None] = []
        """The span of each line of ``_shown_of`` in the layout of ``_serial``
        (None: not shown there)."""
        self._shown_of: Sequence[DottedLine] | None = None
        self._serial: int | None = None
        self._ends: dict[str, list[int]] = {}
        """Role id -> where its lines are in ``_ends_of``."""
        self._ends_of: Sequence[DottedLine] | None = None

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
        self, lines: Sequence[DottedLine], layout: Layout, options: LayoutOptions
    ) -> list[Spanned]:
        """Each of ``lines`` shown in ``layout``, with the strips it runs in."""
        self._for(options)
        changed = layout.changed_since(self._serial) if lines is self._shown_of else None
        self._serial, self._shown_of = layout.serial, lines
        places: Iterable[int]
        if changed is None or sum(map(len, changed)) > FOLLOWED_MOST * len(lines):
            places, self._shown = range(len(lines)), [None] * len(lines)
        else:
            places = self._places_of(lines, chain(*changed))
        box_of, spans, shown = layout.boxes.get, self._spans, self._shown
        for place in places:
            line = lines[place]
            box, manager = box_of(line[0]), box_of(line[1])
            if box is None or manager is None:
                shown[place] = None
                continue
            entry = spans.get(line)
            if entry is None or entry[3] is not box or entry[4] is not manager:
                entry = spans[line] = self._spanned(line, box, manager, options)
            shown[place] = entry
        return [spanned for spanned in shown if spanned is not None]

    def _places_of(self, lines: Sequence[DottedLine], role_ids: Iterable[str]) -> Iterator[int]:
        """Where in ``lines`` the lines of these roles are."""
        if self._ends_of is not lines:
            self._ends_of, self._ends = lines, defaultdict(list)
            for place, (role_id, manager_id) in enumerate(lines):
                self._ends[role_id].append(place)
                self._ends[manager_id].append(place)
        ends = self._ends
        return (place for role_id in role_ids for place in ends.get(role_id, ()))

    def _spanned(self, line: DottedLine, box: Box, manager: Box, options: LayoutOptions) -> Spanned:
        """The span of a line between these boxes."""
        width = self.width
        start_x, channel_x, end_x = dotted_xs(manager, box, options)
        start, channel = int(start_x // width), int(channel_x // width)
        end = int(end_x // width)
        first, last = min(start, channel, end), max(start, channel, end)
        run = (start_x, channel_x, dotted_leave_y(manager, options))  # level below the manager
        return (first, last, line, box, manager, *run, start, channel, end)

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
            self._shown_of = None


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

    def lines(self, strip: int) -> Lines:
        """The lines of one strip: the routes of the lines that turn in it, cut
        at its edges, and the pieces of the others that run level across it.

        A route turns at three xs (see Spanned); one that turns in no strip
        near the one drawn can only cross it level. At 50,000 roles some 850
        dotted lines cross each strip, most of them so, and routing and
        cutting every one took some 8 ms of an edit."""
        if self._spans is None:  # worked out when a strip is first drawn
            self._spans = self._routes.spanning(self._lines, self._layout, self._options)
        options, strips = self._options, Strips(self._routes.width, self._dash)
        route, across = self._routes.route, strips.across
        stacked = self._layout.stacked  # where a line arrives (dotted_route)
        # Level pieces by their y: all of them at one y overlap, and are joined
        # here as merged_collinear would join them, for far fewer to merge.
        level: dict[float, tuple[float, float, Segment | None]] = {}
        for spanned in self._spans:
            first, last, line, box, manager, start_x, channel_x, y, start, channel, end = spanned
            if not first <= strip <= last:
                continue
            if start != strip != channel and end != strip and (channel < strip) == (end < strip):
                # Turning on both sides of the strip, and not on the short run
                # above its role's card: it crosses on the run below its manager's.
                piece = across(strip, start_x, channel_x, y)
                low, high = min(piece[0], piece[2]), max(piece[0], piece[2])
                joined = level.get(y)
                if joined is None:
                    level[y] = (low, high, piece)
                else:
                    level[y] = (min(low, joined[0]), max(high, joined[1]), None)
            else:
                strips.route(*route(line, box, manager, line[0] in stacked, options))
        lines = strips.lines(strip)
        for y, (low, high, alone) in level.items():
            lines.extend((low, y, high, y) if alone is None else alone)
        return lines


_x_of = itemgetter(0)
