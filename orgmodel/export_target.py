"""The files a chart exports to, the checks made before any export work, and
the exports that need no Qt (PowerPoint and Graphviz DOT).

The command line and the app both export through here, so a refused target
reads the same in both, and PowerPoint is written one way.
"""

from __future__ import annotations

from pathlib import Path

from orgmodel.atomic_write import check_writable, resolved_target, write_atomically
from orgmodel.errors import printable
from orgmodel.graphviz_layout import write_dot
from orgmodel.hierarchy import subtree_chart
from orgmodel.model import Chart
from orgmodel.pptx_export import chart_to_pptx
from orgmodel.wording import counted

EXPORT_FORMATS = {
    ".pdf": "PDF document",
    ".png": "PNG image",
    ".svg": "SVG drawing",
    ".pptx": "PowerPoint slides",
    ".dot": "Graphviz DOT",
}
"""Suffix -> what the file is, in the order a file dialog offers them."""
RENDERED = frozenset({".pdf", ".png", ".svg"})
"""The formats drawn by the canvas' painter: they need Qt."""


class ExportRefusedError(ValueError):
    """An export that cannot be made as asked; ``str()`` says why, in one clause."""


def check_export(chart: Chart, target: Path, subtree: str | None) -> str:
    """The target's format (its suffix), once the export is known to be possible:
    a known format, a role that is there, a file that can be written (else
    ExportRefusedError, or TargetNotWritableError, an OSError)."""
    suffix = target.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        raise ExportRefusedError(
            f"cannot export to {printable(target.name)!r}: use .pdf, .png, .svg, .pptx or .dot"
        )
    if subtree is not None and subtree not in chart:
        raise ExportRefusedError(f"there is no role {subtree!r} in {printable(chart.name)}")
    check_writable(resolved_target(target))
    return suffix


def export_without_qt(
    chart: Chart,
    target: Path,
    *,
    names: bool = True,
    findings: bool = False,
    subtree: str | None = None,
) -> str:
    """Write a PowerPoint or DOT export whole (or not at all); says what was written."""
    suffix = check_export(chart, target, subtree)
    if suffix == ".dot":
        write_dot(chart, target, names=names, subtree=subtree)
        return f"Wrote {printable(str(target))}."
    if suffix != ".pptx":
        raise ExportRefusedError(f"{suffix} is drawn by the app's painter, which needs Qt")
    part = chart if subtree is None else subtree_chart(chart, subtree)
    handout = chart_to_pptx(part, names=names, findings=findings)
    write_atomically(target, handout.data)
    return f"Wrote {printable(str(target))}: {counted(handout.slides, 'slide')}."
