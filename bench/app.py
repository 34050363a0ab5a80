"""App timings for `make bench`: open to first paint, and an edit to updated findings.

Runs the real window offscreen. Each figure is the median of several runs;
the edits are several different moves (a card dragged onto another) in
each run, each undone before the next, and the slowest is reported too.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from bench.generate import generate_chart
from orgmodel.fileformat import save_chart
from orgmodel.hierarchy import below, forest
from orgmodel.model import Chart

SIZES = (1_000, 10_000, 50_000)
EDITS_PER_RUN = 15
"""Different moves per run: "edit to updated findings" is their median (issue #15)."""


def moves(chart: Chart, count: int, seed: int = 5) -> list[tuple[str, str]]:
    """Different (role, new manager) moves that the chart allows: no one moves
    under themselves or their own reports, nor to the manager they have."""
    rng = random.Random(seed)
    children = forest(chart)
    found: list[tuple[str, str]] = []
    for _attempt in range(100 * count):
        if len(found) == count:
            break
        mover, target = rng.sample(chart.roles, 2)
        below_mover = {role.id for role in below(children, mover.id)}
        move = (mover.id, target.id)
        if target.id != mover.manager and target.id not in below_mover and move not in found:
            found.append(move)
    if len(found) < count:
        raise ValueError(f"the chart of {len(chart)} roles allows too few different moves")
    return found


def measure(runs: int = 3, sizes: Iterable[int] = SIZES) -> dict[str, dict[str, float]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench"])
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        for size in sizes:
            path = Path(folder) / f"chart-{size}.orgm"
            chart = generate_chart(size)
            save_chart(chart, path)
            opens, edits = [], []
            planned = moves(chart, EDITS_PER_RUN)
            for _ in range(runs):
                window = MainWindow(settings=settings, autosave_folder=Path(folder) / "autosave")
                window.show()
                start = time.perf_counter()
                window.open_path(path)
                app.processEvents()
                window.view.viewport().grab()
                opens.append(time.perf_counter() - start)
                for mover, target in planned:
                    start = time.perf_counter()
                    window.move_roles([mover], target)
                    app.processEvents()
                    edits.append(time.perf_counter() - start)
                    window.document.undo_stack.undo()
                    app.processEvents()
                window.document.undo_stack.setClean()
                window.close()
                window.deleteLater()
                # processEvents() alone never runs deleteLater() outside an event
                # loop; without this, every run's window would stay in memory.
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
                app.processEvents()
            results[str(size)] = {
                "app open to first paint": statistics.median(opens),
                "edit to updated findings": statistics.median(edits),
                "slowest edit": max(edits),
            }
    return results
