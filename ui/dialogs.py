"""Pieces every dialog of the app shares."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    """OK and Cancel wired to accept and reject; OK may say what it does ("Export")."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None and ok_text:
        ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def redraw_under_closed_dialog() -> None:
    """Let the window draw again what a dialog just closed covered, before long
    work starts: the window draws nothing while the work runs (see
    ui.work_progress), and deleting 50,000 roles left the closed question's
    picture on it for over a second. Input waits: no edit starts meanwhile."""
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
