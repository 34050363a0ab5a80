"""An open chart: its current value, its file, its undo history and its findings.

Every edit from the window goes through :meth:`ChartDocument.perform`, the one
door for edits: it applies a chart transformation, pushes one
:class:`ChartEditCommand` holding the chart before and after, tells a refusal
through :attr:`ChartDocument.edit_refused`, and emits the edit's
:class:`~orgmodel.change_record.ChangeRecord` (undo and redo emit the record of
their direction). A chart is an immutable value, so undo is exact and cheap
(roles are shared). Views refresh from the record.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication

from orgmodel.atomic_write import FileVersion, write_atomically
from orgmodel.change_record import ChangeRecord
from orgmodel.fileformat import chart_bytes
from orgmodel.hierarchy_update import carry_over
from orgmodel.memory import collection_paused, freeze_kept
from orgmodel.model import Chart
from orgmodel.rules import Finding
from orgmodel.rules.facts import ChartFacts
from orgmodel.rules.incremental import Validated, revalidated, validated
from orgmodel.rules.validation import FindingsByRole
from ui.appearance import menu_text

ChartEdit = Callable[[Chart], Chart]

CHECKING_RULES = "Checking the rules"
"""The step shown while a chart is validated (see ui.work_progress): after an
edit, and when a chart read from a file gets its document."""
SETTLE_HEAP_MS = 250
"""How long after a document is shown the heap is settled: after the first
paint, which a collection of the whole heap (half a second at 50,000 roles)
would otherwise hold back."""


def settle_heap() -> None:
    """Free what was deleted, collect garbage, then leave everything alive now
    out of later collections.

    An open chart of 10,000 roles is a few hundred thousand long-lived objects.
    Left in the collector's oldest generation they are all scanned again every
    few edits, a pause of 0.05 to 0.1 s in the middle of an edit. Runs from
    the event loop after a document is shown, once the old document's
    deleteLater() can be carried out: what is frozen is never collected, and
    the old document must not be among it. The next settle unfreezes first.
    Never inside a question's own event loop (a modal dialog): deleting what
    waits to be deleted there is the question's loop's business; it waits,
    as it does while a thread is at background work (see
    orgmodel.memory.freeze_kept).
    """
    if QApplication.activeModalWidget() is not None:
        QTimer.singleShot(SETTLE_HEAP_MS, settle_heap)
        return
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    if not freeze_kept(collect_first=True):  # a thread is at work: once it is done
        QTimer.singleShot(SETTLE_HEAP_MS, settle_heap)


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A busy cursor while an edit, its revalidation and the redraw run: a large
    one (thousands of roles) takes long enough to be seen."""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


@contextmanager
def chart_update(*, collect_first: bool = True, busy: bool = True) -> Iterator[None]:
    """What the chart's views are brought up to date under: an edit, its undo
    or redo, a fold that makes or drops thousands of cards, the showing of
    a chart just read (ui.file_commands), or the cards of one made after its
    first paint (ui.making_later: not ``busy``, for the window takes input
    between them). A busy cursor, and no automatic garbage collection (see
    orgmodel.memory.collection_paused).

    What the update keeps is then frozen, as what an opening made is (see
    settle_heap): left to the collector, the first collection after it walked
    all of it, the new layout's boxes and the tables of every role (at
    50,000 roles 10-25 ms of each edit, and 25-45 ms more every few edits in
    the next generation's). Frozen objects are still freed when unused; only
    garbage in cycles would stay, and the window's edits, undo, redo, folds,
    deletions and pastes make none (a test holds them to that). Garbage made
    before the update is collected first (0.5-6 ms), so none is frozen,
    unless not ``collect_first``: a chart just read is all young, and
    collecting first walked all of it (at 50,000 roles 55 ms); settle_heap,
    which follows every opening, collects what such an update froze. Not
    frozen: an update that ends in an error (its frames may be in a cycle
    with it), nor one that ends while a thread is at background work (see
    orgmodel.memory.freeze_kept). Within an update or a reading that paused
    collection already (a fold that shows an edited role), the outer one
    collects and freezes."""
    outermost = gc.isenabled()
    if outermost and collect_first:
        gc.collect()
    with busy_cursor() if busy else nullcontext(), collection_paused():
        yield
        if outermost:  # frozen before collection resumes, which would walk it all at once
            freeze_kept()


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
        with chart_update():
            self._document.replace_chart(self._after, replayed=self._pushed)
        self._pushed = True

    def undo(self) -> None:
        with chart_update():
            self._document.replace_chart(self._before, replayed=True)


class ChartDocument(QObject):
    chart_changed = Signal()
    """The chart (and so its findings) changed: an edit, an undo or a redo."""
    changed = Signal(ChangeRecord)
    """What the edit, undo or redo just shown changed (emitted before ``chart_changed``)."""
    edit_refused = Signal(str)
    """An edit could not be made, and why: the one path by which refusals reach the user."""
    history_replayed = Signal(list)
    """An undo or redo changed these role ids (added or altered, not removed)."""
    path_changed = Signal()
    changed_on_disk = Signal()
    """Another program replaced the file since it was opened or saved here."""
    working = Signal(str, int, int)
    """A step of bringing the chart up to date after an edit (see ui.work_progress)."""

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
        self._given = findings
        """The findings the caller gave, until the first change (then ``_validated``'s)."""
        self._by_role: FindingsByRole | None = None
        self._last_change = ChangeRecord()
        self._changed_from = chart
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
        if self._given is not None or self._validated is None:
            return self._given or []
        return self._validated.findings

    @property
    def findings_by_role(self) -> FindingsByRole:
        """The findings by the roles they name, worked out once per change; the
        list of them is made only when asked for (see Validated.findings)."""
        kept = self._validated
        if self._given is not None or kept is None:
            if self._by_role is None or self._by_role.findings is not self._given:
                self._by_role = FindingsByRole(self._given or [])
        elif self._by_role is None or self._by_role.tally is not kept.tally:
            self._by_role = FindingsByRole.listed_later(
                lambda: kept.findings, kept.tally, kept.report_place
            )
        return self._by_role

    @property
    def facts(self) -> ChartFacts | None:
        """The rules' indexes of the chart, kept up to date edit by edit; None
        until the first edit when the findings came from the caller."""
        return None if self._validated is None else self._validated.facts

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def last_change(self) -> ChangeRecord:
        """The record of the latest edit, undo or redo (empty before any)."""
        return self._last_change

    def change_since(self, chart: Chart) -> ChangeRecord:
        """What changed from ``chart`` to the current chart: the latest record when
        ``chart`` is the one the latest edit, undo or redo started from."""
        if chart is self._changed_from:
            return self._last_change
        return ChangeRecord.between(chart, self._chart)

    def perform(self, text: str, edit: ChartEdit) -> bool:
        """The door for every edit from the window: ``edit`` as one undoable step.

        False when it changed nothing or was refused; a refusal (an
        ``EditError`` or a value the model rejects) is told through
        ``edit_refused`` and leaves the chart as it was.
        """
        try:
            return self.apply(text, edit)
        except ValueError as error:  # an EditError, or a value the model's validators reject
            self.refuse(str(error))
            return False

    def refuse(self, message: str) -> None:
        """Tell the user an edit cannot be made (by ``edit_refused``)."""
        self.edit_refused.emit(message)

    def apply(self, text: str, edit: ChartEdit) -> bool:
        """Run ``edit`` on the chart as one undoable step; False when it changed nothing.

        An ``orgmodel.edits.EditError`` from ``edit`` propagates to the caller,
        which tells the user; the chart is then unchanged.
        """
        before = self._chart
        # The edit's chart is made within the update: made before it, it was the
        # youngest thing the collection that begins an update walked (its 50,000
        # roles and their index took 2-3 ms of every edit at 50,000 roles).
        with chart_update():
            after = edit(before)
            if after == before:
                return False
            self.undo_stack.push(ChartEditCommand(self, before, after, text))
        return True

    def replace_chart(self, chart: Chart, *, replayed: bool = False) -> None:
        """Show ``chart``; only undo commands call this, so history stays whole."""
        self.working.emit(CHECKING_RULES, 0, 0)
        before = self._chart
        self._chart = chart
        self._changed_from = before
        self._last_change = record = ChangeRecord.between(before, chart)
        carry_over(before, chart, record)  # the forest and team sizes, updated, not rebuilt
        self.revalidate()
        self.changed.emit(record)
        self.chart_changed.emit()
        if replayed:
            touched = set(record.touched)
            self.history_replayed.emit([role.id for role in chart.roles if role.id in touched])

    def revalidate(self) -> None:
        """Bring the findings in line with the chart, after every edit, undo and redo.

        Only the rules whose declared reads the latest change touched run again;
        a full validation (``validate``) is the reference they equal.
        """
        previous = self._validated
        if previous is None or previous.chart is not self._changed_from:
            previous = validated(self._changed_from)
        self._validated = revalidated(previous, self._chart, record=self._last_change)
        self._given = None

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
