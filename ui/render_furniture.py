"""What every page and image carries besides the chart: the header and the legend."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from orgmodel.catalogue import FUNCTIONS, Catalogue
from orgmodel.model import Chart
from orgmodel.rules import Finding
from orgmodel.rules.rule import SEVERITIES
from ui.appearance import FUNCTION_COLOURS, SEVERITY_COLOURS, UNCLASSIFIED_COLOUR, text_font
from ui.canvas import ChartScene
from ui.render_options import LEGEND_ROW, LEGEND_SAMPLE, ExportOptions


class PageFurniture:
    """The part of ChartRenderer that draws around the chart."""

    options: ExportOptions
    catalogue: Catalogue
    chart: Chart
    findings: list[Finding]
    scene: ChartScene
    functions_present: set[str]

    def _line_styles(self) -> dict[str, tuple[QPen, bool]]:
        """The canvas' line styles by what the legend calls them: each one's pen,
        and whether the chart has lines of that style."""
        scene = self.scene
        solid = any(card.lines or card.stub for card in scene.cards.values())
        return {
            "reports to": (scene.line_pen, solid),
            "dotted line": (scene.lines.dotted.pen, bool(scene.lines.dotted.strips)),
            "reporting loop": (scene.lines.loops.pen, bool(scene.lines.loops.strips)),
        }

    @cached_property
    def legend_entries(self) -> list[tuple[str, str, str]]:
        """(colour, label, how it is drawn: "box", "dot" or a line style's name)."""
        present = self.functions_present
        entries = [(FUNCTION_COLOURS[f], f.capitalize(), "box") for f in FUNCTIONS if f in present]
        if any(self.catalogue.kind(role.kind) is None for role in self.chart):
            entries.append((UNCLASSIFIED_COLOUR, "unclassified", "box"))
        for name, (pen, drawn) in self._line_styles().items():
            if drawn:
                entries.append((pen.color().name(), name, name))
        if self.options.markers:
            entries += [(SEVERITY_COLOURS[s], f"{s} finding", "dot") for s in SEVERITIES]
        return entries

    def _legend_places(
        self, width: float | None
    ) -> list[tuple[QPointF, float, tuple[str, str, str]]]:
        """Where each legend entry goes and how far its label starts from there:
        in rows no wider than ``width`` (None: all in one row)."""
        metrics = QFontMetricsF(text_font(8))
        lines = self._line_styles()
        places = []
        x = y = 0.0
        for entry in self.legend_entries:
            _colour, label, drawn = entry
            sample = LEGEND_SAMPLE if drawn in lines else 13.0
            advance = sample + metrics.horizontalAdvance(label)
            if width is not None and x > 0 and x + advance > width:
                x, y = 0.0, y + LEGEND_ROW
            places.append((QPointF(x, y), sample, entry))
            x += advance + 14
        return places

    def legend_size(self, width: float | None = None) -> QSizeF:
        """How much room the legend takes, in rows no wider than ``width``."""
        metrics = QFontMetricsF(text_font(8))
        places = self._legend_places(width)
        if not places:
            return QSizeF(0, 0)
        right = max(p.x() + sample + metrics.horizontalAdvance(e[1]) for p, sample, e in places)
        return QSizeF(right, places[-1][0].y() + LEGEND_ROW)

    def _paint_legend(self, painter: QPainter, top: float, width: float | None = None) -> None:
        """The legend from (0, ``top``), in rows no wider than ``width``."""
        painter.setFont(text_font(8))
        lines = self._line_styles()
        for place, sample, (colour, label, drawn) in self._legend_places(width):
            x, y = place.x(), top + place.y()
            if drawn in lines:
                pen = QPen(lines[drawn][0])
                pen.setWidthF(min(pen.widthF(), 1.4))
                painter.setPen(pen)
                painter.drawLine(QPointF(x, y + 5.5), QPointF(x + LEGEND_SAMPLE - 4, y + 5.5))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(colour))
                if drawn == "dot":
                    painter.drawEllipse(QRectF(x, y + 1, 9, 9))
                else:
                    painter.drawRect(QRectF(x, y + 1, 9, 9))
            painter.setPen(QColor("#33333a"))
            painter.drawText(QPointF(x + sample, y + 9), label)

    def _paint_header(
        self,
        painter: QPainter,
        area: QRectF,
        summary: str,
        page: int | None,
        total: int,
        sheet: str | None = None,
    ) -> None:
        """The chart's name and stage (and the sheet's name, on a tiled PDF), and its
        findings, the date and the page (if any)."""
        painter.setPen(QColor("#1f1f24"))
        painter.setFont(text_font(11, bold=True))
        right = f"{summary} · {self._summary(page, total)}"
        room = area.width() - QFontMetricsF(text_font(8)).horizontalAdvance(right) - 12
        title = self._title() if sheet is None else f"{self._title()} · sheet {sheet}"
        if sheet is not None:  # the sheet's name must show whole: the chart's name gives way
            suffix = f" · sheet {sheet}"
            font = QFontMetricsF(text_font(11, bold=True))
            name = font.elidedText(
                self._title(), Qt.TextElideMode.ElideRight, room - font.horizontalAdvance(suffix)
            )
            title = name + suffix
        painter.drawText(QRectF(0, 0, area.width(), 16), Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(text_font(8))
        painter.setPen(QColor("#5f5f68"))
        painter.drawText(QRectF(0, 2, area.width(), 16), Qt.AlignmentFlag.AlignRight, right)

    def _title(self) -> str:
        return f"{self.chart.name} — {self.chart.stage.value} business"

    def _summary(self, page: int | None, total: int) -> str:
        """The date, and the page when there are pages."""
        text = date.today().isoformat()
        return text if page is None else f"{text} · page {page} of {total}"
