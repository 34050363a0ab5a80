"""The matrix and spans tabs are not rebuilt on an edit while hidden; they catch up when shown."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from orgmodel.analysis import ResponsibilityMatrix, responsibility_matrix
from orgmodel.catalogue import Catalogue
from orgmodel.edits import remove_roles, reparent, update_role
from orgmodel.model import Chart
from orgmodel.spans import SpansAndLayers
from ui import spans_view
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


def test_a_hidden_spans_tab_waits_until_it_is_shown(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "enterprise.orgm")
    spans = window.reorg.spans
    assert window.views.currentWidget() is not spans
    passes: list[int] = []
    real = spans_view.spans_and_layers

    def counted_pass(chart: Chart, catalogue: Catalogue) -> SpansAndLayers:
        passes.append(len(chart))
        return real(chart, catalogue)

    monkeypatch.setattr(spans_view, "spans_and_layers", counted_pass)
    chart = window.document.chart
    window.document.perform(
        "Move", lambda c: c.with_role(attrs.evolve(chart.role("E220"), manager="E200"))
    )
    assert passes == []  # hidden: no pass over the chart
    window.views.setCurrentWidget(spans)
    assert passes == [len(chart)]  # shown: brought up to date once
    assert spans.spans is not None
    assert spans.spans == real(window.document.chart, window.catalogue)
    window.document.undo_stack.undo()
    assert passes == [len(chart), len(chart)]  # visible: follows every edit


def test_a_move_while_hidden_works_out_no_matrix(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert window.views.currentWidget() is not window.matrix
    coverage = window.coverage.text()
    worked_out: list[Chart] = []

    def counting(chart: Chart, *args: object, **kwargs: object) -> ResponsibilityMatrix:
        worked_out.append(chart)
        return responsibility_matrix(chart, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("ui.matrix_view.responsibility_matrix", counting)
    window.document.perform("Move", lambda chart: reparent(chart, "G3", "G1"))
    assert worked_out == []  # a move changes no one's work: the score stands
    assert window.coverage.text() == coverage
    window.views.setCurrentWidget(window.matrix)
    assert worked_out == [window.document.chart]  # shown: worked out for the chart as it is
    rows = window.matrix.model.matrix.rows  # type: ignore[union-attr]
    assert next(r for r in rows if r.id == "G3") is window.document.chart.role("G3")


def test_a_hidden_matrix_scores_an_edit_from_the_rules_indexes(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert window.views.currentWidget() is not window.matrix
    worked_out: list[Chart] = []

    def counting(chart: Chart, *args: object, **kwargs: object) -> ResponsibilityMatrix:
        worked_out.append(chart)
        return responsibility_matrix(chart, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("ui.matrix_view.responsibility_matrix", counting)
    role = window.document.chart.role("G3")
    taken = attrs.evolve(role, responsibilities=frozenset())
    window.document.perform("Take all", lambda chart: update_role(chart, taken))
    window.document.perform("Remove", lambda chart: remove_roles(chart, ["G8"]))
    assert worked_out == []  # hidden: no pass over every role for the score
    score = responsibility_matrix(window.document.chart).score()
    assert window.coverage.text() == f"coverage {score}/100"
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    score = responsibility_matrix(window.document.chart).score()
    assert window.coverage.text() == f"coverage {score}/100"
