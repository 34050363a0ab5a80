"""View commands of the main window: how the chart is shown, never what it says.

Nothing here is an edit: collapsing, levels, the layout engine and the
minimap change the view only, and take no undo step.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from orgmodel.layout import levels_of
from ui.canvas import LayoutEngine
from ui.window_parts import WindowParts


class ViewCommands(WindowParts):
    dot_layout_action: QAction
    minimap_action: QAction
    levels_menu: QMenu

    def layout_engine(self) -> LayoutEngine:
        return "dot" if self.dot_layout_action.isChecked() else "tidy"

    def toggle_dot_layout(self) -> None:
        self.settings.setValue("view/layout", self.layout_engine())
        self.scene.engine = self.layout_engine()
        self.scene.refresh()
        self.fit_or_reset()

    def fit_or_reset(self) -> None:
        """Show a new chart legibly (whole if it can be read so), or at 100% when it is empty."""
        if len(self.document.chart):
            self.view.show_legibly()
        else:
            self.view.reset_zoom()

    def select_all(self) -> None:
        self.scene.select_roles(list(self.scene.cards))

    def toggle_collapse(self) -> None:
        self.view.toggle_collapsed(self.scene.selected_role_ids())

    def minimap_toggle(self) -> QAction:
        """View ▸ Overview map, remembered between sessions."""
        action = QAction("Overview &map", self)
        action.setCheckable(True)
        action.setChecked(self.settings.value("view/minimap", "on") == "on")
        action.setToolTip("The whole chart small in a corner; click it to go there")
        action.toggled.connect(self.show_minimap)
        self.view.minimap.enabled = action.isChecked()
        return action

    def show_minimap(self, shown: bool) -> None:
        self.settings.setValue("view/minimap", "on" if shown else "off")
        self.view.minimap.enabled = shown
        self.view.minimap.follow_view()

    def add_levels_menu(self, view_menu: QMenu) -> QMenu:
        """View ▸ Show levels, filled for the chart shown each time it opens."""
        menu = view_menu.addMenu("Show &levels")
        menu.aboutToShow.connect(self._fill_levels_menu)
        return menu

    def _fill_levels_menu(self) -> None:
        """Top level only, Levels 1-2, ... down to every level of this chart, and All levels."""
        self.levels_menu.clear()
        deepest = max(levels_of(self.document.chart).values(), default=0)
        for levels in range(1, deepest):
            text = "Top level only" if levels == 1 else f"Levels 1\N{EN DASH}{levels}"
            self.levels_menu.addAction(text, partial(self.show_levels, levels))
        self.levels_menu.addAction("&All levels", partial(self.show_levels, None))

    def show_levels(self, levels: int | None) -> None:
        """Collapse the chart to its top levels (a view of it, as collapse is: no edit)."""
        self.scene.show_levels(levels)
        self.view.show_legibly()
