"""A tiled PDF's pages besides the chart itself: the overview page with the grid
of sheets, and on each sheet its name, trim marks and "continues on" marks."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from orgmodel.layout import Box
from orgmodel.paging import BoxesByLeft, Rect, free_place
from orgmodel.tiling import Continuation, Tile, TileGrid, column_name, overview_bands
from ui.appearance import FUNCTION_COLOURS, UNCLASSIFIED_COLOUR, text_font
from ui.render_furniture import PageFurniture

TRIM_MARK = 9.0
"""Length of a trim mark, in points; it starts this far/3 outside the sheet's corner."""
GRID_COLOUR = QColor("#c0392b")
MARK_FONT = 7
"""A continuation mark's text size in points: small, but above 6 pt on paper."""
SHEET_LIST_COLUMN = 260.0
SHEET_LIST_ROW = 12.0
BAND_GAP = 14.0
"""Room above each band of the overview's grid, for the band's column letters."""
LABEL_GAP = 1.5
"""Points kept between a continuation mark and any card, so it never touches one."""


class TilePages(PageFurniture):
    """The part of ChartRenderer that draws what makes tiles fit together."""

    _by_left: tuple[Mapping[str, Box], BoxesByLeft] | None = None
    """The cards sorted by their left edge, for the layout they were sorted from."""

    def paint_overview(self, painter: QPainter, area: QRectF, grid: TileGrid) -> None:
        """The whole chart small, as card blocks, with the sheet grid over it: each
        printed sheet named where its cell has room, each sheet left out marked
        empty. A grid too wide for the page is folded into bands of columns."""
        xs, ys = grid.xs, grid.ys
        printed = grid.printed
        painter.setFont(text_font(9, bold=True))
        painter.setPen(QColor("#1f1f24"))
        painter.drawText(
            QPointF(area.left(), area.top() + 10),
            f"How the {len(printed)} sheets fit together: lay them side by side as in this grid.",
        )
        font = text_font(8)
        painter.setFont(font)
        example = printed[-1]
        rule = (
            "Sheets are named like map squares: column letters (A, B … Z, AA, AB …, left "
            "to right), then row number (1, 2 …, top to bottom); "
            f"{example.name} is column {column_name(example.column)}, row {example.row + 1}."
        )
        wrap = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        space = QRectF(area.left(), area.top() + 14, area.width(), 40)
        used = QFontMetricsF(font).boundingRect(space, wrap, rule)
        painter.drawText(space, wrap, rule)
        top = used.bottom() + 6
        list_room = min(self._sheet_list_height(area.width(), len(printed)), area.height() * 0.4)
        scale, bands = overview_bands(
            xs, ys, area.width(), area.bottom() - top - list_room, BAND_GAP
        )
        tall = (ys[-1] - ys[0]) * scale
        for band in bands:
            first, last = column_name(band[0]), column_name(band[-1])
            painter.setFont(text_font(8, bold=True))
            painter.setPen(GRID_COLOUR)
            painter.drawText(QPointF(area.left(), top + 9), f"columns {first} to {last}")
            top += BAND_GAP
            left, right = xs[band[0]], xs[band[-1] + 1]
            self._paint_overview_band(
                painter, area.left(), top, scale, (left, ys[0], right, ys[-1])
            )
            for tile in grid.tiles:
                if tile.column in band:
                    x0, y0, x1, y1 = tile.rect
                    cell = QRectF(
                        area.left() + (x0 - left) * scale,
                        top + (y0 - ys[0]) * scale,
                        (x1 - x0) * scale,
                        (y1 - y0) * scale,
                    )
                    self._paint_cell(painter, tile, cell)
            top += tall
        below = top + 18
        room = QRectF(area.left(), below, area.width(), area.bottom() - below)
        self._paint_sheet_list(painter, room, grid)

    def _paint_overview_band(
        self, painter: QPainter, left: float, top: float, scale: float, part: Rect
    ) -> None:
        """The cards and lines in ``part`` of the chart, small, from (left, top) on."""
        x0, y0, x1, y1 = part

        def at(x: float, y: float) -> QPointF:
            return QPointF(left + (x - x0) * scale, top + (y - y0) * scale)

        boxes = self.scene.layout.boxes
        painter.save()
        painter.setClipRect(QRectF(at(x0, y0), at(x1, y1)))
        painter.setPen(QPen(QColor("#9a9aa3"), 0.3))
        painter.drawLines(
            [
                QLineF(at(manager.center_x, manager.bottom), at(report.center_x, report.y))
                for role in self.chart
                if (report := boxes.get(role.id)) is not None
                and role.manager is not None
                and (manager := boxes.get(role.manager)) is not None
                and min(report.center_x, manager.center_x) <= x1
                and max(report.center_x, manager.center_x) >= x0
            ]
        )
        painter.setPen(Qt.PenStyle.NoPen)
        by_colour: dict[str, list[QRectF]] = {}
        for role in self.chart:
            box = boxes.get(role.id)
            if box is None or box.right < x0 or box.x > x1:
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
        painter.restore()

    @staticmethod
    def _sheet_list_height(width: float, sheets: int) -> float:
        """Room the list of sheets takes when all of them are listed."""
        columns = max(1, int(width // SHEET_LIST_COLUMN))
        return 18 + math.ceil(sheets / columns) * SHEET_LIST_ROW

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
        columns = max(1, int(room.width() // SHEET_LIST_COLUMN))
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
        metrics = QFontMetricsF(font)
        if metrics.horizontalAdvance(label) > cell.width() - 4:
            label = tile.name
        room = cell.width() - metrics.horizontalAdvance(label)
        if room < 1 or metrics.height() > cell.height():
            return  # too small to name: the naming rule above the grid says how to find it
        place = cell.adjusted(min(3.0, room / 2), 2, 0, -2)
        # A light backing keeps the name readable over the card blocks.
        backing = metrics.boundingRect(place, Qt.AlignmentFlag.AlignLeft, label)
        painter.fillRect(backing.adjusted(-1, 0, 1, 0), QColor(255, 255, 255, 190))
        painter.setPen(GRID_COLOUR if tile.printed else QColor("#8a8a93"))
        painter.drawText(place, Qt.AlignmentFlag.AlignLeft, label)

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
            for box in self._boxes_across(source.left(), source.right())
            if box.y < source.bottom() and box.bottom > source.top()
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

    def _boxes_across(self, left: float, right: float) -> list[Box]:
        """The cards reaching between x ``left`` and ``right``."""
        boxes = self.scene.layout.boxes
        if self._by_left is None or self._by_left[0] is not boxes:
            self._by_left = (boxes, BoxesByLeft(boxes.values()))
        return self._by_left[1].across(left, right)

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
