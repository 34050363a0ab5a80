"""Compare with…: the open chart against another version of it.

The other version is the baseline (before); the open chart is after, and
stays editable: every edit recomputes the comparison. The Changes panel lists
every change and the findings resolved and new (clicking one selects its
cards); on the canvas, moved cards are framed and say where they came from,
added cards are framed as new, and otherwise changed cards as changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import shiboken6
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyleOptionGraphicsItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.catalogue import Catalogue
from orgmodel.diff import ChartDiff, diff_charts
from orgmodel.model import Chart
from orgmodel.rules import Finding
from orgmodel.wording import counted
from ui.appearance import text_font
from ui.canvas import CardItem, ChartScene
from ui.document import ChartDocument

MARK_COLOURS = {"moved": "#7b3fbf", "added": "#2e8b57", "changed": "#c77700", "removed": "#b3261e"}
"""Frames on the canvas and rows in the list; a removed role has no card, only its row."""
IDS_ROLE = Qt.ItemDataRole.UserRole
MARK_Z = 3.0


class ChangeMark(QGraphicsItem):
    """A coloured frame round a card, with a tag above it saying what changed."""

    def __init__(self, card: CardItem, how: str, tag: str) -> None:
        super().__init__(card)
        self.how = how
        self.tag = tag
        self.colour = QColor(MARK_COLOURS[how])
        self.frame = card.card_rect.adjusted(-4, -4, 4, 4)
        # Sized in scene units, so the tag keeps its size on a 300-dpi PDF.
        self.font = text_font(10)
        metrics = QFontMetricsF(self.font)
        width = min(metrics.horizontalAdvance(tag) + 8, self.frame.width() + 60)
        self.tag_rect = QRectF(
            self.frame.left(), self.frame.top() - metrics.height() - 2, width, metrics.height() + 2
        )
        self.setZValue(MARK_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return self.frame.united(self.tag_rect).adjusted(-2, -2, 2, 2)

    def paint(
        self,
        painter: QPainter,
        _option: QStyleOptionGraphicsItem,
        _widget: QWidget | None = None,
    ) -> None:
        painter.setPen(QPen(self.colour, 2.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.frame, 6, 6)
        painter.fillRect(self.tag_rect, self.colour)
        painter.setPen(QColor("white"))
        painter.setFont(self.font)
        painter.drawText(
            self.tag_rect.adjusted(4, 0, -2, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            self.tag,
        )


def marks_for(diff: ChartDiff) -> dict[str, tuple[str, str]]:
    """Role id (new chart) -> (how, tag) for each card to mark."""
    marks: dict[str, tuple[str, str]] = {}
    for change in diff.changes:
        if change.kind == "removed":
            continue
        if change.kind == "added":
            marks[change.role] = ("added", "new")
        elif change.kind == "moved":
            marks[change.role] = ("moved", f"from {change.before}")
        elif change.role not in marks:
            marks[change.role] = ("changed", change.kind.replace("-", " "))
    return marks


class ChangesPanel(QWidget):
    roles_requested = Signal(list)
    """A change or finding was clicked: select these roles (of the open chart)."""
    stop_requested = Signal()
    export_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.stop = QPushButton("Stop comparing")
        self.stop.clicked.connect(self.stop_requested)
        self.export = QPushButton("Export PDF…")
        self.export.clicked.connect(self.export_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.stop, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        ids = item.data(0, IDS_ROLE)
        if ids:
            self.roles_requested.emit(list(ids))

    def items(self) -> list[QTreeWidgetItem]:
        """Every change and finding row, in the order shown."""
        rows = []
        for group in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(group)
            if top is not None:
                rows += [c for i in range(top.childCount()) if (c := top.child(i)) is not None]
        return rows

    def show_diff(self, diff: ChartDiff, baseline: str) -> None:
        before, after = diff.spans_before, diff.spans_after
        self.summary.setText(
            f"Against <b>{escape(baseline)}</b>: {counted(len(diff.changes), 'change')}, "
            f"{counted(len(diff.resolved), 'finding')} resolved, {len(diff.introduced)} new"
            + (" (<b>adds an error</b>)" if diff.adds_error else "")
            + f" · coverage {diff.score_before} → {diff.score_after}"
            f" · layers {before.layers} → {after.layers}"
            f" · median span {before.median_span:g} → {after.median_span:g}"
        )
        self.tree.clear()
        changes = self._group(f"Changes ({len(diff.changes)})")
        for change in diff.changes:
            ids = [] if change.kind == "removed" else [change.role]
            self._row(changes, change.description, ids, MARK_COLOURS.get(change.kind))
        mapped = dict(diff.matched_by_name)
        self._findings(f"Findings resolved ({len(diff.resolved)})", diff.resolved, mapped)
        self._findings(f"Findings new ({len(diff.introduced)})", diff.introduced, {})
        self.tree.expandAll()

    def _group(self, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        self.tree.addTopLevelItem(item)
        return item

    def _row(
        self, group: QTreeWidgetItem, text: str, ids: Sequence[str], colour: str | None
    ) -> None:
        item = QTreeWidgetItem(group, [text])
        item.setToolTip(0, text)
        item.setData(0, IDS_ROLE, list(ids))
        if colour is not None:
            item.setForeground(0, QColor(colour))

    def _findings(self, title: str, findings: Sequence[Finding], to_new: dict[str, str]) -> None:
        group = self._group(title)
        for finding in findings:
            ids = [to_new.get(r, r) for r in finding.roles]
            self._row(group, f"[{finding.rule}] {finding.severity}: {finding.message}", ids, None)


class CompareSession(QObject):
    """A baseline chart compared with the open document, kept current through edits."""

    def __init__(
        self,
        baseline: Chart,
        name: str,
        document: ChartDocument,
        scene: ChartScene,
        panel: ChangesPanel,
        catalogue: Catalogue,
    ) -> None:
        super().__init__(document)
        self.baseline = baseline
        self.name = name
        self.document = document
        self.scene = scene
        self.panel = panel
        self.catalogue = catalogue
        self.marks: dict[str, ChangeMark] = {}
        self.diff: ChartDiff | None = None
        document.chart_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.diff = diff_charts(self.baseline, self.document.chart, self.catalogue)
        self.panel.show_diff(self.diff, self.name)
        self._clear_marks()
        self.scene.make_pending()  # a big chart's cards not drawn yet too
        for role_id, (how, tag) in marks_for(self.diff).items():
            card = self.scene.cards.get(role_id)
            if card is not None:
                self.marks[role_id] = ChangeMark(card, how, tag)

    def _clear_marks(self) -> None:
        for mark in self.marks.values():
            # A mark goes with its card when the card goes.
            if shiboken6.isValid(mark) and mark.scene() is not None:
                mark.scene().removeItem(mark)
        self.marks.clear()

    def stop(self, *, scene_alive: bool = True) -> None:
        self.document.chart_changed.disconnect(self.refresh)
        if scene_alive:
            self._clear_marks()
        self.marks.clear()
        self.panel.tree.clear()
        self.panel.summary.clear()
