"""App timings for `make bench`: open to first paint, an edit to updated findings,
and Ctrl+A, Delete of a 5,000-role chart to repaint.

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
from typing import TYPE_CHECKING

from bench.generate import generate_chart
from orgmodel.fileformat import save_chart
from orgmodel.hierarchy import below, forest
from orgmodel.model import Chart

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.main_window import MainWindow

SIZES = (1_000, 10_000, 50_000)
EDITS_PER_RUN = 15
"""Different moves per run: "edit to updated findings" is their median (issue #15)."""
DELETED = 5_000
DELETE = f"delete {DELETED}"
PLACED_LATER = "edit's cards out of sight placed later"
"""After an edit of a big chart, the cards it moved out of sight are moved in
batches once it is drawn (ui.card_placing): how long all of them take, when
placed at once, Qt's re-indexing included."""
MADE_LATER = "cards out of sight made after first paint"
"""A big chart's window makes the cards out of sight after its first paint,
a batch at a time (ui.making_later): how long until all of them are made."""
FOLD = "show 3 levels"
UNFOLD = "show all levels again"
FOLD_PEAK = "app peak MB, folding"
"""View > Levels: the top three levels of the chart, every role below them
folded away, then every level again (a change of how thousands of cards
show), in a process of their own: its peak memory is a figure of its own."""


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
            opens, makings, edits, placings = [], [], [], []
            planned = moves(chart, EDITS_PER_RUN)
            del chart  # the bench's own copy: not the app's memory (some 34 MB at 50,000)
            for _ in range(runs):
                window = MainWindow(settings=settings, autosave_folder=Path(folder) / "autosave")
                window.show()
                start = time.perf_counter()
                window.files.open_path(path)
                # What the event loop does first: posted events, the window's
                # paint among them. Not processEvents(): it would also run the
                # timers due, the heap's settling after the first paint among
                # them (ui.document.settle_heap), which the user sees follow it.
                QCoreApplication.sendPostedEvents()
                window.view.viewport().grab()
                opens.append(time.perf_counter() - start)
                makings.append(cards_made_seconds(app, window))
                look_a_moment(app)  # as a user does: the heap settles meanwhile
                for mover, target in planned:
                    start = time.perf_counter()
                    window.edits.move_roles([mover], target)
                    app.processEvents()
                    edits.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    window.scene.place_pending()
                    app.processEvents()  # Qt re-indexes the cards moved
                    placings.append(time.perf_counter() - start)
                    window.document.undo_stack.undo()
                    window.scene.place_pending()
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
                MADE_LATER: statistics.median(makings),
                "edit to updated findings": statistics.median(edits),
                "slowest edit": max(edits),
                PLACED_LATER: statistics.median(placings),
                DELETE: statistics.median(delete_all_seconds(settings, Path(folder), runs)),
            }
    return results


def measure_folds(size: int, runs: int = 3) -> dict[str, float]:
    """Seconds to show the top three levels of a generated chart of ``size``
    roles, and then every level again, to the repaint (medians of ``runs``)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench"])
    timings: dict[int | None, list[float]] = {3: [], None: []}
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "bench.ini"), QSettings.Format.IniFormat)
        path = Path(folder) / f"chart-{size}.orgm"
        save_chart(generate_chart(size), path)
        window = MainWindow(settings=settings, autosave_folder=Path(folder) / "autosave")
        window.show()
        window.files.open_path(path)
        cards_made_seconds(app, window)
        look_a_moment(app)
        for _ in range(runs):
            for levels, seconds in timings.items():
                start = time.perf_counter()
                window.viewing.show_levels(levels)
                app.processEvents()
                seconds.append(time.perf_counter() - start)
                window.scene.place_pending()
                app.processEvents()
        window.close()
    return {FOLD: statistics.median(timings[3]), UNFOLD: statistics.median(timings[None])}


def cards_made_seconds(app: QCoreApplication, window: MainWindow) -> float:
    """Seconds from now until the window has made every card (see ui.making_later)."""
    start = time.perf_counter()
    while window.scene.cards_waiting_to_be_made():
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def look_a_moment(app: QCoreApplication) -> None:
    """Let the window settle after a chart is shown (see ui.document.settle_heap)."""
    from ui.document import SETTLE_HEAP_MS

    until = time.perf_counter() + 2 * SETTLE_HEAP_MS / 1000
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)


def delete_all_seconds(settings: QSettings, folder: Path, runs: int) -> list[float]:
    """Seconds from Delete (all of a generated chart's roles selected, the question
    answered yes) to the repainted canvas, once per run."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.document import ChartDocument
    from ui.main_window import MainWindow

    app = QApplication.instance()
    assert app is not None
    chart = generate_chart(DELETED)
    timings = []
    asked = QMessageBox.question
    QMessageBox.question = staticmethod(  # type: ignore[method-assign]
        lambda *_args, **_kwargs: QMessageBox.StandardButton.Yes
    )
    try:
        for _ in range(runs):
            window = MainWindow(settings=settings, autosave_folder=folder / "autosave")
            window.show()
            window.set_document(ChartDocument(chart))
            cards_made_seconds(app, window)
            look_a_moment(app)
            window.select_all_action.trigger()
            app.processEvents()
            start = time.perf_counter()
            window.delete_action.trigger()
            app.processEvents()
            window.view.viewport().grab()
            timings.append(time.perf_counter() - start)
            assert not window.document.chart.roles
            window.document.undo_stack.setClean()
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            app.processEvents()
    finally:
        QMessageBox.question = asked  # type: ignore[method-assign]
    return timings
