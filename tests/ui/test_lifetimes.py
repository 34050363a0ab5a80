"""What an edit or a new document creates goes away again (style habit 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem

from ui import main_window
from ui.canvas import ChartScene
from ui.document import ChartDocument
from ui.main_window import MainWindow

from .conftest import card_point, drop_kind


def test_adding_and_removing_a_role_leaves_no_item_behind(
    window: MainWindow, samples: Path
) -> None:
    window.open_path(samples / "enterprise.orgm")
    items_before = len(window.scene.items())
    drop_kind(window.view, "cmo", card_point(window.view, "E100"))
    assert len(window.scene.items()) == items_before + 1
    window.delete_action.trigger()  # the new role is selected; the dialog answers yes
    assert len(window.scene.items()) == items_before
    assert set(window.scene.cards) == {role.id for role in window.document.chart}


def test_switching_documents_frees_the_old_scene_and_document(
    window: MainWindow, samples: Path
) -> None:
    for name in ("enterprise", "overlaps-and-gaps", "startup-fractional", "enterprise"):
        window.open_path(samples / f"{name}.orgm")
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(window.findChildren(ChartScene)) == 1
    assert len(window.findChildren(ChartDocument)) == 1
    assert window.undo_group.stacks() == [window.document.undo_stack]
    scene_items = [i for i in window.scene.items() if isinstance(i, QGraphicsItem)]
    scene = window.scene
    line_strips = [*scene.lines.dotted.strips.values(), *scene.lines.loops.strips.values()]
    assert line_strips
    expected = [*scene.cards.values(), scene.overview, scene.find_trail, *line_strips]
    assert len(scene.cards) == len(window.document.chart)
    assert sorted(map(id, scene_items)) == sorted(map(id, expected))


def test_opening_another_chart_lets_the_old_cards_go_before_the_new_are_made(
    window: MainWindow, samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_path(samples / "enterprise.orgm")
    old = window.scene
    assert old.cards and old.items()
    left_when_built: list[tuple[int, int]] = []

    class Watched(ChartScene):
        def refresh(self) -> None:
            left_when_built.append((len(old.items()), len(old.cards)))
            super().refresh()

    monkeypatch.setattr(main_window, "ChartScene", Watched)
    window.open_path(samples / "overlaps-and-gaps.orgm")
    assert left_when_built[0] == (0, 0)
    old.document.chart_changed.emit()  # the old scene follows its document no more
    assert not old.items() and not old.cards
    # The new chart is whole and editable.
    scene = window.scene
    assert set(scene.cards) == {role.id for role in window.document.chart}
    role = window.document.chart.roles[-1]
    window.edits.rename_role(role.id, "Renamed after the switch")
    assert scene.cards[role.id].content.title == "Renamed after the switch"
