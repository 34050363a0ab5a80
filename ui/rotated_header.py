"""A horizontal header whose labels run upwards, so many narrow columns stay readable."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QWidget

from ui.appearance import text_font

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1
"""Header data the model may give: the column's group; a new group starts with a rule."""


class RotatedHeader(QHeaderView):
    """Tall enough for the longest label, up to ``most``; longer ones are elided
    (their tooltip has the whole name)."""

    def __init__(self, parent: QWidget | None = None, least: int = 120, most: int = 200) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._least, self._most = least, most
        self.setFont(text_font(12))
        self.setDefaultSectionSize(26)
        self.setMinimumSectionSize(22)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setSectionsClickable(True)
        # Qt's own background fill would cover a stale region too: paintEvent fills it.
        self.viewport().setAutoFillBackground(False)

    def sizeHint(self) -> QSize:
        model = self.model()
        longest = 0
        if model is not None:
            metrics = QFontMetrics(self.font())
            for section in range(model.columnCount()):
                text = model.headerData(section, self.orientation(), Qt.ItemDataRole.DisplayRole)
                longest = max(longest, metrics.horizontalAdvance(str(text)))
        height = min(max(longest + 16, self._least), self._most)
        return QSize(super().sizeHint().width(), height)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Right after a model reset that narrows the header, the region to repaint can
        # still be the old, wider one, and Qt does not clip it to the viewport: the
        # background and sections would be painted over the docks beside the table.
        shown = event.region() & self.viewport().rect()
        if shown.isEmpty():
            return
        background = QPainter(self.viewport())
        background.setClipRegion(shown)
        background.fillRect(self.viewport().rect(), self.palette().button())
        background.end()
        super().paintEvent(QPaintEvent(shown))

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        painter.save()
        painter.setClipRect(rect & self.viewport().rect())
        background = model.headerData(
            logical_index, self.orientation(), Qt.ItemDataRole.BackgroundRole
        )
        painter.fillRect(
            rect, background if isinstance(background, QBrush) else self.palette().button()
        )
        painter.setPen(self.palette().mid().color())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        group = model.headerData(logical_index, self.orientation(), GROUP_ROLE)
        if logical_index > 0 and group != model.headerData(
            logical_index - 1, self.orientation(), GROUP_ROLE
        ):
            painter.setPen(QPen(self.palette().windowText().color(), 1.5))
            painter.drawLine(rect.topLeft(), rect.bottomLeft())
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
