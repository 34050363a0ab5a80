"""File ▸ New from template: pick a stage template, read when it fits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.templates import Template, templates
from orgmodel.wording import counted


class TemplateDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New from template")
        self.resize(720, 380)
        self.templates = templates()
        self.choices = QListWidget()
        for template in self.templates:
            item = QListWidgetItem(template.name)
            item.setData(Qt.ItemDataRole.UserRole, template.id)
            self.choices.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        body = QHBoxLayout()
        body.addWidget(self.choices, 1)
        body.addWidget(self.description, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.choices.currentRowChanged.connect(self._describe)
        self.choices.setCurrentRow(0)

    def _describe(self, row: int) -> None:
        if not 0 <= row < len(self.templates):
            self.description.clear()
            return
        template = self.templates[row]
        chart = template.chart
        self.description.setText(
            f"<b>{template.name}</b><br>{chart.stage.value.capitalize()} business, "
            f"{counted(len(chart), 'vacant seat')}, responsibilities assigned.<br><br>"
            + template.description.replace("&", "&amp;").replace("<", "&lt;")
        )

    def choose(self, template_id: str) -> None:
        for row, template in enumerate(self.templates):
            if template.id == template_id:
                self.choices.setCurrentRow(row)
                return
        raise KeyError(template_id)

    def chosen(self) -> Template | None:
        row = self.choices.currentRow()
        return self.templates[row] if 0 <= row < len(self.templates) else None
