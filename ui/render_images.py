"""PNG and SVG: the whole chart on one image, with its title and legend."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from orgmodel.atomic_write import write_atomically
from orgmodel.memory import raster_memory_problem, raster_refusal
from orgmodel.rules import summary_line
from ui.appearance import text_font
from ui.render_furniture import PageFurniture
from ui.render_options import (
    IMAGE_LEGEND,
    IMAGE_MARGIN,
    IMAGE_TEXT,
    IMAGE_TITLE,
    MAX_IMAGE_PIXELS,
    SCENE_DPI,
    ExportError,
    memory_file,
)


class ImageWriter(PageFurniture):
    chart_rect: QRectF

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
        buffer = memory_file()
        if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs want bytes; only str works
            raise ExportError("the image could not be encoded as PNG")
        del image
        write_atomically(path, buffer.data().data())
        return size

    def write_svg(self, path: Path) -> None:
        buffer = memory_file()
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
