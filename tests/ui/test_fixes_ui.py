"""Suggested fixes and explanations from the findings panel, each fix one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgmodel.rules import Finding
from ui.explain_dialog import ExplainDialog
from ui.main_window import MainWindow


def finding(window: MainWindow, rule: str, text: str = "") -> Finding:
    return next(f for f in window.document.findings if f.rule == rule and text in f.message)


def test_overlap_fix_clears_the_finding_and_undo_restores_it(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    overlap = finding(window, "strategy-overlap")
    fixes = window.edits.fixes_for(overlap)
    assert fixes and "Aisha Bello (VP Marketing)" in fixes[0].description
    assert window.edits.apply_fix(fixes[0])
    assert "strategy-overlap" not in [f.rule for f in window.document.findings]
    assert "brand-strategy" not in (window.document.chart.role("G3").responsibilities or ())
    assert window.document.undo_stack.undoText() == fixes[0].description
    window.undo_action.trigger()
    assert finding(window, "strategy-overlap") == overlap


def test_gap_fix_gives_events_to_a_sensible_role(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    gap = finding(window, "responsibility-gap", "events")
    fix = window.edits.fixes_for(gap)[0]
    assert window.edits.apply_fix(fix)
    chart = window.document.chart
    holders = [r for r in chart.roles if r.responsibilities and "events" in r.responsibilities]
    assert holders and all(r.kind not in ("cmo", "ceo", "coo") for r in holders)
    assert "Nobody holds events (tactical marketing)." not in [
        f.message for f in window.document.findings
    ]
    assert window.scene.selected_role_ids() == [holders[0].id]


def test_explain_shows_rule_source_roles_and_applies_the_chosen_fix(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    overlap = finding(window, "strategy-overlap")
    shown: list[ExplainDialog] = []

    def choose_first(dialog: ExplainDialog) -> int:
        shown.append(dialog)
        dialog.apply.click()
        return 1

    monkeypatch.setattr(ExplainDialog, "exec", choose_first)
    window.findings.explain_requested.emit(overlap)
    text = shown[0].explanation.text()
    assert "What is the difference between a CMO and a VP?, ¶5" in text
    assert "Victor Hughes (Chief Marketing Officer)" in text
    assert "strategy-overlap" not in [f.rule for f in window.document.findings]


def test_long_fixes_wrap_in_the_explain_dialog(window: MainWindow, samples: Path) -> None:
    import attrs
    from PySide6.QtWidgets import QApplication

    from orgmodel.rules import Fix, explain

    window.open_path(samples / "startup-fractional.orgm")
    scope = finding(window, "fractional-cmo-scope")
    explanation = explain(scope, window.document.chart, window.catalogue)
    long_fix = Fix("Remove " + "a very long list of responsibilities, " * 8 + "from the CMO", ())
    dialog = ExplainDialog(attrs.evolve(explanation, fixes=(*explanation.fixes, long_fix)))
    dialog.show()
    QApplication.processEvents()
    line = dialog.fixes.fontMetrics().height()
    item = dialog.fixes.item(dialog.fixes.count() - 1)
    assert dialog.fixes.visualItemRect(item).height() > 2.5 * line  # wrapped, all of it
    assert not dialog.fixes.horizontalScrollBar().isVisible()
    dialog.close()
