"""Reading an import on a worker thread: a busy cursor, then a progress dialog with
Cancel, while the window keeps repainting.

The import is pure work on data (no Qt), so unlike an export it can run on a
thread of its own; the worker touches no Qt object, it only leaves its progress
and its answer where the GUI thread looks for them. Until the dialog shows, the
window waits with user input held back (delivered afterwards, as it would be
after a read on the GUI thread), so nothing can start a second import or edit
the chart meanwhile; once shown, the window-modal dialog keeps input from the
window and lets Cancel through. The window is not closed while an import into
it runs. Cancel returns at once: the worker stops at its next step and its
answer is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from orgmodel.errors import printable
from orgmodel.importing.progress import ImportCancelled, Progress
from orgmodel.memory import background_work
from orgmodel.open_chart import LoadedChart, read_chart
from ui.progress_dialog import SHOW_AFTER_MS, progress_dialog

LOOK_EVERY_MS = 25
"""How often the GUI thread looks at the worker's progress."""

Result = TypeVar("Result")


class _CloseRefused(QObject):
    """Keeps a window open while an import into it runs (Qt refuses the close
    of a window under a modal dialog; this covers the time before it shows)."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return False


class _Worker(Generic[Result]):
    """What the worker thread and the GUI thread share, behind one lock."""

    def __init__(self, work: Callable[[Progress], Result]) -> None:
        self.work = work
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.done = 0
        self.total = 0
        self.finished = False
        self.result: Result | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="import", daemon=True)

    def _progress(self, done: int, total: int) -> bool:
        with self.lock:
            self.done, self.total = done, total
        return not self.stop.is_set()

    @background_work
    def _run(self) -> None:
        result: Result | None = None
        error: BaseException | None = None
        try:
            result = self.work(self._progress)
        except ImportCancelled:
            pass  # only when told to stop: no one waits for the answer
        except BaseException as caught:  # an unreadable file, memory...: raised in the GUI thread
            error = caught
        finally:  # always: the GUI thread waits for this
            with self.lock:
                self.result, self.error, self.finished = result, error, True

    def is_finished(self) -> bool:
        with self.lock:
            return self.finished


def run_import(parent: QWidget, label: str, work: Callable[[Progress], Result]) -> Result | None:
    """``work``'s answer, computed on a worker thread; None if the user cancelled.

    ``work`` is told a :data:`Progress` to call between its steps. An exception
    it raises is raised here, in the GUI thread.
    """
    worker = _Worker(work)
    dialog = progress_dialog(parent, "Import", label, 0)  # busy until a step is told
    loop = QEventLoop()
    since = QElapsedTimer()
    look = QTimer()
    cancelled = False
    shown = False

    def on_cancel() -> None:
        nonlocal cancelled
        cancelled = True
        worker.stop.set()
        loop.quit()

    def look_at_worker() -> None:
        with worker.lock:
            finished, done, total = worker.finished, worker.done, worker.total
        if shown and total:
            dialog.setMaximum(total)
            dialog.setValue(done)
        if finished or (not shown and since.elapsed() >= SHOW_AFTER_MS):
            loop.quit()

    dialog.canceled.connect(on_cancel)
    look.timeout.connect(look_at_worker)
    close_refused = _CloseRefused()
    parent.window().installEventFilter(close_refused)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        since.start()
        look.start(LOOK_EVERY_MS)
        worker.thread.start()
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if not cancelled and not worker.is_finished():
            shown = True
            dialog.show()
            loop.exec()
    finally:
        look.stop()
        parent.window().removeEventFilter(close_refused)
        QApplication.restoreOverrideCursor()
        dialog.canceled.disconnect(on_cancel)
        dialog.close()
        dialog.deleteLater()
    if cancelled:
        return None
    with worker.lock:
        error, result = worker.error, worker.result
    if error is not None:
        raise error
    return result


def import_on_worker(
    parent: QWidget,
    path: Path,
    *,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
) -> LoadedChart | None:
    """``read_chart(path, ...)`` run on a worker; None if the user cancelled."""
    return run_import(
        parent,
        f"Importing {printable(path.name)}…",
        lambda progress: read_chart(path, mapping=mapping, sheet=sheet, progress=progress),
    )
