"""An open chart: its current value, its file, its undo history and its findings.

Every change to the chart goes through :meth:`ChartDocument.apply`, which
pushes one :class:`ChartEditCommand` holding the chart before and after. A
chart is an immutable value, so undo is exact and cheap (roles are shared).
Views listen to :attr:`ChartDocument.chart_changed` and redraw from the chart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from orgmodel.fileformat import save_chart
from orgmodel.model import Chart
from orgmodel.rules import Finding, validate
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

    def __init__(
        self,
        chart: Chart,
        path: Path | None = None,
        parent: QObject | None = None,
        *,
        findings: list[Finding] | None = None,
    ):
        """``findings``: the chart's findings, when the caller has validated it already."""
        super().__init__(parent)
        self._chart = chart
        self._findings = validate(chart) if findings is None else findings
        self._path = path
        self.undo_stack = QUndoStack(self)

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
        self._findings = validate(chart)
        self.chart_changed.emit()
        if replayed:
            self.history_replayed.emit(changed_roles(before, chart))

    def save(self, path: Path | None = None) -> None:
        """Write the chart (atomically) and mark this state as saved; OSError on failure."""
        target = path or self._path
        if target is None:
            raise ValueError("the document has no file yet; give a path")
        save_chart(self._chart, target)
        self.undo_stack.setClean()
        if target != self._path:
            self._path = target
            self.path_changed.emit()
