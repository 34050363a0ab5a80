"""Export a chart to PDF, PNG or SVG, or print it, drawn exactly as on the canvas.

The chart is laid out and painted by the canvas' own scene (with text at
every scale, so PDF text stays selectable and searchable). Pages are either
one page fitted to the paper or, when that would make text unreadably small,
tiles at a readable scale. Everything here works headless (offscreen Qt).
"""

from __future__ import annotations

import math
import os
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from attrs import frozen
from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from orgmodel.atomic_write import write_atomically
from orgmodel.catalogue import FUNCTIONS, Catalogue, load_catalogue
from orgmodel.display_text import shown
from orgmodel.errors import printable
from orgmodel.export_target import RENDERED, ExportRefusedError, check_export, export_without_qt
from orgmodel.hierarchy import subtree_chart
from orgmodel.memory import raster_memory_problem, raster_refusal
from orgmodel.model import Chart
from orgmodel.paging import page_rects
from orgmodel.rules import Finding, summary_line, validate
from orgmodel.rules.rule import SEVERITIES
from ui.appearance import FUNCTION_COLOURS, SEVERITY_COLOURS, UNCLASSIFIED_COLOUR, text_font
from ui.canvas import CARD_MARGIN, ChartScene, LayoutEngine, LineLayer
from ui.document import ChartDocument

PageName = Literal["a4", "letter", "a3"]
Orientation = Literal["auto", "portrait", "landscape"]
Paging = Literal["auto", "one", "tile"]

PAGE_SIZES = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
    "a3": QPageSize.PageSizeId.A3,
}
SCENE_DPI = 96.0
"""Scene units are CSS pixels: 96 to the inch."""
READABLE_SCALE = 0.32
"""Smallest scale (scene px to page pt) at which card text is still readable on paper:
a 13 px title or name prints at about 4.2 pt, the kind line at 3.2 pt."""
MARGIN_MM = 10.0
HEADER_PT = 22.0
LEGEND_ROW = 14.0
"""The height of a row of the legend."""
LEGEND_SAMPLE = 26.0
"""Room for a line style's sample in the legend, its label after it."""
IMAGE_MARGIN = 12.0
IMAGE_TEXT = 1.4
"""An image's title and legend are this much larger than a page's: an image is
seen at its own size, a page's text at the size of print."""
IMAGE_TITLE = 40.0
"""Above an image's chart (with the legend on): the title line."""
IMAGE_LEGEND = 30.0
"""Below an image's chart (with the legend on): the legend."""
MAX_IMAGE_PIXELS = 100_000_000
"""About 400 MB of image memory; larger PNGs need a lower DPI or a subtree."""


def headless_application() -> QGuiApplication:
    """The running Qt application, or a new one that needs no display."""
    existing = QApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(["orgmodel"])


class ExportError(Exception):
    """An export that cannot be made; str() is one sentence for the user."""


@frozen
class ExportOptions:
    page: PageName = "a4"
    orientation: Orientation = "auto"
    paging: Paging = "auto"
    dpi: int = 96
    subtree: str | None = None
    names: bool = True
    markers: bool = True
    legend: bool = True
    findings: bool = False
    """Add pages (PDF, print) listing the findings."""
    layout: LayoutEngine = "tidy"
    """The canvas' layout: the compact tidy tree, or Graphviz dot where it is fast enough."""
    collapsed: frozenset[str] = frozenset()
    """Roles whose teams are folded away, as on the canvas."""


class ChartRenderer:
    def __init__(
        self,
        chart: Chart,
        options: ExportOptions = ExportOptions(),
        catalogue: Catalogue | None = None,
    ) -> None:
        self.options = options
        self.catalogue = catalogue or load_catalogue()
        self.findings = validate(chart)
        whole_chart_findings: list[Finding] | None = self.findings
        if options.subtree is not None:
            if options.subtree not in chart:
                raise ExportError(f"there is no role {options.subtree!r} in {chart.name}")
            chart = subtree_chart(chart, options.subtree)
            kept = {role.id for role in chart}
            self.findings = [f for f in self.findings if kept.intersection(f.roles)]
            whole_chart_findings = None  # the subtree's document validates it alone
        self.chart = chart
        self.document = ChartDocument(chart, findings=whole_chart_findings)
        self.scene = ChartScene(
            self.document,
            self.catalogue,
            names=options.names,
            markers=options.markers,
            full_detail=True,
            engine=options.layout,
            collapsed=options.collapsed,
            # A subtree is marked with the whole chart's findings, not its own.
            findings=self.findings,
        )
        self.chart_rect = self.scene.chart_rect().adjusted(-12, -12, 12, 12)
        self.functions_present = {
            kind.function
            for role in self.chart
            if (kind := self.catalogue.kind(role.kind)) is not None
        }

    # --- pages --------------------------------------------------------------

    def page_layout(self) -> QPageLayout:
        """The paper; with orientation "auto", the one that shows the chart larger."""
        if self.options.orientation != "auto":
            return self._layout(self.options.orientation)
        portrait, landscape = self._layout("portrait"), self._layout("landscape")
        return portrait if self._fit(portrait) > self._fit(landscape) else landscape

    def _layout(self, orientation: Literal["portrait", "landscape"]) -> QPageLayout:
        return QPageLayout(
            QPageSize(PAGE_SIZES[self.options.page]),
            QPageLayout.Orientation.Landscape
            if orientation == "landscape"
            else QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )

    def _fit(self, layout: QPageLayout) -> float:
        """Scale at which the whole chart fits the page's chart area."""
        area = self._chart_area(layout)
        rect = self.chart_rect
        return min(area.width() / rect.width(), area.height() / rect.height(), 1.0)

    def _chart_area(self, layout: QPageLayout) -> QRectF:
        """Where the chart goes on a page, in points, below the header."""
        page = layout.paintRect(QPageLayout.Unit.Point)
        legend = 10 + self.legend_size(page.width()).height() if self.options.legend else 0.0
        return QRectF(0, HEADER_PT, page.width(), page.height() - HEADER_PT - legend - 14)

    def pages(self, layout: QPageLayout) -> tuple[float, list[QRectF]]:
        """The scale from scene px to page pt, and the part of the chart on each page.

        Big charts are cut into pages at gaps between cards where one is near
        (orgmodel.paging), column by column.
        """
        area = self._chart_area(layout)
        rect = self.chart_rect
        fit = self._fit(layout)
        paging = self.options.paging
        if paging == "one" or (paging == "auto" and fit >= READABLE_SCALE):
            return fit, [rect]
        scale = max(fit, READABLE_SCALE) if paging == "auto" else min(READABLE_SCALE, 1.0)
        bounds = (rect.left(), rect.top(), rect.right(), rect.bottom())
        pages = page_rects(
            self.scene.layout.boxes,
            bounds,
            area.width() / scale,
            area.height() / scale,
            margin=CARD_MARGIN,
        )
        return scale, [QRectF(QPointF(x0, y0), QPointF(x1, y1)) for x0, y0, x1, y1 in pages]

    def paint_pages(self, device: QPagedPaintDevice, *, keep_device_layout: bool = False) -> int:
        """Paint every page on a PDF writer or printer; returns the number of pages.

        ``keep_device_layout`` keeps the paper the user chose in a print dialog.
        """
        if keep_device_layout:
            layout = device.pageLayout()
        else:
            layout = self.page_layout()
            device.setPageLayout(layout)
        scale, sources = self.pages(layout)
        area = self._chart_area(layout)
        painter = QPainter(device)
        if not painter.isActive():
            raise ExportError("the output could not be opened for writing")
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        # Work in points whatever the device's resolution.
        points = device.logicalDpiX() / 72.0
        painter.scale(points, points)
        pages = 0
        total = len(sources)
        # The scene keeps lines in strips cut at their edges, so a page carries
        # the lines of its own strips, not the whole chart's.
        summary = summary_line(self.findings)
        blocks = self._findings_blocks(layout) if self.options.findings else []
        for source in sources:
            if pages:
                device.newPage()
            pages += 1
            self._paint_header(painter, area, summary, pages, total + len(blocks))
            target = QRectF(area.topLeft(), QSizeF(source.width() * scale, source.height() * scale))
            self.scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
            if self.options.legend:
                self._paint_legend(painter, area.bottom() + 8, area.width())
        if blocks:
            pages += self._paint_findings(painter, device, layout, blocks, summary, pages, total)
        painter.end()
        return pages

    def _line_layers(self) -> dict[str, LineLayer]:
        """The canvas' line styles, by what the legend calls them."""
        scene = self.scene
        return {
            "reports to": scene.solid_lines,
            "dotted line": scene.dotted_lines,
            "reporting loop": scene.loop_lines,
        }

    def _paint_header(
        self, painter: QPainter, area: QRectF, summary: str, page: int | None, total: int
    ) -> None:
        """The chart's name and stage, and its findings, the date and the page (if any)."""
        painter.setPen(QColor("#1f1f24"))
        painter.setFont(text_font(11, bold=True))
        painter.drawText(QRectF(0, 0, area.width(), 16), Qt.AlignmentFlag.AlignLeft, self._title())
        painter.setFont(text_font(8))
        painter.setPen(QColor("#5f5f68"))
        right = f"{summary} · {self._summary(page, total)}"
        painter.drawText(QRectF(0, 2, area.width(), 16), Qt.AlignmentFlag.AlignRight, right)

    def _title(self) -> str:
        return f"{self.chart.name} — {self.chart.stage.value} business"

    def _summary(self, page: int | None, total: int) -> str:
        """The date, and the page when there are pages."""
        text = date.today().isoformat()
        return text if page is None else f"{text} · page {page} of {total}"

    @cached_property
    def legend_entries(self) -> list[tuple[str, str, str]]:
        """(colour, label, how it is drawn: "box", "dot" or a line style's name)."""
        present = self.functions_present
        entries = [(FUNCTION_COLOURS[f], f.capitalize(), "box") for f in FUNCTIONS if f in present]
        if any(self.catalogue.kind(role.kind) is None for role in self.chart):
            entries.append((UNCLASSIFIED_COLOUR, "unclassified", "box"))
        for name, layer in self._line_layers().items():
            if layer.strips:  # the chart has lines of this style
                entries.append((layer.pen.color().name(), name, name))
        if self.options.markers:
            entries += [(SEVERITY_COLOURS[s], f"{s} finding", "dot") for s in SEVERITIES]
        return entries

    def _legend_places(
        self, width: float | None
    ) -> list[tuple[QPointF, float, tuple[str, str, str]]]:
        """Where each legend entry goes and how far its label starts from there:
        in rows no wider than ``width`` (None: all in one row)."""
        metrics = QFontMetricsF(text_font(8))
        lines = self._line_layers()
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
        lines = self._line_layers()
        for place, sample, (colour, label, drawn) in self._legend_places(width):
            x, y = place.x(), top + place.y()
            if drawn in lines:
                pen = QPen(lines[drawn].pen)
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

    def _findings_blocks(self, layout: QPageLayout) -> list[list[tuple[Finding, float]]]:
        """Findings split into pages, each with the height its text needs."""
        width = layout.paintRect(QPageLayout.Unit.Point).width()
        available = layout.paintRect(QPageLayout.Unit.Point).height() - HEADER_PT - 20
        metrics = QFontMetricsF(text_font(9))
        pages: list[list[tuple[Finding, float]]] = [[]]
        used = 0.0
        for finding in self.findings:
            text = _finding_text(finding)
            height = (
                metrics.boundingRect(
                    QRectF(0, 0, width - 16, 10_000), Qt.TextFlag.TextWordWrap, text
                ).height()
                + 6
            )
            if used + height > available and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append((finding, height))
            used += height
        return pages if self.findings else [[]]

    def _paint_findings(
        self,
        painter: QPainter,
        device: QPagedPaintDevice,
        layout: QPageLayout,
        blocks: list[list[tuple[Finding, float]]],
        summary: str,
        done: int,
        charts: int,
    ) -> int:
        width = layout.paintRect(QPageLayout.Unit.Point).width()
        total = charts + len(blocks)
        for number, block in enumerate(blocks, start=done + 1):
            device.newPage()
            self._paint_header(painter, QRectF(0, 0, width, 0), summary, number, total)
            painter.setFont(text_font(10, bold=True))
            painter.setPen(QColor("#1f1f24"))
            heading = "Findings" if block or not self.findings else "Findings (continued)"
            if not self.findings:
                heading = "Findings: none — the chart follows every rule that is switched on."
            painter.drawText(QPointF(0, HEADER_PT + 4), heading)
            y = HEADER_PT + 14
            painter.setFont(text_font(9))
            for finding, height in block:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(SEVERITY_COLOURS[finding.severity]))
                painter.drawEllipse(QRectF(0, y + 3, 8, 8))
                painter.setPen(QColor("#1f1f24"))
                painter.drawText(
                    QRectF(16, y, width - 16, height),
                    Qt.TextFlag.TextWordWrap,
                    _finding_text(finding),
                )
                y += height
        return len(blocks)

    # --- files --------------------------------------------------------------

    def write_pdf(self, path: Path) -> int:
        buffer = _memory_file()
        writer = QPdfWriter(buffer)
        writer.setResolution(300)
        writer.setCreator("Orgmodel")
        writer.setTitle(self.chart.name)
        pages = self.paint_pages(writer)
        del writer  # finishes the document
        write_atomically(path, buffer.data().data())
        return pages

    def _image_frame(self) -> tuple[QSizeF, QRectF]:
        """An image's size and where its chart goes, in scene units: with the
        legend on, a title line above the chart and the legend below it."""
        rect = self.chart_rect
        if not self.options.legend:
            return rect.size(), QRectF(QPointF(0, 0), rect.size())
        title = QFontMetricsF(text_font(11, bold=True)).horizontalAdvance(self._title())
        right = f"{summary_line(self.findings)} · {self._summary(None, 0)}"
        summary = QFontMetricsF(text_font(8)).horizontalAdvance(right)
        text = max(self.legend_size().width(), title + 24 + summary)
        width = max(rect.width(), text * IMAGE_TEXT + 2 * IMAGE_MARGIN)
        chart = QRectF(QPointF(0, IMAGE_TITLE), rect.size())
        return QSizeF(width, IMAGE_TITLE + rect.height() + IMAGE_LEGEND), chart

    def _paint_image(self, painter: QPainter, scale: float) -> None:
        """Title, chart and legend (as the options say) on an image of ``image_size``."""
        painter.scale(scale, scale)
        size, chart = self._image_frame()
        self.scene.render(painter, chart, self.chart_rect)
        if not self.options.legend:
            return
        painter.save()
        painter.translate(IMAGE_MARGIN, IMAGE_MARGIN)
        painter.scale(IMAGE_TEXT, IMAGE_TEXT)
        width = (size.width() - 2 * IMAGE_MARGIN) / IMAGE_TEXT
        self._paint_header(painter, QRectF(0, 0, width, 0), summary_line(self.findings), None, 0)
        self._paint_legend(painter, (chart.bottom() - IMAGE_MARGIN) / IMAGE_TEXT)
        painter.restore()

    def image_size(self) -> QSize:
        factor = self.options.dpi / SCENE_DPI
        size, _chart = self._image_frame()
        return QSize(math.ceil(size.width() * factor), math.ceil(size.height() * factor))

    def write_png(self, path: Path) -> QSize:
        size = self.image_size()
        if size.width() * size.height() > MAX_IMAGE_PIXELS:
            raise ExportError(
                f"a {size.width()}x{size.height()} image is too large; lower the DPI "
                "or export a subtree"
            )
        problem = raster_memory_problem(size.width(), size.height(), self.options.dpi)
        if problem is not None:
            raise ExportError(problem)
        image = QImage(size, QImage.Format.Format_ARGB32)
        if image.isNull():  # Qt could not allocate it
            raise ExportError(raster_refusal(size.width(), size.height(), self.options.dpi, None))
        image.setDotsPerMeterX(round(self.options.dpi / 0.0254))
        image.setDotsPerMeterY(round(self.options.dpi / 0.0254))
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self._paint_image(painter, self.options.dpi / SCENE_DPI)
        painter.end()
        buffer = _memory_file()
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs want bytes; only str works
            raise ExportError("the image could not be encoded as PNG")
        del image
        write_atomically(path, buffer.data().data())
        return size

    def write_svg(self, path: Path) -> None:
        buffer = _memory_file()
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setTitle(self.chart.name)
        generator.setDescription("Organisation chart exported by Orgmodel")
        frame, _chart = self._image_frame()
        size = QSize(math.ceil(frame.width()), math.ceil(frame.height()))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        painter = QPainter(generator)
        if not painter.isActive():
            raise ExportError("the SVG could not be started")
        self._paint_image(painter, 1.0)
        painter.end()
        del generator
        write_atomically(path, buffer.data().data())


def _memory_file() -> QBuffer:
    """Where an export is made before it replaces the file whole (see write_atomically)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return buffer


def _finding_text(finding: Finding) -> str:
    return (
        f"{finding.severity.upper()} [{finding.rule}] {shown(finding.message)}\n"
        f"Fix: {shown(finding.suggestion)}\nSource: {finding.source}"
    )


def export_chart(chart: Chart, path: Path, options: ExportOptions = ExportOptions()) -> str:
    """Write ``chart`` in the format ``path``'s suffix names; says what was written.

    The file is replaced whole or not at all. A target that cannot be written
    is refused (TargetNotWritableError, an OSError) before any work is done;
    the checks and the exports that need no painter are orgmodel.export_target's.
    """
    try:
        suffix = check_export(chart, path, options.subtree)
        if suffix not in RENDERED:
            return export_without_qt(
                chart, path, names=options.names, findings=options.findings, subtree=options.subtree
            )
    except ExportRefusedError as error:
        raise ExportError(str(error)) from None
    renderer = ChartRenderer(chart, options)
    if suffix == ".pdf":
        pages = renderer.write_pdf(path)
        return f"Wrote {printable(str(path))} ({pages} page{'s' if pages != 1 else ''})."
    if suffix == ".png":
        size = renderer.write_png(path)
        pixels = f"{size.width()}x{size.height()} pixels at {options.dpi} dpi"
        return f"Wrote {printable(str(path))} ({pixels})."
    renderer.write_svg(path)
    return f"Wrote {printable(str(path))}."
