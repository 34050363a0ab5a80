"""A big chart's window makes the cards in sight for its first paint, and the
rest after it (ui.making_later): what it shows is the whole drawing all the
same, and whatever needs every card has them all."""

from __future__ import annotations

import gc
import time
import weakref

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from bench.generate import generate_chart
from orgmodel.edits import reparent
from orgmodel.hierarchy import forest
from orgmodel.model import Chart
from ui.canvas import READING_ZOOM
from ui.document import ChartDocument
from ui.main_window import MainWindow
from ui.placing_later import PLACE_LATER_FROM

from .conftest import WindowFactory

ROLES = 3_000


@pytest.fixture(scope="module")
def chart() -> Chart:
    return generate_chart(ROLES)


def opened(make_window: WindowFactory, chart: Chart) -> MainWindow:
    window = make_window()
    window.resize(1200, 800)
    window.set_document(ChartDocument(chart))
    return window


def seen_at(window: MainWindow, centre: QPointF) -> QImage:
    """The canvas centred on ``centre`` at the reading zoom, as painted."""
    view = window.view
    view.set_zoom(READING_ZOOM)
    view.centerOn(centre)
    return view.viewport().grab().toImage()


def alike(first: QImage, second: QImage) -> bool:
    """The same picture, but for a level of rounding where two cards' lines
    meet: cards made in another order are drawn in it, one over the other."""
    if first.size() != second.size() or first.format() != second.format():
        return False
    one, other = bytes(first.constBits()), bytes(second.constBits())
    return one == other or all(abs(a - b) <= 2 for a, b in zip(one, other, strict=True))


def every_card_in_place(window: MainWindow) -> None:
    scene = window.scene
    assert scene.cards.keys() == scene.layout.boxes.keys()
    for role_id, card in scene.cards.items():
        box = scene.layout.boxes[role_id]
        assert (card.x(), card.y()) == (box.x, box.y), role_id


def test_the_first_paint_makes_the_cards_in_sight_and_the_rest_follow(
    make_window: WindowFactory, chart: Chart, qtbot: QtBot
) -> None:
    assert ROLES >= PLACE_LATER_FROM
    window = opened(make_window, chart)
    scene = window.scene
    assert not scene.cards  # none drawn yet
    assert scene.cards_waiting_to_be_made() == ROLES
    window.view.viewport().grab()
    in_sight = len(scene.cards)
    assert 0 < in_sight < ROLES / 10
    grouped = scene.overview.blocks([])  # as the minimap groups them, with those made
    assert sum(map(len, grouped.values())) == in_sight
    qtbot.waitUntil(lambda: not scene.cards_waiting_to_be_made())
    every_card_in_place(window)
    # The blocks are grouped again with every card.
    assert sum(map(len, scene.overview.blocks([]).values())) == ROLES
    # Qt's index of the items is sized for every card, as when all are made at once.
    whole = opened(make_window, chart)
    whole.scene.make_pending()
    for each in (window, whole):
        each.view.viewport().grab()
    assert scene.bspTreeDepth() == whole.scene.bspTreeDepth() > 9


def test_what_the_first_paint_shows_is_the_whole_drawing(
    make_window: WindowFactory, chart: Chart
) -> None:
    """Cards made only where the views look: among them a manager away to the
    side whose line across its team runs through the view."""
    window = opened(make_window, chart)
    whole = opened(make_window, chart)
    whole.scene.make_pending()
    layout = window.scene.layout
    top = chart.derived(forest)[None][0]
    team = [layout.boxes[report.id] for report in chart.derived(forest)[top.id]]
    assert len(team) > 2
    below_top = layout.boxes[top.id].bottom + 20  # the line across its team
    places = [
        QPointF(layout.boxes[top.id].center_x, 300),
        QPointF((team[0].center_x + team[1].center_x) / 2, below_top),
        QPointF(team[-1].center_x, below_top + 500),
        QPointF(layout.width * 0.6, layout.height / 2),
        QPointF(layout.width * 0.3, layout.height - 200),
    ]
    far = abs(places[1].x() - layout.boxes[top.id].center_x)
    assert far > 3 * window.view.visible_rect().width()  # the manager's card is far out of sight
    for place in places:
        assert alike(seen_at(window, place), seen_at(whole, place)), place
    assert window.scene.cards_waiting_to_be_made() > ROLES / 2  # no batch ran meanwhile


def test_select_all_and_an_edit_right_after_opening_have_every_card(
    make_window: WindowFactory, chart: Chart
) -> None:
    window = opened(make_window, chart)
    window.select_all_action.trigger()
    assert len(window.scene.selected_role_ids()) == ROLES
    other = opened(make_window, chart)
    mover, manager = chart.roles[-1], chart.roles[1]
    other.document.apply("Move", lambda c: reparent(c, mover.id, manager.id))
    assert not other.scene.cards_waiting_to_be_made()
    other.scene.place_pending()
    every_card_in_place(other)


def test_a_card_not_yet_made_is_made_when_shown(make_window: WindowFactory, chart: Chart) -> None:
    window = opened(make_window, chart)
    last = chart.roles[-1].id
    assert last not in window.scene.cards
    window.view.show_card(last)
    card = window.scene.cards[last]
    assert window.view.visible_rect().contains(card.scene_card_rect())
    assert window.scene.cards_waiting_to_be_made() == ROLES - 1


def test_the_cards_wait_in_the_charts_order_and_only_those_asked_for_are_made(
    make_window: WindowFactory, chart: Chart
) -> None:
    window = opened(make_window, chart)
    scene = window.scene
    assert scene.making is not None
    assert list(scene.making.unmade) == list(scene.layout.boxes)
    picked = [chart.roles[-1].id, chart.roles[-2].id]
    scene.select_roles(picked)  # as find and the arrow keys do
    assert sorted(scene.selected_role_ids()) == sorted(picked)
    assert scene.cards_waiting_to_be_made() == ROLES - 2
    # A press on the canvas (the start of a drag) makes no card either.
    viewport = window.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=viewport.rect().center())
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=viewport.rect().center())
    assert scene.cards_waiting_to_be_made() > ROLES / 2


def test_a_chart_opened_after_one_seen_far_out_still_waits_to_make_its_cards(
    make_window: WindowFactory, chart: Chart
) -> None:
    window = opened(make_window, generate_chart(300))
    window.view.set_zoom(0.02)
    assert window.scene.overview_shown
    window.set_document(ChartDocument(chart))
    assert window.scene.cards_waiting_to_be_made() > ROLES / 2


def test_what_made_the_cards_is_let_go_once_they_are_made(
    make_window: WindowFactory, chart: Chart
) -> None:
    """It held the first drawing's chart and layout, with their tables."""
    window = opened(make_window, chart)
    first = weakref.ref(window.scene.layout)
    window.scene.make_pending()
    mover, manager = chart.roles[-1], chart.roles[1]
    window.document.apply("Move", lambda c: reparent(c, mover.id, manager.id))
    gc.collect()
    assert first() is None


def test_the_minimap_fills_in_as_the_cards_come(make_window: WindowFactory, chart: Chart) -> None:
    window = opened(make_window, chart)
    minimap, scene = window.view.minimap, window.scene
    scene.drawing_changed.emit()
    started = minimap._repaint.remainingTime()
    time.sleep(0.05)
    scene.drawing_changed.emit()  # a batch made: the repaint still comes when due
    assert 0 <= minimap._repaint.remainingTime() <= started - 40
    scene.make_pending()
    time.sleep(0.1)
    scene.drawing_changed.emit()  # all made: it waits for the edits to pause again
    assert minimap._repaint.remainingTime() > minimap._repaint.interval() - 40
