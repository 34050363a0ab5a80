"""The main window's menus and toolbar, laid out from the actions the window made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def add_menus_and_toolbar(window: MainWindow) -> tuple[QMenu, QMenu]:
    """Fill the menu bar and the toolbar; the Open Recent and Levels menus, to fill later."""
    keys = QKeySequence.StandardKey
    file_menu = window.menuBar().addMenu("&File")
    for action in (window.new_action, window.open_action, window.import_action):
        file_menu.addAction(action)
    recent_menu = file_menu.addMenu("Open &Recent")
    file_menu.addSeparator()
    file_menu.addAction(window.save_action)
    file_menu.addAction(window.save_as_action)
    file_menu.addSeparator()
    for action in (window.export_action, window.preview_action, window.print_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    edit_menu = window.menuBar().addMenu("&Edit")
    window.undo_action.setShortcuts(keys.Undo)
    window.redo_action.setShortcuts(keys.Redo)
    if not window.quit_action.shortcut().toString():
        window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    for action in (window.undo_action, window.redo_action):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    for action in (
        window.select_all_action,
        window.rename_action,
        window.copy_action,
        window.paste_action,
        window.delete_action,
        window.duplicate_action,
        window.top_action,
        window.find_action,
        window.find_next_action,
        window.find_previous_action,
    ):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    edit_menu.addAction(window.settings_action)
    view_menu = window.menuBar().addMenu("&View")
    for action in (
        window.zoom_in_action,
        window.zoom_out_action,
        window.fit_action,
        window.actual_size_action,
        window.collapse_action,
        window.dot_layout_action,
        window.minimap_action,
    ):
        view_menu.addAction(action)
    levels_menu = window.viewing.add_levels_menu(view_menu)
    view_menu.addSeparator()
    for dock in window._docks:
        view_menu.addAction(dock.toggleViewAction())

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    for action in (window.open_action, window.save_action):
        toolbar.addAction(action)
    # The menu's Undo says what it undoes; the toolbar's stays one short word.
    for text, trigger, source in (
        ("Undo", window.undo_group.undo, window.undo_action),
        ("Redo", window.undo_group.redo, window.redo_action),
    ):
        button = toolbar.addAction(text, trigger)
        button.setEnabled(source.isEnabled())
        source.enabledChanged.connect(button.setEnabled)
    toolbar.addSeparator()
    toolbar.addAction(window.fit_action)
    toolbar.addWidget(window.search)
    return recent_menu, levels_menu
