"""Running an export from the window: a busy cursor, a progress dialog with Cancel
for PDFs of many pages, and the sentence for a file that could not be written.

The pages are painted in the GUI thread, not on a worker: the chart is drawn by a
QGraphicsScene, which like the rest of Qt's graphics view may only be used from
the thread that owns it, and a QPdfWriter is painted by one thread from start to
end. So events are processed between pages instead: the dialog repaints and
Cancel is seen. The dialog is window-modal, so the chart cannot be edited while
it is being exported.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from orgmodel.atomic_write import TargetNotWritableError
from orgmodel.errors import printable
from orgmodel.model import Chart
from orgmodel.photos import resolved_photos
from ui.document import ChartDocument
from ui.progress_dialog import progress_dialog
from ui.render import ExportCancelled, ExportOptions, export_chart


class ExportProgress:
    """Told after each page; says whether to go on."""

    def __init__(self, parent: QWidget, name: str) -> None:
        self.dialog = progress_dialog(parent, "Export", f"Exporting {name}…", 1)

    def __enter__(self) -> ExportProgress:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        QApplication.restoreOverrideCursor()
        self.dialog.close()
        self.dialog.deleteLater()

    def __call__(self, done: int, total: int) -> bool:
        self.dialog.setMaximum(total)
        self.dialog.setLabelText(f"{self.dialog.labelText().split(':')[0]}: page {done} of {total}")
        self.dialog.setValue(done)  # a modal dialog processes events here
        QApplication.processEvents()
        return not self.dialog.wasCanceled()


def drawn_chart(document: ChartDocument) -> Chart:
    """The document's chart as exports and prints draw it, which have no file of
    their own: relative photo paths read from the chart file's folder."""
    path = document.path
    return resolved_photos(document.chart, path.parent if path else None)


def export_with_progress(
    parent: QWidget, chart: Chart, target: Path, options: ExportOptions
) -> str | None:
    """What export_chart says it wrote; None if the user cancelled (nothing written)."""
    try:
        with ExportProgress(parent, printable(target.name)) as progress:
            return export_chart(chart, target, options, progress=progress)
    except ExportCancelled:
        return None


def cannot_write(target: Path, error: OSError) -> str:
    """One sentence naming the file and why it could not be written (Orgmodel did not
    replace it; whether another program changed it is not known)."""
    if isinstance(error, TargetNotWritableError):
        return f"{error}."
    reason = printable(error.strerror or str(error))
    return f"{printable(target.name)} could not be written ({reason}); Orgmodel did not replace it."
