"""How far long work on the GUI thread has come, told in the window's status bar.

An edit, its undo or a fold of a big chart, and the opening of one, run on the
GUI thread: their steps use the scene and the document, which only that thread
may touch. The event loop does not run meanwhile (input handled in the middle
of an edit could start another on a half-made scene), so the status bar is
repainted at once, at each step told, rather than when Qt would get to it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

WorkStep = Callable[[str, int, int], None]
"""Told at each step of long work: what it does now, and how many of how many
things it has done (0 of 0: no count)."""

SHOW_AFTER_MS = 500
"""Work quicker than this shows only the busy cursor."""


class WorkProgress:
    """The step that long work on the GUI thread has come to, in a status bar:
    shown once the work has run SHOW_AFTER_MS, gone when the event loop runs
    again (the work is then over)."""

    def __init__(self, status_bar: QStatusBar) -> None:
        self._status_bar = status_bar
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        for widget in (self.label, self.bar):
            status_bar.addPermanentWidget(widget)
            widget.hide()
        self._since = QElapsedTimer()
        self._working = False
        self.show_after_ms = SHOW_AFTER_MS

    def step(self, what: str, done: int = 0, total: int = 0) -> None:
        """The work has come to ``what``, ``done`` of ``total`` things (0 of 0: no count)."""
        if not self._working:
            # The first step of some work: it has ended when the event loop runs next.
            self._working = True
            self._since.start()
            QTimer.singleShot(0, self._finished)
        if self._since.elapsed() < self.show_after_ms:
            return
        self.label.setText(f"{what}: {done:,} of {total:,}…" if total else f"{what}…")
        self.label.show()
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        self.bar.setVisible(bool(total))
        layout = self._status_bar.layout()
        if layout is not None:
            layout.activate()  # places the label and bar as they are now
        self._status_bar.repaint()

    def _finished(self) -> None:
        self._working = False
        self.label.hide()
        self.bar.hide()
