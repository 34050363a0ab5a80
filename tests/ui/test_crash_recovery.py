"""A killed app's unsaved edits come back at the next start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from orgmodel.fileformat import load_chart
from orgmodel.model import Chart
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
    window.edits.add_role_of_kind("cmo", "E100")
    window.files.write_autosave()  # what the one-minute timer does
    window.autosave.wait()
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
    assert restarted.files.offer_recovery()
    chart = restarted.document.chart
    original = load_chart(samples / "enterprise.orgm")
    assert len(chart) == len(original) + 1
    assert [r.kind for r in chart.roles].count("cmo") == 2
    assert restarted.isWindowModified()
    assert "enterprise.orgm" in dialogs.said[-1][1]


def test_an_autosave_is_written_off_the_window_thread_once_per_change(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import ui.autosave

    window.open_path(samples / "enterprise.orgm")
    window.edits.add_role_of_kind("cmo", "E100")
    release = threading.Event()
    writers: list[str] = []
    save_chart = ui.autosave.save_chart

    def held_up(chart: Chart, path: Path) -> None:
        writers.append(threading.current_thread().name)
        assert release.wait(10), "the write held up the window's thread"
        save_chart(chart, path)

    monkeypatch.setattr(ui.autosave, "save_chart", held_up)
    window.files.write_autosave()  # a big chart's write: the window goes on meanwhile
    assert not list(window.autosave.folder.glob("*.orgm"))
    release.set()
    window.autosave.wait()
    assert len(list(window.autosave.folder.glob("*.orgm"))) == 1
    assert writers and writers[0] != threading.current_thread().name
    window.files.write_autosave()  # nothing changed since: nothing written
    window.autosave.wait()
    assert len(writers) == 1
    window.edits.add_role_of_kind("vp-marketing", "E100")
    window.files.write_autosave()
    window.autosave.wait()
    assert len(writers) == 2
    assert load_chart(next(window.autosave.folder.glob("*.orgm"))) == window.document.chart


def test_a_failed_autosave_is_reported_and_tried_again(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    import errno

    import ui.autosave

    window.open_path(samples / "enterprise.orgm")
    window.edits.add_role_of_kind("cmo", "E100")
    save_chart = ui.autosave.save_chart

    def full_disk(chart: Chart, path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ui.autosave, "save_chart", full_disk)
    window.files.write_autosave()
    window.autosave.wait()
    qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage())
    assert "No space left on device" in window.statusBar().currentMessage()
    monkeypatch.setattr(ui.autosave, "save_chart", save_chart)
    window.files.write_autosave()  # the same chart: written this time
    window.autosave.wait()
    assert len(list(window.autosave.folder.glob("*.orgm"))) == 1


def test_any_autosave_failure_is_reported_and_never_stops_the_user(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    import ui.autosave

    window.open_path(samples / "enterprise.orgm")
    window.edits.add_role_of_kind("cmo", "E100")

    def broken(chart: Chart, path: Path) -> None:
        raise ValueError("the encoder fell over")

    monkeypatch.setattr(ui.autosave, "save_chart", broken)
    window.files.write_autosave()
    window.autosave.wait()  # does not raise
    qtbot.waitUntil(lambda: "the encoder fell over" in window.statusBar().currentMessage())
    window.autosave.clear()  # nor does clearing after it, nor closing
    # An autosave folder that is a file: clearing fails, says so, and goes on.
    not_a_folder = window.autosave.folder.parent / "autosave-file"
    not_a_folder.write_text("in the way")
    told: list[Exception] = []
    ui.autosave.Autosave(not_a_folder, on_failure=told.append).clear()
    assert len(told) == 1 and isinstance(told[0], OSError)
