"""Saving never loses a version without the user choosing: a file changed on
disk behind the app, a read-only file, a crash between the save and the
autosave's clearing, an export that cannot be written."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import ui.file_commands
from orgmodel.fileformat import chart_to_json, load_chart, save_chart
from orgmodel.model import Chart, Role
from ui.disk_conflict import DiskChoice
from ui.main_window import MainWindow
from ui.render import ExportOptions

from .conftest import Dialogs, WindowFactory

THEIRS = Chart("Theirs", roles=[Role("T1", "Chief Executive Officer", "ceo", person="Kit Vale")])


def click_when_asked(button: str) -> list[str]:
    """Click ``button`` of the next message box; returns (later) the box's text."""
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        seen.append(f"{box.text()} {box.informativeText()}")
        for candidate in box.buttons():
            if candidate.text().replace("&", "") == button:
                candidate.click()
                return
        raise AssertionError(f"no {button!r} among {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)
    return seen


@pytest.fixture
def edited(window: MainWindow, samples: Path, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    """The enterprise sample opened from a folder of its own, with one role added."""
    target = tmp_path / "charts" / "enterprise.orgm"
    target.parent.mkdir()
    shutil.copyfile(samples / "enterprise.orgm", target)
    assert window.open_path(target)
    window.edits.add_role_of_kind("cmo", "E100")
    assert window.document.modified
    yield window, target
    # The file was changed behind the window: it must not ask once the test is over.
    window.document.stop_watching_disk()


def stop_asking(window: MainWindow) -> None:
    """The file on disk is still theirs, the chart still mine: in a moment the
    watcher would ask which to keep. pytest-qt runs the events at the start of
    the teardown, before the fixture stops the watcher, and nobody would answer
    (a CI run hung there)."""
    window.document.stop_watching_disk()


def replace_behind_the_app(target: Path) -> bytes:
    """What another program does: put its own version in place (atomically, as most do)."""
    save_chart(THEIRS, target)
    return target.read_bytes()


def test_overwrite_is_what_the_user_chose(edited: tuple[MainWindow, Path]) -> None:
    window, target = edited
    replace_behind_the_app(target)
    asked = click_when_asked("Overwrite")
    assert window.save()
    assert "changed by another program" in asked[0]
    assert load_chart(target) == window.document.chart
    assert not window.document.modified


def test_save_as_keeps_both_versions(
    edited: tuple[MainWindow, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, target = edited
    theirs = replace_behind_the_app(target)
    mine = window.document.chart
    other = tmp_path / "mine.orgm"
    monkeypatch.setattr(
        "ui.file_commands.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(other), "")
    )
    click_when_asked("Save As…")
    assert window.save()
    assert target.read_bytes() == theirs
    assert load_chart(other) == mine
    assert window.document.path == other


def test_reload_takes_the_other_version(edited: tuple[MainWindow, Path]) -> None:
    window, target = edited
    theirs = replace_behind_the_app(target)
    click_when_asked("Reload")
    assert not window.save()
    assert window.document.chart == THEIRS
    assert not window.document.modified
    assert target.read_bytes() == theirs


def test_cancel_loses_neither(edited: tuple[MainWindow, Path]) -> None:
    window, target = edited
    theirs = replace_behind_the_app(target)
    mine = window.document.chart
    click_when_asked("Cancel")
    assert not window.save()
    assert target.read_bytes() == theirs
    assert window.document.chart == mine and window.document.modified
    stop_asking(window)


def test_a_copy_over_in_place_is_noticed_too(edited: tuple[MainWindow, Path]) -> None:
    """``cp`` writes into the same file (same inode), maybe with the same size."""
    window, target = edited
    original = target.read_bytes()
    changed = original.replace(b'"name": "enterprise"', b'"name": "entErprise"', 1)
    assert changed != original and len(changed) == len(original)
    # Only a change in the same clock tick as the open would keep the same time.
    time.sleep(0.05)
    with target.open("r+b") as file:
        file.write(changed)
    asked = click_when_asked("Cancel")
    assert not window.save()
    assert asked, "the save did not ask"
    assert target.read_bytes() == changed
    stop_asking(window)


def test_a_file_touched_but_unchanged_is_saved_without_asking(
    edited: tuple[MainWindow, Path],
) -> None:
    window, target = edited
    later = time.time() + 5
    os.utime(target, (later, later))
    assert window.save()  # no box: nothing would be lost
    assert load_chart(target) == window.document.chart


def test_the_watcher_asks_while_the_chart_is_open(
    edited: tuple[MainWindow, Path], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, target = edited
    asked: list[tuple[bool, bool]] = []

    def answer(_parent: object, path: Path, *, saving: bool, modified: bool) -> DiskChoice:
        assert path == target
        asked.append((saving, modified))
        return DiskChoice.RELOAD

    monkeypatch.setattr(ui.file_commands, "ask_about_disk_change", answer)
    # Our own save is no change behind our back.
    window.edits.add_role_of_kind("cmo", "E100")
    assert window.save()
    qtbot.wait(2 * window.document.DISK_SETTLE_MS)
    assert asked == []
    window.edits.add_role_of_kind("cmo", "E100")
    replace_behind_the_app(target)
    qtbot.waitUntil(lambda: asked == [(False, True)], timeout=5000)
    qtbot.waitUntil(lambda: window.document.chart == THEIRS, timeout=5000)
    # And the reloaded chart is watched in turn: a second change is noticed too.
    save_chart(Chart("Third", roles=THEIRS.roles), target)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)
    assert window.document.chart.name == "Third"


def test_keeping_mine_asks_again_at_the_save(
    edited: tuple[MainWindow, Path], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, target = edited
    answers = [DiskChoice.KEEP, DiskChoice.OVERWRITE]
    asked: list[bool] = []

    def answer(_parent: object, _path: Path, *, saving: bool, modified: bool) -> DiskChoice:
        asked.append(saving)
        return answers.pop(0)

    monkeypatch.setattr(ui.file_commands, "ask_about_disk_change", answer)
    replace_behind_the_app(target)
    qtbot.waitUntil(lambda: asked == [False], timeout=5000)
    assert window.document.modified  # kept
    assert window.save()
    assert asked == [False, True]
    assert load_chart(target) == window.document.chart


def test_a_read_only_file_is_refused_and_save_as_offered(
    edited: tuple[MainWindow, Path],
    dialogs: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, target = edited
    before = target.read_bytes()
    target.chmod(0o444)
    other = tmp_path / "copy.orgm"
    monkeypatch.setattr(
        "ui.file_commands.QFileDialog.getSaveFileName", lambda *_a, **_k: (str(other), "")
    )
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert window.save()
    title, text = dialogs.said[-1]
    assert title == "Cannot save chart"
    assert "enterprise.orgm is read-only" in text and "another name" in text
    assert target.read_bytes() == before
    assert load_chart(other) == window.document.chart


def test_names_in_save_errors_are_escaped(
    window: MainWindow, tmp_path: Path, dialogs: Dialogs
) -> None:
    folder = tmp_path / "two\nlines"
    assert not window.files.save_to(folder / "x\x1b[2J.orgm")
    _title, text = dialogs.said[-1]
    assert "\n" not in text and "\x1b" not in text
    assert "two\\nlines" in text


def test_an_unwritable_export_says_the_file_and_the_reason_once(
    window: MainWindow, samples: Path, dialogs: Dialogs
) -> None:
    window.open_path(samples / "enterprise.orgm")
    said = len(dialogs.said)
    target = Path("/sys/orgmodel-test.pdf")  # sysfs refuses new files even to root
    assert not window.files.export_to(target, ExportOptions())
    assert len(dialogs.said) == said + 1
    title, text = dialogs.said[-1]
    assert title == "Cannot export"
    assert text.startswith("orgmodel-test.pdf could not be written (Permission denied)")


KILLED_BETWEEN_RENAME_AND_CLEAR = textwrap.dedent(
    """
    import os, signal, sys
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
    window.open_path(sys.argv[2])
    window.edits.add_role_of_kind("cmo", "E100")
    window.files.write_autosave()  # the one-minute timer: the autosave has one edit
    window.autosave.wait()
    window.edits.add_role_of_kind("cmo", "E100")  # the last edit, not yet autosaved
    # The save renames its file, and the process dies before the autosave is cleared.
    window.autosave.clear = lambda: os.kill(os.getpid(), signal.SIGKILL)
    window.save()
    """
)


def test_a_crash_between_the_save_and_clearing_offers_nothing_stale(
    make_window: WindowFactory, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    target = tmp_path / "enterprise.orgm"
    shutil.copyfile(samples / "enterprise.orgm", target)
    session = subprocess.run(
        [sys.executable, "-c", KILLED_BETWEEN_RENAME_AND_CLEAR, str(tmp_path), str(target)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert session.returncode == -signal.SIGKILL, session.stderr[-2000:]
    saved = load_chart(target)
    assert [r.kind for r in saved.roles].count("cmo") == 3  # both edits were saved
    autosave = tmp_path / "autosave"
    assert any(p.suffix == ".orgm" for p in autosave.iterdir())  # the stale autosave
    # A write killed part way left a temporary there too, long ago.
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = autosave / f".0123abcd.orgm.{dead.pid}-89abcdef.tmp"
    leftover.write_bytes(b"half")
    os.utime(leftover, (time.time() - 600, time.time() - 600))
    # And a note whose chart a kill kept from being written.
    orphan = autosave / "4567abcd.json"
    orphan.write_text(f'{{"original_path": null, "saved_at": "2026-01-01", "pid": {dead.pid}}}')
    restarted = make_window()
    said = len(dialogs.said)
    assert not restarted.files.offer_recovery()
    assert len(dialogs.said) == said  # nothing offered
    assert list(autosave.iterdir()) == []


def test_an_autosave_newer_than_the_file_is_still_offered(
    make_window: WindowFactory, samples: Path, tmp_path: Path, dialogs: Dialogs
) -> None:
    """The mark is no excuse to drop work: a save that did not complete leaves it offered."""
    target = tmp_path / "enterprise.orgm"
    shutil.copyfile(samples / "enterprise.orgm", target)
    window = make_window()
    window.open_path(target)
    window.edits.add_role_of_kind("cmo", "E100")
    window.files.write_autosave()
    window.autosave.wait()
    mine = window.document.chart
    window.autosave.mark_saving(target, "the digest of a save that never landed")
    info = next((tmp_path / "autosave").glob("*.json"))
    dead = subprocess.Popen(["true"])
    dead.wait()
    info.write_text(info.read_text().replace(f'"pid": {os.getpid()}', f'"pid": {dead.pid}'))
    restarted = make_window()
    assert restarted.files.offer_recovery()
    assert restarted.document.chart == mine
    assert chart_to_json(load_chart(target)) != chart_to_json(mine)


def test_the_export_dialog_refuses_a_read_only_file_before_any_work(
    window: MainWindow, tmp_path: Path
) -> None:
    from ui.export_dialog import ExportDialog

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF someone's")
    locked.chmod(0o444)
    dialog = ExportDialog(locked, None, window)
    dialog.accept()
    assert dialog.result() == 0  # still open: the user chooses another file
    assert "locked.pdf is read-only" in dialog.problem.text()
    dialog.path.setText(str(tmp_path / "free.pdf"))
    dialog.accept()
    assert dialog.result() == 1
    assert locked.read_bytes() == b"%PDF someone's"
