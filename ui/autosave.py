"""Autosave of unsaved work, and recovery of what a crashed session left behind.

Each running window writes its unsaved chart to ``<session>.orgm`` in the
autosave folder, beside ``<session>.json`` naming the file it belongs to.
A clean close removes both; whatever is left by a process that is no longer
running came from a session that did not close cleanly, and is offered back.

A save marks the autosave first with the digest of what it is writing
(``mark_saving``), renames, then clears the autosave. A crash between the
rename and the clear leaves an autosave older than the saved file: the mark
shows the save went through, and it is not offered back.

Writing happens on a worker thread, one write at a time: a chart of 50,000
roles takes a third of a second to write, which would freeze the window
every minute. A chart is immutable, so the worker can write it while the
user edits the next one; the file replaces the old one whole (see
``save_chart``), so a crash mid-write leaves the previous autosave.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from attrs import frozen
from PySide6.QtCore import QStandardPaths

from orgmodel.atomic_write import (
    FileVersion,
    process_running,
    remove_stale_temporaries,
    write_atomically,
)
from orgmodel.errors import ChartReadError
from orgmodel.fileformat import load_chart, save_chart
from orgmodel.memory import background_work
from orgmodel.model import Chart


@frozen
class Recovery:
    chart: Chart
    original_path: Path | None
    saved_at: datetime
    files: tuple[Path, ...]

    def discard(self) -> None:
        for file in self.files:
            file.unlink(missing_ok=True)


def digest(data: bytes) -> str:
    """How an autosave's mark names the bytes a save is writing."""
    return hashlib.sha256(data).hexdigest()


def _saved_since(info: dict[str, object]) -> bool:
    """Whether the save this autosave was marked for went through (so it is older)."""
    saving = info.get("saving")
    if not isinstance(saving, dict):
        return False
    target, expected = saving.get("path"), saving.get("digest")
    if not isinstance(target, str) or not isinstance(expected, str):
        return False
    on_disk = FileVersion.read(Path(target))
    return on_disk is not None and on_disk.digest == expected


_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
"""One thread writes every window's autosaves, in the order they were asked for."""


class Autosave:
    def __init__(self, folder: Path, on_failure: Callable[[Exception], None] | None = None) -> None:
        """``on_failure`` is called when a write (on the writing thread) or a
        clear fails; autosave never stops the user's work."""
        self.folder = folder
        self.session = uuid.uuid4().hex
        self._chart_file = folder / f"{self.session}.orgm"
        self._info_file = folder / f"{self.session}.json"
        self._on_failure = on_failure
        self._pending: Future[None] | None = None
        self._written: tuple[Chart, Path | None] | None = None
        """What the last write asked for, so an unchanged chart is not written again."""

    def write(self, chart: Chart, original_path: Path | None) -> None:
        """Write the chart in the background, unless it is what was last written."""
        if self._written is not None:
            written_chart, written_path = self._written
            if written_chart is chart and written_path == original_path:
                return
        self._written = (chart, original_path)
        self._pending = _WRITER.submit(self._write_now, chart, original_path)

    @background_work
    def _write_now(self, chart: Chart, original_path: Path | None) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            info = {
                "original_path": None if original_path is None else str(original_path),
                "saved_at": datetime.now(UTC).isoformat(),
                "pid": os.getpid(),
            }
            # The note first: a chart is never left without one to say whose it is,
            # and a note without a chart is removed once its writer is gone.
            write_atomically(self._info_file, json.dumps(info).encode("utf-8"))
            save_chart(chart, self._chart_file)
        except Exception as error:  # any failure: reported, and the next write tries again
            self._written = None
            self._report(error)

    def mark_saving(self, target: Path, saving_digest: str) -> None:
        """Before a save renames its file: note in this session's autosave what is
        being saved where, so a crash before ``clear`` does not offer it back."""
        self._pending = _WRITER.submit(self._mark_now, target, saving_digest)
        self.wait()

    @background_work
    def _mark_now(self, target: Path, saving_digest: str) -> None:
        try:
            info = json.loads(self._info_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return  # nothing autosaved: nothing to mark
        except (OSError, ValueError) as error:
            self._report(error)
            return
        info["saving"] = {"path": str(target), "digest": saving_digest}
        try:
            write_atomically(self._info_file, json.dumps(info).encode("utf-8"))
        except OSError as error:
            self._report(error)

    def _report(self, error: Exception) -> None:
        if self._on_failure is None:
            return
        # A RuntimeError: the window it would tell has been closed meanwhile.
        with suppress(RuntimeError):
            self._on_failure(error)

    def wait(self) -> None:
        """Return once the writes asked for so far are done (they report their own failures)."""
        if self._pending is not None:
            wait([self._pending])

    def clear(self) -> None:
        """Remove this session's autosave (after any write under way)."""
        self.wait()
        self._written = None
        try:
            self._chart_file.unlink(missing_ok=True)
            self._info_file.unlink(missing_ok=True)
        except OSError as error:
            self._report(error)

    def recoveries(self) -> list[Recovery]:
        """Unsaved work left by other sessions, newest first; unreadable leftovers are skipped.

        Autosaves a completed save made obsolete are removed, not offered, and
        so are the temporaries of writes killed part way.
        """
        remove_stale_temporaries(self.folder)
        found = []
        for info_file in self.folder.glob("*.json"):
            chart_file = info_file.with_suffix(".orgm")
            if info_file.stem == self.session:
                continue
            try:
                info = json.loads(info_file.read_text(encoding="utf-8"))
                if process_running(info.get("pid")):
                    continue
                if _saved_since(info) or not chart_file.exists():
                    # Obsolete, or a note whose chart was never written or already cleared.
                    chart_file.unlink(missing_ok=True)
                    info_file.unlink(missing_ok=True)
                    continue
                chart = load_chart(chart_file)
                saved_at = datetime.fromisoformat(info["saved_at"])
                original = info.get("original_path")
            except (OSError, ValueError, KeyError, TypeError, AttributeError, ChartReadError):
                continue
            found.append(
                Recovery(
                    chart, Path(original) if original else None, saved_at, (chart_file, info_file)
                )
            )
        return sorted(found, key=lambda r: r.saved_at, reverse=True)


def default_autosave_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".orgmodel") / "autosave"
