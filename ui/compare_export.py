"""The compare as a PDF: the summary, every change and the findings resolved and new."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from orgmodel.diff import ChartDiff
from orgmodel.rules import Finding
from orgmodel.wording import counted


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


def export_changes_pdf(diff: ChartDiff, baseline: str, current: str, target: Path) -> None:
    """Write the compare to ``target`` as PDF; OSError when it cannot be written."""
    if not target.parent.is_dir():
        raise OSError(f"there is no folder {target.parent}")
    writer = QPdfWriter(str(target))
    writer.setTitle(f"{current} compared with {baseline}")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    document = QTextDocument()
    document.setHtml(changes_html(diff, baseline, current))
    document.print_(writer)
    del writer  # finishes the file
    if not target.exists() or target.stat().st_size == 0:
        raise OSError(f"{target.name} could not be written")
