"""Regressions for what a review of the app found (each test names the trap)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import Chart, Role
from ui.main_window import MainWindow

from .conftest import Dialogs, WindowFactory, card_point, drop_kind


def test_a_field_being_typed_is_saved_with_ctrl_s(
    window: MainWindow, samples: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    path = tmp_path / "chart.orgm"
    save_chart(load_chart(samples / "enterprise.orgm"), path)
    window.open_path(path)
    window.activateWindow()
    window.scene.select_roles(["E200"])
    window.inspector.title.setFocus()
    qtbot.waitUntil(window.inspector.title.hasFocus)
    window.inspector.title.setText("Head of Growth")  # typed, no Enter yet
    assert window.save()
    assert load_chart(path).role("E200").title == "Head of Growth"
    assert not window.isWindowModified()


def test_dragging_a_manager_with_its_report_keeps_the_team(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.edits.move_roles(["E240", "E232"], "E310")
    chart = window.document.chart
    assert chart.role("E232").manager == "E310"
    assert chart.role("E240").manager == "E232"


def test_recovery_keeps_older_autosaves_for_next_time(
    make_window: WindowFactory, dialogs: Dialogs, tmp_path: Path
) -> None:
    folder = tmp_path / "autosave"
    folder.mkdir()
    for name, when in (
        ("Alpha plan", "2026-01-01T10:00:00+00:00"),
        ("Beta plan", "2026-01-02T10:00:00+00:00"),
    ):
        stem = folder / name.replace(" ", "-")
        save_chart(Chart(name), stem.with_suffix(".orgm"))
        stem.with_suffix(".json").write_text(
            json.dumps({"original_path": None, "saved_at": when, "pid": 0})
        )
    first = make_window()
    assert first.files.offer_recovery()
    assert first.document.chart.name == "Beta plan"
    first.document.undo_stack.setClean()
    first.autosave.clear()
    second = make_window()
    assert second.files.offer_recovery()
    assert second.document.chart.name == "Alpha plan"


def test_an_autosave_undone_back_to_the_saved_state_is_removed(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    drop_kind(window.view, "cmo", card_point(window.view, "E100"))
    window.files.write_autosave()
    window.autosave.wait()
    assert list(window.autosave.folder.glob("*.orgm"))
    window.undo_action.trigger()
    window.files.write_autosave()
    window.autosave.wait()
    assert not list(window.autosave.folder.glob("*.orgm"))


def test_new_chart_shows_dropped_cards_at_full_size(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.zoom_by(0.25)
    window.new_action.trigger()
    assert window.view.zoom() == 1.0


def test_delete_in_another_panel_does_not_delete_a_role(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E400"])
    for panel in (window.findings, window.role_palette, window.inspector.dotted):
        panel.setFocus()
        press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(panel, press)
    assert dialogs.said == []
    assert "E400" in window.document.chart


def test_wheel_over_an_unfocused_combo_does_not_change_the_role(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E200"])
    combo = window.inspector.kind
    wheel = QWheelEvent(
        QPointF(5, 5),
        QPointF(combo.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(combo, wheel)
    assert window.document.chart.role("E200").kind == "cmo"
    assert window.document.undo_stack.count() == 0


def test_inspector_heading_shows_markup_as_text(window: MainWindow) -> None:
    window.document.apply("x", lambda c: c.with_role(Role("r", "VP <Sales> & R&D", "vp-sales")))
    window.scene.select_roles(["r"])
    assert "&lt;Sales&gt;" in window.inspector.heading.text()


def test_window_title_follows_a_rename(window: MainWindow) -> None:
    window.document.apply("Rename", lambda c: Chart("Acme Corp", c.stage, c.roles, c.settings))
    assert window.windowTitle().startswith("Acme Corp[*]")


def test_redo_answers_both_standard_keys(window: MainWindow) -> None:
    keys = {sequence.toString() for sequence in window.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys
    assert window.quit_action.shortcut().toString()


def test_a_collapsed_card_carries_the_markers_of_what_it_hides(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    assert window.scene.cards["E232"].content.severity is None
    window.scene.select_roles(["E232"])
    window.collapse_action.trigger()  # hides the vacant web specialist's info
    assert window.scene.cards["E232"].content.severity == "info"


def test_stepping_through_findings_keeps_the_list(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.findings.pick(2)
    assert len(window.findings.rules_shown()) == 7
    assert window.scene.selected_role_ids()


def test_make_top_moves_the_selection_to_the_top(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E400"])
    window.top_action.trigger()
    assert window.document.chart.role("E400").manager is None
    assert "multiple-tops" in [f.rule for f in window.document.findings]


def test_clearing_years_sets_them_back_to_unknown(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E200"])
    box = window.inspector.years_marketing
    assert box.value() == 23
    box.lineEdit().selectAll()
    box.lineEdit().del_()
    box.interpretText()
    box.editingFinished.emit()
    assert window.document.chart.role("E200").years_in_marketing is None
    assert box.text() == "Unknown"


def test_undo_and_redo_show_what_changed(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.edits.move_roles(["E240"], "E310")
    window.scene.clearSelection()
    window.undo_action.trigger()
    assert window.scene.selected_role_ids() == ["E240"]
    assert window.view.viewport().rect().contains(card_point(window.view, "E240"))
    window.scene.clearSelection()
    window.redo_action.trigger()
    assert window.scene.selected_role_ids() == ["E240"]


def test_search_ignores_accents_and_case(window: MainWindow) -> None:
    window.document.apply(
        "x", lambda c: c.with_role(Role("z", "PR Specialist", "pr-specialist", "Zoë Ångström"))
    )
    window.search.setText("zoe angstrom")
    window.finder.find_next()
    assert window.scene.selected_role_ids() == ["z"]


def test_canvas_actions_follow_the_selection(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.clearSelection()
    assert not window.delete_action.isEnabled() and not window.duplicate_action.isEnabled()
    window.scene.select_roles(["E240", "E241"])
    assert window.delete_action.isEnabled() and not window.duplicate_action.isEnabled()
    window.scene.select_roles(["E240"])
    assert window.duplicate_action.isEnabled()


def test_ctrl_z_in_a_field_after_enter_undoes_the_chart_edit(
    window: MainWindow, samples: Path, qtbot: QtBot
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.activateWindow()
    window.scene.select_roles(["E200"])
    title = window.inspector.title
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.selectAll()
    qtbot.keyClicks(title, "Head of Growth")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() != "Head of Growth"  # while typing, Ctrl+Z undoes the typing
    title.setText("Head of Growth")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert window.document.chart.role("E200").title == "Head of Growth"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document.chart.role("E200").title == "Chief Marketing Officer"
