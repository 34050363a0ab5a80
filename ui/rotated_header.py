"""A horizontal header whose labels run upwards, so many narrow columns stay readable."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QPainter
from PySide6.QtWidgets import QHeaderView, QWidget

from ui.appearance import text_font


class RotatedHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None, height: int = 170) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._height = height
        self.setFont(text_font(12))
        self.setDefaultSectionSize(26)
        self.setMinimumSectionSize(22)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSectionsClickable(True)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        painter.save()
        background = model.headerData(
            logical_index, self.orientation(), Qt.ItemDataRole.BackgroundRole
        )
        painter.fillRect(
            rect, background if isinstance(background, QBrush) else self.palette().button()
        )
        painter.setPen(self.palette().mid().color())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        text = str(model.headerData(logical_index, self.orientation(), Qt.ItemDataRole.DisplayRole))
        painter.setPen(self.palette().windowText().color())
        painter.setFont(self.font())
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)
        label = QRect(6, 0, rect.height() - 10, rect.width())
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, label.width())
        painter.drawText(
            label, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), elided
        )
        painter.restore()
