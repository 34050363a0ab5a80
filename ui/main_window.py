"""The main window: canvas, palette, inspector, findings and undo history.

The window owns one :class:`ChartDocument` at a time. Gestures on the canvas
and the panels become edits from ``orgmodel.edits``, each pushed as one
undoable command; the views redraw when the document says the chart changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QUndoView,
    QWidget,
)

from orgmodel.catalogue import Catalogue, load_catalogue
from orgmodel.memory import collection_paused
from orgmodel.model import Chart
from orgmodel.rules import counts_line
from orgmodel.wording import counted
from ui.appearance import zoom_text
from ui.autosave import Autosave, default_autosave_folder
from ui.canvas import ChartScene, ChartView
from ui.document import SETTLE_HEAP_MS, ChartDocument, settle_heap
from ui.edit_commands import EditCommands
from ui.file_commands import FileCommands
from ui.find_bar import FindCommands, FindPanel
from ui.findings_panel import FindingsPanel
from ui.inspector import RoleInspector
from ui.matrix_view import ResponsibilityMatrixView
from ui.palette import RolePalette
from ui.print_commands import PrintCommands
from ui.reorg_features import ReorgFeatures
from ui.view_commands import ViewCommands
from ui.window_menus import add_menus_and_toolbar
from ui.work_progress import WorkProgress

AUTOSAVE_MS = 60_000
MAX_REPLAY_SELECTION = 50
"""An undo that touched more roles than this (an import, say) selects none of them."""


class MainWindow(QMainWindow):
    autosave_failed = Signal(str)
    """An autosave could not be written (emitted on the autosave's thread)."""

    def __init__(
        self,
        settings: QSettings | None = None,
        autosave_folder: Path | None = None,
        catalogue: Catalogue | None = None,
    ) -> None:
        super().__init__()
        self.files = FileCommands(self)
        self.edits = EditCommands(self)
        self.finder = FindCommands(self)
        self.viewing = ViewCommands(self)
        self.printing = PrintCommands(self)
        self.settings = settings or QSettings()
        self.catalogue = catalogue or load_catalogue()
        self.autosave = Autosave(
            autosave_folder or default_autosave_folder(),
            on_failure=lambda error: self.autosave_failed.emit(str(error)),
        )
        # Queued: the failure is reported on the writing thread, shown on this one.
        self.autosave_failed.connect(self.files.show_autosave_failure)
        self.setWindowTitle("Orgmodel")
        self.resize(1400, 860)

        self.undo_group = QUndoGroup(self)
        self.document = ChartDocument(Chart("Untitled"), parent=self)
        self.undo_group.addStack(self.document.undo_stack)
        self.undo_group.setActiveStack(self.document.undo_stack)
        self.work_progress = WorkProgress(self.statusBar())
        self.scene = ChartScene(
            self.document, self.catalogue, parent=self, progress=self.work_progress.step
        )
        self.view = ChartView(self.scene)
        self.matrix = ResponsibilityMatrixView(self.document, self.catalogue)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.view, "Chart")
        self.views.addTab(self.matrix, "Responsibilities")
        self.setCentralWidget(self.views)
        self.role_palette = RolePalette(self.catalogue)
        self.find_panel = FindPanel()
        self.inspector = RoleInspector(self.document, self.catalogue)
        self.findings = FindingsPanel()
        self.history = QUndoView(self.undo_group)
        self.history.setEmptyLabel("New chart")
        self._docks: list[QDockWidget] = []
        palette_dock = self._dock(
            "Roles", "palette-dock", self.role_palette, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.find_dock = self._dock(
            "Find", "find-dock", self.find_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        inspector_dock = self._dock(
            "Inspector", "inspector-dock", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        history_dock = self._dock(
            "History", "history-dock", self.history, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(inspector_dock, history_dock)
        inspector_dock.raise_()
        # Below the palette, shown by the first search (a second group of tabbed
        # docks leaves a stray tab bar painted over the status bar).
        self.splitDockWidget(palette_dock, self.find_dock, Qt.Orientation.Vertical)
        self.find_dock.hide()
        findings_dock = self._dock(
            "Findings", "findings-dock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.findings.heading_changed.connect(findings_dock.setWindowTitle)
        # The list follows the canvas selection: showing all is selecting nothing.
        self.findings.show_all_requested.connect(lambda: self.scene.clearSelection())

        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a name, title, id or department (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.finder.connect_find()
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self._build_actions()
        if self.viewing.layout_engine() != self.scene.engine:
            self.scene.engine = self.viewing.layout_engine()
            self.scene.refresh()

        self.view.kind_dropped.connect(self.edits.add_role_of_kind)
        self.view.cards_dropped.connect(self.edits.move_roles)
        self.view.drop_missed.connect(
            lambda: self.statusBar().showMessage(
                "Drop a card on another card to move it under that role.", 5000
            )
        )
        self._selection_from: str | None = None
        """The panel ("findings", "matrix") whose pick is being shown, so it isn't re-synced."""
        self.findings.roles_requested.connect(partial(self.show_roles, origin="findings"))
        self.findings.explain_requested.connect(self.edits.explain_finding)
        self.findings.menu_requested.connect(self.edits.finding_menu)
        self.matrix.roles_selected.connect(partial(self.show_roles, origin="matrix"))
        self.coverage = QLabel()
        self.statusBar().addPermanentWidget(self.coverage)
        self.zoom_label = QLabel()
        self.zoom_label.setToolTip("Zoom (Ctrl+0 fits the chart, Ctrl+1 is 100%)")
        self.statusBar().addPermanentWidget(self.zoom_label)
        self.view.zoom_changed.connect(lambda zoom: self.zoom_label.setText(zoom_text(zoom)))
        self.zoom_label.setText(zoom_text(self.view.zoom()))
        self.matrix.score_changed.connect(
            lambda score: self.coverage.setText(f"coverage {score}/100")
        )
        self.matrix.refresh()
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.files.write_autosave)
        self._autosave_timer.start()
        self._connect_document()
        self._restore_layout()
        self.reorg = ReorgFeatures(self)

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
        self.new_action = self._action("&New", self.files.new_chart, keys.New)
        self.open_action = self._action("&Open…", self.files.ask_open, keys.Open)
        self.import_action = self._action("&Import HR export…", self.files.ask_import, "Ctrl+I")
        self.save_action = self._action("&Save", self.files.save, keys.Save)
        self.save_as_action = self._action("Save &As…", self.files.save_as, keys.SaveAs)
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.export_action = self._action("&Export…", self.files.ask_export, "Ctrl+Shift+E")
        self.print_action = self._action("&Print…", self.printing.print_chart, keys.Print)
        self.preview_action = self._action("Print Pre&view…", self.printing.preview_print)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.delete_action = self._action("&Delete role", self.edits.delete_selected, keys.Delete)
        self.duplicate_action = self._action(
            "D&uplicate role", self.edits.duplicate_selected, "Ctrl+D"
        )
        self.rename_action = self._action("Re&name role", self.edits.rename_in_place, "F2")
        self.copy_action = self._action("&Copy role and team", self.edits.copy_selected, keys.Copy)
        self.paste_action = self._action("&Paste under selected role", self.edits.paste, keys.Paste)
        self.settings_action = self._action("Chart &settings…", self.edits.edit_settings, "Ctrl+,")
        self.zoom_in_action = self._action("Zoom &in", self.view.zoom_in, keys.ZoomIn)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(keys.ZoomIn)])
        self.zoom_out_action = self._action("Zoom &out", self.view.zoom_out, keys.ZoomOut)
        self.fit_action = self._action("&Fit to window", self.view.fit, "Ctrl+0")
        self.actual_size_action = self._action("&Actual size", self.view.reset_zoom, "Ctrl+1")
        self.collapse_action = self._action(
            "&Collapse / expand", self.viewing.toggle_collapse, "Ctrl+E"
        )
        self.find_action = self._action("&Find role", self.finder.focus_search, keys.Find)
        self.find_next_action = self._action("Find &next", self.finder.find_next, "F3")
        self.find_previous_action = self._action(
            "Find pre&vious", self.finder.find_previous, "Shift+F3"
        )
        self.dot_layout_action = self._action("&Graphviz layout", self.viewing.toggle_dot_layout)
        self.dot_layout_action.setCheckable(True)
        self.dot_layout_action.setChecked(self.settings.value("view/layout", "tidy") == "dot")
        self.dot_layout_action.setToolTip(
            "Lay the chart out with Graphviz dot (up to 1,000 roles) instead of the compact tree"
        )
        self.minimap_action = self.viewing.minimap_toggle()
        self.top_action = self._action("Report to &nobody", self.edits.make_top_roles)
        self.select_all_action = self._action(
            "Select &all roles", self.viewing.select_all, keys.SelectAll
        )
        # These keys mean "the selected cards" only while the canvas has focus;
        # elsewhere (a list, the findings) Delete must not delete a role.
        canvas_actions = (
            self.rename_action,
            self.copy_action,
            self.paste_action,
            self.delete_action,
            self.duplicate_action,
            self.collapse_action,
            self.select_all_action,
        )
        for canvas_action in canvas_actions:
            canvas_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.view.addAction(canvas_action)

        self.recent_menu, self.levels_menu = add_menus_and_toolbar(self)
        self.files.recent.fill_menu()

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
        self.document.working.connect(self.work_progress.step)
        self.document.edit_refused.connect(self.edits.refuse)
        self.document.history_replayed.connect(self._show_replayed)
        self.document.undo_stack.cleanChanged.connect(self._update_title)
        self.document.path_changed.connect(self._update_title)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.layout_note.connect(self._show_layout_note)
        self._chart_changed()
        self._selection_changed()
        self._update_title()
        self._show_layout_note(self.scene.layout.note)

    def _show_layout_note(self, note: str) -> None:
        """Say why the chart is not laid out as the View menu asks (a Graphviz fallback)."""
        bar = self.statusBar()
        if note:
            bar.showMessage(f"Layout: {note}.", 10000)
        elif bar.currentMessage().startswith("Layout: "):
            bar.clearMessage()  # it no longer applies

    @collection_paused()  # settle_heap collects once the chart is shown
    def set_document(self, document: ChartDocument, history_start: str | None = None) -> None:
        """Show another document; the old one, its scene and its history go.

        ``history_start`` names the first entry of the history, the state undo
        goes back to: by default "Opened NAME" for a file, "New chart" otherwise.
        """
        if history_start is None:
            history_start = f"Opened {document.path.name}" if document.path else "New chart"
        self.history.setEmptyLabel(history_start)
        old_document, old_scene = self.document, self.scene
        old_scene.selectionChanged.disconnect(self._selection_changed)
        old_scene.release()  # before the new scene is built: not both at once
        document.setParent(self)
        self.document = document
        self.scene = ChartScene(
            document,
            self.catalogue,
            parent=self,
            engine=self.viewing.layout_engine(),
            background_layout=True,
            progress=self.work_progress.step,
        )
        self.view.setScene(self.scene)
        self.inspector.set_document(document)
        self.matrix.set_document(document)
        self.reorg.set_document(document)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.undo_group.removeStack(old_document.undo_stack)
        self._connect_document()
        old_scene.deleteLater()
        old_document.deleteLater()
        self.viewing.fit_or_reset()
        QTimer.singleShot(SETTLE_HEAP_MS, settle_heap)

    def _chart_changed(self) -> None:
        self.find_panel.chart_changed(self.document.chart)
        by_role = self.document.findings_by_role
        self.findings.show_findings(by_role, self.scene.selected_role_ids())
        self.counts.setText(
            f"{counted(len(self.document.chart), 'role')} — {counts_line(by_role.by_severity())}"
        )
        self._update_title()

    def _update_title(self) -> None:
        path = self.document.path
        name = path.name if path else self.document.chart.name
        self.setWindowTitle(f"{name}[*] — Orgmodel")
        self.setWindowModified(self.document.modified)

    def _selection_changed(self) -> None:
        selected = self.scene.selected_role_ids()
        found = self.scene.find_trail.role_id
        if found is not None and selected != [found]:
            self.scene.show_trail(None)  # the trail is of the hit, not of a later pick
        for action in (self.delete_action, self.collapse_action, self.top_action):
            action.setEnabled(bool(selected))
        self.duplicate_action.setEnabled(len(selected) == 1)
        self.rename_action.setEnabled(len(selected) == 1)
        self.copy_action.setEnabled(bool(selected))
        self.inspector.show_roles(selected)
        # A picked finding keeps its list whole, so the user can step through it;
        # picked matrix rows are selected there already.
        if self._selection_from != "findings":
            self.findings.filter_to_roles(selected)
        if self._selection_from != "matrix":
            self.matrix.follow_selection(selected)

    def open_path(self, path: str | Path, *, ask_to_save: bool = True) -> bool:
        """Open a chart or import an HR export (``FileCommands.open_path``)."""
        return self.files.open_path(path, ask_to_save=ask_to_save)

    def save(self) -> bool:
        return self.files.save()

    def show_roles(self, role_ids: list[str], origin: str | None = None) -> None:
        """Select and centre these roles; ``origin`` names the panel that asked."""
        self._selection_from = origin
        try:
            self.scene.select_roles(role_ids)
            self.view.centre_on_roles(role_ids)
        finally:
            self._selection_from = None

    # --- edits --------------------------------------------------------------

    def _show_replayed(self, role_ids: list[str]) -> None:
        """After undo or redo, show what changed: select it and scroll it into view."""
        if not role_ids or len(role_ids) > MAX_REPLAY_SELECTION:
            return
        self.scene.select_roles(role_ids)
        if role_ids[0] in self.scene.cards:
            self.view.ensureVisible(self.scene.box_rect(role_ids[0]))

    # --- files --------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.autosave.clear()
        self.document.stop_watching_disk()  # a closed window asks nothing more
        event.accept()
