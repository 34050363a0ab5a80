"""The main window: the chart's hierarchy and its findings, side by side."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
)

from orgmodel.catalogue import load_catalogue
from orgmodel.errors import ChartReadError
from orgmodel.hierarchy import forest
from orgmodel.loading import read_chart
from orgmodel.model import Chart
from orgmodel.rules import Finding, summary_line, validate

ROLE_ID = Qt.ItemDataRole.UserRole
OPEN_FILTER = "Charts and HR exports (*.orgm *.csv *.tsv *.txt);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.chart: Chart | None = None
        self.findings: list[Finding] = []
        self.setWindowTitle("Orgmodel")
        self.resize(1200, 760)

        self.roles_view = QTreeWidget()
        self.roles_view.setHeaderLabels(["Title", "Person", "Kind", "Employment"])
        self.roles_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.roles_view.setUniformRowHeights(True)
        self.setCentralWidget(self.roles_view)

        self.findings_view = QTreeWidget()
        self.findings_view.setHeaderLabels(["Severity", "Rule", "Finding", "Fix", "Source"])
        self.findings_view.setRootIsDecorated(False)
        self.findings_view.setWordWrap(True)
        self.findings_view.itemSelectionChanged.connect(self._select_finding_roles)
        dock = QDockWidget("Findings", self)
        dock.setObjectName("findings-dock")
        dock.setWidget(self.findings_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)

        open_action = QAction("&Open…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._ask_open)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.statusBar().showMessage("Open a chart (.orgm) or an HR export (.csv)")

    def _ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open chart", "", OPEN_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Show the chart at ``path``; on failure say why and keep the current one."""
        try:
            loaded = read_chart(path)
        except ChartReadError as error:
            QMessageBox.critical(self, "Cannot open chart", str(error))
            return False
        self.show_chart(loaded.chart)
        self.setWindowTitle(f"{Path(path).name} — Orgmodel")
        return True

    def show_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.findings = validate(chart)
        self._fill_roles(chart)
        self._fill_findings()
        self.statusBar().showMessage(f"{len(chart)} roles — {summary_line(self.findings)}")

    def _fill_roles(self, chart: Chart) -> None:
        catalogue = load_catalogue()
        flagged = {role_id for finding in self.findings for role_id in finding.roles}
        children = forest(chart)
        self.roles_view.clear()
        stack: list[tuple[QTreeWidgetItem | None, str | None]] = [(None, None)]
        while stack:
            parent_item, parent_id = stack.pop()
            for role in children.get(parent_id, []):
                kind = catalogue.kind(role.kind)
                item = QTreeWidgetItem(
                    [
                        role.title + ("  ⚑" if role.id in flagged else ""),
                        "Vacant" if role.vacant else (role.person or ""),
                        kind.name if kind else "Unclassified",
                        role.employment.value,
                    ]
                )
                item.setData(0, ROLE_ID, role.id)
                if parent_item is None:
                    self.roles_view.addTopLevelItem(item)
                else:
                    parent_item.addChild(item)
                stack.append((item, role.id))
        self.roles_view.expandAll()
        for column in range(self.roles_view.columnCount()):
            self.roles_view.resizeColumnToContents(column)

    def _fill_findings(self) -> None:
        self.findings_view.clear()
        for finding in self.findings:
            item = QTreeWidgetItem(
                [
                    finding.severity,
                    finding.rule,
                    finding.message,
                    finding.suggestion,
                    finding.source,
                ]
            )
            item.setToolTip(2, finding.message)
            item.setToolTip(3, finding.suggestion)
            item.setData(0, ROLE_ID, list(finding.roles))
            self.findings_view.addTopLevelItem(item)
        self.findings_view.setColumnWidth(0, 70)
        self.findings_view.setColumnWidth(1, 200)
        self.findings_view.setColumnWidth(2, 480)
        self.findings_view.setColumnWidth(3, 360)

    def role_items(self) -> dict[str, QTreeWidgetItem]:
        items: dict[str, QTreeWidgetItem] = {}
        stack = [self.roles_view.invisibleRootItem()]
        while stack:
            parent = stack.pop()
            for index in range(parent.childCount()):
                item = parent.child(index)
                if item is not None:
                    items[item.data(0, ROLE_ID)] = item
                    stack.append(item)
        return items

    def _select_finding_roles(self) -> None:
        selected = self.findings_view.selectedItems()
        if not selected:
            return
        wanted = set(selected[0].data(0, ROLE_ID))
        self.roles_view.clearSelection()
        first = None
        for role_id, item in self.role_items().items():
            if role_id in wanted:
                item.setSelected(True)
                first = first or item
        if first is not None:
            self.roles_view.scrollToItem(first)
