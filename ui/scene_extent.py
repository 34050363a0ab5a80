"""What a chart scene takes up: where the cards are, what a view scrolls over,
and the scene's own rect, which Qt's index of the items divides."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from orgmodel.layout import Layout
from ui.card_item import MARKER_MARGINS

SCROLL_MARGIN = 40.0
"""Room round the chart that a view scrolls over."""


class SceneExtent:
    """The extents of one scene's layout, each worked out once per layout."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self.scroll_rect = QRectF()
        """What a view scrolls over: the chart and a margin round it. The
        scene's own rect is larger (see _index_over)."""
        self._index_rect = QRectF()
        """The scene's rect, as set (see _index_over)."""
        self._chart_rect: tuple[Layout | None, QRectF] = (None, QRectF())

    def forget(self) -> None:
        """Let the last layout go (the scene shows nothing any more)."""
        self._chart_rect = (None, QRectF())

    def chart_rect(self, layout: Layout) -> QRectF:
        """Where the layout's cards are, markers included (no walk over the items)."""
        # Asked on every scroll (the minimap): worked out once per layout.
        if self._chart_rect[0] is not layout:
            rect = QRectF()
            if layout.boxes:
                left, top = layout.left, layout.top
                rect = QRectF(left, top, layout.width - left, layout.height - top)
                rect = rect.adjusted(*MARKER_MARGINS)
            self._chart_rect = (layout, rect)
        return QRectF(self._chart_rect[1])

    def follow(self, layout: Layout) -> bool:
        """Take in a layout's size: what a view scrolls over, and the scene's
        rect round it. Whether what a view scrolls over changed."""
        margin = SCROLL_MARGIN
        width, height = layout.width + 2 * margin, layout.height + 2 * margin
        scroll_rect = QRectF(-margin, -margin, width, height)
        if scroll_rect == self.scroll_rect:
            return False
        self.scroll_rect = scroll_rect
        self._index_over(scroll_rect)
        return True

    def _index_over(self, rect: QRectF) -> None:
        """Let the scene's rect, which Qt's index of the items divides, take in
        ``rect`` with room to spare: Qt files every item anew when it changes,
        and at 50,000 roles that cost some 70 ms at the first paint after an
        edit that made the chart a little wider or taller. It is made anew only
        when the chart outgrows it or takes up less than a quarter of it across
        or down."""
        # Not the scene's sceneRect(): until one is set, Qt works it out from
        # every item's bounds (at 50,000 roles some 50 ms of the opening).
        index = self._index_rect
        if (
            index.contains(rect)
            and rect.width() * 4 > index.width()
            and rect.height() * 4 > index.height()
        ):
            return
        self._index_rect = rect.adjusted(0, 0, rect.width() / 2, rect.height() / 2)
        self._scene.setSceneRect(self._index_rect)
