"""The responsibility matrix: who holds what, with gaps and overlaps highlighted.

Rows are roles in chart order, columns responsibilities grouped by category.
Ticking a cell is one undoable edit of that role's responsibilities.
"""

from __future__ import annotations

from collections.abc import Collection

import attrs
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from orgmodel.analysis import ResponsibilityMatrix, responsibility_matrix, score_of_holders
from orgmodel.catalogue import FUNCTIONS, Catalogue
from orgmodel.change_record import ChangeRecord
from orgmodel.edits import update_role
from orgmodel.wording import counted, in_sentence
from ui.document import ChartDocument
from ui.rotated_header import GROUP_ROLE, RotatedHeader

ModelIndex = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {"gap": "#fde2e1", "overlap": "#ffe8c2"}
CATEGORY_TINT = "#eef1f7"
"""Every other category's columns are tinted, so the groups show."""

STATUS_WORDS = {
    "gap": "GAP: a core responsibility nobody holds",
    "overlap": "OVERLAP: held by more than one role, should have one owner",
    "covered": "covered",
    "unowned": "not held (not core)",
    "not-applicable": "no role of its function in the chart",
}


class MatrixModel(QAbstractTableModel):
    toggle_requested = Signal(str, str)
    """A cell's box was clicked: (role id, responsibility id). The document decides."""

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.matrix: ResponsibilityMatrix | None = None
        self.columns: tuple[str, ...] = ()
        self._group: list[int] = []
        """Each column's category, numbered in column order."""
        self.row_of: dict[str, int] = {}
        """Role id -> its row."""

    def set_matrix(self, matrix: ResponsibilityMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.columns = matrix.columns
        self.row_of = {role.id: row for row, role in enumerate(matrix.rows)}
        groups: dict[str, int] = {}
        self._group = [
            groups.setdefault(self.catalogue.responsibilities[r].category, len(groups))
            for r in matrix.columns
        ]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def role_id(self, row: int) -> str:
        assert self.matrix is not None
        return self.matrix.rows[row].id

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self.matrix is None:
            return None
        row = self.matrix.rows[index.row()]
        responsibility = self.columns[index.column()]
        held = self.matrix.held(row.id, responsibility)
        status = self.matrix.status(responsibility)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if held else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if status in STATUS_COLOURS:
                colour = QColor(STATUS_COLOURS[status])
                return QBrush(colour.darker(115) if held else colour)
            return QBrush(QColor(CATEGORY_TINT)) if self._group[index.column()] % 2 else None
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self.catalogue.responsibility_name(responsibility)
            person = "vacant" if row.vacant else row.person
            return f"{row.title} ({person}) {'holds' if held else 'does not hold'} {name}"
        return None

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        self.toggle_requested.emit(self.role_id(index.row()), self.columns[index.column()])
        # The matrix is rebuilt from the chart once the edit is applied.
        return False

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if self.matrix is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            row = self.matrix.rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{row.title} — {'Vacant' if row.vacant else row.person}"
            return None
        responsibility = self.columns[section]
        status = self.matrix.status(responsibility)
        known = self.catalogue.responsibilities[responsibility]
        if role == Qt.ItemDataRole.DisplayRole:
            marks = {"gap": " ⚠ gap", "overlap": " ⚠ overlap"}
            return f"{known.name}{marks.get(status, '')}"
        if role == Qt.ItemDataRole.ToolTipRole:
            category = self.catalogue.categories[known.category].name
            return f"{known.name} ({category}): {STATUS_WORDS[status]}"
        if role == Qt.ItemDataRole.BackgroundRole:
            if status in STATUS_COLOURS:
                return QBrush(QColor(STATUS_COLOURS[status]))
            return QBrush(QColor(CATEGORY_TINT)) if self._group[section] % 2 else None
        if role == GROUP_ROLE:  # the category, for the header's rule between groups
            return self._group[section]
        return None


class ResponsibilityMatrixView(QWidget):
    """The matrix tab. While hidden it does not rebuild its table on an edit: it
    keeps the new matrix for later, and rebuilds when shown (or read)."""

    roles_selected = Signal(list)
    """Rows picked in the matrix: select these roles on the canvas."""
    score_changed = Signal(int)
    """The chart's coverage score, after every rebuild of the matrix."""

    def __init__(self, document: ChartDocument, catalogue: Catalogue) -> None:
        super().__init__()
        self.document = document
        self.catalogue = catalogue
        self._model = MatrixModel(catalogue)
        self._pending: ResponsibilityMatrix | None = None
        """The matrix of the current chart, not yet shown: an edit came while hidden."""
        self._stale = False
        """Edits came while hidden that leave the score as it was: the matrix is not
        worked out until shown."""
        self.table = QTableView()
        self.table.setModel(self._model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setHorizontalHeader(RotatedHeader(self.table))
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.function = QComboBox()
        self.function.addItem("All functions", None)
        for function in FUNCTIONS:
            self.function.addItem(function.capitalize(), function)
        self.subtree_only = QCheckBox("Only the selected role's team")
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._subtree_root: str | None = None
        self._followed: list[str] = []
        self._syncing = False

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show"))
        filters.addWidget(self.function)
        filters.addWidget(self.subtree_only)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.function.currentIndexChanged.connect(self.refresh)
        self.subtree_only.toggled.connect(self.refresh)
        self._model.toggle_requested.connect(self.toggle)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._rows_selected)
        document.changed.connect(self._chart_edited)
        self.refresh()

    @property
    def model(self) -> MatrixModel:
        """The table's model, brought up to date first (a hidden matrix may lag)."""
        self._show_pending()
        return self._model

    @property
    def summary(self) -> QLabel:
        self._show_pending()
        return self._summary

    def set_document(self, document: ChartDocument) -> None:
        self.document.changed.disconnect(self._chart_edited)
        self.document = document
        document.changed.connect(self._chart_edited)
        self._subtree_root = None
        self.refresh()

    def _chart_edited(self, record: ChangeRecord) -> None:
        if self.isVisible():
            self.refresh()
            return
        if not (record.added or record.removed or record.changed or self.subtree_only.isChecked()):
            # Moves change no one's kind or work: the score stands; the matrix is
            # worked out when shown.
            self._stale = True
            return
        # The coverage score is shown outside the tab, in the status bar: it follows
        # now; the table waits until it is shown.
        facts = self.document.facts
        if facts is None or facts.chart is not self.document.chart:
            self._pending = self._current_matrix()
            self._stale = False
            self.score_changed.emit(self._pending.score())
            return
        # From the rules' indexes, which the edit updated: the matrix would be
        # a pass over every role (90 ms at 50,000 roles).
        self._stale = True
        present = frozenset(function for function, roles in facts.by_function.items() if roles)
        self.score_changed.emit(score_of_holders(self.catalogue, facts.holders, present))

    def showEvent(self, event: QShowEvent) -> None:
        self._show_pending()
        super().showEvent(event)

    def _show_pending(self) -> None:
        if self._stale:
            self._pending, self._stale = self._current_matrix(), False
        pending, self._pending = self._pending, None
        if pending is not None:
            self._show_matrix(pending)

    def _current_matrix(self) -> ResponsibilityMatrix:
        chart = self.document.chart
        subtree = self._subtree_root if self.subtree_only.isChecked() else None
        if subtree is not None and subtree not in chart:
            subtree = None
        return responsibility_matrix(
            chart, self.catalogue, function=self.function.currentData(), subtree=subtree
        )

    def refresh(self) -> None:
        self._pending, self._stale = None, False
        self._show_matrix(self._current_matrix())

    def _show_matrix(self, matrix: ResponsibilityMatrix) -> None:
        current = self.table.currentIndex()
        keep = None
        if current.isValid() and self._model.matrix is not None:
            keep = (self._model.role_id(current.row()), current.column())
        self._model.set_matrix(matrix)
        # A rebuild must not cost the user their place: rows and cell come back.
        self.follow_selection(self._followed, keep_filter=True)
        if keep is not None:
            rows = [role.id for role in matrix.rows]
            if keep[0] in rows and keep[1] < self._model.columnCount():
                self.table.selectionModel().setCurrentIndex(
                    self._model.index(rows.index(keep[0]), keep[1]),
                    QItemSelectionModel.SelectionFlag.NoUpdate,
                )
        parts = [f"<b>Score {matrix.score()}/100</b>"]
        for coverage in matrix.coverage():
            parts.append(
                f"{coverage.function}: {coverage.core_covered} of {coverage.core_total} core "
                f"responsibilities held, {counted(len(coverage.gaps), 'gap')}, "
                f"{counted(len(coverage.overlaps), 'overlap')}"
            )
        self._summary.setText(" · ".join(parts))
        self.score_changed.emit(matrix.score())

    def follow_selection(self, role_ids: Collection[str], *, keep_filter: bool = False) -> None:
        """Select the rows of roles selected elsewhere; the team filter follows the first."""
        self._followed = list(role_ids)
        if len(role_ids) == 1 and not keep_filter:
            self._subtree_root = next(iter(role_ids))
            if self.subtree_only.isChecked():
                self.refresh()
        matrix = self._model.matrix
        if matrix is None:
            return
        selection = QItemSelection()
        # Looked up, not searched for: a selection changes on every edit.
        row_of = self._model.row_of
        rows = sorted({row_of[r] for r in role_ids if r in row_of})
        last_column = max(self._model.columnCount() - 1, 0)
        # Rows next to each other as one range: selecting every role of 50,000
        # row by row took half a second.
        for first, last in _runs(rows):
            selection.select(self._model.index(first, 0), self._model.index(last, last_column))
        self._syncing = True
        try:
            self.table.selectionModel().select(
                selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            if rows:
                # Not selection.indexes(): it lists every cell, asking each its flags.
                self.table.scrollTo(self._model.index(rows[0], 0))
        finally:
            self._syncing = False

    def _rows_selected(self) -> None:
        if self._syncing or self._model.matrix is None:
            return
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        self.roles_selected.emit([self._model.role_id(row) for row in sorted(rows)])

    def toggle(self, role_id: str, responsibility_id: str) -> None:
        role = self.document.chart.role(role_id)
        held = set(self.catalogue.held(role))
        held.symmetric_difference_update({responsibility_id})
        changed = attrs.evolve(role, responsibilities=frozenset(held))
        name = in_sentence(self.catalogue.responsibility_name(responsibility_id))
        label = self.catalogue.label(role)
        text = (
            f"Give {name} to {label}" if responsibility_id in held else f"Take {name} from {label}"
        )
        self.document.perform(text, lambda chart: update_role(chart, changed))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as runs of consecutive rows: (first, last) of each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
