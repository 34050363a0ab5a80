"""Chart settings: name, business stage, which rules run and the house rules' limits."""

from __future__ import annotations

import attrs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgmodel.model import Chart, RuleSettings, Stage
from orgmodel.rules import rule_catalogue
from ui.dialogs import ok_cancel

RULE_ID = Qt.ItemDataRole.UserRole


class ChartSettingsDialog(QDialog):
    def __init__(self, chart: Chart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Chart settings")
        self.resize(560, 600)
        self._chart = chart
        self.name = QLineEdit(chart.name)
        self.stage = QComboBox()
        for stage in Stage:
            self.stage.addItem(stage.value.capitalize(), stage)
        self.stage.setCurrentIndex(self.stage.findData(chart.stage))
        self.span_limit = QSpinBox()
        self.span_limit.setRange(1, 10_000)
        self.span_limit.setValue(chart.settings.span_of_control_limit)
        self.rules = QListWidget()
        for info in rule_catalogue().values():
            label = f"{info.id}  [{info.severity}]" + ("  (house rule)" if info.house else "")
            item = QListWidgetItem(label)
            item.setToolTip(info.explanation)
            item.setData(RULE_ID, info.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            on = info.id not in chart.settings.disabled
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.rules.addItem(item)

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Business stage", self.stage)
        form.addRow("Span of control limit", self.span_limit)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rules, 1)
        layout.addWidget(buttons)

    def edited_chart(self) -> Chart:
        disabled = set()
        for row in range(self.rules.count()):
            item = self.rules.item(row)
            if item is not None and item.checkState() != Qt.CheckState.Checked:
                disabled.add(item.data(RULE_ID))
        settings = RuleSettings(disabled=disabled, span_of_control_limit=self.span_limit.value())
        return attrs.evolve(
            self._chart,
            name=self.name.text().strip() or self._chart.name,
            stage=self.stage.currentData(),
            settings=settings,
        )
