"""Opening a chart builds its scene with automatic garbage collection paused
(see orgmodel.memory.collection_paused), and collection resumes after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ui import main_window
from ui.chart_scene import ChartScene
from ui.main_window import MainWindow


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
