"""Explain a finding: the rule, its source, the roles, why it fired, and fixes to apply."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from orgmodel.rules import Explanation, Fix


class ExplainDialog(QDialog):
    def __init__(self, explanation: Explanation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Why: {explanation.rule}")
        self.resize(640, 520)
        self.explanation = explanation
        self.chosen: Fix | None = None
        text = QTextBrowser()
        text.setHtml(_as_html(explanation))
        self.fixes = QListWidget()
        # Fixes are sentences, some long: wrapped, not scrolled sideways.
        self.fixes.setWordWrap(True)
        self.fixes.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.fixes.setResizeMode(QListView.ResizeMode.Adjust)
        self.fixes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for fix in explanation.fixes:
            self.fixes.addItem(fix.description)
        if explanation.fixes:
            self.fixes.setCurrentRow(0)
        self.apply = QPushButton("Apply fix")
        self.apply.setEnabled(bool(explanation.fixes))
        self.apply.clicked.connect(self._apply)
        self.fixes.itemDoubleClicked.connect(lambda _item: self._apply())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text, 3)
        layout.addWidget(QLabel("Suggested fixes (each is one step you can undo)"))
        layout.addWidget(self.fixes, 1)
        layout.addWidget(self.apply)
        layout.addWidget(close)

    def _apply(self) -> None:
        row = self.fixes.currentRow()
        if 0 <= row < len(self.explanation.fixes):
            self.chosen = self.explanation.fixes[row]
            self.accept()


def _as_html(explanation: Explanation) -> str:
    def items(lines: tuple[str, ...] | list[str]) -> str:
        return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"

    roles = [f"{role.label} [{role.id}]" for role in explanation.roles]
    parts = [
        f"<h3>{html.escape(explanation.rule)} ({html.escape(explanation.severity)})</h3>",
        f"<p>{html.escape(explanation.rule_text)}</p>",
        "<h4>Why it fired on this chart</h4>",
        items(explanation.why),
    ]
    if roles:
        parts += ["<h4>Roles involved</h4>", items(roles)]
    parts += ["<h4>Where the rule comes from</h4>", items(explanation.sources)]
    return "".join(parts)
