"""Edit commands of the main window: each gesture becomes one undoable chart edit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import attrs
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import (
    QMenu,
    QMessageBox,
)

from orgmodel.clipboard import copy_team, paste_team
from orgmodel.edits import (
    add_role,
    duplicate_role,
    remove_roles,
    reparent_all,
    reports_moving_up,
    update_role,
)
from orgmodel.model import Chart, Role
from orgmodel.rules import Finding, Fix, explain, fixes_for
from orgmodel.wording import counted, join_some
from ui.appearance import menu_text
from ui.dialogs import redraw_under_closed_dialog
from ui.explain_dialog import ExplainDialog
from ui.settings_dialog import ChartSettingsDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class EditCommands:
    """Turns requests from the canvas, panels and menus into edits of ``orgmodel.edits``."""

    copied: tuple[Role, ...] = ()
    """What Ctrl+C copied: roles of the chart as it was then."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def refuse(self, message: str) -> None:
        QMessageBox.warning(self.window, "Cannot make that change", message)

    def _apply(self, text: str, edit: Callable[[Chart], Chart], anchor: str | None = None) -> bool:
        """Apply one edit; the ``anchor`` role's card keeps its place on screen."""
        position = self.window.view.card_view_position(anchor) if anchor else None
        changed = self.window.document.perform(text, edit)
        if changed and anchor and position is not None:
            self.window.view.keep_card_at(anchor, position)
        return changed

    def add_role_of_kind(self, kind_id: str, manager: str | None) -> None:
        created: list[str] = []

        def edit(chart: Chart) -> Chart:
            new_chart, role_id = add_role(chart, kind_id, manager, self.window.catalogue)
            created.append(role_id)
            return new_chart

        kind = self.window.catalogue.kind(kind_id)
        if self._apply(f"Add {kind.name if kind else kind_id}", edit, anchor=manager) and created:
            self.window.scene.select_roles(created)
            self.window.view.ensureVisible(self.window.scene.box_rect(created[0]))

    def move_roles(self, role_ids: list[str], manager: str | None) -> None:
        def edit(chart: Chart) -> Chart:
            return reparent_all(chart, role_ids, manager)

        what = "role" if len(role_ids) == 1 else f"{len(role_ids)} roles"
        if self._apply(f"Move {what}", edit, anchor=manager):
            self.window.scene.select_roles(role_ids)
            self.window.view.ensureVisible(self.window.scene.box_rect(role_ids[0]))

    def fixes_for(self, finding: Finding) -> list[Fix]:
        return fixes_for(finding, self.window.document.chart, self.window.catalogue)

    def apply_fix(self, fix: Fix) -> bool:
        """One suggested fix as one undoable step; validation runs again after it.

        What the fix made is selected (a new role, to fill in), or else the
        roles it changed.
        """
        before = self.window.document.chart
        applied = self._apply(
            fix.description, lambda chart: fix.apply(chart, self.window.catalogue)
        )
        after = self.window.document.chart
        added = [role.id for role in after.roles if role.id not in before]
        shown = added or [role_id for role_id in fix.roles if role_id in after]
        if applied and shown:
            self.window.show_roles(shown)
        return applied

    def explain_finding(self, finding: Finding) -> None:
        dialog = ExplainDialog(
            explain(finding, self.window.document.chart, self.window.catalogue), self.window
        )
        if dialog.exec() and dialog.chosen is not None:
            self.apply_fix(dialog.chosen)

    def finding_menu(self, finding: Finding, position: QPoint) -> None:
        self.fix_menu(finding).exec(position)

    def fix_menu(self, finding: Finding) -> QMenu:
        """Explain, then each fix: a finding's right-click menu."""
        menu = QMenu(self.window)
        menu.addAction("Explain…", lambda: self.explain_finding(finding))
        fixes = self.fixes_for(finding)
        if fixes:
            menu.addSeparator()
        for fix in fixes:
            action = menu.addAction(menu_text(f"Fix: {fix.description}"))
            action.triggered.connect(partial(self.apply_fix, fix))
        return menu

    def make_top_roles(self) -> None:
        selected = self.window.scene.selected_role_ids()
        if selected:
            self.move_roles(selected, None)

    def delete_selected(self) -> None:
        selected = self.window.scene.selected_role_ids()
        if not selected:
            return
        chart = self.window.document.chart
        chosen = set(selected)
        ordered = [role for role in chart.roles if role.id in chosen]
        moving = reports_moving_up(chart, selected)
        question = f"Delete {join_some([role.title for role in ordered])}?"
        if moving:
            them = "it" if len(selected) == 1 else "them"
            count = f"{counted(len(moving), 'role')} reporting to {them}"
            question += f" {count} will report to the next manager up, or to nobody if none."
        answer = QMessageBox.question(self.window, "Delete role", question)
        if answer == QMessageBox.StandardButton.Yes:
            redraw_under_closed_dialog()
            what = "role" if len(selected) == 1 else f"{len(selected)} roles"
            # The card that stays still: the manager of the first deleted role (in
            # the chart's order) whose manager stays; any other may be deleted too.
            anchor = next((role.manager for role in ordered if role.manager not in chosen), None)
            self._apply(f"Delete {what}", lambda c: remove_roles(c, selected), anchor=anchor)

    def duplicate_selected(self) -> None:
        selected = self.window.scene.selected_role_ids()
        if len(selected) != 1:
            return
        created: list[str] = []

        def edit(chart: Chart) -> Chart:
            new_chart, role_id = duplicate_role(chart, selected[0])
            created.append(role_id)
            return new_chart

        if self._apply("Duplicate role", edit, anchor=selected[0]) and created:
            self.window.scene.select_roles(created)
            self.window.view.ensureVisible(self.window.scene.box_rect(created[0]))

    def rename_in_place(self) -> None:
        """F2: a field over the selected card's title; Enter renames it, in one step."""
        selected = self.window.scene.selected_role_ids()
        if len(selected) != 1:
            return
        role = self.window.document.chart.role(selected[0])
        editor = self.window.view.edit_title(role.id, role.title)
        if editor is not None:
            editor.committed.connect(self.rename_role)

    def rename_role(self, role_id: str, title: str) -> None:
        role = self.window.document.chart.get(role_id)
        if role is not None and title != role.title:
            renamed = attrs.evolve(role, title=title)
            text = f"Rename {self.window.catalogue.label(role)} to “{title}”"
            self._apply(text, lambda chart: update_role(chart, renamed), anchor=role_id)

    def copy_selected(self) -> None:
        """Ctrl+C: the selected roles and everyone below them, to paste elsewhere."""
        selected = self.window.scene.selected_role_ids()
        if selected:
            self.copied = copy_team(self.window.document.chart, selected)
            what = counted(len(self.copied), "role")
            self.window.statusBar().showMessage(f"Copied {what}: select a card and paste.", 4000)

    def paste(self) -> None:
        """Ctrl+V: a vacant copy of what was copied, under the selected card
        (at the top when none is selected), as one undo step."""
        copied = self.copied
        selected = self.window.scene.selected_role_ids()
        if not copied or len(selected) > 1:
            return
        under = selected[0] if selected else None
        created: list[str] = []

        def edit(chart: Chart) -> Chart:
            new_chart, new_ids = paste_team(chart, copied, under)
            created.extend(new_ids)
            return new_chart

        what = "role" if len(copied) == 1 else f"team of {len(copied)}"
        where = "at the top"
        if under is not None:
            where = f"under {self.window.catalogue.label(self.window.document.chart.role(under))}"
        if self._apply(f"Paste {what}", edit, anchor=under) and created:
            self.window.scene.select_roles(created[:1])
            self.window.view.ensureVisible(self.window.scene.box_rect(created[0]))
            # The "Copied…: select a card and paste." hint has been followed.
            pasted = counted(len(created), "role")
            self.window.statusBar().showMessage(f"Pasted {pasted} {where}.", 4000)

    def edit_settings(self) -> None:
        dialog = ChartSettingsDialog(self.window.document.chart, self.window)
        if dialog.exec():
            edited = dialog.edited_chart()
            self._apply("Change chart settings", lambda _chart: edited)
