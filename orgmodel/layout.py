"""Where each role's card goes in a top-down drawing of the chart.

A simple tidy tree: a post-order pass sizes every subtree, a pre-order pass
places it. Both passes run over explicit lists, so deep charts cannot
exhaust the recursion limit, and each visits every role at most once (in
compact mode, reports stacked in a column are placed with their manager).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from types import MappingProxyType
from typing import Any

import attrs
from attrs import field, frozen

from orgmodel.hierarchy import forest
from orgmodel.model import Chart, Role

COMPACT_INDENT = 0.15
"""Indent of a compact column of reports, as a share of the card width."""


@frozen
class Box:
    """A card's rectangle; y grows downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, x: float, y: float) -> bool:
        """Whether the point lies in the box, edges included."""
        return self.x <= x <= self.right and self.y <= y <= self.bottom


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{attribute.name} must be a positive number, not {value!r}")


def _not_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{attribute.name} must not be negative, not {value!r}")


@frozen
class LayoutOptions:
    """Card size and spacing of a layout."""

    card_width: float = field(default=200.0, validator=_positive)
    card_height: float = field(default=76.0, validator=_positive)
    sibling_gap: float = field(default=24.0, validator=_not_negative)
    """Horizontal gap between neighbouring cards or subtrees."""
    level_gap: float = field(default=56.0, validator=_not_negative)
    """Vertical gap between a manager and its reports."""
    compact_leaves: bool = False
    """Stack reports who lead nobody in a column under their manager: all of a
    manager's reports when none leads a team, and otherwise those who do not,
    in a column left of the teams of those who do."""


@frozen
class Layout:
    """The box of every shown role, and the size they take up together."""

    boxes: Mapping[str, Box]
    """Role id to its card's box; roles hidden under a collapsed role are absent."""
    width: float
    height: float
    columns: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    """Manager id -> the reports stacked in a column under it, top to bottom
    (drawn with one line down the column's left and a stub to each card)."""
    column_indent: float = 0.0
    """How far right of its manager's card a column of reports starts (0 when
    the layout stacks no one)."""
    stacked: frozenset[str] = field(init=False)
    """Every role placed in a compact column."""
    note: str = field(default="", kw_only=True)
    """Why this is not the layout that was asked for, if it is not (a fallback)."""
    beside_manager: frozenset[str] = field(default=frozenset(), kw_only=True)
    """Assistants, drawn right of their manager on its row, joined to its side."""

    @stacked.default
    def _every_stacked_role(self) -> frozenset[str]:
        return frozenset(report for reports in self.columns.values() for report in reports)

    @property
    def column_line_offset(self) -> float:
        """How far right of its manager's left edge a column's line runs: halfway
        to the column, so each card's stub to it is the other half."""
        return self.column_indent / 2

    @property
    def column_stub(self) -> float:
        """How long the stub from a column's line to each card in it is."""
        return self.column_indent - self.column_line_offset

    def column_top(self, manager_id: str) -> tuple[tuple[float, float], ...]:
        """Where the line down a manager's column of reports comes from: straight
        down from the manager's card when the column hangs under it, or else
        down to the line across its team, along to the column and down to the
        column's top. The points of a polyline, ending on the column's line."""
        manager, first = self.boxes[manager_id], self.boxes[self.columns[manager_id][0]]
        x = first.x - self.column_stub
        if manager.x < x < manager.right:
            return ((x, manager.bottom),)
        across = manager.bottom + (first.y - manager.bottom) / 2
        return ((manager.center_x, manager.bottom), (manager.center_x, across), (x, across))

    def connector(self, role_id: str, manager_id: str) -> tuple[tuple[float, float], ...]:
        """The line from a manager down to one report, as the points of a
        polyline: down the column's line and across its stub for a stacked
        card, else down, across halfway and down. Empty if either is not shown."""
        box, manager = self.boxes.get(role_id), self.boxes.get(manager_id)
        if box is None or manager is None:
            return ()
        if role_id in self.beside_manager:
            middle = box.y + box.height / 2
            return ((manager.right, middle), (box.x, middle))
        if role_id in self.stacked:
            middle = box.y + box.height / 2
            return (
                *self.column_top(manager_id),
                (box.x - self.column_stub, middle),
                (box.x, middle),
            )
        halfway = manager.bottom + (box.y - manager.bottom) / 2
        return (
            (manager.center_x, manager.bottom),
            (manager.center_x, halfway),
            (box.center_x, halfway),
            (box.center_x, box.y),
        )


DEFAULT_OPTIONS = LayoutOptions()
CHART_VIEW_OPTIONS = LayoutOptions(card_width=224, compact_leaves=True)
"""How the app, its exports and its prints lay a chart out."""


def tidy_tree(
    chart: Chart,
    options: LayoutOptions = DEFAULT_OPTIONS,
    collapsed: frozenset[str] = frozenset(),
    *,
    assistants: Collection[str] = frozenset(),
) -> Layout:
    """Lay the chart out top-down, roots side by side in chart order.

    ``assistants``: roles that lead nobody and are drawn beside their manager,
    on its row, rather than in its team (see ``orgmodel.assistants``).
    """
    children = dict(chart.derived(forest))  # shared: its lists are replaced, never changed
    card_width, card_height = options.card_width, options.card_height
    gap = options.sibling_gap
    level = card_height + options.level_gap
    indent = card_width * COMPACT_INDENT

    aides: dict[str, list[Role]] = {}
    """Manager id -> its assistants, drawn right of it on its row."""
    if assistants:
        for manager, team in list(children.items()):
            if manager is None or manager in collapsed:
                continue
            helping = [r for r in team if r.id in assistants and r.id not in children]
            if helping:
                aides[manager] = helping
                children[manager] = [r for r in team if r not in helping]
    shown = {
        manager: reports
        for manager, reports in children.items()
        # A manager with only assistants still leads: it is not stacked in a column.
        if manager not in collapsed and (reports or manager in aides)
    }
    no_reports: list[Role] = []

    # Pre-order: every manager comes before all of its (shown) reports. Compact
    # columns are placed with their manager: those reports need no pass of their own.
    compact = options.compact_leaves
    order: list[tuple[Role, int]] = []
    stack = [(root, 0) for root in reversed(children[None])]
    while stack:
        role, depth = stack.pop()
        order.append((role, depth))
        reports = shown.get(role.id)
        if reports:
            stack.extend(
                (report, depth + 1)
                for report in reversed(reports)
                if not compact or report.id in shown
            )

    # Post-order (pre-order reversed): subtree widths and each card's offset in its subtree.
    width: dict[str, float] = {}
    card_offset: dict[str, float] = {}
    column: dict[str, list[Role]] = {}
    """Manager id -> its reports stacked in a column under it (compact mode)."""
    beside: dict[str, list[Role]] = {}
    """Manager id -> its reports laid out side by side (right of its column, if any)."""
    column_width = indent + card_width

    def _size_subtree(role: Role) -> None:
        """Its subtree's width, and where its card sits in it."""
        reports = shown.get(role.id)
        if not reports:
            width[role.id] = card_width
            card_offset[role.id] = 0.0
            return
        leaders = [r for r in reports if r.id in shown] if compact else reports
        beside[role.id] = leaders
        stacked_here = len(leaders) < len(reports)
        if stacked_here:
            column[role.id] = [r for r in reports if r.id not in shown]
        if stacked_here and not leaders:
            # A column alone hangs under its manager's card, indented.
            card_offset[role.id] = 0.0
            width[role.id] = column_width
            return
        if len(reports) == 1:
            # Copied rather than centred so float rounding cannot shift the card.
            width[role.id] = max(card_width, width[reports[0].id])
            card_offset[role.id] = card_offset[reports[0].id]
            return
        # Centred over the team's cards: from the first card's left (the
        # column's, if the team has one: it comes first) to the last one's right.
        total = sum(width[r.id] + gap for r in leaders) - gap
        if stacked_here:
            first = indent
            total += column_width + gap
        else:
            first = card_offset[leaders[0].id]
        last = total - width[leaders[-1].id] + card_offset[leaders[-1].id] + card_width
        width[role.id] = max(card_width, total)
        card_offset[role.id] = (first + last - card_width) / 2

    for role, _depth in reversed(order):
        _size_subtree(role)
        beside_it = aides.get(role.id)
        if beside_it:  # room on the manager's row for its assistants
            row = card_offset[role.id] + card_width + len(beside_it) * (gap + card_width)
            width[role.id] = max(width[role.id], row)

    slot_left: dict[str, float] = {}
    left = 0.0
    for root in children[None]:
        slot_left[root.id] = left
        left += width[root.id] + gap

    placed: dict[str, Box] = {}
    right = bottom = 0.0
    for role, depth in order:
        x = slot_left[role.id] + card_offset[role.id]
        y = depth * level
        placed[role.id] = Box(x, y, card_width, card_height)
        right, bottom = max(right, x + card_width), max(bottom, y + card_height)
        for index, aide in enumerate(aides.get(role.id, no_reports), start=1):
            aide_x = x + index * (card_width + gap)
            placed[aide.id] = Box(aide_x, y, card_width, card_height)
            right = max(right, aide_x + card_width)
        left = slot_left[role.id]
        stacked_under = column.get(role.id)
        if stacked_under:
            for index, report in enumerate(stacked_under):
                top = y + level + index * (card_height + gap)
                placed[report.id] = Box(left + indent, top, card_width, card_height)
            right = max(right, left + indent + card_width)
            bottom = max(bottom, top + card_height)
            left += column_width + gap
        for report in beside.get(role.id, no_reports):
            slot_left[report.id] = left
            left += width[report.id] + gap

    boxes = {role.id: placed[role.id] for role in chart.roles if role.id in placed}
    return Layout(
        boxes=MappingProxyType(boxes),
        width=right,
        height=bottom,
        columns=MappingProxyType(
            {manager: tuple(r.id for r in reports) for manager, reports in column.items()}
        ),
        column_indent=indent if compact else 0.0,
        beside_manager=frozenset(aide.id for team in aides.values() for aide in team),
    )


def dotted_route(
    layout: Layout, options: LayoutOptions, role_id: str, manager_id: str
) -> tuple[tuple[float, float], ...]:
    """A dotted line from a manager to a role, in axis-parallel segments that
    run in the gaps: down from the manager's card (right of its solid line),
    along the gap below its row, down (or up) the gap right of the role's card,
    along the gap above it, and down onto it. Empty if either is not shown."""
    box, manager = layout.boxes.get(role_id), layout.boxes.get(manager_id)
    if box is None or manager is None:
        return ()
    quarter = options.card_width / 4
    leave_y = manager.bottom + options.level_gap / 4  # the solid lines run at half
    gap_above = options.sibling_gap if role_id in layout.stacked else options.level_gap
    arrive_y = box.y - gap_above / 4
    channel_x = box.right + options.sibling_gap / 2
    start_x, end_x = manager.center_x + quarter, box.center_x + quarter
    points = [
        (start_x, manager.bottom),
        (start_x, leave_y),
        (channel_x, leave_y),
        (channel_x, arrive_y),
        (end_x, arrive_y),
        (end_x, box.y),
    ]
    return tuple(point for index, point in enumerate(points) if point not in points[:index])


def levels_of(chart: Chart) -> dict[str, int]:
    """Each role's level in the drawing: 1 for a top role, 2 for its reports, ..."""
    children = forest(chart)
    level: dict[str, int] = {}
    stack = [(root, 1) for root in children[None]]
    while stack:
        role, depth = stack.pop()
        level[role.id] = depth
        stack.extend((report, depth + 1) for report in children.get(role.id, ()))
    return level


def collapsed_to_levels(chart: Chart, levels: int) -> frozenset[str]:
    """The managers to collapse so that the top ``levels`` levels show and no
    more: every role on the last shown level that leads a team."""
    children = forest(chart)
    return frozenset(
        role_id
        for role_id, depth in levels_of(chart).items()
        if depth == levels and children.get(role_id)
    )
