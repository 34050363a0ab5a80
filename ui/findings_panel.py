"""The findings of the chart: severity, rule, what is wrong, the fix and the source."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from orgmodel.rules import Finding, Severity
from ui.appearance import SEVERITY_COLOURS

ROLES = Qt.ItemDataRole.UserRole
COLUMNS = ["Severity", "Rule", "Finding", "Suggested fix", "Source"]


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


class FindingsPanel(QTreeWidget):
    roles_requested = Signal(list)
    """The user picked a finding: select and show these role ids."""

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(COLUMNS)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column, width in enumerate([90, 210, 460, 380]):
            self.setColumnWidth(column, width)
        self._findings: list[Finding] = []
        self._role_filter: frozenset[str] = frozenset()
        self.itemClicked.connect(self._picked)
        self.itemActivated.connect(self._picked)

    def show_findings(self, findings: Sequence[Finding]) -> None:
        self._findings = list(findings)
        self._fill()

    def filter_to_roles(self, role_ids: Collection[str]) -> None:
        """Show only findings that name one of these roles; all when empty."""
        self._role_filter = frozenset(role_ids)
        self._fill()

    def shown(self) -> list[Finding]:
        if not self._role_filter:
            return self._findings
        return [f for f in self._findings if self._role_filter.intersection(f.roles)]

    def _fill(self) -> None:
        self.clear()
        for finding in self.shown():
            item = QTreeWidgetItem(
                [
                    finding.severity,
                    finding.rule,
                    finding.message,
                    finding.suggestion,
                    finding.source,
                ]
            )
            item.setIcon(0, severity_icon(finding.severity))
            for column, tip in ((2, finding.message), (3, finding.suggestion), (4, finding.source)):
                item.setToolTip(column, tip)
            item.setData(0, ROLES, list(finding.roles))
            self.addTopLevelItem(item)

    def _picked(self, item: QTreeWidgetItem, _column: int) -> None:
        roles = item.data(0, ROLES)
        if roles:
            self.roles_requested.emit(list(roles))
