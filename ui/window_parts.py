"""What the main window's command mixins use of the window: declared once, for type checking."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMainWindow

    from orgmodel.catalogue import Catalogue
    from ui.canvas import ChartScene, ChartView
    from ui.document import ChartDocument

    class WindowParts(QMainWindow):
        """Provided by MainWindow."""

        document: ChartDocument
        scene: ChartScene
        view: ChartView
        catalogue: Catalogue
        settings: QSettings

        def show_roles(self, role_ids: list[str], origin: str | None = None) -> None: ...

else:
    WindowParts = object
