"""Chart settings: name, business stage, which rules run and the house rules' limits."""

from __future__ import annotations

import attrs
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from orgmodel.model import SPAN_LIMITS, Chart, RuleSettings, Stage
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
        self.span_limit.setRange(*SPAN_LIMITS)
        self.span_limit.setValue(chart.settings.span_of_control_limit)
        self.rules = QListWidget()
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("QListWidget::item { padding: 3px 0px; }")
        self.rules.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.rules.setResizeMode(QListView.ResizeMode.Adjust)
        self.rules.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for info in rule_catalogue().values():
            heading = f"{info.id}  [{info.severity}]" + ("  (house rule)" if info.house else "")
            item = QListWidgetItem(f"{heading}\n{info.explanation}")
            item.setToolTip(f"Fix: {info.fix}")
            item.setData(RULE_ID, info.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            on = info.id not in chart.settings.disabled
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.rules.addItem(item)

        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Business stage", self.stage)
        form.addRow("Span of control limit", self.span_limit)
        all_on = QPushButton("Switch every rule on")
        all_on.clicked.connect(self.switch_all_on)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Rules checked on this chart (untick one to switch it off):"))
        layout.addWidget(self.rules, 1)
        layout.addWidget(all_on)
        layout.addWidget(buttons)

    def switch_all_on(self) -> None:
        for row in range(self.rules.count()):
            item = self.rules.item(row)
            if item is not None:
                item.setCheckState(Qt.CheckState.Checked)

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
