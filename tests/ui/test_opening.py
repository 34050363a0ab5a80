"""Opening a chart builds its scene, and an edit, its undo and its redo run,
and so does a fold of a team, with automatic garbage collection paused (see
orgmodel.memory.collection_paused); collection resumes after. What an edit
keeps is frozen (see ui.document.chart_update; test_edits_leave_no_cycles
holds the edits to leaving no garbage that only a collection would free)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from orgmodel.model import Chart
from orgmodel.rules.incremental import Validated
from ui import main_window
from ui.chart_scene import ChartScene
from ui.main_window import MainWindow

T = TypeVar("T")


def test_the_scene_is_built_with_collection_paused(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    class Watched(ChartScene):
        def refresh(self) -> None:
            seen.append(gc.isenabled())
            super().refresh()

    monkeypatch.setattr(main_window, "ChartScene", Watched)
    assert gc.isenabled()
    window.files.open_path(samples / "enterprise.orgm")
    assert isinstance(window.scene, Watched)
    assert seen and not seen[0]
    assert gc.isenabled()


def test_an_edit_its_undo_and_redo_run_with_collection_paused(
    window: MainWindow, samples: Path
) -> None:
    window.files.open_path(samples / "enterprise.orgm")
    seen: list[bool] = []
    window.document.changed.connect(lambda _record: seen.append(gc.isenabled()))
    first, second = window.document.chart.roles[-2:]
    window.edits.move_roles([second.id], first.id)
    window.document.undo_stack.undo()
    window.document.undo_stack.redo()
    assert window.document.chart.role(second.id).manager == first.id
    assert seen == [False, False, False]
    assert gc.isenabled()


def _frozen(kept: object) -> bool:
    return gc.is_tracked(kept) and not any(seen is kept for seen in gc.get_objects())


class _InACycle:
    def __init__(self) -> None:
        self.itself = self


def test_an_edit_freezes_what_it_keeps_once_what_came_before_is_collected(
    window: MainWindow, samples: Path
) -> None:
    window.files.open_path(samples / "enterprise.orgm")
    garbage = _InACycle()
    collected = weakref.ref(garbage)
    del garbage
    first, second = window.document.chart.roles[-2:]
    window.edits.move_roles([second.id], first.id)
    assert _frozen(window.document.chart)  # in no generation the collector walks
    assert collected() is None  # collected before the freeze, not kept by it
    assert gc.isenabled()


def test_opening_freezes_what_it_keeps_and_the_settling_after_collects_it(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chart just read is all young: a collection before or after showing
    it would walk all of it. Nothing is collected while it is shown; what
    the showing keeps is frozen, and the heap's settling, which follows
    every opening, collects any garbage frozen with it."""
    from ui import document
    from ui.document import settle_heap

    collected: list[weakref.ref[_InACycle]] = []
    validated = document.validated

    def leaving_garbage(chart: Chart, *args: object) -> Validated:
        garbage = _InACycle()  # as the showing of a chart might leave
        collected.append(weakref.ref(garbage))
        return validated(chart, *args)  # type: ignore[arg-type]

    collections: list[tuple[int, ...]] = []
    collect = gc.collect

    def counting(*generation: int) -> int:
        collections.append(generation)
        return collect(*generation)

    monkeypatch.setattr(document, "validated", leaving_garbage)
    monkeypatch.setattr(gc, "collect", counting)
    window.files.open_path(samples / "enterprise.orgm")
    assert len(collected) == 1
    assert collections == []
    assert _frozen(window.document.chart)
    assert collected[0]() is not None  # frozen with what the opening kept
    settle_heap()  # as the window does once the chart is shown
    assert collected[0]() is None
    assert _frozen(window.document.chart)
    assert gc.isenabled()


def test_the_chart_an_edit_makes_is_made_after_the_collection_that_begins_it(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collection an edit begins with walks what is young: the chart the
    edit makes must not be among it (at 50,000 roles walking it took 2-3 ms)."""
    from ui.document import settle_heap

    window.files.open_path(samples / "enterprise.orgm")
    settle_heap()  # as the window does once the chart is shown
    young_charts: list[int] = []
    collect = gc.collect

    def counting(*generation: int) -> int:
        young_charts.append(sum(isinstance(seen, Chart) for seen in gc.get_objects()))
        return collect(*generation)

    monkeypatch.setattr(gc, "collect", counting)
    first, second = window.document.chart.roles[-2:]
    window.edits.move_roles([second.id], first.id)
    assert window.document.chart.role(second.id).manager == first.id
    assert young_charts == [0]


def test_an_update_that_ends_in_an_error_freezes_nothing() -> None:
    from ui.document import chart_update

    kept = _InACycle()
    with pytest.raises(RuntimeError), chart_update():
        raise RuntimeError("a fault in a redraw")
    assert not _frozen(kept)
    assert gc.isenabled()


def test_an_edit_while_an_autosave_is_written_is_not_frozen_till_the_next(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A freeze would take in the objects the writing thread works with, and
    those it drops in a cycle would be kept: no freeze until it is done."""
    import threading

    from ui import autosave

    writing, go = threading.Event(), threading.Event()
    save = autosave.save_chart

    def held(*args: object, **kwargs: object) -> None:
        writing.set()
        go.wait(10)
        save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(autosave, "save_chart", held)
    window.files.open_path(samples / "enterprise.orgm")
    first, second = window.document.chart.roles[-2:]
    window.edits.rename_role(first.id, "Head of Field Marketing")
    window.files.write_autosave()
    assert writing.wait(10)
    window.edits.move_roles([second.id], first.id)
    assert not _frozen(window.document.chart)
    go.set()
    window.autosave.wait()
    window.edits.rename_role(first.id, "Head of Events")
    assert _frozen(window.document.chart)


def test_folding_a_team_or_another_layout_runs_under_a_busy_cursor_with_collection_paused(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    window.files.open_path(samples / "enterprise.orgm")
    scene = window.scene
    seen: list[tuple[bool, object]] = []
    real_refresh = scene.refresh

    def watched() -> None:
        cursor = QGuiApplication.overrideCursor()
        seen.append((gc.isenabled(), None if cursor is None else cursor.shape()))
        real_refresh()

    monkeypatch.setattr(scene, "refresh", watched)
    scene.toggle_collapsed("E232")
    scene.toggle_collapsed("E232")
    scene.show_levels(2)
    window.dot_layout_action.trigger()  # another layout engine: every card may move
    assert seen == [(False, Qt.CursorShape.WaitCursor)] * 4
    assert gc.isenabled() and QGuiApplication.overrideCursor() is None


def test_opening_or_reloading_a_chart_reads_validates_and_draws_it_under_a_busy_cursor(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 50,000 roles opening takes some 2 s: the window says it is busy."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from ui import document, file_commands

    seen: list[tuple[str, object]] = []

    def cursor() -> object:
        override = QGuiApplication.overrideCursor()
        return None if override is None else override.shape()

    def watched(name: str, real: Callable[..., T]) -> Callable[..., T]:
        def call(*args: object, **kwargs: object) -> T:
            seen.append((name, cursor()))
            return real(*args, **kwargs)

        return call

    class Watched(ChartScene):
        def refresh(self) -> None:
            seen.append(("draw", cursor()))
            super().refresh()

    monkeypatch.setattr(file_commands, "read_chart", watched("read", file_commands.read_chart))
    monkeypatch.setattr(document, "validated", watched("validate", document.validated))
    monkeypatch.setattr(main_window, "ChartScene", Watched)
    window.files.open_path(samples / "enterprise.orgm")
    window.files.reload()
    busy = Qt.CursorShape.WaitCursor
    assert seen == [("read", busy), ("validate", busy), ("draw", busy)] * 2
    assert QGuiApplication.overrideCursor() is None
