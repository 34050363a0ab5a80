"""The arrow keys walk the chart from card to card."""

from __future__ import annotations

from PySide6.QtCore import Qt

from orgmodel.hierarchy import forest
from ui.chart_scene import ChartScene

ARROW_STEPS = {
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
}
"""Arrow keys move the selection between cards."""


def neighbour(scene: ChartScene, step: str) -> str | None:
    """The card an arrow key goes to from the selected one: up to the
    manager, down to the first report (in a column: the card above or
    below), sideways to the next card shown at the same height. With
    nothing selected, the first card."""
    boxes = scene.layout.boxes
    selected = scene.selected_role_ids()
    if len(selected) != 1:
        if selected or not boxes:
            return None
        return min(boxes, key=lambda role_id: (boxes[role_id].y, boxes[role_id].x))
    here = selected[0]
    chart = scene.document.chart
    if here in scene.layout.stacked and step in ("up", "down"):  # along its column
        leader = chart.role(here).manager or ""
        column = scene.layout.columns[leader]
        index = column.index(here) + (1 if step == "down" else -1)
        if index < 0:
            return leader
        return column[index] if index < len(column) else None
    if step == "up":
        manager = chart.role(here).manager
        return manager if manager in boxes else None
    if step == "down":
        reports = chart.derived(forest).get(here, [])
        return next((role.id for role in reports if role.id in boxes), None)
    box = boxes[here]
    row = [
        (other.x, role_id)
        for role_id, other in boxes.items()
        if other.y == box.y and role_id != here
    ]
    if step == "left":
        return max((r for r in row if r[0] < box.x), default=(0.0, None))[1]
    return min((r for r in row if r[0] > box.x), default=(0.0, None))[1]
