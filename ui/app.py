"""Start the Orgmodel desktop application: ``orgmodel-gui [FILE]``."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow

LOOK_FOR_SCREEN_MS = 20
"""How often the start looks whether the window is on screen yet."""
WAIT_FOR_SCREEN_MS = 2000
"""How long the start waits for the window to be on screen before it goes on."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(args)
    QApplication.setApplicationName("Orgmodel")
    QApplication.setOrganizationName("Orgmodel")
    QApplication.setDesktopFileName("orgmodel")
    window = MainWindow()
    window.show()
    # Recovery and the file named are opened in the window on screen: opening
    # 50,000 roles takes some 2 s, which only a window on screen can show
    # (ui.work_progress); before, the window stayed blank or unmapped meanwhile.
    when_on_screen(window, partial(open_at_start, window, args[1:]))
    return app.exec()


def open_at_start(window: MainWindow, files: Sequence[str]) -> None:
    """Offer back unsaved work, or else open the first file named."""
    if not window.files.offer_recovery() and files:
        window.files.open_path(files[0])


def when_on_screen(widget: QWidget, then: Callable[[], None], waited_ms: int = 0) -> None:
    """Do ``then`` once the widget's window is exposed (mapped on screen, and
    about to be drawn), or after WAIT_FOR_SCREEN_MS whatever happens; nothing
    if the widget is deleted meanwhile."""
    handle = widget.windowHandle()
    if (handle is not None and handle.isExposed()) or waited_ms >= WAIT_FOR_SCREEN_MS:
        then()
        return
    waited_ms += LOOK_FOR_SCREEN_MS
    look_again = partial(when_on_screen, widget, then, waited_ms)
    QTimer.singleShot(LOOK_FOR_SCREEN_MS, widget, look_again)


if __name__ == "__main__":
    raise SystemExit(main())
