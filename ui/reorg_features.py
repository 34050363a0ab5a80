"""Reorganisation tools in the main window: the Spans and layers tab, File ▸ New
from template, and File ▸ Compare with… and its Changes panel.

Installed on a finished window, so the window only creates this and tells it
when the document changes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu, QMessageBox

from orgmodel.errors import ChartReadError
from orgmodel.importing.shape import MissingColumnError
from orgmodel.model import Chart
from orgmodel.open_chart import is_import, read_chart
from ui.compare_export import export_changes_pdf
from ui.compare_view import ChangesPanel, CompareSession
from ui.document import ChartDocument
from ui.file_commands import CHART_FILTER, CSV_FILTER
from ui.import_dialog import ImportPreviewDialog
from ui.import_run import import_on_worker
from ui.spans_view import SpansView
from ui.template_dialog import TemplateDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReorgFeatures:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.spans = SpansView(window.document, window.catalogue)
        window.views.addTab(self.spans, "Spans and layers")
        self.spans.roles_selected.connect(partial(window.show_roles, origin="spans"))

        self.changes = ChangesPanel()
        self.changes_dock = QDockWidget("Changes", window)
        self.changes_dock.setObjectName("changes-dock")
        self.changes_dock.setWidget(self.changes)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.changes_dock)
        self.changes_dock.hide()
        self.changes.roles_requested.connect(partial(window.show_roles, origin="changes"))
        self.changes.stop_requested.connect(self.stop_compare)
        self.changes.export_requested.connect(self.ask_export_changes)
        self.session: CompareSession | None = None

        self.template_action = self._action("New from &template…", self.new_from_template)
        self.compare_action = self._action("Compa&re with…", self.ask_compare)
        self.compare_saved_action = self._action(
            "Compare with sa&ved version", self.compare_with_saved
        )
        file_menu = next(
            menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&File"
        )
        file_menu.insertAction(window.open_action, self.template_action)
        file_menu.insertAction(window.export_action, self.compare_action)
        file_menu.insertAction(window.export_action, self.compare_saved_action)
        file_menu.insertSeparator(window.export_action)

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def set_document(self, document: ChartDocument) -> None:
        """The window shows another document: the views follow, a compare ends."""
        self.spans.set_document(document)
        if self.session is not None:
            self.session.stop(scene_alive=False)  # the old scene goes with its cards
            self.session = None
            self.changes_dock.hide()

    # --- templates ----------------------------------------------------------

    def new_from_template(self) -> None:
        window = self.window
        if not window.files.maybe_save():
            return
        dialog = TemplateDialog(window)
        template = dialog.chosen() if dialog.exec() else None
        if template is None:
            return
        window.autosave.clear()
        window.set_document(
            ChartDocument(template.chart), history_start=f"New from template: {template.name}"
        )

    # --- compare --------------------------------------------------------------

    def ask_compare(self) -> None:
        filters = f"{CHART_FILTER};;{CSV_FILTER};;All files (*)"
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Compare with", self.window.files.recent.last_folder(), filters
        )
        if path:
            self.compare_with_path(Path(path))

    def compare_with_saved(self) -> None:
        path = self.window.document.path
        if path is None:
            QMessageBox.information(
                self.window,
                "Compare with saved version",
                "This chart has not been saved yet: there is no saved version to compare with.",
            )
            return
        self.compare_with_path(path, name=f"{path.name} as saved")

    def compare_with_path(self, path: Path, name: str | None = None) -> bool:
        """Compare the open chart with the chart at ``path`` (the before)."""
        try:
            if not is_import(path):
                baseline = read_chart(path).chart
            elif (loaded := import_on_worker(self.window, path)) is None:
                return False  # cancelled: nothing compared
            else:
                baseline = loaded.chart
        except MissingColumnError as error:  # as File ▸ Import: a mapping can fix it
            preview = ImportPreviewDialog(None, path, self.window, missing=error)
            if not preview.exec() or preview.report is None:
                return False
            baseline = preview.report.chart
        except ChartReadError as error:
            QMessageBox.critical(self.window, "Cannot compare", str(error))
            return False
        self.compare_with(baseline, name or path.name)
        return True

    def compare_with(self, baseline: Chart, name: str) -> None:
        self.stop_compare()
        window = self.window
        self.session = CompareSession(
            baseline, name, window.document, window.scene, self.changes, window.catalogue
        )
        self.changes_dock.show()
        self.changes_dock.raise_()
        # Beside the findings, as wide as they are: the changes are read as sentences.
        bottom = [
            dock
            for dock in window.findChildren(QDockWidget)
            if window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
            and dock.isVisible()
        ]
        if len(bottom) > 1:
            half = max(300, window.width() // len(bottom))
            window.resizeDocks(bottom, [half] * len(bottom), Qt.Orientation.Horizontal)

    def ask_export_changes(self) -> None:
        if self.session is None:
            return
        name = self.window.document.path.stem if self.window.document.path else "chart"
        suggested = Path(self.window.files.recent.last_folder()) / f"{name}-changes.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Export changes", str(suggested), "PDF (*.pdf)"
        )
        if path:
            self.export_changes(Path(path))

    def export_changes(self, target: Path) -> bool:
        session = self.session
        if session is None or session.diff is None:
            return False
        document = self.window.document
        current = document.path.name if document.path else document.chart.name
        try:
            export_changes_pdf(session.diff, session.name, current, target)
        except OSError as error:
            QMessageBox.critical(self.window, "Cannot export", f"{target.name}: {error}")
            return False
        self.window.statusBar().showMessage(f"Wrote {target}", 6000)
        return True

    def stop_compare(self) -> None:
        if self.session is not None:
            self.session.stop()
            self.session = None
        self.changes_dock.hide()
