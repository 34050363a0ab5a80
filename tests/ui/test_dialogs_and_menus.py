"""Issue 16's dialog and menu items: where Save and Export start, what a new chart
is called once saved, and "&" in every menu text built from a role title or file name."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMenu

from orgmodel.fileformat import load_chart, save_chart
from orgmodel.model import Chart, Role
from tests.ui.conftest import WindowFactory
from ui.main_window import MainWindow

GROWTH = "Chief Marketing & Growth Officer"


class RecordedDialog:
    """Stands in for the export dialog: records where it would start, then is cancelled."""

    started_at: ClassVar[list[Path]] = []

    def __init__(self, suggested: Path, *_args: object) -> None:
        RecordedDialog.started_at.append(suggested)

    def exec(self) -> bool:
        return False


def documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def test_save_and_export_of_a_new_chart_start_in_documents_and_take_the_saved_name(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    asked: list[str] = []
    target = tmp_path / "mine.orgm"

    def save_dialog(_parent: object, _caption: str, start: str, *_a: object) -> tuple[str, str]:
        asked.append(start)
        return str(target), ""

    monkeypatch.setattr("ui.file_commands.QFileDialog.getSaveFileName", save_dialog)
    monkeypatch.setattr("ui.file_commands.ExportDialog", RecordedDialog)
    RecordedDialog.started_at = []
    window.files.ask_export()
    assert RecordedDialog.started_at[0].parent == documents()
    assert window.files.save_as()
    assert Path(asked[0]).parent == documents()
    assert Path(asked[0]).parent != Path.cwd()
    assert window.document.chart.name == "mine"
    assert load_chart(target).name == "mine"
    assert not window.isWindowModified()
    # Saved: both start in the chart's own folder, under its name.
    window.files.ask_export()
    assert RecordedDialog.started_at[1] == tmp_path / "mine.pdf"
    assert window.files.save_as()
    assert Path(asked[1]) == target


def test_a_named_chart_keeps_its_name_when_saved_under_another(
    make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    window.document.perform("Rename chart", lambda c: Chart("Board plan", roles=c.roles))
    target = tmp_path / "draft.orgm"
    monkeypatch.setattr(
        "ui.file_commands.QFileDialog.getSaveFileName", lambda *_a: (str(target), "")
    )
    assert window.files.save_as()
    assert load_chart(target).name == "Board plan"


def action_texts(menu: QMenu) -> list[str]:
    """Every action's text in ``menu`` and its submenus, each filled as when opened."""
    menu.aboutToShow.emit()
    texts: list[str] = []
    for action in menu.actions():
        texts.append(action.text())
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            texts.extend(action_texts(submenu))
    return texts


def menu_bar_texts(window: MainWindow) -> list[str]:
    texts: list[str] = []
    for action in window.menuBar().actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            texts.extend(action_texts(submenu))
    return texts


def shows_intact(text: str) -> bool:
    """Qt shows "&&" as "&" and hides a lone "&" before a letter (the shortcut mark)."""
    return "&& Growth" in text and "& Growth" not in text.replace("&& Growth", "")


def test_every_menu_shows_a_role_title_or_file_name_with_an_ampersand_intact(
    window: MainWindow, tmp_path: Path
) -> None:
    chart = Chart(
        "Amp",
        roles=(
            Role("ceo", "Chief Executive Officer", "ceo", "Ana Ruiz"),
            Role("cmo", "Chief Marketing Officer", "cmo", None, manager="ceo"),
        ),
    )
    path = tmp_path / "Sales & Growth.orgm"
    save_chart(chart, path)
    assert window.open_path(path)
    retitle = Role("cmo", GROWTH, "cmo", None, manager="ceo")
    assert window.document.perform(f"Retitle {GROWTH}", lambda c: c.with_role(retitle))
    # Open Recent, Undo, and the findings' right-click menus (each fix names its role).
    texts = menu_bar_texts(window)
    for finding in window.document.findings:
        texts += [action.text() for action in window.edits.fix_menu(finding).actions()]
    window.undo_action.trigger()
    texts += menu_bar_texts(window)  # Redo
    with_growth = [text for text in texts if "Growth" in text]
    assert any("Sales && Growth.orgm" in text for text in with_growth), texts
    assert any(text.startswith("&Undo") for text in with_growth), texts
    assert any(text.startswith("&Redo") for text in with_growth), texts
    assert any(text.startswith("Fix: ") for text in with_growth), texts
    for text in with_growth:
        assert shows_intact(text), text


def test_after_a_fix_of_two_roles_the_inspector_says_two_are_selected(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "overlaps-and-gaps.orgm")
    finding = next(f for f in window.document.findings if f.rule == "coo-cmo-overlap")
    fix = next(fix for fix in window.edits.fixes_for(finding) if len(fix.roles) == 2)
    assert window.edits.apply_fix(fix)
    assert sorted(window.scene.selected_role_ids()) == sorted(fix.roles)
    assert window.inspector.heading.text() == "2 roles selected."
