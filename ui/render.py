"""Export a chart to PDF, PNG or SVG, or print it, drawn exactly as on the canvas.

The chart is laid out and painted by the canvas' own scene (with text at
every scale, so PDF text stays selectable and searchable). Pages are either
one page fitted to the paper or, when that would make text unreadably small,
tiles at a readable scale. Everything here works headless (offscreen Qt).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtWidgets import QApplication

from orgmodel.atomic_write import write_atomically
from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.errors import printable
from orgmodel.export_target import RENDERED, ExportRefusedError, check_export, export_without_qt
from orgmodel.hierarchy import subtree_chart
from orgmodel.model import Chart
from orgmodel.rules import Finding, summary_line, validate
from orgmodel.tiling import TileGrid, Tiling, best_tiling, continuations
from ui.canvas import CARD_MARGIN, ChartScene
from ui.document import ChartDocument
from ui.render_findings import FindingsPages
from ui.render_images import ImageWriter
from ui.render_options import (
    DEFAULT_OPTIONS,
    HEADER_PT,
    MARGIN_MM,
    ONE_PAGE_SCALE,
    PAGE_SIZES,
    READABLE_SCALE,
    ExportCancelled,
    ExportError,
    ExportOptions,
    Orientation,
    PageName,
    Paging,
    memory_file,
)
from ui.render_tiles import TilePages

__all__ = [
    "ChartRenderer",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "Orientation",
    "PageName",
    "Paging",
    "export_chart",
    "headless_application",
]

Progress = Callable[[int, int], bool]
"""Told (pages painted, pages in all) after each page; returns False to cancel."""


def headless_application() -> QGuiApplication:
    """The running Qt application, or a new one that needs no display."""
    existing = QApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(["orgmodel"])


class ChartRenderer(FindingsPages, ImageWriter, TilePages):
    def __init__(
        self,
        chart: Chart,
        options: ExportOptions = DEFAULT_OPTIONS,
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
        self._tilings: dict[tuple[tuple[float, float], ...], Tiling] = {}
        self.functions_present = {
            kind.function
            for role in self.chart
            if (kind := self.catalogue.kind(role.kind)) is not None
        }

    # --- pages --------------------------------------------------------------

    def page_layout(self) -> QPageLayout:
        """The paper; with orientation "auto", the one that shows the chart larger,
        or when the chart is tiled, the one that needs fewer sheets."""
        if self.options.orientation != "auto":
            return self._layout(self.options.orientation)
        portrait, landscape = self._layout("portrait"), self._layout("landscape")
        if self._tiled(portrait) and self._tiled(landscape):
            return (portrait, landscape)[self._best_tiling([portrait, landscape]).page]
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

    def _tiled(self, layout: QPageLayout) -> bool:
        """Whether the chart is cut into sheets on this paper."""
        paging = self.options.paging
        return paging == "tile" or (paging == "auto" and self._fit(layout) < ONE_PAGE_SCALE)

    def _best_tiling(self, layouts: list[QPageLayout]) -> Tiling:
        areas = [self._chart_area(layout) for layout in layouts]
        sizes = tuple((area.width(), area.height()) for area in areas)
        if sizes not in self._tilings:  # asked for the paper, then for its pages
            rect = self.chart_rect
            self._tilings[sizes] = best_tiling(
                self.scene.layout.boxes,
                (rect.left(), rect.top(), rect.right(), rect.bottom()),
                sizes,
                min(READABLE_SCALE, 1.0),
                margin=CARD_MARGIN,
            )
        tiling = self._tilings[sizes]
        # The best of several papers is also the best on its own paper.
        self._tilings.setdefault((sizes[tiling.page],), Tiling(0, tiling.scale, tiling.grid))
        return tiling

    def _tiling(self, layout: QPageLayout) -> tuple[float, TileGrid | None]:
        """The scale from scene px to page pt, and the grid of sheets (None: one page)."""
        if not self._tiled(layout):
            return self._fit(layout), None
        tiling = self._best_tiling([layout])
        return tiling.scale, tiling.grid

    def pages(self, layout: QPageLayout) -> tuple[float, list[QRectF]]:
        """The scale from scene px to page pt, and the part of the chart on each page.

        Big charts are cut into a grid of sheets at gaps between cards where one
        is near (orgmodel.tiling); sheets with no card on them are left out.
        """
        scale, grid = self._tiling(layout)
        if grid is None:
            return scale, [self.chart_rect]
        return scale, [_rect(tile.rect) for tile in grid.printed]

    def paint_pages(
        self,
        device: QPagedPaintDevice,
        *,
        keep_device_layout: bool = False,
        progress: Progress | None = None,
    ) -> int:
        """Paint every page on a PDF writer or printer; returns the number of pages.

        ``keep_device_layout`` keeps the paper the user chose in a print dialog.
        A tiled chart starts with an overview page showing how its sheets fit.
        ``progress`` returning False stops with ExportCancelled.
        """
        if keep_device_layout:
            layout = device.pageLayout()
        else:
            layout = self.page_layout()
            device.setPageLayout(layout)
        scale, grid = self._tiling(layout)
        tiles = grid.printed if grid is not None and len(grid.printed) > 1 else []
        sources = [_rect(tile.rect) for tile in tiles] or self.pages(layout)[1]
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
        summary = summary_line(self.findings)
        blocks = self._findings_blocks(layout) if self.options.findings else []
        total = len(sources) + len(blocks) + (1 if tiles else 0)
        pages = 0
        marks = {}
        if grid is not None and tiles:
            managers = {role.id: role.manager for role in self.chart}
            marks = continuations(grid, self.scene.layout.boxes, managers)
            pages += 1
            self._paint_header(painter, area, summary, pages, total, sheet="overview")
            self.paint_overview(painter, area, grid)
            _report(progress, pages, total, painter)
        # The scene keeps lines in strips cut at their edges, so a page carries
        # the lines of its own strips, not the whole chart's.
        for index, source in enumerate(sources):
            if pages:
                device.newPage()
            pages += 1
            name = tiles[index].name if tiles else None
            self._paint_header(painter, area, summary, pages, total, sheet=name)
            target = QRectF(area.topLeft(), QSizeF(source.width() * scale, source.height() * scale))
            self.scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
            if name is not None:
                self.paint_trim_marks(painter, target)
                self.paint_continuations(painter, marks.get(name, []), source, target, scale)
            if self.options.legend:
                self._paint_legend(painter, area.bottom() + 8, area.width())
            _report(progress, pages, total, painter)
        if blocks:
            pages += self._paint_findings(
                painter, device, layout, blocks, summary, pages, total - len(blocks)
            )
        painter.end()
        return pages

    # --- files --------------------------------------------------------------

    def write_pdf(self, path: Path, progress: Progress | None = None) -> int:
        """The PDF, made in memory and then written whole: a cancelled or failed
        export leaves the file that was there as it was."""
        buffer = memory_file()
        writer = QPdfWriter(buffer)
        writer.setResolution(300)
        writer.setCreator("Orgmodel")
        writer.setTitle(self.chart.name)
        pages = self.paint_pages(writer, progress=progress)
        del writer  # finishes the document
        write_atomically(path, buffer.data().data())
        return pages


def _rect(rect: tuple[float, float, float, float]) -> QRectF:
    return QRectF(QPointF(rect[0], rect[1]), QPointF(rect[2], rect[3]))


def _report(progress: Progress | None, done: int, total: int, painter: QPainter) -> None:
    if progress is not None and not progress(done, total):
        painter.end()
        raise ExportCancelled("the export was cancelled; the file was left as it was")


def export_chart(
    chart: Chart,
    path: Path,
    options: ExportOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> str:
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
        pages = renderer.write_pdf(path, progress)
        return f"Wrote {printable(str(path))} ({pages} page{'s' if pages != 1 else ''})."
    if suffix == ".png":
        size = renderer.write_png(path)
        pixels = f"{size.width()}x{size.height()} pixels at {options.dpi} dpi"
        return f"Wrote {printable(str(path))} ({pixels})."
    renderer.write_svg(path)
    return f"Wrote {printable(str(path))}."
