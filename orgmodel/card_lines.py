"""Each card's share of the solid reporting lines, relative to the card.

A report draws the line up from its top to the line across its manager's
team (or, as an assistant, across to its manager's side); a manager draws
the drop from its foot to that line, the line across, and the line down the
left of its column of stacked reports. Held relative to the card, a share
moves with it: an edit that shifts a whole subtree leaves every share in it
as it was, and only the cards whose place changed against their manager or
reports draw theirs anew. The union of the shares is every solid line of
the chart, each drawn once.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import pairwise

from orgmodel.layout import Layout

Segment = tuple[float, float, float, float]
"""From (x0, y0) to (x1, y1)."""
CardLines = tuple[Segment, ...]


def card_lines(
    layout: Layout, role_id: str, manager_id: str | None, report_ids: Collection[str]
) -> CardLines:
    """The solid lines a role's card draws, relative to its box's top left; ()
    when it is not shown. ``report_ids``: the roles that name it as manager.
    Lines that close a reporting loop are not anyone's share (they are drawn
    over the cards)."""
    boxes = layout.boxes
    box = boxes.get(role_id)
    stacked, beside = layout.stacked, layout.beside_manager
    if box is None:
        return ()
    if role_id in stacked and not report_ids:  # most cards of a big chart: the stub is all
        return ()
    left, top = box.x, box.y
    segments: list[Segment] = []

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        segments.append((x0 - left, y0 - top, x1 - left, y1 - top))

    manager = boxes.get(manager_id) if manager_id and manager_id != role_id else None
    if manager is not None and role_id in beside:
        middle = box.y + box.height / 2
        add(manager.right, middle, box.x, middle)
    elif manager is not None and role_id not in stacked and manager.bottom <= box.y:
        add(box.center_x, manager.bottom + (box.y - manager.bottom) / 2, box.center_x, box.y)
    # The line across a team is at half the gap to the team; a chart laid out
    # by Graphviz may put reports at more than one depth, each with its own line.
    across: dict[float, list[float]] = {}
    for report_id in report_ids:
        report = boxes.get(report_id)
        if report is None or report_id in stacked or report_id in beside or report_id == role_id:
            continue
        if box.bottom <= report.y:
            middle = box.bottom + (report.y - box.bottom) / 2
            across.setdefault(middle, []).append(report.center_x)
    if across:
        add(box.center_x, box.bottom, box.center_x, max(across))
        for middle, xs in across.items():
            xs.append(box.center_x)
            if min(xs) != max(xs):
                add(min(xs), middle, max(xs), middle)
    column = layout.columns.get(role_id)
    if column and column[-1] in boxes:
        lowest = boxes[column[-1]]
        points = layout.column_top(role_id)
        points = (*points, (points[-1][0], lowest.y + lowest.height / 2))
        for (x0, y0), (x1, y1) in pairwise(points):
            add(x0, y0, x1, y1)
    return tuple(segments)
