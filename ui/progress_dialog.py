"""The progress dialog of long work in the window (exports, imports)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

SHOW_AFTER_MS = 400
"""Work quicker than this shows no dialog, only the busy cursor."""


def progress_dialog(parent: QWidget, title: str, label: str, maximum: int) -> QProgressDialog:
    """A window-modal dialog with Cancel, shown only once the work has taken
    SHOW_AFTER_MS, left open at its end for the caller to close (``maximum`` 0:
    busy, with no count yet)."""
    dialog = QProgressDialog(label, "Cancel", 0, maximum, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog
