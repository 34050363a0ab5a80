"""A killed app's unsaved edits come back at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from orgmodel.fileformat import load_chart
from ui.main_window import MainWindow

from .conftest import Dialogs, WindowFactory

CRASHING_SESSION = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ui.main_window import MainWindow

    app = QApplication([])
    folder = Path(sys.argv[1])
    window = MainWindow(
        settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat),
        autosave_folder=folder / "autosave",
    )
    window.show()
    window.open_path(sys.argv[2])
    window.add_role_of_kind("cmo", "E100")
    window.write_autosave()  # what the one-minute timer does
    print("edited", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)
    """
)


def test_a_killed_session_is_restored_at_the_next_start(
    make_window: WindowFactory, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    session = subprocess.Popen(
        [sys.executable, "-c", CRASHING_SESSION, str(tmp_path), str(samples / "enterprise.orgm")],
        stdout=subprocess.PIPE,
        text=True,
        env=environment,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert session.stdout is not None
        assert session.stdout.readline().strip() == "edited"
    finally:
        session.send_signal(signal.SIGKILL)
        session.wait(timeout=30)
    assert session.returncode == -signal.SIGKILL
    restarted: MainWindow = make_window()
    assert restarted.offer_recovery()
    chart = restarted.document.chart
    original = load_chart(samples / "enterprise.orgm")
    assert len(chart) == len(original) + 1
    assert [r.kind for r in chart.roles].count("cmo") == 2
    assert restarted.isWindowModified()
    assert "enterprise.orgm" in dialogs.said[-1][1]
