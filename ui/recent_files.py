"""The recently opened charts: kept in the settings, listed in File > Open Recent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ui.appearance import menu_text

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MAX_RECENT = 8


class RecentFiles:
    """The charts last opened or saved, newest first, and the folder of the last."""

    def __init__(self, window: MainWindow, open_path: Callable[[str], object]) -> None:
        self.window = window
        self._open_path = open_path

    def remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self.paths() if p != str(path.resolve())]
        self.window.settings.setValue("files/recent", recent[:MAX_RECENT])
        self.window.settings.setValue("files/last_folder", str(path.resolve().parent))
        self.fill_menu()

    def paths(self) -> list[str]:
        value = self.window.settings.value("files/recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def last_folder(self) -> str:
        return str(self.window.settings.value("files/last_folder", str(Path.home())))

    def fill_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        recent = self.paths()
        names = [Path(path).name for path in recent]
        for number, path in enumerate(recent, start=1):
            name = Path(path).name
            # Files of one name in different folders: the folder tells them apart.
            shown = f"{name} ({Path(path).parent})" if names.count(name) > 1 else name
            action = menu.addAction(f"&{number} {menu_text(shown)}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self._open(p))
        menu.setToolTipsVisible(True)
        menu.setEnabled(bool(recent))

    def _open(self, path: str) -> None:
        if not Path(path).exists():
            # Gone since: say so once and take it off the list.
            self.window.settings.setValue("files/recent", [p for p in self.paths() if p != path])
            self.fill_menu()
            QMessageBox.warning(
                self.window,
                "Cannot open chart",
                f"{path} is no longer there; it is off the list now.",
            )
            return
        self._open_path(path)
