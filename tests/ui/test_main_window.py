"""The window driven as a user would: drags, drops, undo, files, dialogs."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from orgmodel.fileformat import load_chart
from orgmodel.open_chart import read_chart
from ui.import_dialog import ImportPreviewDialog
from ui.main_window import MainWindow

from .conftest import Dialogs, WindowFactory, card_point, drag_mouse, drop_kind


def rules_of(window: MainWindow) -> list[str]:
    return [f.rule for f in window.document.findings]


def shown_rules(window: MainWindow) -> list[str]:
    return window.findings.rules_shown()


def test_opening_a_sample_shows_cards_findings_and_counts(
    window: MainWindow, samples: Path
) -> None:
    assert window.open_path(samples / "overlaps-and-gaps.orgm")
    chart = read_chart(samples / "overlaps-and-gaps.orgm").chart
    assert set(window.scene.cards) == {role.id for role in chart}
    assert len(shown_rules(window)) == 7
    assert window.counts.text() == "9 roles — 0 errors, 7 warnings, 0 infos"
    assert window.coverage.text() == "coverage 85/100"
    assert window.windowTitle() == "overlaps-and-gaps.orgm[*] — Orgmodel"
    assert not window.isWindowModified()
    assert window.scene.cards["G2"].content.severity == "warning"
    assert window.scene.cards["G1"].content.severity is None


def test_drop_a_kind_on_a_card_adds_a_report_and_undo_redo(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    assert "single-cmo" not in rules_of(window)
    drop_kind(window.view, "cmo", card_point(window.view, "E100"))
    chart = window.document.chart
    new = chart.roles[-1]
    assert (new.kind, new.manager, new.vacant) == ("cmo", "E100", True)
    assert "single-cmo" in rules_of(window)
    assert "single-cmo" in shown_rules(window) or window.scene.selected_role_ids() == [new.id]
    assert window.scene.selected_role_ids() == [new.id]
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert new.id not in window.document.chart
    assert "single-cmo" not in rules_of(window)
    assert new.id not in window.scene.cards
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert window.document.chart.role(new.id).manager == "E100"
    assert "single-cmo" in rules_of(window)


def test_drop_a_kind_on_empty_canvas_adds_a_role_at_the_top(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.reset_zoom()
    window.view.centerOn(-30, -30)
    empty = window.view.mapFromScene(-30, -30)
    assert window.scene.card_at(window.view.mapToScene(empty)) is None
    drop_kind(window.view, "seo-specialist", empty)
    new = window.document.chart.roles[-1]
    assert (new.kind, new.manager) == ("seo-specialist", None)
    assert "multiple-tops" in rules_of(window)
    window.undo_action.trigger()
    assert "multiple-tops" not in rules_of(window)


def test_drag_a_card_onto_another_moves_it_with_its_subtree(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.reset_zoom()
    window.scene.clearSelection()
    # Grace Liu (Marketing Manager, 7 reports) moves from the director to the VP.
    window.view.centre_on_roles(["E232", "E210"])
    drag_mouse(window.view, card_point(window.view, "E232"), card_point(window.view, "E210"))
    chart = window.document.chart
    assert chart.role("E232").manager == "E210"
    assert chart.role("E240").manager == "E232"  # her reports came with her
    layout = window.scene.layout.boxes
    assert layout["E232"].y == layout["E220"].y  # now a level below the VP
    assert window.scene.cards["E232"].pos().x() == layout["E232"].x  # snapped into the layout
    window.undo_action.trigger()
    assert window.document.chart.role("E232").manager == "E220"
    window.redo_action.trigger()
    assert window.document.chart.role("E232").manager == "E210"


def test_a_card_being_dragged_is_drawn_above_the_cards_it_passes_over(
    window: MainWindow, samples: Path
) -> None:
    """Held over another card, the dragged card shows on top of it (before, a card
    made later hid it); let go, it is one of the cards again."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    window.open_path(samples / "enterprise.orgm")
    window.view.reset_zoom()
    window.scene.clearSelection()
    window.view.centre_on_roles(["E231", "E230"])
    viewport, scene = window.view.viewport(), window.scene
    # The Product Marketing Manager's card stacked under the Brand Manager's, as a
    # card made earlier is (cards are made in no set order).
    scene.cards["E231"].stackBefore(scene.cards["E230"])
    start, end = card_point(window.view, "E231"), card_point(window.view, "E230")

    def send(kind: QMouseEvent.Type, point: QPoint, button: Qt.MouseButton) -> None:
        held = (
            Qt.MouseButton.NoButton
            if kind is QMouseEvent.Type.MouseButtonRelease
            else Qt.MouseButton.LeftButton
        )
        global_point = QPointF(viewport.mapToGlobal(point))
        event = QMouseEvent(
            kind, QPointF(point), global_point, button, held, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(viewport, event)

    send(QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 7):
        send(QMouseEvent.Type.MouseMove, start + (end - start) * step / 6, Qt.MouseButton.NoButton)
    dragged = scene.cards["E231"]
    under = [
        item
        for item in scene.items(QPointF(dragged.scene_card_rect().center()))
        if item in scene.cards.values()
    ]
    assert under[0] is dragged and scene.cards["E230"] in under  # on top of the target
    send(QMouseEvent.Type.MouseButtonRelease, end, Qt.MouseButton.LeftButton)
    assert window.document.chart.role("E231").manager == "E230"
    assert dragged.zValue() == scene.cards["E230"].zValue() == 0


def test_a_drag_that_would_loop_is_refused_with_a_message(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.reset_zoom()
    before = window.document.chart
    window.view.centre_on_roles(["E200", "E210"])
    drag_mouse(window.view, card_point(window.view, "E200"), card_point(window.view, "E210"))
    assert window.document.chart is before
    assert dialogs.said and "loop" in dialogs.said[-1][1]
    assert "Chief Marketing Officer" in dialogs.said[-1][1]
    assert window.document.undo_stack.count() == 0
    box = window.scene.layout.boxes["E200"]
    assert window.scene.cards["E200"].pos().toTuple() == (box.x, box.y)


def test_the_view_does_not_jump_when_the_chart_re_lays(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.reset_zoom()
    window.view.zoom_by(0.5)
    window.view.centre_on_roles(["E220"])
    before = card_point(window.view, "E220")
    # Each report added under the director widens the tree around it; the
    # director's card stays where the user dropped onto it.
    for _ in range(3):
        drop_kind(window.view, "marketing-manager", card_point(window.view, "E220"))
        new = window.scene.selected_role_ids()[0]
        assert window.view.viewport().rect().contains(card_point(window.view, new))
        assert (card_point(window.view, "E220") - before).manhattanLength() <= 1


def test_the_view_does_not_jump_when_an_edit_at_the_charts_edge_makes_it_smaller(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    """Scrolled to the chart's right end, the user deletes the last team there:
    the chart gets narrower, and its manager's card stays where it was on screen
    (the view may scroll past the chart's new edge; before, it was pulled back)."""
    window.open_path(samples / "enterprise.orgm")
    window.resize(900, 700)
    window.show()
    view, scene, chart = window.view, window.scene, window.document.chart
    view.reset_zoom()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    boxes = scene.layout.boxes
    team_lead = chart.role(max(boxes, key=lambda role_id: boxes[role_id].x)).manager
    assert team_lead is not None
    anchor = chart.role(team_lead).manager
    assert anchor is not None
    before = card_point(view, anchor)
    scene.select_roles([team_lead, *(r.id for r in chart if r.manager == team_lead)])
    window.edits.delete_selected()
    assert team_lead not in window.document.chart
    assert (card_point(view, anchor) - before).manhattanLength() <= 1


def test_a_drag_onto_empty_canvas_snaps_back(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.reset_zoom()
    window.view.centre_on_roles(["E240"])
    start = card_point(window.view, "E240")
    drag_mouse(window.view, start, start + QPoint(0, 150))
    assert window.document.undo_stack.count() == 0
    box = window.scene.layout.boxes["E240"]
    assert window.scene.cards["E240"].pos().toTuple() == (box.x, box.y)


def test_delete_moves_reports_up_says_so_and_undoes(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E232"])
    window.delete_action.trigger()
    assert "7 roles reporting to it will report to the next manager up" in dialogs.said[-1][1]
    chart = window.document.chart
    assert "E232" not in chart
    assert chart.role("E240").manager == "E220"
    window.undo_action.trigger()
    assert window.document.chart.role("E240").manager == "E232"


def test_deleting_many_roles_names_three_and_counts_the_rest(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E240", "E241", "E242", "E243"])
    dialogs.answer = QMessageBox.StandardButton.No
    window.delete_action.trigger()
    titles = [window.document.chart.role(r).title for r in ("E240", "E241", "E242")]
    assert dialogs.said[-1][1] == f"Delete {titles[0]}, {titles[1]}, {titles[2]} and 1 more?"


def test_the_status_bar_counts_in_words(window: MainWindow) -> None:
    window.edits.add_role_of_kind("cmo", None)
    assert window.counts.text().startswith("1 role — 0 errors, ")


def test_delete_cancelled_changes_nothing(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    dialogs.answer = QMessageBox.StandardButton.No
    window.scene.select_roles(["E232"])
    window.delete_action.trigger()
    assert "E232" in window.document.chart
    assert window.document.undo_stack.count() == 0


def test_duplicate_adds_a_vacant_copy_beside_it(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E243"])
    window.duplicate_action.trigger()
    chart = window.document.chart
    copy_id = window.scene.selected_role_ids()[0]
    copy = chart.role(copy_id)
    assert copy_id != "E243" and copy.kind == "seo-specialist" and copy.vacant
    assert copy.manager == "E232"


def test_clicking_a_finding_selects_and_filters(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.findings.pick(shown_rules(window).index("strategy-overlap"))
    assert sorted(window.scene.selected_role_ids()) == ["G2", "G3"]
    # Selecting roles filters the findings to those that name them.
    window.scene.select_roles(["G5"])
    assert shown_rules(window) == ["director-reports-to-marketing-lead"]
    window.scene.clearSelection()
    assert len(shown_rules(window)) == 7


def test_inspector_edits_are_undoable(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E250"])
    inspector = window.inspector
    assert inspector.title.text() == "Web Marketing Specialist"
    inspector.person.setText("Rosa Lind")
    inspector.person.editingFinished.emit()
    assert window.document.chart.role("E250").person == "Rosa Lind"
    assert "vacancy" not in rules_of(window)
    assert window.document.undo_stack.undoText() == (
        "Change person: the vacant Web Marketing Specialist seat"
    )
    window.undo_action.trigger()
    assert window.document.chart.role("E250").vacant
    assert inspector.person.text() == ""


def test_a_blank_title_is_refused_and_the_field_shows_the_title_again(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E250"])
    title = window.inspector.title
    steps = window.document.undo_stack.count()
    for blank in ("", "   "):
        title.setText(blank)
        title.setModified(True)
        title.editingFinished.emit()
        assert window.document.chart.role("E250").title == "Web Marketing Specialist"
        assert title.text() == "Web Marketing Specialist"
    assert window.document.undo_stack.count() == steps
    assert dialogs.said and "needs a title" in dialogs.said[-1][1]


def test_escape_in_an_inspector_field_gives_up_the_typing(
    window: MainWindow, samples: Path
) -> None:
    from PySide6.QtTest import QTest

    window.open_path(samples / "enterprise.orgm")
    window.resize(1200, 800)
    window.show()
    window.scene.select_roles(["E250"])
    title = window.inspector.title
    title.setFocus()
    QTest.keyClick(title, Qt.Key.Key_End)
    QTest.keyClicks(title, " Y")
    assert title.text() == "Web Marketing Specialist Y"
    QTest.keyClick(title, Qt.Key.Key_Escape)
    assert title.text() == "Web Marketing Specialist"
    steps = window.document.undo_stack.count()
    title.clearFocus()
    title.editingFinished.emit()  # leaving the field applies nothing
    assert window.document.undo_stack.count() == steps
    assert window.document.chart.role("E250").title == "Web Marketing Specialist"


def test_inspector_responsibilities_change_findings(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E250"])  # the only web specialist
    window.inspector.use_defaults.setChecked(False)
    assert window.document.chart.role("E250").responsibilities == frozenset(
        {"website", "landing-pages"}
    )
    website = next(
        item
        for item in window.inspector._responsibility_items()
        if item.data(0, Qt.ItemDataRole.UserRole) == "website"
    )
    website.setCheckState(0, Qt.CheckState.Unchecked)
    assert window.document.chart.role("E250").responsibilities == frozenset({"landing-pages"})
    assert "responsibility-gap" in rules_of(window)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.document.chart.role("E250").responsibilities is None
    assert "responsibility-gap" not in rules_of(window)


def test_search_finds_and_centres_a_role(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.search.setText("laura")
    window.finder.find_next()
    assert window.scene.selected_role_ids() == ["E342"]
    window.search.setText("specialist")
    window.finder.find_next()
    first = window.scene.selected_role_ids()
    window.finder.find_next()
    assert window.scene.selected_role_ids() != first


def test_collapse_hides_a_subtree_and_expand_shows_it(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.scene.select_roles(["E232"])
    window.collapse_action.trigger()
    assert "E240" not in window.scene.cards
    assert window.scene.cards["E232"].content.hidden_reports == 7
    window.show_roles(["E240"])  # finding a hidden role expands its manager
    assert "E240" in window.scene.cards


def test_a_folded_team_keeps_its_cards_hidden_and_shows_them_again_as_the_chart_is_then(
    window: MainWindow, samples: Path
) -> None:
    """Folding hides the team's cards rather than dropping them (at 50,000 roles
    removing and making them again was most of a fold's time); unfolded, they
    show what the chart holds by then, and a role deleted meanwhile leaves none."""
    import attrs

    from orgmodel.edits import remove_roles, update_role
    from ui.canvas import CardItem

    window.open_path(samples / "enterprise.orgm")
    scene, document = window.scene, window.document
    team = [role.id for role in document.chart if role.manager == "E232"]
    kept = {role_id: scene.cards[role_id] for role_id in team}
    scene.select_roles([team[0]])
    told: list[bool] = []
    scene.selectionChanged.connect(lambda: told.append(True))
    scene.toggle_collapsed("E232")
    assert not set(team) & set(scene.cards)
    assert scene.selected_role_ids() == [] and len(told) == 1
    assert not any(card.isVisible() for card in kept.values())
    assert scene.card_at(kept[team[1]].scene_card_rect().center()) is not kept[team[1]]
    retitled = attrs.evolve(document.chart.role(team[1]), title="Head of Field Events")
    document.apply("Retitle", lambda c: update_role(c, retitled))
    document.apply("Delete", lambda c: remove_roles(c, [team[2]]))
    scene.toggle_collapsed("E232")
    shown = [role_id for role_id in team if role_id != team[2]]
    assert all(scene.cards[role_id] is kept[role_id] for role_id in shown)
    assert all(scene.cards[role_id].isVisible() for role_id in shown)
    assert scene.cards[team[1]].content.title == "Head of Field Events"
    assert all(scene.at_its_place(scene.cards[role_id]) for role_id in shown)
    assert team[2] not in scene.cards
    assert not any(i.role_id == team[2] for i in scene.items() if isinstance(i, CardItem))


def test_an_edit_that_folds_away_one_selected_card_and_removes_another_tells_once(
    window: MainWindow, samples: Path
) -> None:
    """The cards an edit takes out of sight, hidden or removed, go as one batch:
    the panels that follow the selection hear of its change once."""
    from orgmodel.edits import remove_roles, reparent

    window.open_path(samples / "enterprise.orgm")
    scene, document = window.scene, window.document
    leader, chart = "E232", document.chart
    leads = {role.manager for role in chart}
    leaves = [r.id for r in chart if r.id not in leads and r.manager not in (None, leader)]
    moved, removed = leaves[-2:]
    scene.toggle_collapsed(leader)
    scene.select_roles([moved, removed])
    told: list[bool] = []
    scene.selectionChanged.connect(lambda: told.append(True))
    document.apply("Both", lambda c: remove_roles(reparent(c, moved, leader), [removed]))
    assert moved not in scene.cards and removed not in scene.cards
    assert scene.selected_role_ids() == [] and len(told) == 1


def test_a_double_click_folds_a_team_and_the_card_stays_under_the_pointer(
    window: MainWindow, samples: Path
) -> None:
    from PySide6.QtTest import QTest

    window.open_path(samples / "enterprise.orgm")
    window.resize(900, 700)
    window.show()
    view, scene = window.view, window.scene
    view.reset_zoom()
    view.centerOn(scene.cards["E232"].scene_card_rect().center())
    box = scene.layout.boxes["E232"]
    on_screen = view.card_view_position("E232")
    assert on_screen is not None
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, "E232"))
    assert "E240" not in scene.cards and "E232" in scene.collapsed
    # Folded, the card joins its manager's column: the chart moves, the card does not.
    assert scene.layout.boxes["E232"] != box
    assert view.card_view_position("E232") == on_screen
    QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, "E232"))
    assert "E240" in scene.cards and not scene.collapsed
    assert view.card_view_position("E232") == on_screen
    scene.select_roles(["E232"])
    window.collapse_action.trigger()  # the keyboard's Ctrl+E keeps it in place too
    assert "E232" in scene.collapsed
    assert view.card_view_position("E232") == on_screen


def test_folding_a_chart_to_its_top_card_keeps_the_card_still_after_the_scroll_bars_go(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Folded to one card, the chart no longer needs the scroll bars: the window
    grew by them and Qt centred what it shows, and the card moved 7 px across
    and 14 px down once the event loop ran."""
    from bench.generate import generate_chart
    from orgmodel.hierarchy import forest
    from ui.document import ChartDocument

    chart = generate_chart(3_000)
    window.set_document(ChartDocument(chart))
    window.resize(1200, 800)
    qtbot.wait(10)
    view = window.view
    top = chart.derived(forest)[None][0].id
    window.scene.select_roles([top])
    on_screen = view.card_view_position(top)
    assert view.horizontalScrollBar().maximum() > 0  # the whole chart does not show
    window.collapse_action.trigger()
    qtbot.wait(10)  # the scroll bars' fate is settled by the event loop
    assert len(window.scene.cards) == 1
    assert view.card_view_position(top) == on_screen
    window.collapse_action.trigger()
    qtbot.wait(10)
    assert len(window.scene.cards) == 3_000
    assert view.card_view_position(top) == on_screen


def test_save_reopen_and_compare(
    make_window: WindowFactory, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    window.open_path(samples / "overlaps-and-gaps.orgm")
    drop_kind(window.view, "events-specialist", card_point(window.view, "G6"))
    assert window.isWindowModified()
    target = tmp_path / "edited.orgm"
    monkeypatch.setattr(
        "ui.file_commands.QFileDialog.getSaveFileName",
        lambda *_a, **_k: (str(tmp_path / "edited"), ""),
    )
    assert window.files.save_as()
    assert not window.isWindowModified()
    assert window.windowTitle() == "edited.orgm[*] — Orgmodel"
    assert load_chart(target) == window.document.chart
    again = make_window()
    assert again.open_path(target)
    assert again.document.chart == window.document.chart
    assert "responsibility-gap" in rules_of(again)
    assert rules_of(again).count("responsibility-gap") == 2  # events is covered now


def test_failed_save_keeps_the_work_and_says_so(
    window: MainWindow, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    drop_kind(window.view, "cmo", card_point(window.view, "E100"))
    assert not window.files.save_to(tmp_path / "no-such-folder" / "x.orgm")
    assert "could not be written" in dialogs.said[-1][1]
    assert window.isWindowModified()


def test_a_full_disk_keeps_the_saved_file_and_the_work(
    window: MainWindow,
    samples: Path,
    tmp_path: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "enterprise.orgm"
    shutil.copyfile(samples / "enterprise.orgm", target)
    before = target.read_bytes()
    window.open_path(target)
    drop_kind(window.view, "cmo", card_point(window.view, "E100"))
    edited = window.document.chart

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        window.save_action.trigger()
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    title, text = dialogs.said[-1]
    assert title == "Cannot save chart"
    assert "No space left on device" in text and "did not replace it" in text
    assert "unchanged" not in text  # not known: another program may have changed it
    assert window.isWindowModified() and window.document.chart == edited

    window.save_action.trigger()  # room again: the same work saves
    assert target.read_bytes() != before
    assert not window.isWindowModified()
    assert load_chart(target) == edited


def test_import_csv_shows_a_preview_then_one_undoable_step(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previews: list[ImportPreviewDialog] = []

    def accept(dialog: ImportPreviewDialog) -> int:
        previews.append(dialog)
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    assert window.open_path(samples / "hr-export-workday.csv")
    dialog = previews[0]
    assert dialog.chosen_mapping()["manager-email"] == "Manager Email"
    shown = [dialog.details.item(i).text() for i in range(dialog.details.count())]  # type: ignore[union-attr]
    # Every title of the sample has a level now ("Office Manager" is a manager).
    assert not any("matches no role kind" in line for line in shown)
    assert len(window.document.chart) == 16
    assert window.document.path is None
    assert window.isWindowModified()
    assert window.document.undo_stack.undoText() == "Import hr-export-workday.csv"
    window.undo_action.trigger()
    assert len(window.document.chart) == 0


def test_cancelled_import_keeps_the_current_chart(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "enterprise.orgm")
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _self: 0)
    assert not window.open_path(samples / "hr-export-workday.csv")
    assert window.document.chart.name == "enterprise"


def test_a_bad_file_gives_a_dialog_and_keeps_the_chart(
    window: MainWindow, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    broken = tmp_path / "broken.orgm"
    broken.write_bytes(b"\x00\x01binary")
    assert not window.open_path(broken)
    assert dialogs.said[-1] == (
        "Cannot open chart",
        "broken.orgm: not a chart file (it contains binary data)",
    )
    assert window.document.chart.name == "enterprise"
    assert len(window.scene.cards) == 26


def test_close_asks_before_losing_changes(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    drop_kind(window.view, "cmo", card_point(window.view, "E100"))
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible()
    assert dialogs.said[-1][0] == "Unsaved changes"
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_autosave_is_offered_back_after_a_crash(
    make_window: WindowFactory,
    samples: Path,
    dialogs: Dialogs,
) -> None:
    crashed = make_window()
    crashed.open_path(samples / "enterprise.orgm")
    drop_kind(crashed.view, "cmo", card_point(crashed.view, "E100"))
    crashed.files.write_autosave()
    crashed.autosave.wait()
    unsaved = crashed.document.chart
    pretend_the_process_died(crashed)
    # The crashed window never closes; a new session starts.
    restarted = make_window()
    assert restarted.files.offer_recovery()
    assert "enterprise.orgm" in dialogs.said[-1][1]
    assert restarted.document.chart == unsaved
    assert restarted.document.path == (samples / "enterprise.orgm")
    assert restarted.isWindowModified()
    assert restarted.history.emptyLabel().startswith("Restored from autosave (")
    assert (
        not make_window().files.offer_recovery()
    )  # offered once, then kept by the new session only


def pretend_the_process_died(window: MainWindow) -> None:
    """Point the window's autosave at a process id that no longer runs."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    info = window.autosave.folder / f"{window.autosave.session}.json"
    data = json.loads(info.read_text())
    data["pid"] = gone.pid
    info.write_text(json.dumps(data))


def test_a_running_sessions_autosave_is_not_offered(
    make_window: WindowFactory,
    samples: Path,
) -> None:
    running = make_window()
    running.open_path(samples / "enterprise.orgm")
    drop_kind(running.view, "cmo", card_point(running.view, "E100"))
    running.files.write_autosave()
    running.autosave.wait()
    assert not make_window().files.offer_recovery()


def test_settings_change_rules_and_stage_as_one_undoable_step(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.settings_dialog import ChartSettingsDialog

    window.open_path(samples / "enterprise.orgm")

    def switch_off_vacancy(dialog: ChartSettingsDialog) -> int:
        for row in range(dialog.rules.count()):
            item = dialog.rules.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == "vacancy":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.span_limit.setValue(3)
        return 1

    monkeypatch.setattr(ChartSettingsDialog, "exec", switch_off_vacancy)
    window.settings_action.trigger()
    assert "vacancy" not in rules_of(window)
    assert "span-of-control" in rules_of(window)
    window.undo_action.trigger()
    assert rules_of(window) == ["vacancy"]


def test_dock_layout_is_remembered(make_window: WindowFactory) -> None:
    first = make_window()
    findings_dock = next(d for d in first._docks if d.objectName() == "findings-dock")
    findings_dock.hide()
    first.close()
    second = make_window()
    again = next(d for d in second._docks if d.objectName() == "findings-dock")
    assert again.isHidden()


def test_window_screenshot_is_readable(window: MainWindow, samples: Path, tmp_path: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.view.fit()
    image = window.grab().toImage()
    assert image.width() >= 1000
    assert window.grab().save(str(tmp_path / "window.png"))
    # The canvas shows cards at a readable scale, not a speck.
    assert window.view.zoom() >= 0.6


def test_the_history_starts_with_where_the_chart_came_from(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.history.emptyLabel() == "New chart"
    window.open_path(samples / "enterprise.orgm")
    assert window.history.emptyLabel() == "Opened enterprise.orgm"
    monkeypatch.setattr(ImportPreviewDialog, "exec", lambda _dialog: 1)
    window.open_path(samples / "hr-export-workday.csv")
    assert window.history.emptyLabel() == "Before the import"
    assert window.document.undo_stack.text(0) == "Import hr-export-workday.csv"
    window.document.undo_stack.setClean()
    window.new_action.trigger()
    assert window.history.emptyLabel() == "New chart"


def test_a_fix_that_adds_a_role_selects_it_to_fill_in(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    before = {role.id for role in window.document.chart}
    finding = next(
        f
        for f in window.document.findings
        if f.rule == "responsibility-gap" and "website" in f.responsibilities
    )
    fix = next(f for f in window.edits.fixes_for(finding) if f.description.startswith("Add a"))
    assert window.edits.apply_fix(fix)
    (added,) = {role.id for role in window.document.chart} - before
    assert window.scene.selected_role_ids() == [added]
    assert window.inspector.title.text() == window.document.chart.role(added).title


def test_the_findings_heading_says_when_the_list_is_about_the_selection(
    window: MainWindow, samples: Path
) -> None:
    from PySide6.QtWidgets import QDockWidget

    window.open_path(samples / "overlaps-and-gaps.orgm")
    dock = window.findChild(QDockWidget, "findings-dock")
    assert dock is not None and dock.windowTitle() == "Findings"
    total = len(window.document.findings)
    window.scene.select_roles(["G5"])
    shown = window.findings.table.rowCount()
    assert 0 < shown < total
    assert dock.windowTitle() == (
        f"Findings: {shown} of {total}, about the selected role (Esc shows all)"
    )
    window.scene.clearSelection()
    assert dock.windowTitle() == "Findings"
    window.scene.select_roles(["G5"])
    from PySide6.QtTest import QTest

    QTest.keyClick(window.findings, Qt.Key.Key_Escape)  # as the heading says
    assert dock.windowTitle() == "Findings"
    assert window.findings.table.rowCount() == total


def test_picking_a_finding_about_no_role_clears_the_selection(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "startup-fractional.orgm")
    rows = window.findings.table.findings
    about_someone = next(i for i, f in enumerate(rows) if f.roles)
    about_nobody = next(i for i, f in enumerate(rows) if not f.roles)
    window.findings.pick(about_someone)
    assert window.scene.selected_role_ids()
    window.findings.pick(about_nobody)
    assert window.scene.selected_role_ids() == []


def test_ctrl_a_selects_every_card_on_the_canvas_and_text_elsewhere(
    window: MainWindow, samples: Path
) -> None:
    from PySide6.QtTest import QTest

    window.open_path(samples / "enterprise.orgm")
    window.show()
    window.activateWindow()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.scene.selected_role_ids()) == 26
    window.search.setText("brand")  # finds as it is typed: selects the first hit
    window.scene.clearSelection()
    window.search.setFocus()
    QTest.keyClick(window.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert window.search.selectedText() == "brand"
    assert window.scene.selected_role_ids() == []


def test_the_status_bar_shows_the_zoom(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.actual_size_action.trigger()
    assert window.zoom_label.text() == "100%"
    window.zoom_in_action.trigger()
    assert window.zoom_label.text() == "125%"
    window.fit_action.trigger()
    assert window.zoom_label.text() == f"{window.view.zoom():.0%}"


def test_zooming_out_of_a_big_chart_fitted_whole_never_zooms_in(window: MainWindow) -> None:
    from bench.generate import generate_chart
    from orgmodel.fileformat import save_chart

    path = Path(window.autosave.folder).parent / "wide.orgm"
    save_chart(generate_chart(5000), path)
    window.open_path(path)
    window.resize(1000, 700)
    window.fit_action.trigger()
    fitted = window.view.zoom()
    assert fitted < 0.02  # below the usual least zoom
    assert window.zoom_label.text() == f"{fitted * 100:.2g}%" != "0%"
    window.zoom_out_action.trigger()
    assert window.view.zoom() == pytest.approx(fitted)
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    assert window.view.zoom() == pytest.approx(fitted * 1.25**2)
    for _ in range(3):
        window.zoom_out_action.trigger()  # back out as far as the fit, and no further
    assert window.view.zoom() == pytest.approx(fitted)


def test_arrow_keys_walk_the_chart(window: MainWindow, samples: Path) -> None:
    from PySide6.QtTest import QTest

    window.open_path(samples / "enterprise.orgm")
    view, scene = window.view, window.scene
    chart = window.document.chart

    def press(key: Qt.Key) -> list[str]:
        QTest.keyClick(view.viewport(), key)
        return scene.selected_role_ids()

    first = next(iter(scene.layout.boxes))
    assert press(Qt.Key.Key_Down) == [first]  # nothing selected: the first card
    scene.select_roles(["E232"])  # the Marketing Manager, whose reports are stacked
    column = scene.layout.columns["E232"]
    assert press(Qt.Key.Key_Down) == [column[0]]
    assert press(Qt.Key.Key_Down) == [column[1]]  # down the column
    assert press(Qt.Key.Key_Up) == [column[0]]
    assert press(Qt.Key.Key_Up) == ["E232"]  # the top of the column goes to the manager
    assert press(Qt.Key.Key_Up) == [chart.role("E232").manager]
    boxes = scene.layout.boxes
    scene.select_roles(["E232"])
    left = press(Qt.Key.Key_Left)
    assert boxes[left[0]].y == boxes["E232"].y and boxes[left[0]].x < boxes["E232"].x
    assert press(Qt.Key.Key_Right) == ["E232"]


def test_a_card_dropped_on_no_card_says_how_to_move_it(window: MainWindow, samples: Path) -> None:
    window.open_path(samples / "enterprise.orgm")
    window.view.drop_missed.emit()
    assert "Drop a card on another card" in window.statusBar().currentMessage()


def test_selecting_many_cards_tells_the_panels_once(window: MainWindow) -> None:
    from bench.generate import generate_chart
    from orgmodel.fileformat import save_chart

    path = Path(window.autosave.folder).parent / "big.orgm"
    save_chart(generate_chart(500), path)
    window.open_path(path)
    told: list[int] = []
    window.scene.selectionChanged.connect(lambda: told.append(len(window.scene.selectedItems())))
    window.select_all_action.trigger()  # Ctrl+A
    assert told == [500]
    assert window.inspector.heading.text() == "500 roles selected."
    window.scene.select_roles(["ghost"])  # none of these: one change, to nothing
    assert told == [500, 0]
    window.scene.select_roles([])
    assert told == [500, 0]  # nothing changed: nothing said


def test_an_arrow_with_no_card_that_way_scrolls_the_view(window: MainWindow, samples: Path) -> None:
    from PySide6.QtTest import QTest

    window.open_path(samples / "enterprise.orgm")
    window.resize(700, 500)
    window.show()
    view = window.view
    view.reset_zoom()
    view.horizontalScrollBar().setValue(0)
    window.scene.select_roles(["E240", "E241"])  # several cards: no single neighbour
    QTest.keyClick(view.viewport(), Qt.Key.Key_Right)
    assert view.horizontalScrollBar().value() > 0
    assert sorted(window.scene.selected_role_ids()) == ["E240", "E241"]


def test_the_status_bar_says_when_graphviz_is_not_used(window: MainWindow) -> None:
    from bench.generate import generate_chart
    from orgmodel.fileformat import save_chart
    from orgmodel.graphviz_layout import DOT_LIMIT

    path = Path(window.autosave.folder).parent / "big.orgm"
    save_chart(generate_chart(DOT_LIMIT + 1), path)
    window.open_path(path)
    window.dot_layout_action.trigger()  # on
    message = window.statusBar().currentMessage()
    assert message == (
        f"Layout: Graphviz lays out charts of up to {DOT_LIMIT:,} roles; "
        "this one has more, so the compact tree is used."
    )
    window.edits.add_role_of_kind("copywriter", None)  # still too many: nothing new to say
    assert window.statusBar().currentMessage() == message
    window.dot_layout_action.trigger()  # off again: the note no longer applies
    assert window.statusBar().currentMessage() == ""


def test_inspector_engagement_clears_to_unknown_and_leaves_with_fractional_work(
    window: MainWindow, samples: Path
) -> None:
    from PySide6.QtTest import QTest

    from orgmodel.model import Employment

    window.open_path(samples / "startup-fractional.orgm")
    window.resize(1200, 800)
    window.show()
    window.scene.select_roles(["S2"])  # the fractional CMO
    inspector = window.inspector
    box = inspector.engagement
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box, "18")
    QTest.keyClick(box, Qt.Key.Key_Return)
    assert window.document.chart.role("S2").engagement_months == 18
    assert window.document.undo_stack.undoText() == (
        "Change engagement: Casey Morgan (Fractional CMO)"
    )
    box.lineEdit().selectAll()
    QTest.keyClick(box, Qt.Key.Key_Backspace)
    QTest.keyClick(box, Qt.Key.Key_Return)  # cleared: Unknown
    assert window.document.chart.role("S2").engagement_months is None
    assert box.text() == "Unknown"
    window.undo_action.trigger()  # back to 18 months
    assert window.document.chart.role("S2").engagement_months == 18
    full_time = inspector.employment.findData(Employment.FULL_TIME)
    inspector.employment.setCurrentIndex(full_time)
    inspector.employment.activated.emit(full_time)
    role = window.document.chart.role("S2")
    assert role.employment is Employment.FULL_TIME and role.engagement_months is None
    assert not box.isEnabled()


def test_the_dotted_line_picker_offers_only_roles_it_may_go_to(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from ui.inspector import role_label

    window.open_path(samples / "enterprise.orgm")
    chart = window.document.chart
    offered: list[list[str]] = []

    def pick_first(_parent: object, _title: str, _text: str, labels: list[str], *_a: object):  # type: ignore[no-untyped-def]
        offered.append(labels)
        return labels[0], True

    monkeypatch.setattr(QInputDialog, "getItem", pick_first)
    window.scene.select_roles(["E232"])
    inspector = window.inspector
    inspector.add_dotted.click()
    role = window.document.chart.role("E232")
    assert len(role.dotted_managers) == 1
    taken = {"E232", role.manager, *role.dotted_managers}
    inspector.add_dotted.click()
    second = offered[-1]
    assert not any(role_label(chart.role(r)) in second for r in taken if r)
    assert len(second) == len(chart) - 3
    # Typed text picks the one role it names part of, in any case.
    now = window.document.chart.role("E232")
    taken = {"E232", now.manager, *now.dotted_managers}
    target = next(r for r in window.document.chart.roles if r.id not in taken and r.person)
    person = target.person or ""
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: (person.upper()[1:], True))
    inspector.add_dotted.click()
    assert window.document.chart.role("E232").dotted_managers[-1] == target.id
    # Remove acts on the line shown picked, without a click on it first.
    assert inspector.dotted.currentRow() == 0
    inspector.remove_dotted.click()
    assert len(window.document.chart.role("E232").dotted_managers) == 2


def test_open_recent_tells_same_names_apart_and_drops_a_file_gone(
    window: MainWindow, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    import shutil as copying

    first, second = tmp_path / "a" / "plan.orgm", tmp_path / "b" / "plan.orgm"
    for path in (first, second):
        path.parent.mkdir()
        copying.copy(samples / "enterprise.orgm", path)
        window.open_path(path)
    texts = [action.text() for action in window.recent_menu.actions()]
    assert texts[:2] == [f"&1 plan.orgm ({second.parent})", f"&2 plan.orgm ({first.parent})"]
    first.unlink()
    window.recent_menu.actions()[1].trigger()
    assert dialogs.said[-1] == (
        "Cannot open chart",
        f"{first.resolve()} is no longer there; it is off the list now.",
    )
    assert window.recent_menu.actions()[0].text() == "&1 plan.orgm"
    assert len(window.recent_menu.actions()) == len(texts) - 1


def test_chart_settings_explain_each_rule_and_can_switch_all_on(
    qapp: object, samples: Path
) -> None:
    import attrs

    from orgmodel.model import RuleSettings
    from orgmodel.open_chart import read_chart
    from orgmodel.rules import rule_catalogue
    from ui.settings_dialog import ChartSettingsDialog

    chart = read_chart(samples / "enterprise.orgm").chart
    off = attrs.evolve(chart, settings=RuleSettings(disabled={"single-cmo", "vacancy"}))
    dialog = ChartSettingsDialog(off)
    first = dialog.rules.item(0)
    assert first is not None
    info = rule_catalogue()["single-cmo"]
    assert first.text() == f"single-cmo  [error]\n{info.explanation}"
    assert dialog.edited_chart().settings.disabled == {"single-cmo", "vacancy"}
    dialog.switch_all_on()
    assert dialog.edited_chart().settings.disabled == frozenset()
