"""The main window: canvas, palette, inspector, findings and undo history.

The window owns one :class:`ChartDocument` at a time. Gestures on the canvas
and the panels become edits from ``orgmodel.edits``, each pushed as one
undoable command; the views redraw when the document says the chart changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QUndoView,
    QWidget,
)

from orgmodel.analysis import coverage_score
from orgmodel.catalogue import Catalogue, join_words, load_catalogue
from orgmodel.edits import (
    EditError,
    add_role,
    duplicate_role,
    remove_roles,
    reparent_all,
    reports_moving_up,
)
from orgmodel.errors import ChartReadError
from orgmodel.fileformat import SUFFIX
from orgmodel.loading import is_csv, read_chart
from orgmodel.model import Chart
from orgmodel.rules import summary_line
from ui.autosave import Autosave
from ui.canvas import ChartScene, ChartView, LayoutEngine
from ui.document import ChartDocument
from ui.export_dialog import ExportDialog
from ui.findings_panel import FindingsPanel
from ui.import_dialog import ImportPreviewDialog
from ui.inspector import RoleInspector
from ui.matrix_view import ResponsibilityMatrixView
from ui.palette import RolePalette
from ui.render import ChartRenderer, ExportError, ExportOptions, export_chart
from ui.settings_dialog import ChartSettingsDialog

CHART_FILTER = f"Orgmodel charts (*{SUFFIX})"
CSV_FILTER = "HR exports (*.csv *.tsv *.txt)"
MAX_RECENT = 8
AUTOSAVE_MS = 60_000
MAX_REPLAY_SELECTION = 50
"""An undo that touched more roles than this (an import, say) selects none of them."""


def default_autosave_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".orgmodel") / "autosave"


class MainWindow(QMainWindow):
    def __init__(
        self,
        settings: QSettings | None = None,
        autosave_folder: Path | None = None,
        catalogue: Catalogue | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.catalogue = catalogue or load_catalogue()
        self.autosave = Autosave(autosave_folder or default_autosave_folder())
        self.setWindowTitle("Orgmodel")
        self.resize(1400, 860)

        self.undo_group = QUndoGroup(self)
        self.document = ChartDocument(Chart("Untitled"), parent=self)
        self.undo_group.addStack(self.document.undo_stack)
        self.undo_group.setActiveStack(self.document.undo_stack)
        self.scene = ChartScene(self.document, self.catalogue, parent=self)
        self.view = ChartView(self.scene)
        self.matrix = ResponsibilityMatrixView(self.document, self.catalogue)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.view, "Chart")
        self.views.addTab(self.matrix, "Responsibilities")
        self.setCentralWidget(self.views)
        self.role_palette = RolePalette(self.catalogue)
        self.inspector = RoleInspector(self.document, self.catalogue)
        self.findings = FindingsPanel()
        self.history = QUndoView(self.undo_group)
        self.history.setEmptyLabel("Opened")
        self._docks: list[QDockWidget] = []
        self._dock("Roles", "palette-dock", self.role_palette, Qt.DockWidgetArea.LeftDockWidgetArea)
        inspector_dock = self._dock(
            "Inspector", "inspector-dock", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        history_dock = self._dock(
            "History", "history-dock", self.history, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(inspector_dock, history_dock)
        inspector_dock.raise_()
        self._dock(
            "Findings", "findings-dock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )

        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a role by name or title (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.returnPressed.connect(self.find_next)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self._build_actions()
        if self.layout_engine() != self.scene.engine:
            self.scene.engine = self.layout_engine()
            self.scene.refresh()

        self.view.kind_dropped.connect(self.add_role_of_kind)
        self.view.cards_dropped.connect(self.move_roles)
        self._showing_finding = False
        self._showing_matrix_rows = False
        self.findings.roles_requested.connect(self.show_finding_roles)
        self.inspector.edit_failed.connect(self.refuse)
        self.matrix.edit_failed.connect(self.refuse)
        self.matrix.roles_selected.connect(self.show_roles_from_matrix)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.write_autosave)
        self._autosave_timer.start()
        self._connect_document()
        self._restore_layout()

    # --- construction -----------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self._docks.append(dock)
        return dock

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action("&New", self.new_chart, keys.New)
        self.open_action = self._action("&Open…", self.ask_open, keys.Open)
        self.import_action = self._action("&Import CSV…", self.ask_import, "Ctrl+I")
        self.save_action = self._action("&Save", self.save, keys.Save)
        self.save_as_action = self._action("Save &As…", self.save_as, keys.SaveAs)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.export_action = self._action("&Export…", self.ask_export, "Ctrl+Shift+E")
        self.print_action = self._action("&Print…", self.print_chart, keys.Print)
        self.preview_action = self._action("Print Pre&view…", self.preview_print)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.delete_action = self._action("&Delete role", self.delete_selected, keys.Delete)
        self.duplicate_action = self._action("D&uplicate role", self.duplicate_selected, "Ctrl+D")
        self.settings_action = self._action("Chart &settings…", self.edit_settings, "Ctrl+,")
        self.zoom_in_action = self._action("Zoom &in", self.view.zoom_in, keys.ZoomIn)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(keys.ZoomIn)])
        self.zoom_out_action = self._action("Zoom &out", self.view.zoom_out, keys.ZoomOut)
        self.fit_action = self._action("&Fit to window", self.view.fit, "Ctrl+0")
        self.actual_size_action = self._action("&Actual size", self.view.reset_zoom, "Ctrl+1")
        self.collapse_action = self._action("&Collapse / expand", self.toggle_collapse, "Ctrl+E")
        self.find_action = self._action("&Find role", self.focus_search, keys.Find)
        self.dot_layout_action = self._action("&Graphviz layout", self.toggle_dot_layout)
        self.dot_layout_action.setCheckable(True)
        self.dot_layout_action.setChecked(self.settings.value("view/layout", "tidy") == "dot")
        self.dot_layout_action.setToolTip(
            "Lay the chart out with Graphviz dot (up to 1,000 roles) instead of the compact tree"
        )
        self.top_action = self._action("Report to &nobody", self.make_top_roles)
        # These keys mean "the selected cards" only while the canvas has focus;
        # elsewhere (a list, the findings) Delete must not delete a role.
        for canvas_action in (self.delete_action, self.duplicate_action, self.collapse_action):
            canvas_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(canvas_action)

        file_menu = self.menuBar().addMenu("&File")
        for action in (self.new_action, self.open_action, self.import_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        for action in (self.export_action, self.preview_action, self.print_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action.setShortcuts(keys.Undo)
        self.redo_action.setShortcuts(keys.Redo)
        if not self.quit_action.shortcut().toString():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (
            self.delete_action,
            self.duplicate_action,
            self.top_action,
            self.find_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = self.menuBar().addMenu("&View")
        for action in (
            self.zoom_in_action,
            self.zoom_out_action,
            self.fit_action,
            self.actual_size_action,
            self.collapse_action,
            self.dot_layout_action,
        ):
            view_menu.addAction(action)
        view_menu.addSeparator()
        for dock in self._docks:
            view_menu.addAction(dock.toggleViewAction())

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        for action in (self.open_action, self.save_action):
            toolbar.addAction(action)
        # The menu's Undo says what it undoes; the toolbar's stays one short word.
        for text, trigger, source in (
            ("Undo", self.undo_group.undo, self.undo_action),
            ("Redo", self.undo_group.redo, self.redo_action),
        ):
            button = toolbar.addAction(text, trigger)
            button.setEnabled(source.isEnabled())
            source.enabledChanged.connect(button.setEnabled)
        toolbar.addSeparator()
        toolbar.addAction(self.fit_action)
        toolbar.addWidget(self.search)
        self._fill_recent_menu()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    # --- the document -----------------------------------------------------

    def _connect_document(self) -> None:
        self.document.chart_changed.connect(self._chart_changed)
        self.document.history_replayed.connect(self._show_replayed)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.scene.selectionChanged.connect(self._selection_changed)
        self._chart_changed()
        self._update_title()

    def set_document(self, document: ChartDocument) -> None:
        """Show another document; the old one, its scene and its history go."""
        old_document, old_scene = self.document, self.scene
        old_scene.selectionChanged.disconnect(self._selection_changed)
        document.setParent(self)
        self.document = document
        self.scene = ChartScene(document, self.catalogue, parent=self, engine=self.layout_engine())
        self.view.chart_scene = self.scene
        self.view.setScene(self.scene)
        self.inspector.set_document(document)
        self.matrix.set_document(document)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.undo_group.removeStack(old_document.undo_stack)
        self._connect_document()
        old_scene.deleteLater()
        old_document.deleteLater()
        self.fit_or_reset()

    def _chart_changed(self) -> None:
        findings = self.document.findings
        self.findings.show_findings(findings, self.scene.selected_role_ids())
        score = coverage_score(self.document.chart, self.catalogue)
        self.counts.setText(
            f"{len(self.document.chart)} roles — {summary_line(findings)} — coverage {score}/100"
        )
        self._update_title()

    def _update_title(self) -> None:
        path = self.document.path
        name = path.name if path else self.document.chart.name
        self.setWindowTitle(f"{name}[*] — Orgmodel")
        self.setWindowModified(self.document.modified)

    def _selection_changed(self) -> None:
        selected = self.scene.selected_role_ids()
        self.inspector.show_roles(selected)
        if not self._showing_finding:
            self.findings.filter_to_roles(selected)
        if not self._showing_matrix_rows:
            self.matrix.follow_selection(selected)

    def show_roles(self, role_ids: list[str]) -> None:
        self.scene.select_roles(role_ids)
        self.view.centre_on_roles(role_ids)

    def show_roles_from_matrix(self, role_ids: list[str]) -> None:
        self._showing_matrix_rows = True
        try:
            self.show_roles(role_ids)
        finally:
            self._showing_matrix_rows = False

    def show_finding_roles(self, role_ids: list[str]) -> None:
        """Select a finding's roles without filtering the list the user is stepping through."""
        self._showing_finding = True
        try:
            self.show_roles(role_ids)
        finally:
            self._showing_finding = False

    # --- edits --------------------------------------------------------------

    def refuse(self, message: str) -> None:
        QMessageBox.warning(self, "Cannot make that change", message)

    def _apply(self, text: str, edit: Callable[[Chart], Chart], anchor: str | None = None) -> bool:
        """Apply one edit; the ``anchor`` role's card keeps its place on screen."""
        position = self.view.card_view_position(anchor) if anchor else None
        try:
            changed = self.document.apply(text, edit)
        except EditError as error:
            self.refuse(str(error))
            return False
        if changed and anchor and position is not None:
            self.view.keep_card_at(anchor, position)
        return changed

    def add_role_of_kind(self, kind_id: str, manager: str | None) -> None:
        created: list[str] = []

        def edit(chart: Chart) -> Chart:
            new_chart, role_id = add_role(chart, kind_id, manager, self.catalogue)
            created.append(role_id)
            return new_chart

        kind = self.catalogue.kind(kind_id)
        if self._apply(f"Add {kind.name if kind else kind_id}", edit, anchor=manager) and created:
            self.scene.select_roles(created)
            self.view.ensureVisible(self.scene.cards[created[0]])

    def move_roles(self, role_ids: list[str], manager: str | None) -> None:
        def edit(chart: Chart) -> Chart:
            return reparent_all(chart, role_ids, manager)

        what = "role" if len(role_ids) == 1 else f"{len(role_ids)} roles"
        if self._apply(f"Move {what}", edit, anchor=manager):
            self.scene.select_roles(role_ids)
            self.view.ensureVisible(self.scene.cards[role_ids[0]])

    def make_top_roles(self) -> None:
        selected = self.scene.selected_role_ids()
        if selected:
            self.move_roles(selected, None)

    def delete_selected(self) -> None:
        selected = self.scene.selected_role_ids()
        if not selected:
            return
        chart = self.document.chart
        chosen = set(selected)
        ordered = [role for role in chart.roles if role.id in chosen]
        moving = reports_moving_up(chart, selected)
        names = join_words(role.title for role in ordered[:3]) + (
            f" and {len(ordered) - 3} more" if len(ordered) > 3 else ""
        )
        question = f"Delete {names}?"
        if moving:
            them = "it" if len(selected) == 1 else "them"
            count = f"{len(moving)} role{'s' if len(moving) != 1 else ''} reporting to {them}"
            question += f" {count} will report to the next manager up, or to nobody if none."
        answer = QMessageBox.question(self, "Delete role", question)
        if answer == QMessageBox.StandardButton.Yes:
            what = "role" if len(selected) == 1 else f"{len(selected)} roles"
            anchor = chart.role(selected[0]).manager
            self._apply(f"Delete {what}", lambda c: remove_roles(c, selected), anchor=anchor)

    def duplicate_selected(self) -> None:
        selected = self.scene.selected_role_ids()
        if len(selected) != 1:
            return
        created: list[str] = []

        def edit(chart: Chart) -> Chart:
            new_chart, role_id = duplicate_role(chart, selected[0])
            created.append(role_id)
            return new_chart

        if self._apply("Duplicate role", edit, anchor=selected[0]) and created:
            self.scene.select_roles(created)
            self.view.ensureVisible(self.scene.cards[created[0]])

    def edit_settings(self) -> None:
        dialog = ChartSettingsDialog(self.document.chart, self)
        if dialog.exec():
            edited = dialog.edited_chart()
            self._apply("Change chart settings", lambda _chart: edited)

    def layout_engine(self) -> LayoutEngine:
        return "dot" if self.dot_layout_action.isChecked() else "tidy"

    def toggle_dot_layout(self) -> None:
        self.settings.setValue("view/layout", self.layout_engine())
        self.scene.engine = self.layout_engine()
        self.scene.refresh()
        self.fit_or_reset()

    def _show_replayed(self, role_ids: list[str]) -> None:
        """After undo or redo, show what changed: select it and scroll it into view."""
        if not role_ids or len(role_ids) > MAX_REPLAY_SELECTION:
            return
        self.scene.select_roles(role_ids)
        card = self.scene.cards.get(role_ids[0])
        if card is not None:
            self.view.ensureVisible(card)

    def fit_or_reset(self) -> None:
        """Show a new chart whole, or at 100% when it is empty."""
        if len(self.document.chart):
            self.view.fit()
        else:
            self.view.reset_zoom()

    def toggle_collapse(self) -> None:
        for role_id in self.scene.selected_role_ids():
            self.scene.toggle_collapsed(role_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_next(self) -> None:
        """Select and centre the next role whose title or person contains the search text."""
        needle = self.search.text().strip().casefold()
        if not needle:
            return
        roles = self.document.chart.roles
        current = self.scene.selected_role_ids()
        start = next((i + 1 for i, r in enumerate(roles) if current and r.id == current[0]), 0)
        for offset in range(len(roles)):
            role = roles[(start + offset) % len(roles)]
            if needle in role.title.casefold() or needle in (role.person or "").casefold():
                self.show_roles([role.id])
                return
        self.statusBar().showMessage(f"No role matches “{self.search.text()}”", 4000)

    # --- files --------------------------------------------------------------

    def commit_pending_edit(self) -> None:
        """Finish the edit being typed in a field (the inspector applies it when focus leaves)."""
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes; False when the user cancels."""
        self.commit_pending_edit()
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {self.windowTitle().split('[*]')[0]}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_chart(self) -> None:
        if self.maybe_save():
            self.autosave.clear()
            self.set_document(ChartDocument(Chart("Untitled")))

    def ask_open(self) -> None:
        if not self.maybe_save():
            return
        filters = f"{CHART_FILTER};;{CSV_FILTER};;All files (*)"
        path, _ = QFileDialog.getOpenFileName(self, "Open chart", self._last_folder(), filters)
        if path:
            self.open_path(path, ask_to_save=False)

    def ask_import(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Import HR export", self._last_folder(), f"{CSV_FILTER};;All files (*)"
        )
        if path:
            self.open_path(path, ask_to_save=False)

    def open_path(self, path: str | Path, *, ask_to_save: bool = True) -> bool:
        """Open a chart or import a CSV; on failure say why and keep the current chart."""
        path = Path(path)
        if ask_to_save and not self.maybe_save():
            return False
        try:
            loaded = read_chart(path)
        except ChartReadError as error:
            QMessageBox.critical(self, "Cannot open chart", str(error))
            return False
        if loaded.report is not None:
            preview = ImportPreviewDialog(loaded.report, path.name, self)
            if not preview.exec():
                return False
            imported = loaded.chart
            # An import is one undoable step into a new, unsaved chart: saving
            # asks where to put the .orgm.
            document = ChartDocument(Chart(imported.name, imported.stage))
            self.set_document(document)
            document.apply(f"Import {path.name}", lambda _chart: imported)
            self.fit_or_reset()
        else:
            self.set_document(ChartDocument(loaded.chart, path))
        self.autosave.clear()
        self._remember(path)
        return True

    def save(self) -> bool:
        self.commit_pending_edit()
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        self.commit_pending_edit()
        safe_name = "".join("-" if c in '/\\:*?"<>|' else c for c in self.document.chart.name)
        suggested = self.document.path or Path(self._last_folder()) / f"{safe_name}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(self, "Save chart", str(suggested), CHART_FILTER)
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != SUFFIX:
            target = target.with_suffix(SUFFIX) if is_csv(target) else Path(f"{target}{SUFFIX}")
        return self.save_to(target)

    def save_to(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as error:
            QMessageBox.critical(
                self,
                "Cannot save chart",
                f"{path.name} could not be written ({error.strerror or error}); "
                "the file on disk is unchanged.",
            )
            return False
        self.autosave.clear()
        self._remember(path)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def ask_export(self) -> None:
        self.commit_pending_edit()
        name = self.document.path.stem if self.document.path else self.document.chart.name
        selected = self.scene.selected_role_ids()
        dialog = ExportDialog(
            Path(self._last_folder()) / f"{name}.pdf",
            selected[0] if len(selected) == 1 else None,
            self,
        )
        if dialog.exec():
            self.export_to(dialog.target(), dialog.options())

    def export_to(self, target: Path, options: ExportOptions) -> bool:
        options = attrs.evolve(options, layout=self.layout_engine())
        try:
            message = export_chart(self.document.chart, target, options)
        except (ExportError, OSError) as error:
            QMessageBox.critical(self, "Cannot export", f"{target.name}: {error}")
            return False
        self.statusBar().showMessage(message, 6000)
        return True

    def print_to(self, printer: QPrinter) -> None:
        options = ExportOptions(layout=self.layout_engine())
        ChartRenderer(self.document.chart, options).paint_pages(printer, keep_device_layout=True)

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(ChartRenderer(self.document.chart).page_layout())
        printer.setDocName(self.document.chart.name)
        return printer

    def print_chart(self) -> None:
        printer = self._printer()
        if QPrintDialog(printer, self).exec():
            self.print_to(printer)

    def preview_print(self) -> None:
        preview = QPrintPreviewDialog(self._printer(), self)
        preview.paintRequested.connect(self.print_to)
        preview.exec()

    def write_autosave(self) -> None:
        if not self.document.modified:
            self.autosave.clear()  # undone back to the saved state: nothing to recover
        else:
            try:
                self.autosave.write(self.document.chart, self.document.path)
            except OSError as error:
                self.statusBar().showMessage(f"Autosave failed: {error}", 8000)

    def offer_recovery(self) -> bool:
        """Offer back unsaved work from a session that did not close cleanly."""
        recoveries = self.autosave.recoveries()
        if not recoveries:
            return False
        newest = recoveries[0]
        when = newest.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        name = newest.original_path.name if newest.original_path else newest.chart.name
        answer = QMessageBox.question(
            self,
            "Restore unsaved work?",
            f"Orgmodel closed without saving changes to {name} (autosaved {when}). Restore them?",
        )
        restored = answer == QMessageBox.StandardButton.Yes
        if restored:
            document = ChartDocument(newest.chart, newest.original_path)
            self.set_document(document)
            # Restored work is unsaved until the user saves it.
            document.undo_stack.resetClean()
            self._update_title()
        # Older leftovers stay and are offered at the next start.
        newest.discard()
        if restored:
            self.write_autosave()
        return restored

    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self._recent() if p != str(path.resolve())]
        self.settings.setValue("files/recent", recent[:MAX_RECENT])
        self.settings.setValue("files/last_folder", str(path.resolve().parent))
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def _last_folder(self) -> str:
        return str(self.settings.value("files/last_folder", str(Path.home())))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self._recent(), start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self._recent()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.autosave.clear()
        event.accept()
