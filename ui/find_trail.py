"""The trail of a found role: its card and each manager's up to the top,
ringed, and the reporting lines between them drawn over in the selection's
colour, so the hit is seen in its place in the chart."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from orgmodel.layout import Layout
from orgmodel.model import Chart
from ui.card_item import SELECTED_COLOUR

RING = 6.0
"""How far the ring reaches round a card on the trail, in scene units."""
TRAIL_COLOUR = QColor(SELECTED_COLOUR)
TRAIL_COLOUR.setAlpha(110)


def chain_of_managers(chart: Chart, role_id: str) -> list[str]:
    """The role, its manager, theirs, and so on to the top (a loop stops it)."""
    chain: list[str] = []
    current = chart.get(role_id)
    while current is not None and current.id not in chain:
        chain.append(current.id)
        current = chart.get(current.manager)
    return chain


class FindTrail(QGraphicsItem):
    """Drawn under the cards (the rings show round them) and over the lines."""

    def __init__(self) -> None:
        super().__init__()
        self.role_id: str | None = None
        self.chain: list[str] = []
        self._path = QPainterPath()
        self._rings: list[QRectF] = []
        self._bounds = QRectF()
        self.setZValue(-0.5)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def show_chain(self, chart: Chart, layout: Layout, role_id: str | None) -> None:
        """Trace the trail of ``role_id`` (None: no trail) in this layout."""
        self.prepareGeometryChange()
        self.role_id = role_id
        self.chain = chain_of_managers(chart, role_id) if role_id else []
        boxes = layout.boxes
        path = QPainterPath()
        rings = []
        for report, manager in zip(self.chain, self.chain[1:], strict=False):
            points = layout.connector(report, manager)
            if points:
                path.moveTo(*points[0])
                for point in points[1:]:
                    path.lineTo(*point)
        for member in self.chain:
            box = boxes.get(member)
            if box is not None:
                rect = QRectF(box.x, box.y, box.width, box.height)
                rings.append(rect.adjusted(-RING, -RING, RING, RING))
        self._path, self._rings = path, rings
        bounds = path.controlPointRect()
        for ring in rings:
            bounds = bounds.united(ring)
        self._bounds = bounds.adjusted(-RING, -RING, RING, RING)
        self.setVisible(bool(self.chain))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        # At least a few pixels wide at any zoom, so the trail shows far out too.
        lod = option.levelOfDetailFromTransform(painter.worldTransform()) or 1.0
        pen = QPen(TRAIL_COLOUR, max(2 * RING, 4 / lod))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRAIL_COLOUR)
        grow = max(0.0, 3 / lod - RING)
        for ring in self._rings:
            painter.drawRoundedRect(ring.adjusted(-grow, -grow, grow, grow), 10, 10)
