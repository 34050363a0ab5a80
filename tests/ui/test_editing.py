"""Editing as people expect from drawing tools: F2 renames in place, Ctrl+C and
Ctrl+V copy a team, "&" shows as written, the inspector says what is selected."""

from __future__ import annotations

import attrs
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from orgmodel.hierarchy import below, forest
from orgmodel.model import Chart, Role
from ui.document import ChartDocument
from ui.main_window import MainWindow
from ui.title_editor import TitleEditor

from .conftest import Dialogs

GROWTH = "Chief Marketing & Growth Officer"


def small_chart() -> Chart:
    return Chart(
        "Editing",
        roles=(
            Role("ceo", "Chief Executive Officer", "ceo", "Ana Ruiz"),
            Role("cmo", "Chief Marketing Officer", "cmo", "Ole Berg", manager="ceo"),
            Role("vp", "VP Marketing", "vp-marketing", "Ida Lund", manager="cmo"),
            Role("seo", "SEO Specialist", "seo-specialist", "Kai Moe", manager="vp"),
            Role("pr", "PR Specialist", "pr-specialist", "Liv Dahl", manager="vp"),
            Role("coo", "Chief Operating Officer", "coo", "Per Holm", manager="ceo"),
        ),
    )


def open_small(window: MainWindow) -> None:
    window.set_document(ChartDocument(small_chart()))
    window.view.setFocus()


def title_editor(window: MainWindow) -> TitleEditor:
    editors = window.view.viewport().findChildren(TitleEditor)
    assert len(editors) == 1
    return editors[0]


def test_f2_renames_the_selected_card_in_place_as_one_undo_step(window: MainWindow) -> None:
    open_small(window)
    window.scene.select_roles(["cmo"])
    QTest.keyClick(window.view, Qt.Key.Key_F2)
    editor = title_editor(window)
    assert editor.text() == "Chief Marketing Officer" and editor.hasFocus()
    # The field lies over the card.
    card = window.scene.cards["cmo"]
    assert (
        window.view.mapFromScene(card.scene_card_rect())
        .boundingRect()
        .intersects(editor.geometry())
    )
    editor.selectAll()
    QTest.keyClicks(editor, GROWTH)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.chart.role("cmo").title == GROWTH
    assert window.document.undo_stack.count() == 1
    # The Undo action shows the "&" as written: Qt needs it doubled.
    assert "Marketing && Growth" in window.undo_action.text()
    assert "Marketing & Growth" in window.document.undo_stack.text(0)
    window.undo_action.trigger()
    assert window.document.chart.role("cmo").title == "Chief Marketing Officer"
    QApplication.processEvents()
    assert (
        not window.view.viewport().findChildren(TitleEditor) or not title_editor(window).isVisible()
    )


def test_escape_gives_up_the_in_place_edit(window: MainWindow) -> None:
    open_small(window)
    window.scene.select_roles(["vp"])
    window.rename_action.trigger()
    editor = title_editor(window)
    QTest.keyClicks(editor, "Something else")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert window.document.chart.role("vp").title == "VP Marketing"
    assert window.document.undo_stack.count() == 0


def rename_with_keys(window: MainWindow, role_id: str, title: str, key: Qt.Key) -> None:
    """Select a card, F2, type and close the field with ``key``, as a person would."""
    window.scene.select_roles([role_id])
    QTest.keyClick(window.view, Qt.Key.Key_F2)
    editor = title_editor(window)
    editor.selectAll()
    QTest.keyClicks(editor, title)
    QTest.keyClick(editor, key)
    QApplication.processEvents()


def press_where_focus_is(keys: str) -> None:
    """Keys go to whichever widget has the focus, as they do for the user."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keySequence(focused, QKeySequence(keys))


def test_canvas_shortcuts_work_again_after_renaming_with_enter(
    window: MainWindow, dialogs: Dialogs
) -> None:
    open_small(window)
    rename_with_keys(window, "cmo", GROWTH, Qt.Key.Key_Return)
    assert window.document.chart.role("cmo").title == GROWTH
    press_where_focus_is("Ctrl+C")
    assert [role.id for role in window.edits.copied][:1] == ["cmo"]
    assert window.statusBar().currentMessage().startswith("Copied 4 roles")
    steps = window.document.undo_stack.count()
    press_where_focus_is("Del")
    assert dialogs.said and dialogs.said[-1][0] == "Delete role"
    assert "cmo" not in window.document.chart
    assert window.document.undo_stack.count() == steps + 1


def test_canvas_shortcuts_work_again_after_escaping_a_rename(window: MainWindow) -> None:
    open_small(window)
    rename_with_keys(window, "vp", "Something else", Qt.Key.Key_Escape)
    press_where_focus_is("Ctrl+C")
    assert [role.id for role in window.edits.copied] == ["vp", "seo", "pr"]


def test_copy_and_paste_a_team_under_another_card_in_one_step(window: MainWindow) -> None:
    open_small(window)
    window.scene.select_roles(["vp"])
    QTest.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Copied 3 roles: select a card and paste."
    window.scene.select_roles(["coo"])
    QTest.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    chart = window.document.chart
    assert len(chart) == 9
    under_coo = forest(chart)["coo"]
    assert [role.title for role in under_coo] == ["VP Marketing"]
    pasted_vp = under_coo[0]
    team = sorted(role.title for role in below(forest(chart), pasted_vp.id))
    assert team == ["PR Specialist", "SEO Specialist"]
    assert all(role.person is None for role in [pasted_vp, *forest(chart)[pasted_vp.id]])
    assert window.scene.selected_role_ids() == [pasted_vp.id]
    # The status bar no longer asks to paste what has just been pasted.
    assert window.statusBar().currentMessage() == (
        "Pasted 3 roles under Per Holm (Chief Operating Officer)."
    )
    # The original team is untouched, and one undo takes the whole paste away.
    assert [r.id for r in forest(chart)["vp"]] == ["seo", "pr"]
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.document.chart == small_chart()


def test_ctrl_c_in_a_text_field_copies_text_not_roles(window: MainWindow) -> None:
    open_small(window)
    window.scene.select_roles(["vp"])
    window.search.setText("ceo")
    window.search.setFocus()
    window.search.selectAll()
    QTest.keyClick(window.search, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert window.edits.copied == ()


def test_the_fix_menu_shows_a_title_with_an_ampersand_intact(window: MainWindow) -> None:
    chart = Chart(
        "Amp",
        roles=(
            Role("ceo", "Chief Executive Officer", "ceo", "Ana Ruiz"),
            Role("cmo", GROWTH, "cmo", None, manager="ceo"),
        ),
    )
    window.set_document(ChartDocument(chart))
    finding = next(
        f for f in window.document.findings if "cmo" in f.roles and window.edits.fixes_for(f)
    )
    shown = [action.text() for action in window.edits.fix_menu(finding).actions()]
    fixes = [text for text in shown if text.startswith("Fix: ")]
    assert fixes
    for text in fixes:
        # Every "&" doubled: Qt shows "&&" as "&", and a lone "&" not at all.
        assert text.replace("&&", "").count("&") == 0
    assert any("Marketing && Growth" in text for text in fixes), fixes


def test_the_inspector_keeps_saying_how_many_roles_are_selected(window: MainWindow) -> None:
    open_small(window)
    window.scene.select_roles(["seo", "pr"])
    assert window.inspector.heading.text() == "2 roles selected."
    # An edit elsewhere (a fix, an undo) redraws the inspector: it still says so.
    window.document.apply(
        "Rename", lambda c: c.with_role(Role("coo", "COO", "coo", "Per Holm", manager="ceo"))
    )
    assert set(window.scene.selected_role_ids()) == {"seo", "pr"}
    assert window.inspector.heading.text() == "2 roles selected."


def test_an_assistant_sits_beside_its_manager_joined_by_a_line(window: MainWindow) -> None:
    open_small(window)
    window.scene.select_roles(["pr"])
    window.rename_action.trigger()
    editor = title_editor(window)
    editor.selectAll()
    QTest.keyClicks(editor, "Executive Assistant")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    boxes = window.scene.layout.boxes
    vp, pr = boxes["vp"], boxes["pr"]
    assert pr.y == vp.y and pr.x > vp.right  # beside the VP, not in its team
    middle = round(pr.y + pr.height / 2, 3)
    # The assistant's card draws the line from the VP's side to its own.
    ((x0, y0, x1, y1),) = window.scene.cards["pr"].lines
    assert (round(pr.x + x0, 3), round(pr.y + y0, 3)) == (round(vp.right, 3), middle)
    assert (round(pr.x + x1, 3), round(pr.y + y1, 3)) == (round(pr.x, 3), middle)
    window.undo_action.trigger()
    assert window.scene.layout.boxes["pr"].y > vp.y


def test_cards_show_team_sizes_a_two_line_title_and_no_level_suffix(window: MainWindow) -> None:
    from ui.card_item import team_count

    open_small(window)
    cards = window.scene.cards
    assert team_count(cards["ceo"].content) == "2 · 5"
    assert team_count(cards["vp"].content) == "2"
    assert team_count(cards["seo"].content) == ""
    assert cards["cmo"].content.kind_name == "Chief Marketing Officer"  # no "· L1"
    assert (
        "level 1" in cards["cmo"].toolTip()
        and "1 direct report, 3 in all" in cards["cmo"].toolTip()
    )
    # A move changes the counts of both teams; undo brings them back.
    window.document.apply("Move", lambda c: c.with_role(attrs.evolve(c.role("pr"), manager="coo")))
    assert team_count(cards["vp"].content) == "1"
    assert team_count(cards["coo"].content) == "1"
    assert team_count(cards["ceo"].content) == "2 · 5"
    window.document.undo_stack.undo()
    assert team_count(cards["vp"].content) == "2" and team_count(cards["coo"].content) == ""


def test_a_long_title_wraps_to_two_lines_before_it_is_cut() -> None:
    from ui.card_item import title_lines

    long = "Senior Director of Global Brand Strategy and Communications"
    first, second = title_lines(long, 200)
    assert f"{first} {second}" == long
    assert title_lines("VP Marketing", 200) == ["VP Marketing"]
    assert title_lines("Supercalifragilisticexpialidocious" * 3, 200) == [
        "Supercalifragilisticexpialidocious" * 3
    ]
