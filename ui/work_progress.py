"""How far long work on the GUI thread has come, told in the window's status bar.

An edit, its undo or a fold of a big chart, and the opening of one, run on the
GUI thread: their steps use the scene and the document, which only that thread
may touch. The event loop does not run meanwhile (input handled in the middle
of an edit could start another on a half-made scene), so the status bar is
repainted at once, at each step told, rather than when Qt would get to it.

Qt then paints whatever else in the window is due to be painted, and the
chart's view, painted in the middle of an edit, met a scene half brought up
to date (a test crashed so, one run in three). So while the status bar tells
of work, no view of a scene paints, nor anything in one (the minimap): they
are painted once it is over. The other widgets paint from what they were
last given, whole, and may paint meanwhile: held back too, a panel marked
for painting was left blank for the rest of the work (the findings, the
inspector, the roles' palette, deleting 50,000 roles in Xvfb).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView, QLabel, QProgressBar, QStatusBar, QWidget

WorkStep = Callable[[str, int, int], None]
"""Told at each step of long work: what it does now, and how many of how many
things it has done (0 of 0: no count)."""


def no_progress(_what: str, _done: int, _total: int) -> None:
    """A WorkStep for work that shows no progress (a scene made for an export)."""


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
        self._paints_held = _ScenePaintsHeld(status_bar)
        self.show_after_ms = SHOW_AFTER_MS

    def step(self, what: str, done: int = 0, total: int = 0) -> None:
        """The work has come to ``what``, ``done`` of ``total`` things (0 of 0: no count)."""
        if not self._working:
            # The first step of some work: it has ended when the event loop runs next.
            self._working = True
            self._since.start()
            QTimer.singleShot(0, self._status_bar, self._finished)  # not once it is gone
        if self._since.elapsed() < self.show_after_ms:
            return
        if not self._paints_held.holding:
            self._paints_held.hold()
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
        if self._paints_held.holding:
            self._paints_held.let_go()
            # What was held back, in whichever window shows a scene.
            for window in QApplication.topLevelWidgets():
                if window.isVisible():
                    window.update()


class _ScenePaintsHeld(QObject):
    """Holds back the paint events of every view of a scene and what is in one."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.holding = False

    def hold(self) -> None:
        _application().installEventFilter(self)
        self.holding = True

    def let_go(self) -> None:
        _application().removeEventFilter(self)
        self.holding = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        widget: QWidget | None = watched
        while widget is not None:
            if isinstance(widget, QGraphicsView):
                return True
            widget = widget.parentWidget()
        return False


def _application() -> QCoreApplication:
    application = QCoreApplication.instance()
    if application is None:  # a status bar exists only in a running application
        raise RuntimeError("there is no Qt application")
    return application
