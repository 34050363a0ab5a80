"""The findings of the chart: severity, rule, what is wrong, the fix and the source.

A model/view table, so a chart with thousands of findings refreshes in one
model reset and only the visible rows are ever drawn.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView

from orgmodel.rules import Finding, Severity
from orgmodel.rules.validation import FindingsByRole
from ui.appearance import SEVERITY_COLOURS

COLUMNS = ("Severity", "Rule", "Finding", "Suggested fix", "Source")
ModelIndex = QModelIndex | QPersistentModelIndex


@cache
def severity_icon(severity: Severity) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEVERITY_COLOURS[severity]))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)


class FindingsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self.findings = findings
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        finding = self.findings[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                finding.severity,
                finding.rule,
                finding.message,
                finding.suggestion,
                finding.source,
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return severity_icon(finding.severity)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class FindingsPanel(QTreeView):
    roles_requested = Signal(list)
    """The user picked a finding: select and show these role ids."""
    explain_requested = Signal(object)
    """The user asked why (double-click or Enter on a finding)."""
    menu_requested = Signal(object, QPoint)
    """A context menu for a finding at a global position."""
    heading_changed = Signal(str)
    """What the panel's heading should say: how many findings show, and why."""
    show_all_requested = Signal()
    """Escape while the list shows the selection's findings: show them all."""

    def __init__(self) -> None:
        super().__init__()
        self.table = FindingsModel()
        self.setModel(self.table)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate([90, 210, 460, 380]):
            self.setColumnWidth(column, width)
        self._findings = FindingsByRole([])
        self._role_filter: frozenset[str] = frozenset()
        self.clicked.connect(self._picked)
        self.activated.connect(self._explain)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def show_findings(self, findings: FindingsByRole, role_ids: Collection[str] = ()) -> None:
        """Show the findings that name one of ``role_ids``, or all of them when it is empty."""
        self._findings = findings
        self._role_filter = frozenset(role_ids)
        shown = self.shown()
        self.table.set_findings(shown)
        self.heading_changed.emit(self.heading(len(shown)))

    def heading(self, shown: int) -> str:
        """'Findings', or 'Findings: 5 of 6, about the selection (Esc shows all)'."""
        if not self._role_filter:
            return "Findings"
        about = "the selected role" if len(self._role_filter) == 1 else "the selected roles"
        return f"Findings: {shown} of {self._findings.count()}, about {about} (Esc shows all)"

    def filter_to_roles(self, role_ids: Collection[str]) -> None:
        if frozenset(role_ids) != self._role_filter:
            self.show_findings(self._findings, role_ids)

    def shown(self) -> list[Finding]:
        if not self._role_filter:
            return list(self._findings.findings)
        return self._findings.naming(self._role_filter)

    def rules_shown(self) -> list[str]:
        return [finding.rule for finding in self.table.findings]

    def pick(self, row: int) -> None:
        """Act as a click on a row."""
        self._picked(self.table.index(row, 0))

    def _explain(self, index: QModelIndex) -> None:
        if index.isValid():
            self.explain_requested.emit(self.table.findings[index.row()])

    def _menu(self, position: QPoint) -> None:
        index = self.indexAt(position)
        if index.isValid():
            finding = self.table.findings[index.row()]
            self.menu_requested.emit(finding, self.viewport().mapToGlobal(position))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._role_filter:
            self.show_all_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _picked(self, index: QModelIndex) -> None:
        if index.isValid():
            # A finding about no role in particular clears the selection rather
            # than leave an unrelated card highlighted.
            self.roles_requested.emit(list(self.table.findings[index.row()].roles))
