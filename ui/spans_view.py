"""The Spans and layers tab: managers by span band, depth per function, median spans.

Everything shown comes from ``orgmodel.spans``; clicking a band (or a
manager with a single report) asks the window to select those cards.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from orgmodel.catalogue import Catalogue
from orgmodel.model import Chart
from orgmodel.spans import SPAN_BANDS, SpansAndLayers, limit_sentence, spans_and_layers
from orgmodel.wording import counted, join_some
from ui.document import ChartDocument

OVER_LIMIT_COLOUR = "#fde2e1"
IDS_ROLE = Qt.ItemDataRole.UserRole


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))


class SpansView(QWidget):
    roles_selected = Signal(list)
    """A band or a manager was picked: select these roles on the canvas."""

    def __init__(self, document: ChartDocument, catalogue: Catalogue) -> None:
        super().__init__()
        self.document = document
        self.catalogue = catalogue
        self._spans: SpansAndLayers | None = None
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._limit = QLabel()
        self._limit.setWordWrap(True)
        self._bands = _table(["Direct reports", "Managers", "Who"])
        self._single = _table(["Manager with a single report", "Their report"])
        self._layers = _table(["Function", "Layers to its deepest role"])
        self._levels = _table(["Layer", "Managers", "Median span"])
        grid = QGridLayout()
        for column, (title, table) in enumerate(
            (("Managers by span", self._bands), ("Layers", self._layers))
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
            grid.addWidget(table, 1, column)
        for column, (title, table) in enumerate(
            (
                ("Managers with a single report", self._single),
                ("Median span per layer", self._levels),
            )
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 2, column)
            grid.addWidget(table, 3, column)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._limit)
        layout.addLayout(grid, 1)
        self._bands.itemSelectionChanged.connect(lambda: self._picked(self._bands))
        self._single.itemSelectionChanged.connect(lambda: self._picked(self._single))
        self._stale = True
        """The chart changed while the tab was hidden: shown, it is brought up to date."""
        document.chart_changed.connect(self.refresh)
        self.refresh()

    # Read from outside, the tables and figures are those of the current chart.
    @property
    def spans(self) -> SpansAndLayers | None:
        self._bring_up_to_date()
        return self._spans

    @property
    def summary(self) -> QLabel:
        self._bring_up_to_date()
        return self._summary

    @property
    def limit(self) -> QLabel:
        self._bring_up_to_date()
        return self._limit

    @property
    def bands(self) -> QTableWidget:
        self._bring_up_to_date()
        return self._bands

    @property
    def single(self) -> QTableWidget:
        self._bring_up_to_date()
        return self._single

    @property
    def layers(self) -> QTableWidget:
        self._bring_up_to_date()
        return self._layers

    @property
    def levels(self) -> QTableWidget:
        self._bring_up_to_date()
        return self._levels

    def showEvent(self, event: QShowEvent) -> None:
        self._bring_up_to_date()
        super().showEvent(event)

    def _bring_up_to_date(self) -> None:
        if self._stale:
            self._show_spans()

    def set_document(self, document: ChartDocument) -> None:
        self.document.chart_changed.disconnect(self.refresh)
        self.document = document
        document.chart_changed.connect(self.refresh)
        self.refresh()

    def band_row(self, label: str) -> int:
        """The row of the band labelled ``label`` (as ``orgmodel.spans.band_label`` writes it)."""
        for row in range(self._bands.rowCount()):
            item = self._bands.item(row, 0)
            if item is not None and item.text() == label:
                return row
        raise KeyError(label)

    def _picked(self, table: QTableWidget) -> None:
        rows = {index.row() for index in table.selectedIndexes()}
        if not rows:
            return
        item = table.item(min(rows), 0)
        ids = item.data(IDS_ROLE) if item is not None else None
        if ids:
            self.roles_selected.emit(list(ids))

    def _names(self, chart: Chart, role_ids: Sequence[str]) -> str:
        return join_some([self.catalogue.label(chart.role(r)) for r in role_ids], shown=3)

    def refresh(self) -> None:
        """Show the current chart's figures; a hidden tab waits until it is shown
        (or read): working them out costs as much as a whole-chart layout."""
        self._stale = True
        if self.isVisible():
            self._show_spans()

    def _show_spans(self) -> None:
        self._stale = False
        chart = self.document.chart
        spans = self._spans = spans_and_layers(chart, self.catalogue)
        self._summary.setText(
            f"<b>{counted(len(spans.spans), 'manager')}</b> · "
            f"<b>{counted(spans.layers, 'layer')}</b> from the top to the deepest role · "
            f"median span <b>{spans.median_span:g}</b> · "
            f"{counted(len(spans.single_report_managers), 'manager')} with a single report"
        )
        self._limit.setText(limit_sentence(spans))
        for table in (self._bands, self._single):
            table.blockSignals(True)
        try:
            self._fill_bands(chart, spans)
            self._fill_single(chart, spans)
        finally:
            for table in (self._bands, self._single):
                table.blockSignals(False)
        _fill(self._layers, [(f, str(n)) for f, n in spans.layers_by_function.items()])
        _fill(
            self._levels,
            [(str(lv.layer), str(lv.managers), f"{lv.median_span:g}") for lv in spans.levels],
        )

    def _fill_bands(self, chart: Chart, spans: SpansAndLayers) -> None:
        _fill(
            self._bands,
            [
                (band.label, str(len(band.managers)), self._names(chart, band.managers))
                for band in spans.bands
            ],
        )
        for row, (band, (_low, high)) in enumerate(zip(spans.bands, SPAN_BANDS, strict=True)):
            first = self._bands.item(row, 0)
            assert first is not None
            first.setData(IDS_ROLE, list(band.managers))
            over = high is None or high > spans.span_limit
            if over and any(spans.spans[m] > spans.span_limit for m in band.managers):
                for column in range(self._bands.columnCount()):
                    cell = self._bands.item(row, column)
                    if cell is not None:
                        cell.setBackground(QBrush(QColor(OVER_LIMIT_COLOUR)))
                        cell.setToolTip(f"Some of these managers have more than {spans.span_limit}")

    def _fill_single(self, chart: Chart, spans: SpansAndLayers) -> None:
        reports: dict[str, str] = {}
        wanted = set(spans.single_report_managers)
        for role in chart.roles:
            if role.manager in wanted and role.manager not in reports:
                reports[role.manager] = self.catalogue.label(role)
        managers = spans.single_report_managers
        _fill(
            self._single,
            [(self.catalogue.label(chart.role(m)), reports.get(m, "")) for m in managers],
        )
        for row, manager in enumerate(managers):
            item = self._single.item(row, 0)
            assert item is not None
            item.setData(IDS_ROLE, [manager])
