"""Graphviz runs on a worker: the window shows the tidy tree at once, then dot's layout,
and a result made for a chart that has since changed is never shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from orgmodel.graphviz_layout import choose_layout, dot_available, graphviz_layout
from orgmodel.layout import Layout, LayoutOptions
from orgmodel.model import Chart
from ui import layout_worker
from ui.layout_worker import GRAPHVIZ_RUNNING
from ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(not dot_available(), reason="Graphviz is installed by `make test`")


class GatedLayout:
    """choose_layout that holds each chart's run until the test releases that chart.

    Gates go by chart, not by call order: the pool may start a later request's
    run before an earlier one's.
    """

    def __init__(self) -> None:
        self._gates: dict[int, threading.Event] = {}
        self.calls = 0
        self.lock = threading.Lock()

    def _gate(self, chart: Chart) -> threading.Event:
        with self.lock:
            return self._gates.setdefault(id(chart), threading.Event())

    def release(self, chart: Chart) -> None:
        self._gate(chart).set()

    def __call__(
        self, chart: Chart, options: LayoutOptions, collapsed: frozenset[str], *, timeout: float
    ) -> Layout:
        gate = self._gate(chart)
        with self.lock:
            self.calls += 1
        gate.wait(30)
        return choose_layout(chart, options, collapsed, timeout=timeout)


def test_tidy_tree_is_shown_until_graphviz_arrives(
    window: MainWindow, samples: Path, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = GatedLayout()
    monkeypatch.setattr(layout_worker, "choose_layout", gated)
    window.open_path(samples / "overlaps-and-gaps.orgm")
    tidy = dict(window.scene.layout.boxes)
    window.dot_layout_action.trigger()
    scene = window.scene
    assert scene.graphviz is not None and scene.graphviz.pending is not None
    assert dict(scene.layout.boxes) == tidy and scene.layout.note == GRAPHVIZ_RUNNING
    assert GRAPHVIZ_RUNNING in window.statusBar().currentMessage()
    gated.release(window.document.chart)
    expected = graphviz_layout(window.document.chart, scene.options)
    qtbot.waitUntil(lambda: scene.layout == expected)  # type: ignore[attr-defined]
    assert dict(expected.boxes) != tidy
    assert {role_id: card.pos().x() for role_id, card in scene.cards.items()} == {
        role_id: box.x for role_id, box in expected.boxes.items()
    }
    assert not window.statusBar().currentMessage().startswith("Layout: ")


def test_a_layout_for_a_chart_since_edited_is_discarded(
    window: MainWindow, samples: Path, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = GatedLayout()
    monkeypatch.setattr(layout_worker, "choose_layout", gated)
    window.open_path(samples / "overlaps-and-gaps.orgm")
    window.dot_layout_action.trigger()
    scene = window.scene
    assert scene.graphviz is not None
    before = window.document.chart
    window.edits.move_roles(["G9"], "G7")  # the edit supersedes the run under way
    after = window.document.chart
    assert after is not before
    qtbot.waitUntil(lambda: gated.calls == 2)  # type: ignore[attr-defined]
    gated.release(after)  # the newer run ends first ...
    expected = graphviz_layout(after, scene.options)
    qtbot.waitUntil(lambda: scene.layout == expected)  # type: ignore[attr-defined]
    with qtbot.waitSignal(scene.graphviz._finished):  # type: ignore[attr-defined]
        gated.release(before)  # ... and the stale one after it
    qtbot.waitUntil(lambda: scene.graphviz.pending is None)  # type: ignore[attr-defined,union-attr]
    assert scene.layout == expected
    assert scene.layout != graphviz_layout(before, scene.options)
