"""Where each role's card goes in a drawing of the chart: a layout's boxes,
its options, the lines between its cards, and the levels shown.

``orgmodel.tidy_tree`` works a layout out in-process, ``orgmodel.graphviz_layout``
with Graphviz, and ``orgmodel.layout_update`` again after an edit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence, Set
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
from attrs import field, frozen

from orgmodel.hierarchy import forest
from orgmodel.model import Chart

if TYPE_CHECKING:
    from orgmodel.tidy_tree import Arranger

COMPACT_INDENT = 0.15
"""Indent of a compact column of reports, as a share of the card width."""


class Box(NamedTuple):
    """A card's rectangle; y grows downwards. A named tuple rather than an attrs
    class: an edit of a big chart makes some 18,000 of them, and a tuple is made
    in half the time."""

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
    stacked: Set[str] = field(kw_only=True)
    """Every role placed in a compact column."""
    note: str = field(default="", kw_only=True)
    """Why this is not the layout that was asked for, if it is not (a fallback)."""
    beside_manager: frozenset[str] = field(default=frozenset(), kw_only=True)
    """Assistants, drawn right of their manager on its row, joined to its side."""
    arranger: Arranger | None = field(default=None, kw_only=True, eq=False, repr=False)
    """How a tidy tree worked it out, for laying out the next edit of the chart."""
    left: float = field(kw_only=True)
    """The leftmost card's x (0 without cards)."""
    top: float = field(kw_only=True)
    """The topmost card's y (0 without cards)."""

    @left.default
    def _leftmost(self) -> float:
        return min((box.x for box in self.boxes.values()), default=0.0)

    @top.default
    def _topmost(self) -> float:
        return min((box.y for box in self.boxes.values()), default=0.0)

    @stacked.default
    def _every_stacked_role(self) -> Set[str]:
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

    def restacked(self, previous: Layout) -> set[str]:
        """The roles stacked in a column in one of this layout and ``previous``
        and not in the other."""
        leaders = self.columns_changed(previous)
        if leaders is None:
            return set(self.stacked ^ previous.stacked)
        old, new = previous.columns, self.columns
        members = {r for leader in leaders for r in (*old.get(leader, ()), *new.get(leader, ()))}
        return {r for r in members if (r in self.stacked) != (r in previous.stacked)}

    def updated_from(self, previous: Layout) -> bool:
        """Whether this layout was worked out from ``previous`` after an edit, or
        a role collapsed or expanded (orgmodel.layout_update)."""
        arranger, before = self.arranger, previous.arranger
        return arranger is not None and before is not None and arranger.edited_from == before.serial

    @property
    def serial(self) -> int | None:
        """Tells apart the layouts an edit may be worked out from (see changed_since)."""
        return None if self.arranger is None else self.arranger.serial

    def changed_since(self, serial: int | None) -> tuple[Sequence[str], Sequence[str]] | None:
        """The roles whose boxes may differ from those of the layout of ``serial``,
        if an edit worked this one out from that one (orgmodel.layout_update): those
        placed again, and those whose boxes it took away. None if not: any may."""
        arranger = self.arranger
        if arranger is None or serial is None or arranger.edited_from != serial:
            return None
        return arranger.placed, arranger.unboxed

    def columns_changed(self, previous: Layout) -> set[str] | None:
        """The managers whose columns of reports differ from ``previous``; None when
        this layout was not worked out from ``previous`` by an edit, so finding
        them would mean comparing every column."""
        arranger = self.arranger
        if arranger is None or not self.updated_from(previous):
            return None
        old, new = previous.columns, self.columns
        return {r for r in arranger.resized if old.get(r) != new.get(r)}

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
    return dotted_route_between(manager, box, options, in_column=role_id in layout.stacked)


def dotted_route_between(
    manager: Box, box: Box, options: LayoutOptions, *, in_column: bool
) -> tuple[tuple[float, float], ...]:
    """:func:`dotted_route` from the two cards' boxes; ``in_column``: the role's
    card is stacked in a column. From the boxes' fields rather than their
    properties: an edit of a big chart routes a thousand lines or more again."""
    y = box[1]
    start_x, channel_x, end_x = dotted_xs(manager, box, options)
    leave_y = dotted_leave_y(manager, options)
    arrive_y = y - (options.sibling_gap if in_column else options.level_gap) / 4
    points = (
        (start_x, manager[1] + manager[3]),
        (start_x, leave_y),
        (channel_x, leave_y),
        (channel_x, arrive_y),
        (end_x, arrive_y),
        (end_x, y),
    )
    return tuple(dict.fromkeys(points))  # each point once, where it first comes


def dotted_xs(manager: Box, box: Box, options: LayoutOptions) -> tuple[float, float, float]:
    """Where :func:`dotted_route_between` the two boxes leaves the manager's
    card, the gap it runs down right of the role's card, and where it arrives
    on that card: the x of each of its upright runs."""
    quarter = options.card_width / 4
    x, width = box[0], box[2]
    start_x = manager[0] + manager[2] / 2 + quarter
    return start_x, x + width + options.sibling_gap / 2, x + width / 2 + quarter


def dotted_leave_y(manager: Box, options: LayoutOptions) -> float:
    """Where a dotted line runs level from its manager's card: a quarter of the
    gap below it (the solid lines run at half)."""
    return manager[1] + manager[3] + options.level_gap / 4


def levels_of(chart: Chart) -> dict[str, int]:
    """Each role's level in the drawing: 1 for a top role, 2 for its reports, ..."""
    children = chart.derived(forest)
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
    children = chart.derived(forest)
    return frozenset(
        role_id
        for role_id, depth in levels_of(chart).items()
        if depth == levels and children.get(role_id)
    )


def collapsed_above(chart: Chart, role_ids: Iterable[str], collapsed: Set[str]) -> set[str]:
    """The roles of ``collapsed`` above any of ``role_ids``: those to expand for
    these roles' cards to show."""
    found: set[str] = set()
    # A manager above one role is above its team too: each chain is walked once.
    seen: set[str] = set()
    for role_id in role_ids:
        role = chart.get(role_id)
        current = chart.get(role.manager) if role is not None else None
        while current is not None and current.id not in seen:
            seen.add(current.id)
            if current.id in collapsed:
                found.add(current.id)
            current = chart.get(current.manager)
    return found
