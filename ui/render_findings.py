"""The findings pages at the end of a PDF or print."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPagedPaintDevice, QPageLayout, QPainter

from orgmodel.display_text import shown
from orgmodel.rules import Finding
from ui.appearance import SEVERITY_COLOURS, text_font
from ui.render_furniture import PageFurniture
from ui.render_options import HEADER_PT


class FindingsPages(PageFurniture):
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


def _finding_text(finding: Finding) -> str:
    return (
        f"{finding.severity.upper()} [{finding.rule}] {shown(finding.message)}\n"
        f"Fix: {shown(finding.suggestion)}\nSource: {finding.source}"
    )
