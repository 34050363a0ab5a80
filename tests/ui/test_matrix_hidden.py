"""The matrix tab is not rebuilt on an edit while hidden; it catches up when shown."""

from __future__ import annotations

from pathlib import Path

import attrs

from orgmodel.edits import update_role
from ui.main_window import MainWindow


def test_a_hidden_matrix_waits_until_its_tab_is_shown(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert window.views.currentWidget() is not window.matrix
    table_model = window.matrix.table.model()  # Qt's own pointer: reading it rebuilds nothing
    resets: list[bool] = []
    table_model.modelReset.connect(lambda: resets.append(True))
    coverage = window.coverage.text()
    role = window.document.chart.role("G3")
    taken = attrs.evolve(role, responsibilities=frozenset())
    window.document.perform("Take all", lambda chart: update_role(chart, taken))
    assert resets == []  # hidden: no rebuild
    assert window.coverage.text() != coverage  # the status bar follows at once
    window.views.setCurrentWidget(window.matrix)
    assert resets == [True]  # shown: rebuilt once, for the chart as it is now
    rows = table_model.matrix.rows  # type: ignore[attr-defined]
    assert next(r for r in rows if r.id == "G3") is window.document.chart.role("G3")
    window.document.undo_stack.undo()
    assert resets == [True, True]  # visible: rebuilt on every edit as before
