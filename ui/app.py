"""Start the Orgmodel desktop application: ``orgmodel-gui [FILE]``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(args)
    QApplication.setApplicationName("Orgmodel")
    QApplication.setOrganizationName("Orgmodel")
    QApplication.setDesktopFileName("orgmodel")
    window = MainWindow()
    window.show()
    if not window.files.offer_recovery() and len(args) > 1:
        window.files.open_path(args[1])
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
