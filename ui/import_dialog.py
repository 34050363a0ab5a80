"""Preview of an import: how the file was read, and a mapping the user can change.

The dialog opens on a confidence summary (who is at the top, how many lines
resolved, how many look implausible, what was set aside, titles with no
level), then the column mapping and the details. Changing a field's column
and pressing "Read again" re-imports the file with that mapping; Import takes
the chart as last read. A file missing a column the import needs opens here
too, with Import off until a mapping makes it read. A workbook of several
sheets gets a sheet picker: choosing a sheet reads it with the columns it has.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.errors import ChartReadError, printable
from orgmodel.importing.report import ImportReport
from orgmodel.importing.shape import MissingColumnError
from orgmodel.importing.summary import confidence_summary
from orgmodel.importing.vocabulary import FIELDS, ColumnMappingError
from orgmodel.open_chart import LoadedChart, table_headers, workbook_sheets
from ui.dialogs import ok_cancel
from ui.import_run import import_on_worker, run_import

NOT_USED = "(not used)"
Answer = TypeVar("Answer")


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        report: ImportReport | None,
        path: Path,
        parent: QWidget | None = None,
        missing: MissingColumnError | None = None,
        *,
        sheet: str | None = None,
    ):
        """Preview ``report``; or, with ``missing`` (and no report), ask for the
        column the import could not find. ``sheet`` is the workbook's sheet read."""
        super().__init__(parent)
        self.path = path
        self.report = report
        self.sheet = sheet
        """The sheet read, for a spreadsheet; None for the first visible one."""
        self.setWindowTitle(f"Import {path.name}")
        self.resize(760, 720)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        try:
            sheets = self._on_worker(lambda: workbook_sheets(path)) or []
        except ChartReadError:
            sheets = []
        self.sheets = QComboBox()
        self.sheets.addItems(sheets)
        if sheet is None and report is not None and report.sheet not in (None, *sheets[:1]):
            self.sheet = report.sheet  # the import passed over the first sheet
        if self.sheet is not None:
            self.sheets.setCurrentText(self.sheet)
        self.sheets.currentTextChanged.connect(self.choose_sheet)
        self.mapping = QTableWidget(len(FIELDS), 2)
        self.mapping.setHorizontalHeaderLabels(["Field", "Read from column"])
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.choosers: dict[str, QComboBox] = {}
        for row, field in enumerate(FIELDS):
            self.mapping.setItem(row, 0, QTableWidgetItem(field))
            chooser = QComboBox()
            self.mapping.setCellWidget(row, 1, chooser)
            self.choosers[field] = chooser
        self._offer_columns(report)
        self.read_again = QPushButton("Read again with this mapping")
        self.read_again.clicked.connect(self.reread)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        self.details = QListWidget()
        self.details.setWordWrap(True)  # the manager column's reasons are a long sentence
        buttons = ok_cancel(self, "Import")
        self._import = buttons.button(QDialogButtonBox.StandardButton.Ok) or QPushButton()

        again = QHBoxLayout()
        again.addWidget(self.read_again)
        again.addStretch(1)
        layout = QVBoxLayout(self)
        if len(sheets) > 1:
            picker = QHBoxLayout()
            picker.addWidget(QLabel(f"Sheet ({len(sheets)} in the workbook)"))
            picker.addWidget(self.sheets)
            picker.addStretch(1)
            layout.addLayout(picker)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Column mapping"))
        layout.addWidget(self.mapping, 3)
        layout.addLayout(again)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel("How the file was read"))
        layout.addWidget(self.details, 2)
        layout.addWidget(buttons)
        if report is not None:
            self._show(report)
        else:
            self._ask_for(missing)

    def _ask_for(self, missing: MissingColumnError | None) -> None:
        what = missing.problem if missing else "the file could not be read"
        field = missing.field if missing else "id"
        detected = missing.detected if missing else {}
        for name, chooser in self.choosers.items():
            chooser.setCurrentIndex(max(chooser.findText(detected.get(name, NOT_USED)), 0))
        self.summary.setText(f"<b>{escape(self.path.name)} needs a column mapping.</b>")
        self.problem.setText(
            f"{what[0].upper()}{what[1:]}. Choose the column that holds {field} below, "
            "then read again."
        )
        self._import.setEnabled(False)

    def chosen_mapping(self) -> dict[str, str]:
        """Every field's column; "" for a field the user does not want read."""
        return {
            field: "" if chooser.currentText() == NOT_USED else chooser.currentText()
            for field, chooser in self.choosers.items()
        }

    def reread(self) -> bool:
        """Import the file again with the chosen mapping; False (and why) if it can't be."""
        loaded = self._read(self.sheet, self.chosen_mapping())
        if loaded is None or loaded.report is None:
            return False
        self._show(loaded.report)
        return True

    def choose_sheet(self, sheet: str) -> bool:
        """Read another sheet, with the columns that sheet has; False (and why) if it can't be."""
        loaded = self._read(sheet, None)
        if loaded is None or loaded.report is None:
            return False
        self.sheet = sheet
        self._offer_columns(loaded.report)
        self._show(loaded.report)
        return True

    def _read(self, sheet: str | None, mapping: dict[str, str] | None) -> LoadedChart | None:
        """The file read again on a worker; None (and why) if it can't be or was cancelled."""
        try:
            loaded = import_on_worker(self, self.path, mapping=mapping, sheet=sheet)
        except (ChartReadError, ColumnMappingError) as error:
            said = (
                f"{self.path.name}: {error.problem}"
                if isinstance(error, MissingColumnError)
                else str(error)
            )
            self.problem.setText(f"{said}. Import stays off until the file reads.")
            self._import.setEnabled(False)
            return None
        if loaded is None:  # cancelled: what was read before still stands, sheet included
            with QSignalBlocker(self.sheets):
                self.sheets.setCurrentIndex(max(self.sheets.findText(self.sheet or ""), 0))
            self.problem.setText("Reading again was cancelled; the preview is as last read.")
            return None
        self.problem.clear()
        self._import.setEnabled(True)
        return loaded

    def _offer_columns(self, report: ImportReport | None) -> None:
        """Every column of the file (of the sheet read) in each field's chooser."""
        headers: list[str] | None = None
        if report is not None and report.headers:
            headers = list(report.headers)  # as the import read them: no second read
        else:
            sheet = self.sheet
            with contextlib.suppress(ChartReadError):
                headers = self._on_worker(lambda: table_headers(self.path, sheet))
        if headers is None:
            headers = list(report.columns.values()) if report else []
        for chooser in self.choosers.values():
            chooser.clear()
            chooser.addItems([NOT_USED, *headers])

    def _on_worker(self, read: Callable[[], Answer]) -> Answer | None:
        """``read()`` run on a worker; None if the user cancelled."""
        return run_import(self, f"Reading {printable(self.path.name)}…", lambda _told: read())

    def _show(self, report: ImportReport) -> None:
        self.report = report
        for field, chooser in self.choosers.items():
            header = report.columns.get(field)
            index = chooser.findText(header) if header else 0
            chooser.setCurrentIndex(max(index, 0))
        verdict, lines = confidence_summary(report)
        rows = "".join(
            f"<tr><td><b>{escape(line.label)}</b></td><td"
            + (' style="color: #b3261e"' if line.concern else "")
            + f">{escape(line.text)}</td></tr>"
            for line in lines
        )
        loops = (
            f"<p><b>{len(report.loops)} reporting loop{'' if len(report.loops) == 1 else 's'}"
            "</b> (validation will report them).</p>"
            if report.loops
            else ""
        )
        self.summary.setText(
            f"<p><b>{escape(verdict)}</b> ({escape(self.path.name)}, "
            f"{escape(report.container)})</p>"
            f'<table cellspacing="2">{rows}</table>{loops}'
        )
        self.details.clear()
        details: list[str] = []
        details += [f"implausible: {line}" for line in report.implausible]
        if report.manager_choice:
            details.append(report.manager_choice)
        details += list(report.loops)
        details += [
            f"{report.unit} {line}: manager {value!r} matches nobody"
            for line, value in report.unresolved_managers
        ]
        details += [
            f"{report.unit} {line}: manager {name!r} is the name of several people; left unlinked"
            for line, name in report.ambiguous_managers
        ]
        details += list(report.reattached)
        details += [
            f"title {title!r} matches no role kind ({count} role{'s' if count != 1 else ''})"
            for title, count in report.unclassified_titles.items()
        ]
        details += [f"set aside: {row}" for row in report.set_aside]
        details += list(report.notes)
        self.details.addItems(details or ["Every row was read as it stands."])
