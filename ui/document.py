"""An open chart: its current value, its file, its undo history and its findings.

Every change to the chart goes through :meth:`ChartDocument.apply`, which
pushes one :class:`ChartEditCommand` holding the chart before and after. A
chart is an immutable value, so undo is exact and cheap (roles are shared).
Views listen to :attr:`ChartDocument.chart_changed` and redraw from the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from orgmodel.atomic_write import FileVersion, write_atomically
from orgmodel.fileformat import chart_bytes
from orgmodel.model import Chart
from orgmodel.rules import Finding
from orgmodel.rules.incremental import Validated, revalidated, validated
from ui.appearance import menu_text

ChartEdit = Callable[[Chart], Chart]


def changed_roles(before: Chart, after: Chart) -> list[str]:
    """Ids of roles added or altered from ``before`` to ``after``, in chart order."""
    # Unchanged roles are shared between the two charts: identity settles most cheaply.
    return [
        role.id
        for role in after.roles
        if (prior := before.get(role.id)) is not role and prior != role
    ]


class ChartEditCommand(QUndoCommand):
    def __init__(self, document: ChartDocument, before: Chart, after: Chart, text: str) -> None:
        # The history shows the text; the Undo and Redo actions show it after the
        # newline, with "&" doubled so that Qt does not take it for a shortcut mark.
        super().__init__(f"{text}\n{menu_text(text)}" if "&" in text else text)
        self._document = document
        self._before = before
        self._after = after
        self._pushed = False

    def redo(self) -> None:
        # The first redo is the edit itself; later ones replay history.
        self._document.replace_chart(self._after, replayed=self._pushed)
        self._pushed = True

    def undo(self) -> None:
        self._document.replace_chart(self._before, replayed=True)


class ChartDocument(QObject):
    chart_changed = Signal()
    """The chart (and so its findings) changed: an edit, an undo or a redo."""
    history_replayed = Signal(list)
    """An undo or redo changed these role ids (added or altered, not removed)."""
    path_changed = Signal()
    changed_on_disk = Signal()
    """Another program replaced the file since it was opened or saved here."""

    DISK_SETTLE_MS = 300
    """A writer may touch the file several times in a row: look once it has settled."""

    def __init__(
        self,
        chart: Chart,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        findings: list[Finding] | None = None,
        on_disk: FileVersion | None = None,
    ):
        """``findings``: the chart's findings, when the caller has validated it already.
        ``on_disk``: the version of ``path`` the chart was read from (read before
        the chart was, so a change made meanwhile still counts as a change)."""
        super().__init__(parent)
        self._chart = chart
        self._validated: Validated | None = None
        """The findings kept per rule, so that an edit re-runs only the rules it touched."""
        if findings is None:
            self._validated = validated(chart)
            findings = self._validated.findings
        self._findings = findings
        self._path = path
        self._on_disk = on_disk
        self._reported: FileVersion | None = None
        self.undo_stack = QUndoStack(self)
        self._watcher: QFileSystemWatcher | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(self.DISK_SETTLE_MS)
        self._settle.timeout.connect(self._look_at_disk)

    def watch_disk(self) -> None:
        """Tell (``changed_on_disk``) when another program replaces the file while it is open."""
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(lambda _path: self._settle.start())
            # A file replaced by renaming another over it is a new file: the
            # folder's change says so, and the file is watched again.
            self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._rewatch()

    def stop_watching_disk(self) -> None:
        """No more ``changed_on_disk`` (the window showing this document is going)."""
        self._settle.stop()
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None

    def _rewatch(self) -> None:
        watcher = self._watcher
        if watcher is None:
            return
        wanted = [] if self._path is None else [str(self._path), str(self._path.parent)]
        stale = [p for p in watcher.files() + watcher.directories() if p not in wanted]
        if stale:
            watcher.removePaths(stale)
        present = set(watcher.files() + watcher.directories())
        missing = [p for p in wanted if p not in present and Path(p).exists()]
        if missing:
            watcher.addPaths(missing)

    def _look_at_disk(self) -> None:
        self._rewatch()
        now = self._replacement_on_disk()
        if now is not None and now != self._reported:
            self._reported = now  # one question per version that appears
            self.changed_on_disk.emit()

    def look_at_disk_later(self) -> None:
        """Ask again about a change on disk once the current question is answered."""
        self._reported = None
        QTimer.singleShot(2000, self, self._look_at_disk)

    def disk_replaced(self) -> bool:
        """Whether the file now holds something else than what was read or saved here
        (a missing file holds nothing anyone could lose: not replaced)."""
        return self._replacement_on_disk() is not None

    def _replacement_on_disk(self) -> FileVersion | None:
        known, path = self._on_disk, self._path
        if known is None or path is None or known.same_status(path):
            return None
        now = FileVersion.read(path)
        if now is None:
            return None
        if now.digest == known.digest:
            self._on_disk = now  # touched or copied over with the same bytes
            return None
        return now

    @property
    def chart(self) -> Chart:
        return self._chart

    @property
    def findings(self) -> list[Finding]:
        return self._findings

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def apply(self, text: str, edit: ChartEdit) -> bool:
        """Run ``edit`` on the chart as one undoable step; False when it changed nothing.

        An ``orgmodel.edits.EditError`` from ``edit`` propagates to the caller,
        which tells the user; the chart is then unchanged.
        """
        before = self._chart
        after = edit(before)
        if after == before:
            return False
        self.undo_stack.push(ChartEditCommand(self, before, after, text))
        return True

    def replace_chart(self, chart: Chart, *, replayed: bool = False) -> None:
        """Show ``chart``; only undo commands call this, so history stays whole."""
        before = self._chart
        self._chart = chart
        # Only the rules the edit touched run again (a full validation is the reference).
        previous = self._validated
        if previous is None or previous.chart is not before:
            previous = validated(before)
        self._validated = revalidated(previous, chart)
        self._findings = self._validated.findings
        self.chart_changed.emit()
        if replayed:
            self.history_replayed.emit(changed_roles(before, chart))

    def save(self, path: Path | None = None, data: bytes | None = None) -> None:
        """Write the chart (atomically) and mark this state as saved; OSError on failure.

        ``data``: the chart's bytes, when the caller made them already. Whether
        the file was replaced by someone else is the caller's to ask first
        (``disk_replaced``): this writes.
        """
        target = path or self._path
        if target is None:
            raise ValueError("the document has no file yet; give a path")
        data = chart_bytes(self._chart) if data is None else data
        write_atomically(target, data)
        self._on_disk = FileVersion.written(target, data)
        self._reported = None
        self.undo_stack.setClean()
        if target != self._path:
            self._path = target
            self._rewatch()
            self.path_changed.emit()
