"""A tiled PDF's pages besides the chart itself: the overview page with the grid
of sheets, and on each sheet its name, trim marks and "continues on" marks."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from orgmodel.paging import free_place
from orgmodel.tiling import Continuation, Tile, TileGrid
from ui.appearance import FUNCTION_COLOURS, UNCLASSIFIED_COLOUR, text_font
from ui.render_furniture import PageFurniture

TRIM_MARK = 9.0
"""Length of a trim mark, in points; it starts this far/3 outside the sheet's corner."""
GRID_COLOUR = QColor("#c0392b")
MARK_FONT = 7
"""A continuation mark's text size in points: small, but above 6 pt on paper."""
LABEL_GAP = 1.5
"""Points kept between a continuation mark and any card, so it never touches one."""


class TilePages(PageFurniture):
    """The part of ChartRenderer that draws what makes tiles fit together."""

    def paint_overview(self, painter: QPainter, area: QRectF, grid: TileGrid) -> None:
        """The whole chart small, as card blocks, with the sheet grid over it: each
        printed sheet named, each sheet left out (nothing on it) marked empty."""
        xs, ys = grid.xs, grid.ys
        width, height = xs[-1] - xs[0], ys[-1] - ys[0]
        top = area.top() + 16
        scale = min(area.width() / width, (area.height() - 16) / height)
        painter.setFont(text_font(9, bold=True))
        painter.setPen(QColor("#1f1f24"))
        printed = len(grid.printed)
        painter.drawText(
            QPointF(area.left(), area.top() + 10),
            f"How the {printed} sheets fit together: lay them side by side as in this grid.",
        )

        def at(x: float, y: float) -> QPointF:
            return QPointF(area.left() + (x - xs[0]) * scale, top + (y - ys[0]) * scale)

        boxes = self.scene.layout.boxes
        managers = {role.id: role.manager for role in self.chart if role.manager in boxes}
        painter.setPen(QPen(QColor("#9a9aa3"), 0.3))
        painter.drawLines(
            [
                QLineF(at(boxes[m].center_x, boxes[m].bottom), at(boxes[r].center_x, boxes[r].y))
                for r, m in managers.items()
                if r in boxes and m is not None
            ]
        )
        painter.setPen(Qt.PenStyle.NoPen)
        by_colour: dict[str, list[QRectF]] = {}
        for role in self.chart:
            box = boxes.get(role.id)
            if box is None:
                continue
            kind = self.catalogue.kind(role.kind)
            colour = FUNCTION_COLOURS[kind.function] if kind else UNCLASSIFIED_COLOUR
            corner = at(box.x, box.y)
            by_colour.setdefault(colour, []).append(
                QRectF(corner.x(), corner.y(), box.width * scale, box.height * scale)
            )
        for colour, rects in by_colour.items():
            painter.setBrush(QColor(colour))
            painter.drawRects(rects)
        for tile in grid.tiles:
            self._paint_cell(painter, tile, QRectF(at(*tile.rect[:2]), at(*tile.rect[2:])))
        below = top + height * scale + 18
        room = QRectF(area.left(), below, area.width(), area.bottom() - below)
        self._paint_sheet_list(painter, room, grid)

    def _paint_sheet_list(self, painter: QPainter, room: QRectF, grid: TileGrid) -> None:
        """Each printed sheet with the most senior role on it (the highest card), so a
        reader can find a team's sheet without the grid; as many as fit."""
        boxes = self.scene.layout.boxes
        highest: dict[str, tuple[float, str]] = {}
        for role in self.chart:
            box = boxes.get(role.id)
            if box is None:
                continue
            name = grid.tile_at(box.center_x, box.y + box.height / 2).name
            if name not in highest or box.y < highest[name][0]:
                who = f" ({role.person})" if self.options.names and role.person else ""
                highest[name] = (box.y, f"{role.title}{who}")
        font = text_font(8)
        painter.setFont(font)
        painter.setPen(QColor("#33333a"))
        metrics = QFontMetricsF(font)
        columns = max(1, int(room.width() // 260))
        width = room.width() / columns
        rows = max(1, int(room.height() // 12))
        printed = grid.printed
        shown = printed if len(printed) <= rows * columns else printed[: rows * columns - 1]
        for index, tile in enumerate(shown):
            text = f"{tile.name}: {highest[tile.name][1]}"
            place = QPointF(room.left() + (index // rows) * width, room.top() + (index % rows) * 12)
            elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 10)
            painter.drawText(place + QPointF(0, 9), elided)
        if len(shown) < len(printed):
            index = len(shown)
            place = QPointF(room.left() + (index // rows) * width, room.top() + (index % rows) * 12)
            more = f"… and {len(printed) - len(shown)} more sheets"
            painter.drawText(place + QPointF(0, 9), more)

    def _paint_cell(self, painter: QPainter, tile: Tile, cell: QRectF) -> None:
        if not tile.printed:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(240, 240, 243, 200))
            painter.drawRect(cell)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(GRID_COLOUR, 0.8))
        painter.drawRect(cell)
        label = tile.name if tile.printed else f"{tile.name} (empty, not printed)"
        size = max(4.0, min(14.0, cell.height() * 0.3, cell.width() / max(len(tile.name), 2) * 0.9))
        font = text_font(round(size), bold=tile.printed)
        painter.setFont(font)
        if QFontMetricsF(font).horizontalAdvance(label) > cell.width() - 4:
            label = tile.name
        painter.setPen(GRID_COLOUR if tile.printed else QColor("#8a8a93"))
        painter.drawText(cell.adjusted(3, 2, -2, -2), Qt.AlignmentFlag.AlignLeft, label)

    def paint_trim_marks(self, painter: QPainter, sheet: QRectF) -> None:
        """Corner marks just outside the sheet's part of the chart, to cut along."""
        painter.setPen(QPen(QColor("#1f1f24"), 0.5))
        gap = TRIM_MARK / 3
        for corner, dx, dy in (
            (sheet.topLeft(), -1, -1),
            (sheet.topRight(), 1, -1),
            (sheet.bottomLeft(), -1, 1),
            (sheet.bottomRight(), 1, 1),
        ):
            x, y = corner.x(), corner.y()
            painter.drawLine(QPointF(x + dx * gap, y), QPointF(x + dx * (gap + TRIM_MARK), y))
            painter.drawLine(QPointF(x, y + dy * gap), QPointF(x, y + dy * (gap + TRIM_MARK)))

    def continuation_labels(
        self, marks: list[Continuation], source: QRectF, target: QRectF, scale: float
    ) -> list[tuple[QRectF, str]]:
        """Each mark's label and where it goes on the page: near where its line leaves
        the sheet, moved to the nearest room clear of cards and of the other labels."""
        metrics = QFontMetricsF(text_font(MARK_FONT, bold=True))
        cards = [
            (
                target.left() + (box.x - source.left()) * scale - LABEL_GAP,
                target.top() + (box.y - source.top()) * scale - LABEL_GAP,
                target.left() + (box.right - source.left()) * scale + LABEL_GAP,
                target.top() + (box.bottom - source.top()) * scale + LABEL_GAP,
            )
            for box in self.scene.layout.boxes.values()
            if box.x < source.right()
            and box.right > source.left()
            and box.y < source.bottom()
            and box.bottom > source.top()
        ]
        sheet = (target.left(), target.top(), target.right(), target.bottom())
        labels: list[tuple[QRectF, str]] = []
        for mark in marks:
            text = f"continues on {mark.other}" if mark.outgoing else f"reports to {mark.other}"
            size = metrics.boundingRect(text).size()
            width, height = size.width() + 4, size.height() + 2
            x = target.left() + (mark.x - source.left()) * scale - width / 2
            y = target.top() + (mark.y - source.top()) * scale - height / 2
            place = free_place((width, height), (x, y), sheet, cards)
            if place is None:  # a sheet packed full of cards: the label goes where wanted
                x = min(max(x, target.left()), target.right() - width)
                y = min(max(y, target.top()), target.bottom() - height)
                place = (x, y, x + width, y + height)
            cards.append(place)
            labels.append((QRectF(QPointF(*place[:2]), QPointF(*place[2:])), text))
        return labels

    def paint_continuations(
        self,
        painter: QPainter,
        marks: list[Continuation],
        source: QRectF,
        target: QRectF,
        scale: float,
    ) -> None:
        """Each mark as a small label at the sheet's edge where a line leaves it."""
        painter.setFont(text_font(MARK_FONT, bold=True))
        for label, text in self.continuation_labels(marks, source, target, scale):
            painter.setPen(QPen(GRID_COLOUR, 0.6))
            painter.setBrush(QColor("white"))
            painter.drawRoundedRect(label, 2, 2)
            painter.setPen(GRID_COLOUR)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, text)
