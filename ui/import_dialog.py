"""Preview of a CSV import: how the columns were read and which titles matched nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.csvimport import ImportReport
from ui.dialogs import ok_cancel


class ImportPreviewDialog(QDialog):
    def __init__(self, report: ImportReport, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Import {file_name}")
        self.resize(680, 640)
        chart = report.chart
        summary = QLabel(
            f"<b>{len(chart)} roles</b> read from {file_name}. "
            f"{len(report.unclassified_titles)} job titles matched no role kind."
        )
        summary.setWordWrap(True)

        self.columns = QTableWidget(len(report.columns), 2)
        self.columns.setHorizontalHeaderLabels(["Field", "Read from column"])
        for row, (field, header) in enumerate(report.columns.items()):
            self.columns.setItem(row, 0, QTableWidgetItem(field))
            self.columns.setItem(row, 1, QTableWidgetItem(header))
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.verticalHeader().setVisible(False)

        self.unclassified = QListWidget()
        for title, count in report.unclassified_titles.items():
            self.unclassified.addItem(f"{title}  ({count} role{'s' if count != 1 else ''})")
        self.notes = QListWidget()
        self.notes.addItems(list(report.notes))

        buttons = ok_cancel(self, "Import")

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel("Column mapping"))
        layout.addWidget(self.columns, 3)
        layout.addWidget(QLabel("Titles kept as unclassified roles"))
        layout.addWidget(self.unclassified, 2)
        layout.addWidget(QLabel(f"Notes ({len(report.notes)})"))
        layout.addWidget(self.notes, 1 if report.notes else 0)
        if not report.notes:
            self.notes.setMaximumHeight(40)
        layout.addWidget(buttons)
