"""Graphviz layout on a worker thread, so the window keeps repainting while dot runs.

The domain call (orgmodel.graphviz_layout.choose_layout) stays pure; this only
carries a chart there and the layout back. Charts are immutable, so the worker
reads one without a lock.
"""

from __future__ import annotations

import contextlib

import attrs
from PySide6.QtCore import QObject, QThreadPool, Signal

from orgmodel.graphviz_layout import DOT_LIMIT, choose_layout, dot_available
from orgmodel.layout import Layout, LayoutOptions
from orgmodel.memory import background_work
from orgmodel.model import Chart
from orgmodel.tidy_tree import tidy_tree

GRAPHVIZ_RUNNING = "Graphviz is laying the chart out; the compact tree is shown meanwhile"
LayoutRequest = tuple[Chart, LayoutOptions, frozenset[str]]


def _same(one: LayoutRequest, other: LayoutRequest | None) -> bool:
    """The same chart (by identity: charts are immutable) and settings."""
    return other is not None and one[0] is other[0] and one[1:] == other[1:]


class GraphvizWorker(QObject):
    """Lays charts out with Graphviz off the GUI thread, keeping only the latest request's result.

    Lives in the GUI thread, so ``_finished`` is delivered there (a queued call).
    """

    ready = Signal()
    """The layout of the latest request arrived: ask ``layout_for`` again."""
    _finished = Signal(object, object)

    def __init__(self, timeout: float) -> None:
        # No Qt parent: the running lambda holds this object, so it outlives
        # a scene that closes while Graphviz is still working.
        super().__init__()
        self.timeout = timeout
        self.pending: LayoutRequest | None = None
        """The request last started and not yet back."""
        self._arrived: tuple[LayoutRequest, Layout] | None = None
        self._finished.connect(self._arrive)

    def layout_for(self, chart: Chart, options: LayoutOptions, collapsed: frozenset[str]) -> Layout:
        """The Graphviz layout of these inputs if it has arrived; else start it (once) and
        return the tidy tree, with a note saying Graphviz is on its way."""
        if len(chart) > DOT_LIMIT or not dot_available():
            return choose_layout(chart, options, collapsed)  # the tidy tree and why, at once
        request = (chart, options, collapsed)
        if self._arrived is not None and _same(request, self._arrived[0]):
            return self._arrived[1]
        if not _same(request, self.pending):
            self.pending = request
            QThreadPool.globalInstance().start(lambda: self._run(request))
        return attrs.evolve(tidy_tree(chart, options, collapsed), note=GRAPHVIZ_RUNNING)

    @background_work
    def _run(self, request: LayoutRequest) -> None:
        chart, options, collapsed = request
        layout = choose_layout(chart, options, collapsed, timeout=self.timeout)
        # The app may have shut down while Graphviz ran: then no one is waiting for it.
        with contextlib.suppress(RuntimeError):
            self._finished.emit(request, layout)

    def _arrive(self, request: LayoutRequest, layout: Layout) -> None:
        if not _same(request, self.pending):
            return  # a later edit superseded it; that edit's run is the one to wait for
        self.pending = None
        self._arrived = (request, layout)
        self.ready.emit()
