"""What a mouse button held on the canvas does: the middle one pans the view;
the left one, pressed on a card, drags every selected card, drawn above the
other cards while held. Qt moves them (they are movable items); where they are
let go is the canvas's to judge (ui.canvas.ChartView)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea

from ui.chart_scene import ChartScene

DRAGGED_Z = 2.0
"""Cards being dragged are drawn above the other cards (0) and the lines closing
a reporting loop (1), so that a card held over another shows over it."""
MOVED_BY = 2.0
"""A card let go further than this from its place (scene units) was dragged."""


class Pan:
    """The view scrolled with the middle button held: the chart follows the pointer.
    Each method says whether the event was the pan's (and takes it)."""

    def __init__(self, view: QAbstractScrollArea) -> None:
        self._view = view
        self._from: QPointF | None = None

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.MiddleButton:
            return False
        self._from = event.position()
        self._view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()
        return True

    def move(self, event: QMouseEvent) -> bool:
        if self._from is None:
            return False
        delta = event.position() - self._from
        self._from = event.position()
        across, down = self._view.horizontalScrollBar(), self._view.verticalScrollBar()
        across.setValue(across.value() - int(delta.x()))
        down.setValue(down.value() - int(delta.y()))
        event.accept()
        return True

    def release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.MiddleButton or self._from is None:
            return False
        self._from = None
        self._view.viewport().unsetCursor()
        event.accept()
        return True


class CardDrag:
    def __init__(self) -> None:
        self.role_ids: list[str] = []
        """The cards being dragged, by role id: none between drags."""

    def start(self, scene: ChartScene) -> None:
        self.role_ids = scene.selected_role_ids()
        self._raise(scene, DRAGGED_Z)

    def finish(self, scene: ChartScene) -> list[str]:
        """End the drag; the cards it took away from their places."""
        cards, boxes = scene.cards, scene.layout.boxes
        moved = [
            role_id
            for role_id in self.role_ids
            if (card := cards.get(role_id)) is not None
            and (box := boxes.get(role_id)) is not None
            and (abs(card.x() - box.x) > MOVED_BY or abs(card.y() - box.y) > MOVED_BY)
        ]
        self._raise(scene, 0.0)
        self.role_ids = []
        return moved

    def _raise(self, scene: ChartScene, z: float) -> None:
        for role_id in self.role_ids:
            card = scene.cards.get(role_id)
            if card is not None:
                card.setZValue(z)
