"""File commands of the main window: new, open, import, save, export, autosave
(the recently opened charts: ui.recent_files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
)

from orgmodel.atomic_write import FileVersion, ReadOnlyFileError
from orgmodel.errors import ChartReadError, printable
from orgmodel.fileformat import SUFFIX, chart_bytes
from orgmodel.importing.shape import MissingColumnError
from orgmodel.model import Chart
from orgmodel.open_chart import LoadedChart, is_import, read_chart
from ui.autosave import digest
from ui.dialogs import redraw_under_closed_dialog
from ui.disk_conflict import DiskChoice, ask_about_disk_change
from ui.document import CHECKING_RULES, ChartDocument, busy_cursor, chart_update
from ui.export_dialog import ExportDialog
from ui.export_run import cannot_write, drawn_chart, export_with_progress
from ui.import_dialog import ImportPreviewDialog
from ui.import_run import import_on_worker
from ui.recent_files import RecentFiles
from ui.render import ExportError, ExportOptions

if TYPE_CHECKING:
    from ui.main_window import MainWindow

UNTITLED = "Untitled"
"""A new chart's name until it is saved under one."""

CHART_FILTER = f"Orgmodel charts (*{SUFFIX})"
CSV_FILTER = "HR exports and chart data (*.csv *.tsv *.txt *.xlsx *.xlsm *.xls *.ods *.json)"


class FileCommands:
    """Opening and keeping charts: never loses work, says why when a file can't be used."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent = RecentFiles(window, self.open_path)

    def commit_pending_edit(self) -> None:
        """Finish the edit being typed in a field (the inspector applies it when focus leaves)."""
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes; False when the user cancels."""
        self.commit_pending_edit()
        if not self.window.document.modified:
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            f"Save the changes to {self.window.windowTitle().split('[*]')[0]}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def adopt(self, document: ChartDocument, history_start: str | None = None) -> None:
        """Show ``document``, and hear from it when its file changes on disk."""
        self.window.set_document(document, history_start)
        document.changed_on_disk.connect(lambda: self._disk_changed_while_open(document))
        document.watch_disk()

    def _read(self, path: Path) -> LoadedChart:
        """``read_chart(path)``, under a busy cursor (some 0.3 s at 50,000 roles)."""
        with busy_cursor():
            self.window.work_progress.step(f"Reading {printable(path.name)}")
            return read_chart(path)

    def _show_read(
        self,
        chart: Chart,
        path: Path | None,
        on_disk: FileVersion | None,
        history_start: str | None = None,
    ) -> ChartDocument:
        """Show a chart read from ``path`` (or an autosave), under a busy cursor:
        validating it and making its cards take some 2 s at 50,000 roles. As an
        edit's update (see chart_update), what it keeps is frozen: left to the
        collector, the first collection after it walked every object of the
        chart and its cards (at 50,000 roles some 100 ms of the opening). The
        window collects once it has shown the chart (settle_heap)."""
        with chart_update(collect_first=False):
            self.window.work_progress.step(CHECKING_RULES)
            document = ChartDocument(chart, path, on_disk=on_disk)
            self.adopt(document, history_start)
        return document

    def new_chart(self) -> None:
        if self.maybe_save():
            self.window.autosave.clear()
            self.adopt(ChartDocument(Chart(UNTITLED)))

    def ask_open(self) -> None:
        if not self.maybe_save():
            return
        filters = f"{CHART_FILTER};;{CSV_FILTER};;All files (*)"
        path, _ = QFileDialog.getOpenFileName(
            self.window, "Open chart", self.recent.last_folder(), filters
        )
        if path:
            self.open_path(path, ask_to_save=False)

    def ask_import(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import HR export",
            self.recent.last_folder(),
            f"{CSV_FILTER};;All files (*)",
        )
        if path:
            self.open_path(path, ask_to_save=False)

    def open_path(self, path: str | Path, *, ask_to_save: bool = True) -> bool:
        """Open a chart or import a CSV; on failure say why and keep the current chart."""
        path = Path(path)
        if ask_to_save and not self.maybe_save():
            return False
        title = "Cannot import" if is_import(path) else "Cannot open chart"
        # Read before the chart is: a change made meanwhile still shows as one.
        on_disk = None if is_import(path) else FileVersion.read(path)
        missing: MissingColumnError | None = None
        loaded: LoadedChart | None
        try:
            if not is_import(path):
                loaded = self._read(path)
            elif (loaded := import_on_worker(self.window, path)) is None:
                self.window.statusBar().showMessage(
                    f"Import cancelled; {printable(path.name)} was not read.", 6000
                )
                return False  # the chart shown stays as it was
        except MissingColumnError as error:  # a mapping in the preview can fix it
            loaded, missing = None, error
        except ChartReadError as error:
            QMessageBox.critical(self.window, title, str(error))
            return False
        except MemoryError:
            QMessageBox.critical(
                self.window, title, f"There is not enough memory to open {printable(path.name)}."
            )
            return False
        if loaded is None or loaded.report is not None:
            report = None if loaded is None else loaded.report
            preview = ImportPreviewDialog(report, path, self.window, missing=missing)
            if not preview.exec():
                return False
            if preview.report is None:
                return False
            redraw_under_closed_dialog()
            imported = preview.report.chart  # as last read, with the user's mapping
            # An import is one undoable step into a new, unsaved chart: saving
            # asks where to put the .orgm.
            document = ChartDocument(Chart(imported.name, imported.stage))
            self.adopt(document, history_start="Before the import")
            document.perform(f"Import {path.name}", lambda _chart: imported)
            self.window.viewing.fit_or_reset()
        else:
            self._show_read(loaded.chart, path, on_disk)
        self.window.autosave.clear()
        self.recent.remember(path)
        return True

    def save(self) -> bool:
        self.commit_pending_edit()
        if self.window.document.path is None:
            return self.save_as()
        return self.save_to(self.window.document.path)

    def save_as(self) -> bool:
        self.commit_pending_edit()
        safe_name = "".join(
            "-" if c in '/\\:*?"<>|' else c for c in self.window.document.chart.name
        )
        suggested = self.window.document.path or self._chart_folder() / f"{safe_name}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self.window, "Save chart", str(suggested), CHART_FILTER
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != SUFFIX:
            target = target.with_suffix(SUFFIX) if is_import(target) else Path(f"{target}{SUFFIX}")
        return self.save_to(target)

    def save_to(self, path: Path) -> bool:
        """Save to ``path``; asks first when another program replaced the file, and
        offers another name when it is read-only. False when nothing was saved."""
        document = self.window.document
        if path == document.path and document.disk_replaced():
            choice = ask_about_disk_change(
                self.window, path, saving=True, modified=document.modified
            )
            if choice is DiskChoice.SAVE_AS:
                return self.save_as()
            if choice is DiskChoice.RELOAD:
                self.reload()
                return False
            if choice is not DiskChoice.OVERWRITE:
                return False
        name = printable(path.name)
        if document.path is None and document.chart.name == UNTITLED:
            # A new chart is called what it was saved as, in the same step as the save.
            stem = path.stem
            document.perform(f"Name the chart {stem}", lambda c: attrs.evolve(c, name=stem))
        try:
            data = chart_bytes(document.chart)
            # Before the rename: a crash after it must not offer this autosave back.
            self.window.autosave.mark_saving(path, digest(data))
            document.save(path, data)
        except ReadOnlyFileError:
            answer = QMessageBox.question(
                self.window,
                "Cannot save chart",
                f"{name} is read-only, so it was not replaced. Save the chart under another name?",
            )
            return answer == QMessageBox.StandardButton.Yes and self.save_as()
        except OSError as error:
            # Orgmodel did not replace the file; whether anyone else changed it is not known.
            why = cannot_write(path, error).removesuffix(".")
            QMessageBox.critical(
                self.window, "Cannot save chart", f"{why}. Your changes are still open here."
            )
            return False
        except MemoryError:
            QMessageBox.critical(
                self.window,
                "Cannot save chart",
                f"There is not enough memory to save {name}; your changes are still open here.",
            )
            return False
        self.window.autosave.clear()
        self.recent.remember(path)
        self.window.statusBar().showMessage(f"Saved {printable(str(path))}", 4000)
        return True

    def reload(self) -> bool:
        """Read the open chart's file again, giving up what is shown (the user chose so)."""
        path = self.window.document.path
        if path is None:
            return False
        on_disk = FileVersion.read(path)
        try:
            chart = self._read(path).chart
        except ChartReadError as error:
            QMessageBox.critical(
                self.window, "Cannot reload chart", f"{error}; the chart shown stays."
            )
            return False
        self._show_read(chart, path, on_disk, f"Reloaded {path.name} (changed on disk)")
        self.window.autosave.clear()
        return True

    def _disk_changed_while_open(self, document: ChartDocument) -> None:
        if document is not self.window.document:
            return  # a document no longer shown
        if QApplication.activeModalWidget() is not None:
            document.look_at_disk_later()  # not on top of another question
            return
        if document.path is None:
            return
        choice = ask_about_disk_change(
            self.window, document.path, saving=False, modified=document.modified
        )
        if choice is DiskChoice.RELOAD:
            self.reload()

    def ask_export(self) -> None:
        self.commit_pending_edit()
        name = (
            self.window.document.path.stem
            if self.window.document.path
            else self.window.document.chart.name
        )
        selected = self.window.scene.selected_role_ids()
        dialog = ExportDialog(
            self._chart_folder() / f"{name}.pdf",
            selected[0] if len(selected) == 1 else None,
            self.window,
        )
        target = dialog.target() if dialog.exec() else None
        if target is not None:
            self.export_to(target, dialog.options())

    def export_to(self, target: Path, options: ExportOptions) -> bool:
        # What is exported is laid out as on screen: same layout, same collapsed teams.
        options = attrs.evolve(
            options,
            layout=self.window.viewing.layout_engine(),
            collapsed=frozenset(self.window.scene.collapsed),
        )
        name = printable(target.name)
        try:
            chart = drawn_chart(self.window.document)
            message = export_with_progress(self.window, chart, target, options)
            if message is None:
                self.window.statusBar().showMessage(
                    f"Export cancelled; {name} was left as it was.", 6000
                )
                return False
        except ExportError as error:
            QMessageBox.critical(self.window, "Cannot export", f"{name}: {error}")
            return False
        except OSError as error:
            QMessageBox.critical(self.window, "Cannot export", cannot_write(target, error))
            return False
        except MemoryError:
            QMessageBox.critical(
                self.window,
                "Cannot export",
                f"There is not enough memory to export {name}; "
                "nothing was written. A lower resolution or a subtree needs less.",
            )
            return False
        self.window.statusBar().showMessage(message, 6000)
        return True

    def write_autosave(self) -> None:
        """What the autosave timer does: hand unsaved work to the autosave's
        writing thread (a failure comes back through ``autosave_failed``)."""
        if not self.window.document.modified:
            self.window.autosave.clear()  # undone back to the saved state: nothing to recover
        else:
            self.window.autosave.write(self.window.document.chart, self.window.document.path)

    def show_autosave_failure(self, message: str) -> None:
        self.window.statusBar().showMessage(f"Autosave failed: {message}", 8000)

    def offer_recovery(self) -> bool:
        """Offer back unsaved work from a session that did not close cleanly."""
        recoveries = self.window.autosave.recoveries()
        if not recoveries:
            return False
        newest = recoveries[0]
        when = newest.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        name = printable(newest.original_path.name if newest.original_path else newest.chart.name)
        answer = QMessageBox.question(
            self.window,
            "Restore unsaved work?",
            f"Orgmodel closed without saving changes to {name} (autosaved {when}). Restore them?",
        )
        restored = answer == QMessageBox.StandardButton.Yes
        if restored:
            redraw_under_closed_dialog()
            path = newest.original_path
            on_disk = FileVersion.read(path) if path else None
            document = self._show_read(
                newest.chart, path, on_disk, f"Restored from autosave ({when})"
            )
            # Restored work is unsaved until the user saves it.
            document.undo_stack.resetClean()
            self.window._update_title()
        # Older leftovers stay and are offered at the next start.
        newest.discard()
        if restored:
            self.write_autosave()
        return restored

    def _chart_folder(self) -> Path:
        """Where Save and Export start: the chart's own folder, else the user's
        documents (never the working directory, which may be the app's install)."""
        if self.window.document.path is not None:
            return self.window.document.path.parent
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents or Path.home())
