"""File ▸ Export: where to, in which format, and what to leave out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgmodel.atomic_write import TargetNotWritableError, check_writable, resolved_target
from ui.dialogs import ok_cancel
from ui.render import ExportOptions

FORMATS = {
    ".pdf": "PDF document (*.pdf)",
    ".png": "PNG image (*.png)",
    ".svg": "SVG drawing (*.svg)",
    ".pptx": "PowerPoint handout (*.pptx)",
    ".dot": "Graphviz DOT (*.dot)",
}


class ExportDialog(QDialog):
    def __init__(self, suggested: Path, selected_role: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export chart")
        self.path = QLineEdit(str(suggested))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.page = QComboBox()
        for value, label in (("a4", "A4"), ("letter", "Letter"), ("a3", "A3")):
            self.page.addItem(label, value)
        self.orientation = QComboBox()
        for value in ("auto", "portrait", "landscape"):
            self.orientation.addItem(value.capitalize(), value)
        self.paging = QComboBox()
        for value, label in (
            ("auto", "One page unless too small to read, else tiles"),
            ("one", "Always one page"),
            ("tile", "Tiles at a readable size"),
        ):
            self.paging.addItem(label, value)
        self.dpi = QSpinBox()
        self.dpi.setRange(10, 1200)
        self.dpi.setValue(150)
        self.dpi.setSuffix(" dpi")
        self.subtree = QCheckBox("Only the selected role and those below it")
        self.subtree.setEnabled(selected_role is not None)
        self._selected_role = selected_role
        self.names = QCheckBox("People's names")
        self.names.setChecked(True)
        self.markers = QCheckBox("Finding markers")
        self.markers.setChecked(True)
        self.legend = QCheckBox("Legend (and an image's title line)")
        self.legend.setChecked(True)
        self.findings = QCheckBox("Pages listing the findings (PDF, PowerPoint)")

        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", where)
        form.addRow("Paper", self.page)
        form.addRow("Orientation", self.orientation)
        form.addRow("Pages", self.paging)
        form.addRow("PNG resolution", self.dpi)
        for box in (self.subtree, self.names, self.markers, self.legend, self.findings):
            form.addRow("", box)
        buttons = ok_cancel(self, "Export")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        current = Path(self.path.text())
        filters = ";;".join(FORMATS.values())
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export chart", str(current), filters, FORMATS.get(current.suffix.lower(), "")
        )
        if chosen:
            self.path.setText(chosen)

    def target(self) -> Path | None:
        """The file to write; a name without a known suffix becomes a PDF. None: no file."""
        text = self.path.text().strip()
        if not text or text.endswith(("/", "\\")) or Path(text).is_dir():
            return None
        path = Path(text)
        return path if path.suffix.lower() in FORMATS else Path(f"{text}.pdf")

    def accept(self) -> None:
        target = self.target()
        if target is None:
            self.problem.setText("Choose a file to export to (Browse…).")
            return
        try:
            # A read-only file or an unwritable folder: choose again here, before any work.
            check_writable(resolved_target(target))
        except TargetNotWritableError as error:
            self.problem.setText(f"{error}; choose another file (Browse…).")
            return
        super().accept()

    def options(self) -> ExportOptions:
        return ExportOptions(
            page=self.page.currentData(),
            orientation=self.orientation.currentData(),
            paging=self.paging.currentData(),
            dpi=self.dpi.value(),
            subtree=self._selected_role if self.subtree.isChecked() else None,
            names=self.names.isChecked(),
            markers=self.markers.isChecked(),
            legend=self.legend.isChecked(),
            findings=self.findings.isChecked(),
        )
