"""View commands of the main window: how the chart is shown, never what it says.

Nothing here is an edit: collapsing, levels, the layout engine and the
minimap change the view only, and take no undo step.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from orgmodel.layout import levels_of
from ui.canvas import LayoutEngine

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ViewCommands:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def layout_engine(self) -> LayoutEngine:
        return "dot" if self.window.dot_layout_action.isChecked() else "tidy"

    def toggle_dot_layout(self) -> None:
        self.window.settings.setValue("view/layout", self.layout_engine())
        self.window.scene.engine = self.layout_engine()
        self.window.scene.redraw()
        self.fit_or_reset()

    def fit_or_reset(self) -> None:
        """Show a new chart legibly (whole if it can be read so), or at 100% when it is empty."""
        if len(self.window.document.chart):
            self.window.view.show_legibly()
        else:
            self.window.view.reset_zoom()

    def select_all(self) -> None:
        scene = self.window.scene
        scene.make_pending()  # those of a big chart made after its first paint too
        scene.select_roles(list(scene.cards))

    def toggle_collapse(self) -> None:
        self.window.view.toggle_collapsed(self.window.scene.selected_role_ids())

    def minimap_toggle(self) -> QAction:
        """View ▸ Overview map, remembered between sessions."""
        action = QAction("Overview &map", self.window)
        action.setCheckable(True)
        action.setChecked(self.window.settings.value("view/minimap", "on") == "on")
        action.setToolTip("The whole chart small in a corner; click it to go there")
        action.toggled.connect(self.show_minimap)
        self.window.view.minimap.enabled = action.isChecked()
        return action

    def show_minimap(self, shown: bool) -> None:
        self.window.settings.setValue("view/minimap", "on" if shown else "off")
        self.window.view.minimap.enabled = shown
        self.window.view.minimap.follow_view()

    def add_levels_menu(self, view_menu: QMenu) -> QMenu:
        """View ▸ Show levels, filled for the chart shown each time it opens."""
        menu = view_menu.addMenu("Show &levels")
        menu.aboutToShow.connect(self._fill_levels_menu)
        return menu

    def _fill_levels_menu(self) -> None:
        """Top level only, Levels 1-2, ... down to every level of this chart, and All levels."""
        self.window.levels_menu.clear()
        deepest = max(levels_of(self.window.document.chart).values(), default=0)
        for levels in range(1, deepest):
            text = "Top level only" if levels == 1 else f"Levels 1\N{EN DASH}{levels}"
            self.window.levels_menu.addAction(text, partial(self.show_levels, levels))
        self.window.levels_menu.addAction("&All levels", partial(self.show_levels, None))

    def show_levels(self, levels: int | None) -> None:
        """Collapse the chart to its top levels (a view of it, as collapse is: no edit)."""
        self.window.scene.show_levels(levels)
        self.window.view.show_legibly()
