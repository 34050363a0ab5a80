"""The compare as a PDF: the new chart with its changes marked, then the summary,
every change and the findings resolved and new."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from orgmodel.atomic_write import check_writable, resolved_target, write_atomically
from orgmodel.diff import ChartDiff
from orgmodel.rules import Finding
from orgmodel.wording import counted
from ui.appearance import text_font
from ui.compare_view import MARK_COLOURS, ChangeMark, marks_for
from ui.render import ChartRenderer, ExportOptions

PDF_DPI = 300
MARGIN_MM = 10.0
HEADER_PT = 40.0
"""Above the chart: the title line and the key to the marks."""
MARK_WORDS = {"moved": "moved", "added": "added", "changed": "changed"}


def _findings(title: str, findings: tuple[Finding, ...]) -> str:
    rows = "".join(
        f"<li><b>{escape(f.rule)}</b> ({f.severity}): {escape(f.message)}</li>" for f in findings
    )
    return f"<h3>{title} ({len(findings)})</h3><ul>{rows or '<li>none</li>'}</ul>"


def changes_html(diff: ChartDiff, baseline: str, current: str) -> str:
    before, after = diff.spans_before, diff.spans_after
    coverage = "".join(
        f"<li>{escape(c.function)}: "
        f"{c.before.core_covered if c.before else 0} → {c.after.core_covered if c.after else 0}"
        " core responsibilities held</li>"
        for c in diff.coverage
    )
    changes = "".join(f"<li>{escape(c.description)}</li>" for c in diff.changes)
    verdict = "adds an error finding" if diff.adds_error else "adds no error finding"
    return (
        f"<h2>{escape(current)} compared with {escape(baseline)}</h2>"
        f"<p>{counted(len(diff.old), 'role')} → {counted(len(diff.new), 'role')}; "
        f"the new version {verdict}. Coverage score {diff.score_before} → {diff.score_after}; "
        f"layers {before.layers} → {after.layers}; median span {before.median_span:g} → "
        f"{after.median_span:g}; managers with a single report "
        f"{len(before.single_report_managers)} → {len(after.single_report_managers)}.</p>"
        f"<ul>{coverage}</ul>"
        f"<h3>Changes ({len(diff.changes)})</h3><ul>{changes or '<li>none</li>'}</ul>"
        + _findings("Findings resolved", diff.resolved)
        + _findings("Findings new", diff.introduced)
    )


def mark_key(diff: ChartDiff) -> str:
    """What the coloured frames on the chart page mean, with how many of each."""
    marks = marks_for(diff)
    parts = []
    for how, word in MARK_WORDS.items():
        count = sum(1 for mark, _tag in marks.values() if mark == how)
        if count:
            parts.append(f"{word}: {count}")
    removed = sum(1 for change in diff.changes if change.kind == "removed")
    if removed:
        parts.append(f"removed (listed on the next page): {removed}")
    return " · ".join(parts) or "no changes"


def _paint_chart_page(
    painter: QPainter, writer: QPdfWriter, diff: ChartDiff, baseline: str, current: str
) -> None:
    """The new chart fitted to the page, every changed card framed as on the canvas."""
    renderer = ChartRenderer(diff.new, ExportOptions(paging="one", legend=False))
    for role_id, (how, tag) in marks_for(diff).items():
        card = renderer.scene.cards.get(role_id)
        if card is not None:
            ChangeMark(card, how, tag)
    # Room for the tags drawn above the top cards.
    source = renderer.chart_rect.adjusted(-8, -24, 8, 8)
    page = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    painter.save()
    points = writer.logicalDpiX() / 72.0
    painter.scale(points, points)
    painter.setPen(QColor("#1f1f24"))
    painter.setFont(text_font(12, bold=True))
    painter.drawText(
        QRectF(0, 0, page.width(), 18),
        Qt.AlignmentFlag.AlignLeft,
        f"{current} compared with {baseline}",
    )
    x = 0.0
    painter.setFont(text_font(8))
    for how, word in MARK_WORDS.items():
        painter.fillRect(QRectF(x, 24, 10, 8), QColor(MARK_COLOURS[how]))
        painter.setPen(QColor("#1f1f24"))
        painter.drawText(QPointF(x + 13, 31.5), word)
        x += 24 + painter.fontMetrics().horizontalAdvance(word)
    painter.setPen(QColor("#5f5f68"))
    painter.drawText(QPointF(x + 6, 31.5), mark_key(diff))
    area = QRectF(0, HEADER_PT, page.width(), page.height() - HEADER_PT)
    scale = min(area.width() / source.width(), area.height() / source.height(), 1.0)
    target = QRectF(area.topLeft(), QSizeF(source.width() * scale, source.height() * scale))
    renderer.scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.restore()


def _paint_text_pages(
    painter: QPainter, writer: QPdfWriter, diff: ChartDiff, baseline: str, current: str
) -> None:
    """The changes and findings as text, over as many pages as they take."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(changes_html(diff, baseline, current))
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(page.width(), page.height()))
    height = float(page.height())
    for index in range(document.pageCount()):
        writer.newPage()
        painter.save()
        painter.translate(0, -index * height)
        document.drawContents(painter, QRectF(0, index * height, page.width(), height))
        painter.restore()


def export_changes_pdf(diff: ChartDiff, baseline: str, current: str, target: Path) -> None:
    """Write the compare to ``target`` as PDF, replacing it whole or not at all;
    OSError when it cannot be written."""
    check_writable(resolved_target(target))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setCreator("Orgmodel")
    writer.setTitle(f"{current} compared with {baseline}")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"{target.name} could not be started")
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _paint_chart_page(painter, writer, diff, baseline, current)
    _paint_text_pages(painter, writer, diff, baseline, current)
    painter.end()
    del writer  # finishes the document
    write_atomically(target, buffer.data().data())
