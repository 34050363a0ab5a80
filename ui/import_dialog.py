"""Preview of an import: how the file was read, and a mapping the user can change.

The dialog shows the column mapping, how reporting lines were resolved (and
which were not), the titles that matched no role kind and the rows set aside.
Changing a field's column and pressing "Read again" re-imports the file with
that mapping; Import takes the chart as last read. A workbook of several
sheets gets a sheet picker: choosing a sheet reads it with the columns it has.
"""

from __future__ import annotations

from pathlib import Path

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

from orgmodel.errors import ChartReadError
from orgmodel.importing.report import ImportReport
from orgmodel.importing.vocabulary import FIELDS, ColumnMappingError
from orgmodel.loading import LoadedChart, read_chart, table_headers, workbook_sheets
from ui.dialogs import ok_cancel

NOT_USED = "(not used)"


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        report: ImportReport,
        path: Path,
        parent: QWidget | None = None,
        *,
        source: str = "",
        sheet: str | None = None,
        unit: str = "line",
    ):
        super().__init__(parent)
        self.path = path
        self.report = report
        self.sheet = sheet
        """The sheet read, for a spreadsheet; None for the first visible one."""
        self.unit = unit
        """What the report's positions count: "line", "row" or "item"."""
        self.setWindowTitle(f"Import {path.name}")
        self.resize(760, 720)
        self.source = QLabel(f"Read from: {source}" if source else "")
        self.source.setVisible(bool(source))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        try:
            sheets = workbook_sheets(path)
        except ChartReadError:
            sheets = []
        self.sheets = QComboBox()
        self.sheets.addItems(sheets)
        if sheet is not None:
            self.sheets.setCurrentText(sheet)
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
        layout.addWidget(self.source)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Column mapping"))
        layout.addWidget(self.mapping, 3)
        layout.addLayout(again)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel("How the file was read"))
        layout.addWidget(self.details, 2)
        layout.addWidget(buttons)
        self._show(report)

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
        self.unit = loaded.unit
        self._show(loaded.report, loaded.source)
        return True

    def choose_sheet(self, sheet: str) -> bool:
        """Read another sheet, with the columns that sheet has; False (and why) if it can't be."""
        loaded = self._read(sheet, None)
        if loaded is None or loaded.report is None:
            return False
        self.sheet = sheet
        self.unit = loaded.unit
        self._offer_columns(loaded.report)
        self._show(loaded.report, loaded.source)
        return True

    def _read(self, sheet: str | None, mapping: dict[str, str] | None) -> LoadedChart | None:
        try:
            loaded = read_chart(self.path, mapping=mapping, sheet=sheet)
        except (ChartReadError, ColumnMappingError) as error:
            self.problem.setText(f"{error} Import stays off until the file reads.")
            self._import.setEnabled(False)
            return None
        self.problem.clear()
        self._import.setEnabled(True)
        return loaded

    def _offer_columns(self, report: ImportReport) -> None:
        """Every column of the file (of the sheet read) in each field's chooser."""
        try:
            headers = table_headers(self.path, self.sheet)
        except ChartReadError:
            headers = list(report.columns.values())
        for chooser in self.choosers.values():
            chooser.clear()
            chooser.addItems([NOT_USED, *headers])

    def _show(self, report: ImportReport, source: str | None = None) -> None:
        self.report = report
        if source:
            self.source.setText(f"Read from: {source}")
            self.source.setVisible(True)
        for field, chooser in self.choosers.items():
            header = report.columns.get(field)
            index = chooser.findText(header) if header else 0
            chooser.setCurrentIndex(max(index, 0))
        resolved = sum(report.managers_resolved.values())
        how = ", ".join(
            f"{count} by {method}" for method, count in report.managers_resolved.items()
        )
        self.summary.setText(
            f"<b>{len(report.chart)} roles</b> read from {self.path.name}. "
            f"{resolved} reporting lines resolved"
            + (f" from {report.manager_column!r} ({how})" if report.manager_column else "")
            + f"; {len(report.unresolved_managers)} unresolved, "
            f"{len(report.ambiguous_managers)} ambiguous. "
            f"{len(report.unclassified_titles)} job title"
            f"{'' if len(report.unclassified_titles) == 1 else 's'} matched no role kind."
            + (
                f" <b>{len(report.loops)} reporting loop{'' if len(report.loops) == 1 else 's'}"
                "</b> (validation will report them)."
                if report.loops
                else ""
            )
        )
        self.details.clear()
        lines: list[str] = []
        if report.manager_choice:
            lines.append(report.manager_choice)
        lines += list(report.loops)
        lines += [
            f"{self.unit} {line}: manager {value!r} matches nobody"
            for line, value in report.unresolved_managers
        ]
        lines += [
            f"{self.unit} {line}: manager {name!r} is the name of several people; left unlinked"
            for line, name in report.ambiguous_managers
        ]
        lines += [
            f"title {title!r} matches no role kind ({count} role{'s' if count != 1 else ''})"
            for title, count in report.unclassified_titles.items()
        ]
        lines += [f"set aside: {row}" for row in report.set_aside]
        lines += list(report.notes)
        self.details.addItems(lines or ["Every row was read as it stands."])
